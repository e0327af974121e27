"""The live jobs: the one read model every channel lists jobs from (USSD, voice, the site's /jobs, SMS JOBS), with
one order (newest first), one reach rule and one rule for sponsored slots; a version bumped on every change, and
each process's in-memory copy reloaded when it moves.

The alerts go the other way, from a job to the seekers it reaches, in SQL (`seekers_reached_by`, beside the rest):
tests/test_reach.py holds that SQL equal to `Snapshot.reach`."""
import datetime
import heapq
import logging
import time
from typing import NamedTuple

from core import reference
from core.platform import clock, runtime

log = logging.getLogger(__name__)

LIST_LIMIT = 90  # jobs a phone list goes through at most: more than anyone pages through on a keypad

VERSION = ("jobs", "version")  # the Redis counter every change of the live jobs moves, under the prefix


def version_key():
    """The current app's live jobs version key."""
    return runtime.key(*VERSION)


def bump_version():
    """Tell every process that the live jobs changed (a status, a listing, an employer's standing)."""
    runtime.current().live_jobs.bump()


class JobCard(NamedTuple):
    """What a channel shows of a live job, held in process memory."""

    id: int
    ref: str
    title: str
    employer: str
    category: int
    province: int
    wage_amount: int | None
    wage_currency: str
    wage_period: str
    positions: int
    details: str
    published_at: datetime.datetime | None = None


class SlotCard(NamedTuple):
    """A sponsored slot running today: a job shown first in some lists, or one line on the USSD home screen."""

    id: int
    kind: str
    ref: str | None
    label: str | None
    categories: frozenset
    provinces: frozenset


class Listing(NamedTuple):
    """A list of live jobs as a channel that sells slots shows it: the sponsored jobs first, then the others."""

    sponsored: list  # (SlotCard, JobCard) pairs: the slots sold for this list, oldest slot first
    jobs: list  # JobCards, newest first, none of them among the sponsored


class PlaceName(NamedTuple):
    """A province or a category: its number and its names by language."""

    number: int
    names: dict

    def name(self, language):
        return self.names.get(language) or self.names["km-Latn"]


class Snapshot:
    """Live jobs, sponsored slots and reference data as plain values: what every channel lists jobs from, and what a
    USSD step or a voice callback reads, without I/O."""

    def __init__(self, version, jobs, slots=(), categories=None, provinces=None, borders=None):
        self.version = version
        self.loaded_at = time.monotonic()
        self.categories = list(categories if categories is not None else _reference_categories())
        self.provinces = list(provinces if provinces is not None else _reference_provinces())
        self._neighbours = {}
        for a, b in borders if borders is not None else reference.BORDERS:
            self._neighbours.setdefault(a, set()).add(b)
            self._neighbours.setdefault(b, set()).add(a)
        self._jobs = list(jobs)  # newest first: published last first, then the higher id
        self._by_ref = {card.ref: card for card in self._jobs}
        self._rank = {card.ref: rank for rank, card in enumerate(self._jobs)}
        self._by_category = {}
        for card in self._jobs:
            self._by_category.setdefault(card.category, []).append(card)
        self._codes = {c.number: c.names.get("code") for c in self.categories}
        self.slots = [slot for slot in slots if slot.kind != "job" or slot.ref in self._by_ref]
        self._memo = {}
        self._search_text = None
        self.screens = {}  # drawn USSD screens by state: valid exactly as long as this snapshot

    def category(self, number):
        return next((c for c in self.categories if c.number == number), None)

    def province(self, code):
        return next((p for p in self.provinces if p.number == code), None)

    def neighbours(self, code):
        """Provinces bordering `code`."""
        return frozenset(self._neighbours.get(code, ()))

    def reach(self, home, reach):
        """The provinces someone at `home` works in for a reach ("same", "near", "any"): the one rule of
        core.reference, on these borders. None for anywhere."""
        return reference.provinces_in_reach(home, reach, self.neighbours)

    def job(self, ref):
        """The live job with this ref, or None."""
        return self._by_ref.get(ref)

    def jobs(self, categories=None, provinces=None, words="", limit=LIST_LIMIT):
        """Live jobs of some trades (None: every trade) in some provinces (None: anywhere) whose title, employer or
        details hold every word, newest first, at most `limit` (None: all). The one order of every channel."""
        categories = None if categories is None else tuple(dict.fromkeys(categories))
        words = tuple(words.casefold().split())
        key = ("jobs", categories, provinces, limit)
        if words or key not in self._memo:
            if categories is None:
                cards = self._jobs
            else:
                cards = heapq.merge(*(self._by_category.get(number, ()) for number in categories),
                                    key=lambda card: self._rank[card.ref])
            if provinces is not None:
                cards = (card for card in cards if card.province in provinces)
            if words:
                text = self._searchable()
                cards = (card for card in cards if all(word in text[card.ref] for word in words))
            cards = list(cards if limit is None else (card for _, card in zip(range(limit), cards)))
            if words:
                return cards  # a search's words are anyone's: not kept
            self._memo[key] = cards
        return self._memo[key]

    def matching(self, trades, home, reach, limit=LIST_LIMIT):
        """Live jobs for a seeker, newest first: their trades (every trade when they chose none) within their reach
        of home (`reach`)."""
        return self.jobs(tuple(trades) or None, self.reach(home, reach), limit=limit)

    def described(self, card):
        """The card with its trade and province as themselves (with `.name(language)`), as core.text.wording reads a
        job."""
        return card._replace(category=self.category(card.category), province=self.province(card.province))

    def sponsored(self, categories=None, provinces=None):
        """(slot, job) pairs sold for a list of these trades (None: every trade) and provinces (None: anywhere): a
        slot's trades (else its job's trade) meet the list's, and its provinces (none: anywhere) meet the list's."""
        categories = None if categories is None else tuple(dict.fromkeys(categories))
        key = ("sponsored", categories, provinces)
        if key not in self._memo:
            pairs = []
            for slot in self.slots:
                if slot.kind != "job":
                    continue
                card = self._by_ref[slot.ref]
                if categories is None:
                    in_trade = True
                elif slot.categories:
                    in_trade = any(self._codes.get(number) in slot.categories for number in categories)
                else:
                    in_trade = card.category in categories
                in_place = not slot.provinces or provinces is None or bool(slot.provinces & set(provinces))
                if in_trade and in_place:
                    pairs.append((slot, card))
            self._memo[key] = pairs
        return self._memo[key]

    def listing(self, categories=None, provinces=None, words="", limit=LIST_LIMIT):
        """A list as the channels that mark sponsored jobs show it (USSD, the site): the slots sold for it first,
        then `jobs` without them. A search by words is no list a slot was sold for."""
        sponsored = [] if words.split() else self.sponsored(categories, provinces)
        shown = {card.ref for _slot, card in sponsored}
        return Listing(sponsored, [card for card in self.jobs(categories, provinces, words, limit)
                                   if card.ref not in shown])

    def _searchable(self):
        if self._search_text is None:
            self._search_text = {card.ref: f"{card.title} {card.employer} {card.details}".casefold()
                                 for card in self._jobs}
        return self._search_text

    def home_slot(self):
        """The home-screen slot running today, if any."""
        return next((slot for slot in self.slots if slot.kind == "home"), None)


class Cache:
    """This process's Snapshot of the live jobs, one per app (`Services.live_jobs`).

    A change made in this process (`bump`) is seen by the very next step. Changes made elsewhere, and the daily turn
    of sponsored slots, are picked up by `refresh`, which a background thread calls: a reload reads every live job
    and must not hold up a request.
    """

    def __init__(self, loader, services, max_age=30.0):
        self.loader = loader
        self.services = services
        self.max_age = max_age
        self.snapshot = None
        self.stale = False

    def current(self):
        """The snapshot to answer with now."""
        snapshot = self.snapshot
        if snapshot is None or self.stale:
            self.stale = False
            snapshot = self.snapshot = self._load(self.version())
        return snapshot

    def fresh(self):
        """The snapshot as Redis's version says it should be now: for what is no step of a session (an SMS)."""
        self.refresh()
        return self.current()

    def refresh(self):
        """Reload if Redis holds another version or the copy is older than `max_age` (background thread): a day's
        slots start and end at the deployment's midnight within `max_age`."""
        snapshot = self.snapshot
        if snapshot is None:
            return
        version = self.version()
        if snapshot.version != version or time.monotonic() - snapshot.loaded_at > self.max_age:
            self.snapshot = self._load(version)

    def _load(self, version):
        return self.loader(version, clock.today(config=self.services.config))

    def invalidate(self):
        """Reload on the next step."""
        self.stale = True

    def bump(self):
        """This process reloads at once; the others when they next read the version."""
        self.invalidate()
        try:
            self.services.redis.incr(self.services.key(*VERSION))
        except Exception as error:  # the caches then refresh on their time limit instead
            log.warning("could not bump the live jobs version: %s", error)

    def version(self):
        """The live jobs version as Redis holds it ("0" when never bumped or unreachable)."""
        try:
            value = self.services.redis.get(self.services.key(*VERSION))
        except Exception as error:
            log.warning("could not read the live jobs version: %s", error)
            return "0"
        return version_text(value)


def version_text(value):
    """A version as read from Redis (bytes or None), as text."""
    return value.decode() if isinstance(value, bytes) else str(value or "0")


def seekers_reached_by(province):
    """The reach rule (`Snapshot.reach`) turned round, in SQL: seekers whose reach of home takes in `province`.
    The alerts select seekers with it; tests/test_reach.py holds the two equal."""
    from core.reference.models import ProvinceBorder
    from core.seekers.models import Seeker

    neighbours = ProvinceBorder.select(ProvinceBorder.neighbour).where(ProvinceBorder.province == province)
    home = Seeker.home_province
    return (
        home.is_null()
        | Seeker.reach.not_in(("same", "near"))
        | (home == province)
        | (home.in_(neighbours) & (Seeker.reach == "near"))
    )


def for_seeker(seeker, snapshot, limit=LIST_LIMIT):
    """The live jobs `snapshot` holds for a seeker row: their trades, within their reach of home, newest first."""
    from core.seekers.models import SeekerTrade

    trades = SeekerTrade.select(SeekerTrade.category).where(SeekerTrade.seeker == seeker.id).tuples()
    return snapshot.matching([number for (number,) in trades], seeker.home_province_id, seeker.reach, limit)


def load_snapshot(version, today):
    """Read every live job, the sponsored slots running `today` (the deployment's date) and the reference data."""
    from core.jobs.models import Employer, Job, SponsoredSlot
    from core.reference.models import Category, Province, ProvinceBorder

    rows = (
        Job.select(
            Job.id, Job.ref, Job.title, Employer.name, Job.category, Job.province, Job.wage_amount,
            Job.wage_currency, Job.wage_period, Job.positions, Job.details, Job.published_at,
        )
        .join(Employer)
        .where(Job.open())
        .order_by(Job.published_at.desc(), Job.id.desc())
        .tuples()
    )
    jobs = [JobCard(*row) for row in rows]
    by_id = {card.id: card.ref for card in jobs}
    slots = [
        SlotCard(
            slot.id, slot.kind, by_id.get(slot.job_id), slot.label,
            frozenset(slot.categories or ()), frozenset(int(p) for p in slot.provinces or ()),
        )
        for slot in SponsoredSlot.select().where(SponsoredSlot.running_on(today)).order_by(SponsoredSlot.id)
    ]
    categories = [
        PlaceName(c.number, {"en": c.name_en, "km-Latn": c.name_km_latn, "km": c.name_km, "code": c.code})
        for c in Category.select().order_by(Category.number)
    ]
    provinces = [
        PlaceName(p.code, {"en": p.name_en, "km-Latn": p.name_km_latn, "km": p.name_km})
        for p in Province.select().order_by(Province.code)
    ]
    borders = list(ProvinceBorder.select(ProvinceBorder.province, ProvinceBorder.neighbour).tuples())
    return Snapshot(version, jobs, slots, categories, provinces, borders)


def _reference_categories():
    return [
        PlaceName(c.number, {"en": c.name_en, "km-Latn": c.name_km_latn, "km": c.name_km, "code": c.code})
        for c in reference.CATEGORIES
    ]


def _reference_provinces():
    return [PlaceName(p.code, {"en": p.name_en, "km-Latn": p.name_km_latn, "km": p.name_km}) for p in reference.PROVINCES]

