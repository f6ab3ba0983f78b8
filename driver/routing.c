// SPDX-License-Identifier: GPL-2.0
/*
 * faxport: routing methods, what the DSP engine does with a received fax.
 *
 * The kernel is the one place that knows which methods exist, whether each
 * runs on each port and with what routing info, and in which order they
 * run. Clients change that through their port and server handles; the DSP
 * engine reads it (and installs its configured defaults) through its
 * attached file, so there is no second copy of the settings to disagree.
 */
#include <linux/ctype.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "faxport.h"

static_assert(sizeof(struct faxport_routing_method) == 544);
static_assert(sizeof(struct faxport_routing_list) == 16);
static_assert(sizeof(struct faxport_routing_set) == 280);
static_assert(sizeof(struct faxport_routing_priority) == 32);

#define FAXPORT_ROUTING_SET_FLAGS (FAXPORT_ROUTING_SET_ENABLED | \
				   FAXPORT_ROUTING_SET_INFO | \
				   FAXPORT_ROUTING_SET_DEFAULT)

struct faxport_routing_desc {
	u8 guid[16];
	const char *function_name;
	const char *friendly_name;
	bool enabled_by_default;
	bool info_is_a_name;
};

/* The engine that carries the methods out. */
#define FAXPORT_ROUTING_EXTENSION_IMAGE		"faxd"
#define FAXPORT_ROUTING_EXTENSION_NAME		"faxd routing"

/* In priority order as the module loads. */
static const struct faxport_routing_desc faxport_routing_descs[FAXPORT_ROUTING_METHODS] = {
	{
		.guid = FAXPORT_ROUTING_GUID_STORE_IN_FOLDER,
		.function_name = "StoreInFolder",
		.friendly_name = "Store in a folder",
		.enabled_by_default = true,
	},
	{
		.guid = FAXPORT_ROUTING_GUID_RUN_COMMAND,
		.function_name = "RunCommand",
		.friendly_name = "Run a command",
		.enabled_by_default = false,
		/*
		 * FAX_PORT_SET lets a fax administrator choose among the
		 * commands root defined in the engine's configuration, never
		 * hand the engine a program of its own: a name cannot carry a
		 * path, an argument or a blank.
		 */
		.info_is_a_name = true,
	},
};

/* Protects faxport_routing_priorities: always a permutation of 1..N. */
static DEFINE_MUTEX(faxport_routing_lock);
static u32 faxport_routing_priorities[FAXPORT_ROUTING_METHODS] = { 1, 2 };
/* A new method needs its place in the initial order above. */
static_assert(FAXPORT_ROUTING_METHODS == 2);

/* The index of the method with @guid, or -ENOENT. */
static int faxport_routing_find(const u8 *guid)
{
	int i;

	for (i = 0; i < FAXPORT_ROUTING_METHODS; i++)
		if (!memcmp(faxport_routing_descs[i].guid, guid, 16))
			return i;
	return -ENOENT;
}

/**
 * faxport_routing_port_init() - a new port's routing: the methods' defaults
 * @port: the port, not yet visible to anyone
 */
void faxport_routing_port_init(struct faxport_port *port)
{
	int i;

	for (i = 0; i < FAXPORT_ROUTING_METHODS; i++)
		port->routing[i].enabled = faxport_routing_descs[i].enabled_by_default;
}

/* Method indexes in the order they run. */
static void faxport_routing_order(int order[FAXPORT_ROUTING_METHODS],
				  u32 priorities[FAXPORT_ROUTING_METHODS])
{
	int i;

	mutex_lock(&faxport_routing_lock);
	memcpy(priorities, faxport_routing_priorities,
	       sizeof(faxport_routing_priorities));
	mutex_unlock(&faxport_routing_lock);
	/* Priorities are a permutation of 1..N: each names its own slot. */
	for (i = 0; i < FAXPORT_ROUTING_METHODS; i++)
		order[priorities[i] - 1] = i;
}

/*
 * FaxEnumRoutingMethods (@port given) and FaxEnumGlobalRoutingInfo (@port
 * NULL): fills the caller's array in priority order.
 */
static long faxport_routing_list(struct faxport_port *port,
				 struct faxport_routing_list __user *uarg)
{
	struct faxport_routing_method *methods;
	struct faxport_routing_list list;
	u32 priorities[FAXPORT_ROUTING_METHODS];
	int order[FAXPORT_ROUTING_METHODS];
	u32 filled, i;
	long ret = 0;

	if (copy_from_user(&list, uarg, sizeof(list)))
		return -EFAULT;
	if (list.method_size != sizeof(*methods))
		return -EINVAL;
	filled = min_t(u32, list.count, FAXPORT_ROUTING_METHODS);
	methods = kcalloc(FAXPORT_ROUTING_METHODS, sizeof(*methods), GFP_KERNEL);
	if (!methods)
		return -ENOMEM;

	faxport_routing_order(order, priorities);
	for (i = 0; i < filled; i++) {
		const struct faxport_routing_desc *desc =
			&faxport_routing_descs[order[i]];
		struct faxport_routing_method *m = &methods[i];

		memcpy(m->guid, desc->guid, sizeof(m->guid));
		m->priority = priorities[order[i]];
		strscpy(m->function_name, desc->function_name,
			sizeof(m->function_name));
		strscpy(m->friendly_name, desc->friendly_name,
			sizeof(m->friendly_name));
		strscpy(m->extension_image_name, FAXPORT_ROUTING_EXTENSION_IMAGE,
			sizeof(m->extension_image_name));
		strscpy(m->extension_friendly_name,
			FAXPORT_ROUTING_EXTENSION_NAME,
			sizeof(m->extension_friendly_name));
	}
	if (port) {
		mutex_lock(&port->lock);
		for (i = 0; i < filled; i++) {
			const struct faxport_port_routing *state =
				&port->routing[order[i]];

			methods[i].enabled = state->enabled;
			methods[i].flags = state->configured ?
					   FAXPORT_ROUTING_CONFIGURED : 0;
			strscpy(methods[i].info, state->info,
				sizeof(methods[i].info));
		}
		mutex_unlock(&port->lock);
	}

	if (filled && copy_to_user(u64_to_user_ptr(list.methods), methods,
				   filled * sizeof(*methods)))
		ret = -EFAULT;
	kfree(methods);
	if (!ret && put_user(FAXPORT_ROUTING_METHODS, &uarg->count))
		ret = -EFAULT;
	return ret;
}

/* A command's name: a letter or digit, then letters, digits, '.', '_', '-'. */
static bool faxport_routing_name_valid(const char *name)
{
	size_t length = strlen(name);
	size_t i;

	if (length >= FAXPORT_ROUTING_COMMAND_NAME_SIZE || !isalnum(name[0]))
		return false;
	for (i = 1; i < length; i++)
		if (!isalnum(name[i]) && !strchr("._-", name[i]))
			return false;
	return true;
}

/* Routing info: "", a command's name, or an absolute folder path. */
static bool faxport_routing_info_valid(const struct faxport_routing_desc *desc,
				       const char *info, size_t size)
{
	const char *end = memchr(info, '\0', size);

	if (!end)
		return false;
	/* Bytes after the NUL are zero, so nothing hides behind it. */
	if (memchr_inv(end, 0, size - (end - info)))
		return false;
	if (!*info)
		return true;
	if (desc->info_is_a_name)
		return faxport_routing_name_valid(info);
	if (*info != '/')
		return false;
	return faxport_text_valid(info);
}

static long faxport_routing_set(struct faxport_port_file *pf,
				const struct faxport_routing_set __user *uarg)
{
	struct faxport_port *port = pf->port;
	struct faxport_port_routing *state;
	struct faxport_routing_set *set;
	bool allowed;
	long ret = 0;
	int method;

	mutex_lock(&pf->lock);
	allowed = pf->kind == FAXPORT_FILE_DSP ||
		  (pf->kind == FAXPORT_FILE_HANDLE &&
		   pf->mode == FAXPORT_OPEN_MODIFY &&
		   (pf->rights & FAXPORT_RIGHT_PORT_SET));
	mutex_unlock(&pf->lock);
	if (!allowed)
		return -EACCES;

	set = memdup_user(uarg, sizeof(*set));
	if (IS_ERR(set))
		return PTR_ERR(set);
	if ((set->flags & ~FAXPORT_ROUTING_SET_FLAGS) ||
	    !(set->flags & (FAXPORT_ROUTING_SET_ENABLED |
			    FAXPORT_ROUTING_SET_INFO)) ||
	    set->enabled > 1 ||
	    (set->enabled && !(set->flags & FAXPORT_ROUTING_SET_ENABLED))) {
		ret = -EINVAL;
		goto out;
	}
	/* A method that does not exist says so before its info is judged. */
	method = faxport_routing_find(set->guid);
	if (method < 0) {
		ret = method;
		goto out;
	}
	if (set->flags & FAXPORT_ROUTING_SET_INFO) {
		if (!faxport_routing_info_valid(&faxport_routing_descs[method],
						set->info, sizeof(set->info)))
			ret = -EINVAL;
	} else if (memchr_inv(set->info, 0, sizeof(set->info))) {
		ret = -EINVAL;
	}
	if (ret)
		goto out;

	mutex_lock(&port->lock);
	state = &port->routing[method];
	if (port->dead) {
		ret = -ENODEV;
	} else if ((set->flags & FAXPORT_ROUTING_SET_DEFAULT) &&
		   state->configured) {
		ret = -EEXIST;
	} else {
		if (set->flags & FAXPORT_ROUTING_SET_ENABLED)
			state->enabled = set->enabled;
		if (set->flags & FAXPORT_ROUTING_SET_INFO)
			strscpy(state->info, set->info, sizeof(state->info));
		state->configured = true;
	}
	mutex_unlock(&port->lock);
	if (!ret)
		faxport_config_event(FAXPORT_CONFIG_CHANGED_ROUTING);
out:
	kfree(set);
	return ret;
}

/**
 * faxport_routing_port_ioctl() - the routing ioctls of a port file
 * @pf: a port handle or the port's DSP engine (-EBADFD otherwise)
 * @cmd: %FAXPORT_IOC_ROUTING_LIST or %FAXPORT_IOC_ROUTING_SET
 * @uarg: the user argument
 *
 * Return: 0 or a negative errno, as the uAPI header documents.
 */
long faxport_routing_port_ioctl(struct faxport_port_file *pf,
				unsigned int cmd, void __user *uarg)
{
	enum faxport_port_file_kind kind = READ_ONCE(pf->kind);

	if (kind != FAXPORT_FILE_HANDLE && kind != FAXPORT_FILE_DSP)
		return -EBADFD;
	if (cmd == FAXPORT_IOC_ROUTING_LIST)
		return faxport_routing_list(pf->port, uarg);
	return faxport_routing_set(pf, uarg);
}

static long faxport_routing_set_priority(const struct faxport_routing_priority __user *uarg)
{
	struct faxport_routing_priority req;
	u32 old, i;
	int method;

	if (copy_from_user(&req, uarg, sizeof(req)))
		return -EFAULT;
	if (req.flags || req.reserved[0] || req.reserved[1] ||
	    req.priority < 1 || req.priority > FAXPORT_ROUTING_METHODS)
		return -EINVAL;
	method = faxport_routing_find(req.guid);
	if (method < 0)
		return method;

	mutex_lock(&faxport_routing_lock);
	old = faxport_routing_priorities[method];
	/* The methods between the old and the new place move by one. */
	for (i = 0; i < FAXPORT_ROUTING_METHODS; i++) {
		u32 *p = &faxport_routing_priorities[i];

		if (req.priority < old && *p >= req.priority && *p < old)
			(*p)++;
		else if (req.priority > old && *p > old && *p <= req.priority)
			(*p)--;
	}
	faxport_routing_priorities[method] = req.priority;
	mutex_unlock(&faxport_routing_lock);
	faxport_config_event(FAXPORT_CONFIG_CHANGED_ROUTING);
	return 0;
}

/**
 * faxport_routing_server_ioctl() - the routing ioctls of a server handle
 * @srv: the server handle, past its handshake
 * @cmd: %FAXPORT_IOC_ROUTING_GLOBAL_LIST or %FAXPORT_IOC_ROUTING_PRIORITY
 * @uarg: the user argument
 *
 * Return: 0 or a negative errno, as the uAPI header documents.
 */
long faxport_routing_server_ioctl(struct faxport_server_handle *srv,
				  unsigned int cmd, void __user *uarg)
{
	if (cmd == FAXPORT_IOC_ROUTING_GLOBAL_LIST) {
		if (!(srv->rights & FAXPORT_RIGHT_CONFIG_QUERY))
			return -EACCES;
		return faxport_routing_list(NULL, uarg);
	}
	if (!(srv->rights & FAXPORT_RIGHT_CONFIG_SET))
		return -EACCES;
	return faxport_routing_set_priority(uarg);
}
