"""Sponsored-slot counters: counted in Redis on the USSD path and the public site, moved into the database by a
background job."""
import logging

from peewee import fn

from core.platform import runtime
from core.jobs.models import SponsoredSlot
from core.platform.models import db

log = logging.getLogger(__name__)

# The USSD path INCRs these (batched off the request path), never writing to the database itself.
COUNTERS = {
    "impressions": "slot:{id}:impressions",
    "detail_views": "slot:{id}:views",
    "web_impressions": "slot:{id}:web_impressions",
    "web_views": "slot:{id}:web_views",
}


def counter_key(slot_id, field):
    """The Redis counter of one slot's field, in this deployment's namespace."""
    return runtime.key(COUNTERS[field].format(id=slot_id))


def impressions_key(slot_id):
    """The Redis counter of times a slot was shown."""
    return counter_key(slot_id, "impressions")


def views_key(slot_id):
    """The Redis counter of times a sponsored job's details were opened."""
    return counter_key(slot_id, "detail_views")


def count(slot_ids, field):
    """Add one to `field` of each slot (the site's impressions or views); a count lost while Redis is down tells
    nobody anything untrue, so the page is answered anyway."""
    slot_ids = list(slot_ids)
    if not slot_ids:
        return
    try:
        pipe = runtime.current().redis.pipeline(transaction=False)
        for slot_id in slot_ids:
            pipe.incr(counter_key(slot_id, field))
        pipe.execute()
    except Exception as error:
        log.warning("could not count slot %s: %s", field, error)


def flush_slot_counters():
    """rq job: add each slot's Redis counters to its row and reset them, losing no count and counting none twice."""
    redis = runtime.current().redis
    with db.connection_context():
        slot_ids = [slot_id for (slot_id,) in SponsoredSlot.select(SponsoredSlot.id).tuples()]
        if not slot_ids:
            return 0
        keys = [(slot_id, field, counter_key(slot_id, field)) for slot_id in slot_ids for field in COUNTERS]
        # GETDEL in one MULTI: an INCR from a USSD request lands either before (and is read) or after (and waits).
        pipe = redis.pipeline(transaction=True)
        for _slot_id, _field, key in keys:
            pipe.getdel(key)
        values = pipe.execute()
        taken = {}
        for (slot_id, field, key), value in zip(keys, values):
            if value:
                taken.setdefault(slot_id, {})[field] = (key, int(value))
        try:
            with db.atomic():
                for slot_id, fields in taken.items():
                    # COALESCE: a counter column added by an upgrade is NULL on the rows from before it.
                    increments = {
                        getattr(SponsoredSlot, field): fn.COALESCE(getattr(SponsoredSlot, field), 0) + count
                        for field, (_key, count) in fields.items()
                    }
                    SponsoredSlot.update(increments).where(SponsoredSlot.id == slot_id).execute()
        except Exception:
            # The database refused: give the counts back to Redis so the next run adds them.
            pipe = redis.pipeline(transaction=True)
            for fields in taken.values():
                for key, count in fields.values():
                    pipe.incrby(key, count)
            pipe.execute()
            raise
    return sum(count for fields in taken.values() for _key, count in fields.values())


def pending_counts(slot_ids):
    """{slot id: {field: n}} for every counter field still in Redis, not yet flushed (shown on the slots page)."""
    slot_ids = list(slot_ids)
    if not slot_ids:
        return {}
    keys = [(slot_id, field, counter_key(slot_id, field)) for slot_id in slot_ids for field in COUNTERS]
    try:
        values = runtime.current().redis.mget([key for _id, _field, key in keys])
    except Exception as error:  # the page still shows the flushed numbers
        log.warning("could not read slot counters: %s", error)
        return {}
    pending = {}
    for (slot_id, field, _key), value in zip(keys, values):
        pending.setdefault(slot_id, {})[field] = int(value or 0)
    return pending
