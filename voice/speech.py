"""What a call says, as prompts: each has an id; a recorded prompt is played, any other is read by text-to-speech.

Khmer is spoken from staff recordings (one set for both Khmer languages: they differ only in writing); English,
and any Khmer prompt not yet recorded, by the gateway's text-to-speech, Khmer then from the romanised text. The
changing parts of a job (trade, province, numbers, digits) are prompts too, so no job needs its own recording.
"""
import functools
from typing import NamedTuple

from core import reference
from core.i18n import catalogue
from core.i18n import text as catalogue_text

SPOKEN = ("km", "en")  # the recording sets
NUMBER_WORDS = tuple(sorted(set(range(20)) | set(range(20, 100, 10)) | {100, 1000, 10000, 100000, 1000000}))


class Part(NamedTuple):
    """One piece of an answer: kind "prompt" (an id), "number", "digits" (read one by one) or "text" (free text)."""

    kind: str
    value: object


def prompt(prompt_id):
    """A fixed prompt, by id."""
    return Part("prompt", prompt_id)


def number(value):
    """A number said as a number (250: two hundred fifty)."""
    return Part("number", int(value))


def digits(value):
    """Digits said one by one (a phone number, a job reference)."""
    return Part("digits", "".join(ch for ch in str(value) if ch.isdigit()))


def say(value):
    """Free text (a job title, an employer's name): only ever read by text-to-speech."""
    return Part("text", " ".join(str(value).split()))


class Action(NamedTuple):
    """A Play of a recording (value: (spoken language, prompt id)) or a Say (value: the text)."""

    kind: str
    value: object


def spoken_language(language):
    """The recording set for a language: English, or Khmer for both Khmer languages."""
    return "en" if language == "en" else "km"


def fallback_language(language):
    """Whose text a text-to-speech voice reads: English, or the romanised Khmer a Latin-script voice can read."""
    return "en" if language == "en" else "km-Latn"


def speak(parts, language, recorded):
    """The Play and Say actions for parts, in a language, given the frozenset {(spoken, prompt id)} recorded."""
    return _speak(tuple(parts), language, recorded)


@functools.lru_cache(maxsize=8192)  # a menu says the same few hundred things over and over
def _speak(parts, language, recorded):
    spoken, written = spoken_language(language), fallback_language(language)
    actions = []
    for part in parts:
        ids = prompt_ids(part, spoken)
        if ids is not None and all((spoken, pid) in recorded for pid in ids):
            actions += [Action("play", (spoken, pid)) for pid in ids]
        else:
            _say(actions, spoken_text(part, written))
    return tuple(actions)


def _say(actions, text):
    if not text:
        return
    if actions and actions[-1].kind == "say":
        actions[-1] = Action("say", actions[-1].value + " " + text)
    else:
        actions.append(Action("say", text))


def prompt_ids(part, spoken):
    """The recorded prompts that speak a part, or None for free text (never recorded)."""
    if part.kind == "prompt":
        return [part.value]
    if part.kind == "number":
        return [f"number.{n}" for n in number_words(part.value, spoken)]
    if part.kind == "digits":
        return [f"digit.{d}" for d in part.value]
    return None


def spoken_text(part, written):
    """The text a text-to-speech voice reads for a part."""
    if part.kind == "prompt":
        return prompt_text(part.value, written)
    if part.kind == "number":
        return f"{part.value:,}"
    if part.kind == "digits":
        return " ".join(part.value)
    return part.value


def number_words(value, spoken):
    """How a number is said, in NUMBER_WORDS: 250 -> [2, 100, 50]; 40,000 -> [40, 1000] (en), [4, 10000] (km)."""
    units = (1000000, 1000, 100) if spoken == "en" else (1000000, 100000, 10000, 1000, 100)
    for unit in units:
        if value >= unit:
            high, rest = divmod(value, unit)
            return number_words(high, spoken) + [unit] + (number_words(rest, spoken) if rest else [])
    if value >= (20 if spoken == "en" else 10) and value % 10:
        return [value - value % 10, value % 10]
    return [value]


@functools.lru_cache(maxsize=4096)  # catalogues and reference data are fixed for the life of the process
def prompt_text(prompt_id, written):
    """The words of a prompt in a written language (km-Latn, km or en)."""
    family, _, key = prompt_id.partition(".")
    if family in ("number", "digit"):
        return f"{int(key):,}"
    if family == "trade":
        category = next((c for c in reference.CATEGORIES if str(c.number) == key), None)
        return _name(category, written) if category else key
    if family == "province":
        province = next((p for p in reference.PROVINCES if str(p.code) == key), None)
        return _name(province, written) if province else key
    return catalogue_text(written, prompt_id)


def _name(row, written):
    return {"en": row.name_en, "km": row.name_km}.get(written, row.name_km_latn)


def all_prompt_ids():
    """Every prompt a call may play, in a stable order: the catalogue's, then trades, provinces, numbers, digits."""
    fixed = sorted(key for key in catalogue("en") if key.startswith("voice."))
    return (
        fixed
        + [f"trade.{c.number}" for c in reference.CATEGORIES]
        + [f"province.{p.code}" for p in reference.PROVINCES]
        + [f"number.{n}" for n in NUMBER_WORDS]
        + [f"digit.{d}" for d in range(10)]
    )
