"""The voice call flow. Pure: step(state, keys, facts) -> (new state, effects); reply(state, facts) -> Reply.

A state is a small JSON-able dict whose "id" is a namespaced string ("jobs.read", "offer.apply"). It travels in the
gateway's callbackUrl, so every callback carries the whole state and nothing is kept between callbacks. Every rule
that moves the state is in TRANSITIONS; every spoken answer is drawn by the function of the same id in REPLIES.
A person calling us starts at `begin_inbound`; a friend we call (a shared job, a call-back) at `begin_offer`.
"""
import functools
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from core.contacts import effects as fx
from core.text.i18n import LANGUAGES
from core.reference import RELATIONS
from voice.speech import digits, name, number, prompt, say

MAX_SILENCES = 2  # timeouts in a row before we hang up
MAX_KEYS = 60  # keys kept for the call log
MAX_TRADES = 20
REACHES = ("same", "near", "any")
_REF = re.compile(r"^[A-Z]\d{3,7}$")

LANGUAGE_KEYS = {"1": "km", "2": "en"}
SEEKER_KEYS = {"1": "apply", "2": "next", "3": "hour", "4": "tomorrow", "5": "repeat", "0": "end"}
OFFER_KEYS = {"1": "apply", "2": "hour", "3": "tomorrow", "4": "repeat", "9": "stop", "0": "end"}
EXPERIENCE_KEYS = {"1": True, "2": False}
AFTER_KEYS = {"2": "next", "0": "end"}


class Offer(NamedTuple):
    """An outbound call about one job: who shared it (none for a call-back) and how they know the friend."""

    kind: str  # "share" or "callback"
    ref: str
    sharer: str | None = None  # the sharer's number as people write it (012345678)
    relation: str | None = None


@dataclass
class Facts:
    """What a step may read: the live jobs snapshot, and the offer of an outbound call (None for a call to us)."""

    snapshot: object
    offer: Offer | None = None
    lists: dict = field(default_factory=dict)  # job lists of this snapshot already worked out, by what they depend on
    hotline: str = ""  # the safe-work hotline said after every offer and application ([app] hotline)


class Reply(NamedTuple):
    """What to say, and what to collect after: None (hang up), "key" (one key) or "number" (digits then #)."""

    parts: tuple
    collect: str | None


# -- starting, restoring ---------------------------------------------------------------------------------------------

def begin_inbound(profile, facts, default_language):
    """The first state of a call to us: the language question on first contact (asked in the deployment's default
    language), else the jobs."""
    # The caller's home, reach and trades go into the state, so no later callback of the call reads them again.
    trades = [number for number in profile.get("trades") or () if _small_int(number) is not None]
    state = {"id": "lang", "lang": default_language, "k": "", "reach": profile.get("reach") or "near",
             "trades": trades[:MAX_TRADES]}
    if _small_int(profile.get("home")) is not None:
        state["home"] = profile["home"]
    if profile.get("lang") not in LANGUAGES:
        return state
    return _jobs_start(dict(state, lang=profile["lang"]), facts)


def begin_offer(facts, language, call_id, default_language):
    """The first state of a call we placed about a job (`call_id`: its row, which the state carries), in the
    friend's language or else the deployment's default; a call about a job since deleted only says goodbye."""
    language = language if language in LANGUAGES else default_language
    if facts.offer is None:
        return {"id": "ended", "lang": language, "k": ""}
    return {"id": "offer.read", "lang": language, "k": "", "ref": facts.offer.ref, "call": call_id}


def restore(raw):
    """A state read back from a callbackUrl, or None if it is not one this flow wrote."""
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str) or not isinstance(raw.get("lang"), str):
        return None
    if raw["id"] not in TRANSITIONS or raw["lang"] not in LANGUAGES:
        return None
    state = {"id": raw["id"], "lang": raw["lang"], "k": str(raw.get("k", ""))[-MAX_KEYS:]}
    for key, check in (("i", _small_int), ("cat", _small_int), ("silent", _small_int), ("ref", _ref),
                       ("exp", lambda v: v if isinstance(v, bool) else None), ("notice", _notice),
                       ("home", _small_int), ("reach", lambda v: v if v in REACHES else None),
                       ("trades", _trades), ("call", _small_id)):
        value = check(raw.get(key)) if key in raw else None
        if value is not None:
            state[key] = value
    if state["id"] in ABOUT_A_JOB and "ref" not in state:
        return None
    return state


def _small_int(value):
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 1000 else None


def _small_id(value):
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**63 else None


def _trades(value):
    if not isinstance(value, list) or len(value) > MAX_TRADES or not all(_small_int(v) is not None for v in value):
        return None
    return value


def _ref(value):
    return value if isinstance(value, str) and _REF.match(value) else None


def _notice(value):
    return value if isinstance(value, str) and value in NOTICES else None


# States that speak of one job, so a state without its ref is not one this flow wrote.
ABOUT_A_JOB = frozenset({"jobs.read", "jobs.experience", "jobs.applied", "apply.closed", "jobs.callback.hour",
                         "jobs.callback.tomorrow", "offer.read", "offer.experience", "offer.applied", "offer.closed",
                         "offer.callback.hour", "offer.callback.tomorrow", "offer.stopped"})
# States whose answer hangs up: nothing is pressed after them.
FINAL = frozenset({"jobs.callback.hour", "jobs.callback.tomorrow", "jobs.none", "offer.applied", "offer.closed",
                   "offer.callback.hour", "offer.callback.tomorrow", "offer.stopped", "callback.refused", "ended"})
NOTICES = ("voice.invalid", "voice.no_key", "voice.jobs.from_start", "voice.apply.closed")


# -- stepping --------------------------------------------------------------------------------------------------------

def step(state, keys, facts):
    """Apply the keys pressed (None or "" for silence) to `state`. Returns (new state, effects)."""
    keys = "".join(ch for ch in str(keys or "") if ch in "0123456789*#")[:20]
    state = {key: value for key, value in state.items() if key != "notice"}
    if state["id"] in FINAL:
        return dict(state, id="ended"), []  # a finished call has nothing left to answer
    if not keys.rstrip("#"):
        silent = state.get("silent", 0) + 1
        if silent >= MAX_SILENCES:
            return dict(state, id="ended", silent=silent), []
        return dict(state, silent=silent, notice="voice.no_key"), []
    state = dict(state, k=(state.get("k", "") + keys.rstrip("#") + " ")[-MAX_KEYS:])
    state.pop("silent", None)
    return TRANSITIONS[state["id"]](state, keys.rstrip("#"), facts)


def settle(state, effect, done):
    """Record what carrying out an effect came to (an fx.Done: "closed" for an application to a job no longer open,
    "unknown" for one gone from the database)."""
    if isinstance(effect, fx.Apply) and done.result in ("closed", "unknown"):
        return dict(state, id="apply.closed" if state["id"].startswith("jobs.") else "offer.closed")
    if isinstance(effect, fx.CallBack) and done.result in ("refused", "unknown"):  # over the caps: never promised
        return dict(state, id="callback.refused")
    return state


def _invalid(state):
    return dict(state, notice="voice.invalid"), []


def _choose_language(state, keys, facts):
    spoken = LANGUAGE_KEYS.get(keys)
    if spoken is None:
        return _invalid(state)
    # Khmer spoken: romanised for the SMS that follow, as most basic phones cannot show Khmer script.
    language = "en" if spoken == "en" else "km-Latn"
    return _jobs_start(dict(state, lang=language), facts), [fx.SetLanguage(language)]


def _jobs_start(state, facts):
    if not state.get("trades") and "cat" not in state:
        return dict(state, id="jobs.trade")
    jobs = job_list(state, facts)
    if not jobs:
        return dict(state, id="jobs.none")
    return dict(state, id="jobs.read", i=0, ref=jobs[0].ref)


def _choose_trade(state, keys, facts):
    number = int(keys) if keys.isdigit() and len(keys) <= 3 else None
    if number is None or facts.snapshot.category(number) is None:
        return _invalid(state)
    return _jobs_start(dict(state, cat=number), facts), []


def _from_job(state, keys, facts):
    action = SEEKER_KEYS.get(keys)
    if action is None:
        return _invalid(state)
    if action == "apply":
        return dict(state, id="jobs.experience"), []
    if action == "next":
        return _next_job(state, facts), []
    if action in ("hour", "tomorrow"):
        return dict(state, id=f"jobs.callback.{action}"), [fx.CallBack(state["ref"], action)]
    if action == "repeat":
        return state, []
    return dict(state, id="ended"), []


def _next_job(state, facts):
    jobs = job_list(state, facts)
    if not jobs:
        return dict(state, id="jobs.none")
    index = _position(jobs, state) + 1
    if index >= len(jobs):
        return dict(state, id="jobs.read", i=0, ref=jobs[0].ref, notice="voice.jobs.from_start")
    return dict(state, id="jobs.read", i=index, ref=jobs[index].ref)


def _position(jobs, state):
    """Where the job the caller heard is in the list now (jobs come and go during a call), else where it was."""
    i, ref = state.get("i", 0), state.get("ref")
    if i < len(jobs) and jobs[i].ref == ref:
        return i
    return next((n for n, card in enumerate(jobs) if card.ref == ref), i)


def _experience(done):
    def transition(state, keys, facts):
        experienced = EXPERIENCE_KEYS.get(keys)
        if experienced is None:
            return _invalid(state)
        return dict(state, id=done, exp=experienced), [fx.Apply(state["ref"], experienced)]

    return transition


def _after_apply(state, keys, facts):
    action = AFTER_KEYS.get(keys)
    if action is None:
        return _invalid(state)
    if action == "next":
        return _next_job(state, facts), []
    return dict(state, id="ended"), []


def _from_offer(state, keys, facts):
    action = OFFER_KEYS.get(keys)
    if action is None:
        return _invalid(state)
    if action == "apply":
        return dict(state, id="offer.experience"), []
    if action in ("hour", "tomorrow"):
        return dict(state, id=f"offer.callback.{action}"), [fx.CallBack(state["ref"], action)]
    if action == "repeat":
        return state, []
    if action == "stop":
        return dict(state, id="offer.stopped"), [fx.StopCalls()]
    return dict(state, id="ended"), []


def _finished(state, keys, facts):
    return dict(state, id="ended"), []


TRANSITIONS = {
    "lang": _choose_language,
    "jobs.trade": _choose_trade,
    "jobs.read": _from_job,
    "jobs.experience": _experience("jobs.applied"),
    "jobs.applied": _after_apply,
    "apply.closed": _after_apply,
    "jobs.callback.hour": _finished,
    "jobs.callback.tomorrow": _finished,
    "jobs.none": _finished,
    "offer.read": _from_offer,
    "offer.experience": _experience("offer.applied"),
    "offer.applied": _finished,
    "offer.closed": _finished,
    "offer.callback.hour": _finished,
    "offer.callback.tomorrow": _finished,
    "callback.refused": _finished,
    "offer.stopped": _finished,
    "ended": _finished,
}


# -- what a seeker hears about ---------------------------------------------------------------------------------------

def job_list(state, facts):
    """Live jobs for the caller, in the snapshot's one order (newest first): their trades (or the trade picked)
    within their reach of home."""
    trades = (state["cat"],) if "cat" in state else tuple(state.get("trades") or ())
    home, reach = state.get("home"), state.get("reach") or "near"
    key = (trades, home, reach)
    if key not in facts.lists:
        facts.lists[key] = facts.snapshot.matching(trades, home, reach)
    return facts.lists[key]


# -- replies ---------------------------------------------------------------------------------------------------------

def reply(state, facts):
    """What to say for a state, with its notice first."""
    answer = REPLIES[state["id"]](state, facts)
    if state.get("notice"):
        return Reply((prompt(state["notice"]),) + answer.parts, answer.collect)
    return answer


def _say_language(state, facts):
    # Each choice in its own language: a Khmer speaker hears Khmer, an English speaker English.
    return Reply((prompt("voice.welcome"), prompt("voice.lang.khmer", "km"), prompt("voice.lang.english", "en")),
                 "key")


def _say_trades(state, facts):
    parts = [prompt("voice.trade.ask")]
    for category in facts.snapshot.categories:
        parts += [prompt(f"trade.{category.number}"), prompt("voice.press"), digits(str(category.number))]
    return Reply(tuple(parts) + (prompt("voice.trade.finish"),), "number")


@functools.lru_cache(maxsize=4096)  # every caller near the same jobs hears the same few cards
def job_parts(card):
    """A job read out: its title where a voice of its script can read it, else its trade; place, wage, workers
    wanted, the employer (verified by us) and its number."""
    parts = [say(card.title, instead=[prompt(f"trade.{card.category}")]), prompt("voice.job.in"),
             prompt(f"province.{card.province}"), prompt("voice.job.wage")]
    if card.wage_amount is None:
        parts.append(prompt("voice.wage.missing"))
    else:
        currency = "usd" if card.wage_currency == "USD" else "khr"
        parts += [number(card.wage_amount), prompt(f"voice.wage.{currency}_{card.wage_period}")]
    if card.positions:
        parts += [prompt("voice.job.workers"), number(card.positions)]
    parts += [prompt("voice.job.verified"), name(card.employer), prompt("voice.job.ref"), digits(card.ref[1:])]
    return tuple(parts)


def safety(facts):
    """The safe-work line said after every offer and application: no fee, no ID card, the hotline."""
    return (prompt("voice.safety"), digits(facts.hotline)) if facts.hotline else (prompt("voice.safety"),)


def _say_job(state, facts):
    card = facts.snapshot.job(state.get("ref"))
    if card is None:
        return Reply((prompt("voice.job.gone"), prompt("voice.menu.after")), "key")
    total = len(job_list(state, facts))
    index = min(state.get("i", 0), max(total - 1, 0))
    heading = (prompt("voice.job.number"), number(index + 1), prompt("voice.job.of"), number(max(total, 1)))
    return Reply(heading + job_parts(card) + (prompt("voice.menu.seeker"),), "key")


def _say_experience(state, facts):
    return Reply((prompt("voice.apply.experience"),), "key")


def _say_applied(state, facts):
    parts = (prompt("voice.apply.done"), prompt("voice.job.ref"), digits(state["ref"][1:]), prompt("voice.apply.sms"))
    parts += safety(facts)
    if state["id"] == "offer.applied":
        return Reply(parts + (prompt("voice.goodbye"),), None)
    return Reply(parts + (prompt("voice.menu.after"),), "key")


def _say_closed(state, facts):
    if state["id"] == "offer.closed":
        return Reply((prompt("voice.apply.closed"), prompt("voice.goodbye")), None)
    return Reply((prompt("voice.apply.closed"), prompt("voice.menu.after")), "key")


def _say_callback(state, facts):
    when = state["id"].rsplit(".", 1)[1]
    return Reply((prompt(f"voice.callback.{when}"), prompt("voice.goodbye")), None)


def _say_callback_refused(state, facts):
    return Reply((prompt("voice.callback.refused"), prompt("voice.goodbye")), None)


def _say_none(state, facts):
    return Reply((prompt("voice.jobs.none"), prompt("voice.goodbye")), None)


def _say_offer(state, facts):
    offer = facts.offer
    card = facts.snapshot.job(state["ref"])
    if offer is not None and offer.kind == "share" and offer.sharer:
        relation = [prompt(f"voice.relation.{offer.relation}")] if offer.relation in RELATIONS else []
        intro = [prompt("voice.offer.hello")] + relation + [digits(offer.sharer), prompt("voice.offer.shared")]
    else:
        intro = [prompt("voice.offer.callback")]
    if card is None:
        return Reply(tuple(intro) + (prompt("voice.job.gone"), prompt("voice.goodbye")), None)
    return Reply(tuple(intro) + job_parts(card) + safety(facts) + (prompt("voice.menu.offer"),), "key")


def _say_stopped(state, facts):
    return Reply((prompt("voice.stopped"),), None)


def _say_goodbye(state, facts):
    return Reply((prompt("voice.goodbye"),), None)


REPLIES = {
    "lang": _say_language,
    "jobs.trade": _say_trades,
    "jobs.read": _say_job,
    "jobs.experience": _say_experience,
    "jobs.applied": _say_applied,
    "apply.closed": _say_closed,
    "jobs.callback.hour": _say_callback,
    "jobs.callback.tomorrow": _say_callback,
    "jobs.none": _say_none,
    "offer.read": _say_offer,
    "offer.experience": _say_experience,
    "offer.applied": _say_applied,
    "offer.closed": _say_closed,
    "offer.callback.hour": _say_callback,
    "offer.callback.tomorrow": _say_callback,
    "callback.refused": _say_callback_refused,
    "offer.stopped": _say_stopped,
    "ended": _say_goodbye,
}

