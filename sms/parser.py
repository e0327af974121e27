"""The SMS command parser: text in, one command (or a ParseError naming the wrong field) out. Pure: no I/O.

Every message gives exactly one of the dataclasses below; nothing here raises. Keywords are case-insensitive and
extra spaces are ignored. Opt-out and opt-in words act only when they are the whole message, so "stop by the
factory" is not an opt-out. Anything not understood is `Help`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from core.reference import RELATIONS, category_by_keyword, province_by_keyword
from core.text import split

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
    "JOB": "JOB", "POST": "JOB", "DAKKAR": "JOB",
    "CLOSE": "CLOSE", "BET": "CLOSE",
    "MYJOBS": "MYJOBS", "MYJOB": "MYJOBS",
    "HIRED": "HIRED", "HIRE": "HIRED",
    "REG": "REG", "REGISTER": "REG", "CHOKEIMCHMUOH": "REG",
    "JOBS": "JOBS", "KARGAR": "JOBS", "KARNGEA": "JOBS",
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

_REF = re.compile(r"^[A-Za-z]\d{3,7}$", re.ASCII)
_POSITIONS = re.compile(r"^\d{1,5}$", re.ASCII)
_WAGE = re.compile(
    r"^(?P<pre>\$|USD|KHR|RIEL)?"
    r"(?P<amount>\d{1,3}(?:,\d{3})+|\d{1,12})"
    r"(?P<post>\$|USD|KHR|RIEL|R|៛)?"
    r"(?:/(?P<period>DAY|D|DAILY|THNGAI|MONTH|MO|M|MONTHLY|KHE))?$"
)
_DAY_WORDS = {"DAY", "D", "DAILY", "THNGAI"}
_WORD_EDGE = re.compile(r"^[\s.,:;!]+|[\s.,:;!]+$")
_LOOKUP_MAX = 40  # longer words are never a province or category; keeps int() away from huge digit strings


@dataclass(frozen=True)
class PostJob:
    category: str  # category code word, e.g. GARMENT
    category_number: int
    province_code: int  # ISO 3166-2:KH number
    wage_amount: int
    wage_currency: str  # USD or KHR
    wage_period: str  # month or day
    positions: int
    title: str
    details: str = ""


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
class SetLanguage:
    language: str  # one of core.i18n.LANGUAGES


@dataclass(frozen=True)
class ParseError:
    """A known command with a wrong or missing field; the reply shows the catalogues' `sms.example.<command>`."""

    command: str
    field: str


def parse(text) -> object:
    """The command in an SMS text, or a ParseError naming the first wrong field."""
    words = str(text or "").split()
    if not words:
        return Help()
    whole = _squash("".join(words))
    if whole in STOP_WORDS:
        return Stop()
    if whole in START_WORDS:
        return Start()
    keyword = KEYWORDS.get(_squash(words[0]))
    if keyword is None and len(words) > 1 and _squash(words[0] + words[1]) in KEYWORDS:
        keyword, words = KEYWORDS[_squash(words[0] + words[1])], [words[0] + words[1]] + words[2:]
    args = words[1:]
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
    return Help()


def _squash(word):
    """Upper case without edge punctuation, so 'Stop.' and 'stop!' read as STOP."""
    return _WORD_EDGE.sub("", word).upper()


def _job(args):
    def error(field):
        return ParseError("JOB", field)

    if not args:
        return error("category")
    category = _lookup(category_by_keyword, args[0])
    if category is None:
        return error("category")
    province, used = _province(args[1:])
    if province is None:
        return error("province")
    rest = args[1 + used:]
    wage = _wage(rest[0]) if rest else None
    if wage is None:
        return error("wage")
    if len(rest) < 2 or not _POSITIONS.match(rest[1]) or int(rest[1]) < 1:
        return error("positions")
    title = " ".join(rest[2:]).strip()
    if not title:
        return error("title")
    # A long title keeps all its words: what passes MAX_TITLE (cut between words, never inside a character)
    # becomes the details.
    head = split(title, lambda piece: len(piece) <= MAX_TITLE)[0]
    return PostJob(
        category=category.code,
        category_number=category.number,
        province_code=province.code,
        wage_amount=wage[0],
        wage_currency=wage[1],
        wage_period=wage[2],
        positions=int(rest[1]),
        title=head,
        details=title[len(head):].strip(),
    )


def _province(args):
    """The province named by the first one to three words ("SIEMREAP", "Siem Reap", "Banteay Mean Chey")."""
    for used in (1, 2, 3):
        if len(args) < used:
            break
        province = _lookup(province_by_keyword, "".join(args[:used]))
        if province is not None:
            return province, used
    return None, 0


def _lookup(find, word):
    if not word or len(word) > _LOOKUP_MAX or not word.isprintable():
        return None
    return find(word)


# Far above any monthly wage in riel, and inside every database's integer column: bigger is a typing slip.
MAX_WAGE = 10**9


def _wage(word):
    """(amount, currency, period) for 250, $250, 250USD, 1000000KHR, 12USD/DAY, 230/month; None if not a wage."""
    match = _WAGE.match(word.upper())
    if match is None:
        return None
    amount = int(match["amount"].replace(",", ""))
    if not 0 < amount <= MAX_WAGE:
        return None
    marks = {match["pre"], match["post"]} - {None}
    khr = bool(marks & {"KHR", "RIEL", "R", "៛"})
    if khr and marks & {"$", "USD"}:
        return None
    period = "day" if match["period"] in _DAY_WORDS else "month"
    return amount, ("KHR" if khr else "USD"), period


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
