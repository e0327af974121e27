"""Golden transcripts: messages in, effects and replies out, on the pure interpreter (sms.interpreter), every language.

Each file in transcripts/ starts with `# title` and a `profile:` line, then `> message` lines, each followed by the
effects read from it (`= effect`), the outcome kept on the inbound row (`: outcome`) and the reply (`< text`).
`> YES || posted ref=J1002` feeds back what core.contacts.runner made of the effect (fx.Done's result and values) as the runner
would; without it, the effect's usual result. The `employer_sms.*` files are made from tests/data/employer_sms.tsv (a
fresh verified employer sends each row; the corpus's expected outcome says what the runner does), so a row added
there is a step here. To re-record after a deliberate change to commands or catalogues:
`UPDATE_TRANSCRIPTS=1 .venv/bin/pytest tests/sms/test_transcripts.py`, then read the diff.
"""
import csv
import dataclasses
import json
import pathlib
import types

import pytest

from core.contacts import effects as fx
from core.platform.config import Deployment
from core.platform.demo import LIVE_JOBS
from core.text.gsm import sms_segments
from core.reference.models import Category, Province
from core.text.phone import normalise_msisdn
from core.reference import CATEGORIES
from sms import interpreter
from tests.transcripts import check, parse

FOLDER = pathlib.Path(__file__).parent / "transcripts"
CORPUS = pathlib.Path(__file__).parent.parent / "data" / "employer_sms.tsv"
LANGUAGES = {"en": "en", "km_Latn": "km-Latn", "km": "km"}
FILES = sorted(path for path in FOLDER.glob("*.txt") if not path.name.startswith("employer_sms."))
DEPLOYMENT = Deployment("Bong Pheak", ["1288"], "*855#", "2855", "km-Latn")
EMPLOYER = "Kandal Garment Co."
# What the corpus expects of a listing, as the runner's result: posted live, or kept as a draft and asked about.
CORPUS_RESULTS = {"ok": "live", "confirm": "ask question=confirm", "ask_period": "ask question=period"}
# Each effect's usual result, when the transcript names none.
USUAL = {fx.PostJob: "live", fx.CloseJob: "closed", fx.RecordHire: "hired", fx.Register: "created",
         fx.Apply: "created", fx.ReportJob: "counted", fx.ShareBySms: "sent", fx.ShareByCall: "sent"}


class World:
    """What the interpreter reads about the sender (sms.handlers.Facts's fields), kept as the runner would."""

    def __init__(self, language, employer=None, jobs=0, my_jobs=()):
        self.language, self.employer, self.deployment = language, employer, DEPLOYMENT
        self.draft = None
        self.jobs = live_jobs()[:jobs]
        self.my_jobs = list(my_jobs)

    def carried_out(self, effect, done):
        """Change as core.contacts.runner's handler for `effect` does when it comes to `done`."""
        if isinstance(effect, fx.SetLanguage):
            self.language = effect.language
        elif isinstance(effect, fx.Register) and done.result == "created":
            self.employer = effect.name
        elif isinstance(effect, fx.PostJob) and done.result == "ask":
            self.draft = types.SimpleNamespace(id=effect.draft or 1, question=done.values["question"],
                                               listing=json.dumps(dataclasses.asdict(effect.listing)))
        elif isinstance(effect, fx.PostJob):
            self.draft = None


def live_jobs():
    """The demo's live jobs, with the attributes core.text.wording reads of a Job row."""
    trades = {reference.code: Category(number=reference.number, code=reference.code, name_en=reference.name_en,
                                       name_km_latn=reference.name_km_latn, name_km=reference.name_km)
              for reference in CATEGORIES}
    return [
        types.SimpleNamespace(ref=f"J{1101 + index}", title=title, wage_amount=wage, wage_currency=currency,
                              wage_period=period, province=Province.of(province), category=trades[code])
        for index, (code, province, wage, currency, period, _positions, title, _details) in enumerate(LIVE_JOBS)
    ]


def world_from(header):
    """profile: <language> [employer] [jobs=3] [myjobs=J1101:live:4,J1102:pending:0]"""
    line = next(line for line in header if line.startswith("profile:"))
    words = line.split(":", 1)[1].split()
    options = dict(word.split("=", 1) if "=" in word else (word, "") for word in words[1:])
    my_jobs = [dict(zip(("ref", "status", "applicants"), item.split(":")))
               for item in options.get("myjobs", "").split(",") if item]
    return World(words[0], EMPLOYER if "employer" in options else None, int(options.get("jobs", 0)), my_jobs)


def done_for(effect, fed):
    """The fx.Done the runner would give for `effect`: `fed` ("result key=value …") or the usual one."""
    result, *pairs = (fed or USUAL.get(type(effect), "")).split() or [None]
    values = dict(pair.split("=", 1) for pair in pairs)
    if isinstance(effect, fx.PostJob):
        values = {"ref": "J1201", "title": effect.listing.title, "status": "live", **values}
    elif isinstance(effect, (fx.ShareBySms, fx.ShareByCall)):
        values = {"friend": normalise_msisdn(effect.msisdn), "code": "K7Q2", "ref": effect.ref or "", **values}
    elif isinstance(effect, fx.RecordHire):
        values = {"ref": effect.ref, "msisdn": normalise_msisdn(effect.msisdn), **values}
    elif hasattr(effect, "ref"):
        values = {"ref": effect.ref, **values}
    return fx.Done(result or None, values)


def step(world, message, fed):
    """The transcript lines for one message."""
    read = interpreter.read(message, world)
    done = [done_for(effect, fed) for effect in read.effects]
    for effect, result in zip(read.effects, done):
        world.carried_out(effect, result)
    reply = interpreter.reply(read, done, world)
    lines = [f"> {message}" + (f" || {fed}" if fed else "")]
    lines += [f"= {effect!r}" for effect in read.effects]
    lines.append(f": {reply.outcome}" + (f" ({reply.kind})" if reply.kind != "reply" else ""))
    if reply.text is not None:
        assert sms_segments(reply.text) <= 3, reply.text
        lines += [f"< {line}" for line in reply.text.split("\n")]
    return lines


def run(path):
    """The transcript the interpreter produces for the file's messages."""
    header, steps = parse(path)
    world = world_from(header)
    out = list(header)
    for message, fed in steps:
        out += step(world, message, fed)
    return "\n".join(out) + "\n"


def corpus():
    with CORPUS.open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def from_corpus(language):
    """The employer_sms transcript: each corpus row sent by a fresh verified employer."""
    out = [f"# Every listing in tests/data/employer_sms.tsv, each from a fresh verified employer ({language})",
           f"profile: {language} employer"]
    for row in corpus():
        out += step(World(language, EMPLOYER), row["text"], CORPUS_RESULTS.get(row["outcome"]))
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("path", FILES, ids=[path.stem for path in FILES])
def test_transcript(path):
    check(path, run(path))


@pytest.mark.parametrize("name", sorted(LANGUAGES))
def test_the_employer_corpus(name):
    check(FOLDER / f"employer_sms.{name}.txt", from_corpus(LANGUAGES[name]))


def test_every_journey_in_every_language():
    journeys = {}
    for path in FILES:
        journey, language = path.stem.rsplit(".", 1)
        journeys.setdefault(journey, set()).add(language)
    assert len(journeys) >= 4
    for journey, languages in journeys.items():
        assert languages == set(LANGUAGES), journey

