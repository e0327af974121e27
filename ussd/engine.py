"""The USSD menu state machine. Pure: (state, input, facts) -> (new state, effects); render(state, facts) -> screen.

A state is a small JSON-able dict (its keys are listed in `State`) whose "id" is a namespaced string ("jobs.list",
"alerts.trades"). Every rule that moves the state is here: TRANSITIONS for the choices, PARENTS and `_back` for the
way back; every screen is drawn by the function of the same id in ussd/screens.py. The sessions keep the state between
requests and can always rebuild it by replaying AT's `text` from `begin`.
"""
from dataclasses import dataclass, field
from typing import Callable, TypedDict

from core.contacts import effects as fx
from core.text.i18n import DEFAULT_LANGUAGE
from core.text.phone import is_cambodian_mobile, normalise_msisdn
from ussd.screens import Typed, render

MAX_INPUT = 40  # longer input is never a menu choice or a phone number


@dataclass
class Facts:
    """What a step may read: the live jobs snapshot, config values and a lazy look-up of the seeker's applications."""

    snapshot: object
    service: str = "Bong Pheak"
    hotline: str = "1288"
    applications: Callable = field(default=lambda seeker_id: [])  # [(ref, title, status)] newest first
    default_language: str = DEFAULT_LANGUAGE  # the deployment's, for someone who has not chosen one yet


class Profile(TypedDict):
    """The seeker facts a session carries, so navigation never reads the database."""

    seeker_id: int | None
    language: str | None  # None: never chosen, so the session starts with the language question
    home_province: int | None
    reach: str
    alerts_on: bool
    applied: list  # refs applied for (the latest 20), so "Apply" can answer "already" without a read


class AlertsDraft(TypedDict):
    """The job alerts being set up, one decision per screen; saved (replacing the seeker's) at the last."""

    home_province: int | None
    trades: list
    reach: str


class State(TypedDict, total=False):
    """Where a session is. A plain dict, copied on every step and stored as JSON: these are its keys."""

    id: str  # the screen: "home", "jobs.list", "alerts.trades"…
    language: str
    profile: Profile
    page: int  # the page of the current screen
    notice: str  # a catalogue key shown above the screen once ("ussd.invalid")
    outcome: str  # what carrying out the last step's effect produced ("created", "already", "sent"…)
    category: int  # the trade whose jobs are listed
    near_me: bool  # the list was opened from "Jobs near me"
    where: str  # "mine", "near", "province" (one chosen) or "all"
    province: int  # the province chosen when `where` is "province"
    list_page: int  # the page of the job list the details were opened from
    ref: str  # the job shown, applied for or shared
    slot_id: int  # the sponsored slot the job was opened from
    opened_from: str  # "home" (the sponsored line), "list" or "apps" (My applications)
    experienced: bool
    alerts_draft: AlertsDraft
    friend_msisdn: str  # whom a share or a call is for
    call_at: str  # the local time a call held out of quiet hours will ring ("07:00")
    resume: dict  # the state offered by "Continue where you left off?"


# What a move to another screen keeps of the session; the rest (page, notice, outcome) belongs to one screen.
CONTEXT = ("language", "profile", "category", "where", "province", "near_me", "ref", "slot_id", "experienced",
           "list_page", "alerts_draft", "opened_from")


def new_profile(seeker_id=None, language=None, home_province=None, reach="near", alerts_on=False):
    """The seeker facts a session carries, so navigation never reads the database."""
    return {"seeker_id": seeker_id, "language": language, "home_province": home_province, "reach": reach,
            "alerts_on": alerts_on, "applied": []}


def begin(profile, facts, resume=None):
    """The first state of a session: resume offer, first-contact language question, or home."""
    language = profile.get("language")
    state = {"id": "home", "language": language or facts.default_language, "profile": profile}
    if language is None:
        state["id"] = "lang.first"
    elif resume is not None:
        state.update(id="resume", resume=resume)
    return state, []


def step(state, raw, facts, shown=None):
    """Apply one input to the screen `shown` for `state` (drawn here if not given). Returns (new state, effects)."""
    value = _value(shown or render(state, facts), raw)
    state = {key: item for key, item in state.items() if key not in ("notice", "outcome")}
    if value is None:
        return dict(state, notice="ussd.invalid"), []
    if state["id"].endswith(".done") or state["id"] == "ended":
        return dict(state, id="ended"), []
    if value == "home":
        return _home(state), []
    if value == "more":
        return dict(state, page=state.get("page", 0) + 1), []
    if value == "back":
        if state.get("page", 0) > 0:
            return dict(state, page=state["page"] - 1), []
        return _back(state), []
    return TRANSITIONS[state["id"]](state, value, facts)


def settle(state, effect, done):
    """Record what carrying out an effect came to (an fx.Done: its result, the new seeker's id) in the state."""
    state = dict(state)
    if "seeker" in done.values:
        state["profile"] = dict(state["profile"], seeker_id=done.values["seeker"])
    result = done.result
    if result == "unknown":  # the job is gone from the database: said as a closed one is
        result = GONE.get(type(effect), result)
    if isinstance(effect, fx.SendJobBySms):
        if result != "sent":  # refused by the caps on what we pay for (core.outbound.spend), or the job closed meanwhile
            state["notice"] = SEND_REFUSED.get(result, "ussd.details.not_sent")
        return state
    if result is not None:
        state["outcome"] = result
    if "call_at" in done.values:
        state["call_at"] = done.values["call_at"]
    return state


# How the screens name a job that no longer exists, by the effect that found it gone.
GONE = {fx.Apply: "closed", fx.ShareBySms: "job_closed", fx.ShareByCall: "job_closed"}
SEND_REFUSED = {"closed": "ussd.details.gone"}


def replay(state, inputs, facts, first_step=1, shown=None, recorded=None):
    """Apply `inputs` (steps `first_step`, `first_step` + 1, …) to `state`; returns (state, effects of the last).

    `shown` is the screen already drawn for `state`, if any. After a step that recorded something, the session goes
    on from the state the sessions committed with it (`recorded(step number)`, None where it has none).
    """
    effects = []
    for number, raw in enumerate(inputs, start=first_step):
        if recorded is not None and fx.records(effects):
            state = recorded(number - 1) or state
        state, effects = step(state, raw, facts, shown)
        shown = None
    return state, effects


def _value(screen, raw):
    raw = (raw or "").strip()
    if raw in screen.choices:
        return screen.choices[raw]
    if screen.free and raw and len(raw) <= MAX_INPUT:
        return Typed(raw)
    if screen.ends:
        return "ended"
    return None


# Transitions: one function per state id, (state, value, facts) -> (state, effects).

def _home(state):
    return {"id": "home", "language": state["language"], "profile": state["profile"]}


def _at(state, state_id, **values):
    """Move to another state of the same session: same language and profile, page 0, context kept."""
    keep = {key: state[key] for key in CONTEXT if key in state}
    keep.update(values)
    return dict(keep, id=state_id)


PARENTS = {
    "jobs.category": "home",
    "jobs.where": "jobs.category",
    "jobs.province": "jobs.where",
    "jobs.apply.experience": "jobs.details",
    "jobs.apply.confirm": "jobs.apply.experience",
    "jobs.report.confirm": "jobs.details",
    "alerts.trades": "alerts.province",
    "alerts.another": "alerts.trades",
    "alerts.reach": "alerts.another",
    "alerts.switch": "alerts.reach",
    "call.number": "jobs.details",
    "call.relation": "call.number",
}


def _back(state):
    current = state["id"]
    if current == "jobs.list":
        if state.get("where") == "province":
            return _at(state, "jobs.province")
        if state.get("near_me") and state["profile"].get("home_province"):
            return _at(state, "jobs.category")
        return _at(state, "jobs.where")
    if current == "share.number" and state.get("ref"):
        return _at(state, "jobs.details")
    if current == "jobs.details":
        if state.get("opened_from") == "home":
            return _home(state)
        if state.get("opened_from") == "apps":
            return _at(state, "apps.list")
        return _at(state, "jobs.list", page=state.get("list_page", 0))
    parent = PARENTS.get(current, "home")
    return _home(state) if parent == "home" else _at(state, parent)


def _choose_language(state, value, facts):
    language = value
    profile = dict(state["profile"], language=language)
    home = {"id": "home", "language": language, "profile": profile}
    if state["id"] == "lang.choose":
        home["notice"] = "ussd.language.saved"
    return home, [fx.SetLanguage(language)]


def _from_home(state, value, facts):
    if value == "find":
        return _at(_home(state), "jobs.category", near_me=False), []
    if value == "near":
        return _at(_home(state), "jobs.category", near_me=True), []
    if value == "alerts":
        profile = state["profile"]
        # The set-up chooses the trades afresh, one per screen: what it ends with replaces the seeker's alerts.
        draft = {"home_province": profile.get("home_province"), "trades": [], "reach": profile.get("reach") or "near"}
        return _at(_home(state), "alerts.province", alerts_draft=draft), []
    if value == "apps":
        return _at(_home(state), "apps.list"), []
    if value == "tips":
        return _at(_home(state), "tips"), []
    if value == "share":
        return _at(_home(state), "share.number"), []
    if value == "language":
        return _at(_home(state), "lang.choose"), []
    if value.ref is None:  # the sponsored line of a slot without a job
        return _at(_home(state), "promo", slot_id=value.slot_id), []
    opened = _at(_home(state), "jobs.details", ref=value.ref, slot_id=value.slot_id, opened_from="home")
    return opened, [fx.CountView(value.slot_id)]


def _from_category(state, value, facts):
    state = _at(state, "jobs.where", category=value)
    if state.get("near_me") and state["profile"].get("home_province"):
        return _at(state, "jobs.list", where="near", list_page=0), []
    return state, []


def _from_where(state, value, facts):
    if value == "province":
        return _at(state, "jobs.province", where="province"), []
    return _at(state, "jobs.list", where=value, list_page=0), []


def _from_province(state, value, facts):
    return _at(state, "jobs.list", where="province", province=value, list_page=0), []


def _from_list(state, value, facts):
    state = _at(state, "jobs.details", ref=value.ref, slot_id=value.slot_id, list_page=state.get("page", 0),
                opened_from="list")
    return state, [fx.CountView(value.slot_id)] if value.slot_id else []


def _from_applications(state, value, facts):
    return _at(state, "jobs.details", ref=value.ref, slot_id=None, opened_from="apps"), []


def _from_details(state, value, facts):
    ref = state["ref"]
    if value == "apply":
        if ref in state["profile"].get("applied", []):
            return dict(state, notice="ussd.apply.already_here"), []
        return _at(state, "jobs.apply.experience"), []
    if value == "sms":
        return dict(state, notice="ussd.details.sent"), [fx.SendJobBySms(ref)]
    if value == "share":
        return _at(state, "share.number"), []
    if value == "call":
        return _at(state, "call.number"), []
    return _at(state, "jobs.report.confirm"), []


def _from_experience(state, value, facts):
    return _at(state, "jobs.apply.confirm", experienced=value), []


def _from_confirm(state, value, facts):
    ref = state["ref"]
    profile = dict(state["profile"], applied=(state["profile"].get("applied", []) + [ref])[-20:])
    return _at(dict(state, profile=profile), "jobs.apply.done", outcome="created"), [
        fx.Apply(ref, state.get("experienced", False))
    ]


def _from_report(state, value, facts):
    return _at(state, "jobs.report.done"), [fx.ReportJob(state["ref"])]


def _from_alert_province(state, value, facts):
    return _at(state, "alerts.trades", alerts_draft=dict(state["alerts_draft"], home_province=value)), []


def _from_alert_trades(state, value, facts):
    draft = state["alerts_draft"]
    trades = sorted(set(draft["trades"]) | {value})
    return _at(state, "alerts.another", alerts_draft=dict(draft, trades=trades)), []


def _from_alert_another(state, value, facts):
    return _at(state, "alerts.trades" if value == "yes" else "alerts.reach"), []


def _from_alert_reach(state, value, facts):
    return _at(state, "alerts.switch", alerts_draft=dict(state["alerts_draft"], reach=value)), []


def _from_alert_switch(state, value, facts):
    draft = state["alerts_draft"]
    on = value == "on"
    profile = dict(state["profile"], home_province=draft["home_province"], reach=draft["reach"], alerts_on=on)
    state = _at(dict(state, profile=profile), "alerts.done", outcome="on" if on else "off")
    return state, [fx.SaveAlerts(draft["home_province"], tuple(draft["trades"]), draft["reach"], on)]


def _from_share(state, value, facts):
    msisdn = normalise_msisdn(value.text)
    if msisdn is None or not is_cambodian_mobile(msisdn):
        return dict(state, notice="ussd.share.invalid"), []
    done = _at(state, "share.done", outcome="sent", friend_msisdn=msisdn)
    return done, [fx.ShareBySms(msisdn, state.get("ref"))]


def _from_call_number(state, value, facts):
    msisdn = normalise_msisdn(value.text)
    if msisdn is None or not is_cambodian_mobile(msisdn):
        return dict(state, notice="ussd.share.invalid"), []
    return _at(state, "call.relation", friend_msisdn=msisdn), []


def _from_call_relation(state, value, facts):
    msisdn = state["friend_msisdn"]
    done = _at(state, "call.done", outcome="sent", friend_msisdn=msisdn)
    return done, [fx.ShareByCall(msisdn, state["ref"], value)]


def _from_resume(state, value, facts):
    if value == "continue":
        return dict(state["resume"], profile=state["profile"], language=state["language"]), []
    return _home(state), []


TRANSITIONS = {
    "lang.first": _choose_language,
    "lang.choose": _choose_language,
    "resume": _from_resume,
    "home": _from_home,
    "jobs.category": _from_category,
    "jobs.where": _from_where,
    "jobs.province": _from_province,
    "jobs.list": _from_list,
    "apps.list": _from_applications,
    "jobs.details": _from_details,
    "jobs.apply.experience": _from_experience,
    "jobs.apply.confirm": _from_confirm,
    "jobs.report.confirm": _from_report,
    "alerts.province": _from_alert_province,
    "alerts.trades": _from_alert_trades,
    "alerts.another": _from_alert_another,
    "alerts.reach": _from_alert_reach,
    "alerts.switch": _from_alert_switch,
    "share.number": _from_share,
    "call.number": _from_call_number,
    "call.relation": _from_call_relation,
}
