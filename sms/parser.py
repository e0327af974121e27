"""The SMS command parser: text in, one command (or a ParseError naming the wrong field) out. Pure: no I/O.

Every message gives exactly one of the dataclasses below; nothing here raises. Keywords are case-insensitive and
extra spaces are ignored. Opt-out and opt-in words act only when they are the whole message, so "stop by the
factory" is not an opt-out. Anything not understood is `NotUnderstood` (a kind of `Help`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from core.reference import RELATIONS
from core.text.clusters import split
from sms import listing

# CALL's optional last word: how the sharer knows the friend, so the call can say so.
RELATION_KEYS = {str(key): relation for key, relation in enumerate(RELATIONS, start=1)}
MAX_TITLE = 160
MAX_NAME = 100

# Whole-message opt-out / opt-in words: AT's and the operators' list, then romanised Khmer ("chhob" = stop,
# "chab phdaeum" = start) and Khmer script, compared with spaces and punctuation removed.
STOP_WORDS = frozenset(
    {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "CHHOB", "CHHOP", "CHOB", "CHHUP", "BATCHHOB",
     "ឈប់", "ឈប់ទាំងអស់"}
)
START_WORDS = frozenset({"START", "UNSTOP", "CHABPHDAEUM", "CHABPHDAM", "CHAPPHDAM", "BERKVINH", "ចាប់ផ្តើម", "ចាប់ផ្ដើម"})

# Keywords people type for each command (romanised Khmer after the English word).
KEYWORDS = {
    "JOB": "JOB", "POST": "JOB", "DAKKAR": "JOB", "ប្រកាស": "JOB", "ប្រកាសការងារ": "JOB",
    "CLOSE": "CLOSE", "BET": "CLOSE",
    "MYJOBS": "MYJOBS", "MYJOB": "MYJOBS",
    "HIRED": "HIRED", "HIRE": "HIRED",
    "REG": "REG", "REGISTER": "REG", "CHOKEIMCHMUOH": "REG",
    "JOBS": "JOBS", "KARGAR": "JOBS", "KARNGEA": "JOBS", "ការងារ": "JOBS",
    "APPLY": "APPLY", "DAKPEAKY": "APPLY",
    "REPORT": "REPORT", "REAYKARONG": "REPORT",
    "REF": "REF", "REFER": "REF", "INVITE": "REF",
    "CALL": "CALL", "PHONE": "CALL", "HAU": "CALL",
    "HELP": "HELP", "INFO": "HELP", "?": "HELP", "CHUOY": "HELP", "JUOY": "HELP", "ជំនួយ": "HELP",
    "LANG": "LANG", "LANGUAGE": "LANG", "PHIESA": "LANG", "ភាសា": "LANG",
}
# The language words LANG takes, compared upper-case without spaces or dashes: English, Khmer script, romanised Khmer.
LANGUAGE_WORDS = {
    "EN": "en", "ENG": "en", "ENGLISH": "en", "ANGKLES": "en",
    "KM": "km", "KHMER": "km", "KHMERSCRIPT": "km", "ខ្មែរ": "km", "អក្សរខ្មែរ": "km",
    "LATIN": "km-Latn", "KMLATN": "km-Latn", "KHMERLATIN": "km-Latn", "ROMAN": "km-Latn", "AKSARLATIN": "km-Latn",
}

# "ការងារ" (work) alone asks for jobs; followed by a listing, it posts one.
JOB_OR_JOBS = frozenset({"ការងារ", "KARGAR"})

_REF = re.compile(r"^[A-Za-z]\d{3,7}$", re.ASCII)
_WORD_EDGE = re.compile(r"^[\s.,:;!]+|[\s.,:;!]+$")


@dataclass(frozen=True)
class PostJob:
    category: str  # category code word, e.g. GARMENT
    category_number: int
    province_code: int  # ISO 3166-2:KH number
    wage_amount: int
    wage_currency: str  # USD or KHR
    wage_period: str | None  # hour, day, month or piece; None where the employer did not say
    positions: int
    title: str
    details: str = ""
    guessed: tuple = ()  # fields read from a close spelling ("category", "province"): confirmed before posting


@dataclass(frozen=True)
class CloseJob:
    ref: str


@dataclass(frozen=True)
class MyJobs:
    pass


@dataclass(frozen=True)
class Hired:
    ref: str
    msisdn: str  # as typed; the handler normalises it


@dataclass(frozen=True)
class Register:
    name: str


@dataclass(frozen=True)
class FindJobs:
    pass


@dataclass(frozen=True)
class Apply:
    ref: str


@dataclass(frozen=True)
class Report:
    ref: str


@dataclass(frozen=True)
class Refer:
    msisdn: str  # the friend's number as typed
    ref: str | None = None


@dataclass(frozen=True)
class CallFriend:
    """Phone a friend and read them a job (`relation`: family, friend, neighbour, workmate or None)."""

    msisdn: str  # the friend's number as typed
    ref: str
    relation: str | None = None


@dataclass(frozen=True)
class Stop:
    pass


@dataclass(frozen=True)
class Start:
    pass


@dataclass(frozen=True)
class Help:
    pass


@dataclass(frozen=True)
class NotUnderstood(Help):
    """A message that is no command at all: answered like HELP, and kept for staff when it reads like a listing."""


@dataclass(frozen=True)
class SetLanguage:
    language: str  # one of core.text.i18n.LANGUAGES


@dataclass(frozen=True)
class ParseError:
    """A known command with a wrong or missing field; the reply quotes `given` (the sender's words there, if any) and
    shows the catalogues' `sms.example.<command>`."""

    command: str
    field: str
    given: str = ""


# One-word answers to the question a listing waits on: yes to a guessed spelling; the period of a wage.
ANSWER_WORDS = {
    "YES": "yes", "Y": "yes", "OK": "yes", "OKAY": "yes", "BAAT": "yes", "BAT": "yes", "CHAS": "yes", "JAS": "yes",
    "បាទ": "yes", "ចាស": "yes", "ព្រម": "yes",
    "1": "day", "DAY": "day", "THNGAI": "day", "ថ្ងៃ": "day", "១": "day",
    "2": "month", "MONTH": "month", "KHE": "month", "ខែ": "month", "២": "month",
}


def answer(text):
    """The one-word answer a message is ("yes", "day" or "month"), or None if it is more than that."""
    words = str(text or "").split()
    return ANSWER_WORDS.get(_squash(words[0])) if len(words) == 1 else None


def parse(text) -> object:
    """The command in an SMS text, or a ParseError naming the first wrong field."""
    words = str(text or "").split()
    if not words:
        return NotUnderstood()
    whole = _squash("".join(words))
    if whole in STOP_WORDS:
        return Stop()
    if whole in START_WORDS:
        return Start()
    keyword = KEYWORDS.get(_squash(words[0]))
    if keyword is None and len(words) > 1 and _squash(words[0] + words[1]) in KEYWORDS:
        keyword, words = KEYWORDS[_squash(words[0] + words[1])], [words[0] + words[1]] + words[2:]
    args = words[1:]
    if _squash(words[0]) in JOB_OR_JOBS and args:
        posted = _job(args)
        return posted if isinstance(posted, PostJob) else FindJobs()
    if keyword == "JOB":
        return _job(args)
    if keyword == "CLOSE":
        return _with_ref(CloseJob, "CLOSE", args)
    if keyword == "MYJOBS":
        return MyJobs()
    if keyword == "HIRED":
        return _hired(args)
    if keyword == "REG":
        name = " ".join(args)[:MAX_NAME].strip()
        return Register(name) if name else ParseError("REG", "name")
    if keyword == "JOBS":
        return FindJobs()
    if keyword == "APPLY":
        return _with_ref(Apply, "APPLY", args)
    if keyword == "REPORT":
        return _with_ref(Report, "REPORT", args)
    if keyword == "REF":
        return _refer(args)
    if keyword == "CALL":
        return _call(args)
    if keyword == "LANG":
        language = LANGUAGE_WORDS.get(_squash("".join(args)).replace("-", "").replace("_", ""))
        return SetLanguage(language) if language else ParseError("LANG", "language")
    if keyword == "HELP":
        return Help()
    return NotUnderstood()


def _squash(word):
    """Upper case without edge punctuation, so 'Stop.' and 'stop!' read as STOP."""
    return _WORD_EDGE.sub("", word).upper()


def _job(args):
    read = listing.read(args)
    if isinstance(read, listing.Unreadable):
        return ParseError("JOB", read.field, read.given)
    # A long title keeps all its words: what passes MAX_TITLE (cut between words, never inside a character)
    # becomes the details.
    head = split(read.title, lambda piece: len(piece) <= MAX_TITLE)[0]
    return PostJob(
        category=read.category.code,
        category_number=read.category.number,
        province_code=read.province.code,
        wage_amount=read.wage_amount,
        wage_currency=read.wage_currency,
        wage_period=read.wage_period,
        positions=read.positions,
        title=head,
        details=read.title[len(head):].strip(),
        guessed=read.guessed,
    )


def _with_ref(command, keyword, args):
    if not args or not _REF.match(args[0]):
        return ParseError(keyword, "ref")
    return command(args[0].upper())


def _hired(args):
    if not args or not _REF.match(args[0]):
        return ParseError("HIRED", "ref")
    msisdn = "".join(args[1:])
    if not msisdn:
        return ParseError("HIRED", "msisdn")
    return Hired(args[0].upper(), msisdn[:32])


def _refer(args):
    ref = None
    if args and len(args) > 1 and _REF.match(args[-1]):
        ref, args = args[-1].upper(), args[:-1]
    msisdn = "".join(args)
    if not msisdn:
        return ParseError("REF", "msisdn")
    return Refer(msisdn[:32], ref)


def _call(args):
    relation = None
    if len(args) > 2 and args[-1] in RELATION_KEYS and _REF.match(args[-2]):
        relation, args = RELATION_KEYS[args[-1]], args[:-1]
    if not args:
        return ParseError("CALL", "msisdn")
    if not _REF.match(args[-1]):
        return ParseError("CALL", "ref")
    msisdn = "".join(args[:-1])
    if not msisdn:
        return ParseError("CALL", "msisdn")
    return CallFriend(msisdn[:32], args[-1].upper(), relation)
