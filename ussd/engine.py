"""The USSD menu state machine. Pure: (state, input, facts) -> (new state, effects); render(state, facts) -> screen.

A state is a small JSON-able dict whose "id" is a namespaced string ("jobs.list", "alerts.trades"). Every rule that
moves the state is in TRANSITIONS below; every screen is drawn by the renderer of the same id. The host keeps the
state between requests and can always rebuild it by replaying AT's `text` from `begin`.
"""
import json
from dataclasses import dataclass, field
from typing import Callable

from core.i18n import text as catalogue_text
from core.phone import is_cambodian_mobile, local_msisdn, normalise_msisdn
from core.reference import provinces_in_reach
from core.wording import format_wage
from ussd import effects as fx
from core.gsm import fits_ussd, is_gsm7
from core.text import clusters, shorten, truncate
from ussd.screens import BACK, HOME, MORE, choice, end, menu, prompt, split_text

LANGUAGE_CHOICES = ("km-Latn", "km", "en")
REACHES = ("same", "near", "any")
TIPS = ("ussd.tips.1", "ussd.tips.2", "ussd.tips.3", "ussd.tips.4")
MAX_INPUT = 40  # longer input is never a menu choice or a phone number
HOME_ITEMS = (
    ("1", "ussd.home.find", "find"),
    ("2", "ussd.home.near", "near"),
    ("3", "ussd.home.alerts", "alerts"),
    ("4", "ussd.home.applications", "apps"),
    ("5", "ussd.home.tips", "tips"),
    ("6", "ussd.home.share", "share"),
    ("7", "ussd.home.language", "language"),
)
SLOT_KEY = "8"
SHARE_OUTCOMES = ("sent", "invalid_number", "self", "opted_out", "referrer_cap", "friend_cap", "job_closed")


@dataclass
class Facts:
    """What a step may read: the live jobs snapshot, config values and a lazy look-up of the seeker's applications."""

    snapshot: object
    service: str = "Bong Pheak"
    hotline: str = "1288"
    applications: Callable = field(default=lambda seeker_id: [])  # [(ref, title, status)] newest first


def new_profile(seeker_id=None, language=None, home=None, reach="near", alerts=False):
    """The seeker facts a session carries, so navigation never reads the database."""
    return {"id": seeker_id, "lang": language, "home": home, "reach": reach, "alerts": alerts, "applied": []}


def begin(profile, facts, resume=None):
    """The first state of a session: resume offer, first-contact language question, or home."""
    language = profile.get("lang")
    state = {"id": "home", "lang": language or "km-Latn", "prof": profile}
    if language is None:
        state["id"] = "lang.first"
    elif resume is not None:
        state.update(id="resume", resume=resume)
    return state, []


def step(state, raw, facts, shown=None):
    """Apply one input to the screen `shown` for `state` (drawn here if not given). Returns (new state, effects)."""
    value = _value(shown or render(state, facts), state, raw)
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
        return _back(state, facts), []
    return TRANSITIONS[state["id"]](state, value, facts)


def settle(state, effect, result):
    """Record what carrying out an effect produced (an outcome, the new seeker's id) in the state."""
    state = dict(state)
    if "seeker" in result:
        state["prof"] = dict(state["prof"], id=result["seeker"])
    if "outcome" in result:
        state["outcome"] = result["outcome"]
    return state


def replay(inputs, profile, facts):
    """Rebuild a session from AT's inputs alone; returns (state, effects of the last input)."""
    state, effects = begin(profile, facts)
    for raw in inputs:
        state, effects = step(state, raw, facts)
    return state, effects


def _value(screen, state, raw):
    raw = (raw or "").strip()
    if raw in screen.choices:
        return screen.choices[raw]
    if screen.free and raw and len(raw) <= MAX_INPUT:
        return ("text", raw)
    if screen.ends:
        return "ended"
    return None


# Transitions: one function per state id, (state, value, facts) -> (state, effects).

def _home(state):
    return {"id": "home", "lang": state["lang"], "prof": state["prof"]}


def _at(state, state_id, **values):
    """Move to another state of the same session: same language and profile, page 0, context kept."""
    keep = {key: state[key] for key in ("lang", "prof", "cat", "where", "prov", "near", "ref", "slot", "exp",
                                         "lpage", "draft", "from") if key in state}
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
}


def _back(state, facts):
    current = state["id"]
    if current == "jobs.list":
        if state.get("where") == "prov":
            return _at(state, "jobs.province")
        if state.get("near") and state["prof"].get("home"):
            return _at(state, "jobs.category")
        return _at(state, "jobs.where")
    if current == "share.number" and state.get("ref"):
        return _at(state, "jobs.details")
    if current == "jobs.details":
        if state.get("from") == "home":
            return _home(state)
        return _at(state, "jobs.list", page=state.get("lpage", 0))
    parent = PARENTS.get(current, "home")
    return _home(state) if parent == "home" else _at(state, parent)


def _choose_language(state, value, facts):
    language = value
    profile = dict(state["prof"], lang=language)
    home = {"id": "home", "lang": language, "prof": profile}
    if state["id"] == "lang.choose":
        home["notice"] = "ussd.language.saved"
    return home, [fx.SetLanguage(language)]


def _from_home(state, value, facts):
    if value == "find":
        return _at(_home(state), "jobs.category", near=False), []
    if value == "near":
        return _at(_home(state), "jobs.category", near=True), []
    if value == "alerts":
        profile = state["prof"]
        # The set-up chooses the trades afresh, one per screen: what it ends with replaces the seeker's alerts.
        draft = {"home": profile.get("home"), "trades": [], "reach": profile.get("reach") or "near"}
        return _at(_home(state), "alerts.province", draft=draft), []
    if value == "apps":
        return _at(_home(state), "apps.list"), []
    if value == "tips":
        return _at(_home(state), "tips"), []
    if value == "share":
        return _at(_home(state), "share.number"), []
    if value == "language":
        return _at(_home(state), "lang.choose"), []
    _, slot_id, ref = value
    if ref is None:
        return _at(_home(state), "promo", slot=slot_id), []
    return _at(_home(state), "jobs.details", ref=ref, slot=slot_id, **{"from": "home"}), [fx.CountView(slot_id)]


def _from_category(state, value, facts):
    state = _at(state, "jobs.where", cat=value)
    if state.get("near") and state["prof"].get("home"):
        return _at(state, "jobs.list", where="near", lpage=0), []
    return state, []


def _from_where(state, value, facts):
    if value == "prov":
        return _at(state, "jobs.province", where="prov"), []
    return _at(state, "jobs.list", where=value, lpage=0), []


def _from_province(state, value, facts):
    return _at(state, "jobs.list", where="prov", prov=value, lpage=0), []


def _from_list(state, value, facts):
    _, ref, slot_id = value
    state = _at(state, "jobs.details", ref=ref, slot=slot_id, lpage=state.get("page", 0), **{"from": "list"})
    return state, [fx.CountView(slot_id)] if slot_id else []


def _from_details(state, value, facts):
    ref = state["ref"]
    if value == "apply":
        if ref in state["prof"].get("applied", []):
            return dict(state, notice="ussd.apply.already_here"), []
        return _at(state, "jobs.apply.experience"), []
    if value == "sms":
        return dict(state, notice="ussd.details.sent"), [fx.SendJobBySms(ref)]
    if value == "share":
        return _at(state, "share.number"), []
    return _at(state, "jobs.report.confirm"), []


def _from_experience(state, value, facts):
    return _at(state, "jobs.apply.confirm", exp=value), []


def _from_confirm(state, value, facts):
    ref = state["ref"]
    profile = dict(state["prof"], applied=(state["prof"].get("applied", []) + [ref])[-20:])
    return _at(dict(state, prof=profile), "jobs.apply.done", outcome="created"), [
        fx.RecordApplication(ref, state.get("exp", False))
    ]


def _from_report(state, value, facts):
    return _at(state, "jobs.report.done"), [fx.ReportJob(state["ref"])]


def _from_alert_province(state, value, facts):
    return _at(state, "alerts.trades", draft=dict(state["draft"], home=value)), []


def _from_alert_trades(state, value, facts):
    draft = state["draft"]
    trades = sorted(set(draft["trades"]) | {value})
    return _at(state, "alerts.another", draft=dict(draft, trades=trades)), []


def _from_alert_another(state, value, facts):
    return _at(state, "alerts.trades" if value == "yes" else "alerts.reach"), []


def _from_alert_reach(state, value, facts):
    return _at(state, "alerts.switch", draft=dict(state["draft"], reach=value)), []


def _from_alert_switch(state, value, facts):
    draft = state["draft"]
    on = value == "on"
    profile = dict(state["prof"], home=draft["home"], reach=draft["reach"], alerts=on)
    state = _at(dict(state, prof=profile), "alerts.done", outcome="on" if on else "off")
    return state, [fx.SaveAlerts(draft["home"], tuple(draft["trades"]), draft["reach"], on)]


def _from_share(state, value, facts):
    msisdn = normalise_msisdn(value[1])
    if msisdn is None or not is_cambodian_mobile(msisdn):
        return dict(state, notice="ussd.share.invalid"), []
    return _at(state, "share.done", outcome="sent", friend=msisdn), [fx.InviteFriend(msisdn, state.get("ref"))]


def _from_resume(state, value, facts):
    if value == "continue":
        return dict(state["resume"], prof=state["prof"], lang=state["lang"]), []
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
}


# Rendering: one function per state id, (state, facts, t) -> Screen, where t(key, **values) reads the catalogue.

# Screens that read the seeker's own records are drawn afresh; every other screen depends only on the state and the
# snapshot, so it is drawn once per snapshot and reused (laying out pages is the costly part of a step).
UNCACHED = frozenset({"apps.list"})
SCREEN_MEMO_LIMIT = 20000


def render(state, facts):
    """The screen for a state."""
    memo = getattr(facts.snapshot, "screens", None)
    if memo is None or state["id"] in UNCACHED:
        return _draw(state, facts)
    # Of the seeker's profile, only the home province changes what a cached screen shows.
    shown = dict(state, prof=state["prof"].get("home")) if "prof" in state else state
    key = json.dumps(shown, sort_keys=True, separators=(",", ":"))
    screen = memo.get(key)
    if screen is None:
        if len(memo) >= SCREEN_MEMO_LIMIT:
            memo.clear()
        screen = memo[key] = _draw(state, facts)
    return screen


def _draw(state, facts):
    language = state.get("lang") or "km-Latn"

    def t(key, **values):
        return catalogue_text(language, key, **values)

    return RENDERERS[state["id"]](state, facts, t)


def _nav(t):
    return [(BACK, t("ussd.nav.back"), "back"), (HOME, t("ussd.nav.home"), "home")]


def _menu(state, t, header, items, nav=None, **options):
    notice = t(state["notice"]) if state.get("notice") else None
    nav = _nav(t) if nav is None else nav
    return menu(header, items, nav, t("ussd.nav.more"), page=state.get("page", 0), notice=notice,
                back_label=t("ussd.nav.back"), **options)


def _render_language(state, facts, t):
    items = [(str(number), catalogue_text(language, "ussd.language.self"), language)
             for number, language in enumerate(LANGUAGE_CHOICES, 1)]
    if state["id"] == "lang.first":
        return _menu(state, t, t("ussd.language.first"), items, nav=[])
    return _menu(state, t, t("ussd.language.title"), items)


def _render_resume(state, facts, t):
    items = [("1", t("ussd.resume.continue"), "continue"), ("2", t("ussd.resume.restart"), "restart")]
    return _menu(state, t, t("ussd.resume.title"), items, nav=[])


def _render_home(state, facts, t):
    items = [(key, t(label), value) for key, label, value in HOME_ITEMS]
    slot = facts.snapshot.home_slot()
    if slot is not None:
        card = facts.snapshot.job(slot.ref) if slot.ref else None
        # A slot's job is shown from its facts in the seeker's language; the free-text label only for a slot
        # without a job, and only where it renders.
        if card is not None:
            label = _job_line(card, facts, state["lang"])
        else:
            label = slot.label if slot.label and _renders(slot.label, state["lang"]) else t("ussd.sponsored.more")
        items.append((SLOT_KEY, f"{t('ussd.sponsored')} {label}", ("slot", slot.id, slot.ref)))
    return _menu(state, t, facts.service, items, nav=[], impressions_of=_slot_of)


def _slot_of(value):
    if isinstance(value, tuple) and value[0] == "slot":
        return value[1]
    if isinstance(value, tuple) and value[0] == "job":
        return value[2]
    return None


def _category_name(facts, number, language):
    category = facts.snapshot.category(number)
    return category.name(language) if category else "?"


def _province_name(facts, code, language):
    province = facts.snapshot.province(code)
    return province.name(language) if province else "?"


def _render_category(state, facts, t):
    language = state["lang"]
    items = [(str(c.number), c.name(language), c.number) for c in facts.snapshot.categories]
    return _menu(state, t, t("ussd.category.title"), items)


def _render_where(state, facts, t):
    language = state["lang"]
    home = state["prof"].get("home")
    choices = []
    if home:
        choices.append((t("ussd.where.mine", province=_province_name(facts, home, language)), "mine"))
        choices.append((t("ussd.where.near"), "near"))
    choices += [(t("ussd.where.choose"), "prov"), (t("ussd.where.all"), "all")]
    items = [(str(number), label, value) for number, (label, value) in enumerate(choices, 1)]
    return _menu(state, t, t("ussd.where.title"), items)


def _province_items(facts, language):
    return [(str(p.number), p.name(language), p.number) for p in facts.snapshot.provinces]


def _render_province(state, facts, t):
    return _menu(state, t, t("ussd.province.title"), _province_items(facts, state["lang"]))


def provinces_of(state, facts):
    """The provinces a job list covers (None: all Cambodia)."""
    where = state.get("where")
    if where == "prov":
        return frozenset([state.get("prov")])
    reach = {"mine": "same", "near": "near"}.get(where, "any")
    return provinces_in_reach(state["prof"].get("home"), reach, facts.snapshot.neighbours)


def _place_of(state, facts, t):
    language, where = state["lang"], state.get("where")
    if where == "prov":
        return _province_name(facts, state.get("prov"), language)
    if where in ("mine", "near") and state["prof"].get("home"):
        name = _province_name(facts, state["prof"]["home"], language)
        return name if where == "mine" else t("ussd.jobs.near", province=name)
    return t("ussd.jobs.all")


def _renders(text, language):
    """Whether a free text can be shown in this language's menus: Khmer script only where the menus are Khmer."""
    return language == "km" or is_gsm7(text)


def _title(card, facts, language):
    """The job's own title where it renders in the seeker's script, else its trade in the seeker's language."""
    if _renders(card.title, language):
        return card.title
    return _category_name(facts, card.category, language)


def _job_line(card, facts, language):
    """A list line: the wage first, so a cut (visible, by grapheme) only ever shortens the title."""
    wage = format_wage(card.wage_amount, card.wage_currency, card.wage_period, language)
    return f"{wage} {truncate(_title(card, facts, language), 28)}"


def _render_list(state, facts, t):
    language = state["lang"]
    provinces = provinces_of(state, facts)
    sponsored = facts.snapshot.sponsored_in(state["cat"], provinces)
    shown = {card.ref for _, card in sponsored}
    organic = [card for card in facts.snapshot.jobs_in(state["cat"], provinces) if card.ref not in shown]
    header = t("ussd.jobs.title", trade=_category_name(facts, state["cat"], language), place=_place_of(state, facts, t))
    if not sponsored and not organic:
        return _menu(state, t, header + "\n" + t("ussd.jobs.none"), [])
    leads = [("#", f"{t('ussd.sponsored')} {_job_line(card, facts, language)}", ("job", card.ref, slot.id))
             for slot, card in sponsored]
    items = [("#", _job_line(card, facts, language), ("job", card.ref, None)) for card in organic]
    return _menu(state, t, header, items, leads=leads, impressions_of=_slot_of)


def _details_pages(card, facts, t, language, room):
    """The job's text in pages: the facts (wage, place, verified employer) open the first page, then the employer,
    positions and title, then the employer's own words where they render; cut at sentence ends or between words."""
    wage = format_wage(card.wage_amount, card.wage_currency, card.wage_period, language)
    facts_line = t("ussd.details.facts", ref=card.ref, wage=wage, place=_province_name(facts, card.province, language),
                   verified=t("ussd.details.verified"))
    body = t("ussd.details.body", title=_title(card, facts, language), employer=card.employer.rstrip("."),
             positions=card.positions)
    # Words in a script the seeker's menus do not use would show as boxes and make every page UCS-2.
    own = card.details if _renders(card.details, language) else ""
    return split_text(f"{facts_line}\n{body} {own}", room)


def _render_details(state, facts, t):
    """The job in pages, Apply on every page (SMS and Report with it where there is room); the last page offers
    every action, sharing included."""
    language = state["lang"]
    card = facts.snapshot.job(state["ref"])
    if card is None:
        return _menu(state, t, t("ussd.details.gone"), [])
    apply = [("1", t("ussd.details.apply"), "apply")]
    others = [("2", t("ussd.details.sms"), "sms"), ("3", t("ussd.details.report"), "report")]
    share = [("4", t("ussd.details.share"), "share")]
    more, back, nav = [(MORE, t("ussd.nav.more"), "more")], _nav(t)[:1], _nav(t)

    def room(tail):
        lines = "\n".join(f"{key}. {label}" for key, label, _ in tail)
        return lambda piece: fits_ussd(piece + "\n" + lines)

    every_page = room(apply + others + more + nav)("x" * 60)
    actions, tail = (apply + others, more + nav) if every_page else (apply, more + back)
    pieces = _details_pages(card, facts, t, language, room(actions + tail))
    # The last page carries every action; where they leave no room for its text, they get a page of their own.
    if not room(apply + others + share + nav)(pieces[-1]):
        pieces.append(f"{card.ref} {format_wage(card.wage_amount, card.wage_currency, card.wage_period, language)}")
    page = min(state.get("page", 0), len(pieces) - 1)
    if page + 1 == len(pieces):
        actions, tail = apply + others + share, nav
    header = pieces[page]
    if state.get("notice"):
        # The notice above the page, the page shortened (visibly) or left out if both do not fit; "00. Home" gives
        # way last, when even the notice alone does not fit with every action.
        notice = t(state["notice"])
        cut = shorten(header, lambda cut: room(actions + tail)(notice + "\n" + cut))
        whole = room(actions + tail)(notice + "\n" + cut) and len(clusters(cut)) > 8
        header = notice + "\n" + cut if whole else notice
        if not room(actions + tail)(header):
            tail = [line for line in tail if line[0] != HOME]
    return choice(header, actions, tail)


def _render_experience(state, facts, t):
    items = [("1", t("ussd.yes"), True), ("2", t("ussd.no"), False)]
    return _menu(state, t, t("ussd.apply.experience"), items)


def _render_confirm(state, facts, t):
    card = facts.snapshot.job(state["ref"])
    if card is None:
        return _menu(state, t, t("ussd.details.gone"), [])
    items = [("1", t("ussd.apply.confirm_option"), "confirm")]
    options = "\n".join(f"{key}. {label}" for key, label, _ in items + _nav(t))
    employer = truncate(card.employer, 24)

    def question(title):
        return t("ussd.apply.confirm", ref=card.ref, title=title, employer=employer)

    # The question stays whole: the title is what gets shortened.
    title = shorten(_title(card, facts, state["lang"]), lambda cut: fits_ussd(question(cut) + "\n" + options))
    return _menu(state, t, question(title), items)


def _render_apply_done(state, facts, t):
    key = {"already": "ussd.apply.already", "closed": "ussd.apply.closed"}.get(state.get("outcome"), "ussd.apply.done")
    return end(t(key, ref=state["ref"]))


def _render_report(state, facts, t):
    header = t("ussd.report.confirm", ref=state["ref"])
    return _menu(state, t, header, [("1", t("ussd.report.yes"), "report")])


def _render_report_done(state, facts, t):
    return end(t("ussd.report.done"))


def _render_alert_province(state, facts, t):
    return _menu(state, t, t("ussd.alerts.province"), _province_items(facts, state["lang"]))


def _render_alert_trades(state, facts, t):
    language = state["lang"]
    items = [(str(c.number), c.name(language), c.number) for c in facts.snapshot.categories]
    return _menu(state, t, t("ussd.alerts.trades"), items)


def _render_alert_another(state, facts, t):
    language = state["lang"]
    trades = ", ".join(_category_name(facts, number, language) for number in state["draft"]["trades"])
    items = [("1", t("ussd.alerts.another.yes"), "yes"), ("2", t("ussd.alerts.another.no"), "no")]
    options = "\n".join(f"{key}. {label}" for key, label, _ in items + _nav(t))
    # The question stays whole: a long list of trades is what gets shortened.
    trades = shorten(trades, lambda cut: fits_ussd(t("ussd.alerts.another", trades=cut) + "\n" + options))
    return _menu(state, t, t("ussd.alerts.another", trades=trades), items)


def _render_alert_reach(state, facts, t):
    items = [(str(number), t(f"ussd.reach.{reach}"), reach) for number, reach in enumerate(REACHES, 1)]
    return _menu(state, t, t("ussd.alerts.reach"), items)


def _render_alert_switch(state, facts, t):
    items = [("1", t("ussd.alerts.on"), "on"), ("2", t("ussd.alerts.off"), "off")]
    return _menu(state, t, t("ussd.alerts.switch"), items)


def _render_alerts_done(state, facts, t):
    if state.get("outcome") == "off":
        return end(t("ussd.alerts.saved_off"))
    draft, language = state["draft"], state["lang"]
    trades = ", ".join(_category_name(facts, number, language) for number in draft["trades"])
    return end(t("ussd.alerts.saved_on", trades=trades, place=_province_name(facts, draft["home"], language)))


def _render_apps(state, facts, t):
    profile = state["prof"]
    rows = list(facts.applications(profile["id"])) if profile.get("id") else []
    if not rows:
        return _menu(state, t, t("ussd.apps.none"), [])
    language = state["lang"]
    items = [(None, t("ussd.apps.line", ref=ref, title=truncate(title, 20) if _renders(title, language) else "",
                      status=t(f"ussd.status.{status}")), None)
             for ref, title, status in rows]
    return _menu(state, t, t("ussd.apps.title"), items)


def _render_tips(state, facts, t):
    """The tips in pages, a long one over several pages rather than cut: they carry the safety advice."""
    more, nav = [("98", t("ussd.nav.more"), "more")], _nav(t)

    def room(piece):
        return fits_ussd(piece + "\n" + "\n".join(f"{key}. {label}" for key, label, _ in more + nav))

    bodies = [t(key) for key in TIPS]
    bodies[-1] += "\n" + t("ussd.tips.hotline", hotline=facts.hotline)
    pages = [piece for body in bodies for piece in split_text(body, room)]
    page = min(state.get("page", 0), len(pages) - 1)
    notice = t(state["notice"]) if state.get("notice") else None
    return menu(pages[page], [], (more if page + 1 < len(pages) else []) + nav, t("ussd.nav.more"), notice=notice)


def _render_share(state, facts, t):
    notice = t(state["notice"]) + "\n" if state.get("notice") else ""
    question = t("ussd.share.job_prompt", ref=state["ref"]) if state.get("ref") else t("ussd.share.prompt")
    return prompt(notice + question, _nav(t))


def _render_share_done(state, facts, t):
    local = local_msisdn(state.get("friend", ""))
    outcome = state.get("outcome") if state.get("outcome") in SHARE_OUTCOMES else "sent"
    if outcome == "sent" and state.get("ref"):
        return end(t("ussd.share.job_sent", msisdn=local, ref=state["ref"]))
    return end(t(f"ussd.share.{outcome}", msisdn=local))


def _render_promo(state, facts, t):
    slot = next((s for s in facts.snapshot.slots if s.id == state.get("slot")), None)
    label = slot.label if slot and slot.label else t("ussd.details.gone")
    return _menu(state, t, label, [])


def _render_ended(state, facts, t):
    return end(t("ussd.ended"))


RENDERERS = {
    "lang.first": _render_language,
    "lang.choose": _render_language,
    "resume": _render_resume,
    "home": _render_home,
    "jobs.category": _render_category,
    "jobs.where": _render_where,
    "jobs.province": _render_province,
    "jobs.list": _render_list,
    "jobs.details": _render_details,
    "jobs.apply.experience": _render_experience,
    "jobs.apply.confirm": _render_confirm,
    "jobs.apply.done": _render_apply_done,
    "jobs.report.confirm": _render_report,
    "jobs.report.done": _render_report_done,
    "alerts.province": _render_alert_province,
    "alerts.trades": _render_alert_trades,
    "alerts.another": _render_alert_another,
    "alerts.reach": _render_alert_reach,
    "alerts.switch": _render_alert_switch,
    "alerts.done": _render_alerts_done,
    "apps.list": _render_apps,
    "tips": _render_tips,
    "share.number": _render_share,
    "share.done": _render_share_done,
    "promo": _render_promo,
    "ended": _render_ended,
}
