"""Every USSD screen in every language keeps its label, its options and one numbering rule (issue 20), and a job
reads whole in every script: the pure engine over the demo world, no database."""
import re

import pytest

from core.text.gsm import fits_ussd
from core.text.i18n import LANGUAGES, text
from tests.ussd.facts import facts, profile
from ussd import engine
from ussd.screens import SCREENS, render

WORLD = facts()
# Inputs that reach each screen from home (the same numbers in every language).
WALKS = {
    "home": [], "jobs.category": ["1"], "jobs.where": ["1", "1"], "jobs.province": ["1", "1", "3"],
    "jobs.list": ["1", "1", "4"], "jobs.details": ["1", "1", "4", "1"], "jobs.apply.experience": ["1", "1", "4", "1", "1"],
    "jobs.apply.confirm": ["1", "1", "4", "1", "1", "1"], "jobs.report.confirm": ["1", "1", "4", "1", "~3"],
    "alerts.province": ["3"], "alerts.trades": ["3", "8"], "alerts.another": ["3", "8", "1"],
    "alerts.reach": ["3", "8", "1", "2"], "alerts.switch": ["3", "8", "1", "2", "2"], "apps.list": ["4"],
    "tips": ["5"], "share.number": ["6"], "lang.choose": ["7"],
}


def walk(language, inputs):
    state, _ = engine.begin(profile(language), WORLD)
    for raw in inputs:
        if raw.startswith("~"):  # "More" until the key is on the screen (Khmer script's small pages)
            raw = raw[1:]
            while raw not in render(state, WORLD).choices:
                state, _ = engine.step(state, "98", WORLD)
        state, _ = engine.step(state, raw, WORLD)
    return state


def pages(state):
    """Every page of the state's screen, as (state, screen)."""
    drawn = []
    for page in range(12):
        screen = render(dict(state, page=page), WORLD)
        if drawn and screen.text == drawn[-1][1].text:
            break
        drawn.append((dict(state, page=page), screen))
        if "98" not in screen.choices:
            break
    return drawn


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("screen_id", sorted(WALKS))
def test_every_screen_keeps_its_label_options_and_numbering(language, screen_id):
    state = walk(language, WALKS[screen_id])
    assert state["id"] == screen_id
    numbers = []
    for page_state, screen in pages(state):
        assert fits_ussd(screen.text), screen.text
        lines = screen.text.split("\n")
        assert not re.match(r"\d+\. ", lines[0]), f"no label: {screen.text}"
        shown = [line.split(". ", 1)[0] for line in lines if re.match(r"\d+\. ", line)]
        assert all(key in screen.choices for key in shown)  # every number shown works
        if screen_id != "home":
            assert "0" in shown, screen.text  # the way back is shown
            assert "00" in shown or "00" not in screen.choices, screen.text  # home, wherever it works
        if "98" in screen.choices:
            assert "98" in shown
        numbers += [int(key) for key in shown if key not in ("0", "00", "98")]
    if screen_id in ("jobs.list", "apps.list"):
        assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)  # numbers run on across pages


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_first_home_page_has_tips_and_a_language_entry_in_latin_letters(language):
    screen = render(walk(language, []), WORLD)
    assert "5. " in screen.text and "7. Phiesa / Language" in screen.text, screen.text
    tips = render(walk(language, ["5"]), WORLD)
    assert text(language, "ussd.tips.hotline", hotline="1288") in tips.text


@pytest.mark.parametrize("language", ("en", "km-Latn"))
def test_a_khmer_titled_job_reads_its_facts_and_says_the_employer_wrote_in_khmer(language):
    state = dict(walk(language, []), id="jobs.details", ref="J1141")
    body = " ".join(screen.text for _, screen in pages(state))
    assert text(language, "job.summary.hours", hours=8) in body
    assert text(language, "job.summary.lodging") in body
    assert text(language, "job.summary.other_script") in body


def test_a_khmer_script_reader_is_told_an_english_listing_is_in_latin_letters():
    state = dict(walk("km", []), id="jobs.details", ref="J1101")
    body = " ".join(screen.text for _, screen in pages(state))
    assert text("km", "job.summary.other_script") in body


@pytest.mark.parametrize("language", LANGUAGES)
def test_my_applications_put_the_status_first_and_open_the_job(language):
    screen = render(walk(language, ["4"]), WORLD)
    first = screen.text.split("\n")[1]
    assert first.startswith("1. " + text(language, "ussd.status.applied")), first
    assert "J1141" in first and not re.search(r"J1141\s*$", first)  # the job named, not an empty title
    assert walk(language, ["4", "1"])["id"] == "jobs.details"


def test_the_walks_cover_every_screen_a_seeker_chooses_on():
    chosen = {screen_id for screen_id in SCREENS if not screen_id.endswith(".done")}
    assert chosen - set(WALKS) <= {"lang.first", "resume", "promo", "ended", "share.done", "call.number",
                                   "call.relation"}
