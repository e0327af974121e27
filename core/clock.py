"""The deployment's calendar: every rule counted in days (a sponsored slot's dates, the alerts' daily cap, quiet
hours) is counted in `[app] timezone` (Asia/Phnom_Penh), never in UTC, where the database keeps its timestamps."""
import datetime
import zoneinfo

from core import runtime
from core.models import utcnow


def local_time(now=None, config=None):
    """`now` (naive UTC, the database's; default: this moment) as an aware time in the deployment's timezone."""
    config = config or runtime.current().config
    now = utcnow() if now is None else now
    return now.replace(tzinfo=datetime.timezone.utc).astimezone(zoneinfo.ZoneInfo(config["app"]["timezone"]))


def today(now=None, config=None):
    """The date it is in the deployment's timezone at `now` (default: this moment)."""
    return local_time(now, config).date()
