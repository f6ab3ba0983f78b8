// SPDX-License-Identifier: GPL-2.0
/*
 * faxport: events. Every FEI_* event goes to the generic netlink family
 * "faxport", multicast group "events" (see uapi/faxport.yaml).
 *
 * A sequence number orders the events: it is taken and the message sent
 * under one lock, so subscribers receive events in sequence order, and a
 * gap tells a subscriber that its socket overran (or that this side could
 * not allocate a message): it lost events and must re-read the state.
 */
#include <linux/spinlock.h>
#include <linux/ktime.h>
#include <net/genetlink.h>

#include "faxport.h"

static DEFINE_SPINLOCK(faxport_event_lock);
static u64 faxport_event_seq;		/* under faxport_event_lock */
static bool faxport_events_on;		/* under faxport_event_lock */

enum faxport_mcgrp {
	FAXPORT_MCGRP_EVENTS,
	FAXPORT_MCGRP_CONFIG,
};

static const struct genl_multicast_group faxport_mcgrps[] = {
	[FAXPORT_MCGRP_EVENTS] = { .name = FAXPORT_GENL_EVENTS_GROUP, },
	[FAXPORT_MCGRP_CONFIG] = { .name = FAXPORT_GENL_CONFIG_GROUP, },
};

static struct genl_family faxport_genl_family = {
	.name = FAXPORT_GENL_NAME,
	.version = FAXPORT_GENL_VERSION,
	.maxattr = FAXPORT_NL_A_MAX,
	.module = THIS_MODULE,
	.mcgrps = faxport_mcgrps,
	.n_mcgrps = ARRAY_SIZE(faxport_mcgrps),
};

/* What an event carries besides the timestamp every message carries. */
struct faxport_event_fields {
	u32 event_id;
	u32 device_id;
	u32 job_id;
	u64 seq;
};

static int faxport_event_fill(struct sk_buff *skb, const void *data)
{
	const struct faxport_event_fields *event = data;

	return nla_put_u32(skb, FAXPORT_NL_A_EVENT_ID, event->event_id) ?:
	       nla_put_u32(skb, FAXPORT_NL_A_DEVICE_ID, event->device_id) ?:
	       nla_put_u32(skb, FAXPORT_NL_A_JOB_ID, event->job_id) ?:
	       nla_put_u64_64bit(skb, FAXPORT_NL_A_SEQ, event->seq,
				 FAXPORT_NL_A_PAD);
}

static int faxport_config_fill(struct sk_buff *skb, const void *data)
{
	const u32 *changed = data;

	return nla_put_u32(skb, FAXPORT_NL_A_CONFIG_CHANGED, *changed);
}

/*
 * Multicasts one message of @cmd to @group if anyone listens: @fill puts
 * its attributes (at most @size bytes of them), then the timestamp follows.
 * Called under faxport_event_lock with events on, so that it cannot race
 * the family's unregistration at module exit; hence GFP_ATOMIC. A message
 * that cannot be allocated is dropped (a subscriber sees the gap).
 */
static void faxport_multicast_locked(enum faxport_mcgrp group, u8 cmd,
				     size_t size,
				     int (*fill)(struct sk_buff *skb,
						 const void *data),
				     const void *data)
{
	struct sk_buff *skb;
	void *hdr;

	lockdep_assert_held(&faxport_event_lock);
	if (!genl_has_listeners(&faxport_genl_family, &init_net, group))
		return;
	skb = genlmsg_new(size + nla_total_size_64bit(sizeof(u64)),
			  GFP_ATOMIC);
	if (!skb)
		return;
	hdr = genlmsg_put(skb, 0, 0, &faxport_genl_family, 0, cmd);
	if (!hdr || fill(skb, data) ||
	    nla_put_u64_64bit(skb, FAXPORT_NL_A_TIMESTAMP, ktime_get_real_ns(),
			      FAXPORT_NL_A_PAD)) {
		nlmsg_free(skb);
		return;
	}
	genlmsg_end(skb, hdr);
	genlmsg_multicast(&faxport_genl_family, skb, 0, group, GFP_ATOMIC);
}

/**
 * faxport_event() - tell every subscriber that something happened
 * @event_id: a FAXPORT_EV_* (FEI_*) value
 * @device_id: the port it concerns, or 0
 * @job_id: the job it concerns, or %FAXPORT_NO_JOB
 *
 * Callable from any context that may take a spinlock.
 */
void faxport_event(u32 event_id, u32 device_id, u32 job_id)
{
	struct faxport_event_fields event = {
		.event_id = event_id,
		.device_id = device_id,
		.job_id = job_id,
	};
	unsigned long flags;

	spin_lock_irqsave(&faxport_event_lock, flags);
	if (faxport_events_on) {
		/* Numbered with or without listeners: the numbers count events. */
		event.seq = ++faxport_event_seq;
		faxport_multicast_locked(FAXPORT_MCGRP_EVENTS,
					 FAXPORT_NL_CMD_EVENT,
					 nla_total_size(sizeof(u32)) * 3 +
					 nla_total_size_64bit(sizeof(u64)),
					 faxport_event_fill, &event);
	}
	spin_unlock_irqrestore(&faxport_event_lock, flags);
}

/**
 * faxport_config_event() - tell subscribers that a setting was stored
 * @changed: FAXPORT_CONFIG_CHANGED_* bits
 *
 * Callable from any context that may take a spinlock.
 */
void faxport_config_event(u32 changed)
{
	unsigned long flags;

	spin_lock_irqsave(&faxport_event_lock, flags);
	if (faxport_events_on)
		faxport_multicast_locked(FAXPORT_MCGRP_CONFIG,
					 FAXPORT_NL_CMD_CONFIG_CHANGED,
					 nla_total_size(sizeof(u32)),
					 faxport_config_fill, &changed);
	spin_unlock_irqrestore(&faxport_event_lock, flags);
}

/**
 * faxport_events_init() - register the generic netlink family
 *
 * Return: 0 or a negative errno.
 */
int faxport_events_init(void)
{
	int ret = genl_register_family(&faxport_genl_family);

	if (ret)
		return ret;
	spin_lock_irq(&faxport_event_lock);
	faxport_events_on = true;
	spin_unlock_irq(&faxport_event_lock);
	return 0;
}

/**
 * faxport_events_exit() - stop events, then unregister the family
 *
 * After this returns nothing sends on the family, even a late emitter.
 */
void faxport_events_exit(void)
{
	spin_lock_irq(&faxport_event_lock);
	faxport_events_on = false;
	spin_unlock_irq(&faxport_event_lock);
	genl_unregister_family(&faxport_genl_family);
}
