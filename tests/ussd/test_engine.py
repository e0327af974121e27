"""The pure engine: no I/O imports, every reply a valid screen within budget whatever is typed."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.text.gsm import fits_ussd
from tests.ussd.facts import facts, profile
from core.contacts import effects as fx
from ussd import engine

WORLD = facts()
KEYS = st.sampled_from(["0", "00", "1", "2", "3", "4", "5", "6", "7", "8", "9", "98", "99", "12", "25", ""])
JUNK = st.one_of(
    st.text(alphabet="0123456789*#", max_size=12),
    st.text(max_size=8),  # any Unicode, control characters included
    st.text(alphabet="កខគឃងចឆជ០១២៣៩ ", max_size=20),
    st.sampled_from(["012345678", "+85512345678", "x" * 500, "\x00\x1b\r\n", "1" * 200]),
)
INPUTS = st.lists(st.one_of(KEYS, KEYS, KEYS, JUNK), max_size=30)


@settings(max_examples=2500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    inputs=INPUTS,
    language=st.sampled_from([None, "km-Latn", "km", "en"]),
    home=st.sampled_from([None, 8, 12, 23]),
    outcome=st.sampled_from([None, "already", "closed", "referrer_cap", "opted_out", "unknown", "cap:number"]),
)
def test_any_input_sequence_gives_valid_screens(inputs, language, home, outcome):
    state, _ = engine.begin(profile(language, home=home), WORLD)
    screen = engine.render(state, WORLD)
    for raw in inputs:
        assert fits_ussd(screen.text) and screen.text.strip()
        assert screen.wire().startswith(("CON ", "END "))
        state, effects = engine.step(state, raw, WORLD)
        for effect in fx.records(effects):
            state = engine.settle(state, effect, fx.Done(outcome, {"seeker": 1}))
        screen = engine.render(state, WORLD)
    assert fits_ussd(screen.text) and screen.text.strip()


def test_replaying_the_inputs_rebuilds_the_same_state():
    inputs = ["1", "1", "2", "98", "1", "98"]
    state, _ = engine.begin(profile("en"), WORLD)
    for raw in inputs:
        state, _ = engine.step(state, raw, WORLD)
    rebuilt, _ = engine.replay(engine.begin(profile("en"), WORLD)[0], inputs, WORLD)
    assert rebuilt == state


def test_navigation_has_no_database_effects():
    state, _ = engine.begin(profile("en"), WORLD)
    for raw in ["1", "1", "2", "1", "98", "0", "0", "00", "2", "1", "1"]:
        state, effects = engine.step(state, raw, WORLD)
        assert fx.records(effects) == []


def test_the_home_screen_line_a_buyer_paid_for_is_on_the_first_home_screen_and_opens_its_job():
    from core.text.i18n import text
    from ussd.screens import render

    # Khmer script's 80 characters hold only find, tips and the language on the first page: its line is the next.
    for language in ("km-Latn", "en"):
        state, _ = engine.begin(profile(language), WORLD)
        first = render(state, WORLD).text
        assert text(language, "ussd.sponsored") in first and "8." in first, (language, first)
        state, _ = engine.step(state, "8", WORLD)
        assert state["id"] == "jobs.details" and state.get("ref") == "J1130", (language, state)


def test_what_the_runner_says_of_a_job_gone_or_an_sms_not_sent_is_never_told_as_done():
    from core.text.i18n import text

    state = {"id": "jobs.details", "language": "en", "profile": profile("en"), "ref": "J1101", "friend_msisdn":
             "+85512999888"}
    applied = engine.settle(dict(state, id="jobs.apply.done"), fx.Apply("J1101"), fx.Done("unknown"))
    assert engine.render(applied, WORLD).text == text("en", "ussd.apply.closed", ref="J1101")
    called = engine.settle(dict(state, id="call.done"), fx.ShareByCall("+85512999888", "J1101", "friend"),
                           fx.Done("unknown"))
    assert engine.render(called, WORLD).text == text("en", "ussd.share.job_closed")
    for result, notice in (("closed", "ussd.details.gone"), ("cap:session", "ussd.details.not_sent"),
                           ("sent", "ussd.details.sent")):
        sent = engine.settle(dict(state, notice="ussd.details.sent"), fx.SendJobBySms("J1101"), fx.Done(result))
        assert sent["notice"] == notice
