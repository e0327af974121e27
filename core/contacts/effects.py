"""The one vocabulary of what a person can ask the service to do, on any channel, as data.

The USSD engine, the voice flow and the SMS interpreter are pure: they return these; `core.contacts.runner` carries them out
for a `core.contacts.contact.Contact`, in one transaction, and says what each came to (`Done`) for the reply."""
from typing import NamedTuple


# -- seekers, intermediaries and anyone passing a job on ------------------------------------------------------------

class SetLanguage(NamedTuple):
    """One language for the number on every channel (its seeker and employer rows both take it)."""

    language: str


class SaveAlerts(NamedTuple):
    home_province: int
    trades: tuple
    reach: str
    on: bool


class Apply(NamedTuple):
    ref: str
    experienced: bool = False


class SendJobBySms(NamedTuple):
    """Text the job's details to the person asking (paid for: capped by core.outbound.spend)."""

    ref: str


class ReportJob(NamedTuple):
    ref: str


class ShareBySms(NamedTuple):
    """Invite a friend by SMS: to a job (`ref`) or, with None, to the service; `sharer_name` is the name a sharer on
    the website gave (on the phone their number names them)."""

    msisdn: str
    ref: str | None = None
    sharer_name: str | None = None


class ShareByCall(NamedTuple):
    """Phone the friend and read them the job, saying how the sharer knows them (one of core.reference.RELATIONS)."""

    msisdn: str
    ref: str
    relation: str | None = None
    sharer_name: str | None = None


class CallBack(NamedTuple):
    """Call this person again about the job: "hour" (in an hour) or "tomorrow" (this time tomorrow)."""

    ref: str
    when: str


class StopCalls(NamedTuple):
    """The person asked never to be called again."""


class Stop(NamedTuple):
    """STOP: no more SMS or calls to this number."""


class Start(NamedTuple):
    """START: SMS and alerts again after a STOP."""


class CountView(NamedTuple):
    """A sponsored job's details were opened: a Redis counter, no database write."""

    slot: int


# -- employers ------------------------------------------------------------------------------------------------------

class Register(NamedTuple):
    """A new employer, pending staff's check; `language` when the words it came in say more than the one on file."""

    name: str
    language: str | None = None


class PostJob(NamedTuple):
    """Post a listing read from the employer's words (sms.parser.PostJob's fields), or keep it as a draft and ask
    the one question it waits on; `draft` is the id of the draft this answers."""

    listing: object
    draft: int | None = None


class CloseJob(NamedTuple):
    ref: str


class RecordHire(NamedTuple):
    ref: str
    msisdn: str


class Done(NamedTuple):
    """What an effect came to: `result` names it for the reply ("created", "already", "closed", "refused", …; None
    when there is nothing to say) and `values` fill the reply's blanks."""

    result: str | None = None
    values: dict = {}


# What only reads or counts: a step whose effects are all of these writes nothing to the database.
COUNTS = (CountView,)


def records(effects):
    """The effects that write to the database (a navigation step has none)."""
    return [effect for effect in effects if not isinstance(effect, COUNTS)]
