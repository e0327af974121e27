"""The deployment's calendar: every rule counted in days (a sponsored slot's dates, the alerts' daily cap, quiet
hours, the dashboard's days) is counted in `[app] timezone` (Asia/Phnom_Penh), never in UTC, where the database
keeps its timestamps."""
import datetime
import zoneinfo

from peewee import SQL, PostgresqlDatabase, fn

from core.platform import runtime
from core.platform.models import db, utcnow


def local_time(now=None, config=None):
    """`now` (naive UTC, the database's; default: this moment) as an aware time in the deployment's timezone."""
    config = config or runtime.current().config
    now = utcnow() if now is None else now
    return now.replace(tzinfo=datetime.timezone.utc).astimezone(zoneinfo.ZoneInfo(config["app"]["timezone"]))


def today(now=None, config=None):
    """The date it is in the deployment's timezone at `now` (default: this moment)."""
    return local_time(now, config).date()


def start_of(day, config=None):
    """The moment (naive UTC) `day` begins in the deployment's timezone."""
    config = config or runtime.current().config
    midnight = datetime.datetime.combine(day, datetime.time(), tzinfo=zoneinfo.ZoneInfo(config["app"]["timezone"]))
    return midnight.astimezone(datetime.timezone.utc).replace(tzinfo=None)


def date_of(column):
    """SQL for the deployment's date of a naive-UTC timestamp column: shifted by the timezone's offset now, as
    Cambodia keeps no daylight saving time."""
    seconds = int(local_time().utcoffset().total_seconds())
    if isinstance(db.obj, PostgresqlDatabase):
        return fn.DATE(column + SQL(f"interval '{seconds} seconds'"))
    return fn.DATE(column, f"{seconds:+d} seconds")
