"""Reading a job listing as employers write it: the trade, the place, the wage, the workers wanted and the words, in
whatever order they come. Pure: no I/O.

`JOB GARMENT KANDAL 250 20 Sewing operators` (the documented order) reads as before. Beyond it: a wage with its
currency and period anywhere after the place (`$12 per day`, `12 dollar a day`, `1,200,000 riel`, `១២០០០០០៛`,
`250$/khe`), the workers as `10 workers` or `10 nak`, the trade and province misspelt by a letter or two (then only a
guess, which the employer confirms before anything is posted), Khmer-script keywords. What cannot be read names the
field that is wrong and quotes the employer's own words.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from core.reference import (
    category_by_keyword,
    CategoryRef,
    closest_category,
    closest_province,
    PERIOD_DAYS,
    plausible_wage,
    province_by_keyword,
    ProvinceRef,
)
from core.text.clusters import shorten

KHMER_DIGITS = str.maketrans("០១២៣៤៥៦៧៨៩", "0123456789")
MAX_WAGE = 10**9  # far above any monthly wage in riel, inside every database's integer column: bigger is a slip
MAX_QUOTE = 16

# Words for each period, as employers write them: English, romanised Khmer, Khmer script.
PERIOD_WORDS = {
    "hour": ("HOUR", "HOURS", "HR", "HRS", "H", "HOURLY", "MAONG", "MONG", "ម៉ោង"),
    "day": ("DAY", "DAYS", "D", "DAILY", "THNGAI", "TNGAI", "TNGAY", "THNGAY", "ថ្ងៃ"),
    "month": ("MONTH", "MONTHS", "MO", "M", "MONTHLY", "KHE", "KHAE", "KHER", "ខែ"),
    "piece": ("PIECE", "PIECES", "PCS", "PC", "DOM", "ដុំ", "ITEM"),
}
_PERIOD_OF = {word: period for period, words in PERIOD_WORDS.items() for word in words}
_USD = r"\$|USD|US\$|DOLLARS?|DOLAR|DOLLA|DOLA|DULLA|ដុល្លារ"
_KHR = r"៛|KHR|RIELS?|REILS?|RIAL|R|រៀល"
_NUMBER = r"\d{1,3}(?:[,.]\d{3})+|\d{1,12}"
_PERIOD = "|".join(sorted((re.escape(word) for word in _PERIOD_OF), key=len, reverse=True))
# "per day", "a day", "/day", "/ day", "1 day", "mouy thngai", "ក្នុងមួយខែ", or the period word right after.
_PER = r"(?:\s*/\s*|\s+PER\s+|\s+A\s+|\s+AN\s+|\s+EACH\s+|\s+1\s+|\s+MUOY\s+|\s+MOUY\s+|\s*ក្នុង\s*មួយ\s*|\s*មួយ\s*|\s+)"
_WAGE = re.compile(
    rf"(?<![\w$.,])(?:"
    rf"(?P<pre>{_USD}|{_KHR})\s*(?P<a1>{_NUMBER})(?:\s*(?P<post1>{_USD}|{_KHR})(?![A-Za-z]))?"
    rf"|(?P<a2>{_NUMBER})\s*(?P<post2>{_USD}|{_KHR})(?![A-Za-z])"
    rf"|(?P<a3>{_NUMBER})(?=\s*/)"
    rf")(?:{_PER}(?P<period>{_PERIOD})(?![\w]))?",
    re.IGNORECASE,
)
_WORKERS = re.compile(
    r"(?<![\w$.,])(?P<n>\d{1,5})\s*(?:WORKERS?|PEOPLE|PERSONS?|PAX|PPL|STAFF|NAK|NEAK|NEA|នាក់)(?!\w)", re.IGNORECASE
)
_BARE_NUMBER = re.compile(r"(?<![\w$.,/-])(?P<n>\d{1,5})(?![\w$.,/%])")
_TRADE_WORDS = 1
_PLACE_WORDS = (1, 2, 3)


class Listing(NamedTuple):
    """What a listing says. `wage_period` is None where it must be asked: not said and not plausible as a month
    (a month is the documented default), or said but a slip (implausible for the trade, plausible for another
    period: 15 a month for a builder). `guessed` names the fields read from a close spelling ("category",
    "province"), to be confirmed before anything is posted."""

    category: CategoryRef
    province: ProvinceRef
    wage_amount: int
    wage_currency: str
    wage_period: str | None
    positions: int
    title: str
    guessed: tuple = ()


class Unreadable(NamedTuple):
    """The first field that could not be read, and the employer's words there ("" when the field is missing)."""

    field: str
    given: str


def read(words) -> Listing | Unreadable:
    """The listing in the words after the JOB keyword."""
    words = [word.translate(KHMER_DIGITS) for word in words]
    if not words:
        return Unreadable("category", "")
    guessed = []
    category, used = _category(words)
    if category is None:
        category, used = closest_category(words[0]), 1
        if category is None:
            return Unreadable("category", _quote(words[0]))
        guessed.append("category")
    rest = words[used:]
    province, used = _province(rest)
    if province is None:
        province = closest_province(rest[0]) if rest else None
        if province is None:
            return Unreadable("province", _quote(rest[0] if rest else ""))
        guessed.append("province")
        used = 1
    text = " ".join(rest[used:])
    wage = _wage(text)
    if wage is None:
        return Unreadable("wage", _quote(text))
    (amount, currency, period), (start, end), marked = wage
    if amount is None:
        return Unreadable("wage", _quote(text[start:end]))
    before, text = text[:start], f"{text[:start]} {text[end:]}"
    positions = _positions(text)
    if positions is None:
        if not marked and amount < 100 and before.strip():
            # A lone small number after words: the workers wanted, and the wage is the words before it.
            return Unreadable("wage", _quote(before))
        return Unreadable("positions", _quote(text))
    count, (start, end) = positions
    title = " ".join(f"{text[:start]} {text[end:]}".split())
    if not title:
        return Unreadable("title", "")
    return Listing(category, province, amount, currency, _period(category, amount, currency, period), count, title,
                   tuple(guessed))


def _period(category, amount, currency, period):
    """The period to post with, or None to ask (never a guess)."""
    if period is None:
        return "month" if plausible_wage(category, amount, currency, "month") else None
    if plausible_wage(category, amount, currency, period):
        return period
    others = [other for other in PERIOD_DAYS if other != period]
    return None if any(plausible_wage(category, amount, currency, other) for other in others) else period


def _category(words):
    """The trade named by the first one or two words ("GARMENT", "kat der"), and how many words it took."""
    for used in (1, 2):
        if len(words) >= used:
            joined = "".join(words[:used])
            category = category_by_keyword(joined) if len(joined) <= 40 else None
            if category is not None:
                return category, used
    return None, 0


def _province(words):
    for used in _PLACE_WORDS:
        if len(words) >= used:
            joined = "".join(words[:used])
            province = province_by_keyword(joined) if len(joined) <= 40 else None
            if province is not None:
                return province, used
    return None, 0


def _wage(text):
    """((amount or None when out of range, currency, period or None), span, marked) of the wage in text, else None.

    Where the documented order puts it (first after the place) when a figure is there; else the first figure with a
    currency or a period; else the first bare number. `marked` says whether it came with a currency or period. A
    figure later in the words ("deposit 50$") is never taken over one in the wage's place."""
    first = _BARE_NUMBER.match(text, len(text) - len(text.lstrip()))
    if first is not None and not _WORKERS.match(text, first.start()):
        found = _marked(_WAGE.match(text, first.start()))
        return found or ((_amount(first["n"]), "USD", None), first.span(), None)
    for match in _WAGE.finditer(text):
        found = _marked(match)
        if found:
            return found
    bare = _BARE_NUMBER.search(text)
    if bare is None or _WORKERS.match(text, bare.start()):
        return None
    return (_amount(bare["n"]), "USD", None), bare.span(), None


def _marked(match):
    """The wage a _WAGE match reads, when it has a currency or a period; None for a bare number."""
    if match is None:
        return None
    amount = match["a1"] or match["a2"] or match["a3"]
    marks = {(match["pre"] or "").upper(), (match["post1"] or "").upper(), (match["post2"] or "").upper()} - {""}
    period = _PERIOD_OF.get((match["period"] or "").upper()) if match["period"] else None
    if not marks and period is None:
        return None
    khr = any(re.fullmatch(_KHR, mark, re.IGNORECASE) for mark in marks)
    usd = any(re.fullmatch(_USD, mark, re.IGNORECASE) for mark in marks)
    if khr and usd:
        return (None, None, None), match.span(), True
    return (_amount(amount), "KHR" if khr else "USD", period), match.span(), True


def _amount(figure):
    value = int(re.sub(r"[,.]", "", figure))
    return value if 0 < value <= MAX_WAGE else None


def _positions(text):
    """(workers wanted, span): a number with a word for workers, else the first bare number."""
    match = _WORKERS.search(text) or _BARE_NUMBER.search(text)
    if match is None or not 0 < int(match["n"]) <= 99999:
        return None
    return int(match["n"]), match.span("n")  # "10 workers" keeps "workers" in the title


def _quote(words):
    """The employer's words as a reply quotes them: short, on one line, never cut inside a Khmer cluster."""
    return shorten(" ".join(str(words).split()), lambda piece: len(piece) <= MAX_QUOTE)
