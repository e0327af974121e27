"""Golden transcripts: inputs in, screens and effects out, for every journey in every language, on the pure engine.

Each file in transcripts/ starts with `# title` and a `profile:` line, then `> input` lines (the first `>` is the
dial, with no input), each followed by the screen and the `= effect` lines the engine produced. `> 1 || already`
feeds an effect's outcome back as the runner would. To re-record after a deliberate change to menus or catalogues:
`UPDATE_TRANSCRIPTS=1 .venv/bin/pytest tests/ussd/test_transcripts.py`, then read the diff.
"""
import pathlib

import pytest

from core.text.gsm import fits_ussd
from tests.transcripts import check, parse
from tests.ussd.facts import facts, profile
from core.contacts import effects as fx
from ussd import engine

FOLDER = pathlib.Path(__file__).parent / "transcripts"
FILES = sorted(FOLDER.glob("*.txt"))


def profile_from(header):
    """profile: <language|none> [home=8] [id=1] [applied=J1101,J1102] [slot=off] [resume=<state id>]"""
    line = next(line for line in header if line.startswith("profile:"))
    words = line.split(":", 1)[1].split()
    options = dict(word.split("=", 1) for word in words[1:])
    language = None if words[0] == "none" else words[0]
    value = profile(
        language,
        home=int(options["home"]) if options.get("home", "none") != "none" else None,
        seeker_id=int(options["id"]) if "id" in options else None,
        applied=[ref for ref in options.get("applied", "").split(",") if ref],
    )
    return value, options


def default_result(effect, outcome):
    if isinstance(effect, fx.SetLanguage):
        return fx.Done(None, {"seeker": 1})
    if isinstance(effect, fx.SendJobBySms):
        return fx.Done(outcome or "sent")
    return fx.Done(outcome)


def run(path):
    """The transcript the engine produces for the file's inputs."""
    header, steps = parse(path)
    seeker, options = profile_from(header)
    world = facts(home_slot=options.get("slot") != "off")
    resume = None
    if "resume" in options:
        resume = {"id": options["resume"], "language": seeker["language"], "profile": seeker, "category": 1,
                  "where": "all", "ref": "J1101", "page": 0}
    out = list(header)
    state = None
    for raw, outcome in steps:
        if state is None:
            state, effects = engine.begin(seeker, world, resume)
        else:
            state, effects = engine.step(state, raw, world)
        for effect in fx.records(effects):
            state = engine.settle(state, effect, default_result(effect, outcome))
        screen = engine.render(state, world)
        assert fits_ussd(screen.text), (path.name, screen.text)
        out.append(f"> {raw}" + (f" || {outcome}" if outcome else ""))
        out.extend(screen.wire().split("\n"))
        out.extend(f"= {effect!r}" for effect in effects)
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("path", FILES, ids=[path.stem for path in FILES])
def test_transcript(path):
    check(path, run(path))


def test_every_journey_in_every_language():
    journeys = {}
    for path in FILES:
        journey, language = path.stem.rsplit(".", 1)
        journeys.setdefault(journey, set()).add(language)
    assert len(journeys) >= 10
    for journey, languages in journeys.items():
        assert languages == {"en", "km_Latn", "km"}, journey
