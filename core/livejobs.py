"""The live jobs: a version bumped on every change, and each process's in-memory copy reloaded when it moves."""
import logging
import time
from typing import NamedTuple

from core import reference, runtime

log = logging.getLogger(__name__)



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


class SlotCard(NamedTuple):
    """A sponsored slot running today: a job shown first in some lists, or one line on the USSD home screen."""

    id: int
    kind: str
    ref: str | None
    label: str | None
    categories: frozenset
    provinces: frozenset


class PlaceName(NamedTuple):
    """A province or a category: its number and its names by language."""

    number: int
    names: dict

    def name(self, language):
        return self.names.get(language) or self.names["km-Latn"]


class Snapshot:
    """Live jobs, sponsored slots and reference data as plain values: what a USSD step reads, without I/O."""

    def __init__(self, version, jobs, slots=(), categories=None, provinces=None, borders=None):
        self.version = version
        self.loaded_at = time.monotonic()
        self.categories = list(categories if categories is not None else _reference_categories())
        self.provinces = list(provinces if provinces is not None else _reference_provinces())
        self._neighbours = {}
        for a, b in borders if borders is not None else reference.BORDERS:
            self._neighbours.setdefault(a, set()).add(b)
            self._neighbours.setdefault(b, set()).add(a)
        self._by_ref = {card.ref: card for card in jobs}
        self._by_category = {}
        for card in jobs:  # `jobs` comes newest first
            self._by_category.setdefault(card.category, []).append(card)
        self._codes = {c.number: c.names.get("code") for c in self.categories}
        self.slots = [slot for slot in slots if slot.kind != "job" or slot.ref in self._by_ref]
        self._memo = {}
        self.screens = {}  # drawn USSD screens by state: valid exactly as long as this snapshot

    def category(self, number):
        return next((c for c in self.categories if c.number == number), None)

    def province(self, code):
        return next((p for p in self.provinces if p.number == code), None)

    def neighbours(self, code):
        """Provinces bordering `code`."""
        return frozenset(self._neighbours.get(code, ()))

    def job(self, ref):
        """The live job with this ref, or None."""
        return self._by_ref.get(ref)

    def jobs_in(self, category, provinces=None, limit=90):
        """Live jobs of a category in some provinces (None: anywhere), newest first, at most `limit`."""
        key = ("jobs", category, provinces, limit)
        if key not in self._memo:
            cards = self._by_category.get(category, [])
            if provinces is not None:
                cards = [card for card in cards if card.province in provinces]
            self._memo[key] = cards[:limit]
        return self._memo[key]

    def sponsored_in(self, category, provinces=None):
        """(slot, job) pairs sold for this list: the job's category (or the slot's), any of the slot's provinces."""
        key = ("sponsored", category, provinces)
        if key not in self._memo:
            code = self._codes.get(category)
            pairs = []
            for slot in self.slots:
                if slot.kind != "job":
                    continue
                card = self._by_ref[slot.ref]
                in_category = code in slot.categories if slot.categories else card.category == category
                in_place = not slot.provinces or provinces is None or bool(slot.provinces & set(provinces))
                if in_category and in_place:
                    pairs.append((slot, card))
            self._memo[key] = pairs
        return self._memo[key]

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
            snapshot = self.snapshot = self.loader(self.version())
        return snapshot

    def refresh(self):
        """Reload if Redis holds another version or the copy is older than `max_age` (background thread)."""
        snapshot = self.snapshot
        if snapshot is None:
            return
        version = self.version()
        if snapshot.version != version or time.monotonic() - snapshot.loaded_at > self.max_age:
            self.snapshot = self.loader(version)

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


def load_snapshot(version):
    """Read every live job, today's sponsored slots and the reference data from the database."""
    from core.models import Category, Employer, Job, Province, ProvinceBorder, SponsoredSlot, utcnow

    rows = (
        Job.select(
            Job.id, Job.ref, Job.title, Employer.name, Job.category, Job.province, Job.wage_amount,
            Job.wage_currency, Job.wage_period, Job.positions, Job.details,
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
        for slot in SponsoredSlot.active_on(utcnow().date()).order_by(SponsoredSlot.id)
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

