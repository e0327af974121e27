"""Carrying out one received SMS: throttle, parse, call core, and queue the reply in the sender's language."""
import dataclasses
import datetime
import json
import logging
import re
from dataclasses import dataclass

from peewee import IntegrityError

from core import applications, contacts, listings, livejobs, moderation, outbox, referrals, reports, runtime
from core.i18n import normalise_language, text
from core.models import Category, Employer, InboundMessage, Job, ListingDraft, Province, Seeker, Tally, db, utcnow
from core.spend import refuse as spend_refused
from core.phone import local_msisdn, mask_msisdn, normalise_msisdn
from core.gsm import sms_segments
from core.text import truncate
from core.wording import fitted, job_place, job_title, job_wage
from sms import parser

log = logging.getLogger(__name__)

SLOW_DOWN_EVERY = datetime.timedelta(days=1)
DRAFT_ANSWERED_WITHIN = datetime.timedelta(days=1)  # after that, staff see the draft and an answer starts nothing
_KHMER_SCRIPT = re.compile("[\u1780-\u17ff]")
_LATIN_LETTER = re.compile("[A-Za-z]")
# Words in a message that is no command but reads like a listing (kept for staff to call the sender back).
_LISTING_HINTS = re.compile(r"(?i)\b(need|needed|hiring|hire|workers?|salary|wage|trov ?ka|kammakar)\b|ត្រូវការ|កម្មករ|ប្រាក់ខែ")
INBOUND_WINDOW = datetime.timedelta(hours=1)  # [sms] max_per_hour counts a number's messages in this window
JOBS_SHOWN = 3
MYJOBS_SHOWN = 5


@dataclass
class Sender:
    """Who texted: their number, the employer and seeker rows behind it (either may be None), their language."""

    msisdn: str
    employer: Employer | None
    seeker: Seeker | None
    wrote_khmer: bool = False  # the message was in Khmer script: so is the reply, whatever the language on file

    @property
    def language(self):
        if self.wrote_khmer:
            return "km"
        chosen = (self.employer and self.employer.language) or (self.seeker and self.seeker.language)
        return normalise_language(chosen, default=runtime.current().config["app"]["default_language"])

    def as_seeker(self):
        """The seeker row, created on first contact (with a referral code)."""
        if self.seeker is None:
            language = self.employer.language if self.employer else None
            self.seeker, _ = Seeker.get_or_create_by_msisdn(self.msisdn, language=language)
        return self.seeker


def receive(message):
    """Process one stored InboundMessage; returns its outcome (also saved on the row)."""
    msisdn = message.msisdn
    allowed = _throttle(msisdn)
    if allowed is False:
        outcome, reply, kind = "dropped", None, None
    else:
        sender = Sender(
            msisdn, Employer.get_or_none(Employer.msisdn == msisdn), Seeker.get_or_none(Seeker.msisdn == msisdn),
            wrote_khmer=_in_khmer_script(message.text or ""),
        )
        if allowed is True:
            outcome, reply, kind = _answer_to_draft(sender, message.text) or handle(sender, parser.parse(message.text),
                                                                                   message.text)
        else:
            outcome, reply, kind = "throttled", _say(sender, "sms.reply.slow_down"), "reply"
    if reply:
        outbox.send(msisdn, reply, kind=kind)
    (
        InboundMessage.update(processed_at=utcnow(), outcome=outcome[:255])
        .where(InboundMessage.id == message.id)
        .execute()
    )
    log.info("sms from %s: %s", mask_msisdn(msisdn), outcome)
    return outcome


def apologise(msisdn):
    """Tell the sender their message could not be handled (never silence), in [app] default_language."""
    config = runtime.current().config
    body = text(
        config["app"]["default_language"],
        "sms.reply.error.internal",
        service=config["app"]["service_name"],
        hotline=config.get_list("app", "hotline")[0],
    )
    outbox.send(msisdn, body, kind="reply")


RECOVER_AFTER = datetime.timedelta(seconds=60)


def recover_unprocessed():
    """rq job (sweeper): process messages stored but never processed (the web process died in between).

    AT's retry of such a message is a duplicate and is dropped, so without this it would be lost. A message whose
    processing raised is marked failed by the endpoint and is not retried here.
    """
    stale = (
        InboundMessage.select()
        .where(
            InboundMessage.processed_at.is_null()
            & InboundMessage.outcome.is_null()
            & (InboundMessage.received_at < utcnow() - RECOVER_AFTER)
        )
        .order_by(InboundMessage.id)
        .limit(1000)
    )
    recovered = 0
    for message in stale:
        receive(message)
        recovered += 1
    return recovered


def _in_khmer_script(text):
    """True for a message written in Khmer script: Khmer letters and no Latin word but a currency code (USD, KHR).
    One that mixes in Latin keywords or words was written by someone who reads them."""
    return bool(_KHMER_SCRIPT.search(text)) and len(_LATIN_LETTER.findall(text)) <= 3


def handle(sender, command, text=""):
    """(outcome, reply text or None, outbox kind) for one parsed command (`text`: the message it was read from)."""
    if isinstance(command, parser.ParseError):
        key = f"sms.reply.error.{command.field}" + (".given" if command.given else "")
        reply = _say(sender, key, example=_example(sender, command.command), given=command.given)
        return f"error:{command.command}:{command.field}", reply, "reply"
    if isinstance(command, parser.NotUnderstood) and text.strip() and (sender.employer or _LISTING_HINTS.search(text)):
        # Not a command, from an employer or reading like a listing: kept for staff, who call back.
        return "needs_help", _say(sender, "sms.reply.needs_help", example=_example(sender, "JOB")), "reply"
    handler = HANDLERS.get(type(command), _help)
    return handler(sender, command)


# -- employers ------------------------------------------------------------------------------------------------------

def _post_job(sender, command):
    employer = sender.employer
    if employer is None:
        return "job:unregistered", _say(sender, "sms.reply.register_first"), "reply"
    if command.guessed or command.wage_period is None:
        return _ask(sender, command, "confirm" if command.guessed else "period")
    try:
        job = listings.post(
            employer,
            command.category_number,
            command.province_code,
            command.wage_amount,
            command.wage_currency,
            command.wage_period,
            command.positions,
            command.title,
            command.details,
        )
    except listings.Suspended:
        return "job:suspended", _say(sender, "sms.reply.suspended", hotline=_hotline()), "reply"
    except listings.Duplicate as duplicate:
        same = duplicate.job
        status = _say(sender, f"sms.status.{same.status}")
        reply = _say(sender, "sms.reply.job.duplicate", ref=same.ref, status=status)
        return f"job:duplicate:{same.ref}", reply, "reply"
    key = "sms.reply.job.live" if job.status == "live" else "sms.reply.job.pending"
    values = dict(ref=job.ref, title=job.title, service=_service())
    if command.details:
        # The parser kept the words past the longest title as details: the employer hears where their words went.
        key, values["status"] = "sms.reply.job.long_title", _say(sender, f"sms.status.{job.status}")
    return f"job:{job.status}:{job.ref}", fitted(sender.language, key, **values), "reply"


def _ask(sender, command, question, draft=None):
    """Keep the listing as a draft and ask the one question it waits on (nothing is posted on a guess)."""
    with db.atomic():
        if draft is None:
            (ListingDraft.update(status="replaced")
             .where((ListingDraft.employer == sender.employer) & (ListingDraft.status == "waiting"))
             .execute())
            draft = ListingDraft.create(employer=sender.employer, question=question, text=command.title,
                                        listing=json.dumps(dataclasses.asdict(command)))
        else:
            ListingDraft.update(question=question).where(ListingDraft.id == draft.id).execute()
    if question == "confirm":
        place = Province.of(command.province_code).name(sender.language)
        trade = Category.get_by_id(command.category_number).name(sender.language)
        reply = _say(sender, "sms.reply.job.confirm", trade=trade, place=place)
    else:
        amount = f"{command.wage_amount:,}" + (" riel" if command.wage_currency == "KHR" else "$")
        reply = _say(sender, "sms.reply.job.period", wage=amount)
    return f"job:ask:{question}", reply, "reply"


def _answer_to_draft(sender, text):
    """(outcome, reply, kind) when the message answers the question the employer's listing waits on, else None."""
    said = parser.answer(text)
    if sender.employer is None or said is None:
        return None
    draft = ListingDraft.waiting_for(sender.employer, utcnow() - DRAFT_ANSWERED_WITHIN)
    if draft is None or (draft.question == "confirm") != (said == "yes"):
        return None
    command = parser.PostJob(**{**json.loads(draft.listing), "guessed": ()})
    if draft.question == "period":
        command = dataclasses.replace(command, wage_period=said)
    elif command.wage_period is None:
        return _ask(sender, command, "period", draft)
    outcome, reply, kind = _post_job(sender, command)
    job = Job.by_ref(outcome.rsplit(":", 1)[-1]) if outcome.startswith(("job:live:", "job:pending:")) else None
    (ListingDraft.update(status="posted", job=job, answered_at=utcnow())
     .where(ListingDraft.id == draft.id)
     .execute())
    return outcome, reply, kind


def _close(sender, command):
    job = _own_job(sender, command.ref)
    if job is None:
        return _not_own(sender, command.ref)
    try:
        moderation.close_job(job, f"employer:{sender.employer.id}")
    except moderation.IllegalMove:
        status = _say(sender, f"sms.status.{job.status}")
        return "close:refused", _say(sender, "sms.reply.job.cannot_close", ref=job.ref, status=status), "reply"
    return "close:ok", _say(sender, "sms.reply.job.closed", ref=job.ref), "reply"


def _my_jobs(sender, _command):
    if sender.employer is None:
        return "myjobs:unregistered", _say(sender, "sms.reply.register_first"), "reply"
    jobs = Job.active_of(sender.employer, limit=MYJOBS_SHOWN)
    items = [
        _say(sender, "sms.reply.myjobs.item", ref=job["ref"], status=_say(sender, f"sms.status.{job['status']}"),
             applicants=job["applicants"])
        for job in jobs
    ]
    if not items:
        return "myjobs:none", _say(sender, "sms.reply.myjobs.none", example=_example(sender, "JOB")), "reply"
    return "myjobs:ok", _say(sender, "sms.reply.myjobs", jobs="; ".join(items)), "reply"


def _hired(sender, command):
    job = _own_job(sender, command.ref)
    if job is None:
        return _not_own(sender, command.ref)
    msisdn = normalise_msisdn(command.msisdn)
    if msisdn is None:
        return "hired:bad_number", _say(sender, "sms.reply.error.msisdn", example=_example(sender, "HIRED")), "reply"
    shown = local_msisdn(msisdn)
    if applications.record_hire(job, msisdn, f"employer:{sender.employer.id}") is None:
        return "hired:not_applied", _say(sender, "sms.reply.hired.unknown", ref=job.ref, msisdn=shown), "reply"
    return "hired:ok", _say(sender, "sms.reply.hired", ref=job.ref, msisdn=shown), "reply"


def _register(sender, command):
    example = _example(sender, "JOB")
    if sender.employer is not None:
        return "reg:exists", _say(sender, "sms.reply.already_registered", name=sender.employer.name, example=example), "reply"
    try:
        with db.atomic():
            sender.employer = Employer.create(
                msisdn=sender.msisdn, name=command.name, language=sender.language, status="pending"
            )
    except IntegrityError:  # the same REG arriving twice at once
        sender.employer = Employer.get(Employer.msisdn == sender.msisdn)
        return "reg:exists", _say(sender, "sms.reply.already_registered", name=sender.employer.name, example=example), "reply"
    return "reg:ok", _say(sender, "sms.reply.registered", name=command.name[:40]), "reply"


# -- seekers and intermediaries -------------------------------------------------------------------------------------

def _find_jobs(sender, _command):
    snapshot = runtime.current().live_jobs.fresh()
    language = sender.language
    items = [
        text(language, "sms.reply.jobs.item", ref=job.ref, title=truncate(job_title(job, language), 24),
             wage=job_wage(job, language), place=job_place(job, language))
        for job in map(snapshot.described, livejobs.for_seeker(sender.as_seeker(), snapshot, JOBS_SHOWN))
    ]
    if not items:
        return "jobs:none", _say(sender, "sms.reply.jobs.none", ussd=_ussd()), "reply"
    # As many jobs as one segment holds: the rest come with the next JOBS or on USSD.
    while len(items) > 1 and sms_segments(_say(sender, "sms.reply.jobs", jobs="; ".join(items))) > 1:
        items.pop()
    reply = fitted(language, "sms.reply.jobs", jobs="; ".join(items), service=_service())
    return f"jobs:{len(items)}", reply, "reply"


def _apply(sender, command):
    job = Job.by_ref(command.ref)
    if job is None:
        return "apply:unknown", _say(sender, "sms.reply.unknown_ref", ref=command.ref), "reply"
    seeker = sender.as_seeker()
    try:
        _application, created = applications.apply(job, seeker, "sms")
    except applications.NotOpen:
        return "apply:closed", _say(sender, "sms.reply.apply.closed", ref=job.ref), "reply"
    if not created:
        return "apply:again", _say(sender, "sms.reply.apply.already", ref=job.ref), "reply"
    return f"apply:ok:{job.ref}", None, None  # core.applications sends the confirmation


def _report(sender, command):
    job = Job.by_ref(command.ref)
    if job is None:
        return "report:unknown", _say(sender, "sms.reply.unknown_ref", ref=command.ref), "reply"
    counted, hidden = reports.report(job, sender.as_seeker(), channel="sms")
    outcome = "report:" + ("hidden" if hidden else "counted" if counted else "again")
    return outcome, _say(sender, "sms.reply.report", ref=job.ref, hotline=_hotline()), "reply"


def _refer(sender, command):
    job = None
    if command.ref is not None:
        job = Job.by_ref(command.ref)
        if job is None:
            return "ref:unknown_job", _say(sender, "sms.reply.unknown_ref", ref=command.ref), "reply"
    seeker = sender.as_seeker()
    result, friend_msisdn = referrals.invite(seeker, command.msisdn, job=job, channel="sms")
    values = {
        "friend": local_msisdn(friend_msisdn) if friend_msisdn else "",
        "code": seeker.referral_code,
        "ref": command.ref or "",
        "example": _example(sender, "REF"),
    }
    return f"ref:{result.value}", _say(sender, f"sms.reply.ref.{result.value}", **values), "reply"


def _call_friend(sender, command):
    job = Job.by_ref(command.ref)
    if job is None:
        return "call:unknown_job", _say(sender, "sms.reply.unknown_ref", ref=command.ref), "reply"
    seeker = sender.as_seeker()
    result, friend_msisdn = referrals.invite(seeker, command.msisdn, job=job, channel="call",
                                             relation=command.relation)
    values = {
        "friend": local_msisdn(friend_msisdn) if friend_msisdn else "",
        "code": seeker.referral_code,
        "ref": job.ref,
        "example": _example(sender, "CALL"),
    }
    return f"call:{result.value}", _say(sender, f"sms.reply.call.{result.value}", **values), "reply"


def _set_language(sender, command):
    """One language for the number on every channel: its employer and seeker rows both take it."""
    language = command.language
    sender.seeker = contacts.set_language(sender.msisdn, language, make_seeker=sender.employer is None)
    if sender.employer is not None:
        sender.employer.language = language
    return f"lang:{language}", _say(sender, "sms.reply.language", ussd=_ussd()), "reply"


def _stop(sender, _command):
    outbox.mark_opted_out(sender.msisdn)
    return "stop", _say(sender, "sms.reply.stop"), "optout"


def _start(sender, _command):
    outbox.mark_opted_in(sender.as_seeker())
    return "start", _say(sender, "sms.reply.start"), "reply"


def _help(sender, _command):
    if sender.employer is not None:
        return "help", _say(sender, "sms.reply.help_employer", example=_example(sender, "JOB")), "reply"
    return "help", _say(sender, "sms.reply.help", ussd=_ussd()), "reply"


HANDLERS = {
    parser.PostJob: _post_job,
    parser.CloseJob: _close,
    parser.MyJobs: _my_jobs,
    parser.Hired: _hired,
    parser.Register: _register,
    parser.FindJobs: _find_jobs,
    parser.Apply: _apply,
    parser.Report: _report,
    parser.Refer: _refer,
    parser.CallFriend: _call_friend,
    parser.Stop: _stop,
    parser.Start: _start,
    parser.Help: _help,
    parser.SetLanguage: _set_language,
}


# -- helpers --------------------------------------------------------------------------------------------------------

def _throttle(msisdn):
    """True to process; "warn" for the first message over the hourly limit in a day; False to drop silently.

    Counted in the database (`Tally`, one upsert), like the staff login throttle, so the limit on what we answer,
    and pay for, holds while Redis is down and counts parallel messages exactly. A verified employer posting a
    working day's listings has a limit of its own; the database is asked that only once a number passes the
    ordinary limit."""
    config = runtime.current().config
    count = Tally.hit(f"sms-in:{msisdn}", INBOUND_WINDOW)
    if count <= config.get_int("sms", "max_per_hour"):
        return True
    if count <= config.get_int("sms", "max_per_hour_verified") and Employer.is_verified(msisdn):
        return True
    if Tally.hit(f"sms-slowdown:{msisdn}", SLOW_DOWN_EVERY) == 1:
        return "warn"
    spend_refused("reply", "cap:number")
    return False


def _own_job(sender, ref):
    if sender.employer is None:
        return None
    return Job.get_or_none((Job.ref == ref.upper()) & (Job.employer == sender.employer))


def _not_own(sender, ref):
    if sender.employer is None:
        return "unregistered", _say(sender, "sms.reply.register_first"), "reply"
    return "unknown_ref", _say(sender, "sms.reply.unknown_ref", ref=ref), "reply"


def _example(sender, command):
    """A correct message for `command` to copy, in the sender's language (the keywords are the same in all)."""
    return text(sender.language, f"sms.example.{command}")


def _say(sender, key, **values):
    return text(sender.language, key, service=_service(), **values)


def _service():
    return runtime.current().config["app"]["service_name"]




def _hotline():
    return runtime.current().config.get_list("app", "hotline")[0]


def _ussd():
    return runtime.current().config["app"]["ussd_code"]
