"""The slot counters: counted in Redis on the USSD path, flushed to the database in the background."""
import datetime

from peewee import IntegerField
from playhouse.migrate import SqliteMigrator, migrate

from core.jobs import slots
from core.platform import runtime
from core.jobs.models import SponsoredSlot
from core.platform.models import db
from core.jobs.slots import flush_slot_counters, pending_counts


def slot(**fields):
    today = datetime.date.today()
    return SponsoredSlot.create(kind="home", label="Jobs", starts_on=today, ends_on=today, **fields)


def test_flush_moves_counts_and_resets_them(app, redis):
    first, second = slot(impressions=10), slot()
    redis.incrby(slots.impressions_key(first.id), 5)
    redis.incrby(slots.views_key(first.id), 2)
    redis.incr(slots.impressions_key(second.id))
    assert pending_counts([first.id]) == {
        first.id: {"impressions": 5, "detail_views": 2, "web_impressions": 0, "web_views": 0}
    }
    assert flush_slot_counters() == 8
    assert (SponsoredSlot.get_by_id(first.id).impressions, SponsoredSlot.get_by_id(first.id).detail_views) == (15, 2)
    assert SponsoredSlot.get_by_id(second.id).impressions == 1
    assert redis.get(slots.impressions_key(first.id)) is None
    assert flush_slot_counters() == 0  # nothing counted twice
    assert SponsoredSlot.get_by_id(first.id).impressions == 15


def test_flush_runs_as_a_queued_job(app, redis, work):
    counted = slot()
    redis.incrby(slots.views_key(counted.id), 3)
    runtime.enqueue(flush_slot_counters)
    work()
    assert SponsoredSlot.get_by_id(counted.id).detail_views == 3


def test_web_counters_added_by_an_upgrade_count_from_zero_on_older_slots(app, redis):
    older = slot(impressions=4)
    migrator = SqliteMigrator(db.obj)
    migrate(migrator.drop_column("sponsored_slot", "web_impressions"), migrator.drop_column("sponsored_slot", "web_views"))
    # As the release that added them did on a deployment's database: nullable, NULL on the slot sold before the site.
    migrate(migrator.add_column("sponsored_slot", "web_impressions", IntegerField(null=True)),
            migrator.add_column("sponsored_slot", "web_views", IntegerField(null=True)))
    redis.incrby(slots.counter_key(older.id, "web_views"), 2)
    flush_slot_counters()
    older = SponsoredSlot.get_by_id(older.id)
    assert (older.impressions, older.web_views, older.web_impressions) == (4, 2, None)
