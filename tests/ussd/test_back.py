"""The way back, from every screen that offers one: "0. Back", "00. Home", and "0" on a later page.

Each case walks the pure engine to a screen, checks the key is on it, presses it and says where it must land (the
screen id and what the landing screen depends on: its page, its job). A screen pointed back at the wrong place, home
included, fails here.
"""
import pytest

from core.jobs.livejobs import SlotCard, Snapshot
from tests.ussd.facts import facts, jobs, profile
from ussd import engine
from ussd.screens import SCREENS

WORLD = facts()
DETAILS = ["1", "1", "4", "2"]  # find jobs, garment, all Cambodia, the second line (J1101, two pages)
ALERTS = ["3", "8", "1", "2", "2"]  # province Kandal, garment, no other trade, near, (switch)

# (inputs to reach the screen, the screen's id there, the key, where it lands: a part of the state)
CASES = [
    (["7"], "lang.choose", "0", {"id": "home"}),
    (["1"], "jobs.category", "0", {"id": "home"}),
    (["1", "98"], "jobs.category", "0", {"id": "jobs.category", "page": 0}),
    (["1", "1"], "jobs.where", "0", {"id": "jobs.category", "near_me": False}),
    (["1", "1", "3"], "jobs.province", "0", {"id": "jobs.where", "category": 1}),
    (["1", "1", "3", "8"], "jobs.list", "0", {"id": "jobs.province", "where": "province"}),
    (["1", "1", "4"], "jobs.list", "0", {"id": "jobs.where", "category": 1}),
    (["1", "1", "1"], "jobs.list", "0", {"id": "jobs.where", "category": 1}),
    (["2", "1"], "jobs.list", "0", {"id": "jobs.category", "near_me": True}),
    (["1", "1", "4", "98"], "jobs.list", "0", {"id": "jobs.list", "page": 0, "where": "all"}),
    (DETAILS, "jobs.details", "0", {"id": "jobs.list", "page": 0, "where": "all", "category": 1}),
    # Numbers run on across pages: page 2 of the list starts at 3.
    (["1", "1", "4", "98", "3"], "jobs.details", "0", {"id": "jobs.list", "page": 1, "where": "all"}),
    (DETAILS + ["98"], "jobs.details", "0", {"id": "jobs.details", "page": 0, "ref": "J1101"}),
    (["8"], "jobs.details", "0", {"id": "home"}),
    (DETAILS + ["1"], "jobs.apply.experience", "0", {"id": "jobs.details", "ref": "J1101", "page": 0}),
    (DETAILS + ["1", "1"], "jobs.apply.confirm", "0", {"id": "jobs.apply.experience", "ref": "J1101"}),
    (DETAILS + ["3"], "jobs.report.confirm", "0", {"id": "jobs.details", "ref": "J1101", "page": 0}),
    (DETAILS + ["98", "4"], "share.number", "0", {"id": "jobs.details", "ref": "J1101", "page": 0}),
    (["6"], "share.number", "0", {"id": "home"}),
    (DETAILS + ["98", "5"], "call.number", "0", {"id": "jobs.details", "ref": "J1101", "page": 0}),
    (DETAILS + ["98", "5", "012999888"], "call.relation", "0", {"id": "call.number", "ref": "J1101"}),
    (["3"], "alerts.province", "0", {"id": "home"}),
    (["3", "8"], "alerts.trades", "0", {"id": "alerts.province"}),
    (["3", "8", "1"], "alerts.another", "0", {"id": "alerts.trades"}),
    (["3", "8", "1", "2"], "alerts.reach", "0", {"id": "alerts.another"}),
    (ALERTS, "alerts.switch", "0", {"id": "alerts.reach"}),
    (["4"], "apps.list", "0", {"id": "home"}),
    (["4", "1"], "jobs.details", "0", {"id": "apps.list"}),
    (["5"], "tips", "0", {"id": "home"}),
    (["5", "98"], "tips", "0", {"id": "tips", "page": 0}),
    (["5", "98", "98"], "tips", "0", {"id": "tips", "page": 1}),
]
# "00. Home" from every screen that shows it.
HOMES = [(inputs, screen_id, "00", {"id": "home"}) for inputs, screen_id, _, _ in CASES]


def walk(inputs, world=WORLD):
    state, _ = engine.begin(profile("en"), world)
    for raw in inputs:
        state, _ = engine.step(state, raw, world)
    return state


def ids(case):
    inputs, screen_id, key, landing = case
    return f"{screen_id}[{'*'.join(inputs)}]:{key}->{landing['id']}"


@pytest.mark.parametrize("case", CASES + HOMES, ids=[ids(case) for case in CASES + HOMES])
def test_the_way_back_lands_where_it_says(case):
    inputs, screen_id, key, landing = case
    state = walk(inputs)
    assert state["id"] == screen_id and "notice" not in state, state
    screen = engine.render(state, WORLD)
    assert key in screen.choices, screen.text  # offered on the screen, not only accepted
    landed, effects = engine.step(state, key, WORLD)
    assert effects == []
    assert {name: landed.get(name, 0 if name == "page" else None) for name in landing} == landing
    if landing["id"] == "home":
        assert set(landed) == {"id", "language", "profile"}  # a fresh start: nothing of the journey kept


def test_the_way_back_from_a_sponsored_slot_without_a_job():
    cards = jobs()
    world = facts()
    world.snapshot = Snapshot("1", cards, [SlotCard(9, "home", None, "Drivers wanted", frozenset(), frozenset())])
    state = walk(["8"], world)
    assert state["id"] == "promo"
    for key in ("0", "00"):
        assert key in engine.render(state, world).choices
        assert engine.step(state, key, world)[0] == {"id": "home", "language": "en", "profile": state["profile"]}


def test_every_screen_with_a_way_back_is_covered():
    """A new screen with "0. Back" needs its case above."""
    covered = {screen_id for _, screen_id, _, _ in CASES} | {"promo"}
    without = {"lang.first", "resume", "home", "jobs.apply.done", "jobs.report.done", "alerts.done", "share.done",
               "call.done", "ended"}
    assert covered | without == set(engine.TRANSITIONS) | set(SCREENS)
