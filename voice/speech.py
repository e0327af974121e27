"""What a call says, as prompts, and who may say each: a staff recording, or a text-to-speech voice of the prompt's
own language reading its own script. Pure: no I/O.

Khmer is played from staff recordings (one set for both Khmer languages: they differ only in writing) or, where the
gateway has a Khmer voice, read by it from the Khmer-script text, numbers written as Khmer words; never romanised
Khmer given to an English voice. English is played from recordings or read by the gateway's English voice. A call
is spoken only in a language it can be spoken in throughout (`missing`); voice.views treats any other call as missed
and answers by SMS. The changing parts of a job (trade, province, numbers, digits) are prompts too, so no job needs
its own recording; free text (a title) is read only by a voice of its own script, else its facts stand in.
"""
import functools
from typing import NamedTuple

import regex

from core import reference
from core.text.i18n import catalogue
from core.text.i18n import text as catalogue_text

SPOKEN = ("km", "en")  # the recording sets, and the languages a voice speaks
TTS_LANGUAGE = {"km": "km-KH", "en": "en-US"}  # how a gateway names the language a voice reads
NUMBER_WORDS = tuple(sorted(set(range(20)) | set(range(20, 100, 10)) | {100, 1000, 10000, 100000, 1000000}))
KHMER_DIGITS = ("សូន្យ", "មួយ", "ពីរ", "បី", "បួន", "ប្រាំ", "ប្រាំមួយ", "ប្រាំពីរ", "ប្រាំបី", "ប្រាំបួន")
KHMER_TENS = ("", "ដប់", "ម្ភៃ", "សាមសិប", "សែសិប", "ហាសិប", "ហុកសិប", "ចិតសិប", "ប៉ែតសិប", "កៅសិប")
KHMER_UNITS = ((1000000, "លាន"), (100000, "សែន"), (10000, "ម៉ឺន"), (1000, "ពាន់"), (100, "រយ"))
_KHMER_SCRIPT = regex.compile(r"\p{Khmer}")
_LATIN_SCRIPT = regex.compile(r"\p{Latin}")


class Part(NamedTuple):
    """One piece of an answer: kind "prompt" (an id), "number", "digits" (read one by one), "text" (free text,
    with the parts said instead where no voice reads its script) or "name" (a proper name, read by the caller's
    voice). `language` pins a prompt to one spoken language whatever the caller's (the language menu)."""

    kind: str
    value: object
    language: str | None = None
    fallback: tuple = ()


def prompt(prompt_id, language=None):
    """A fixed prompt, by id; in `language` ("km" or "en") whatever the caller's, when given."""
    return Part("prompt", prompt_id, language)


def number(value):
    """A number said as a number (250: two hundred fifty)."""
    return Part("number", int(value))


def digits(value):
    """Digits said one by one (a phone number, a job reference)."""
    return Part("digits", "".join(ch for ch in str(value) if ch.isdigit()))


def say(value, instead=()):
    """Free text (a job title): read only by a voice of its own script and language, else `instead` is said."""
    return Part("text", " ".join(str(value).split()), None, tuple(instead))


def name(value):
    """A proper name (an employer's): read by the caller's own voice, left out where the call has none."""
    return Part("name", " ".join(str(value).split()))


class Voices(NamedTuple):
    """The text-to-speech voices a gateway has: the voice's name ("" = the gateway's default), None = none."""

    km: str | None = None
    en: str | None = None

    @classmethod
    def of(cls, mapping):
        """From a gateway's {written language: voice name} (Gateway.tts_voices)."""
        return cls(km=mapping.get("km"), en=mapping.get("en"))

    def of_language(self, spoken):
        return self.km if spoken == "km" else self.en


class Action(NamedTuple):
    """A Play of a recording (value: (spoken language, prompt id)) or a Say of text by a voice, in a language
    (km-KH, en-US)."""

    kind: str
    value: object
    voice: str | None = None
    language: str | None = None


def spoken_language(language):
    """The recording set and voice for a language: English, or Khmer for both Khmer languages."""
    return "en" if language == "en" else "km"


def script_of(text):
    """"km" for text in Khmer script, "en" for Latin letters, None for neither (digits, signs)."""
    if _KHMER_SCRIPT.search(text):
        return "km"
    return "en" if _LATIN_SCRIPT.search(text) else None


def speak(parts, language, recorded, voices=Voices()):
    """The Play and Say actions for parts, for a caller of `language`, given the frozenset {(spoken, prompt id)}
    recorded and the gateway's voices. A part nobody may say in its language is left out (`missing` keeps a call
    that would need one from being spoken at all)."""
    return _speak(tuple(parts), spoken_language(language), recorded, voices)


@functools.lru_cache(maxsize=8192)  # a menu says the same few hundred things over and over
def _speak(parts, spoken, recorded, voices):
    actions = []
    for part in parts:
        _speak_part(actions, part, part.language or spoken, recorded, voices)
    return tuple(actions)


def _speak_part(actions, part, spoken, recorded, voices):
    voice = voices.of_language(spoken)
    if part.kind == "text":
        if voice is not None and script_of(part.value) == spoken:
            _say(actions, part.value, voice, spoken)
        else:
            for instead in part.fallback:
                _speak_part(actions, instead, spoken, recorded, voices)
        return
    if part.kind == "name":
        if voice is not None and part.value:
            _say(actions, part.value, voice, spoken)
        return
    ids = prompt_ids(part, spoken)
    if all((spoken, pid) in recorded for pid in ids):
        actions += [Action("play", (spoken, pid)) for pid in ids]
    elif voice is not None:
        _say(actions, spoken_text(part, spoken), voice, spoken)


def _say(actions, text, voice, spoken):
    if not text:
        return
    language = TTS_LANGUAGE[spoken]
    last = actions[-1] if actions else None
    if last is not None and last.kind == "say" and (last.voice, last.language) == (voice, language):
        actions[-1] = last._replace(value=last.value + " " + text)
    else:
        actions.append(Action("say", text, voice, language))


def missing(language, recorded, voices):
    """The prompts a call in `language` would need that neither a recording nor a voice of its language can say
    (empty: the call can be spoken)."""
    spoken = spoken_language(language)
    if voices.of_language(spoken) is not None:
        return ()
    return _unrecorded(spoken, recorded)


@functools.lru_cache(maxsize=64)
def _unrecorded(spoken, recorded):
    return tuple(pid for pid in all_prompt_ids() if (spoken, pid) not in recorded)


def prompt_ids(part, spoken):
    """The recorded prompts that speak a part."""
    if part.kind == "prompt":
        return [part.value]
    if part.kind == "number":
        return [f"number.{n}" for n in number_words(part.value, spoken)]
    if part.kind == "digits":
        return [f"digit.{d}" for d in part.value]
    raise ValueError(f"a {part.kind} part is never recorded")


def spoken_text(part, spoken):
    """The text a voice of the spoken language reads for a part: Khmer script for Khmer, numbers as Khmer words."""
    if part.kind == "prompt":
        return prompt_text(part.value, spoken)
    if part.kind == "number":
        return khmer_number(part.value) if spoken == "km" else f"{part.value:,}"
    if part.kind == "digits":
        return " ".join(KHMER_DIGITS[int(d)] if spoken == "km" else d for d in part.value)
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


def khmer_number(value):
    """A whole number in Khmer words, as a Khmer voice should say it: 250 -> ពីររយហាសិប, 1200000 -> មួយលានពីរសែន."""
    if value < 10:
        return KHMER_DIGITS[value]
    if value < 100:
        tens, unit = divmod(value, 10)
        return KHMER_TENS[tens] + (KHMER_DIGITS[unit] if unit else "")
    for unit, word in KHMER_UNITS:
        if value >= unit:
            high, rest = divmod(value, unit)
            return khmer_number(high) + word + (khmer_number(rest) if rest else "")
    raise AssertionError("unreachable")


@functools.lru_cache(maxsize=4096)  # catalogues and reference data are fixed for the life of the process
def prompt_text(prompt_id, written):
    """The words of a prompt in a written language (km-Latn, km or en); numbers in Khmer words for km."""
    family, _, key = prompt_id.partition(".")
    if family in ("number", "digit"):
        return khmer_number(int(key)) if written == "km" else f"{int(key):,}"
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
    return list(_all_prompt_ids())


@functools.lru_cache(maxsize=1)
def _all_prompt_ids():
    fixed = sorted(key for key in catalogue("en") if key.startswith("voice."))
    return (
        fixed
        + [f"trade.{c.number}" for c in reference.CATEGORIES]
        + [f"province.{p.code}" for p in reference.PROVINCES]
        + [f"number.{n}" for n in NUMBER_WORDS]
        + [f"digit.{d}" for d in range(10)]
    )
