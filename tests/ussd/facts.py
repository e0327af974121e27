"""A fixed world for the pure engine: the demo's live jobs, one sponsored job, one home-screen slot."""
from core.platform.demo import EMPLOYERS, LIVE_JOBS
from core.jobs.livejobs import JobCard, SlotCard, Snapshot
from core.reference import category_by_keyword
from ussd.engine import Facts, new_profile

LONG_DETAILS = (
    "Day shift 7am to 4pm, Monday to Saturday. Lunch and clean water provided, bus from Takhmao market every "
    "morning. Training is paid. Overtime is paid double. Safe dormitory for workers from other provinces."
)


def jobs():
    cards = []
    for index, (code, province, wage, currency, period, positions, title, details) in enumerate(LIVE_JOBS):
        employer = EMPLOYERS[index % len(EMPLOYERS)][1]
        details = LONG_DETAILS if index == 1 else details
        cards.append(JobCard(index + 1, f"J{1101 + index}", title, employer, category_by_keyword(code).number,
                             province, wage, currency, period, positions, details))
    return cards


def snapshot(home_slot=True):
    slots = [SlotCard(7, "job", "J1102", None, frozenset({"GARMENT"}), frozenset({8, 12}))]
    if home_slot:
        slots.append(SlotCard(9, "home", "J1130", "Drivers wanted", frozenset(), frozenset()))
    return Snapshot("1", jobs(), slots)


APPLICATIONS = {1: [
    ("J1141", "អ្នកលក់ហាង ធ្វើការ 8 ម៉ោង", "applied"),  # titled in Khmer script: its trade elsewhere
    ("J1102", "Line workers", "hired"),
    ("J1101", "Sewing operators", "applied"),
    ("J1108", "Builders for school project", "hired"),
]}


def facts(home_slot=True):
    return Facts(
        snapshot(home_slot),
        service="Bong Pheak",
        hotline="1288",
        applications=lambda seeker_id: APPLICATIONS.get(seeker_id, []),
    )


def profile(language="km-Latn", home=8, seeker_id=1, applied=()):
    value = new_profile(seeker_id, language, home_province=home)
    value["applied"] = list(applied)
    return value
