"""What the engine asks the host to do, as data. The host carries them out through core and the queue."""
from typing import NamedTuple


class SetLanguage(NamedTuple):
    language: str


class SaveAlerts(NamedTuple):
    home_province: int
    trades: tuple
    reach: str
    on: bool


class RecordApplication(NamedTuple):
    ref: str
    experienced: bool


class SendJobBySms(NamedTuple):
    ref: str


class ReportJob(NamedTuple):
    ref: str


class InviteFriend(NamedTuple):
    msisdn: str
    ref: str | None = None  # the job shared, or None for an invitation to the service


class CallFriend(NamedTuple):
    """Phone the friend and read them the job, saying how the sharer knows them (one of core.reference.RELATIONS)."""

    msisdn: str
    ref: str
    relation: str


class CountView(NamedTuple):
    """A sponsored job's details were opened: a Redis counter, no database write."""

    slot: int


RECORDS = (SetLanguage, SaveAlerts, RecordApplication, SendJobBySms, ReportJob, InviteFriend, CallFriend)


def records(effects):
    """The effects that write to the database (a navigation step has none)."""
    return [effect for effect in effects if isinstance(effect, RECORDS)]
