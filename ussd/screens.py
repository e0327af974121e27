"""The USSD screens: one function per state id, (state, facts, t) -> Screen, where t(key, **values) reads the
catalogue in the session's language. Pure, like the engine that moves between them (ussd/engine.py); how a screen is
laid out to fit is in ussd/layout.py.
"""
import json
from typing import NamedTuple

from core.text.gsm import fits_ussd, is_gsm7
from core.text.i18n import LANGUAGES, text as catalogue_text
from core.text.phone import local_msisdn
from core.reference import RELATIONS
from core.text.clusters import ELLIPSIS, clusters, shorten, truncate
from core.text.wording import format_wage, listing_summary
from ussd.layout import BACK, HOME, MORE, Option, choice, end, menu, paginate, prompt, split_text

REACHES = ("same", "near", "any")
TIPS = ("ussd.tips.1", "ussd.tips.2", "ussd.tips.3", "ussd.tips.4")
HOME_ITEMS = (
    Option("1", "ussd.home.find", "find"),
    Option("2", "ussd.home.near", "near"),
    Option("3", "ussd.home.alerts", "alerts"),
    Option("4", "ussd.home.applications", "apps"),
    Option("5", "ussd.home.tips", "tips"),
    Option("6", "ussd.home.share", "share"),
    Option("7", "ussd.home.language", "language"),
)
SLOT_KEY = "8"
# What a first-time user must find on the first page of home in every language: jobs, the safety tips (the hotline
# on their first screen) and the language, labelled in Latin letters for a phone that cannot show Khmer script.
FIRST_PAGE = ("find", "tips", "language", "near")  # in this order, while they fit
SHARE_OUTCOMES = ("sent", "invalid_number", "self", "opted_out", "referrer_cap", "friend_cap", "job_closed")
# What the sharer reads once a call is asked for (core.seekers.referrals' outcomes, and "later": held out of quiet hours).
CALL_OUTCOMES = {
    "sent": "ussd.call.sent",
    "later": "ussd.call.later",
    "invalid_number": "ussd.share.invalid",
    "self": "ussd.share.self",
    "opted_out": "ussd.call.opted_out",
    "referrer_cap": "ussd.call.referrer_cap",
    "friend_cap": "ussd.call.friend_cap",
    "job_closed": "ussd.share.job_closed",
}


class JobChoice(NamedTuple):
    """A line that opens a job (`ref`), sponsored when `slot_id` is set; the home screen's sponsored line may have
    no job (`ref` None: the slot's own text)."""

    ref: str | None
    slot_id: int | None


class Typed(NamedTuple):
    """Free text typed where a screen asks for it (a phone number)."""

    text: str


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
    shown = dict(state, profile=state["profile"].get("home_province")) if "profile" in state else state
    key = json.dumps(shown, sort_keys=True, separators=(",", ":"))
    screen = memo.get(key)
    if screen is None:
        if len(memo) >= SCREEN_MEMO_LIMIT:
            memo.clear()
        screen = memo[key] = _draw(state, facts)
    return screen


def _draw(state, facts):
    language = state["language"]

    def t(key, **values):
        return catalogue_text(language, key, **values)

    return SCREENS[state["id"]](state, facts, t)


def _nav(t):
    return [Option(BACK, t("ussd.nav.back"), "back"), Option(HOME, t("ussd.nav.home"), "home")]


def _menu(state, t, header, items, nav=None, **options):
    notice = t(state["notice"]) if state.get("notice") else None
    nav = _nav(t) if nav is None else nav
    return menu(header, items, nav, t("ussd.nav.more"), page=state.get("page", 0), notice=notice,
                back_label=t("ussd.nav.back"), **options)


def languages(state, facts, t):
    items = [Option(str(number), catalogue_text(language, "ussd.language.self"), language)
             for number, language in enumerate(LANGUAGES, 1)]
    if state["id"] == "lang.first":
        return _menu(state, t, t("ussd.language.first"), items, nav=[])
    return _menu(state, t, t("ussd.language.title"), items)


def resume_offer(state, facts, t):
    items = [Option("1", t("ussd.resume.continue"), "continue"), Option("2", t("ussd.resume.restart"), "restart")]
    return _menu(state, t, t("ussd.resume.title"), items, nav=[])


def home(state, facts, t):
    items = [Option(key, t(label), value) for key, label, value in HOME_ITEMS]
    slot = facts.snapshot.home_slot()
    wanted = set(FIRST_PAGE)
    if slot is not None:
        card = facts.snapshot.job(slot.ref) if slot.ref else None
        # A slot's job is shown from its facts in the seeker's language; the free-text label only for a slot
        # without a job, and only where it renders.
        if card is not None:
            label = _job_line(card, facts, state["language"])
        elif slot.label and _renders(slot.label, state["language"]):
            label = slot.label
        else:
            label = t("ussd.sponsored.more")
        items.append(Option(SLOT_KEY, f"{t('ussd.sponsored')} {label}", JobChoice(slot.ref, slot.id)))
        wanted.add(items[-1].value)  # what the slot's buyer paid for: the first home screen
    # As the menu pages it: room kept for "0. Back", which its later pages show.
    later = [Option(BACK, t("ussd.nav.back"), "back")]
    first = {value for _, _, value in paginate(facts.service, items, later, t("ussd.nav.more"))[0]}
    if not wanted <= first:
        # Keys unchanged (the same numbers in every language): only which page shows them, each page in key order.
        items.sort(key=lambda item: _home_rank(item.value, wanted))
        first = {value for _, _, value in paginate(facts.service, items, later, t("ussd.nav.more"))[0]}
        items.sort(key=lambda item: (item.value not in first, int(item.key)))
    screen = _menu(state, t, facts.service, items, nav=[], impressions_of=_slot_of)
    if state.get("notice") and t("ussd.home.language") not in screen.text:
        # A hint that would push the language off home goes: the same screen again says "choose again" too.
        screen = _menu(dict(state, notice=None), t, facts.service, items, nav=[], impressions_of=_slot_of)
    return screen


def _home_rank(value, wanted):
    """Where a home item goes when not all fit on the first page: find, tips, language, the sold line, near, the rest."""
    if value in FIRST_PAGE:
        return FIRST_PAGE.index(value) + (1 if FIRST_PAGE.index(value) > FIRST_PAGE.index("language") else 0)
    return FIRST_PAGE.index("language") + 1 if value in wanted else len(FIRST_PAGE) + 1


def _slot_of(value):
    return value.slot_id if isinstance(value, JobChoice) else None


def _category_name(facts, number, language):
    category = facts.snapshot.category(number)
    return category.name(language) if category else "?"


def _province_name(facts, code, language):
    province = facts.snapshot.province(code)
    return province.name(language) if province else "?"


def categories(state, facts, t):
    return _menu(state, t, t("ussd.category.title"), _category_items(facts, state["language"]))


def where_to_look(state, facts, t):
    language = state["language"]
    home_province = state["profile"].get("home_province")
    choices = []
    if home_province:
        choices.append((t("ussd.where.mine", province=_province_name(facts, home_province, language)), "mine"))
        choices.append((t("ussd.where.near"), "near"))
    choices += [(t("ussd.where.choose"), "province"), (t("ussd.where.all"), "all")]
    items = [Option(str(number), label, value) for number, (label, value) in enumerate(choices, 1)]
    return _menu(state, t, t("ussd.where.title"), items)


def _category_items(facts, language):
    """One menu line per trade, keyed by its number."""
    return [Option(str(c.number), c.name(language), c.number) for c in facts.snapshot.categories]


def _province_items(facts, language):
    return [Option(str(p.number), p.name(language), p.number) for p in facts.snapshot.provinces]


def provinces(state, facts, t):
    return _menu(state, t, t("ussd.province.title"), _province_items(facts, state["language"]))


def provinces_of(state, facts):
    """The provinces a job list covers (None: all Cambodia)."""
    where = state.get("where")
    if where == "province":
        return frozenset([state.get("province")])
    reach = {"mine": "same", "near": "near"}.get(where, "any")
    return facts.snapshot.reach(state["profile"].get("home_province"), reach)


def _place_of(state, facts, t):
    language, where, home_province = state["language"], state.get("where"), state["profile"].get("home_province")
    if where == "province":
        return _province_name(facts, state.get("province"), language)
    if where in ("mine", "near") and home_province:
        name = _province_name(facts, home_province, language)
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


def _job_line(card, facts, language, place=False):
    """A list line: the wage (and the province, on a list of several) first, so a cut (visible, by grapheme) only
    ever shortens the title."""
    wage = format_wage(card.wage_amount, card.wage_currency, card.wage_period, language)
    where = f" {_province_name(facts, card.province, language)}:" if place else ""
    return f"{wage}{where} {truncate(_title(card, facts, language), 28)}"


def job_list(state, facts, t):
    language = state["language"]
    provinces = provinces_of(state, facts)
    sponsored, organic = facts.snapshot.listing((state["category"],), provinces)
    header = t("ussd.jobs.title", trade=_category_name(facts, state["category"], language),
               place=_place_of(state, facts, t))
    if not sponsored and not organic:
        return _menu(state, t, header + "\n" + t("ussd.jobs.none"), [])
    # "Near me" and "all Cambodia" list several provinces: each line says which. Where the whole heading would leave
    # a line no room for its title (Khmer script's 80 characters), the heading names the trade alone.
    place = provinces is None or len(provinces) > 1
    nav = "\n".join(f"{key}. {label}" for key, label, _ in [Option(MORE, t("ussd.nav.more"), None)] + _nav(t))
    if place and organic:
        line = f"99. {_job_line(organic[0], facts, language, place)}"
        if not fits_ussd(f"{header}\n{line}\n{nav}"):
            header = t("ussd.jobs.title.short", trade=_category_name(facts, state["category"], language))

    def sponsored_line(card):
        # The advert label is long in Khmer script: a sponsored line keeps its title before its province.
        line = f"{t('ussd.sponsored')} {_job_line(card, facts, language, place)}"
        if place and not fits_ussd(f"{header}\n99. {line}\n{nav}"):
            line = f"{t('ussd.sponsored')} {_job_line(card, facts, language)}"
        return line

    leads = [Option("#", sponsored_line(card), JobChoice(card.ref, slot.id)) for slot, card in sponsored]
    items = [Option("#", _job_line(card, facts, language, place), JobChoice(card.ref, None)) for card in organic]
    return _menu(state, t, header, items, leads=leads, impressions_of=_slot_of)


def _details_pages(card, facts, t, language, room):
    """The job's text in pages: the facts (wage, place, verified employer) open the first page, then the employer,
    positions and title, then the employer's own words where they render; cut at sentence ends or between words."""
    wage = format_wage(card.wage_amount, card.wage_currency, card.wage_period, language)
    facts_line = t("ussd.details.facts", ref=card.ref, wage=wage, place=_province_name(facts, card.province, language),
                   verified=t("ussd.details.verified"))
    body = t("ussd.details.body", title=_title(card, facts, language), employer=card.employer.rstrip("."),
             positions=card.positions)
    # Words in a script the seeker's menus do not use would show as boxes and make every page UCS-2: their facts
    # (hours, days off, meals, lodging) are written in the seeker's language instead, and the page says the
    # employer wrote in another script. Khmer-script menus show a Latin listing as written, with the same two lines.
    own = card.details if _renders(card.details, language) else ""
    written_in_latin = is_gsm7(f"{card.title}{card.details}")
    if not (_renders(card.title, language) and _renders(card.details, language)) or (
            language == "km" and written_in_latin and card.details):
        summary = listing_summary(language, card.title, card.details)
        own = " ".join(part for part in (t("job.summary", facts=summary) if summary else "", t("job.summary.other_script"), own) if part)
    return split_text(f"{facts_line}\n{body} {own}", room)


def details(state, facts, t):
    """The job in pages, Apply on every page (SMS and Report with it where there is room); the last page offers
    every action, sharing (by SMS and by call) included."""
    language = state["language"]
    card = facts.snapshot.job(state["ref"])
    if card is None:
        return _menu(state, t, t("ussd.details.gone"), [])
    apply = [Option("1", t("ussd.details.apply"), "apply")]
    others = [Option("2", t("ussd.details.sms"), "sms"), Option("3", t("ussd.details.report"), "report")]
    sharing = [Option("4", t("ussd.details.share"), "share"), Option("5", t("ussd.details.call"), "call")]
    more, back, nav = [Option(MORE, t("ussd.nav.more"), "more")], _nav(t)[:1], _nav(t)

    def room(tail):
        lines = "\n".join(f"{key}. {label}" for key, label, _ in tail)
        return lambda piece: fits_ussd(piece + "\n" + lines)

    every_page = room(apply + others + more + nav)("x" * 60)
    actions, tail = (apply + others, more + nav) if every_page else (apply, more + back)
    pieces = _details_pages(card, facts, t, language, room(actions + tail))
    # The last page carries every action; where they leave no room for its text, they get a page of their own,
    # headed by the job's ref and wage (the ref alone on the smallest screens).
    if not room(apply + others + sharing + nav)(pieces[-1]):
        wage = format_wage(card.wage_amount, card.wage_currency, card.wage_period, language)
        own = f"{card.ref} {wage}"
        pieces.append(own if room(apply + others + sharing + nav)(own) else card.ref)
    page = min(state.get("page", 0), len(pieces) - 1)
    if page + 1 == len(pieces):
        actions, tail = apply + others + sharing, nav
    header = pieces[page]
    if state.get("notice"):
        # The notice above the page, the page shortened (visibly) or left out if both do not fit; the notice itself
        # shortened last: "0. Back" and "00. Home" stay on the screen wherever they work.
        notice = t(state["notice"])
        cut = shorten(header, lambda cut: room(actions + tail)(notice + "\n" + cut))
        whole = room(actions + tail)(notice + "\n" + cut) and len(clusters(cut)) > 8
        header = notice + "\n" + cut if whole else notice
        if not room(actions + tail)(header):
            header = shorten(notice, room(actions + tail))
    return choice(header, actions, tail)


def experience(state, facts, t):
    items = [Option("1", t("ussd.yes"), True), Option("2", t("ussd.no"), False)]
    return _menu(state, t, t("ussd.apply.experience"), items)


def confirm(state, facts, t):
    card = facts.snapshot.job(state["ref"])
    if card is None:
        return _menu(state, t, t("ussd.details.gone"), [])
    items = [Option("1", t("ussd.apply.confirm_option"), "confirm")]
    options = "\n".join(f"{key}. {label}" for key, label, _ in items + _nav(t))
    employer = truncate(card.employer, 24)

    def question(title):
        return t("ussd.apply.confirm", ref=card.ref, title=title, employer=employer)

    # The question stays whole: the title is what gets shortened.
    title = shorten(_title(card, facts, state["language"]), lambda cut: fits_ussd(question(cut) + "\n" + options))
    return _menu(state, t, question(title), items)


def apply_done(state, facts, t):
    key = {"already": "ussd.apply.already", "closed": "ussd.apply.closed"}.get(state.get("outcome"), "ussd.apply.done")
    return end(t(key, ref=state["ref"]))


def report_confirm(state, facts, t):
    header = t("ussd.report.confirm", ref=state["ref"])
    return _menu(state, t, header, [Option("1", t("ussd.report.yes"), "report")])


def report_done(state, facts, t):
    return end(t("ussd.report.done"))


def alerts_province(state, facts, t):
    return _menu(state, t, t("ussd.alerts.province"), _province_items(facts, state["language"]))


def alerts_trades(state, facts, t):
    return _menu(state, t, t("ussd.alerts.trades"), _category_items(facts, state["language"]))


def alerts_another(state, facts, t):
    language = state["language"]
    names = [_category_name(facts, number, language) for number in state["alerts_draft"]["trades"]]
    items = [Option("1", t("ussd.alerts.another.yes"), "yes"), Option("2", t("ussd.alerts.another.no"), "no")]
    options = "\n".join(f"{key}. {label}" for key, label, _ in items + _nav(t))

    def fits(trades):
        return fits_ussd(t("ussd.alerts.another", trades=trades) + "\n" + options)

    # The question stays whole: a long list of trades gives way by whole names (a trade cut mid-word is another word).
    count = len(names)
    while count > 1 and not fits(", ".join(names[:count]) + ("" if count == len(names) else ELLIPSIS)):
        count -= 1
    trades = ", ".join(names[:count]) + ("" if count == len(names) else ELLIPSIS)
    if not fits(trades):
        trades = shorten(trades, fits)
    return _menu(state, t, t("ussd.alerts.another", trades=trades), items)


def alerts_reach(state, facts, t):
    items = [Option(str(number), t(f"ussd.reach.{reach}"), reach) for number, reach in enumerate(REACHES, 1)]
    return _menu(state, t, t("ussd.alerts.reach"), items)


def alerts_switch(state, facts, t):
    items = [Option("1", t("ussd.alerts.on"), "on"), Option("2", t("ussd.alerts.off"), "off")]
    return _menu(state, t, t("ussd.alerts.switch"), items)


def alerts_done(state, facts, t):
    if state.get("outcome") == "off":
        return end(t("ussd.alerts.saved_off"))
    draft, language = state["alerts_draft"], state["language"]
    trades = ", ".join(_category_name(facts, number, language) for number in draft["trades"])
    place = _province_name(facts, draft["home_province"], language)
    return end(t("ussd.alerts.saved_on", trades=trades, place=place))


def applications(state, facts, t):
    """The seeker's applications, the status first (a cut shortens the title, never the answer), each opening its
    job while it is open; a title that does not render in the seeker's script reads as its trade."""
    seeker_id = state["profile"].get("seeker_id")
    rows = list(facts.applications(seeker_id)) if seeker_id else []
    if not rows:
        return _menu(state, t, t("ussd.apps.none"), [])
    language = state["language"]
    items = []
    for ref, title, status in rows:
        card = facts.snapshot.job(ref)
        shown = _title(card, facts, language) if card else (title if _renders(title, language) else "")
        line = t("ussd.apps.line", ref=ref, title=truncate(shown, 24), status=t(f"ussd.status.{status}"))
        items.append(Option("#" if card else None, line.strip(), JobChoice(ref, None) if card else None))
    return _menu(state, t, t("ussd.apps.title"), items)


def tips(state, facts, t):
    """The tips in pages, a long one over several pages rather than cut: they carry the safety advice."""
    more, nav = [Option(MORE, t("ussd.nav.more"), "more")], _nav(t)

    def room(piece):
        return fits_ussd(piece + "\n" + "\n".join(f"{key}. {label}" for key, label, _ in more + nav))

    bodies = [t(key) for key in TIPS]
    bodies[0] = t("ussd.tips.hotline", hotline=facts.hotline) + "\n" + bodies[0]  # one press from home
    pages = [piece for body in bodies for piece in split_text(body, room)]
    page = min(state.get("page", 0), len(pages) - 1)
    notice = t(state["notice"]) if state.get("notice") else None
    return menu(pages[page], [], (more if page + 1 < len(pages) else []) + nav, t("ussd.nav.more"), notice=notice)


def share_number(state, facts, t):
    notice = t(state["notice"]) + "\n" if state.get("notice") else ""
    question = t("ussd.share.job_prompt", ref=state["ref"]) if state.get("ref") else t("ussd.share.prompt")
    return prompt(notice + question, _nav(t))


def share_done(state, facts, t):
    local = local_msisdn(state.get("friend_msisdn", ""))
    outcome = state.get("outcome") if state.get("outcome") in SHARE_OUTCOMES else "sent"
    if outcome == "sent" and state.get("ref"):
        return end(t("ussd.share.job_sent", msisdn=local, ref=state["ref"]))
    return end(t(f"ussd.share.{outcome}", msisdn=local))


def call_number(state, facts, t):
    notice = t(state["notice"]) + "\n" if state.get("notice") else ""
    return prompt(notice + t("ussd.call.prompt", ref=state["ref"]), _nav(t))


def call_relation(state, facts, t):
    items = [Option(str(number), t(f"ussd.relation.{relation}"), relation)
             for number, relation in enumerate(RELATIONS, 1)]
    return _menu(state, t, t("ussd.call.relation", msisdn=local_msisdn(state["friend_msisdn"])), items)


def call_done(state, facts, t):
    key = CALL_OUTCOMES.get(state.get("outcome"), "ussd.call.sent")
    return end(t(key, msisdn=local_msisdn(state["friend_msisdn"]), ref=state["ref"], time=state.get("call_at", "")))


def promo(state, facts, t):
    slot = next((s for s in facts.snapshot.slots if s.id == state.get("slot_id")), None)
    label = slot.label if slot and slot.label else t("ussd.details.gone")
    return _menu(state, t, label, [])


def ended(state, facts, t):
    return end(t("ussd.ended"))


SCREENS = {
    "lang.first": languages,
    "lang.choose": languages,
    "resume": resume_offer,
    "home": home,
    "jobs.category": categories,
    "jobs.where": where_to_look,
    "jobs.province": provinces,
    "jobs.list": job_list,
    "jobs.details": details,
    "jobs.apply.experience": experience,
    "jobs.apply.confirm": confirm,
    "jobs.apply.done": apply_done,
    "jobs.report.confirm": report_confirm,
    "jobs.report.done": report_done,
    "alerts.province": alerts_province,
    "alerts.trades": alerts_trades,
    "alerts.another": alerts_another,
    "alerts.reach": alerts_reach,
    "alerts.switch": alerts_switch,
    "alerts.done": alerts_done,
    "apps.list": applications,
    "tips": tips,
    "share.number": share_number,
    "share.done": share_done,
    "call.number": call_number,
    "call.relation": call_relation,
    "call.done": call_done,
    "promo": promo,
    "ended": ended,
}
