"""What one SMS asks for and what it is answered: text in, effects (core.contacts.effects) out, then the reply from what they
came to. Pure: no I/O.

`read(text, facts)` gives the Step: the command (sms.parser's) and the effects core.contacts.runner carries out; once they are
committed, `reply(step, done, facts)` gives the Reply (outcome kept on the inbound row, text, outbox kind) from each
effect's fx.Done. `facts` is what the interpreter reads about the sender, each only when a command needs it:
`language`, `deployment` (core.platform.config.Deployment), `employer` (its name, or None for a number that is no employer),
`draft` (the question the employer's listing waits on: `id`, `question`, `listing` as JSON, or None), `jobs` (live jobs
for the sender, newest first) and `my_jobs` (the employer's active jobs: pending, live or hidden; dicts of ref, status,
applicants).
"""
import dataclasses
import json
import re
from typing import NamedTuple

from core.contacts import effects as fx
from core.text.gsm import sms_segments
from core.text.i18n import text as say
from core.text.phone import local_msisdn
from core.reference import CATEGORIES, PROVINCES
from core.text.clusters import truncate
from core.text.wording import fitted, job_place, job_title, job_wage
from sms import parser

_KHMER_SCRIPT = re.compile("[\u1780-\u17ff]")
_LATIN_LETTER = re.compile("[A-Za-z]")
# Words in a message that is no command but reads like a listing (kept for staff to call the sender back).
_LISTING_HINTS = re.compile(r"(?i)\b(need|needed|hiring|hire|workers?|salary|wage|trov ?ka|kammakar)\b|ត្រូវការ|កម្មករ|ប្រាក់ខែ")
JOBS_SHOWN = 3
MYJOBS_SHOWN = 5
_PROVINCE = {province.code: province for province in PROVINCES}
_CATEGORY = {category.number: category for category in CATEGORIES}


class Step(NamedTuple):
    """What a message asks for: its text, the command read from it (a draft's listing, for an answer to its
    question), the effects to carry out, and whether it was written in Khmer script (then so is the reply)."""

    text: str
    command: object
    effects: list
    khmer: bool = False


class Reply(NamedTuple):
    """The outcome kept on the inbound row, the reply's text (None: core sends the confirmation) and its outbox kind."""

    outcome: str
    text: str | None
    kind: str = "reply"


def read(text, facts):
    """The Step for one message: a one-word answer to the question the employer's listing waits on, else a command."""
    text = text or ""
    khmer = in_khmer_script(text)
    said = parser.answer(text)
    if said is not None and facts.employer is not None:
        draft = facts.draft
        if draft is not None and (draft.question == "confirm") == (said == "yes"):
            listing = parser.PostJob(**{**json.loads(draft.listing), "guessed": ()})
            if draft.question == "period":
                listing = dataclasses.replace(listing, wage_period=said)
            return Step(text, listing, [fx.PostJob(listing, draft=draft.id)], khmer)
    command = parser.parse(text)
    return Step(text, command, _effects(command, facts, khmer), khmer)


def _effects(command, facts, khmer):
    if isinstance(command, (parser.PostJob, parser.CloseJob, parser.Hired)) and facts.employer is None:
        return []
    if isinstance(command, parser.PostJob):
        return [fx.PostJob(command)]
    if isinstance(command, parser.CloseJob):
        return [fx.CloseJob(command.ref)]
    if isinstance(command, parser.Hired):
        return [fx.RecordHire(command.ref, command.msisdn)]
    if isinstance(command, parser.Register):
        return [] if facts.employer is not None else [fx.Register(command.name, "km" if khmer else None)]
    if isinstance(command, parser.Apply):
        return [fx.Apply(command.ref)]
    if isinstance(command, parser.Report):
        return [fx.ReportJob(command.ref)]
    if isinstance(command, parser.Refer):
        return [fx.ShareBySms(command.msisdn, command.ref)]
    if isinstance(command, parser.CallFriend):
        return [fx.ShareByCall(command.msisdn, command.ref, command.relation)]
    if isinstance(command, parser.SetLanguage):
        return [fx.SetLanguage(command.language)]
    if isinstance(command, parser.Stop):
        return [fx.Stop()]
    if isinstance(command, parser.Start):
        return [fx.Start()]
    return []


def reply(step, done, facts):
    """The Reply to a Step, once its effects are committed (`done`: one fx.Done each)."""
    answer = _Answer(facts, "km" if step.khmer else facts.language)
    command = step.command
    result = done[0] if done else fx.Done()
    if isinstance(command, parser.ParseError):
        key = f"sms.reply.error.{command.field}" + (".given" if command.given else "")
        return answer(f"error:{command.command}:{command.field}", key, example=answer.example(command.command),
                      given=command.given)
    if isinstance(command, parser.NotUnderstood) and step.text.strip() and (
            facts.employer is not None or _LISTING_HINTS.search(step.text)):
        # Not a command, from an employer or reading like a listing: kept for staff, who call back.
        return answer("needs_help", "sms.reply.needs_help", example=answer.example("JOB"))
    return REPLIES.get(type(command), _help)(answer, command, result)


def slow_down(text, facts):
    """The one warning a number gets when it passes the hourly limit (later messages that day are dropped)."""
    return _Answer(facts, "km" if in_khmer_script(text or "") else facts.language)("throttled", "sms.reply.slow_down")


def in_khmer_script(text):
    """True for a message written in Khmer script: Khmer letters and no Latin word but a currency code (USD, KHR).
    One that mixes in Latin keywords or words was written by someone who reads them."""
    return bool(_KHMER_SCRIPT.search(text)) and len(_LATIN_LETTER.findall(text)) <= 3


class _Answer:
    """Replies in one language, with the deployment's values: answer(outcome, key, **values) is a Reply."""

    def __init__(self, facts, language):
        self.facts, self.language, self.deployment = facts, language, facts.deployment

    def __call__(self, outcome, key, kind="reply", **values):
        return Reply(outcome, self.say(key, **values), kind)

    def say(self, key, **values):
        return say(self.language, key, service=self.deployment.service, **values)

    def fitted(self, outcome, key, **values):
        """A Reply whose quoted words are cut to fit its segments (core.text.wording.fitted)."""
        return Reply(outcome, fitted(self.language, key, service=self.deployment.service, **values))

    def example(self, command):
        """A correct message for `command` to copy (the keywords are the same in every language)."""
        return say(self.language, f"sms.example.{command}")

    def status(self, status):
        return self.say(f"sms.status.{status}")

    @property
    def hotline(self):
        return self.deployment.hotline


# -- employers ------------------------------------------------------------------------------------------------------

def _post_job(answer, listing, done):
    if answer.facts.employer is None:
        return answer("job:unregistered", "sms.reply.register_first")
    values = done.values
    if done.result == "ask" and values["question"] == "confirm":
        return answer("job:ask:confirm", "sms.reply.job.confirm",
                      trade=_named(_CATEGORY[listing.category_number], answer.language),
                      place=_named(_PROVINCE[listing.province_code], answer.language))
    if done.result == "ask":
        amount = f"{listing.wage_amount:,}" + (" riel" if listing.wage_currency == "KHR" else "$")
        return answer("job:ask:period", "sms.reply.job.period", wage=amount)
    if done.result == "suspended":
        return answer("job:suspended", "sms.reply.suspended", hotline=answer.hotline)
    if done.result == "duplicate":
        return answer(f"job:duplicate:{values['ref']}", "sms.reply.job.duplicate", ref=values["ref"],
                      status=answer.status(values["status"]))
    outcome = f"job:{done.result}:{values['ref']}"
    if listing.details:
        # The parser kept the words past the longest title as details: the employer hears where their words went.
        return answer.fitted(outcome, "sms.reply.job.long_title", ref=values["ref"], title=values["title"],
                             status=answer.status(done.result))
    key = "sms.reply.job.live" if done.result == "live" else "sms.reply.job.pending"
    return answer.fitted(outcome, key, ref=values["ref"], title=values["title"])


def _named(reference, language):
    """A province's or trade's name in `language`, as core.models names them."""
    return {"en": reference.name_en, "km": reference.name_km}.get(language, reference.name_km_latn)


def _close(answer, command, done):
    if answer.facts.employer is None:
        return answer("unregistered", "sms.reply.register_first")
    if done.result == "unknown":
        return answer("unknown_ref", "sms.reply.unknown_ref", ref=command.ref)
    if done.result == "refused":
        return answer("close:refused", "sms.reply.job.cannot_close", ref=done.values["ref"],
                      status=answer.status(done.values["status"]))
    return answer("close:ok", "sms.reply.job.closed", ref=done.values["ref"])


def _my_jobs(answer, _command, _done):
    if answer.facts.employer is None:
        return answer("myjobs:unregistered", "sms.reply.register_first")
    items = [
        answer.say("sms.reply.myjobs.item", ref=job["ref"], status=answer.status(job["status"]),
                   applicants=job["applicants"])
        for job in answer.facts.my_jobs
    ]
    if not items:
        return answer("myjobs:none", "sms.reply.myjobs.none", example=answer.example("JOB"))
    return answer("myjobs:ok", "sms.reply.myjobs", jobs="; ".join(items))


def _hired(answer, command, done):
    if answer.facts.employer is None:
        return answer("unregistered", "sms.reply.register_first")
    if done.result == "unknown":
        return answer("unknown_ref", "sms.reply.unknown_ref", ref=command.ref)
    if done.result == "bad_number":
        return answer("hired:bad_number", "sms.reply.error.msisdn", example=answer.example("HIRED"))
    shown = local_msisdn(done.values["msisdn"])
    if done.result == "not_applied":
        return answer("hired:not_applied", "sms.reply.hired.unknown", ref=done.values["ref"], msisdn=shown)
    return answer("hired:ok", "sms.reply.hired", ref=done.values["ref"], msisdn=shown)


def _register(answer, command, done):
    if done.result != "created":  # an employer already: asked for nothing, or "already" from a REG sent twice at once
        return answer("reg:exists", "sms.reply.already_registered", name=answer.facts.employer,
                      example=answer.example("JOB"))
    return answer("reg:ok", "sms.reply.registered", name=command.name[:40])


# -- seekers and intermediaries -------------------------------------------------------------------------------------

def _find_jobs(answer, _command, _done):
    language = answer.language
    items = [
        say(language, "sms.reply.jobs.item", ref=job.ref, title=truncate(job_title(job, language), 24),
            wage=job_wage(job, language), place=job_place(job, language))
        for job in answer.facts.jobs[:JOBS_SHOWN]
    ]
    if not items:
        return answer("jobs:none", "sms.reply.jobs.none", ussd=answer.deployment.ussd_code)
    # As many jobs as one segment holds: the rest come with the next JOBS or on USSD.
    while len(items) > 1 and sms_segments(answer.say("sms.reply.jobs", jobs="; ".join(items))) > 1:
        items.pop()
    return answer.fitted(f"jobs:{len(items)}", "sms.reply.jobs", jobs="; ".join(items))


def _apply(answer, command, done):
    if done.result == "unknown":
        return answer("apply:unknown", "sms.reply.unknown_ref", ref=command.ref)
    if done.result == "closed":
        return answer("apply:closed", "sms.reply.apply.closed", ref=command.ref)
    if done.result == "already":
        return answer("apply:again", "sms.reply.apply.already", ref=done.values["ref"])
    return Reply(f"apply:ok:{done.values['ref']}", None)  # core.seekers.applications sends the confirmation


def _report(answer, command, done):
    if done.result == "unknown":
        return answer("report:unknown", "sms.reply.unknown_ref", ref=command.ref)
    return answer(f"report:{done.result}", "sms.reply.report", ref=done.values["ref"], hotline=answer.hotline)


def _share(keyword):
    """REF (an invitation by SMS) or CALL (a call reading the job): answered alike from referrals' outcome."""
    name = keyword.lower()

    def share(answer, command, done):
        if done.result == "unknown":
            return answer(f"{name}:unknown_job", "sms.reply.unknown_ref", ref=command.ref)
        # A call that quiet hours hold is sent all the same: it rings when they end.
        result = "sent" if done.result == "later" else done.result
        friend = done.values.get("friend")
        return answer(f"{name}:{result}", f"sms.reply.{name}.{result}", friend=local_msisdn(friend) if friend else "",
                      code=done.values["code"], ref=done.values["ref"], example=answer.example(keyword))

    return share


def _set_language(answer, command, _done):
    # Said in the language chosen, whatever the script the choice was written in: it names that language.
    chosen = _Answer(answer.facts, command.language)
    return chosen(f"lang:{command.language}", "sms.reply.language", ussd=answer.deployment.ussd_code)


def _stop(answer, _command, _done):
    return answer("stop", "sms.reply.stop", kind="optout")


def _start(answer, _command, _done):
    return answer("start", "sms.reply.start")


def _help(answer, _command, _done):
    if answer.facts.employer is not None:
        return answer("help", "sms.reply.help_employer", example=answer.example("JOB"))
    return answer("help", "sms.reply.help", ussd=answer.deployment.ussd_code)


REPLIES = {
    parser.PostJob: _post_job,
    parser.CloseJob: _close,
    parser.MyJobs: _my_jobs,
    parser.Hired: _hired,
    parser.Register: _register,
    parser.FindJobs: _find_jobs,
    parser.Apply: _apply,
    parser.Report: _report,
    parser.Refer: _share("REF"),
    parser.CallFriend: _share("CALL"),
    parser.SetLanguage: _set_language,
    parser.Stop: _stop,
    parser.Start: _start,
    parser.Help: _help,
}
