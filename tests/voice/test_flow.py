"""Golden transcripts of the pure call flow: keys in, what is said (Say text or Play prompt ids) and effects out.

Khmer calls are spoken by the gateway's Khmer voice from Khmer script unless the `call:` line says `recorded=all`
(every prompt played from staff recordings, no Khmer voice): a Khmer call with neither is never spoken (voice.views
treats it as missed, tests/voice/test_twiml.py). Each `say[voice language]:` line names the voice that reads it.

Each file in transcripts/ starts with `# title` and a `call:` line, then `> keys` lines (the first `>` is the answer,
with no keys; `> -` is a timeout with no key), each followed by what the call says and the `= effect` lines.
`> 1 || closed` feeds an effect's outcome back as the runner would. To re-record after a deliberate change:
`UPDATE_TRANSCRIPTS=1 .venv/bin/pytest tests/voice/test_flow.py`, then read the diff.
"""
import pathlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.contacts import effects as fx
from tests.transcripts import check, parse
from tests.ussd.facts import snapshot
from voice import flow, speech

FOLDER = pathlib.Path(__file__).parent / "transcripts"
FILES = sorted(FOLDER.glob("*.txt"))
DEFAULT = "km-Latn"  # [app] default_language, as configured by default
ALL_RECORDED = frozenset((spoken, pid) for spoken in speech.SPOKEN for pid in speech.all_prompt_ids())
KHMER_VOICE = "Azure.km-KH-SreymomNeural"
HOTLINE = "1288"


def world(header):
    """call: inbound <lang|none> [home=8] [trades=1,4] [reach=near] [recorded=all]
    or call: share|callback <lang> ref=J1101 [sharer=012345678] [relation=friend] [recorded=all]"""
    line = next(line for line in header if line.startswith("call:"))
    words = line.split(":", 1)[1].split()
    kind, language = words[0], (None if words[1] == "none" else words[1])
    options = dict(word.split("=", 1) for word in words[2:])
    if options.get("recorded") == "all":
        recorded, voices = ALL_RECORDED, speech.Voices(en="")
    else:
        recorded, voices = frozenset(), speech.Voices(km=KHMER_VOICE, en="")
    if kind == "inbound":
        profile = {"lang": language, "home": int(options["home"]) if "home" in options else None,
                   "reach": options.get("reach", "near"),
                   "trades": [int(n) for n in options.get("trades", "").split(",") if n]}
        facts = flow.Facts(snapshot(), hotline=HOTLINE)
        return facts, flow.begin_inbound(profile, facts, DEFAULT), (recorded, voices)
    offer = flow.Offer(kind, options["ref"], options.get("sharer"), options.get("relation"))
    facts = flow.Facts(snapshot(), offer, hotline=HOTLINE)
    return facts, flow.begin_offer(facts, language, 1, DEFAULT), (recorded, voices)


def said(state, facts, speakers):
    reply = flow.reply(state, facts)
    lines = []
    for action in speech.speak(reply.parts, state["lang"], *speakers):
        if action.kind == "play":
            lines.append(f"play: {action.value[0]}/{action.value[1]}")
        else:
            lines.append(f"say[{action.voice or 'default'} {action.language}]: {action.value}")
    lines.append(f"[{reply.collect or 'hang up'}]")
    return lines


def run(path):
    header, steps = parse(path)
    facts, state, recorded = world(header)
    out = list(header)
    for number, (raw, outcome) in enumerate(steps):
        effects = []
        if number:
            state, effects = flow.step(state, "" if raw == "-" else raw, facts)
            for effect in effects:
                state = flow.settle(state, effect, fx.Done(outcome or "created"))
        out.append(f"> {raw}" + (f" || {outcome}" if outcome else ""))
        out.extend(said(state, facts, recorded))
        out.extend(f"= {effect!r}" for effect in effects)
        state = flow.restore(state)  # what the next callback's URL carries back
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("path", FILES, ids=[path.name for path in FILES])
def test_transcript(path):
    check(path, run(path))


def test_every_journey_is_recorded_in_every_language():
    journeys = {path.name.split(".")[0] for path in FILES}
    assert {"inbound_apply", "inbound_first_call", "share_apply", "share_call_back"} <= journeys
    for journey in journeys:
        assert {f"{journey}.{language}.txt" for language in ("en", "km", "km_Latn")} <= {p.name for p in FILES}


@pytest.mark.parametrize(
    "value, spoken, words",
    [
        (250, "en", [2, 100, 50]),
        (250, "km", [2, 100, 50]),
        (12, "en", [12]),
        (12, "km", [10, 2]),
        (40000, "en", [40, 1000]),
        (40000, "km", [4, 10000]),
        (1000000, "km", [1, 1000000]),
        (175, "en", [1, 100, 70, 5]),
    ],
)
def test_numbers_are_said_from_recorded_words(value, spoken, words):
    assert speech.number_words(value, spoken) == words
    assert set(words) <= set(speech.NUMBER_WORDS)


def test_a_number_not_fully_recorded_is_read_whole_in_khmer_words_by_the_khmer_voice():
    recorded = frozenset({("km", "number.2"), ("km", "number.100")})  # no number.50
    voices = speech.Voices(km=KHMER_VOICE, en="")
    assert speech.speak([speech.number(250)], "km", recorded, voices) == (
        speech.Action("say", "ពីររយហាសិប", KHMER_VOICE, "km-KH"),)
    full = recorded | {("km", "number.50")}
    assert [a.value[1] for a in speech.speak([speech.number(250)], "km", full)] == ["number.2", "number.100", "number.50"]


def test_without_a_khmer_voice_nothing_khmer_is_ever_said_by_another_voice():
    english_only = speech.Voices(en="woman")
    parts = [speech.prompt("voice.job.wage"), speech.number(250), speech.digits("1101"), speech.name("Kandal Co."),
             speech.say("Sewing operators", instead=[speech.prompt("trade.1")])]
    for language in ("km", "km-Latn"):
        assert speech.speak(parts, language, frozenset(), english_only) == ()
        assert speech.missing(language, frozenset(), english_only) == tuple(speech.all_prompt_ids())
    assert speech.missing("en", frozenset(), english_only) == ()


@pytest.mark.parametrize("value, words", [
    (0, "សូន្យ"), (7, "ប្រាំពីរ"), (10, "ដប់"), (12, "ដប់ពីរ"), (20, "ម្ភៃ"), (25, "ម្ភៃប្រាំ"), (100, "មួយរយ"),
    (250, "ពីររយហាសិប"), (1500, "មួយពាន់ប្រាំរយ"), (15000, "មួយម៉ឺនប្រាំពាន់"), (1200000, "មួយលានពីរសែន"),
])
def test_numbers_are_written_in_khmer_words_for_the_khmer_voice(value, words):
    assert speech.khmer_number(value) == words


def test_free_text_is_read_only_by_a_voice_of_its_own_script():
    voices = speech.Voices(km=KHMER_VOICE, en="")
    latin = speech.say("Sewing operators", instead=[speech.prompt("trade.1")])
    khmer = speech.say("ជាងដេរ", instead=[speech.prompt("trade.1")])
    assert speech.speak([latin], "km", frozenset(), voices) == (speech.Action("say", "រោងចក្រកាត់ដេរ", KHMER_VOICE, "km-KH"),)
    assert speech.speak([khmer], "km", frozenset(), voices) == (speech.Action("say", "ជាងដេរ", KHMER_VOICE, "km-KH"),)
    assert speech.speak([khmer], "en", frozenset(), voices) == (speech.Action("say", "Garment & factory", "", "en-US"),)
    assert speech.speak([latin], "en", frozenset(), voices) == (speech.Action("say", "Sewing operators", "", "en-US"),)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=6), st.sampled_from(["1", "2", "0", "9", "#", "", "5", "12#"])),
                max_size=12),
       st.sampled_from(["inbound", "share"]), st.sampled_from(["en", "km", "km-Latn", None]))
def test_any_keys_give_a_known_state_and_a_reply(keys, kind, language):
    facts = flow.Facts(snapshot(), None if kind == "inbound" else flow.Offer("share", "J1101", "012345678", "friend"))
    profile = {"lang": language, "home": 8, "trades": [1]}
    state = (flow.begin_inbound(profile, facts, DEFAULT) if kind == "inbound"
             else flow.begin_offer(facts, language, 1, DEFAULT))
    for raw in keys:
        state, _effects = flow.step(flow.restore(state), raw, facts)
        assert state["id"] in flow.TRANSITIONS
        reply = flow.reply(state, facts)
        assert reply.parts and reply.collect in (None, "key", "number")


def test_restore_refuses_states_this_flow_never_wrote():
    assert flow.restore({"id": "jobs.experience", "lang": "en"}) is None  # about a job, but which?
    assert flow.restore({"id": "nope", "lang": "en"}) is None
    assert flow.restore({"id": "jobs.read", "lang": "xx", "ref": "J1101"}) is None
    assert flow.restore({"id": "jobs.read", "lang": "en", "ref": "J1101", "i": -1, "trades": ["x"]}) == {
        "id": "jobs.read", "lang": "en", "k": "", "ref": "J1101"}


@pytest.mark.parametrize("state_id", sorted(flow.TRANSITIONS))
def test_final_states_are_exactly_those_that_hang_up(state_id):
    facts = flow.Facts(snapshot(), flow.Offer("share", "J1101", "012345678", "friend"))
    state = {"id": state_id, "lang": "en", "k": "", "ref": "J1101", "call": 1, "home": 8, "trades": [1]}
    assert (flow.reply(state, facts).collect is None) == (state_id in flow.FINAL)


def test_a_call_starts_in_the_default_language_it_is_given_until_the_person_has_one():
    facts = flow.Facts(snapshot(), flow.Offer("share", "J1101", "012345678", "friend"))
    assert flow.begin_inbound({}, facts, "en")["lang"] == "en"
    assert flow.begin_inbound({"lang": "km"}, facts, "en")["lang"] == "km"
    assert flow.begin_offer(facts, None, 1, "en")["lang"] == "en"
    assert flow.begin_offer(facts, "km-Latn", 1, "en")["lang"] == "km-Latn"
    assert flow.begin_offer(flow.Facts(snapshot()), None, 1, "en") == {"id": "ended", "lang": "en", "k": ""}
