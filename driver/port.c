// SPDX-License-Identifier: GPL-2.0
/*
 * faxport: port objects and port handles.
 *
 * A port lives as long as its device has references: the registry holds
 * one, every open file of its node holds one, and a call holds one on its
 * peer. Removal takes the port out of the registry and the device model
 * and marks it dead; files still open see -ENODEV and EPOLLHUP until they
 * are closed, and the last reference frees the port.
 */
#include <linux/capability.h>
#include <linux/ctype.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/idr.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/xarray.h>

#include "faxport.h"

static_assert(sizeof(struct faxport_port_info) == 184);
static_assert(sizeof(struct faxport_port_bind) == 16);
static_assert(sizeof(struct faxport_port_config) == 80);

#define FAXPORT_MAX_RINGS	FAXPORT_RINGS_MAX
#define FAXPORT_MAX_IDENT_LEN	20	/* T.30 station identifiers */

/* Serialises adding, removing, finding and listing ports. */
DEFINE_MUTEX(faxport_ports_lock);
/* DeviceId -> port, for the ports that exist; under faxport_ports_lock. */
static DEFINE_XARRAY_ALLOC1(faxport_ports);
static u32 faxport_next_id = 1;
static DEFINE_IDA(faxport_minors);

/**
 * faxport_string_terminated() - is there a NUL within the array?
 * @s: a string array copied from userspace
 * @size: its size
 *
 * Return: true when @s is a C string that fits.
 */
bool faxport_string_terminated(const char *s, size_t size)
{
	return !!memchr(s, '\0', size);
}

/**
 * faxport_number_valid() - is this a phone number on the exchange?
 * @number: a NUL-terminated string
 *
 * Return: true for one or more of the digits, '*', '#' and '+'.
 */
bool faxport_number_valid(const char *number)
{
	const char *c;

	if (!*number)
		return false;
	for (c = number; *c; c++)
		if (!isdigit(*c) && *c != '*' && *c != '#' && *c != '+')
			return false;
	return true;
}

/*
 * What a dial string may hold besides what is dialed: a pause (','), waits
 * for a dial tone ('W') or a second tone, tone or pulse dialing ('T', 'P'),
 * a hook flash ('!'), and the separators of the canonical form people and
 * address books write ("+1 (425) 555-0100").
 */
static bool faxport_dial_modifier(char c)
{
	return c && strchr(",WwPpTt! ()-./", c);
}

static bool faxport_dial_digit(char c)
{
	return isdigit(c) || c == '*' || c == '#' || c == '+';
}

/**
 * faxport_dial_string_valid() - may a job or a line dial this?
 * @dial: a NUL-terminated string
 *
 * Port numbers stay what faxport_number_valid() accepts; a recipient is
 * dialed, so it may also carry pauses, waits and the canonical form's
 * separators, which are kept for the line to interpret or ignore.
 *
 * Return: true for digits, '*', '#', '+' (at least one digit, '*' or '#')
 * mixed with ',', 'W', 'P', 'T' (either case), '!', ' ', '(', ')', '-',
 * '.' and '/'.
 */
bool faxport_dial_string_valid(const char *dial)
{
	bool dials = false;
	const char *c;

	for (c = dial; *c; c++) {
		if (isdigit(*c) || *c == '*' || *c == '#')
			dials = true;
		else if (*c != '+' && !faxport_dial_modifier(*c))
			return false;
	}
	return dials;
}

/**
 * faxport_dial_digits() - the number a dial string calls
 * @dial: a string faxport_dial_string_valid() accepts
 * @digits: receives its digits, '*', '#' and '+', in order
 * @size: the size of @digits, at least 1
 *
 * The loopback exchange looks the called port up by this: its ports have
 * no outside line to pause for.
 */
void faxport_dial_digits(const char *dial, char *digits, size_t size)
{
	size_t n = 0;

	for (; *dial && n + 1 < size; dial++)
		if (faxport_dial_digit(*dial))
			digits[n++] = *dial;
	digits[n] = '\0';
}

/**
 * faxport_ident_valid() - is this a T.30 station id?
 * @ident: a NUL-terminated string
 *
 * Return: true for at most 20 printable ASCII characters.
 */
bool faxport_ident_valid(const char *ident)
{
	const char *c;

	if (strlen(ident) > FAXPORT_MAX_IDENT_LEN)
		return false;
	for (c = ident; *c; c++)
		if ((unsigned char)*c < 0x20 || (unsigned char)*c > 0x7e)
			return false;
	return true;
}

/* Length of the UTF-8 sequence at s, or 0 if it is not valid UTF-8. */
static int faxport_utf8_sequence(const unsigned char *s)
{
	u32 cp;
	int len, i;

	if (s[0] < 0x80)
		return 1;
	if ((s[0] & 0xe0) == 0xc0) {
		len = 2;
		cp = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		len = 3;
		cp = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		len = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;	/* also stops at the NUL */
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	/* No overlong forms, no surrogates, nothing beyond U+10FFFF. */
	if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
	    (len == 4 && cp < 0x10000) || cp > 0x10ffff ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

/*
 * Is the valid UTF-8 sequence at s one no name may hold? The C1 controls
 * (U+0080..U+009F, C2 80..C2 9F), which terminals obey like ESC, and the
 * bidi embeddings, overrides and isolates (U+202A..U+202E, U+2066..U+2069),
 * which make a name show in another order than it is stored.
 */
static bool faxport_utf8_forbidden(const unsigned char *s, int len)
{
	if (len == 2)
		return s[0] == 0xc2 && s[1] <= 0x9f;
	if (len == 3 && s[0] == 0xe2)
		return (s[1] == 0x80 && s[2] >= 0xaa && s[2] <= 0xae) ||
		       (s[1] == 0x81 && s[2] >= 0xa6 && s[2] <= 0xa9);
	return false;
}

/**
 * faxport_text_valid() - is this free text a client may give a name?
 * @text: a NUL-terminated string
 *
 * Return: true for valid UTF-8 without control characters (C0, DEL, C1)
 * and without bidi embeddings, overrides or isolates.
 */
bool faxport_text_valid(const char *text)
{
	const unsigned char *c = (const unsigned char *)text;
	int len;

	while (*c) {
		if (*c < 0x20 || *c == 0x7f)
			return false;
		len = faxport_utf8_sequence(c);
		if (!len || faxport_utf8_forbidden(c, len))
			return false;
		c += len;
	}
	return true;
}

/* Called with faxport_ports_lock held. */
static struct faxport_port *faxport_port_by_number_locked(const char *number)
{
	struct faxport_port *port;
	unsigned long id;

	lockdep_assert_held(&faxport_ports_lock);
	xa_for_each(&faxport_ports, id, port)
		if (!strcmp(port->number, number))
			return port;
	return NULL;
}

/**
 * faxport_port_get_by_number() - find the port that has a phone number
 * @number: the number dialed
 *
 * Return: the port with a device reference the caller must put, or NULL.
 */
struct faxport_port *faxport_port_get_by_number(const char *number)
{
	struct faxport_port *port;

	mutex_lock(&faxport_ports_lock);
	port = faxport_port_by_number_locked(number);
	if (port)
		get_device(&port->dev);
	mutex_unlock(&faxport_ports_lock);
	return port;
}

static void faxport_port_dev_release(struct device *dev)
{
	struct faxport_port *port = to_faxport_port(dev);

	faxport_line_free(port);
	mutex_destroy(&port->lock);
	kfree(port);
	faxport_object_gone(FAXPORT_OBJECT_PORT);
}

/* sysfs: every attribute a port has, read-only; changes go through ioctls. */
static ssize_t faxport_show_u32(struct device *dev, char *buf,
				const char *fmt, size_t offset)
{
	struct faxport_port *port = to_faxport_port(dev);
	ssize_t len;

	mutex_lock(&port->lock);
	len = sysfs_emit(buf, fmt, *(u32 *)((char *)port + offset));
	mutex_unlock(&port->lock);
	return len;
}

static ssize_t faxport_show_string(struct device *dev, char *buf,
				   size_t offset)
{
	struct faxport_port *port = to_faxport_port(dev);
	ssize_t len;

	mutex_lock(&port->lock);
	len = sysfs_emit(buf, "%s\n", (char *)port + offset);
	mutex_unlock(&port->lock);
	return len;
}

static ssize_t device_id_show(struct device *dev,
			      struct device_attribute *attr, char *buf)
{
	return faxport_show_u32(dev, buf, "%u\n",
				offsetof(struct faxport_port, device_id));
}
static DEVICE_ATTR_RO(device_id);

static ssize_t flags_show(struct device *dev, struct device_attribute *attr,
			  char *buf)
{
	return faxport_show_u32(dev, buf, "0x%x\n",
				offsetof(struct faxport_port, flags));
}
static DEVICE_ATTR_RO(flags);

static ssize_t rings_show(struct device *dev, struct device_attribute *attr,
			  char *buf)
{
	return faxport_show_u32(dev, buf, "%u\n",
				offsetof(struct faxport_port, rings));
}
static DEVICE_ATTR_RO(rings);

static ssize_t priority_show(struct device *dev,
			     struct device_attribute *attr, char *buf)
{
	return faxport_show_u32(dev, buf, "%u\n",
				offsetof(struct faxport_port, priority));
}
static DEVICE_ATTR_RO(priority);

static ssize_t name_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	return faxport_show_string(dev, buf, offsetof(struct faxport_port, name));
}
static DEVICE_ATTR_RO(name);

static ssize_t number_show(struct device *dev, struct device_attribute *attr,
			   char *buf)
{
	return faxport_show_string(dev, buf,
				   offsetof(struct faxport_port, number));
}
static DEVICE_ATTR_RO(number);

static ssize_t tsid_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	return faxport_show_string(dev, buf, offsetof(struct faxport_port, tsid));
}
static DEVICE_ATTR_RO(tsid);

static ssize_t csid_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	return faxport_show_string(dev, buf, offsetof(struct faxport_port, csid));
}
static DEVICE_ATTR_RO(csid);

static ssize_t dsp_attached_show(struct device *dev,
				 struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n",
			  READ_ONCE(to_faxport_port(dev)->dsp_attached));
}
static DEVICE_ATTR_RO(dsp_attached);

static ssize_t state_show(struct device *dev, struct device_attribute *attr,
			  char *buf)
{
	return sysfs_emit(buf, "0x%08x\n",
			  faxport_line_port_state(to_faxport_port(dev)));
}
static DEVICE_ATTR_RO(state);

static ssize_t line_type_show(struct device *dev,
			      struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%s\n", to_faxport_port(dev)->line.ops->name);
}
static DEVICE_ATTR_RO(line_type);

static struct attribute *faxport_port_attrs[] = {
	&dev_attr_device_id.attr,
	&dev_attr_name.attr,
	&dev_attr_number.attr,
	&dev_attr_tsid.attr,
	&dev_attr_csid.attr,
	&dev_attr_flags.attr,
	&dev_attr_rings.attr,
	&dev_attr_priority.attr,
	&dev_attr_dsp_attached.attr,
	&dev_attr_state.attr,
	&dev_attr_line_type.attr,
	NULL,
};
ATTRIBUTE_GROUPS(faxport_port);

/**
 * faxport_port_create() - add a port
 * @name: its name, or "" for the default
 * @number: its phone number (already validated), or "" for its DeviceId
 * @user_line: a user line (a line provider carries its calls), else a port
 *	on the loopback exchange
 * @device_id: out: the new port's DeviceId
 *
 * Return: 0, -ENOSPC when FAXPORT_MAX_PORTS exist, -EEXIST when the number
 * is taken, -EINVAL for a bad name, or another negative errno.
 */
int faxport_port_create(const char *name, const char *number, bool user_line,
			u32 *device_id)
{
	struct faxport_port *port;
	int minor, ret;
	u32 id;

	if (!faxport_text_valid(name))
		return -EINVAL;
	port = kzalloc(sizeof(*port), GFP_KERNEL);
	if (!port)
		return -ENOMEM;
	mutex_init(&port->lock);
	init_waitqueue_head(&port->wait);
	port->flags = FAXPORT_PORT_RECEIVE | FAXPORT_PORT_SEND;
	port->rings = 1;
	faxport_routing_port_init(port);
	ret = faxport_line_init(port, user_line);
	if (ret) {
		faxport_line_free(port);
		mutex_destroy(&port->lock);
		kfree(port);
		return ret;
	}
	/* From here on, the device's release frees the port. */
	faxport_object_born(FAXPORT_OBJECT_PORT);
	device_initialize(&port->dev);
	port->dev.class = &faxport_class;
	port->dev.groups = faxport_port_groups;
	port->dev.release = faxport_port_dev_release;
	/* From here on, put_device() frees the port. */

	mutex_lock(&faxport_ports_lock);
	minor = ida_alloc_range(&faxport_minors, 1, FAXPORT_MAX_PORTS,
				GFP_KERNEL);
	if (minor < 0) {
		ret = minor == -ENOSPC ? -ENOSPC : minor;
		goto err_unlock;
	}
	/* Cyclic: a removed port's DeviceId is not handed to the next port. */
	ret = xa_alloc_cyclic(&faxport_ports, &id, NULL, xa_limit_31b,
			      &faxport_next_id, GFP_KERNEL);
	if (ret < 0)
		goto err_minor;
	port->device_id = id;
	if (*number)
		strscpy(port->number, number, sizeof(port->number));
	else
		snprintf(port->number, sizeof(port->number), "%u", id);
	if (faxport_port_by_number_locked(port->number)) {
		ret = -EEXIST;
		goto err_id;
	}
	if (*name)
		strscpy(port->name, name, sizeof(port->name));
	else
		snprintf(port->name, sizeof(port->name),
			 user_line ? "Line %u" : "Loopback %u", id);
	snprintf(port->tsid, sizeof(port->tsid), "%s", port->number);
	snprintf(port->csid, sizeof(port->csid), "%s", port->number);
	port->priority = id;

	port->dev.devt = MKDEV(MAJOR(faxport_devt), minor);
	ret = dev_set_name(&port->dev, "faxport%u", id);
	if (ret)
		goto err_id;
	cdev_init(&port->cdev, &faxport_port_fops);
	port->cdev.owner = THIS_MODULE;
	ret = cdev_device_add(&port->cdev, &port->dev);
	if (ret)
		goto err_id;
	xa_store(&faxport_ports, id, port, GFP_KERNEL);
	mutex_unlock(&faxport_ports_lock);
	*device_id = id;
	return 0;

err_id:
	xa_erase(&faxport_ports, id);
err_minor:
	ida_free(&faxport_minors, minor);
err_unlock:
	mutex_unlock(&faxport_ports_lock);
	put_device(&port->dev);
	return ret;
}

/* Take a port out of the system; open files keep it, dead, until closed. */
static void faxport_port_kill(struct faxport_port *port)
{
	cdev_device_del(&port->cdev, &port->dev);
	ida_free(&faxport_minors, MINOR(port->dev.devt));

	mutex_lock(&port->lock);
	WRITE_ONCE(port->dead, true);
	mutex_unlock(&port->lock);

	faxport_line_detach(port);
	faxport_jobs_port_released(port);
	wake_up_all(&port->wait);
	put_device(&port->dev);
}

/**
 * faxport_port_pick_sender() - the idle port a due send job goes to
 * @recipient: the job's recipient number
 * @any_idle: set to true when some port was idle, even if only the
 *	recipient's own port
 *
 * Called with the jobs lock held (it reads each port's ->job). Idle means:
 * alive, an engine attached that takes jobs, send-enabled, no job, a line
 * (a user line's provider attached and up) and idle; among those the lowest priority
 * value wins. A port whose line cannot dial @recipient is never picked:
 * on the loopback exchange, the port that has that number.
 *
 * Return: the port with a device reference, or NULL.
 */
struct faxport_port *faxport_port_pick_sender(const char *recipient,
					      bool *any_idle)
{
	struct faxport_port *port, *best = NULL;
	unsigned long id;

	*any_idle = false;
	mutex_lock(&faxport_ports_lock);
	xa_for_each(&faxport_ports, id, port) {
		bool usable, is_recipient, better;

		if (port->job)
			continue;
		mutex_lock(&port->lock);
		usable = !port->dead && port->dsp_attached &&
			 !port->engine_takes_no_jobs &&
			 (port->flags & FAXPORT_PORT_SEND);
		is_recipient = !faxport_line_can_dial(port, recipient);
		better = !best || port->priority < best->priority;
		mutex_unlock(&port->lock);
		if (!usable || faxport_line_busy(port) ||
		    !faxport_line_has_line(port))
			continue;
		*any_idle = true;
		if (!is_recipient && better)
			best = port;
	}
	if (best)
		get_device(&best->dev);
	mutex_unlock(&faxport_ports_lock);
	return best;
}

/**
 * faxport_port_remove() - remove a port at an admin's request
 * @device_id: the port's DeviceId
 *
 * Return: 0, or -ENODEV when no port has @device_id.
 */
int faxport_port_remove(u32 device_id)
{
	struct faxport_port *port;

	mutex_lock(&faxport_ports_lock);
	port = xa_erase(&faxport_ports, device_id);
	mutex_unlock(&faxport_ports_lock);
	if (!port)
		return -ENODEV;
	faxport_port_kill(port);
	return 0;
}

/**
 * faxport_port_remove_all() - remove every port (module exit)
 */
void faxport_port_remove_all(void)
{
	struct faxport_port *port;
	unsigned long id;

	mutex_lock(&faxport_ports_lock);
	xa_for_each(&faxport_ports, id, port) {
		xa_erase(&faxport_ports, id);
		mutex_unlock(&faxport_ports_lock);
		faxport_port_kill(port);
		mutex_lock(&faxport_ports_lock);
	}
	mutex_unlock(&faxport_ports_lock);
}

static_assert(sizeof_field(struct faxport_port, name) ==
	      sizeof_field(struct faxport_port_info, name));
static_assert(sizeof_field(struct faxport_port, number) ==
	      sizeof_field(struct faxport_port_info, number));
static_assert(sizeof_field(struct faxport_port, tsid) ==
	      sizeof_field(struct faxport_port_info, tsid));
static_assert(sizeof_field(struct faxport_port, csid) ==
	      sizeof_field(struct faxport_port_info, csid));

/**
 * faxport_port_fill_info() - a port's FaxGetPort view
 * @port: the port
 * @info: out: zeroed, then filled
 */
void faxport_port_fill_info(struct faxport_port *port,
			    struct faxport_port_info *info)
{
	memset(info, 0, sizeof(*info));
	mutex_lock(&port->lock);
	info->device_id = port->device_id;
	info->flags = port->flags;
	info->rings = port->rings;
	info->priority = port->priority;
	info->line_type = port->line.ops->type;
	/* Whole and padded (see struct faxport_port): no scan for the NUL. */
	memcpy(info->name, port->name, sizeof(info->name));
	memcpy(info->number, port->number, sizeof(info->number));
	memcpy(info->tsid, port->tsid, sizeof(info->tsid));
	memcpy(info->csid, port->csid, sizeof(info->csid));
	mutex_unlock(&port->lock);
	info->state = faxport_line_port_state(port);
}

/**
 * faxport_port_list() - FaxEnumPorts
 * @list: in: the caller's capacity and array; out: @list->count is the
 *	number of ports
 *
 * Return: 0, -ENOMEM or -EFAULT.
 */
int faxport_port_list(struct faxport_port_list *list)
{
	struct faxport_port_info __user *uinfos = u64_to_user_ptr(list->infos);
	struct faxport_port_info *infos = NULL;
	struct faxport_port *port;
	u32 total = 0, filled = 0;
	unsigned long id;
	int ret = 0;

	if (list->count) {
		infos = kvcalloc(list->count, sizeof(*infos), GFP_KERNEL);
		if (!infos)
			return -ENOMEM;
	}
	mutex_lock(&faxport_ports_lock);
	xa_for_each(&faxport_ports, id, port) {
		if (filled < list->count)
			faxport_port_fill_info(port, &infos[filled++]);
		total++;
	}
	mutex_unlock(&faxport_ports_lock);

	if (filled && copy_to_user(uinfos, infos, filled * sizeof(*infos)))
		ret = -EFAULT;
	kvfree(infos);
	list->count = total;
	return ret;
}

static int faxport_port_open(struct inode *inode, struct file *file)
{
	struct faxport_port *port = container_of(inode->i_cdev,
						 struct faxport_port, cdev);
	struct faxport_port_file *pf;

	/*
	 * No lock: removal may mark the port dead right after this check as
	 * well as right before it, and every operation on the file checks
	 * again. This only spares a file that is useless from the start.
	 */
	if (READ_ONCE(port->dead))
		return -ENODEV;
	pf = kzalloc(sizeof(*pf), GFP_KERNEL);
	if (!pf)
		return -ENOMEM;
	get_device(&port->dev);
	pf->port = port;
	mutex_init(&pf->lock);
	file->private_data = pf;
	faxport_object_born(FAXPORT_OBJECT_PORT_FILE);
	return nonseekable_open(inode, file);
}

static int faxport_port_release(struct inode *inode, struct file *file)
{
	struct faxport_port_file *pf = file->private_data;
	struct faxport_port *port = pf->port;

	if (pf->kind == FAXPORT_FILE_DSP) {
		faxport_line_hangup(port);
		mutex_lock(&port->lock);
		WRITE_ONCE(port->dsp_attached, false);
		port->engine_takes_no_jobs = false;
		mutex_unlock(&port->lock);
		faxport_jobs_port_released(port);
		faxport_event(FAXPORT_EV_FAXSVC_ENDED, port->device_id,
			      FAXPORT_NO_JOB);
	} else if (pf->kind == FAXPORT_FILE_LINE) {
		faxport_provider_detach(port);
	} else if (pf->kind == FAXPORT_FILE_HANDLE &&
		   pf->mode == FAXPORT_OPEN_MODIFY) {
		mutex_lock(&port->lock);
		port->modify_open = false;
		mutex_unlock(&port->lock);
	}
	mutex_destroy(&pf->lock);
	kfree(pf);
	faxport_object_gone(FAXPORT_OBJECT_PORT_FILE);
	put_device(&port->dev);
	return 0;
}

static long faxport_port_bind(struct faxport_port_file *pf,
			      struct faxport_port_bind __user *uarg)
{
	struct faxport_port *port = pf->port;
	struct faxport_server_handle *srv;
	struct faxport_port_bind bind;
	struct fd server;
	u32 rights;
	long ret;

	if (copy_from_user(&bind, uarg, sizeof(bind)))
		return -EFAULT;
	if (bind.flags || bind.device_id)
		return -EINVAL;
	if (bind.mode != FAXPORT_OPEN_QUERY && bind.mode != FAXPORT_OPEN_MODIFY)
		return -EINVAL;

	server = fdget(bind.server_fd);
	if (!server.file)
		return -EBADF;
	srv = faxport_server_handle_get(server.file);
	if (!srv) {
		fdput(server);
		return -EBADF;
	}
	/* Pairs with the store under srv->lock in the handshake. */
	ret = READ_ONCE(srv->negotiated) ? 0 : -EBADFD;
	rights = srv->rights;
	fdput(server);
	if (ret)
		return ret;
	if (!(rights & FAXPORT_RIGHT_PORT_QUERY))
		return -EACCES;
	/* The one MODIFY handle must not be taken by someone who cannot set. */
	if (bind.mode == FAXPORT_OPEN_MODIFY && !(rights & FAXPORT_RIGHT_PORT_SET))
		return -EACCES;
	if (put_user(port->device_id, &uarg->device_id))
		return -EFAULT;

	mutex_lock(&pf->lock);
	if (pf->kind != FAXPORT_FILE_UNBOUND) {
		ret = -EBUSY;
		goto out;
	}
	/*
	 * Only the one MODIFY handle needs the port's state; a QUERY handle of
	 * a port that dies now is numbed like any other open handle.
	 */
	if (bind.mode == FAXPORT_OPEN_MODIFY) {
		mutex_lock(&port->lock);
		if (port->dead)
			ret = -ENODEV;
		else if (port->modify_open)
			ret = -EBUSY;
		else
			port->modify_open = true;
		mutex_unlock(&port->lock);
	} else if (READ_ONCE(port->dead)) {
		ret = -ENODEV;
	}
	if (!ret) {
		WRITE_ONCE(pf->kind, FAXPORT_FILE_HANDLE);
		pf->mode = bind.mode;
		pf->rights = rights;
	}
out:
	mutex_unlock(&pf->lock);
	return ret;
}

static long faxport_port_get(struct faxport_port_file *pf,
			     struct faxport_port_info __user *uarg)
{
	struct faxport_port_info info;

	faxport_port_fill_info(pf->port, &info);
	return copy_to_user(uarg, &info, sizeof(info)) ? -EFAULT : 0;
}

static long faxport_port_set(struct faxport_port_file *pf,
			     struct faxport_port_config __user *uarg)
{
	struct faxport_port *port = pf->port;
	struct faxport_port_config cfg;
	long ret = 0;

	if (pf->mode != FAXPORT_OPEN_MODIFY ||
	    !(pf->rights & FAXPORT_RIGHT_PORT_SET))
		return -EACCES;
	if (copy_from_user(&cfg, uarg, sizeof(cfg)))
		return -EFAULT;
	if (cfg.reserved ||
	    (cfg.flags & ~(FAXPORT_PORT_RECEIVE | FAXPORT_PORT_SEND)) ||
	    cfg.rings < 1 || cfg.rings > FAXPORT_MAX_RINGS ||
	    cfg.priority < 1 || cfg.priority > FAXPORT_MAX_PORTS)
		return -EINVAL;
	if (!faxport_string_terminated(cfg.tsid, sizeof(cfg.tsid)) ||
	    !faxport_string_terminated(cfg.csid, sizeof(cfg.csid)) ||
	    !faxport_ident_valid(cfg.tsid) || !faxport_ident_valid(cfg.csid))
		return -EINVAL;

	/* Jobs are locked before ports: look first, then lock the port. */
	if (faxport_port_has_job(port))
		return -EBUSY;
	mutex_lock(&port->lock);
	if (port->dead) {
		ret = -ENODEV;
	} else if (faxport_line_busy(port)) {
		ret = -EBUSY;
	} else {
		port->flags = cfg.flags;
		port->rings = cfg.rings;
		port->priority = cfg.priority;
		strscpy_pad(port->tsid, cfg.tsid, sizeof(port->tsid));
		strscpy_pad(port->csid, cfg.csid, sizeof(port->csid));
	}
	mutex_unlock(&port->lock);
	/* A port that may now send can take a job that waits for a line. */
	if (!ret) {
		faxport_jobs_kick();
		faxport_config_event(FAXPORT_CONFIG_CHANGED_PORT);
	}
	return ret;
}

/*
 * The kinds of open port file an ioctl is for, as a mask of
 * enum faxport_port_file_kind bits. Bind and attach are for any kind here:
 * they turn a bound file away themselves, under its lock, with -EBUSY.
 */
#define FAXPORT_FILE_KIND(kind)	BIT(kind)
#define FAXPORT_FILE_ANY_KIND	(FAXPORT_FILE_KIND(FAXPORT_FILE_UNBOUND) | \
				 FAXPORT_FILE_KIND(FAXPORT_FILE_HANDLE) | \
				 FAXPORT_FILE_KIND(FAXPORT_FILE_DSP) | \
				 FAXPORT_FILE_KIND(FAXPORT_FILE_LINE))

static long faxport_port_ioctl(struct file *file, unsigned int cmd,
			       unsigned long arg)
{
	struct faxport_port_file *pf = file->private_data;
	struct faxport_port *port = pf->port;
	void __user *uarg = (void __user *)arg;
	unsigned long kinds;

	switch (cmd) {
	case FAXPORT_IOC_PORT_BIND:
	case FAXPORT_IOC_DSP_ATTACH:
	case FAXPORT_IOC_LINE_ATTACH:
		kinds = FAXPORT_FILE_ANY_KIND;
		break;
	case FAXPORT_IOC_PORT_GET:
	case FAXPORT_IOC_PORT_SET:
		kinds = FAXPORT_FILE_KIND(FAXPORT_FILE_HANDLE);
		break;
	case FAXPORT_IOC_ROUTING_LIST:
	case FAXPORT_IOC_ROUTING_SET:
	case FAXPORT_IOC_PORT_CALL_GET:
		kinds = FAXPORT_FILE_KIND(FAXPORT_FILE_HANDLE) |
			FAXPORT_FILE_KIND(FAXPORT_FILE_DSP);
		break;
	case FAXPORT_IOC_PROVIDER_EVENT:
	case FAXPORT_IOC_PROVIDER_LINE_UP:
	case FAXPORT_IOC_PROVIDER_LINE_DOWN:
	case FAXPORT_IOC_PROVIDER_RING:
	case FAXPORT_IOC_PROVIDER_PROGRESS:
	case FAXPORT_IOC_PROVIDER_ANSWERED:
	case FAXPORT_IOC_PROVIDER_FAILED:
	case FAXPORT_IOC_PROVIDER_HANGUP:
		kinds = FAXPORT_FILE_KIND(FAXPORT_FILE_LINE);
		break;
	case FAXPORT_IOC_LINE_DIAL:
	case FAXPORT_IOC_LINE_ANSWER:
	case FAXPORT_IOC_LINE_HANGUP:
	case FAXPORT_IOC_LINE_EVENT:
	case FAXPORT_IOC_JOB_TAKE:
	case FAXPORT_IOC_JOB_PROGRESS:
	case FAXPORT_IOC_JOB_DONE:
	case FAXPORT_IOC_RECEIVE_BEGIN:
		kinds = FAXPORT_FILE_KIND(FAXPORT_FILE_DSP);
		break;
	default:
		return -ENOTTY;
	}
	if (READ_ONCE(port->dead))
		return -ENODEV;
	/* Bind and attach happen once and set kind for good. */
	if (!(FAXPORT_FILE_KIND(READ_ONCE(pf->kind)) & kinds))
		return -EBADFD;

	switch (cmd) {
	case FAXPORT_IOC_PORT_BIND:
		return faxport_port_bind(pf, uarg);
	case FAXPORT_IOC_DSP_ATTACH:
		return faxport_dsp_attach(pf, uarg, file);
	case FAXPORT_IOC_LINE_ATTACH:
		return faxport_line_attach(pf, uarg, file);
	case FAXPORT_IOC_PORT_CALL_GET:
		return faxport_line_call_get(port, uarg);
	case FAXPORT_IOC_PROVIDER_EVENT:
	case FAXPORT_IOC_PROVIDER_LINE_UP:
	case FAXPORT_IOC_PROVIDER_LINE_DOWN:
	case FAXPORT_IOC_PROVIDER_RING:
	case FAXPORT_IOC_PROVIDER_PROGRESS:
	case FAXPORT_IOC_PROVIDER_ANSWERED:
	case FAXPORT_IOC_PROVIDER_FAILED:
	case FAXPORT_IOC_PROVIDER_HANGUP:
		return faxport_provider_ioctl(port, cmd, uarg);
	case FAXPORT_IOC_ROUTING_LIST:
	case FAXPORT_IOC_ROUTING_SET:
		return faxport_routing_port_ioctl(pf, cmd, uarg);
	case FAXPORT_IOC_PORT_GET:
		return faxport_port_get(pf, uarg);
	case FAXPORT_IOC_PORT_SET:
		return faxport_port_set(pf, uarg);
	default:
		return faxport_dsp_ioctl(pf, file, cmd, uarg);
	}
}

static ssize_t faxport_port_read(struct file *file, char __user *buf,
				 size_t count, loff_t *ppos)
{
	struct faxport_port_file *pf = file->private_data;

	if (READ_ONCE(pf->port->dead))
		return -ENODEV;
	if (READ_ONCE(pf->kind) == FAXPORT_FILE_LINE)
		return faxport_provider_read(pf->port, buf, count,
					     file->f_flags & O_NONBLOCK);
	if (READ_ONCE(pf->kind) != FAXPORT_FILE_DSP)
		return -EBADFD;
	return faxport_dsp_read(pf->port, buf, count,
				file->f_flags & O_NONBLOCK);
}

static ssize_t faxport_port_write(struct file *file, const char __user *buf,
				  size_t count, loff_t *ppos)
{
	struct faxport_port_file *pf = file->private_data;

	if (READ_ONCE(pf->port->dead))
		return -ENODEV;
	if (READ_ONCE(pf->kind) == FAXPORT_FILE_LINE)
		return faxport_provider_write(pf->port, buf, count);
	if (READ_ONCE(pf->kind) != FAXPORT_FILE_DSP)
		return -EBADFD;
	return faxport_dsp_write(pf->port, buf, count,
				 file->f_flags & O_NONBLOCK);
}

static __poll_t faxport_port_poll(struct file *file, poll_table *wait)
{
	struct faxport_port_file *pf = file->private_data;
	struct faxport_port *port = pf->port;

	poll_wait(file, &port->wait, wait);
	if (READ_ONCE(port->dead))
		return EPOLLHUP | EPOLLERR;
	if (READ_ONCE(pf->kind) == FAXPORT_FILE_LINE)
		return faxport_provider_poll(port);
	if (READ_ONCE(pf->kind) != FAXPORT_FILE_DSP)
		return 0;
	return faxport_dsp_poll(port);
}

const struct file_operations faxport_port_fops = {
	.owner = THIS_MODULE,
	.open = faxport_port_open,
	.release = faxport_port_release,
	.unlocked_ioctl = faxport_port_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.read = faxport_port_read,
	.write = faxport_port_write,
	.poll = faxport_port_poll,
	.llseek = no_llseek,
};
