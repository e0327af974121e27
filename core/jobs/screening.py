"""Listing screening: the warning signs of trafficking and scams, each flag with the phrase that raised it. Pure.

A verified employer's listing with no flags goes live at once; any flag sends it to the moderation queue.
Flags are {"code", "reason", "phrase"}; the reason names the indicator (the ILO's 11 indicators of forced labour,
child labour, commercial sexual exploitation, unsafe migration, or one of the scam signs) and quotes the phrase.
Words are read by the rule tables (SIGNALS); where words cannot tell, the numbers are read (NUMBERS): an age under the
legal minimum for the trade, pay held longer than a month, hours beyond any legal day. Matching runs over normalised
text (Khmer digits as ASCII, zero-width spaces dropped, lower case) so one pattern covers `$30`, `30$`, `30 USD`,
`120,000 riel` and `១២០០០០៛`; romanised Khmer is also matched word by word after folding each word to a skeleton
(see `fold`), because people spell it many ways (kok, kork, kak; bong luy, borng lui). Beside the rules, a learnt
model (MODEL, read once from screening_model.json) adds indicators the rules missed and drops word hits it is sure
are innocent. Measured on tests/data/screening.tsv by bench/screening_bench.py.
"""
import functools
import json
import math
import pathlib
import re
import unicodedata

from core.reference import CATEGORIES, KHR_PER_USD, PROVINCES, WORKING_DAYS_PER_MONTH
from core.reference import monthly_usd as _listed_monthly_usd

THB_PER_USD = 35
# A wage this many times the category's usual maximum is "too good to be true".
UNREALISTIC_FACTOR = 2.0
# Online work paying this many times the category's usual maximum is the scam-compound lure even outside border towns.
SCAM_PAY_FACTOR = 1.5

REASONS = {
    "fee": "recruitment fee: asks workers for money, a fee, deposit, advance or wage deduction",
    "documents": "ILO forced labour, retention of identity documents: a passport, ID card or family book handed over",
    "abroad": "unsafe migration: work abroad, across the border or at sea, where trafficking happens",
    "scam_pattern": "scam compound: online, typing or chat work in a border or casino area or at high pay",
    "pay_withheld": "ILO forced labour, withholding of wages: pay held back longer than a month or until the end",
    "vulnerability": "ILO forced labour, abuse of vulnerability: seeks people in debt, without papers or with nobody",
    "deception": "ILO forced labour, deception: the real work, place or contract is hidden until it is too late",
    "movement": "ILO forced labour, restriction of movement: workers may not leave the workplace or go home",
    "isolation": "ILO forced labour, isolation: phones taken or no contact with family",
    "violence": "ILO forced labour, physical and sexual violence: beating or sexual demands",
    "threats": "ILO forced labour, intimidation and threats: police, fines or harm to family for leaving",
    "debt_bondage": "ILO forced labour, debt bondage: a loan or advance repaid by working or from wages",
    "conditions": "ILO forced labour, abusive working and living conditions: no bed, toilet or protection",
    "overtime": "ILO forced labour, excessive overtime: days beyond any legal limit or no day off",
    "child_labour": "child labour: under 15, or under 18 for hazardous, night or entertainment work",
    "sexual_exploitation": "commercial sexual exploitation: venue work framed by looks, youth or tips, photos asked",
    "wage_unrealistic": "too good to be true: a wage far above what the trade usually pays",
    "vague": "vague offer: hides who the employer is or what the wage is (broker, negotiable, details later)",
    "wage_missing": "no wage stated",
}

# Border and casino provinces: Banteay Meanchey (Poipet), Koh Kong, Preah Sihanouk, Svay Rieng (Bavet),
# Oddar Meanchey (O'Smach), Pailin.
SCAM_PROVINCES = frozenset({1, 9, 18, 20, 22, 24})

_WAGE_RANGE = {c.code: (c.wage_min, c.wage_max) for c in CATEGORIES}

_KHMER_DIGITS = str.maketrans("០១២៣៤៥៦៧៨៩", "0123456789")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


def normalise(text):
    """Text as matched: NFC, Khmer digits as ASCII, no zero-width characters, lower case, single spaces."""
    return _tidy(text).lower()


def _tidy(text):
    """normalise() with the letter case kept: what staff are shown of the phrase that raised a flag."""
    value = unicodedata.normalize("NFC", str(text or "")).translate(_KHMER_DIGITS).translate(_INVISIBLE)
    return " ".join(value.replace("\u2019", "'").split())


# -- amounts ----------------------------------------------------------------------------------------------------------

_NUMBER = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
_USD = r"\$|usd|us\$|dollars?|dolla|dola|dolar|ដុល្លារ|ដុល្លា"
_KHR = r"៛|khr|riels?|reils?|រៀល"
_THB = r"baht|bath|បាត(?!់)"
_AMOUNT = re.compile(
    rf"(?:(?P<pre>\$|usd)\s?(?P<n1>{_NUMBER}))|(?:(?P<n2>{_NUMBER})\s?(?P<cur>{_USD}|{_KHR}|{_THB})(?![a-z]))"
)
_PER_DAY = re.compile(r"\s?(?:/|per |a |each |mouy |1 )?(?:day|daily|thngai|tngai|ថ្ងៃ)"
                      r"(?!\s?(?:\d+\s?ម៉ោង|ឈប់|សម្រាក|off\b"
                      r"|chhop|chhob|somrak))")
_PER_MONTH = re.compile(r"\s?(?:/|per |a |each |mouy |1 )?(?:month|monthly|mo\b|khae|khe|ខែ)")
_WAGE_WORDS = re.compile(
    r"salary|wage|earn|income|commission|you get|get |prak khe|prak kher|ប្រាក់ខែ|ប្រាក់ឈ្នួល|basic"
)


def amounts(text):
    """Every money amount in normalised text: [(US dollars, "day"|"month"|None, the phrase, where it starts)]."""
    found = []
    for match in _AMOUNT.finditer(text):
        number = float((match.group("n1") or match.group("n2")).replace(",", ""))
        currency = (match.group("pre") or match.group("cur") or "").strip()
        if re.fullmatch(_KHR, currency):
            number /= KHR_PER_USD
        elif re.fullmatch(_THB, currency):
            number /= THB_PER_USD
        after = text[match.end():match.end() + 16]
        period = "day" if _PER_DAY.match(after) else "month" if _PER_MONTH.match(after) else None
        found.append((number, period, match.group(0), match.start()))
    return found


def monthly_usd(amount, currency="USD", period="month"):
    """The wage as US dollars a month (core.reference.monthly_usd: hour, day or month), or None if there is no
    wage. A piece rate has no month: it is taken as stated, so it is never read as missing."""
    if not amount:
        return None
    if period == "piece":
        return amount / KHR_PER_USD if currency == "KHR" else float(amount)
    return _listed_monthly_usd(amount, currency, period)


def _wages_in_text(text):
    """Monthly USD wages the text itself promises ("earn 2000$ a month"), with their phrases."""
    wages = []
    for number, period, phrase, start in amounts(text):
        if period is None and not _WAGE_WORDS.search(text[max(0, start - 25):start]):
            continue  # a bare amount is as likely a fee or a deposit as a wage
        wages.append((number * WORKING_DAYS_PER_MONTH if period == "day" else number, phrase))
    return wages


# -- romanised Khmer --------------------------------------------------------------------------------------------------

_DIGRAPHS = (("kh", "k"), ("ch", "c"), ("j", "c"), ("th", "t"), ("ph", "p"), ("g", "k"), ("d", "t"), ("b", "p"),
             ("v", "w"))


def fold(word):
    """A romanised Khmer word's skeleton: aspiration and voicing merged, vowel runs as "a", doubles single."""
    # kok, kork, kak -> kak; bong, borng, bang -> pank; luy, lui, loy -> la; khe, khae, kher -> ka; 120,000 -> #.
    value = word.lower()
    if value.replace(",", "").isdigit():
        return "#"
    for pair, single in _DIGRAPHS:
        value = value.replace(pair, single)
    value = value[:1] + value[1:].replace("h", "").replace("'", "")
    head, rest = (value[:1], value[1:]) if value[:1] in "yw" else ("", value)  # a leading y or w is a consonant
    value = head + re.sub(r"[aeiouyw]+", "a", rest)
    value = re.sub(r"(?<=a)r(?=[^a]|$)", "", value)  # "kor", "ber": an r that only marks a long vowel
    return re.sub(r"(.)\1+", r"\1", value)


_WORD = re.compile(r"[a-z']+|\d[\d,]*")
# Words that change what follows: negations ("ot kok", no deposit), Tuol, because Tuol Kork is a district of
# Phnom Penh, not a deposit, tik or teuk (water), because "teuk kork" is ice, and meul, bongrean and samlieng, because
# "meul kmeng", "bongrean kmeng" and "samlieng kmeng" are looking after, teaching and dressing children, not hiring
# them. Matched as spelt, not folded: folded, "no" is "nuh" (that) and "min" is "mun" (before).
_BLOCKERS = frozenset(("ot", "ort", "aot", "min", "mith", "kmean", "kmian", "kmeann", "kom", "kum", "no", "not",
                       "never", "tuol", "toul", "tul", "tik", "teuk", "tek", "toek", "tuek", "meul", "merl", "mer",
                       "bongrean", "bangrean", "bongrien", "samlieng", "samleng"))
# A negation reaches over one of these: "ot mean kchei luy" (no borrowing), "ot trov bong" (nothing to pay).
_HELPERS = frozenset(("mean", "mien", "man", "ban", "trov", "trouv", "tov", "need", "have", "any"))


# English words whose skeletons are those of romanised Khmer ones ("boys who" folds as "boss vay", "leave agent" as
# "luy agent", "bank 12" as "bong 12"): in a romanised phrase an English word counts only as spelt in the phrase.
# Khmer words that are English words too (ban, bay, mean, sang, dam) are not listed.
_ENGLISH = frozenset("""
a about above after again ahead aid air all also am an and any are as at away back bag bank bar be because been beer
before being best better big bill book boss both boys break broke bus busy but buy buying buys by call came can car
card chair chat check chop come cook could cut daily dark data date day day's days dealer deck did do does doing done
door doors dough down driver duty each eat even every eye few for from gear get gets give given go goes going good got
guard gym had hair ham hard has hat have he head heavy her here high him his hit hot how hut id if in into is it its
job join just keep kit know last law leave leaving less like live long look love made maid main make many mart mat may
me meat meet men more most move moved much must my near need never new next nowhere now of off old on once one only or
other our out over own part peak pen per phone piles pillows policy pool put rain rate reach read rich rider road
rough route run said same save saved saw say saying sea see set sew sewing she short should show shown sit so some
speak staying sun tailor take tall team teach tell teller than that the their them then there these they think this
those through tidy tile till to today too tool touch toys try tutor two under until up urgent us use van very view
want was way we wear well were what when where which while who whose why will with within would year yes you your
""".split())


class _Roman:
    """Romanised phrases matched on folded words; "#" is any number, "*" skips up to three words, and "a/b" is either
    spelling where their skeletons differ (ផ្ទះ as "ptes" or "pteah"); `honest` phrases are blanked out first, as
    for _Regex.

    Like every signal, search() gives the (start, end) of what matched in the text, or None."""

    def __init__(self, *phrases, honest=None):
        self.honest = re.compile(honest) if honest else None
        self.phrases = [
            (tuple(part if part == "*" else frozenset(word if word == "#" else fold(word) for word in part.split("/"))
                   for part in phrase.split()),
             frozenset(word for part in phrase.split() for word in part.split("/")))
            for phrase in phrases
        ]
        # Which phrases can start at a word, so a listing's words are tried only against those.
        self.starting = {}
        for index, (phrase, _spelt) in enumerate(self.phrases):
            for word in phrase[0]:
                self.starting.setdefault(word, []).append(index)

    def sees(self, text):
        """Whether a phrase is in the text at all, before honest phrases, negations and blocking words ("ot ankuy
        jea mouy phnhiev", not sitting with guests) clear it."""
        return self._find(text, False, blocking=False) is not None

    def search(self, text, negatable=False):
        if self.honest is not None:
            text = self.honest.sub(lambda match: " " * len(match.group(0)), text)
        return self._find(text, negatable)

    def _find(self, text, negatable, blocking=True):
        spans, folded = _words(text)
        # In the order of the phrases, then of the text: the first phrase listed that matches is the one shown.
        tries = sorted((index, start) for start, word in enumerate(folded) for index in self.starting.get(word, ()))
        for index, start in tries:
            phrase, spelt = self.phrases[index]
            end = _match_at(phrase, folded, start)
            if end is None or (negatable and _negated(text, spans[start][0])
                               and not _starts_negative(text[spans[start][0]:spans[start][1]])):
                continue
            if not (blocking and _blocks(text, spans, start)) and not _english(text, spans[start:end], phrase, spelt):
                return spans[start][0], spans[end - 1][1]
        return None


def _english(text, spans, phrase, spelt):
    """Whether a word of a romanised match is an English word that only shares the skeleton of a phrase word."""
    for a, b in spans:
        word = text[a:b]
        if word in _ENGLISH and word not in spelt and any(fold(word) in part for part in phrase if part != "*"):
            return True
    return False


def _blocks(text, spans, start):
    """Whether the word before a phrase changes what it means (a negation, Tuol, meul), or a negation before a
    helper word such as "mean" (have) does."""
    before = [text[a:b] for a, b in spans[max(0, start - 2):start]]
    return bool(before) and (before[-1] in _BLOCKERS or (len(before) == 2 and before[1] in _HELPERS
                                                          and before[0] in _BLOCKERS))


@functools.lru_cache(maxsize=16)
def _words(text):
    """Where the words of normalised text are, and their folded skeletons (cached: each romanised signal reads them)."""
    matches = list(_WORD.finditer(text))
    return tuple(match.span() for match in matches), tuple(fold(match.group(0)) for match in matches)


def _match_at(phrase, folded, start):
    """The index after `phrase` matched at `start` of `folded`, or None."""
    index = start
    for position, part in enumerate(phrase):
        if part == "*":
            for skip in range(4):
                end = _match_at(phrase[position + 1:], folded, index + skip) if index + skip <= len(folded) else None
                if end is not None:
                    return end
            return None
        if index >= len(folded) or folded[index] not in part:
            return None
        index += 1
    return index


class _Regex:
    """A regular expression over normalised text; `honest` phrases ("no fee", "ឥតគិតថ្លៃ") are blanked out first, and
    a listing that says `unless` anywhere (work abroad through the Ministry's own programme) raises nothing here."""

    def __init__(self, pattern, honest=None, unless=None):
        self.pattern = re.compile(pattern)
        self.honest = re.compile(honest) if honest else None
        self.unless = re.compile(unless) if unless else None

    def sees(self, text):
        """Whether the sign is in the text at all, before the honest phrases, `unless` and negations clear it."""
        return self.pattern.search(text) is not None

    def search(self, text, negatable=False):
        if self.unless is not None and self.unless.search(text):
            return None
        blanked = text
        if self.honest is not None:
            blanked = self.honest.sub(lambda match: " " * len(match.group(0)), text)
        for match in self.pattern.finditer(blanked):
            if not (negatable and _negated(text, match.start()) and not _starts_negative(match.group(0))):
                return _in_context(blanked, match.start(), match.end())
        return None


_PUNCTUATION = ",.;:!?()"

# A negation just before a sign in the same clause says it is not so: "no deposit", "company does not lend money",
# "never locked in", "មិនកាត់ប្រាក់ខែ", "ot oy kammakor kchei luy". A sign that is itself a negation ("cannot leave",
# "no day off") is not undone by another.
_NEGATORS = frozenset((
    "no", "not", "never", "without", "nothing", "none", "zero", "don't", "dont", "doesn't", "doesnt", "won't",
    "isn't", "aren't", "cannot", "can't", "nobody", "ot", "ort", "aot", "min", "kmean", "kmian", "kom", "kum",
))
# "បើមិនស្តាប់ត្រូវវាយ", "ber min bong hav polis" (if you do not obey, pay): a negation after "if" is a condition, not
# a denial.
_CONDITIONALS = frozenset(("if", "unless", "ber", "bor", "baer", "bae"))
# "ot sdab bongkob trov vay": not obeying is what is punished, "no worry, we keep your passport" reassures about
# nothing it denies, and "no holiday work every day", "no salary until you pay" deny a worker's due, a sign of its
# own: after these words the negation denies no sign that follows.
_NOT_A_DENIAL_AFTER = frozenset(("sdab", "sdap", "stab", "obey", "listen", "follow", "worry", "worries", "problem",
                                 "problems", "experience", "fear", "matter", "holiday", "holidays", "rest", "off",
                                 "break", "breaks", "day", "days", "salary", "pay", "contract", "phone", "signal",
                                 "toilet", "bed", "food", "water", "time", "sleep"))
_KM_NEGATION = re.compile(r"(?<!បើ)(មិន|គ្មាន|អត់|ឥត|កុំ|ពុំ)")
_CLAUSE_END = re.compile(r"[.,;:!?()\n]|\s-\s|\bbut\b|។|ប៉ុន្តែ")


def _starts_negative(phrase):
    """Whether a matched sign is itself a negation ("not allowed go out", "no phone"), which a negation before it
    does not undo ("no day off, not allowed go out" is two signs); "never work without gloves" is undone."""
    first = phrase.split()[0] if phrase.split() else ""
    return (first.strip("'") in _NEGATORS and first != "without") or bool(_KM_NEGATION.match(first))


def _negated(text, start):
    """Whether a negation stands within the three words before `start`, in the same clause (or, in Khmer script,
    which has no spaces, earlier in the same word)."""
    before = text[max(0, start - 40):start]
    ends = list(_CLAUSE_END.finditer(before))
    if ends:
        before = before[ends[-1].end():]
    if before and not before[-1].isspace() and _KM_NEGATION.search(before.split()[-1]):
        return True  # Khmer script runs a phrase together: only a negation in the same run counts
    words = before.split()
    for index in range(max(0, len(words) - 3), len(words)):
        word = words[index]
        condition = (index > 0 and words[index - 1] in _CONDITIONALS) or (index + 1 < len(words)
                                                                          and words[index + 1] in _NOT_A_DENIAL_AFTER)
        if word.strip("'") in _NEGATORS and not condition:
            return True
    return False


def _in_context(text, start, end):
    """The matched words whole, with a word either side of a short match unless a comma or stop is in between
    ("fee" -> "registration fee before"); as (start, end)."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    if end - start < 12:
        if start > 1 and text[start - 2] not in _PUNCTUATION:
            start = text.rfind(" ", 0, start - 1) + 1
        if end < len(text) and text[end - 1] not in _PUNCTUATION:
            found = text.find(" ", end + 1)
            end = len(text) if found == -1 else found
    while start < end and text[start] in _PUNCTUATION:
        start += 1
    while end > start and text[end - 1] in _PUNCTUATION:
        end -= 1
    return start, end


def _any(*patterns):
    """One pattern matching any of `patterns`, each written on its own line where the rules are."""
    return "|".join(f"(?:{pattern})" for pattern in patterns)


class _Near:
    """Two patterns at most `within` characters apart with none of `breaks` between: in either order, or with
    `ordered` the first before the second; not where `unless` is in or just before them, or `unless_after` in the
    rest of their clause ("Khmer ID card is enough, keep it with you")."""

    def __init__(self, first, second, within=40, unless=None, ordered=False, breaks=".", unless_after=None):
        self.first = re.compile(first)
        self.second = re.compile(second)
        self.within = within
        self.unless = re.compile(unless) if unless else None
        self.unless_after = re.compile(unless_after) if unless_after else None
        self.ordered = ordered
        self.breaks = re.compile(f"[{re.escape(breaks)}]")

    def sees(self, text):
        """Whether the two patterns are there together, before negations are read."""
        return self.search(text) is not None

    def search(self, text, negatable=False):
        for a in self.first.finditer(text):
            for b in self.second.finditer(text):
                if self.ordered and b.start() < a.end():
                    continue
                start, end = min(a.start(), b.start()), max(a.end(), b.end())
                if negatable and any(_negated(text, m.start()) and not _starts_negative(m.group(0)) for m in (a, b)):
                    continue
                gap = end - start - len(a.group(0)) - len(b.group(0))
                if gap > self.within or self.breaks.search(text, start + 1, end - 1):
                    continue
                if self.unless is not None and self.unless.search(text[max(0, start - 12):end]):
                    continue
                clause = _CLAUSE_END.search(text, end)
                rest = text[end:min(end + 40, clause.start() if clause else len(text))]
                if self.unless_after is None or not self.unless_after.search(rest):
                    return start, end
        return None


# -- the rules, one list of signals per reason ------------------------------------------------------------------------

# A clause that names the employer as the payer ("uniform fee paid by the company", "we cover the card fee",
# "kromhun chenh tlai uniform") charges the worker nothing, unless it takes the money back from the wage.
_EMPLOYER_PAYS = (
    r"\b(paid|covered|reimbursed|borne)\s+(for\s+)?(by|from)\s+(the\s+)?(company|employer|us|factory|boss|owner"
    r"|hotel|restaurant|farm)\b"
    r"|\b(company|employer|we|boss|owner|factory|hotel)\s+(will\s+)?(pays?|covers?|reimburses?|bears?|gives?)\b"
    r"|\bon\s+us\b|\breimbursed\b|\bfee[- ]free\b|\b(fees?|registration)\s+(is\s+)?free\b"
    r"|\b(workers?|you|staff)\s+pay\s+(zero|nothing|0)\b|\bdeduct\s+nothing\b"
    r"|\bshared\s+(with|among|between)\s+(the\s+)?(staff|workers|all)\b"
    r"|\b(krom\s?hun|company|thaokae|mechas|mchas|yerng|yeung)\s+(chenh|bong|oy|aoy)\b"
    r"|\bdeposits?\s+(handled|accepted|processed|counted)\b"
)
_EMPLOYER_PAYS_CLAUSE = (
    r"(?<![^.,;:!?])(?![^.,;:!?]*\b(deduct\w*|cut|repa\w*|pay\s+(\w+\s+)?back|from\s+(your\s+)?(salary|wages?|pay)|kat"
    r"|sang)\b)[^.,;:!?]*?(" + _EMPLOYER_PAYS + r")[^.,;:!?]*"
)
_HONEST_FEE = (
    r"\b(nothing|no money|none|not)\s+(is\s+)?(taken|deducted|cut)\s+(from|out of|off)\s+(\w+\s+){0,2}"
    r"(salary|wages?|pay)\b"
    r"|\b(no|zero|without|free of|not|never)\s+(recruitment\s+|agency\s+|registration\s+|hidden\s+|service\s+|any\s+)?"
    r"(fees?|charges?|deposits?|costs?|money)\b|\bfree of charge\b|\b(deposit|fee)s?\s+(is\s+)?not\s+(required|needed)"
    r"|ឥតគិតថ្លៃ|មិនគិតថ្លៃ|មិនយកថ្លៃ|មិនកក់|មិនបង់|គ្មានថ្លៃ|ថ្លៃឈ្នួល|ក្រុមហ៊ុនចេញថ្លៃ"
    # In Khmer the payer is named: the company pays ("ក្រុមហ៊ុនបង់ថ្លៃស្នាក់នៅ", "ថ្លៃឯកសណ្ឋាន ក្រុមហ៊ុនជាអ្នកចេញ"), or
    # the worker receives ("ទទួលបានថ្លៃធ្វើដំណើរ", "បូកថ្លៃម៉ោងបន្ថែម", "ប្រាក់កក់ជូនកម្មករថ្មី").
    r"|បង់តាម\s?(aba|wing|ធនាគារ)"
    r"|\S*(ក្រុមហ៊ុន|ថៅកែ|ម្ចាស់|និយោជក|យើង)(ជា)?(អ្នក)?(ជួយ)?(ចេញ|បង់|ទូទាត់|រ៉ាប់រង|ផ្តល់|កក់)\S*(\s?និង\s?ថ្លៃ\S*)*"
    # The company gives money to the new workers, for their fare ("ក្រុមហ៊ុនឱ្យប្រាក់កក់ ២០$ ដល់កម្មករថ្មី
    # សម្រាប់ថ្លៃធ្វើដំណើរ").
    r"|\S*(ក្រុមហ៊ុន|ថៅកែ|ម្ចាស់|និយោជក|យើង)(ឱ្យ|ឲ្យ|អោយ)(ប្រាក់|លុយ)\S*(\s?[\d$.,]+\s?\$?)?(\s?(ដល់|ជូន)\s?\S*)?"
    r"(\s?សម្រាប់\s?ថ្លៃ\S*)?"
    r"|ថ្លៃ\S*\s(ក្រុមហ៊ុន|ថៅកែ|ម្ចាស់|និយោជក)(ជា)?(អ្នក)?(ចេញ|បង់|ទូទាត់|រ៉ាប់រង)\S*"
    r"|\S*(ទទួលបាន|បូក|\+\s?)ថ្លៃ\S*|\S*ថ្លៃសេវា\S*ជូន\S*|\S*ប្រាក់កក់ជូន\S*"
    # A bank's counter and social security are not charges to the worker.
    r"|\bdeposit\s+box\w*|\bnothing to (re)?pay( back)?\b|\b(loans? and|savings?|bank|fixed) deposits?\b"
    r"|\b(handle|accept|take|count|process)\w*\s+(cash\s+)?deposits?\b"
    r"|\bdeposits?,?\s+(and\s+)?(loans?|withdrawals?|transfers?)\b"
    r"|\b(nothing|not)\s+(is\s+)?deduct\w*|\bno deductions?\b|\bdeposit and loan\b|\b(deposit|loan|savings) accounts?\b"
    r"|\b(we|the company|company|employer|boss)\s+(will\s+)?pays?\s+(for|all)\b(\s+(the\s+)?(fees?|costs?|charges?"
    r"|expenses))?|\bnssf registration\b"
    r"|(ម៉ោងបន្ថែម|ថែមម៉ោង)\S{0,12}\s?(មាន)?បង់(ថ្លៃ|លុយ|ប្រាក់)?|(\+|និង|បូក)\s?ថ្លៃសេវា"
    r"|(\b(company\s+)?deposits?\s*:?\s*)?\b(we|company|employer|boss)\s+(will\s+)?"
    r"(pay|give)s?\s+you\b[^.,]*|\bregistration\b[^.]{0,60}\bfree of charge\b|\bfree\s+registration\b"
    r"|\bregistration\s+(is\s+)?free\b|\bdeposits?\s+(to|for)\s+you\b"
    r"|\bk[ao]r?k\s+((prak|luy)\s+)?(ot|kmean|min)\s+(mean|trov|bong)\b"
    r"|\bbong\s+(prak|luy)\s+((khe|khae)\s+)?(reang|rieng|roal)\s+(khae|khe)\b"
    r"|\bbong\s+(prak|luy)\s+((khe|khae)\s+)?(chol|tam|tov)\s+(account|bank|aba|acleda|wing|kanhchi|kanchi)\b"
    r"|(បង់)?(ថ្លៃ|ប្រាក់)បន្ថែម(ម៉ោង|\s?[\d.]+\s?ដង)"
    r"|\bdeposits?\s+(\$?\s?\d+\s?\$?\s+)?(paid|given)\s+to\s+(the\s+|each\s+|new\s+)?(workers?|you|staff)\b"
    r"|\bregistration (for|with) nssf\b|\bpay\s+nothing\b|\b(nssf|tax|taxes|social security)\b[^.,]{0,25}\bdeduct\w*"
    r"|\bdeduct\w*\s+(only\s+)?(for\s+)?(the\s+)?(nssf|tax|taxes|social security)\b"
    r"|\bdeduct\w*\s+nothing\b|\bdeposits?\s*:?\s*(\$\s?0|0\s?\$|0|zero|none|nil)(?![\d,.])"
    r"|\b(sangkat|commune|khum|village|police)\s+registration\b|ថ្លៃ\S{0,20}?(ឥតគិតថ្លៃ|មិនគិតថ្លៃ)"
    r"|\b(ot|min|kmean|kom)\s+(kat|kath)\s+(pi\s+)?(prak|luy)\b"
    # Overtime paid at 1.5 times ("bong 1.5 dong"); Tram Kak, ice ("tuk kork"), dry land ("leu kok") and dried food
    # ("kdam kok") are no deposit; "ot bach dak luy kok" says none is needed; money the company gives into the
    # worker's account.
    r"|\bbong\s+[\d.]+\s?(dong|doung|dang)\b|\b(tram|tuk|touk)\s+k[ao]r?k\b|\b(leu|ler|lerng|leur)\s+k[ao]k\b"
    r"|\b(kdam|trey|bangkea|sach|chek)\s+k[ao]k\b|\b(ot|min|kmean)\s+(bach|trov|chhbach)\s+(\S+\s+){0,3}k[ao]r?k\b"
    r"|\bdeposits?\s+(in)?to\s+(your|their|the\s+workers?'?s?)\s+(own\s+)?(bank\s+)?account"
    r"|\b(we|company|employer|factory|boss)\s+(will\s+)?(give|pay)s?\s+(each\s+|every\s+|all\s+)?(new\s+)?"
    r"(workers?|staff|employees?)\s+(\$\s?\d+|\d+\s?(\$|usd|dollars?))[^.,]*|" + _EMPLOYER_PAYS_CLAUSE
)
_DOCUMENT = (
    r"passports?(?! (photo|size))|\bid\b(?! (card )?cop)|\bid cards?\b(?! cop)|\bnational id\b"
    r"|identity (card|document)s?|family book|birth certificate|\batt?[ae]s[ae]nh?[ae]?n?[ae]?ba(t|nn?)\b"
    r"|\batta\s?sanh\s?nhan\s?ban\b|\bid kad\b|\ba(t+|k+)[aeiou]{0,2}s[aeiou]{0,2}nh?[aeiou]*n\w*"
    r"|\b(ath?|oath)\s?sa?nh?\s?(nh)?anh?\b|\boath\s+(dem|deum|daem)\b|(?<=\bdak )oath\b"
    r"|\bs[aeiou]{1,2}v\s?[pb]h?[aeiou]{1,2}v\s+kr[aeiou]{1,3}s[ao]r?\b|កាតអត្តសញ្ញាណ"
    r"|\bs[ao]mb[ao]t\s+k[ao]m\s?n[aeiou]{1,3}r?t\b|\bs[ie][ae]?v\s?ph?[ou]v\s+kr[ou]{1,2}s[ao]r?\b"
    r"|likh[ei]t chl?ong den|\bs[ie]{1,2}v\s?ph?[ou]v\s+kr[ou]{1,2}s[ao]r\b"
    r"|អត្តសញ្ញាណប័ណ្ណ|លិខិតឆ្លងដែន|សៀវភៅគ្រួសារ|សំបុត្រកំណើត|ឯកសារ(ដើម|ផ្ទាល់ខ្លួន)|\boriginal\s+(documents?|papers)\b"
)
# Keeping a document is the warning sign wherever the words fall ("passport, manager keeps it"); giving, leaving or
# handing over only right before the document ("give ID card to company"), or after it in the passive ("passport
# must be handed to"), since "annual leave, bring ID" asks for nothing.
_KEEP = (
    r"\b(keep|keeps|kept|keeping|hold|holds|held|holding|collect(s|ed)?|tuk|touk|guarantee|collateral|safe ?keeping"
    r"|look(s|ed|ing)? after|(take|takes|taken|took) care of|in (our|the) safe)\b|ទុក|រក្សា|ធានា|បញ្ចាំ"
    r"|\btok\s+(nov|nv|rhout|rohout|tuk)\b|\b(yerng|yeung|yung|bong|thaokae|thao kae|me|company|krom\s?hun)\s+kann?\b"
    r"|កាន់(?!តែ)"
)
_HAND_OVER = (
    r"\b(leave|give|gives|hand|hands|submit|deposit|surrender|prokol|prakol|brokol|dak)\b|ប្រគល់|ដាក់(?!ពាក្យ)|ឲ្យ|អោយ"
)
_HANDED = r"\b(handed|given|left|submitted|deposited|surrendered)\b"
# "ID card leave at office", "passports stay with the company": the document stays, the worker goes.
_STAYS = r"\b(leave|left|stay|stays|remain\w*)\s+(at|with|in)\s+(?!you)"
_NOT = r"\b(not|never|don't|dont|no|nobody|ot|min|kom)\b|មិន"
# The worker keeps it, or the employer keeps only a copy.
_WORKER_KEEPS = (
    r"\b(maid|worker|staff|she|he|you|they|driver|guard)\s+(?!passport|id\b)(\w+\s+)?keeps?\b"
    r"(?!\s+(your|the|all|workers|staff))"
    r"|\bcop(y|ies)\s+of\b|\bcop(y|ies)\s+(are\s+|is\s+)?(kept|held)\b|\bkeep\s+(a\s+|the\s+)?cop(y|ies)\b"
    r"|^\s*(a\s+|the\s+|only\s+)?(photo)?cop(y|ies)\b|\boriginals?\s+(back|returned)\b|\bphotocop\w*"
    r"|\b(you|u|workers?|staff|they|employees?)\s+(keep|hold)s?\b"
    r"|\b(photo)?cop(y|ies)\s+(of\s+)?(your\s+|the\s+)?(id|passport|family book|oath|att?a\w*)\b|ថតចម្លង|ច្បាប់ចម្លង"
    r"|\b(keep|hold)s?\s+(your|their)\s+own\b|\b(keep\s+)?(it|them)\s+with\s+you\b"
    r"|\bwith\s+you\s+(at\s+all\s+times|always)\b|\bkhluon\s?(aeng|eng|ag)\b|ខ្លួនឯង"
)
_ABROAD_HOSTS = (
    r"thailand|malaysia|korea|japan|taiwan|singapore|dubai|saudi|qatar|macau|macao|china|vietnam|indonesia|brunei"
    r"|myawaddy|shwe kokko|bangkok|pattaya|chanthaburi|rayong|aranyaprathet|ho chi minh|kuala lumpur|sa kaeo|sa keo"
    r"|khlong luek|klong luek|rong kluea|trat|chonburi|phuket|seoul|busan|kore|malay|hong kong|kuwait|oman|uae"
    r"|emirates|abu dhabi|laos|lao|vientiane|golden triangle|philippines|manila|myanmar|burma|israel|cyprus|jordan"
    r"|lebanon|australia|poland|romania|croatia|russia|johor|penang|selangor|sabah|sarawak|tokyo|osaka|taipei|riyadh"
    r"|jeddah|doha"
)
# A foreign boat is abroad wherever it is moored.
_FOREIGN_BOATS = (
    r"\bother side of the border\b|\b(thai|malaysian|indonesian|taiwanese|korean|chinese|foreign"
    r"|vietnamese)\s+(waters|sea|boats?|vessels?|ships?"
    r"|fishing\s+boats?|trawlers?)\b"
)
# Work abroad through the state's own channel (Korea's EPS, run with the Ministry of Labour) is safe migration; "no
# need for the EPS test" is not that channel.
_LEGAL_CHANNEL = (
    r"(?<!need )(?<!need the )(?<!need for )(?<!need for the )(?<!without )(?<!without the )(?<!skip )(?<!skip the )"
    r"(?<!instead of )(?<!no )(?<!not )"
    r"\b(eps|employment permit system|ministry of labou?r|labou?r ministry|molvt)\b(?![?!.,\s]+(test\s+)?(not|no need))"
    r"|(?<!like )(?<!like the )(?<!than )(?<!than the )(?<!wait for )(?<!wait for the )"
    r"\bgovernment[- ](to[- ]government|program\w*|scheme)\b"
    r"|(?<!មិនឆ្លងកាត់)(?<!មិនតាម)(?<!ក្រៅ)ក្រសួងការងារ"
)
# In Khmer the restaurant or company comes first: "ភោជនីយដ្ឋានកូរ៉េ" is a Korean restaurant, wherever it is.
_KM_NOT_A_DESTINATION = r"(?<!ភោជនីយដ្ឋាន)(?<!ក្រុមហ៊ុន)(?<!ហាង)(?<!ម្ហូប)"
_NOT_A_DESTINATION = (
    r"(?!\s+(restaurant|food|bbq|goods|style|language|speak\w*|company|supermarket|shop|market|mart|border))"
)
# A boat back each evening, or work on shore, keeps the crew at home.
_DAY_BOAT = (
    r"\bday[- ]?(trips?|boats?|fishing|tours?|work|shift)\b|\b(back|home|return\w*)\s+(\w+\s+){0,3}(every|each|same"
    r"|daily|nightly|by|before)\b|\bsnorkel|\bdive\b|\btour\b|\bevening\b|\blng[ie]a?ch\b"
    r"|\btr[ao]l[ao][pb]\s+(mok\s+)?(vinh|pteah|phteah|lng|\d)"
    r"|ត្រឡប់|ត្រលប់|រាល់ថ្ងៃ|ល្ងាច|លើគោក|មិន(ចុះ|ចេញ)សមុទ្រ|\b(min|ot)\s+chenh\s+samot|\bon\s+(land|shore)\b"
    r"|\bno\s+(sea|boat)\b"
)
# On the Khmer side of a border market, not crossing: "tver nov khang Khmer tae, ot chlong".
_KHMER_SIDE = r"\bkhang\s+khmer\b[^.]{0,12}\bot\s+chlong\b|នៅខាងខ្មែរ\S{0,6}\s?មិនឆ្លង"
_SCAM_WORK = (
    r"\btyping\b|(?<!apply )(?<!register )\bonline\b|\bvay\s+keyboard\b|\b(merl|meul|mel)\s+computer\b"
    r"|\b(kar\s?ngea|kangea)\s+computer\b|customer (service|support)(?!\s+(at|in|for)\s+(a\s+|the\s+|our\s+)?(hotel"
    r"|restaurant|shop|store|mart|bank|guesthouse|resort|front desk|branch|supermarket))|\bdata entry\b|telemarketing"
    r"|\bcrypto\w*|\bchat\w*"
    r"|\bgame\s*(tester|agent)s?\b|\b(game|gaming|betting)\s+compan(y|ies)\b|\btele-?sales?\b|\bphone\s+sales\b"
    r"|\bsales?\s+by\s+phone\b|\bcall\w*\s+(foreigners?|customers?\s+from\s+(a\s+|the\s+)?list)\b|\btypists?\b"
    r"|\b(work|working)\s+(on|with|at)\s+(a\s+)?computers?\b|\bcomputer\s+(work|job)s?\b|ធ្វើការ\S{0,3}កុំព្យូទ័រ"
    r"|call cent(er|re)|\binvestment\b|translation|veay aks|វាយអក្សរ|អនឡាញ|អុនឡាញ|ឆាត"
    r"|\b(tver|thver|twer)\s+(ka\s+|kar\s+)?(nung|ning|neung|leu|ler|lerng)\s+(computer|kompyuter|kom-pyu-ter)\b"
    r"|\bv[ea]{1,2}y\s+aks|\bphone\s+jobs?\b|\brepl(y|ies|ying)\s+(to\s+)?(msg|messages?|chats?)\b"
    # Typing data, "playing" the computer, or computer work sold as easy ("vay data computer", "leng computer",
    # "use computer easy").
    r"|\bv[ea]{0,2}y\s+(data|computer)\b|\b(leng|lerng|leang)\s+(computer|kompyuter)\b"
    r"|\bcomputers?\s+(work\s+|job\s+)?(is\s+)?(very\s+)?easy\b"
)
_SCAM_PLACE = (
    r"casinos?|kasino|poi ?pet|bavet|sihanouk|kampong som|kompong som|o'? ?smach|cham yeam|koh kong|\bsez\b"
    r"|special economic zone|pailin|anlong veng|o neang|myawaddy|shwe kokko|\bborder\b|កាស៊ីណូ|ប៉ោយប៉ែត|បាវិត"
    r"|ព្រះសីហនុ|កំពង់សោម"
)
# Work that names no trade ("easy job") at pay well above the trade's is the compound's lure too.
_EASY_WORK = r"\b(easy|simple|light)\s+(job|work)\b|ការងារស្រួល|\bno\s+exp(erience)?\s+(ok|needed|need)\b"
# Typing for a customs broker or a shipping office at the border is the trade's own paperwork, not a scam compound.
_NAMED_TRADE = (
    r"\bcustoms\s+(broker|office|clearance|agent)s?\b|\b(freight|shipping|logistics)\s+(office|company|agent)\b"
)
# Pay, but not a bonus or commission on top of it ("bonus paid after 3 months" is fine).
_PAY = (
    r"(?<!bonus )(?<!commission )\b(salary|salaries|wages?|pay|paid|payments?|money|luy)\b"
    r"|ប្រាក់ខែ|បើកប្រាក់|បើកលុយ|លុយ"
)

# Paid at the end of each month, or a 13th-month salary at the year's end, is pay on time.
_PAY_ON_TIME = (
    r"\bpay\w*\s+(for\s+)?(your\s+|the\s+)?(transport|ticket|bus|travel|fare|trip)\b"
    r"|\b(13th|thirteenth)[- ]month\s+(salary|pay|bonus)[^.,]*|\b(at\s+)?(the\s+)?end\s+of\s+(each|every|the|your"
    r"|first|1st)\s+(month|week|day|shift|quarter)\b|\bmonth[- ]end\b|\bno\s+(salary|pay)\s+advances?\b"
    r"|\bno\s+(salary|pay|wages?)\s+(is\s+)?(held|kept|withheld|delay\w*|deduct\w*)(\s+back)?"
    # Paid every time the work is done or straight after it ("បើកលុយរាល់ពេលធ្វើរួច", "បើកលុយភ្លាមៗពេលចប់ការងារ").
    r"|(បើក|លុយ)\S{0,8}(រាល់ពេល|ភ្លាម)(?!\S*(កុងត្រា|កិច្ចសន្យា|រដូវ|ឆ្នាំ|គម្រោង))\S*"
)
# A day's wage paid when the work is done ("15$/tngai, beuk cash pel chob kar") is that day's pay.
_DAY_PAID_AT_DAY_END = (
    r"\d+\s?\$?\s?/\s?(t?h?ngai|day)\b,?\s+(beuk|berk|bek|ber)\s+(cash\s+|luy\s+)?pel\s+chob\s+(kar|ven|t?h?ngai)\b"
)

SIGNALS = {
    "fee": (
        _Regex(
            r"\bfees?\b|\bdeposits?\b(?! your)|\bdeduct\w*|\bregistration\b|\bservice charge\b(?=\s*(\d|\$|of\b|to\b"
            r"|for\b|fee))|\bcost \d"
            r"|\bcut (from|for)\b|\b(salary|wage)s?\b[^.,]{0,12}\bcut\b|\bpay (us|back|first|in advance|yourself)\b"
            r"|\b(worker|workers|you) pays?\b|\b(must|have to|need to) (pay|buy)\b|\bbuy (your )?(own )?uniform"
            r"|\bpay\b[^.,]{0,30}\bbefore\b|\bpay\b[^.,]{0,12}\bfor\b[^.,]{0,20}\b(uniform|card|training|course|medical"
            r"|health|check|helmet|boots|tools?|transport|agent|visa|passport)\b|\badvance\b[^.]{0,40}\b(repay|pay back"
            r"|from (your |first |1st )?(salary|wage))|\b\d+ ?% ?(of salary|for (the )?agent)"
            r"|កក់|បង់|ថ្លៃ|កាត់(ពី)?(ប្រាក់|លុយ)",
            honest=_HONEST_FEE,
        ),
        # The worker buys the work's own clothes or gear ("buy dress yourself 80$", "ទិញឯកសណ្ឋានខ្លួនឯង ៤៥$").
        _Regex(
            r"\bbuy\s+(your\s+)?(own\s+)?(uniforms?|dress\w*|clothes|outfits?|costumes?|shoes|boots|tools?|helmets?"
            r"|gear)\s+(yourself|by yourself|\$\s?\d|\d+\s?(\$|usd))"
            r"|ទិញ(ឯកសណ្ឋាន|សម្លៀកបំពាក់|សំលៀកបំពាក់|ឧបករណ៍|ស្បែកជើង|មួក|អាវ)\S{0,10}ខ្លួនឯង",
            honest=_HONEST_FEE,
        ),
        _Roman("kok", "bong luy", "bong prak", "bong tlai", "trov bong", "bong #", "tlai sevakam", "tlai uniform",
               "tlai ekasanthan", "tlai hvoek hat", "tlai rien", "kat prak khe", "kat luy", "kat pi prak khe",
               "luy sen", "dollar sen", honest=_HONEST_FEE),
        _Regex(_any(
            r"\b(give|gives|pay|pays|hand|hands|send|transfer|bring|brings)\s+(\w+\s+)?"
            r"(\$\s?\d+|\d+\s?(\$|usd|dollars?|riels?))"
            r"\s+(to|for)\s+(the\s+|your\s+)?(\w+\s+)?(leader|supervisor|agent|agency|broker|recruiter|boss|manager|hr"
            r"|office|company|chief|guard|middleman|place|job|position)\b",
            r"\b(salary|wages?|pay)\b[^.]{0,30}\b(goes|go|paid|given|sent)\s+to\s+(the\s+)?(agency|agent|broker"
            r"|recruiter|middleman)\b|\b(agency|agent|broker|recruiter)('s)?\s+(commission|cut|share|percentage)\b",
            r"\bpaid\s+by\s+(the\s+)?(workers?|you|staff|employees?|applicants?|candidates?)\b",
            r"\b(admin\w*|processing|handling|application|placement|recruitment|agency|broker|agent|medical|visa"
            r"|paperwork|training)\s+(charges?|costs?|fees?|money)\b|\bcharges?\s+(of\s+)?(\$\s?\d|\d+\s?(\$|usd"
            r"|dollars?))|\b\d+\s?(\$|usd|dollars?)\s+(charge|cost)\b",
            r"\b\d+\s?(\$|usd|dollars?)\s+(per|a|each)\s+(person|head|worker|applicant)\b"
            r"|\bfrom\s+(your\s+|the\s+)?(first|1st)\s+(pay|salary|wages?|month'?s?\s+(pay|salary))\b",
            r"\b(taken|deducted|cut|removed|kept)\s+(from|out of|off)\s+(your\s+|the\s+|their\s+)?(first\s+|1st\s+)?"
            r"(salary|wages?|pay|paycheck)\b",
            # Costs put on the worker's account: "travel + uniform + room become your debt".
            r"\b(become|becomes|added\s+to|adds?\s+to|goes?\s+on|put\s+on)\s+(your|the\s+workers?'?s?)\s+(debt|loan|tab"
            r"|bill)\b",
        ), honest=_HONEST_FEE),
        _Roman("trov chaoy luy", "trov oy luy", "chaoy luy # tov", "luy agent", "luy visa", "luy broker",
               "luy mekhyol", "tlai agent", "tlai broker", honest=_HONEST_FEE),
        _Regex(r"\b(bring|brings|pay|pays|give|gives)\s+(\$\s?\d+|\d+\s?(\$|usd|dollars?|riels?))\s+(for|to)\b",
               honest=_HONEST_FEE),
        _Regex(r"\bbong\s+(tae|te)\s+\$?\d", honest=_HONEST_FEE),
        _Roman("trov chenh luy", "tlai tver kat", "bong mun #", "# kat khe", "kat # khe", honest=_HONEST_FEE),
        # "# * pi prak khe" (so much from the wage) with "pi" as spelt: "ber prak khe" is paying the wage.
        _Regex(r"\d[\d,.]*\s?(\$|%|usd)?[,.]?(\s+\S+){0,3}?\s+pi\s+prak\s+(khe|khae)\b", honest=_HONEST_FEE),
        # A deposit to hold a place, a sum deducted for the broker, paying in advance before going abroad.
        _Regex(r"\b(ask|asks|charge|charges|take|takes)\s+(\$\s?\d+|\d+\s?(\$|usd|dollars?))\b|\breserve\s+(your\s+)?"
               r"(place|seat|slot|spot|position)\b|កាត់\s?\d+\s?\$|ជូនមេខ្យល់|ចំណាយមុន", honest=_HONEST_FEE),
        _Regex(r"\b(give|gives|pay|pays|send|sends)\s+(the\s+|your\s+)?(agent|broker|recruiter|middle ?man|boss|office"
               r"|leader)\s+(\$\s?\d+|\d+\s?(\$|usd|dollars?))", honest=_HONEST_FEE),
        _Regex(r"(កម្មករ|អ្នកធ្វើការ|បុគ្គលិក)\s?ចេញ(\s|$|ថ្លៃ|លុយ|ប្រាក់)|\b(need|must|have to)\s+pay\b"
               r"|(?<!we )(?<!company )(?<!employer )\bpay\s+(the\s+|your\s+)?(agent|broker"
               r"|middle ?man|recruiter|mekhyol)\b|\bcut\s+(\$\s?\d+|\d+\s?(\$|usd|dollars?))\s+for\b",
               honest=_HONEST_FEE),
        _Roman("kat pi khe", "tlai * #", honest=_HONEST_FEE),
        _Regex(r"\b(agent|agency|broker|middle ?man|recruiter)s?\s+(take|takes|keep|keeps|get|gets)\b[^.,]{0,25}"
               r"\b(salary|wages?|pay|\$|usd|dollars?)\b", honest=_HONEST_FEE),
        _Regex(r"\b(boss|we|company|employer)\s+paid\s+\S+\s+to\s+your\s+(agent|broker|recruiter)\b"),
        _Regex(r"\bregist\w*\s+(\$\s?\d+|\d+\s?(\$|usd|dollars?))", honest=_HONEST_FEE),
    ),
    "documents": (
        _Near(_DOCUMENT, _KEEP, within=40, unless=_WORKER_KEEPS, unless_after=_WORKER_KEEPS),
        _Near(_HAND_OVER, _DOCUMENT, within=15, unless=_NOT, ordered=True, breaks=".,;", unless_after=r"^\S{0,4}ទេ"),
        _Near(_DOCUMENT, _HANDED, within=20, unless=_NOT, ordered=True, breaks=".,;"),
        _Near(_DOCUMENT, _STAYS, within=12, unless=_NOT, ordered=True, breaks=".,;"),
        _Regex(r"\blos(e|es|ing)\s+(their|your|the)\s+(passports?|id cards?|documents?|papers)\b"),
        _Near(_HAND_OVER + r"|\bhand(s|ed)?\s+over\b", r"\b(their|your|his|her)\s+(papers|travel documents"
              r"|identity papers|seaman'?s? books?)\b", within=15, unless=_NOT, ordered=True, breaks=".,;"),
        _Near(_DOCUMENT, r"\b(dak|tuk)\s+(nov|nv|tuk|tok|oy|tanea|nung|ning|neung|jea|chea|ti)\b", within=25,
              unless=_NOT, ordered=True, breaks=".;"),
        _Near(_DOCUMENT, r"\bphnhae\s+(rong|company|krom|thao|me|office|hang)\w*|ប្រគល់|ដាក់(នៅ|នឹង|ជាមួយ|ទុក)",
              within=20, unless=_NOT, ordered=True, breaks=".;។", unless_after=r"^\S{0,8}វិញ|^\S{0,4}ទេ"),
        _Near(_DOCUMENT, r"\b(prakol|prokol|brokol|prakal)\s+(oy|aoy|tov)\b", within=30, unless=_NOT, ordered=True,
              breaks=".;"),
        _Near(_DOCUMENT, r"\b(goes|go|sent|given)\s+(to|with)\s+(the\s+)?(company|office|boss|agent|owner|employer"
              r"|manager|broker)\b", within=15, unless=_NOT, ordered=True, breaks=".,;"),
        _Near(_DOCUMENT, r"\b(goes|go|sent|given)\s+(to|with)\s+(the\s+)?(foreman|supervisor|captain|leader|guard"
              r"|hr|admin)\b|\b((dom|dorm|tuk|dak)\s+)?nov\s+(company|krom\s?hun|office|boss|thao\s?kae|me\s?kar"
              r"|chief|manager)\b", within=15,
              unless=_NOT, ordered=True, breaks=".,;"),
        _Regex(r"\b(leave|give|hand)\s+(\w+\s+){0,3}(\+\s+)?(id|id\s+cards?|passports?)\b[^.]{0,20}\bwith\s+(the\s+)?"
               r"(boss|owner|company|manager|captain)\b"),
        # The document is not given back ("ID min prol vinh"), or the agent who makes it keeps it
        # ("ភ្នាក់ងារធ្វើលិខិតឆ្លងដែនឲ្យ ហើយទុកខ្លួនឯង").
        _Near(_DOCUMENT, r"\b(min|ot|kom)\s+(\w+\s+)?(prol|prakol|prokol|brokol|oy|aoy|yok)\s+vinh\b|\bnot\s+(be\s+)?"
              r"(returned|given\s+back)\b|មិន(ប្រគល់|ឲ្យ|ឱ្យ|អោយ)\S{0,6}វិញ", within=20, ordered=True, breaks=".;"),
        _Regex(r"(ភ្នាក់ងារ|ថៅកែ|ក្រុមហ៊ុន|មេការ|ម្ចាស់)\S{0,10}(លិខិតឆ្លងដែន|អត្តសញ្ញាណប័ណ្ណ|សៀវភៅគ្រួសារ)\S{0,6}"
               r"\s?(ហើយ)?\s?(ទុក|រក្សា|កាន់)"),
    ),
    "abroad": (
        _Regex(
            rf"(?<!from )(?<!years in )\b({_ABROAD_HOSTS})\b{_NOT_A_DESTINATION}|\babroad\b|\boverseas\b"
            r"|\b(myawaddy|shwe kokko)\b"
            rf"|\bforeign country\b"
            rf"|\boutside cambodia\b|\b(cross\w*|across)\b[^.,]{{0,12}}"
            rf"\bborder\b|\bborder (gate|crossing)\b|\bcross\w*\s+(at\s+)?(bavet|poipet|o'?\s?smach|cham yeam)\b"
            rf"|\bthai side\b|\bvisa\b|\bwork permit\b|\bbaht\b|\bintern program"
            rf"|\b(srok|sruk|tov|tou|teuv|nov|nou|to|in|go|into|prates|pratesh|brates)\s+thai\b{_NOT_A_DESTINATION}"
            r"|\b(tov|tou|teuv|chlong)\s+(den|dol)\s+(srok\s+)?thai\b"
            r"|\bbor\s?tes\b|(?<!likhet )(?<!likhit )\bchl?ong\s?den\b|ប្រទេសថៃ|ស្រុកថៃ|នៅថៃ|ទៅថៃ|ម៉ាឡេស៊ី"
            rf"|{_FOREIGN_BOATS}|ឡាវ|ហុងកុង|ឥណ្ឌូ(ន|ណ)េស៊ី|ភីលីពីន|មីយ៉ាន់ម៉ា|ឌូបៃ|គុយវ៉ែត|អ៊ីស្រាអែល"
            rf"|{_KM_NOT_A_DESTINATION}(កូរ៉េ|ជប៉ុន)|តៃវ៉ាន់|សិង្ហបុរី|(?<!គ្រួសារ)(?<!ជន)(?<!ភ្ញៀវ)(?<!ម្ចាស់)បរទេស"
            rf"|ក្រៅប្រទេស|(?<!លិខិត)ឆ្លងដែន|បាត(?!់)",
            unless=_LEGAL_CHANNEL + "|" + _KHMER_SIDE,
            honest=r"\b(do not|don't|never|not|no)\s+(send\w*|recruit\w*|work\w*|go\w*|tak\w*|travel\w*|trips?)\s+"
            r"(\w+\s+)?(abroad"
            r"|overseas|outside cambodia)\b|មិនមែន\S{0,4}(ក្រៅប្រទេស|បរទេស)"
            # Tickets sold, rice exported or goods traded to a country send no worker there.
            rf"|\b(tickets?|flights?|tours?|export\w*|shipping|trade|trading|import\w*|goods)\s+(\w+\s+){{0,3}}(to|from"
            rf"|with|for)\s+({_ABROAD_HOSTS})(\s+and\s+({_ABROAD_HOSTS}))?\b"
            # A foreign owner or a foreign make of car is not a place to go; "not to Thailand" or "not across the
            # border", in Khmer or romanised ("ot chlong den"), says the work stays home.
            rf"|\b(owner|thao\s?kae|tauke|boss|lan|cars?|vehicles?)\s+({_ABROAD_HOSTS})((\s+(ning|and|&)\s+"
            rf"({_ABROAD_HOSTS})))?\b|\(?\b({_ABROAD_HOSTS})\s+(owner|owned|investor)\b"
            r"|(មិន|អត់|គ្មាន)(ទៅ|ឆ្លង)\S{0,8}(ថៃ|ដែន|ក្រៅប្រទេស|បរទេស)\S*"
            r"|\b(ot|min|kmean|kom)\s+(tov\s+|chh?l?ong\s+)(den|dain|thai|srok\s+thai|bor\s?tes)\b"
            # Having worked in Thailand and come home ("tver ka nov Thai eylov trolop mok", "if you worked in a
            # Thailand garage before") is a worker's past, not a destination.
            r"|\b(tver\s+)?(kar|ka)\s+nov\s+thai\b(?=[^.]{0,25}\btr[ao]l[ao][pb]\s+mok\b)"
            rf"|\b(worked|have worked|used to work)\s+(\w+\s+){{0,2}}in\s+({_ABROAD_HOSTS})\b"
            r"(?=[^.,]{0,25}\bbefore\b)",
        ),
        # Pay in baht however spelt ("300bat day"); crossing at a border town in Khmer ("ឆ្លងប៉ោយប៉ែត").
        _Regex(r"\b(srok|prates|pratesh|brates)\s+chit\s+khang\b|ប្រទេសជិតខាង|(?<!ម្ហូប)ខាងថៃ|ក្រុមហ៊ុនថៃ"
               r"|(នៅ|ទៅ)ចិន(?!្)|ធ្វើលិខិតឆ្លងដែន|\d\s?bat\b"
               r"|ឆ្លង(តាម|កាត់)?\s?(ព្រំដែន\s?)?(ប៉ោយប៉ែត|បាវិត|ចាំយាម|អូរស្មាច់)",
               unless=_LEGAL_CHANNEL + "|" + _KHMER_SIDE),
        # At sea for months: deep-sea or long-trip boats ("tuk nesat samot chhngay", "6 khe/trip", "ទូកសមុទ្រ",
        # "boat crew"), not a day boat that is back each evening or work on shore.
        _Regex(_any(
            r"\b(tuk|touk|tuuk)\s+(nesat\s+|trey\s+)?(chenh\s+)?(samot|samut|samutr)\b",
            r"\b(tuk|touk|tuuk)\s+(nesat\s+|trey\s+)?(samot\s+|samut\s+)?chh?ngay\b|\b(samot|samut)\s+chh?ngay\b",
            r"\b(chenh|lerng|leung|laeng)\s+(samot|samut|tuk|touk)\s+(\w+\s+){0,2}\d+\s*(-\s*\d+\s*)?(khe|khae|chnam"
            r"|months?)\b|\b\d+\s*(khe|khae|months?)\s*/\s*trip\b",
            r"\bboat\s+crew\b|\bdeep[- ]sea\b",
            r"ទូក(នេសាទ)?សមុទ្រ|ចេញ(ទៅ)?សមុទ្រ(?!\S{0,3}\s?[12]\s?ថ្ងៃ)|សមុទ្រឆ្ងាយ",
        ), unless=_LEGAL_CHANNEL + "|" + _DAY_BOAT),
        _Regex(r"\b(tuk|touk|tuuk)\s+(nesat\s+|neisat\s+)?thai\b", unless=_LEGAL_CHANNEL),
        _Regex(r"(?<!ម្ហូប)(?<!ភោជនីយដ្ឋាន)វៀតណាម|នាំឆ្លង|\btrainee\s+program\w*|\bbefore\s+(you\s+)?fly\b",
               unless=_LEGAL_CHANNEL),
    ),
    "pay_withheld": (
        _Regex(
            rf"({_PAY})[^.,]{{0,40}}\b(at|after|until|till|when|upon|end of)\s+(the\s+)?(end|finish\w*|complet\w*"
            rf"|harvest|season|contract|project|trip|boat|selling|khmer new year)\b"
            r"|\b(paid|pay|given|settle\w*)\s+(at\s+)?(the\s+)?(end|finish)\b"
            r"|\bat (the )?(contract|season|project|trip) end\b|\bwithh[eo]ld\w*|\bunpaid\b"
            r"|\bno (salary|pay|wage)\b|\b(first|1st)\s+\w+\s+(months?|year)\s+(no|without)\s+(salary|pay)\b"
            r"|\b(salary|wages?)\b[^.,]{0,12}\b(kept|keep|held|hold)\b(?!\s+(confidential|private|secret"
            r"|safe\s+in\s+(your|the)))"
            r"|(?<!you )(?<!workers )(?<!staff )(?<!they )\b(keeps?|kept|holds?|held)\s+(your\s+|the\s+)?(atm|bank"
            r"|payroll)\s+cards?\b"
            r"|\b(salary|salaries|wages?|pay)\b[^.,]{0,15}\b(sent|paid|given|goes)\s+to\s+(your\s+|the\s+)?(parents"
            r"|family|broker|agent|boss|mother|father|husband|wife)\b"
            r"|\b(atm|bank|payroll)\s+cards?\b[^.,]{0,12}\b(kept|held)\b"
            r"|\b(paid|pay|salary|wages?)\b[^.,]{0,30}\b(when|after|until|once)\s+(the\s+)?(building|house|job|work"
            r"|project|season|harvest|contract|road|site|crops?|rice|fish|catch|goods|produce|cashew|cassava|rubber"
            r"|beans|pepper|mangoes|fruit)\s+(is\s+|are\s+)?(done|over|finish\w*|complete\w*|built|sold)\b"
            r"(?!\s+(for\s+the\s+)?(each|every|the)\s+(day|evening|week|shift|night))"
            r"|\b(paid|pay|salary|wages?)\b[^.,]{0,30}\bwhen\s+(the\s+)?(owner|boss|company|we|employer)\s+(gets?"
            r"|receives?|is paid)|\b(salary|wages?|pay|paid)\b[^.,]{0,20}\b(once|one time)\s+(a|per|every)\s+(year"
            r"|season)\b|\bonly\s+(food|pocket)\s+money\b|\b(food|pocket)\s+money\s+only\b|\bpocket money\b"
            r"|\b(salary|salaries|wages?|pay)\b[^.,]{0,30}\blump sum\b"
            r"|(ប្រាក់ខែ|បើក|លុយ)[^ ]{0,12}(ពេលចប់|ចុងរដូវ|ចប់រដូវ|ចប់គម្រោង|ចប់កិច្ចសន្យា|ត្រឡប់|ក្រោយ\s?\d+\s?ខែ)"
            r"|(ប្រាក់ខែ|លុយ)\S*រក្សាទុក|បើក(នៅ)?ពេល(ឈប់|ត្រឡប់|ចប់)",
            honest=_PAY_ON_TIME,
        ),
        _Roman("berk * pel chob/chop", "luy berk pel chob", "berk * krouy # khae", "krouy # khae", "chob/chop rodov",
               "chong rodov", "ot prak khe", "ot luy", "# chnam mdong", "pel chob kechsanya", "pel chob kech sanya",
               "berk pel trolob", "thaokae tuk", "prak khe * chong chnam",
               "berk * chong chnam", "luy khe * chong chnam", honest=_DAY_PAID_AT_DAY_END),
        _Regex(_any(
            r"\b(hold|holds|keep|keeps|kept|held)\s+(\w+\s+){0,3}(salary|salaries|wages?|pay)\b",
            r"\b(salary|pay|wages?)\s+(comes?\s+|given\s+|paid\s+)?(later|yearly|annually|every year)\b",
            r"\b(paid|pay|salary|wages?)\b[^.,]{0,10}\bwhen\s+(they|you|we|the boat|the crew)\s+(come|comes|get|gets"
            r"|return|returns)\s+back\b",
            r"\b(paid|pay|salary|wages?)\b[^.,]{0,15}\b([2-9]|\d\d|two|three|four|six)\s+months?\s+(later|after)\b",
            r"(ប្រាក់ខែ|លុយ)\S*(ផ្ញើ|ឲ្យ|អោយ)\S*(ឪពុកម្តាយ|គ្រួសារ|មេខ្យល់)",
        ), honest=_PAY_ON_TIME),
        _Regex(_any(
            r"\b(salary|salaries|wages?|pay)\b[^.,]{0,35}\b(are|is)\s+(kept|held|saved|stored|banked)\b"
            r"(?!\s+(confidential|private|secret|safe\s+in\s+(your|the)))",
            # A sum of each wage kept "until you finish" the year or the contract (a deposit is a fee).
            r"(?<!deposit )(?<!deposits )(?<![\d$])(\$\s?\d+|\d+\s?(\$|usd)|\b(salary|wages?|pay)\b)[^.,]{0,30}"
            r"\b(keep|kept|held|hold|saved?)\b[^.,]{0,30}\buntil\s+(you\s+)?(finish|complete|end|leave|quit)\w*",
            r"\b(paid|given|pay|handed)\s+(to\s+you\s+)?(all\s+)?(together\s+|at once\s+"
            r"|in one go\s+)?(only\s+)?when\s+(you\s+)?"
            r"(finish|complete|leave|end|go\s+home|go\s+back"
            r"|return|come\s+back)\b(?![^.,]{0,20}\b(each|every|the)\s+(day|shift|week|evening))",
            r"\b(salary|salaries|wages?|pay)\b[^.,]{0,20}\b(saved|kept|held)\s+(for\s+you|by\s+(the\s+)?(boss|owner"
            r"|company|agent|captain|employer))\b",
            r"\b(salary|salaries|wages?|pay)\b[^.,]{0,15}\b(sent|paid|given|goes)\s+to\s+(her|his|their)\s+(parents"
            r"|family|husband|father|mother)\b",
            r"\b(salary|salaries|wages?|pay|paid)\b[^.,]{0,30}\b(twice|two times|2 times|three times|3 times|once)\s+"
            r"(a|per|each)\s+year\b",
            r"(ប្រាក់ខែ|បើក|លុយ)\S{0,15}ពេល\S{0,20}(រួច|ចប់)",
        ), honest=_PAY_ON_TIME),
        _Regex(_any(
            r"\b(whole|entire|full)\s+(season|year|contract)\b[^.]{0,20}\b(one|single)\s+payment\b",
            r"\bafter\s+the\s+(factory|company|buyer|owner|client|mill)\s+pays\s+(us|the\s+\w+)\b",
        )),
        # The first months' pay kept back ("as a deposit", "so you do not run").
        _Near(r"\b(first|1st)\s+(\d+\s+|one\s+|two\s+|three\s+|few\s+)?(months?|weeks?|days?)('?s?\s+of)?\s+(salary"
              r"|pay|wages?)\b", r"\b(no|not|keep|kept|held|hold|deposit|guarantee)\b", within=30, breaks=".,"),
        _Near(r"\b(first|1st)\s+(\d+\s+|one\s+|two\s+|three\s+|few\s+)?(months?|weeks?|days?)\b",
              r"\b(do not|don't|not|no)\s+(pay|give)\b", within=30, ordered=True, breaks=".,"),
        _Regex(r"(?<!advance on )(?<!advances )(?<!advance )\b(salary|pay|wages?)\s+(no|not)\s+(give|given|pay|paid)\b"
               r"|\b(salary|wage)s?\b[^.,]{0,20}\b(kept|keep|held|hold)\b(?!\s+(confidential|private|secret"
               r"|safe\s+in\s+(your|the)))"
               r"|ខែដំបូង\S{0,4}\s?(មិន(ទាន់)?បើក|ទុក)|ទុកធានា|(ប្រាក់ខែ|លុយ)[^។]{0,25}(រក្សាទុក|ទុកនៅ(ថៅកែ|មេ"
               r"|ក្រុមហ៊ុន))"
               r"|(ប្រាក់ខែ|បើក|លុយ)[^។]{0,12}ចុងឆ្នាំ", honest=_PAY_ON_TIME),
        _Roman("khe dombong ot berk", "khe dombong * tuk", "khe dombong * min berk", "tuk chea thana", "prak khe tuk"),
        _Regex(r"\b(half|part|\d+\s?%)\s+(of\s+(the\s+|your\s+)?(salary|pay|wages?)\s+)?(is\s+)?(kept|held|saved"
               r"|withheld)\b|\b(keeps?|holds?|withholds?)\s+(half|part|\d+\s?%)\s+of\s+(the\s+|your\s+|each\s+)?"
               r"(salary|pay|wages?)\b"),
        _Roman("prak khe * tuk nov", "tuk nov thaokae", "berk * chong kong tra", "berk * chob kong tra",
               "prak khe rokhsa tuk", "luy rokhsa tuk", "berk mdong nov chong"),
        _Regex(r"ខែទី\S*\s?(និង\s?ទី\S*\s?)?មិន(ទាន់)?បើក"),
        # Pay at the end of a long period ("OT money paid at year end", "money given ... end of year"), or only once
        # someone else has paid the boss (the contractor, the client, the rice field's owner); pay kept and given
        # (back) when the worker quits ("ឲ្យ វិញ ពេល ឈប់", Khmer words spaced or not).
        _Regex(_any(
            rf"(?:{_PAY}|\bcash\b)(?:(?!bonus|13th|commission|increase|raise|review)[^.,]){{0,40}}\b(at|by|in|until"
            r"|till)\s+(the\s+)?(year|season|contract|project|harvest)[- ]end\b",
            rf"(?:{_PAY}|\bcash\b)(?:(?!bonus|13th|commission|increase|raise|review)[^.,]){{0,40}}\bend\s+of\s+(the"
            r"\s+)?(year|season|harvest|project|contract)\b",
            r"\b(paid|pay|salary|wages?|cash|money)\b[^.,]{0,30}\bwhen\s+(the\s+)?(main\s+)?(contractor|client"
            r"|customer|buyer|factory|project owner|owner|boss|company)\s+(gets?|receives?|is)\s+(paid|the money"
            r"|money)\b",
            r"(បើក|ប្រាក់ខែ)\S{0,6}(បន្ទាប់ពី|ពេល|លុះត្រា)\S{0,20}(សង|បង់|ឲ្យ|អោយ|បើក)លុយ(ឲ្យ|អោយ)?(ថៅកែ|មេ)",
            r"(ប្រាក់ខែ|បើក)\S{0,6}ជាដុំ",
            r"ពាក់កណ្[តដ]ាល\S{0,6}ទុក|ទុក(នៅ)?(ថៅកែ|មេ)\S{0,8}\s?(រហូត)?ដល់\S{0,10}ឈប់"
            r"|(ឲ្យ|អោយ|ឱ្យ)\s?(វិញ\s?)?ពេល\s?ឈប់(?!\s?សម្រាក)",
        ), honest=_PAY_ON_TIME),
        # Paid, or given back, at Khmer New Year or Pchum Ben: once or twice a year (not a bonus or leave then).
        _Near(r"\b(bek|berk|baek|beuk|buek|yok\s+ban|chenh\s+vinh|give\s+back|gives?\s+\w+\s+back|given|paid|pay"
              r"|salary|wages?|luy)\b|បើក|ប្រាក់ខែ|(ឲ្យ|អោយ)វិញ",
              r"khmer new year|\bchh?[ao]u?l\s+chh?nam\b|\bp?chh?um\s?ben\b|ចូលឆ្នាំ|ភ្ជុំ", within=30, ordered=True,
              unless=r"bonus|leave|holiday|\boff\b|chh?o[pb]|s[ao]m?rak|ឈប់|សម្រាក|ប្រាក់រង្វាន់|\bluy\s+mun\b|advance"
                     r"|ខ្ចី|បុរេប្រទាន"),
        # Paid only when the season's produce is sold or the project, season or contract ("kong trak") ends; the
        # first months' pay kept or unpaid; a sum kept until the year is out.
        _Roman("bek * dol chob", "bek * tam ra dov", "bek * tam rodov", "bek * pel lok * rouch", "bek * pel lok * ahs",
               "tuk * khe dambong", "sansom * khe dambong", "khe dambong ot * luy", "bek khe ti #",
               "dak knong bank tauke", "chenh vinh pel chob", "pel chob/chop kong tra/trak",
               "# tuk * chob/chop/chong chnam"),
        # Paid when the season or the project is over ("bauk luy ralaek chop season"), not paid each month until then.
        _Regex(r"\b(berk|bek|beuk|baek|bauk|buek|ber)\s+(luy\s+|prak\s+khe\s+)?((?!rol|real|reang|mouy|muoy|every|each)"
               r"\w+\s+){0,2}(pel\s+)?(chob|chop|chong)\s+(season|project|rodov)\b"),
        # Paid when the boat is back in port, when the crop is sold, at the contract's end, once the site is done or
        # a year complete; pay "saved for you" and given all at once when you quit; the wage kept ("tuk prak khe").
        _Roman("berk * chol kompong", "luy * chol kompong", "prak khe * chol kompong", "bek/luy * pel lok srov",
               "bek/luy * pel lok damlong", "bek/luy * pel lok kaosu", "bek * pel lok * ban", "berk * chong kechsanya",
               "berk * chong kech sanya", "berk mdong pel * chob", "ber * pel chob", "prak khe * sansom oy",
               "berk * pel chob/chop rodov", "prak * chol kompong", "tuk prak khe", "prak khe del * tuk",
               "krob # chnam ber/berk/bek", "krob # khae ber/berk/bek",
               honest=_DAY_PAID_AT_DAY_END),
        _Regex(_any(
            r"\b(paid|pay|salary|wages?|money)\b[^.,]{0,30}\b(when|after|until|once)\s+(\w+\s+){0,3}(sell|sells|sold"
            r"|selling)\s+(the\s+|our\s+|all\s+)?(crops?|rice|paddy|cassava|harvest|produce|fish|catch|rubber|pepper"
            r"|cashew\w*|mangoes|fruit|beans|corn|sugar\s?cane|bananas?)\b",
            r"(ប្រាក់ខែ|បើក|លុយ)\S{0,12}\s?(ពេល|ក្រោយ(ពី)?|បន្ទាប់ពី|លុះត្រា)\s?លក់",
            # Money reckoned only once the crop is sold or the work is over ("លក់អំពៅ ហើយ ទើប គិត លុយ").
            r"(លក់|ចប់)\S{0,15}\s?(រួច\s?|ហើយ\s?)?ទើប\s?(គិត|បើក|ឲ្យ|អោយ|ចេញ)?\s?(លុយ|ប្រាក់)",
            r"(ប្រាក់ខែ|បើក|លុយ)\S{0,15}\s?(ពេល|ក្រោយ(ពី)?|បន្ទាប់ពី)\S{0,4}(ចូល|ត្រឡប់(មក)?)(កំពង់|ច្រាំង|គោក)",
            r"(រក្សាទុក|កាត់ទុក|ឃាត់ទុក)ប្រាក់ខែ|(ប្រាក់ខែ|លុយ)[^។]{0,20}ជា(ប្រាក់)?ធានា",
            r"(ប្រាក់ខែ|បើក|លុយ)\S{0,12}(ចុង|ចប់)(កុងត្រា|កិច្ចសន្យា)",
        ), honest=_PAY_ON_TIME),
    ),
    "vague": (
        _Regex(
            r"\bnegotia\w*|\b(high|good|attractive|big|best)\s+(salary|pay|money|wage|income)\b"
            r"|(?<!advance )\b(salary|wage|pay|money)s?\b\s+(is\s+)?(good|high|ok|attractive|discuss\w*|depends?"
            r"|will know|according|later"
            r"|talk|up to)\b|\bname\b[^.,]{0,12}\b(later|secret|tell|hidden)\b|\bno name\b|\bsecret\b|\bconfidential\b"
            r"|\bon behalf of\b|\b(call|contact|through|via)\s+(an?\s+|the\s+)?(broker|agent)\b"
            r"|(?<!customs )(?<!insurance )\bbroker\b"
            r"|\bagent (bring|take|will)\b|\bsomewhere\b|\bmany places\b|\bup to you\b|\btell when\b|\bask on phone\b"
            r"|\bby phone only\b|\bcall for everything\b|\bcompany (private|not say)\b|\bdetails?\b[^.,]{0,10}\bphone\b"
            r"|\bme\s?kh?[jy]?[ou]l\b|\bchor\s?cha\b|ចរចា|ប្រាក់ខែខ្ពស់|ប្រាក់ខែល្អ|មេខ្យល់"
            r"|ភ្នាក់ងារ(?!ឥណទាន|ធានារ៉ាប់រង|យាម|សន្តិសុខ)|តាមការព្រមព្រៀង"
            r"|ក្រុមហ៊ុនធំ|ថៅកែធំ",
            honest=r"\b(kom|kum|don'?t|do not|never|ot|min)\s+(chai|chay|oy|aoy|give|pay)\s+(luy|money|prak\s+)?\s*"
                   r"(oy|aoy|to)\s+(the\s+|any\s+)?(broker|agent|mekhyol)s?\b",
        ),
        _Roman("prak khe khpous", "prak khe laor", "prak khe lor", "kromhun thom", "tam chet",
               "luy chraen"),
        _Regex(r"\bmin\s+b[ao]n?g\s?h[ea]+nh\b"),
        # A middleman who takes no fee and names the employer hides nothing: "Middleman note: ... No fee to me".
        _Regex(r"\bname\b[^.,]{0,20}\b(after|later|given after|not say)\b|\bdetails?\s+(later|after)\b"
               r"|\bmiddle\s?m[ae]n\b",
               honest=r"\bmiddle\s?m[ae]n\b(?=.*\bno\s+(fee|charge|money)\s+(to|for)\s+me\b)"),
        _Roman("chmuos/chmoh * min prab", "chmuos/chmoh * ot prab", "ot prab chmuos/chmoh", "min prab chmuos/chmoh",
               "prab kroy", "prab tam kroy", "kanleng min prab", "luy lmom", "prak khe lmom", "prak khe lmm", "luy lmm",
               "chmuos * min ach prab"),
        _Regex(r"\bname\s+not\s+(share|shared|given|said|public)\b|\bmiddle\s+person\b|\bmaybe\s+more\b"
               r"|ប្រាក់ខែនិយាយគ្នា"),
        _Roman("luy ach chraen", "luy tam samtapheap"),
        # Where, which employer or what work is told only on arrival, on the way or later ("yerng prap pel mok dol",
        # "we decide after you arrive", "មកដល់ទើបប្រាប់ការងារ", "កន្លែងពិតប្រាប់តាមផ្លូវ").
        _Regex(_any(
            r"\b(prap|prab|brab|brap|pranhab)\s+(pel|pyl)\s+(mok\s+)?(dol|kroy|krao|tel|chenh)\b",
            r"\bpel\s+(mok\s+)?dol\b[^.,]{0,15}\b(prap|prab|brab|brap|dung|deng|dg)\b",
            r"\b(ot|min)\s+(prap|prab|brab|brap)\s+(khet|kanleng|nov\s+ti|chmuos|chmous)\b",
            r"\b(tell|told|say|decide|give|given|inform)\w*\s+(you\s+)?(only\s+)?(later|(after|when|once)\s+(you|u)\s+"
            r"(arrive|pay|paid|come|confirm|reach))\b",
            r"\b(when|after|once)\s+(you|u)\s+(arrive|come|get there)\b[^.]{0,10}\b(we|i|boss|company)\s+(will\s+)?"
            r"(tell|say|decide)\b",
            r"(មកដល់|ដល់ហើយ)\S{0,3}ទើប\S{0,3}(ប្រាប់|ដឹង)|ប្រាប់(តាមផ្លូវ|ពេលក្រោយ|នៅពេល(មក)?ដល់|ពេល(មក)?ដល់)",
            r"ឈ្មោះ\S{0,12}(ប្រាប់មិនបាន|មិន(អាច)?ប្រាប់|សម្ងាត់)",
        )),
        # The wage or the details only in talk, inbox or a group ("prak khe niyeay knea", "lomnet tam phone",
        # "លម្អិតតាម inbox"), "don't ask many questions", a paid list of jobs, pay "according to" ability; pay
        # "according to" the bank it goes into says nothing vague.
        _Regex(_any(
            r"\b(prak\s+khe|luy(\s+khe)?)\s+(\w+,?\s+){0,2}niyeay\b|\b(luy|tip|prak|prak\s+khe)\s+l'?a?or\b",
            r"\b(pranhab|prab|prap|brab)\s+lom\s?n?[ei]t\b|\blom\s?n?[ei]t\b[^.]{0,20}\b(phone|inbox|tel|telegram"
            r"|group|kroy|krao|krouy)\b",
            r"\bkom\s+s[uo]{1,2}r\s+chr?[ae]{1,2}u?n\b|\blist\s+(kar\s+tver|ka\s?ngea|jobs?)\b",
            r"លម្អិត\S{0,4}\s?(តាម|ក្នុង|នៅ)?\s?(inbox|ឆាត|តេ|ទូរស័ព្ទ)|\bdetails?\s+(in|by|via|on|through)\s+(inbox"
            r"|chat|pm|dm|message|telegram)\b",
            r"\b(prak\s+khe|luy\s+khe|luy)\s+tam\s+(samat\w*|sam[a-z]*ph[a-z]*|bank|aba|acleda|wing|kanchi|kanhchi"
            r"|kar|ka\s?ngea|kar\s?ngar|mekh?ar|thao\s?kae|tauke)\b"
            r"|\bban\s+chroen\s+ban\s+chroen\b",
        ), honest=r"\b(prak\s+khe|luy\s+khe|luy)\s+tam\s+(bank|aba|acleda|wing|kanchi|kanhchi)\b"),
        # The place or the employer's name told only by phone, at the meeting, on the way or later ("kanleng prab tam
        # phone", "ឈ្មោះហាងប្រាប់ពេលណាត់ជួប", "ទីកន្លែងធ្វើការ និងម្ចាស់ ប្រាប់ពេលធ្វើដំណើរ"); a wage promised only if a
        # target is met.
        _Regex(_any(
            r"\b(kanleng|kanlaeng|konleng|titang|ti\s+tang)\s+(\w+\s+)?(prab|prap|brab)\s+(tam\s+)?(phone|tel"
            r"|toursab|inbox|kroy)\b",
            r"((?<!ចុះ)ឈ្មោះ|ទីតាំង|កន្លែង|ម្ចាស់)[^។]{0,25}ប្រាប់\s?(តែ\s?)?(តាម\s?)?(ពេលណាត់|ពេលជួប|ក្រោយ|ទូរស័ព្ទ"
            r"|telegram|inbox|ពេលធ្វើដំណើរ|ពេល\s?(មក\s?|ទៅ\s?)?ដល់)",
            r"\b(prak\s+khe|luy\s+khe|salary)\b[^.,]{0,15}\b(ber|bor|if)\b[^.,]{0,20}\btargets?\b",
            r"\b(prak|luy)\s+lo\b",
        )),
        # The wage "by the work" or "by discussion" ("ប្រាក់ខែតាមការងារ", "តម្លៃ តាម ពិភាក្សា") or told when the worker
        # comes ("ប្រាក់ខែ ប្រាប់ ពេល មក"); the employer's name or place not told ("មិនប្រាប់ឈ្មោះក្រុមហ៊ុន");
        # "i am agent, boss private".
        _Regex(_any(
            r"ប្រាក់ខែ\s?តាម\s?(ការងារ|សមត្ថភាព)|តាម\s?(ការ\s?)?ពិភាក្សា",
            r"(ប្រាក់ខែ|ប្រាក់ឈ្នួល|តម្លៃ)\s?(នឹង\s?)?(ប្រាប់|និយាយ)\s?(នៅ\s?)?ពេល\s?(មក|ទៅ|ជួប|ណាត់)",
            r"មិន(អាច)?ប្រាប់\s?(ឈ្មោះ|ទីតាំង|ទីកន្លែង)",
            r"\bi\s*(am|'m)\s+(an?\s+|the\s+)?agent\b|\b(boss|employer|owner)\s+(is\s+)?private\b(?!\s+[a-z])",
        )),
    ),
}

_PHONE = r"\b(phones?|mobiles?|toursap|tursap|turasap|tourosap|teurasap|tuorsap)\b|ទូរស័ព្ទ|ទូរសព្ទ"
_TAKEN = (
    r"\b(give|gives|hand|handed|kept|keep|keeps|collect\w*|taken|take|takes|surrender\w*|confiscat\w*|tuk|locked"
    r"|given back|returned)\b|ប្រគល់|ដកយក|ទុក"
)
# Phones for sale, for repair, paid for, or off on the line or at the wheel are not a worker cut off from family.
_NOT_ISOLATION = (
    r"own|allowance|allowed|number|shop|sales|repair|while|during|on the line|break|locker|lunch|\bby (phone|mobile)"
    r"|bookings?|orders?|customers?|clients?"
    r"|\b(crew|workers?|staff|you|they|maids?|employees)\s+(can\s+|may\s+)?(keep|have|use)\b"
)
# "phones kept in lockers during the shift, free use at breaks": put away for work, given back after it.
_PHONE_AWAY_AT_WORK = (
    r"lockers?|\b(during|in)\s+(the\s+|your\s+)?(shift|work|working hours|line)\b|\bbreaks?\b|\blunch\b"
    r"|\bafter\s+(work|the shift|your shift)\b"
)
_LEAVE = r"(go|goes|going|leave|leaves|leaving|get|getting|come|coming|step|run)"
_WORKPLACE = (
    r"(compound|site|factory|camp|house|dorm|dormitory|building|boat|premises|zone|plantation|farm|island|ship|vessel"
    r"|home)"
)
# Shelters that are no home, and places to sleep that are no bedroom.
_SHELTER = (
    r"(tin sheds?|sheds?|tents?|tarpaulins?|plastic sheets?|cardboard|containers?|storage rooms?|store ?rooms?"
    r"|hammocks?|the open|open air)"
)
_NO_BED = (
    r"(site|floor|ground|warehouse|factory|garage|kitchen|deck|field|stairs|storeroom|store room|workshop|machines?"
    r"|street|tin sheds?|sheds?|tents?|tarpaulins?|plastic sheets?|cardboard|containers?|storage rooms?|hammocks?"
    r"|open air|the open|packing hall)"
)
_VENUE = (
    r"\b(ktv|karaoke|hostess\w*|massage|masa|massa|beer\s+(girls?|promot\w*|garden)|promotion\s+girls?|bar|club"
    r"|night\s?club|vip\s+(room|lounge)|lounge|entertainment|casino|luk\s+bia|bia|spa|live\s?stream\w*|(online|live"
    r"|webcam) models?)\b"
    r"|ខារ៉ាអូខេ|ម៉ាស្សា|ស្រាបៀរ|ក្លឹប|បារ|ភេសជ្ជៈ"
)
# What a venue's call for staff is framed by: looks, youth ("young", "ក្មេងស្រី", "ក្មេងៗ"), photos, tips.
_LOOKS = (
    r"\b(pretty|beautiful|sexy|good[- ]looking|cute|slim|tall|fair skin|white skin|young|short (dress|skirt)"
    r"|tight (dress|skirt)|attractive|figure|(good|nice|sexy|hot|slim) body|body (shape|photo|pic|picture)s?"
    r"|photos?|pic|pics|pictures?|selfies?|girls?|ladies|srey\s+saat|saat|(sit|drink|drinking)\s+with|accompany"
    r"|single|under 25)\b"
    r"|\b(big|high|good|lots of|many)\s+tips?\b|\btips?\s+(high|big|\d|chraen)|\b1\s?m\s?[5-7]\d\b|\b1[5-7]\d\s?cm\b"
    r"|(?<!ទឹក)ស្អាត|ស្បែកស|រូបថត|ទឹកតែច្រើន|ក្មេង|រូបរាង|រាងស្អាត"
)
# Who is hit: a violence word with a person to fall on; bare, unless what follows is food, a tool or a target.
_NOT_HURT = (
    r"(?!\s+\d)(?!\s+(and\s+\w+\s+)?(down|in|out|off|and|up)\b)"
    r"(?!\s+(and\s+\w+\s+)?(the\s+|a\s+|your\s+|our\s+|last\s+year's\s+)?"
    r"(\w+\s+)?(\d|targets?|attendance|monthly|morning|rush|heat|piles?|records?|boxing|eggs?|cream|butter|sugar|batter"
    r"|dough|mixture|meat|nails?|tiles?|walls?|sales|drums?|card|clock|time|machines?|press|holes?|pads?|bags?|shields?"
    r"|rugs?|carpets?|mats?|mattress\w*|pillows?|dust|laundry|clothes|beton|concrete"
    r"|ball|whisk|hammers?|mallets?|desserts?|cakes?|bread|for (the\s+)?(desserts?|cakes?|bread))\b)"
)
_HURT = r"(hit|hits|hitting|beat|beats|beating|beaten|slap\w*|kick\w*|punch(es|ed|ing)?|whip\w*|cane[sd]?|hurt)"
_PERSON = (
    r"(you|them|him|her|workers?|staff|crew|maids?|girls?|boys?|employees?|kids?|children|helpers?|people|lazy\s+\w+"
    r"|slow\s+\w+|anyone|those)"
)
# "we never hit": a boss who denies it.
_NO_DENIAL = r"(?!(never|not|don't|do not|does not|doesn't|won't|will not|ot|min)\b)"
_BOSS = r"(boss|owner|manager|madam|captain|foreman|supervisor|line leader|team leader|guard|guards|mekar|thaokae|we)"
# Bank, microfinance and pawn work names loans and repayments as the job, not as the worker's debt.
_BANK_WORK = (
    r"\bloans?\s+(repayments?|officers?|tickets?|products?|department|applications?|and\s+(savings|deposits))\b"
    r"|\b(collect\w*|handle\w*|process\w*|record\w*|check\w*|apply\s+for|write|approve\w*|explain\w*|sell\w*"
    r"|offer\w*|manag\w*)\s+(\w+\s+){0,2}"
    r"(loans?|repayments?|debts?|credit)\b|\bcustomer\s+credit\b|\bfinancial literacy\b"
    # Not needing to borrow, or a small advance squared at the next payday, is no debt to work off.
    r"|\b(do|does|will|we)\s+(not|never)\s+(deduct|cut|take)\w*|(មិន(បាច់|ត្រូវ|ឲ្យ|អោយ)?|គ្មាន|កុំ|អត់)ខ្ចី"
    r"|\b(repaid|paid back|deducted|returned)\s+(on\s+|from\s+|at\s+|with\s+)?"
    r"(the\s+)?next\s+(payday|pay day|salary|pay|month)\b"
    # An advance "not cut from salary", "ប្រាក់ខ្ចីមុន ... ឥតកាត់ប្រាក់ខែ", is a gift or a loan the wage never pays.
    r"|\b(not|never)\s+(cut|deducted|taken)\s+(from|out of)\s+(your\s+|the\s+)?(salary|wages?|pay)\b"
    r"|ខ្ចី[^។]{0,40}(ឥត|មិន|អត់)កាត់(ពី)?(ប្រាក់ខែ|លុយខែ)"
    # Romanised, money lent or given ahead that is neither cut nor taken back: "oy luy mun 50$ pel chol, ot yok vinh".
    r"|\b(k'?h?ch(ei|ey|ay|ai)|luy\s+mun|prak\s+mun)\b[^.]{0,40}\b(ot|min|kmean|kom)\s+(kat|yok\s+vinh|sang\s+vinh)\b"
)

# The indicators of issue 24, one entry each, as above.
SIGNALS.update({
    "vulnerability": (
        _Regex(
            r"\b(no|without|don't need|do not need|no need|not need)\s+(any\s+)?(id|id cards?|papers?|documents?"
            r"|passports?|identity cards?|family books?|atesanbat)\b[^.]{0,30}?\b(ok|okay|no problem|fine|accept\w*"
            r"|welcome|can|also|needed)\b|\bundocumented\b|\billegal\s+(also|ok|can|migrants?|immigrants?|workers?"
            r"|aliens?)\b"
            r"|\b(in|with|have|has|got)\s+(bank\s+|mfi\s+|microfinance\s+)?(debts?|loans?)\b"
            r"|\bno (police|background|criminal) (check|record)s?\b|\bno questions asked\b|\bdeport\w*"
            r"|\bex-?(prisoners?|convicts?)\b|\b(just\s+)?(out|released)\s+(of|from)\s+(prison|jail)\b|\bdrug users?\b"
            r"|\b(ran|run|running) away from home\b|\brunaways?\b|\b(has|have|with) no family\b|\bdesperate\b"
            r"|\b(no|without)\s+(parents|family|relatives|guardian|home)\b(?!\s+(visits?|needed|books?))"
            r"|\bnowhere to (go|live|stay|sleep)\b|\b(who\s+)?(have|has)\s+nothing\b|\bleft home\b"
            r"|\b(kids|children|mouths)\s+to\s+feed"
            r"|\b(lost|losing)\s+(their|your)\s+(land|house|home|farm)\b|\burgent cash\b"
            r"|\bneed (money|cash) (fast|quick\w*|now|urgent\w*)\b|\bpoor\s+(famil(y|ies)|villages?|girls|people"
            r"|backgrounds?|areas?)\b|\borphans?\b[^.]{0,12}\bwelcome\b"
            r"|គ្មានអត្តសញ្ញាណប័ណ្ណក៏បាន|ជំពាក់|មានបំណុល|គ្មានផ្ទះ|គ្មានឪពុកម្តាយ|គ្មានគ្រួសារ"
        ),
        _Roman("ot mean atesanbat * ban", "ot mean id * ban", "kmean atesanbat * ban", "chompeak bamnol",
               "chompeak luy", "mean bamnol", "ot mean ekasar", "kmean ekasar", "kmean kruosar", "kmean ptes/pteah",
               "kmean ovpuk mtay", "kruosar kror", "kmean luy"),
        _Regex(_any(
            r"\b(ran|run|running|runs)\s+(away\s+)?from\s+(home|family|parents)\b",
            r"\bowe\s+(money\s+)?(to\s+)?(the\s+)?(bank|mfi|microfinance|lender|money ?lender)\b",
            r"\b(trouble|problems?)\s+with\s+(the\s+)?(law|police)\b|\bwe\s+(don't|do not|never)\s+ask\s+(questions"
            r"|about your past"
            r"|for (papers|id|documents))\b",
            r"\b(pay\s+back|repay)\s+(the\s+|your\s+)?(bank|mfi|microfinance|loan|debt)\b|\b(who|people|men"
            r"|women)\s+(cannot"
            r"|can't)\s+find\s+(work|a job|jobs)\b",
            r"\b(are|is|who are)\s+(broke|hungry|starving)\b|\b(homeless|stateless)\b"
            r"|\bbroken\s+(homes?|famil(y|ies))\b"
            r"|\bstreet\s+(kids|children|boys|girls)\b"
            r"|\b(widows?|orphans?)\s*(and|,|or)\s*(widows?|orphans?)\b|\borphans?\b[^.]{0,20}\b(welcome"
            r"|wanted"
            r"|ok|come|accepted)\b|(ក្មេង|កូន|ស្រី|ប្រុស)\S{0,4}កំព្រា",
            r"\b(family|families|parents)\s+(has|have|with|in)\s+(big\s+|heavy\s+|large\s+|much\s+"
            r"|a lot of\s+)?debts?\b",
            r"\bneeds?\s+(money|cash)\s+(fast|quick\w*|now|urgent\w*|today)\b|\bpoor\s+provinces?\b",
        )),
        _Regex(_any(
            r"(មិន\s?មាន|គ្មាន|អត់\s?មាន)\s?(ឯកសារ|លិខិតស្នាម|អត្តសញ្ញាណប័ណ្ណ)",
            r"\bwith\s+no\s+(support|one to help|income|money|help|one else)\b|\b(divorced|abandoned)\s+(women|wives"
            r"|mothers|girls)\b|\b(alone|on (their|her|your) own)\s+with\s+no\b",
        )),
        _Regex(_any(
            r"\bnowhere\s+else\b|\bno\s+questions\b(?!\s+about\s+(the\s+)?(job|work))",
            r"\b(with|have|has|got)\s+(heavy|big|large|many|much|old|unpaid)\s+(debts?|loans?)\b"
            r"|\b(who|people|those|villagers|families|men|women)\s+(\w+\s+)?owe\s+(money|the bank|debts?)\b",
            r"\b(crops?|harvests?|business|rice)\s+(failed|fail|was lost|were lost)\b",
        )),
        _Roman("kmeng kompra", "mae mai * kompra"),
        _Regex(r"គ្មានកន្លែងស្នាក់នៅ|គ្រួសារក្រីក្រ"),
        _Roman("bamnol bank", "chhok bamnol", "bonol bank"),
        _Regex(r"\blost\s+(everything|all\s+they\s+had)\b"
               r"|អ្នក(ដែល)?គ្មាន(ការងារ|លុយ|ផ្ទះ|ឪពុកម្តាយ|គ្រួសារ)|គ្មានលុយ(\s|$)"),
        _Regex(r"\bwho\s+have\s+nobody\b|\bno\s+one\s+to\s+call\b|\bnever\s+been\s+to\s+(the\s+)?city\b"
               r"|\bquiet\s+type\b|\bno\s+education\b|\blost\s+your\s+id\b|\bkeep\s+it\s+quiet\b"),
        # A widow or anyone with nowhere to live, no relatives, just out of prison, preferred unable to read or to ask.
        _Regex(r"\bwidows?\b[^.]{0,30}\b(no\s+money|no\s+income|debts?|nowhere|no\s+(place|home|house))\b"
               r"|គ្មាន(សាច់)?ញាតិ|អត់មាន(សាច់)?ញាតិ|(ពេញចិត្ត|ចង់បាន|ល្អជាង)\S{0,10}មិនចេះអក្សរ|មិនសួរច្រើន"
               r"|ស្លូតបូត|ទើបរួចទោស|រួចពីពន្ធនាគារ|មិន(ឆែក|ពិនិត្យ)ប្រវត្តិ"),
        _Roman("ot kanleng snak nov", "kmean kanleng snak nov", "ot mean kanleng snak nov", "ot/kmean kanleng nov",
               "ot mean kanleng nov"),
        # "bat dei" (lost the land) folds as "boat tour" does: only as spelt.
        _Regex(r"\bbat\s+(ptes|pteah|phteah|phteas|dei|dey)\b"),
        # People who do not ask, have no family or nobody looking for them, nowhere to go, just out of jail, in debt,
        # off the street or from an orphanage.
        _Roman("ot chol chet suor", "min chess suor", "min suor chroen/chraeun/chreun", "kom suor chroen/chraeun",
               "ot mean * tam rok", "kmean neak tam rok", "ot mean kruosar/krusar/kruosa/kruosa", "ot mean bong * oun",
               "ot mean kanleng/kanlaeng tov", "kmean kanleng/kanlaeng tov", "chenh pi kuk/kok",
               "chompeak microfinance/mfi/bank", "chum pak microfinance/mfi/bank"),
        # No ID and still taken: "ot mean ID k ban", "min chaam mean ID k ban", "ot mean ID ot ey", "ot mean ID k dak".
        _Regex(rf"\b(ot|min|kmean)\s+(\w+\s+){{0,2}}({_DOCUMENT})[^.,]{{0,12}}?\b((k|kor|ka|ko)\s+(ban|dak|yok)"
               r"|ot\s+(ey|ei|avei))\b"),
        _Regex(r"\b(don'?t|do\s+not|never|not)\s+ask\s+(too\s+|so\s+)?(many|much|a\s+lot\s+of)\s+questions?\b"
               r"|\bquestions?\s+too\s+much\b|\bstreet\s+(kids?|people)\b|\bfrom\s+(an?\s+|the\s+)?orphanage\b"
               r"|\bno\s+parents?\s+to\b|ចេញ\s?ពី\s?គុក|មិនសួររឿង(ចាស់|អតីត)|ជាប់បំណុល|មិនចេះ(អាន|អក្សរ)ក៏បាន"),
        _Regex(r"គ្មានឪពុកម្[តដ]ាយ|គ្មានអ្នកណាមើល|ចេញពីបញ្ហា"
               r"|\b(escape|get\s+away\s+from)\s+(their\s+|your\s+)?problems\b"
               r"|\b(without|no)\s+(a\s+)?work\s+permits?\b[^.]{0,20}\b(welcome|ok|fine|accepted)\b"),
    ),
    "deception": (
        _Regex(
            r"\b(work|job|position|duties|kind of work)\b[^.]{0,25}\b(explained|decided|told|tell|given|assigned)\b"
            r"[^.]{0,15}\b(when|on|after|at|once|upon)\s+(you\s+)?(arriv\w*|get there|come|reach)"
            r"|\b(when|once|after|on|upon)\s+(you\s+)?(arriv\w*|reach\w*|get there)\b[^.]{0,40}\b(decide\w*|chang\w*"
            r"|different)\b|\b(decided|changed?|different|announced|told|known|set|fixed|chosen)\s+(\w+\s+)?(when"
            r"|once|after|on|upon)\s+(you\s+)?(arriv\w*|reach\w*|get there)"
            r"|\b(salary|wage|pay|job|work|place|location|contract|employer)\b[^.]{0,20}\b(decided|fixed|set|told"
            r"|known|discussed|chosen|announced)\s+(later|after)\b"
            r"|\b(real|actual|true)\s+(work|job|location|place|salary|wage|employer|duties|pay|workplace|site|amount"
            r"|company"
            r"|boss)\b|\b(not\s+(given|told|known|said|shown)|secret)\s+until\b|\bbut\b[^.]{0,30}\b(when|once|after)\s+"
            r"(you\s+)?(arriv\w*|get there|reach\w*)|\bpromis\w*\b[^.]{0,30}(\d\s?(\$|usd|dollars?)|\$\s?\d|high (pay"
            r"|salary)|easy)"
            r"|\byou(\s+will|'ll)\s+(know|learn|find out|be told|see)\s+(it\s+|this\s+)?later\b"
            r"|\b(tasks?|duties|work|job|salary|pay|wage)\b[^.]{0,15}\bdepends?\s+on\s+(the\s+)?(boss|owner|manager"
            r"|company|captain|madam)\b|\bsign\w*\b[^.]{0,25}\bread\w*\s+(it\s+)?(after|later)\b"
            r"|\bsign\w*\s+before\s+(you\s+)?read|\bno\s+khmer\s+(copy|version|translation)\b"
            r"|\b(salary|wage|pay|job|work|place|location|duties)\b[^.]{0,30}\b(can|may|might|will|could)\s+(\w+\s+)?"
            r"(change|be changed|be different|differ)\b|\b(moved|transferr?\w*|sent|switch\w*|taken"
            r"|brought)\s+to\s+(another|other"
            r"|a different|any)\b|\blater\s+(transfer\w*|mov\w*|sent|switch\w*)\s+to\b(?!\s+(a\s+)?(permanent|full"
            r"|regular|senior|supervisor))(?![^.]{0,40}\b(if|when)\s+you\s+(agree|want|accept|ask)\b)"
            r"|\bbut\s+(you\s+)?(will\s+|must\s+|may\s+)?(also\s+)?(do|work as)\s+"
            r"(other|another|different|any)\b"
            r"|\b(easy|light|simple)\s+(job|work|money)\b[^.]{0,20}\b(high|big|good|lots of|fast)\s+(pay|money"
            r"|salary|income)\b|\beasy money\b|\bdetails?\b[^.]{0,15}\b(when|after|once)\s+(you\s+)?(come|arrive"
            r"|get there|reach)"
            r"|\b(know|learn|see)\s+(the|what|your)\s+(job|work)\b[^.]{0,15}\b(when|after|on|once)\s+(you\s+)?"
            r"(arriv\w*|get there|come|reach)|\b(what|which)\s+(job|work)\b[^.]{0,25}\b(tell|told|know)\b[^.]{0,10}"
            r"\blater\b|\bsign\w*\s+(a\s+|the\s+)?(blank|empty)\s+(papers?|pages?|forms?|contracts?|sheets?)"
            r"|\bcontracts?\s+(is\s+)?(only\s+in|in\s+\w+\s+only)|\bcontracts?\s+(signed\s+|given\s+)?(after|on|upon)"
            r"\s+(arriv\w*)|\bcontracts?\s+(given|signed)\s+at\s+sea\b|\b(do not|don't|dont|never)\s+tell\s+(your\s+)?"
            r"(family|parents|anyone|relatives)|\b(other|any|different)\s+\w+\s+(as|if|when|whatever)\s+(the\s+)?"
            r"(boss|captain|manager|owner|company|madam)\b|\b(job|work)\s+(can|may|will)\s+(change|be changed)\b"
            r"|\b(contract|papers?|documents?|forms?)\s+(is\s+|are\s+)?(only\s+)?(written\s+|signed\s+)?in\s+(thai"
            r"|chinese"
            r"|english|korean|malay|vietnamese|japanese|arabic|a foreign language)\b(?!\s*(and|&|\+|/)\s*khmer)"
            r"|\b(no need to|don't need to|do not need to|without)\s+read\w*|\btranslate\w*\s+later\b"
            r"|\bwork as (the )?(boss|manager|owner|captain) (assign|say|want)\w*|\bno (written )?contract\b"
            r"|\b(salary|wage|pay) (shown|advertised|written) includes\b"
            r"|ក្រដាសទទេ|ប្រាប់ពេលមកដល់|ប្រាប់ពេលទៅដល់|កំណត់ក្រោយ|ប្រាប់ក្រោយ|ការងារពិត|កុំប្រាប់គ្រួសារ"
            r"|កុំប្រាប់ឪពុកម្តាយ|កិច្ចសន្យាជាភាសា(ចិន|ថៃ|អង់គ្លេស|កូរ៉េ)"
        ),
        _Roman("prab pel mok dol", "prab * pel tov dol", "prab * pel mok dol", "krodas tote", "krodas tate",
               "kom prab kruosar", "kom prab ovpuk mtay", "tver tam thaokae prab", "kar ngea pit",
               "kechsanya/kontrak * pheasa chen", "kechsanya/kontrak * pheasa thai",
               "kechsanya/kontrak * pheasa angkles", "kechsanya/kontrak * pheasa kore", "ot dauch * prab"),
        # Easy work at a wage of 500 dollars a month or more is the lure.
        _Near(r"\beasy\b|\bsr[ue][ao]?[ule]l?\b|ស្រួល", r"(?<![\d,])([5-9]\d\d|[1-9]\d{3})\s?(\$|usd|dollars?|ដុល្លារ)",
              within=60),
        _Regex(_any(
            r"\b(when|once|after|on|upon)\s+(you\s+)?(arriv\w*|reach\w*|get there)\b[^.]{0,40}\b(place|put|send"
            r"|assign\w*"
            r"|confirm\w*|moved?)\s+(you|them|workers)\b",
            r"\b(confirmed|decided|fixed|chosen)\s+(\w+\s+)?(when|once|after|on|upon)\s+(you\s+)?(arriv\w*|reach\w*"
            r"|get there|come)",
            r"\b(captain|boss|owner|company|agent)\s+decides?\s+(when|where|what|how (long|much))\b",
            r"\b(new|second|another|different)\s+contract\b[^.]{0,40}\b(there|arriv\w*|lower|less)\b",
            r"\bnot what (it|the ad|we|the post) (says?|said|advertised|shows?)\b",
            r"\byou(\s+will|'ll)?\s+(see|know|find out|learn)\s+(it\s+)?(there|when you (come|arrive|get there)"
            r"|on arrival)\b",
            r"\b(in|on)\s+the\s+(ad|advert\w*|post|poster|flyer)\b[^.]{0,40}\b(in fact|actually|really)\b"
            r"|\bin fact\s+(you|the job"
            r"|the work)\b|\b(salary|wage|pay)\s+in\s+the\s+(ad|advert\w*|post|poster|flyer)\b",
            r"\b(ask|asking)\s+no\s+questions\b|\bno\s+questions\s+about\s+the\s+(job|work)\b",
            r"\b(job|work|salary|pay|wage|place|contract)\b[^.]{0,20}\b(change|changed)\b[^.]{0,20}\bany\s*time\b"
            r"|(អាច)?ផ្លាស់ប្តូរ\S{0,10}(ការងារ|ប្រាក់ខែ)",
            r"(សម្រេច|កំណត់|ដឹង|ប្រាប់)\S{0,4}ពេល(មក|ទៅ)ដល់",
            r"\b(different|another|other)\s+(job|work|place|employer)\s+(than|from)\b|\b(lower|less)\s+than\s+(promised"
            r"|advertised|the ad)\b|\bfake\s+(job|contract|company)\b|\btold\s+(it\s+is|it's|you)\b[^.]{0,40}\bbut\b"
            r"|\bas long as the (captain|boss|owner|company) wants\b",
            r"\b(explain|tell|decide)\w*\s+(you\s+)?(the\s+)?(pay|salary|wage|work|job)\b[^.]{0,25}\b(there"
            r"|when you (come"
            r"|arrive)|on arrival|later)\b(?!\s+on\s+(the|your)\s+first\s+day)",
            r"កិច្ចសន្យា\S{0,8}ភាសា(ចិន|ថៃ|អង់គ្លេស|កូរ៉េ|វៀតណាម)",
        )),
        _Roman("ot mean kechsanya", "kechsanya ot mean", "niyeay mat", "ot dauch knea", "tov dol ke prab",
               "pel tov dol * prab", "kar ngea thmey"),
        _Regex(_any(
            r"\b(actually|really)\s+(do|be doing|work)\b[^.]{0,40}\b(there|later|arriv\w*)\b",
            r"\b(explain\w*|told|tell|decide\w*|given)\b[^.]{0,30}\bover\s+there\b",
            r"\badvertised\s+as\b|\b(job|work|it)\s+(may|might|can|could|will)\s+(become|turn into|end up)\b"
            r"|\b(may|might|could)\s+become\s+(\w+\s+)?(housework|cleaning|other work|different work)\b",
        )),
        _Roman("dol hey deng", "tov dol hey deng", "mok dol hey deng", "kom sour"),
        _Regex(r"(ទៅ|មក)ដល់ហើយ(ដឹង|ប្រាប់)"),
        _Regex(_any(
            r"\b(decide|choose|tell|told|decided|chosen)\w*\s+(\w+\s+)?after\s+(you\s+)?sign",
            r"\b(may|might|could)\s+be\s+in\s+(another|a different|any)\s+(province|place|country|city|town)\b",
        )),
        _Roman("kanleng pit", "chhuk kechsanya sen", "chhuk chhmous sen"),
        # Where, for whom or what the work is kept back until the worker has come, paid or signed.
        _Near(r"\b(place|location|address|company|factory|workplace|work place|site|section|country|job|work|boat"
              r"|employer|name)\b|\b(which|what|where)\b", r"\b(tell|told|say|said|know|see|explain\w*|decide\w*|give"
              r"|talk|discuss\w*"
              r"|given|inform\w*|find out|confirm\w*)\b[^.,]{0,20}\b(later|after\s+(you\s+)?(pay|paid|come|arriv\w*"
              r"|cross\w*|get there|reach\w*)|when\s+(you\s+)?(arriv\w*|come|cross\w*|get there|reach\w*"
              r"|we pick|the (car|bus|van))|on\s+(the\s+)?(day|arrival|bus|way|road|boat|truck)|over there"
              r"|at\s+(the\s+)?(place|site|border|farm|destination))\b(?!\s+(to|for|at)\s+(the\s+)?"
              r"interview)(?!\s+on\s+(the\s+|your\s+)?first\s+day)|\bnot\s+(say|said|tell|told|given|shown)\s+(now"
              r"|yet)\b", within=30, ordered=True),
        _Regex(r"\bcontracts?\s+(\w+\s+)?(after|when)\s+(you\s+)?(start\w*|arriv\w*|come|get there)\b"
               r"|\bread\s+the\s+contract\s+(at|in)\s+the\s+(factory|site|boat|farm|workplace)\b"
               r"|(ប្រាប់|ដឹង)\S{0,10}ពេល(មក|ទៅ)ដល់|ប្រាប់\S{0,6}ពេល(ឆ្លង|ចេញ)|ពេលមកដល់\S{0,6}\s?(អាច)?ប្តូរ"
               r"|កិច្ចសន្យាពេល(មក|ទៅ)ដល់|ប្រទេសណា|ដល់\S{0,12}ទើប(ដឹង|ប្រាប់|បែងចែក|ចាត់|កំណត់|សម្រេច)"),
        _Roman("prab pel chenh", "mok dol * dung", "min tan prab", "ot tan prab", "ot chbas", "pel mok dol * prab",
               "kechsanya * ti noh", "sanya * ti noh", "sanya * kroy", "kechsanya * kroy", "kechsanya chuh kroy",
               "tver kanleng phseng", "kanlaeng phseng tam"),
        _Regex(r"\b(know|see|tell|told|show|explain\w*)\s+(you\s+)?(the\s+|your\s+)?(which|what|where|job|work|place"
               r"|salary)\b[^.,]{0,25}\bwhen\s+(you\s+)?(arriv\w*|come|cross\w*|get there|reach\w*)\b"
               r"(?!\s+on\s+(the\s+|your\s+)?first\s+day)"
               r"|\bexplain(ed)?\s+later\b"),
        _Regex(r"\bcontracts?\b[^.,]{0,15}\bonly\s+(in\s+)?(english|chinese|thai|korean|vietnamese|malay)\b"
               r"|\bno\s+time\s+to\s+read\b|\b(not|don't|won't|never|cannot|can't)\s+tell\s+(you\s+)?(where|which|what"
               r"|the\s+(place|company|name|address|location))\b|\bmaybe\s+(work\s+)?(at\s+|in\s+|for\s+)?(another"
               r"|other"
               r"|different)\s+(factory|company|place|province|job|boss|country)\b"),
        _Regex(r"(តែ|ប៉ុន្តែ)\s?ពេល(ទៅ|មក)ដល់|(គ្មាន|មិនមាន)កិច្ចសន្យា|កិច្ចសន្យា\S{0,2}(មិនមាន|គ្មាន)|ផ្ទាល់មាត់"
               r"|\bverbal\s+(contract|agreement)\b"),
        _Roman("tae pel tov dol", "ponte pel tov dol", "tae pel mok dol", "ponte pel mok dol", "tae pel dol",
               "ponte pel dol"),
        _Regex(r"\b(location|place|address|workplace|factory|job|work)\b[^.,]{0,5}\b(secret|hidden|not\s+(said|given"
               r"|told))\b"
               r"|\bsign\w*\b[^.]{0,30}\b(cannot|can't|can not|unable to|don't|do not)\s+read\b"),
        # The place, the employer or the contract changed or hidden: anywhere, another company, blank papers.
        _Regex(_any(
            r"\bcould\s+be\s+anywhere\b|\blocation\s+(given|told|known)\s+(on|at)\s+(the\s+)?first\s+day\b",
            r"\bdifferent\s+from\s+(the\s+)?(ad|advert\w*|post|listing)\b"
            r"|\bsend\s+you\s+to\b[^.]{0,20}\b(partner|another|other)\s+compan",
            r"\bcontract\s+(is\s+)?(in|under)\s+(another|someone else'?s?|other)\s+(person'?s?\s+)?name\b"
            r"|\bsign\w*\b[^.]{0,15}\b(empty|blank)\b|\b(where|location)\b[^.]{0,20}\bprivate\b",
            r"\breally\s+(send|sent|go|work)\w*\s+to\b|\bad\s+is\s+for\b",
        )),
        _Regex(r"\b(address|location)\b[^.]{0,25}\b(we\s+)?(not|never|don't|do not)\s+tell\b"),
        _Roman("kech sanya chhmous neak phseng", "prab pel lan dol", "prab pel dol", "mok dol hoy prab",
               "kanleng na prab kroy"),
        # Where, for whom and what: told only on the way or on arrival, when it is too late to say no.
        _Regex(_any(
            r"\b(address|location|place|site|workplace|work place|province|company name|factory name|which province"
            r"|which factory|car type)\b[^.]{0,40}\b(tell|told|inform\w*|given|explain\w*|say|know)\b[^.]{0,25}"
            r"\b(when\s+(the\s+)?(bus|car|van|truck|you)\s+(arrive|leave|come)\w*|at\s+(the\s+)?(arrival|bus station)"
            r"|on\s+(the\s+)?(departure|travel)\s+day|after\s+training|after\s+(you\s+)?(arrive|come))\b",
            r"\bcontract\b[^.]{0,20}\b(later\s+at\s+(the\s+)?(site|workplace)|when\s+(you\s+)?arrive"
            r"|after\s+start\w*)\b",
            r"\b(actually|really)\s+(the\s+)?job\s+is\b|\bnot\s+the\s+\w+\s+in\s+the\s+(photo|picture|ad)\b"
            r"|\bsee\s+later\b|\byou\s+cannot\s+choose\b|\bworkplace\s+change\w*\b",
            r"(ប្រាប់|ជូនដំណឹង)\S{0,6}(នៅ)?(ពេល|ថ្ងៃ)(ក្រោយ|ធ្វើដំណើរ|ឡានចេញ|មកដល់|ទៅដល់)"
            r"|កិច្ចសន្យា\S{0,6}(ចុះ|ពន្យល់)\S{0,6}(ពេល|នៅ)(ទៅដល់|មកដល់|កន្លែងធ្វើការ)",
        )),
        # The work or the place "can change" as the boss needs, only a spoken contract, the real post told on arrival.
        _Roman("kanleng * ach pdo", "kar/karngea/kangea * ach pdo", "ach pdo tov", "ot mean kech sonya sor sei",
               "kmean kech sonya sor sei", "kech sonya tam moat", "niyeay tam moat"),
        _Regex(r"កុំសួរលម្អិត|មកដល់(ហើយ)?\s?\S{0,20}(បញ្ជូន|ប្រាប់)"
               r"|\b(position|role|post)\b[^.]{0,30}\b(can|may|might|will|could)\s+(\w+\s+)?(change|be changed"
               r"|be different|differ)\b"),
        # Which factory, site, province or work, told only on arrival or on the way ("pel dol hai yerng prap", "teb
        # deng"), or not told at all ("ot prap khet na", "មិនប្រាប់មុន"); "the truth is", "tam pit" (in truth).
        _Roman("pel dol * prap", "dol hai/heuy * prap", "dol ban prap", "ot prap khet",
               "ot prap kanleng/kanlaeng", "ot prap chhmous", "mun ot prap", "somrach pel dol", "teb deng", "teb yol",
               "tam tae kanleng/kanlaeng trov ka", "tam pit", "prap ka ngea pit", "prap kangea pit", "prap pel * dol",
               "dol hai/heuy * chat oy"),
        _Regex(r"មិនប្រាប់(មុន|ការដ្ឋាន|កន្លែង|ទីកន្លែង|ខេត្ត|ឈ្មោះ)|ប្រាប់តាមផ្លូវ"
               r"|(ពិតប្រាកដ|កន្លែងពិត|ការងារពិត)\S{0,12}\s?\S{0,8}ប្រាប់"
               r"|មកដល់\s?(ហើយ\s?)?(ប្រហែល|អាច)\S{0,8}(ធ្វើ|ជួយ)"
               r"|\bwhen\s+you\s+(come|arrive)\b[^.]{0,20}\b(maybe|may|first)\b[^.]{0,20}\b(send|sent|move|work\s+at)\b"
               r"|\bwe\s+(don'?t|do\s+not|never)\s+tell\b|\bthe\s+truth\s+is\b"),
        # Other work once there: moved to the online team, the place changed at the boss's wish, sitting or going out
        # with guests besides the named job; the place told on boarding or on arrival, known after training.
        _Regex(_any(
            r"\b(move|moves|transfer|switch|send|put)\s+(u|you)\s+to\s+(the\s+|an?\s+)?(online|computer|typing|chat"
            r"|office)\b",
            r"\b(ach|nung)\s+(bdo|bdor|pdo|phlas|plas)\s+(kanleng|kanlaeng|konleng|tikanleng)\b",
            r"\b(also|sometimes|later)\s+(\w+\s+){0,2}(go\s+out|sit|drink\w*|stay)\s+with\s+(the\s+)?(customers?"
            r"|guests?|clients?)\b|\b(evenings?|nights?|after\s+work)\s+(\w+\s+)?accompany\s+(the\s+)?(\w+\s+)?"
            r"(customers?|guests?|clients?)\b",
            r"[\"“](receptionist|waitress|hostess|singer|cashier|cleaner|staff)s?[\"”]",
            r"(ដល់ហើយ|ពេល(មក|ទៅ)?ដល់)\S{0,3}(អាច)?ប្តូរ|ប្រាប់\S{0,2}ពេល(ឡើង|ជិះ)?(ឡាន|រថយន្ត|ដល់)",
            r"(ណា|ទីតាំង|កន្លែង)\s?ដឹងក្រោយ",
        )),
        # The work known only on arrival in romanised Khmer ("nov dol hotel ban dg", "ban deng dol"), a contract not
        # to be read ("kontrak chhos mun chenh, min chaam an") or where the work is not told ("nov na ot prab"); a
        # contract in a foreign language only or signed first and explained after, in English or in spaced Khmer
        # ("កិច្ចសន្យា ជា ភាសា ចិន", "ប្រាប់ ឈ្មោះ ក្រុមហ៊ុន ពេល ដល់").
        _Roman("dol * ban dung/dg", "ban dung/dg dol", "kechsanya/kontrak/sanya * min/ot chaam/bach an",
               "nov na ot/min prab"),
        _Regex(_any(
            r"\bcontracts?\s+(is\s+)?(in\s+)?(english|chinese|thai|korean|vietnamese|malay)\s+only\b",
            r"\bsign\w*\s+(\w+\s+)?first\s+(then\s+|and\s+then\s+)?(see|know|read|explain|tell)\w*\b",
            r"កិច្ចសន្យា\s\S{0,8}\s?ភាសា\s?(ចិន|ថៃ|អង់គ្លេស|កូរ៉េ|វៀតណាម)|(ពន្យល់\s?(នៅ\s?)?|ប្រាប់\s)ក្រោយ(?!\s?ពេល)",
            r"(ប្រាប់|ដឹង)\s(\S{1,12}\s){0,2}(នៅ\s?)?ពេល\s?(មក\s?|ទៅ\s?)?ដល់",
        )),
    ),
    "movement": (
        _Regex(
            rf"\b(not allowed|cannot|can not|can't|no|never|forbidden|must not|not permitted|nobody)\s+(to\s+)?"
            rf"{_LEAVE}\s+(out|outside|home|back)\b|\b(cannot|can not|can't|not allowed to|must not|may not"
            rf"|never)\s+leave"
            rf"\s+(the\s+)?{_WORKPLACE}\b|\bonly with\s+(the\s+)?\w+('s)?\s+permission\b|\b(nobody|no one|no worker"
            rf"|no staff)\s+(leaves|goes out|can leave|can go out|may leave|may go out|runs? away|escapes?)\b"
            rf"|\bmust stay (in|inside|on)"
            rf"\s+(the\s+)?{_WORKPLACE}\b|\b(going|go)\s+(out|home|outside)\s+(is\s+)?(not permitted|not allowed"
            rf"|forbidden|prohibited)|\bnot\s+(free|able|permitted)\s+to\s+(leave|go)\b"
            rf"|\bleav\w*\s+(the\s+)?{_WORKPLACE}\s+without\b|\b(go|goes|going)\s+out(side)?\b[^.]{{0,25}}"
            rf"\bpermission\b|\b(go|goes|going|leave|leaving)\s+(out\s+|outside\s+)?only\s+(on|with|when|once|if)\b"
            r"|\b(doors?|gates?|rooms?|dorm\w*)\s+(is\s+|are\s+)?(always\s+|kept\s+)?locked\b(?![^.]{0,40}\b(has|have"
            r"|own|given)\s+(a|an|their|own|the)?\s*keys?)(?!\s+(at|after|from)\s+(\d|midnight|closing))"
            r"(?![^.]{0,30}\b(when\s+(we|the \w+)\s+close|for\s+(the\s+)?(guests'?\s+|staff\s+|your\s+)?(safety"
            r"|security)))|\blocked\s+(in|inside|up)\b|\b" + _BOSS
            + r"\s+(holds?|keeps?|has)\s+(the\s+|all\s+)?(\w+\s+)?keys?\b|\bescorted\b"
            r"|\b(workers?|staff|maids?|crew|girls|you)\s+(must\s+)?(stay|stays|remain|live)\s+inside\b"
            r"|\b(go|goes|going)\s+out\b[^.]{0,25}\b(pass|once a (week|month))\b"
            r"|\b(not allowed|cannot|can't|never|no)\s+(to\s+)?(go|step|get|come)\s+(on\s+)?(shore|ashore|on land)\b"
            r"|\bno\s+going\s+(out|to|home|outside)\b|\bno (boat|bus|transport|way) (back|home|out)\b"
            r"|ហាម[^ ]{0,8}ចេញ|មិន(អាច|អនុញ្ញាត|ឲ្យ|អោយ)[^ ]{0,10}ចេញ|ចាក់សោទ្វារ|ទ្វារចាក់សោ",
            honest=r"\bno\s+permission\s+(is\s+)?(needed|required|necessary)\b",
        ),
        _Roman("ot ban chenh", "min ach chenh", "ham chenh", "min ban chenh", "kom oy chenh", "chak so tvea",
               "tvea chak so", "ot ban tov ptes/pteah", "tov na mok na", "ot ach chenh",
               "ot oy chenh", "ot aoy chenh", "ot ban dae", "ham dae", "min oy chhop mun", "ot oy chhop mun",
               "min ach chhop kandal", "min ach trolob * mun", "ot ach trolob * mun", "min oy trolob",
               "ot oy trolob", "ot oy chos", "min oy chos", "chenh tae thngai", "chenh ban tae thngai"),
        _Regex(r"\b(visit\w*|go\w*|see)\s+(\w+\s+)?(home|family|parents)\s+(is\s+)?not\s+(allowed|permitted)\b"
               r"|\b(exit|leav\w*|go\w*\s+out)\b[^.]{0,20}\b(needs?|requires?)\s+(a\s+)?(card|pass|slip|note)\s+from\b"
               r"|មិន(អាច|បាន|ឲ្យ|អោយ)\S{0,6}ចុះ(ពី)?ទូក"),
        _Regex(_any(
            rf"\b(live|lives|living|stay|stays)\b[^.]{{0,20}}\binside\s+(the\s+)?(\w+\s+)?{_WORKPLACE}\b",
            r"\b(fenced|walled|guarded)\s+(compound|camp|dorm\w*)\b",
            r"\b(cannot|can't|can not|not allowed to|never|must not|may not)\s+go\s+(anywhere|out|outside)\b",
            r"\bno\s+(days?|time|nights?)\s+out\b|\bno\s+(exit|leave|gate)\s+pass(es)?\b|\bexit pass\b",
            r"ហាម[^ ]{0,15}ចេញ",
            r"\bnot\s+(let|allowed)\s+out\b|\bkept\s+(on board|inside|in the (compound|camp|house|dorm\w*))\b",
            r"\b(no|not|never|cannot|can't)\s+(\w+\s+)?(ashore|on shore)\b",
            rf"\b(stay|stays|remain\w*)\s+(on|in)\s+(the\s+)?{_WORKPLACE}\s+(the\s+)?(whole|entire|all)\b"
            rf"|\beven in port\b",
            r"\bleave\b[^.]{0,30}\bonly\s+with\b|\b(cannot|can't|not allowed to|may not|must not)\s+leave\s+without\b",
            r"\b(ask|need|get)\s+(for\s+)?permission\s+to\s+(leave|go out|go home|go outside)\b(?!\s+early)",
            r"\b(never|not)\s+(leaves?|goes?\s+out(side)?(\s+of)?)\s+(the\s+)?(house|home|compound|building|factory"
            r"|boat)\b",
            r"\b(gates?|compound|dorm\w*|camp)\s+(is\s+|are\s+)?(\w+\s+and\s+)?guarded\b",
            r"\bconfined\b(?!\s+spaces?)|\bno\s+leaving\b|\b(always|must be)\s+(accompanied|escorted)\b"
            r"|\bunder guard\b",
        )),
        _Regex(_any(
            r"\b(exit|leav\w*|go(ing)?\s+out)\s+only\s+with\b|\bonly\s+with\s+(a|an)\s+(written\s+|signed\s+)?(pass"
            r"|permit|note|slip)\b",
            r"\b(cannot|can't|can not|not allowed to|may not|must not)\s+leave\s+(the\s+\w+\s+)?until\b"
            r"(?!\s+(the\s+)?(next|relief|replacement)\s+(guard|shift|person|staff|worker|team)|\s+(the\s+"
            r"|your\s+)?shift)",
            rf"\b(cannot|can't|can not|not allowed to|may not|must not|never)\s+leave\s+(the\s+)?(\w+\s+)?"
            rf"({_WORKPLACE}|grounds|hotel|restaurant|shop|property|estate)\b",
            r"\b(stay|stays|live|lives)\s+on\s+(the\s+)?(site|boat|farm|compound)\s+24/7\b",
            r"\b(no|not|never|cannot|can't)\b[^.]{0,25}\b(out|town|outside|market)\s+alone\b|\bno\s+going\s+into\b",
        )),
        _Roman("nov tae knong ptes/pteah", "chenh krau trov"),
        _Regex(_any(
            r"\b(leav\w*|go\w*\s+out|exit\w*)\b[^.]{0,25}\b(needs?|requires?)\s+(the\s+|a\s+)?(\w+('s)?\s+)?(okay|ok"
            r"|permission|approval|signature|pass)\b|\bbehind\s+(a\s+)?(fence|wall|gate)s?\b",
            r"\bstay\w*\s+(there|on site|at the \w+)\s+until\s+(the\s+)?end\b",
        )),
        _Roman("ot ach tov na", "min ach tov na", "ot ban tov na"),
        _Regex(r"\b(nobody|no one|no crew|no worker)\s+(goes|go|gets|steps|may go)\s+(ashore|on shore|on land|out)\b"),
        # "no come land", "not allow go home until", "cannot leave before the trip ends": kept, in workers' English.
        _Regex(_any(
            r"\b(cannot|can not|can't|no|not allow(ed)?( to)?|must not|may not|never)\s+(to\s+)?(come|go|get|step)"
            r"\s+(to\s+|on\s+)?(land|shore|ashore|home|out|outside)\b",
            r"\b(cannot|can not|can't|no|not allow(ed)?( to)?|must not|may not)\s+(leave|go|quit)\b[^.,]{0,25}"
            r"\b(until|before|till|til)\b(?![^.,]{0,25}\b((next|relief|replacement)\s+(guard|shift|person|staff|worker"
            r"|team)"
            r"|shift\s+ends?))",
            r"\b(gates?|doors?)\s+(is\s+|are\s+)?open\w*\s+only\b",
            r"\bout\s+only\s+(\d+|one|once)\b|\b(go|goes|going)\s+out\s+only\s+(\d+|one|once)\b"
            r"|\bstay\w*\s+(in|inside)\s+(the\s+)?\w+\s+all\s+(the\s+)?time\b",
            r"(ចេញ|ចេញក្រៅ|ទៅផ្ទះ|ចុះគោក)\S{0,4}មិន(បាន|អាច)|មិន(អាច|បាន|ឲ្យ|ឱ្យ|អោយ|អនុញ្ញាត)\S{0,6}(ចុះគោក|ទៅផ្ទះ)"
            r"|សុំច្បាប់\S{0,8}(ទើប)?\S{0,4}(ចេញ|ទៅផ្ទះ)",
        )),
        _Roman("min oy chenh", "min aoy chenh", "chenh ot ban", "chenh min ban", "min ach tov ptes/pteah",
               "ot ach tov ptes/pteah", "ot ach chhop mun", "min ach chhop mun", "trov som boss", "trov som chbab",
               "ot oy tov", "min oy tov", "tvea bet jea nich"),
        _Regex(r"ចេញ\S{0,20}\s?ត្រូវ(មាន|សុំ)ច្បាប់|\bmust\s+stay\s+(at\s+)?(home|inside|in\s+the\s+(house|compound"
               r"|camp))\b"
               r"|\bno\s+(shore|port)\s+(time|leave|visits?)\b|\b(stay|stays|remain\w*)\s+(on|in)\s+(the\s+)?"
               + _WORKPLACE + r"\s+until\b"),
        _Regex(r"\b(not|cannot|can not|can't|never)\s+(go|going)\s+(outside|out|to\s+(the\s+)?(town|market|village"
               r"|city))\b"
               r"|\b(madam|boss|owner|employer|guards?)\s+lock\w*\b"),
        _Regex(r"(ត្រូវ)?(នៅ|ស្នាក់នៅ)ក្នុង(រោងចក្រ|ការដ្ឋាន|ផ្ទះ|បរិវេណ|ទូក|កសិដ្ឋាន)\S*\s?(24\s?ម៉ោង|ជានិច្ច|រហូត"
               r"|គ្រប់ពេល)"
               r"|\b(stay|stays|live|lives|remain)\s+(inside|in)\s+(the\s+)?\w+\s+24\s*(h|hrs?|hours?)\b"),
        # Exit, resignation and the way home refused, doors locked from outside, going out only with the team.
        _Regex(_any(
            r"\b(cannot|can not|can't|not allowed to|may not|must not)\s+(exit|resign)\b[^.,]{0,25}"
            r"\b(until|before|till)\b",
            r"\block\w*\s+from\s+(the\s+)?outside\b|\bkeys?\s+(are\s+|is\s+)?(kept|held)\s+by\s+(the\s+)?(manager|boss"
            r"|owner|guard|madam)\b",
            r"\bleave\s+(the\s+)?\w+\s+only\s+(on\s+)?(sunday|saturday|once|with)\b"
            r"|\bgo\s+out\s+(only\s+)?(with\s+(the\s+)?(team|group|guard|leader)\s+)?once\s+(a|per|every)\s+month\b",
            r"\bquit\w*\s+(early\s+)?(is\s+)?not\s+(accepted|allowed|permitted)\b|\bwill\s+not\s+release\s+you\b",
            r"\bleave\s+earlier\s*=?\s*not\s+allowed\b",
        )),
        _Roman("min ban tov ptes/pteah", "min ach chhop kar", "ot ach chhop kar"),
        # Home not visited for the contract's length; months on the boat before it comes back to port.
        _Regex(r"មិន(អាច|បាន)(ទៅ|ត្រឡប់)(លេង)?(ទៅ)?ផ្ទះ|ចុះទូក\s?\d+\s?ខែ|\d+\s?ខែ\s?ទើប(ចូល|ត្រឡប់|មក)"),
        # Quitting refused until the contract or the debt is done, no going home or back until then, going out only
        # with the boss's pass or together with madam, doors locked from outside, a sleeping container locked at night.
        _Roman("ot/min ban/ach chhob rohot", "ot/min ach tov srok", "ot/min ban tov srok", "ot tov ptes/pteah",
               "tov ptes/pteah luh trae/tae", "ot/min/kom chenh leng", "bonol * ot/min ach chhob",
               "ot/min ach tov tver * phsaeng", "chol * trov nov # chnam/khae", "kom chang chenh",
               "ot/min chhob ban rohot", "ot/min ban/ach chos kok"),
        _Regex(_any(
            r"មិន(អាច|បាន|ឲ្យ|ឱ្យ|អោយ|អនុញ្ញាត)\S{0,6}ត្រ[ឡល]ប់(មក|ទៅ)?(វិញ|ផ្ទះ|ស្រុក|ភូមិ|មុន)"
            r"|ទើប(អាច|បាន)\s?(ត្រឡប់|ទៅផ្ទះ|ទៅស្រុក|ចេញ(?!ប្រាក់|លុយ)|ឈប់(?!សម្រាក))|កុំចេញពី\S{0,10}\s?មុន"
            r"|(?<!ថ្ងៃ)ចេញពី\S{0,10}មិន(បាន|អាច)",
            r"មិន(អាច|បាន|អនុញ្ញាត|ឲ្យ|ឱ្យ|អោយ)(ឲ្យ|ឱ្យ|អោយ)?ឈប់(?!សម្រាក)|(?<!ថ្ងៃ)ឈប់មិន(បាន|អាច)",
            r"បិទទ្វារ(ពី|នៅ)ក្រៅ|ចាក់សោ(ពី|នៅ)ក្រៅ|(មិនមាន|គ្មាន)ការ(ចេញ|ទៅផ្ទះ|ទៅភូមិ)",
            r"ចេញ\s?(ក្រៅ|ចូល|ទៅក្រៅ)?\S{0,6}\s?ត្រូវ\s?(សុំ|មាន\s?(ប័ណ្ណ|ច្បាប់|លិខិត|ការអនុញ្ញាត))",
            r"\b(go|goes|going|leave|leaving)\s+(out\s+|outside\s+)?only\s+together\s+with\b",
            r"\b(not allowed|cannot|can't|can not|may not|must not)\s+(to\s+)?leave\s+(the\s+\w+\s+)?without\b",
            r"\b(leav\w*|go\w*\s+out|exit\w*)\b[^.]{0,25}\b(needs?|requires?)\s+(the\s+|a\s+)?(\w+('s)?\s+)?(sign\w*"
            r"|paper|letter|slip)\b",
            r"\b(containers?|sheds?|rooms?|dorm\w*)\s+(is\s+|are\s+)?lock(ed)?\s+(at|every|each)\s+night\b",
            # Tied to the job until a loan is paid; months in a remote camp or with no way out.
            r"\b(cannot|can't|can not|not allowed to|may not|must not)\s+change\s+(\w+\s+)?(jobs?|employers?|work"
            r"|boss)\b",
            r"\bstay\w*\s+in\s+(the\s+)?(camp|forest|jungle|island|boat)\s+(for\s+)?(\d+|two|three|four|six)\s+"
            r"months?\b|\bstay\w*\s+(for\s+)?(\d+|two|three|four|six)\s+months?\s+(with\s+)?no\s+(contact|going|leav\w*"
            r"|way|road|exit)\b|\bstay\w*\s+(for\s+)?(\d+|two|three|four|six)\s+months?\s+(straight|in\s+a\s+row"
            r"|non-?stop)\b",
        )),
        # Going out refused in romanised Khmer ("ot chenh krau", "chenh krao hang ot ban"); staying until a debt is
        # cleared; leaving early costs the ID card; quitting before the contract's end refused ("ឈប់មុនកិច្ចសន្យា
        # ... មិនបានទេ"); a runaway caught and beaten ("រត់ចេញ ចាប់បានវាយ").
        _Regex(_any(
            r"\b(ot|min)\s+chenh\s+kr(ao|au|av|aw)\b|\bchenh\s+kr(ao|au|av|aw)\s+(\w+\s+)?(ot|min)\s+(ban|ach)\b",
            r"\b(stay|stays|remain)\s+(and\s+work\s+)?until\s+(the\s+|your\s+)?(debt|loan|advance)\b",
            r"\bif\s+(you|u|workers?|staff)\s+(leave|quit|go)\s+(early|before)\b[^.]{0,30}\b(id|passports?|documents?"
            r"|papers?|cards?)\b[^.,]{0,15}\b(not|never|no)\s+(return|give|given|back)",
            r"(?<!បើ)(?<!ថ្ងៃ)ឈប់មុន\s?(កិច្ចសន្យា|កុងត្រា|ពេល|គម្រោង|ផុត|ចប់)[^។.]{0,20}មិន(បាន|អាច)",
            r"(រត់|គេច)[^។]{0,15}ចាប់(បាន)?\s?(មកវិញ\s?)?(ហើយ\s?)?វាយ",
        )),
    ),
    "isolation": (
        _Near(_PHONE, _TAKEN, within=25, unless=_NOT_ISOLATION, unless_after=_PHONE_AWAY_AT_WORK),
        _Regex(
            r"\bno phones?\b(?!\s+(use|while|during|on(?!\s+(the\s+)?(boat|ship|island|site))|at work|in (the )?(server"
            r"|production|clean)))"
            r"|\bphones?\s+(is\s+|are\s+)?(not allowed|forbidden|banned|prohibited)\b(?!\s+(on|in the|at|during|while))"
            r"|\b(no|without)\s+(phone\s+|mobile\s+)?(signal|network|internet|coverage|phone service)\b"
            r"|\bno (contact|calls? home|social media|visits|visitors|letters)\b(?!\s+(on|in|at"
            r"|inside)\s+(the\s+)?(site"
            r"|work|kitchen|factory|floor|line|workplace|production|office))"
            r"|\b(cannot|can not|can't|not allowed to|never)\s+(call|contact|see|visit|meet)\s+(your\s+)?(family"
            r"|parents|home|relatives)|\b(family|parents|relatives)\s+(cannot|can not|can't|not allowed to|may not)"
            r"\s+(visit|come|call)|\bno calls? (home|to family)\b"
            r"|\b(phone|call|contact)\w*\s+(your\s+)?(family|home|parents)\s+(only\s+)?(once|one time)\s+(a|per|every)"
            r"\s+(week|month)|\bletters?\b[^.]{0,20}\bread by\b"
            r"|\b(not allowed|cannot|can't|forbidden|must not|do not|don't)\s+(to\s+)?(talk|speak)\s+to\s+(outsiders"
            r"|strangers|anyone outside|people outside)|\b(facebook|telegram|tiktok|social media|messenger)\b[^.]{0,25}"
            r"\b(forbidden|not allowed|banned|prohibited)\b(?!\s+(during|at work|while|on the line))"
            r"|\b(\d+|several|many|six|eight|ten|twelve)\s+(months?|years?)\s+(at sea|on (the )?boat|offshore"
            r"|in the forest)\b|\b(at sea|on (the )?boat)\s+(for\s+)?(\d+|several|many)\s+(months?|years?)"
            r"|\bno port (stops?|calls?)\b|\b(boat|ship)\s+(only\s+)?(comes?|returns?|goes back)\s+(only\s+)?(every"
            r"|once (every|in))\s+(\d+|two|three|six)\s+months"
            r"|\b(not allowed|cannot|can't|can not|never|forbidden|must not)\s+(to\s+)?(use|have|keep|bring"
            r"|carry)\s+(a\s+"
            r"|your\s+|any\s+)?(own\s+)?(phones?|mobiles?)\b(?!\s+(at work|during|while|on the line|in the))"
            r"|\bphones?\s+(use\s+)?only\s+(on|for|once|one|at)\b"
            r"|(មិន|ហាម|គ្មាន)[^ ]{0,15}(ទូរស័ព្ទ|ទូរសព្ទ)|មិនអាចទាក់ទងគ្រួសារ|ហាមគ្រួសារ|គ្មានសេវា|គ្មានអ៊ីនធឺណិត",
            # A phone put away at the machine or while serving is a work rule, not isolation.
            honest=r"\bno phones?\s+at\s+(your|the)\s+(machine|desk|station|line|counter|table|post|bench)\b"
            r"|មិន(ដកហូត|យក|រឹបអូស|ទុក|ប្រមូល)\S{0,4}(ទូរស័ព្ទ|ទូរសព្ទ)"
            r"|(មិន|ហាម)\S{0,15}(ទូរស័ព្ទ|ទូរសព្ទ)\s?(នៅ|ក្នុង)?ពេល(ធ្វើការ|ការងារ|បម្រើ)",
        ),
        _Roman("ot ban brer tursap", "ot ban brer turasap", "ham brer tursap", "ham brer turasap",
               "ot ban tak tong", "min ach tak tong", "ot ach tak tong", "ot ban oy * mok leng", "kmean seva"),
        _Regex(_any(
            r"\b(\d+|a|one|several|many|six|eight|ten|twelve)\s+(months?|years?)\s+(at sea|on (the )?boat|offshore)\b",
            r"\btransfer\w*\s+(to\s+)?(other|another)\s+boats?\b|\btrans-?shipment\b",
            r"\b(not allowed|cannot|can't|can not|never|forbidden|must not|may not)\s+(to\s+)?(contact|call|see|talk to"
            r"|speak to|meet|visit)\s+(anyone|anybody|outsiders|people outside|your family|family|parents|friends)\b",
            r"\b(cannot|can't|can not|not allowed to|no)\s+(have\s+|receive\s+)?visitors\b(?!\s+(on|in|at|inside)\s+"
            r"(the\s+)?(site|work|kitchen|factory|floor|line|workplace|production|office))",
            r"\b(cannot|can't|can not|not allowed to)\s+(\w+\s+){0,3}(make|receive)\s+(phone\s+)?calls\b",
            r"\b(must not|cannot|can't|not allowed to|may not|never)\s+(\w+\s+){0,3}(call|message|text|phone"
            r"|contact)\w*"
            r"\s+(your\s+)?(family|parents|home|anyone)\b",
            r"\bno\s+(boat|bus|transport|road)\b[^.]{0,30}\b(\d+|several|many|six|three)\s+months?\b",
            r"\bcut off from\b|\b(cannot|can't|not allowed to|no)\s+(go|going|visit\w*)\s+home\s+(for|until|during"
            r"|before)\b"
            r"|\bno\s+(home leave|trips? home)\b",
            r"\b(\d+|two|three|several)\s+(years?|months?)\s+before\s+(coming|going|you (come|go|return))\s+(back"
            r"|home)\b",
            r"\b(\d+|two|three|several)\s+days?\s+(walk|by boat|away)\b|\bfrom\s+boat\s+to\s+boat\b"
            r"|\blong[- ]haul\b|\bdistant[- ]water\b",
            r"\b(trip|at sea|voyage|out at sea|on the boat)\b[^.]{0,20}\b([6-9]|1\d|2\d)\s+months\b",
            r"\baway\s+(for\s+)?([6-9]|1\d|2\d)\s+months\b|\bnobody\s+comes?\s+(and|or)\s+goes?\b",
            r"\b(talk|speak)\s+to\s+(the\s+)?(neighbou?rs|outsiders|strangers)\b|(ហាម|មិនអាច|មិនឲ្យ)ទាក់ទង",
        )),
        _Near(r"\b(cannot|can't|can not|not allowed|must not|never|forbidden)\b", r"\buse\s+(a\s+|the\s+|her\s+|his\s+"
              r"|their\s+)?phones?\b(?!\s+(at work|during|while|on the line|in the))", within=30, ordered=True),
        _Roman("tursap * prakol", "toursap * prakol", "turasap * prakol", "prakol tursap", "yok tursap",
               "# khae nov samot", "# khae nov samut", "nov samot # khae", "ot oy brer tursap", "ot oy tak tong"),
        _Regex(_any(
            r"\b(cannot|can't|can not|not allowed to|may not|must not|never)\s+(call|contact|see|visit|meet|phone"
            r"|talk to|speak to|write to)(\s+or\s+(call|contact|see|visit|meet|phone|talk to|write to))?\s+(your\s+"
            r"|her\s+|his\s+|their\s+|the\s+)?(family|parents|relatives|home|husband|wife|children|kids)\b",
            r"\bno\s+way\s+to\s+(contact|call|reach|talk to|phone)\b|\b(at sea|on the boat|offshore)\s+(for\s+)?"
            r"(months|years)\b",
        )),
        _Roman("tursap * dak nov", "ot ach hav kruosar", "ot ach tak tong kruosar"),
        _Regex(r"(មិនអាច|ហាម|មិនឲ្យ|មិនអោយ)\S{0,6}(ទំនាក់ទំនង|ទាក់ទង|និយាយ|ជួប|ហៅ)\S{0,6}(គ្រួសារ|ឪពុកម្តាយ|សាច់ញាតិ)"),
        _Roman("ot oy * tursap", "ot oy * turasap"),
        _Regex(_any(
            r"\bphones?\s+(is\s+|are\s+)?(no|not)\s+allow\w*\b(?!\s+(on|in|at|during|while|for)\b)"
            r"|\bnot\s+allow(ed)?\s+(to\s+)?(have\s+|use\s+|bring\s+)?"
            r"(a\s+|your\s+)?phones?\b(?!\s+(at work|during|while|on the line|in the))",
            r"\b(cannot|can't|can not|not allowed to|not allow|no)\s+(contact|talk\w*|speak\w*)\s+(with\s+|to\s+)?"
            r"(outside|outsiders|neighbou?rs|anyone|people outside)\b",
            r"\bphones?\s+(is\s+|are\s+)?lock\w*\s+(in|away)\b|\b(call|phone|contact)\w*\s+(your\s+)?(family|home"
            r"|parents)\s+only\b",
        )),
        _Near(_PHONE, r"\b(stays?|kept|goes|given)\s+(with|to|by)\s+(the\s+)?(boss|owner|madam|captain|manager|company"
              r"|office|leader|guard)\b", within=15, unless=_NOT_ISOLATION),
        _Roman("ot ban kan tursap", "min ban kan tursap", "ot oy kan tursap", "ot ban kan phone"),
        _Roman("ot signal", "kmean signal", "ot mean signal", "min ach yok tursap", "min ach yok phone", "ot ban hav",
               "pnhoer tursap", "pnhoer phone", "mok leng min ban", "min ach mok sur", "ot mean kar tak tong",
               "dak phone", "dak tursap", honest=r"\b(ach|can|may)\s+dak\s+(phone|tursap)\b"),
        # The phone the boss puts away or takes ("phone thaokae dak"), as "ទូរស័ព្ទ ថៅកែទុក" is in script.
        _Roman("phone/tel/tursap dak * nov", "prakol phone/tel", "phone/tel/tursap thaokae/mchas/mekar dak/yok",
               "ot mean seva phone/tursap", "kmean seva phone/tursap", "ot oy yok phone/tursap",
               "kom yok phone/tursap", "min oy yok phone/tursap", "ot oy * kruosar/krousar", "min oy * kruosar/krousar",
               "kom oy * kruosar/krousar"),
        # Phones kept till the week's end or checked, calls home and visitors refused, mail opened, SIM cards removed.
        _Regex(_any(
            r"\bphones?\b[^.]{0,45}\b(give|given|returned|handed)\s+back\s+(only\s+)?(on\s+)?(saturday|sunday|weekend"
            r"|end\s+of|after\s+the\s+contract|once)",
            r"\b(do not|don't|cannot|can't|no)\s+call\w*\s+(home|family|parents)\b|\bphones?\s+(are\s+|is\s+)?check\w*"
            r"\b[^.]{0,20}\bby\s+(the\s+)?(supervisor|boss|owner|manager|madam|guard)",
            r"\bphones?\s+(use\s+)?(is\s+)?(forbidden|banned|not allowed|prohibited)\b[^.]{0,30}\b(hostel|dorm\w*"
            r"|all day|both)\b",
            r"\b(family|home|parents)\s+(contact|calls?|visits?)\s+(is\s+|are\s+)?only\s+(once|one time|1\s?time|1x)\b"
            r"|\bfamily\s+visits?\s+(is\s+|are\s+)?not\s+allowed\b",
            r"\b(letters?|parcels?|mail)\b[^.]{0,25}\bopened\s+by\b|\b(cannot|can't|not allowed to|may not)\s+(meet|see"
            r"|receive)\s+(any\s+)?visitors\b",
            r"\bsim\s*cards?\b[^.]{0,20}\b(removed|taken|kept|collected)\b|\bno visits?,?\s+no calls?\b"
            r"|\bfamily\s+(don'?t|do not|does not|doesn'?t)\s+need\s+to\s+know\b",
        )),
        _Roman("ham teurasap/tursap/phone", "ham nijeay * krousar/kruosar", "ot ban tel", "min ban tel",
               "ot ban mean fb", "ot ban jub", "ot ban mean teurasap/tursap", "krousar/kruosar mok leng ot ban"),
        _Regex(r"\b(teurasap|tursap|toursap|phone)\b[^.]{0,50}\byok\s+vinh\s+pel\s+chob\b"
               # Phones boxed in the office till the week's end, off for the whole trip.
               r"|\bphones?\s+(go\s+|are\s+|stay\s+|kept\s+)?in\s+(the\s+)?(office|box|safe|basket|bag)\b[^.]{0,25}"
               r"\buntil\s+(sunday|saturday|the\s+weekend|weekend|the\s+end|end|you\s+leave)\b"
               r"|\bphones?\s+(switched\s+|turned\s+)?off\s+(the\s+|for\s+the\s+)?(whole|entire|all)\s+(trip|time|month"
               r"|contract|season|voyage)\b"),
        # The phone ("tel") handed to the leader or left with the owner or captain and given back only later, no phone
        # or Facebook, family calls rationed, family and friends not to visit, outsiders not to be met.
        _Roman("tel/tursap/phone * trov pnhoer", "tel/tursap/phone dak nov/ning", "dak * tel nov",
               "yok tel/tursap/phone vinh tae", "ot/min/kom oy yok tel", "kmean tel", "kmean facebook/fb",
               "ot/min oy mean facebook/fb", "ot/min oy chuob neak krau/krav", "tel/tursap/phone tuk nov",
               "tursap/phone * krom hun rok sa", "yok tel ban tae"),
        _Regex(_any(
            r"(ឪពុកម្តាយ|គ្រួសារ|បងប្អូន|សាច់ញាតិ)[^។]{0,15}មកលេង\S{0,3}\s?មិន(បាន|អាច)|មិន(អាច|បាន|ឲ្យ|ឱ្យ|អោយ)\S{0,4}"
            r"មកលេង|ហាម\S{0,8}មកលេង|ផ្តាច់(ពី|ទំនាក់ទំនង)",
            r"(ទូរស័ព្ទ|ទូរសព្ទ)\S{0,4}\s?(ម្ចាស់|ថៅកែ|មេការ)\S{0,6}\s?(កាន់|ទុក|យក)|ទើប(ឲ្យ|ឱ្យ|អោយ|អាច)ប្រើ",
            r"(ស៊ីម(កាត)?|ទូរស័ព្ទ|ទូរសព្ទ)\S{0,4}\s?(ដាក់|ទុក)(នៅ|នឹង|ជាមួយ)\S{0,4}(ថៅកែ|ម្ចាស់|មេការ|មេ|ក្រុមហ៊ុន"
            r"|ការិយាល័យ)|(ដាក់|ទុក|ប្រគល់)(ទូរស័ព្ទ|ទូរសព្ទ|ស៊ីម)\S{0,6}\s?(នៅ|ឲ្យ|អោយ|នឹង)\S{0,2}(ថៅកែ|ម្ចាស់|មេការ"
            r"|ក្រុមហ៊ុន|ការិយាល័យ)|ហៅចេញ\S{0,4}មិន(បាន|អាច)",
            r"\b(niyeay|nijeay|tak\s?tong|hav|call)\s+(\w+\s+)?kr[ou]{1,2}sa\w*\s+ban\s+tae\b",
            r"\bno\s+(family|parents?|relatives?)\s+(visits?|calls?|contact)\b"
            r"|\bno\s+(\w+\s+(or|and)\s+)?(family|parents|relatives|visitors)\s+(can\s+)?(come|visit|to visit)\b"
            r"|\bno\s+personal\s+phones?\b(?![^.,]{0,30}\b(during|while|at work|on the line))",
        )),
    ),
    "violence": (
        _Regex(
            r"\b(get|gets|got|be|are|is|were|was|been)\s+(\w+\s+)?(hit|beaten|slapped|kicked|punched|whipped|caned"
            r"|hurt|tied up|chained|shocked)\b|\b" + _HURT + r"\s+(the\s+|a\s+)?" + _PERSON + r"\b"
            r"|\b" + _BOSS + r"\s+" + _NO_DENIAL + r"(\w+\s+)?(hits?|beats?|slaps?|kicks?|punch(es)?|whips?)\b"
            r"|\b(if|when)\b[^.]{0,30}\b(slap|hit|beat|kick|punch|whip)\w*\b|\b" + _HURT + r"\s+(if|when)\b"
            r"|(?<!no )(?<!handle )(?<!against )(?<!prevent )\b(beating|violence|physical abuse)\b(?!\s+(prevention"
            r"|free"
            r"|policy))|\b(use|uses|using)\s+(of\s+)?force\b|\bby force\b|\b(get|gets|given)\s+the\s+(stick|cane|belt"
            r"|whip)\b"
            r"|\bthrown\s+(in|into|overboard)\b|\bserve\s+(the\s+)?(boss|owner|manager)\s+(at night|in (his|the) room)"
            r"|\b(physical|corporal)\s+(punish\w*|disciplin\w*)|\bphysically\s+(punish\w*|disciplin\w*)"
            r"|\b(punish\w*|disciplin\w*|hit\w*|beat\w*)\b[^.]{0,30}\b(with|using|by)\s+(a\s+|the\s+|his\s+|her\s+)?"
            r"(sticks?|canes?|belts?|whips?|batons?|rods?"
            r"|hoses?|electric\w*)\b|\btied up\b|\bsleep\w*\s+with\s+(the\s+)?(manager|boss|owner|customers?|guests?"
            r"|madam)|\bstay\w*\s+overnight\s+with\s+(the\s+)?(owner|boss|manager)"
            r"|\bgo\s+(\w+\s+)?with\s+(the\s+)?(boss|owner|manager|customers?|guests?)\s+to\s+(a\s+|the\s+)?(hotel"
            r"|guesthouse|room)|\b(hug|hugs|kiss|kisses|touch|touches|grope\w*)\b[^.]{0,15}\b(staff|girls?|workers?"
            r"|you|employees|maids?)\b|\b(extra|special)\s+services?\s+for\s+(the\s+)?(boss|owner|manager)"
            r"|\bsexual\s+(harass\w*|abuse|favou?rs?)|\b(boss|owner|manager)\s+(can|may)\s+touch|\btouch\w*\s+(ok"
            r"|allowed)|\bmassage\s+(the\s+)?boss"
            r"|(ត្រូវ|នឹង)(គេ)?(វាយ|ធាក់|ដាល់|ទះ)|(វាយ|ធាក់|ដាល់|ទះ)(កម្មករ|បុគ្គលិក|អ្នកបម្រើ|គេ)|ទះកំផ្លៀង"
            r"|គេងជាមួយ(ថៅកែ|ចៅហ្វាយ|ភ្ញៀវ|មេ)"
        ),
        _Roman("thaokae vay", "trov vay", "mekar vay", "vay kammakor", "dek jea mouy thaokae", "toas muk",
               "trov toas", "captain vay", "boss/chief vay", "vay * dambong", "vay kbal"),
        # "dal" (punch) folds as "dol" (to, reach) does: "trov dol" is "must arrive", so only these spellings.
        _Regex(r"\b(trov|trouv)\s+(dal|daal)\b|\b(dal|daal)\s+(kammakor|kamakor|kmmkor)\b"),
        _Regex(_any(
            r"\b(beaten|hit|slapped|smacked|kicked|punched|whipped)\s+by\b|\bsmack\w*\b",
            r"(?<!egg )(?<!time )(?<!kick )(?<!punching )\b(hit|hits|beat|beats|beaten|beating|slap\w*|kick\w*"
            r"|whip\w*)\b" + _NOT_HURT,
            r"\b" + _BOSS + r"\s+" + _NO_DENIAL + r"(\w+\s+){0,3}(hits|beats|slaps|kicks|punches|whips)\b",
            r"\b(uses?|with)\s+(a\s+|the\s+|his\s+|her\s+)?(broom|stick|cane|belt|whip|rod|hose)\s+(on|against)\b",
            r"\b(let|allow)\s+(the\s+)?(guests|customers|clients|boss|owner|manager)\s+touch\b",
            r"(?<!anti-)(?<!anti )(?<!no )\b(rape|raped|molest\w*|harass\w*|grope\w*|assault\w*)\b(?!\s+(prevention"
            r"|policy"
            r"|training|rules?|free|complaints?|hotline|code))",
            r"\b(what|whatever)\s+the\s+(boss|owner|manager|customers?|guests?)\s+wants?\b[^.]{0,20}\broom\b"
            r"|\b(do|does)\s+(anything|whatever)\s+(he|she|they)\s+wants?\s+(to|with)\s+(the\s+)?(girls|staff|workers"
            r"|maids?|you)\b|\bin\s+(his|the boss'?s?|the owner'?s?)\s+room\b"
            r"|\b(boss|owner|manager|captain)\s+sleeps?\s+with\b|\bsleep\w*\s+with\s+(him|her)\b",
            r"(មេការ|ថៅកែ|ចៅហ្វាយ|ម្ចាស់|មេ)\s?(វាយ|ធាក់|ដាល់|ទះ)",
        )),
        _Roman("kapitan vay", "vay neak tver kar"),
        _Regex(r"\bspend\s+the\s+night\s+with\b"),
        _Regex(r"(?<!eggs )\b(beaten|slapped|kicked|whipped|punched)\b" + _NOT_HURT
               + r"|\bsleep\w*\s+in\s+(the\s+)?(boss|owner|manager)'?s?\s+room\b|\bgo\s+with\s+(the\s+)?(boss|owner"
               r"|manager)'?s?\s+friends?\s+to\b|មេ\S{0,4}វាយ"),
        _Roman("me ka vay", "mae tuk vay", "tat muk"),
        # Things thrown at staff, kneeling as punishment, a boss who calls a worker to his room at night.
        _Regex(r"\bthrows?\s+(\w+\s+)?at\s+(the\s+)?(staff|workers?|you)\b|\bkneel\w*\b|\bpunish\w*\s+(the\s+)?(staff"
               r"|workers?)\s+by\b|\bfollow\s+(the\s+)?(manager|boss)\b[^.]{0,30}\bnight\b"
               r"|ដោយវាយ|វាយ(កម្មករ|បុគ្គលិក)"),
        _Roman("vay neak na", "mchas * vay", "hav chol bontob", "ot ban bdeseth", "kom prab neak na"),
        # "chab dai" (grabs a hand) folds as "chhop tver" (day off, work): only these spellings.
        _Regex(r"\b(chab|chap|chaab)\s+(dai|day|dae)\b"),
        # Caught and beaten ("ចាប់បានវាយ"), beaten for being slow or lazy, a heavy hand, people beaten ("vay ke");
        # groping ("chab sach", ប៉ះពាល់ as "pa-pal" or "ba pe"), a boss's room or company at night ("yob trov nov
        # jea mouy thaokae"), a massage of his back, a man of the house who comes to the girl's room.
        _Roman("chab vay", "chab mok vay", "vay pel kjil", "kjil * trov dam/vay/tat"),
        _Regex(_any(
            r"\bdai\s+(thngon|thnguon|tngon)\b|\bvay\s+(ka|kar)\s+(mean|mien)\b|\bchab\s+(chab\s+)?(sach|sac)\b"
            r"|\b(vay|veay)\s+(ke|keh)\b"
            r"|\b(pa|ba|pah|bah)-?\s?(pal|pe|poal|peal)\b",
            r"\b(chea|jea)\s+(muoy|mouy|moy)\s+(bos|boss|thaokae|thao\s+kae)\s+(pel\s+)?(yub|yob)\b"
            r"|\by[uo][bp]\b[^.,]{0,15}\b(nov|dek|deik|keng)\s+(chea|jea)\s+(muoy|mouy|moy)\s+(bos|boss|thaokae"
            r"|thao\s+kae)\b"
            r"|\b(chol|chaol)\s+(bantob|bontob)\s+(thao\s?kae|thaokae|bos|boss)\b",
            r"\bmassage\s+(his|the\s+boss'?s?|the\s+owner'?s?)\s+(back|body|legs?|shoulders?)\b"
            r"|\bcomes?\s+at\s+night\s+to\s+(the\s+)?(girl'?s?|maid'?s?|her|your)\s+room\b"
            r"|\bcomes?\s+to\s+(the\s+)?(girl'?s?|maid'?s?|her|your)\s+room\s+at\s+night\b",
            r"(ឲ្យ|អោយ)?ឈរហាលថ្ងៃ|ខ្ជិល\S{0,4}វាយ|ចាប់(បាន|មក)?\s?វាយ|ទាត់ធាក់|(មេក្រុម|មេការ|ថៅកែ)(ទាត់|ធាក់)"
            r"|បម្រើ(ថៅកែ|ចៅហ្វាយ|ម្ចាស់)\S{0,4}ពេលយប់|ដោយ(ប្រើ)?ដំបង",
        )),
        # Runaways caught and beaten, standing in the midday sun or running laps as punishment, the boss trying a
        # massage on the girl's own body, a master who wants the maid to sleep in his room.
        _Regex(_any(
            r"\b(chab|chap|chaab)\b[^.]{0,40}\b(vay|veay)\b",
            r"\b(chh?or|chhar)\s+(hal|kor|kandal|kondal)\s+(thngai|tngai)\b|\brot\s+(jum|chum|jom)\s+vinh\b[^.]{0,20}"
            r"\b(joan|jon|chuon|jum)\b",
            r"(ថៅកែ|ចៅហ្វាយ|ម្ចាស់|មេ)\S{0,6}សាកល្បង\S{0,12}ខ្លួន(ប្អូន|នាង|ឯង)",
            r"\b(chao\s?hvai|chauhvay|thaokae|thao\s?kae|mchas)\s+(chong|chang)\b[^.]{0,25}\b(deik|dek|keng)\s+"
            r"(bontob|bantob|bantub)\s+(muoy|mouy|moy)",
        )),
    ),
    "threats": (
        _Regex(
            r"\b(if|when|who|those who|anyone who)\s+(the\s+)?(you\s+|they\s+|workers?\s+|maids?\s+|crew\s+|staff\s+)?"
            r"(run|runs|ran|escape\w*|leave\w*|quit\w*|stop\w*|resign\w*|break\w*|complain\w*|try|disobey\w*"
            r"|refuse\w*|argue\w*|make trouble|makes trouble|fight\w*|talk\w*|speak\w*|tell\w*|jump\w*"
            r"|contact\w*)\b[^.]{0,50}(?<!no )\b(police|immigration"
            r"|fine|fined|penalt\w*|pay back|owe|find you|catch|arrest\w*|jail|prison|report\w*|punish\w*|sold|sell"
            r"|thrown|blacklist\w*|(family|parents)\s+(in\s+the\s+\w+\s+)?(will|must|has|have|pays?|is|are|gets?)\b"
            r"|your village"
            r"|lose (all|your|their)|keep your|come to your|hunt\w*|trouble"
            r"|sue|sued|deport\w*)|\bdeport\w*|\b(sue|sued|suing)\s+(you|your|the)\b|\bhunted\b"
            r"|\b(leave|leaving|quit\w*|stop\w*)\s+(early|before)\b[^.]{0,40}(?<!no )\b(fine|penalt\w*|pay back|owe|sue"
            r"|police|report\w*|catch|find you)\b"
            r"|\brun (away |from )[^.]{0,40}\b(find|catch|police)|\b(do not|don't|dont) try (to )?(leave|escape|run)"
            r"|\bpin[ao]y\b|\b(we have|we know) (where )?your (address|family|village|home|parents)"
            r"|\bwe (have|know) (people|friends|men)\s+in\s+your\s+(village|home|province|district)"
            r"|\b(sold|sell)\s+(you\s+)?to\s+(another|other|a new)\b|\b" + _BOSS + r"\s+(has|have|carr\w+)\s+(a\s+)?"
            r"(guns?|pistols?|weapons?|knife)\b|\bthreat\w*"
            r"|រត់ចោល|ប៉ូលិសចាប់|ពិន័យ|គំរាម|បើរត់|បើ[^។]{0,30}(ប៉ូលិស|គ្រួសារត្រូវ)"
        ),
        _Regex(r"\b(call|calls|bring|get)\s+(the\s+)?police\s+(to\s+)?(arrest|catch|take)\s+you\b"),
        _Roman("rot chol", "polis chab", "police chab", "rok dol ptes/pteah", "rok kruosar", "tam chab",
               "prap/report polis", "tomlak chol samot/tuek", "yok * tov polis",
               "bor chhop * sang", "chhop mun * sang", "bor chhop * pinoy"),
        _Regex(_any(
            r"\b(leaving|quit\w*|escap\w*|run away|ran away|runs away|complain\w*|jump ship|disobey\w*)\b[^.]{0,40}"
            r"(?<!no )\b(fine[ds]?|penalt\w*|police|immigration|jail|prison|punish\w*|sue|deport\w*|problems?"
            r"|trouble|find (you|them)|make (you|them) pay|blacklist\w*)\b",
            r"\bwithout\s+permission\b[^.]{0,30}\b(fine[ds]?|penalt\w*|punish\w*|police)\b",
            r"\b(leav\w*|quit\w*|break\w*|escap\w*|run\w*)\b[^.]{0,40}\b(your\s+|her\s+|his\s+)?(family|parents)"
            r"\s+(will"
            r"|must|have to|has to)\b",
            r"\b(left|abandoned|dropped)\s+(on|at)\s+(an?\s+)?(island|sea|jungle|border)\b|\babandon\w*\b",
            r"\bor else\b|\b(compensat\w*|penalt\w*|fine)\b[^.]{0,30}\b(if|when)\s+(you\s+)?(leave|quit|break|stop|run"
            r"|escape)",
            r"\bhanded\s+(over\s+)?to\s+(the\s+)?police\b|\bcause\s+(problems|trouble)\b[^.]{0,30}\bpolice\b",
            r"\b(quit\w*|leav\w*|stop\w*)\s+(early|before)\b[^.]{0,60}(?<!no )\b(gone|lost|lose|forfeit\w*"
            r"|report\w*)\b",
            r"\b(who|if)\s+(\w+\s+){0,3}(complain\w*|talk\w*|escape\w*|run\w*)\b[^.]{0,40}\b(problems?|find (you|them)"
            r"|make (you|them) pay)\b",
        )),
        _Regex(r"\b(dak|daak)\s+(kuk|kuuk|kouk)\b"),  # "dak kuk" (jail) folds as "tik kork" (ice) does
        _Roman("chab * kuk", "hav polis", "hao polis", "hav police", "bos chol samot", "bos chol tuek"),
        # "dak tos" (punish) folds as "tuk dos" (milk) does, "tam rok" (hunt down) as "Thom rok": only as spelt.
        _Regex(r"\b(dak|daak)\s+(tosa|tos|tous)\b|\b(tam|taam)\s+(rok|rork)\b"),
        # Leaving early and then a fine, the police, the village chief told, being sold on or made to pay; the worker
        # named in public, sued, thrown out unpaid, or shut out of any work again; the family held to answer.
        _Regex(_any(
            r"\b(chh?o[bp]|chenh)\s+(ka\s+|kar\s+|tam\s+chet\s+)?(mun|muon|mon)\b[^.]{0,50}\b(sang|ppak|pak|pinoy"
            r"|polis|police|immigration|kuk|phsay|report|tolab|lok|bong\s+(luy|prak(?!\s+kh)|\$?\d))\b",
            r"\bphsay\s+(chhm?ous|chmos|chhmuos)\b|\b(prap|prab)\s+(meh|mee|me|mae)\s+(phum|khum)\b"
            r"|\b(chat\s+kar?|ptoeng|bdeng)\s+tam\s+(chbab|chbap)\b",
            r"\b(bampi|bamphi|denh|deng)\s+chenh\s+(ot|min|kmean)\s+(oy|aoy|ber|beuk)\s+(luy|prak)\b",
            r"\b(ot|min)\s+(ach\s+|ban\s+)?(ban|rok)\s+(ka|kar|ka-ngea|kangea)\b[^.]{0,25}\b(teat|tiet|tet|na\s+dae)\b",
            r"\b(yerng|yeung|yeng|bos|ke)\s+(dung|deng|skoal)\s+(phum|pteah|ptes|phteah|krousar|kruosar|teang\s+os)\b"
            r"|\b(krousar|kruosar|krosar)\s+(trov|nung|nging)\s+(tatuol|totuol)\b",
            r"\bbamnol\b[^.]{0,15}\b2\s+(dong|dang)\b|\bphnhae\s+(ke|neak)\s+tov\s+tam\s+(pteah|ptes|phteah)\b",
            r"បញ្ជីខ្មៅ|ប្តឹង\S{0,3}ប៉ូលិស|ដាក់គុក|តាមចាប់",
        )),
        _Regex(r"\bheld\s+responsible\b|\b(family|parents)\b[^.]{0,20}\b(will\s+)?pay\s+for\s+(it|the loss)\b"),
        _Regex(r"\bsend\s+(men|people|someone|somebody)\s+to\s+your\b|(នឹង|ត្រូវ)\S{0,4}ប្តឹង"),
        _Regex(r"\bkill\w*\b|\b(don't|do not|never)\s+try\s+to\s+(run|leave|escape)\b"),
        _Roman("somlab chol", "kom chang rot", "kom sak rot"),
        _Regex(r"\b(if|when)\s+(you\s+)?(leave|quit|run|stop)\w*\b[^.]{0,30}\btake\s+your\b|\bblacklist\w*"),
        # "hav/hao polis" is read above; the police as "nokorbal"; trouble brought to the family ("rueng dol krusa").
        _Roman("deng ptes/pteah", "hav polih", "hav/hao nokorbal", "rueng dol kruosar/pteah"),
        # Fines for quitting, a debt doubled, the family told or made to pay.
        _Regex(_any(
            r"\bresign\w*\s+(early|before)\b[^.]{0,40}\b(fine|penalt\w*|pay back|owe)\b|\bguarantor\s+must\s+pay\b",
            r"\bquit\w*\b[^.]{0,40}\b(pay|fine)\b[^.]{0,15}\b(damages?|penalt\w*)\b|\bletter\s+to\s+your\s+(commune"
            r"|village|family)\b",
            r"\bdebt\s*x\s*2\b|\bdouble\s+(the\s+)?debt\b|\bdebt\s+doubled\b|បាត់ផ្ទះ",
        )),
        _Roman("tov rok * dol pteah/ptes"),
        # "pak luy" (a fine) folds as "bek luy" (pay out) does: only as spelt.
        _Regex(r"\bpak\s+(luy|prak)\b"),
        # Leaving early costs the deposit or a doubled debt, brings the police on a made-up theft, a fine
        # ("pinhey"), a debt to the shop, word to every employer; "you will regret it".
        _Regex(_any(
            r"(ឈប់|ចេញ)មុន[^។]{0,30}(ប្រាក់កក់|លុយកក់|ប្រាក់ធានា)\S{0,2}ចោល|បំណុល\S{0,6}ទ្វេ|នឹង\S{0,3}ស្តាយ",
            r"(ឈប់|ចេញ|រត់)មុន[^។]{0,30}(ប៉ូលីស|ប៉ូលិស|នគរបាល)|ហៅ(ប៉ូលីស|ប៉ូលិស|នគរបាល)",
            r"\b(pinhey|pinhei|pinhai|penhey|pinei)\b",
            r"\b(chh?o[bps]|chenh)\s+(mun|muon|mon|(ot|min)\s+ban)\b[^.]{0,50}\b(bomnol|bamnol|bonol"
            r"|[jc]h?[ou]mpeak)\b",
            r"\b(never|not|cannot|can't|won't)\s+(\w+\s+)?(find|get)\s+(\w+\s+)?(work|job)s?\b[^.]{0,25}\bagain\b"
            r"|\btell\s+(every|all)\s+(the\s+)?(agenc\w*|hotels?|employers?|compan\w*|factor\w*)\b",
        )),
        # Caught if they run, friends in the police: "ber rot trov chab", "yeung mean knea nov police".
        _Roman("ber rot * chab", "rot trov chab", "mean knea nov police/polis/polich"),
    ),
    "debt_bondage": (
        _Regex(
            r"\b(advance|loan|lend|lent|borrow\w*|debt|credit)s?\b[^.]{0,70}\b(repa\w*|pay(ing)?\s+(it\s+)?back"
            r"|paid back|deduct\w*|cut|taken|work (it )?off|work until|work to (repay|return|pay)|return it"
            r"|from (your |the )?(salary|wages?|pay)|until (it is |it's )?(paid|cleared|clear|finished)"
            r"|until (you )?(pay|repay|clear)\w*)"
            r"|\bwork\w*\b[^.]{0,40}\buntil\s+(you\s+)?(pay|repay|clear)\w*\s*(back\s+|off\s+)?(all|it|everything|the"
            r"\s+(money|debt|loan|advance))\b|\buntil\s+(the\s+)?debts?\s+(is\s+)?(finish\w*|zero|gone|over|clear\w*)"
            r"|\b(give|gives|gave|lend|lends|lent|loan|loans|pay|pays|paid)\s+(to\s+)?(your\s+)?(family|parents?|mother"
            r"|father)\s+(\$\s?\d|\d+\s?(\$|usd|dollars?))"
            r"|\b(your\s+)?(family|parents?|mother|father)\s+(take|took|get|got|receive\w*)\s+(\$\s?\d|\d+\s?(\$|usd"
            r"|dollars?))"
            r"|\binterest\s+(every|each|per|a)\s+(week|day|month)\b"
            r"|\bdebts?\b[^.]{0,20}\b(paid|cleared|finish\w*)\s+before\s+(you\s+)?(can\s+)?(leave|quit|go|stop)"
            r"|\b(parents|family)\s+(get|gets|receive\w*|take)\b[^.]{0,20}\d[^.]{0,50}\b(work|return|repay|pay back)"
            r"|\b(cannot|can't|can not|not allowed to|no)\s+(leave|leaving|quit|quitting|go|stop)\b[^.]{0,30}\b(until"
            r"|while|before|with)\b[^.]{0,25}\b(debt|owe|owing|owed|repaid|loan|advance|balance)"
            r"|\b(you\s+)?owe\s+(the\s+)?(company|boss|agent|broker|us|owner)\b|\bwork\s+(it\s+|this\s+)?off\b"
            r"|\b(repay|pay\s+(it\s+)?back|return|clear|pay off)\w*\b[^.]{0,30}\b(by|with|through)\s+(\w+\s+){0,3}(work"
            r"|working|labou?r)\b|\b(clear|pay off)\s+(your\s+|the\s+)?(\w+'s\s+)?debts?\b"
            r"|\binterest\b[^.]{0,20}\d+\s?%\s*(a|per|each|/)?\s*(month|week|day|khe|khae|ខែ)"
            r"|\bbalance\s+(owing|owed|due)\b|\bwork\w*\s+to\s+(pay|repay|return|clear)\b|\bpay\s+it\s+back\b"
            r"|\bpaid by (the )?(company|boss|employer|agent)\b[^.]{0,40}\b(deduct\w*|cut|repa\w*|pay back"
            r"|from (your )?"
            r"(salary|wages?))"
            r"|ខ្ចីលុយ|ខ្ចីប្រាក់|សងបំណុល|ទទួលលុយមុន|លុយមុន|ធ្វើការសង|កាត់សង|សងរហូត|សងរួច|ធ្វើការរហូតសង|រហូត\S{0,6}សង"
            r"|បង់បំណុល",
            honest=_BANK_WORK,
        ),
        _Roman("kchei luy mun", "kchei luy", "oy kchei luy", "sang bamnol", "tver kar sang", "yok luy mun",
               "sang vinh", "ban luy mun", "oy luy mun", "sang ruoch", "rahout sang", "oy kchei", "kchei # mun",
               "sang os", "kar prak # %", "kar prak #", "sang bonol", "kchei oy", "luy kchei mun", "luy mun ban",
               "kchei mun ban", "chea bonol/bamnol",
               honest=r"\bsa?a?ng\s?sa?a?ng\b|" + _BANK_WORK),
        _Regex(_any(
            r"\b(paid|pay|paying)\s+(back|off)\s+from\s+(your\s+)?(wages?|salary|pay|share)\b",
            r"\bbound\s+to\s+(the\s+)?(farm|boat|company|boss|employer|owner|factory|job|brick kiln|kiln)\b",
            r"\b(advance|loan|debt|money)\b[^.]{0,80}\buntil\s+(it's|it is|the money is|all is)\s+(returned|repaid"
            r"|paid back)\b",
            r"\bowe\s+(the\s+)?(\w+\s+)?(company|boss|agent|broker|owner|captain|employer)\b",
            r"\buntil\s+(the\s+|your\s+|all\s+)?(debt|loan|advance|money)\s+(is|are)\s+(gone|covered|paid|paid off"
            r"|cleared"
            r"|finished|returned|repaid|clear)\b|\buntil\s+it\s+is\s+(covered|paid off|repaid|returned)\b",
            r"\b(pay|pays|paid|clear|clears)\s+(off\s+)?(your|their)\s+(\w+\s+)?(debts?|loans?)\b",
            r"\bowe\s+(the\s+)?(recruiter|moneylender|money lender|lender|agency)\b",
            r"\b(cannot|can't|not allowed to)\s+(change|switch)\s+(employer|job|jobs|company)\b[^.]{0,20}\buntil\b",
            r"\bwork\w*\s+for\s+free\b|\b(debt|loan|advance)s?\b[^.]{0,60}\bwork(s|ing)?\s+(for\s+(free|us|the owner"
            r"|the company|him)|to\s+(repay"
            r"|pay|return|clear)|until|it\s+off)\b",
            r"\b(salary|wages?|pay)\b[^.]{0,30}\b(go|goes|used|taken)\s+(to\s+)?(pay|repay|cover)\s+(for\s+)?(the\s+)?"
            r"(agency|agent|broker|travel|debt|loan|fees?)\b",
        ), honest=_BANK_WORK),
        _Regex(_any(
            r"\b(no pay|without pay|for free|unpaid)\s+to\s+(return|repay|pay back|cover)\b",
            r"\b(give|gives|pay|pays|lend|lends)\s+(\$\s?\d+|\d+\s?(\$|usd|dollars?))\s+to\s+your\s+(family|parents)\b",
        ), honest=_BANK_WORK),
        _Regex(_any(
            r"\btakes?\s+(it|them|this)\s+back\s+from\s+(your\s+|the\s+)?(salary|wages?|pay)\b",
            r"\bpays?\s+(your\s+|their\s+)?(mfi|bank|microfinance|loan)\s+(instal\w*|repayments?|debts?|loans?)\b",
        )),
        # "twer sang" (work to repay) only as spelt: folded, it is the name "Tai Seng".
        _Regex(r"សងដោយ(ការងារ|ធ្វើការ)|\bwork\s+(the\s+)?(year|month|debt|it)\s+off\b|\bpay\s+ahead\b"
               r"|\b(tver|twer|thver|tvea|thvea|tveu)\s+(sang|song)\b", honest=r"\bsa?a?ng\s?sa?a?ng\b"),
        # What is owed runs past the wage ("ot krob sang", carried to the next trip), borrowed costs repaid from the
        # wage, interest that grows, an advance the employer pays first and cuts from the wage.
        _Regex(r"\b(ot|min)\s+(krob|krub)\s+(sang|bong)\b|ខ្ចី\S{0,3}ថ្លៃ|សងពី(ប្រាក់ខែ|លុយខែ)|ការប្រាក់(កើន|ឡើង)"
               r"|មិនទាន់សង|ខ្ចីមុន|(ចេញ|បង់)(ឱ្យ|ឲ្យ|អោយ)(សិន|មុន)[^។]{0,40}កាត់"
               r"|\b(chenh|bong)\s+(oy|aoy)\s+(sin|sen|mun|muon)\b[^.]{0,40}\bkat\b", honest=_BANK_WORK),
        # A fee, a ticket or the tab in the book taken from the wage bit by bit or later, the microfinance loan paid
        # from the wage, a loan to the family that keeps the worker until it is repaid; the employer who pays off the
        # worker's debt ("អ្នកមានបំណុលមីក្រូ យើងសងឲ្យ", "chum pak microfinance, yeung chuoy bong").
        _Regex(_any(
            r"\bpay\w*\s+(it\s+)?later\s+(from|out of|with)\s+(your\s+|the\s+)?(salary|wages?|pay)\b",
            r"\bkat\s+(pi\s+)?(prak|luy)\s+khe\b[^.]{0,30}\b(rhout|rohot|rahout|rohout)\s+(krub|krob|ruoch|ruch)\b",
            r"\b(writ\w*|note\w*|record\w*)\s+(in|knong)\s+(the\s+|a\s+)?(book|sievphov)\b[^.]{0,10}\bkat\s+(pi\s+)?"
            r"(prak|luy)\s+khe\b",
            r"\bpay\w*\s+(your\s+|their\s+)?(mfi|microfinance|loans?)\b[^.]{0,20}\bfrom\s+(your\s+|the\s+)?(salary"
            r"|wages?|pay)\b",
            r"ប្រាក់ខ្ចី[^។]{0,30}កាត់ពី(ប្រាក់ខែ|លុយខែ)|(មិន|អត់)(អាច|បាន)?(ឈប់|ចេញ|ចាកចេញ)\S{0,6}សង",
            r"(បំណុល|ខ្ចី)[^។]{0,30}(យើង|ក្រុមហ៊ុន|ថៅកែ|ម្ចាស់)\s?(ជួយ)?សង(?!\S{0,3}ប្រាក់ខែ)",
            r"\b(bamnol|bomnol|bonol|microfinance|mfi)\b[^.]{0,30}\b(yeung|yerng|company|krom\s?hun|thaokae"
            r"|thao\s+kae)\s+(chuoy\s+)?(sang|bong)\b",
        ), honest=_BANK_WORK),
    ),
    "conditions": (
        _Regex(
            rf"(?<!no )\b(sleeps?|sleeping|rests?|resting)\b[^.,]{{0,12}}\b(on|in|at|under|next to|beside|near"
            rf"|between)\s+(the\s+|a\s+)?"
            rf"(\w+\s+)?{_NO_BED}\b|\b(lives?|living|stays?|staying)\s+(\w+\s+)?(in|on|under)\s+(the\s+"
            rf"|a\s+)?{_SHELTER}\b"
            r"|\bno\s+(own\s+)?(toilets?|bathroom|bed|fan|clean water|electricity|mask|gloves|helmet|harness|goggles"
            r"|ventilation|safety\s+\w+|protective\s+\w+|(\w+\s+)?protection)\b|\bwithout\s+(a\s+)?(mask|gloves"
            r"|protection|safety\s+\w+|helmet|harness)|\bbare hands\b|\bbunk beds?\b[^.]{0,20}\b\d\d+"
            r"|\d\d+\s*(people|workers|persons)\s+bunk|\b[1-9]\d+\s+(people|workers|persons|staff)\s+(in|per|a|one"
            r"|each|share|sharing)\s+(\w+\s+)?(room|tent|shed|hut|cabin)\b|\b(room|tent|shed|hut|cabin)\s+for\s+"
            r"[1-9]\d+\s+(people|workers|persons|staff)|\b(room|tent|shed|hut|cabin)\b[^.]{0,40},\s*[1-9]\d+\s+"
            r"(people|workers|persons)\b|\b(water|food|rice|meals?)\s+(is\s+)?(rationed|limited)\b|\bshare\s+one\s+"
            r"(small\s+)?(cabin|room|tent|bed)\b|\b(drink|wash|bathe)\w*\s+(\w+\s+){0,2}(river|canal|pond|rain)\b"
            r"|\bwith fumes\b|\bsleep\w*\s+(\w+\s+){0,2}under\b|\b(bring|brings)\s+(your|their)\s+own\s+(mats?"
            r"|mosquito nets?"
            r"|blankets?|hammocks?)|\b(room|place|tent|shed|hut|cabin|house|space|area)\b[^.,]{0,20}\b(shared"
            r"|for)\s+(by\s+"
            r"|with\s+)?[1-9]\d+\s+(people|workers|persons|staff|men|women)"
            r"|ដេកនៅការដ្ឋាន|ដេកនៅកន្លែងធ្វើការ|ដេកនៅរោងចក្រ|ដេក\s?(ក្នុង|នៅ)\s?(តង់|ឃ្លាំង|ផ្ទះ\s?បាយ|ដី)"
            r"|[1-9]\d+\s*នាក់\s*(ក្នុង)?មួយបន្ទប់|(រោង|បន្ទប់|តង់)[^.]{0,25}[1-9]\d+\s*នាក់|គ្មានបន្ទប់ទឹក"
            r"|គ្មានម៉ាស់|គ្មានស្រោមដៃ"
            r"|គ្មានឧបករណ៍ការពារ|(ស្នាក់នៅ|ដេក)\S{0,6}\s?តង់|គ្មានបង្គន់",
            honest=r"\b(no|don't|do not|never)\s+(need\s+to\s+)?sleep\w*[^.,]*|\bsleep\w*\s+at\s+home\b",
        ),
        _Roman("dek nov rongchakr", "dek nov kanlaeng tver kar", "dek nov karathan", "dek leu kamral",
               "ot mean bantub tuek", "kmean bantub tuek", "dek jea mouy # nak", "dek leu kdar",
               "ot mean kre", "kmean kre", "snak nov khtom", "ot mean tuek", "kmean tuek",
               honest=r"\bmean\s+snak\s+nov\b"),
        _Regex(_any(
            r"\b(dorm\w*|rooms?|house|shed|hut|tent|camp|shack|barracks?)\s+(for\s+|of\s+)?[2-9]\d+\s+(people|workers"
            r"|persons|staff|men|women)\b",
            r"\bno\s+(shade|drinking water|water|rest breaks?|boots|eye protection|warm clothes|jackets?"
            r"|protective clothes)\b",
            r"\bbare\s+(skin|feet|hands)\b|\b(crowded|cramped|overcrowded)\s+(rooms?|dorm\w*|house|quarters|tents?"
            r"|huts?)\b|\bdirty\s+(rooms?|water"
            r"|dorm\w*)\b",
            r"(?<!no )\bsleep\w*\s+(on|in)\s+(the\s+)?(\w+\s+)?(tables?|benches?|chairs?|boxes|mats?|boards?|floor)\b",
            r"\b(lives?|living|stays?|staying)\s+(\w+\s+)?(in|on)\s+(a|the)\s+(shacks?|huts?|bamboo huts?|plastic)\b",
        ), honest=r"\b(no|don't|do not|never)\s+(need\s+to\s+)?sleep\w*[^.,]*|\bsleep\w*\s+at\s+home\b"),
        _Regex(_any(
            r"\b(no|without)\s+(\w+\s+)?(gloves|boots|masks?|helmets?|harness\w*|life ?jackets?|warm clothes"
            r"|(warm\s+)?jackets?|goggles|protective \w+|safety \w+)\b",
        )),
        _Roman("ot mean bongkon", "kmean bongkon", "ngut tuk prolay", "ngut tuk stung", "ot mean kanleng dek"),
        _Roman("ot mean kong hal", "kmean kong hal", "dek nov knong rong"),
        _Regex(r"\b(one|1|only one)\s+meals?\s+(a|per)\s+day\b|\bfish\s+hold\b"),
        _Roman("ot mean kanghar", "kmean kanghar", "kammakor sonlob"),
        _Regex(r"(ដេក|គេង)(នៅ)?(លើ)?(ឥដ្ឋ|ដី|ការ៉ូ|កម្រាល|ក្រាល)|(គ្មាន|អត់\s?(មាន)?|មិន\s?មាន)\s?(ភួយ|មុង|គ្រែ|កង្ហារ)"
               r"|\bwithout\s+(a\s+)?(\w+\s+)?(jackets?|gloves|boots|masks?|helmets?)\b"),
        # Crowded rooms by the count ("25 nak bantob mouy", "18 nak/bontob"), gear not given, beds that are the cab or
        # the work table, water fetched from a well.
        _Regex(r"\b[1-9]\d\s*(nak|neak|people|workers?|persons?)\s*(/\s*|per\s+|knong\s+|in\s+(one|1|a)\s+)?"
               r"(bantob|bontob|bantub|room)\b|\b(gloves?|masks?|boots|helmets?|goggles)\s+(are\s+|is\s+)?not\s+"
               r"(provided|given|supplied|included)\b|\bsleep\w*\s+(\w+\s+){0,2}(in|under|on)\s+(the\s+)?(cab|cabin"
               r"|truck|lorry|cutting\s+tables?|tables?|sewing\s+machines?|sacks)\b"),
        _Roman("ot chambach pak mask", "min chambach pak mask", "ot trov pak mask", "ot mean sbaek dai/day",
               "kmean sbaek dai/day", "tuek ot mean", "ot mean * mask", "kmean * mask", "dong tuek pi andong"),
        # Beds on cardboard, a chair or the workshop floor, no clean water, gear missing or not enough of it.
        _Regex(r"ដេក\S{0,20}(កាតុង|លើកៅអី|លើក្រាល)|ដេកក្នុង(វើកស្សប|រោង|ការដ្ឋាន)"
               r"|(គ្មាន|អត់\s?(មាន)?|មិន\s?មាន)\s?ទឹក\s?ស្អាត"
               r"|(មិន\s?មាន|គ្មាន|អត់\s?(មាន)?)\s?(ម៉ាស|ស្រោមដៃ|មួក|ខ្សែក្រវ៉ាត់|ខោអាវការពារ)"
               r"|(ខ្សែក្រវ៉ាត់|មួកដែក|ស្រោមដៃ|ម៉ាស)\S{0,20}\s?\S{0,12}មិនមានគ្រប់"
               r"|\bsleep\w*\s+(\w+\s+){0,2}(in|under|on)\s+(the\s+)?(bus|van|boat\s+deck)\b"),
        _Roman("ot mean mouk/moak/muok", "ot mean sraom/srom/sarom dai", "kmean sraom/srom dai",
               "ot mean khsae kravat", "kmean mouk/moak/muok", "kmean khsae kravat", "ot tuek saat"),
        _Regex(r"មិនផ្តល់(ម៉ាស|ស្រោមដៃ|មួក|ខ្សែក្រវ៉ាត់)|(គេង|ដេក)ក្នុង(បន្ទប់ស្តុក|ឃ្លាំង)"
               r"|\b[1-9]\d\s*(nak|neak)\s+(dek|keng)\s+(ruom|rourm|jea\s+mouy)\b"),
        _Roman("ot mean pleung/phleung", "ot mean chunh/aov chaeng", "dek knong lan", "keng knong lan",
               "ot mean khsae sovatthephap/sovathepheap/sovathephap"),
    ),
    "overtime": (
        _Regex(
            r"\b(7|seven)\s*days?\s*(a|per|/|each)\s*week(?<!open 7 days a week)|\b7/7\b"
            r"|\bno\s+(day off|days off|off days?|rest day|rest|holidays?|weekends?|sundays?\s+off|weekends?\s+off)\b"
            r"(?!\s+work)|\bno\s+sundays?\b(?!\s+work)|\b(compulsory|forced|must do|mandatory)\s+(overtime|ot)\b"
            r"|\b(overtime|ot)\s+(is\s+)?(must"
            r"|compulsory|forced|mandatory)|\b(overtime|ot|extra hours)\s+(is\s+)?(not|un)\s?paid\b"
            r"|\b(overtime|ot)\b[^.]{0,40}\b(cannot|can't|can not|no)\s+(refuse|say no)\b"
            r"|\b(overtime|ot)\s+every\s+(day|night)\b|\buntil midnight\b|\b([1-9]|1[01])\s*(am|a\.m\."
            r"|in the morning)\s*(-|to|until|till)\s*midnight\b|\b(?<!open )all night\b"
            r"|\b(work|works|working)\s+(\w+\s+)?every\s+day\b|(?<!for )\ball days\b|\b(30|31)\s+days\s+(a"
            r"|per)\s+month\b"
            r"|\b(one|1|only one)\s+day\s+(off|rest|holiday)\s+(a|per|each|every)\s+month\b|\brest\s+(one|1)\s+days?"
            r"\s+(a|per|each)\s+month\b|\bholidays?\s+only\s+(at|on)\b|\bno fixed hours\b"
            r"|\b(security|guards?|watchm[ae]n)\b[^.]{0,40}\b24/7\b(?![^.]{0,40}\bshifts?\b)"
            r"|\b(work|works|working|on call|on duty|duty)\s+(\w+\s+)?(24\s*(hours?|hrs?|h)\b|day and night"
            r"|around the clock)"
            r"|\bsunrise\s+(to|until|till)\s+(sunset|dark|dusk|night)\b|\bdawn\s+(to|until|till)\s+(dusk|dark|night)\b"
            r"|(?<!open )\bmon(day)?\s*(-|to|until)\s*sun(day)?\b|\b(daily|nightly)\s+(overtime|ot)\b"
            r"|\b(overtime|ot)\s+(\w+\s+){0,3}required\b|\bno\s+breaks?\b|\blong hours\b|\bwork\w*\s+(both|two"
            r"|double)\s+shifts\b|\bdouble[- ]shifts?\b"
            r"|\b(1[0-9]|[89])\s*(hours?|hrs?|h)\s+(plus|\+)\s+(ot|overtime)\b"
            r"|\buntil\s+the\s+last\s+(customer|guest)\b"
            r"|\bwork\w*\s+(\w+\s+)?(7|seven)\s+days\b(?!\s+(off|leave|holiday|a month|per month))"
            r"|\b\d+\s*(hours?|hrs?|h)\b[^.]{0,20}\b(7|seven)\s+days\b"
            r"|(?<!open )\b(1[3-9]|20)\s*(hours|hrs|h)\b(?!\s*(a|per|/|each)\s*(week|month))|\bmorning\s+(till|to"
            r"|until)\s+(late\s+)?night\b"
            r"|(អត់|គ្មាន|មិន)\s?(មាន\s?)?ថ្ងៃ\s?(ឈប់|សម្រាក)"
            r"|ធ្វើការ[^។]{0,25}(?<!លុយ)(?<!ឈ្នួល)(?<!ប្រាក់)(?<!ខែ)រាល់ថ្ងៃ"
            r"(?!\s?ច័ន្ទ\s?(-|ដល់)\s?(សៅរ៍|សុក្រ))"
        ),
        _Roman("ot mean thngai chhop", "ot chhop", "kmean thngai chhop", "ot mean thngai somrak", "ot mean chhop",
               "prek dol yub", "pruek dol yub", "tver kar reang real thngai", "thngai chhop/somrak ot mean"),
        _Regex(r"\bwhenever\s+(the\s+)?(family|boss|owner|madam|employer)\s+needs?\b|\bday and night\b(?!\s+shifts?)"),
        _Regex(r"\b24\s?/\s?(24|7)\b[^.,]{0,15}\bevery\s?day\b|\bwork\w*\s+24\s?/\s?24\b"
               r"|\b7\s*(thngai|tngai)\s*(/\s*)?(mouy|muoy|1)?\s*(atit|sabda)\b"),
        _Regex(_any(
            r"\b(mouy|muoy|1)\s*(atit|sabda)\s*7\s*(thngai|tngai)\b|\b(30|31)\s*(thngai|tngai|ថ្ងៃ)\s*(/|mouy|muoy|1"
            r"|ក្នុង)?\s*(khae|khe|ខែ)",
            r"\b(y[uo][bp])\s+(ning|nung|neng|nis|and|\+)\s+(thngai|tngai)\b|\b(thngai|tngai)\s+(ning|nung|neng|and|\+)"
            r"\s+(y[uo][bp])\b|\bnight\s+(and|\+|&)\s+day\b(?!\s+shifts?\b(?![^.]{0,30}\b(need|required|until|till)))",
            r"\b(until|till|til)\s+(finish\w*\s+)?(the\s+|all\s+)?orders?\b(?!\s+(is\s+|are\s+)?(taken|placed))",
            r"\brest\s+(only\s+)?[1-5]\s*(hours?|hrs?|h)\b(?!\s+(a|per)\s+(week|month))|\bkeng\b[^.,]{0,25}\b[1-4]"
            r"\s*(mong|maong)\b",
            r"(?<!open )(?<!opens )\b(guard\w*|work\w*|on duty|duty)\s+24\s?/\s?7\b|\bnever\s+(a\s+)?(day\s+)?off\b",
            r"\b(work\w*|sew\w*)\s+(till|until|to)\s+[1-4]\s*(am|a\.m\.)\s+every\s+night\b",
        )),
        # Shifts and days counted: 24 hours on, two shifts back to back, from before dawn until dark.
        _Regex(_any(
            r"\b(1[3-9]|2\d|3\d)\s*(hours?|hrs?|h)\s+on\b|\bback[- ]to[- ]back\s+shifts?\b"
            r"|\b(2|two|double)\s+shifts?\s+back[- ]to[- ]back\b|\bshifts?\b[^.]{0,40}\bsame (person|worker|staff)\b",
            r"\b[1-5]\s*(am|a\.m\.|proek|pruek|prik|prek|pruk|preuk)\b[^.]{0,25}\b(until|till|to|dol)\s+(ngo ?ngit|dark"
            r"|late night|yup|yub)\b|\bevery\s?day\s+(incl\w*|including)\s+(holidays?|sundays?)\b",
            r"\buntil\s+(the\s+)?last\s+(car|client|order|truck|boat)\b|\b(1[3-9]|2[0-3])\s*(hours?|hrs?)\b"
            r"(?!\s*(a|per|/|each)\s*(week|month))",
            r"មិនមានថ្ងៃសម្រាក|ភ្ញាក់\S{0,8}[1-4]\S{0,6}ព្រឹក",
        )),
        # A day shift chained to a night one, one worker round the clock with nobody to relieve them, work that ends
        # only when the orders are done, "8 hours in the contract but really 12", compulsory OT every night.
        _Regex(_any(
            r"\bshifts?\b[^.]{0,40}\bback[- ]to[- ]back\b|\bday\s+shift\s+(then|and|\+)\s+(the\s+)?night\b",
            r"\b(finish|end|stop|close)\w*\s+(only\s+)?when\s+(all\s+)?(the\s+)?(orders?|parcels?|goods)\s+(is\s+"
            r"|are\s+)?(all\s+)?(done|finished|complete\w*|ready|out)\b",
            r"(?<!shift )(?<!shifts )(?<!\dh, )(?<!\d h, )(?<!hours, )\bday\s+(or|&)\s+night\b(?!\s+shifts?)"
            r"|\bwhenever\s+(a\s+|the\s+)?(customers?"
            r"|clients?|guests?)\s+(comes?|calls?|arrives?|needs?)\b|\bon call\s+(all the time|any ?time|always)\b",
            r"\b(nobody|no one|no-one)\s+(to\s+)?(replace|relieve)s?\b|\bno\s+(replacement|relief)\b"
            r"|\b24\s*(hours?|hrs?|h)\s+(on\s+)?(sat\w*|sun\w*|weekends?)\b",
            r"\b\d{1,2}\s*(mong|maong|hours?|h)\b[^.]{0,15}\b(tae|but)\s+(tver\s+|work\s+)?(pit|really|actually"
            r"|in fact)\s+(1[2-9])\s*(mong|maong|hours?|h)\b",
            # "ot bongkhom" alone is also "not compulsory": only with when it is owed ("OT bongkhom rol yub", "rohout
            # dol 10 yob"); OT left unpaid ("OT ot ban luy", "min bong OT").
            r"\b(ot|overtime)\s+(bong\s?kh?[ou]m|bangkhom)\s+(rol|real|reang|every|tam|dol|rohout|rohot|rhout|rhot)\b"
            r"|\b(ot|overtime)\s+(ot|min|kmean)\s+(ban\s+|mean\s+)?(luy|bong(?!\s?kh?[ou]m)|kit\s+luy)\b"
            r"|\b(min|kmean)\s+(bong|ban|kit)\s+(luy\s+)?(ot|overtime)\b"
            r"|\b(ot|overtime)\b[^.,]{0,15}\b(rol|real|reang\s+real)\s+"
            r"(yub|yob|yup)\b",
            r"\b(y[ea]{1,2}m|nov|guard\w*|stay\w*)\s+24\s?/\s?24\b",
            r"\b(chh?[ou]a?[bp]|s[ao]m?rak)\s+(ban\s+)?(1|mouy|muoy)\s*(thngai|tngai)\s*(/\s*|knong\s+|mouy\s+|1\s+)*"
            r"(khae|khe)\b|\b(1|mouy|muoy)\s*(khae|khe)\s+(chh?[ou]a?[bp]|s[ao]m?rak)\s+(ban\s+)?(1|mouy|muoy)\s*"
            r"(thngai|tngai)\b|ឈប់(សម្រាក)?\s?1\s?ថ្ងៃ\s?(/|ក្នុងមួយ|ក្នុង)\s?(1\s?)?ខែ",
            r"វេន[^។]{0,25}ជាប់គ្នា|(2|ពីរ)\s?វេនជាប់|គ្មានម៉ោងកំណត់|មិនមានម៉ោងកំណត់|ធ្វើ(ការ)?មិនឈប់|ទាំងថ្ងៃទាំងយប់",
            r"(ម្នាក់ឯង|តែម្នាក់)\s?24\s?ម៉ោង|24\s?ម៉ោង\S{0,6}\s?(ម្នាក់ឯង|តែម្នាក់)"
            r"|\balone\b[^.,]{0,15}\b24\s*(hours?|h)\b",
            r"រហូតដល់\s?(ម៉ោង)?\s?(12\s?(យប់|អធ្រាត្រ)|អធ្រាត្រ)|ទាល់តែ(រួច|ចប់|អស់)ការ",
        )),
        _Roman("tver thngai tver yub", "tver yub tver thngai", "ven tomnab knea", "ven choab knea"),
        # Work by day and by night, no Sunday and no day off at all, overtime made compulsory or unpaid in Khmer,
        # seven days a week in Khmer, extra work that cannot be refused.
        _Regex(_any(
            r"\b(tver|twer|tveu|thvoeu|thver|bek|berk|bark|beuk)\s+(kar\s+|lan\s+)?((thngai|tngai)\s+y[uo][bp]"
            r"|y[uo][bp]\s+(thngai|tngai))\b|\bno\s+off\b(?!-)",
            r"\b(ot|kmean)\s+(mean\s+)?(thngai\s+)?atit\b",
            r"(ម៉ោង\s?បន្ថែម|ថែម\s?ម៉ោង|បន្ថែម\s?ម៉ោង)\S{0,6}\s?(?<!មិន)(ចាំបាច់|ជាកាតព្វកិច្ច|បង្ខំ)"
            r"|(ម៉ោង\s?បន្ថែម|ថែម\s?ម៉ោង|បន្ថែម\s?ម៉ោង)\S{0,6}\s?(ដោយ)?\s?(មិន|ឥត|អត់)\s?គិត\s?លុយ",
            # Long days seven days a week, a guard's shift of two days, nobody to take over the watch.
            r"(?<!\d)(9|1\d|2\d)\s?ម៉ោង[^។]{0,40}(?<!\d)7\s?ថ្ងៃ(?!\s?(ឈប់|សម្រាក))"
            r"|\b(y[ea]{1,2}m|guard\w*|work\w*|shifts?|duty)\s+(3[6-9]|[4-9]\d)\s*(mong|hours?|hrs?|h)\b"
            r"|(គ្មាន|មិនមាន)(អ្នក)?(ប្តូរ|ប្ដូរ|ជំនួស)វេន",
            r"(?<!\d)7\s?ថ្ងៃ\s?(ក្នុង)?\s?(មួយ)?\s?សប្តាហ៍|មិន(អាច)?បដិសេធ\S{0,4}ការងារ\S{0,4}បន្ថែម",
            r"(ធ្វើ(ការ)?|បើក(ឡាន|បរ)?)\s?(យប់\s?ថ្ងៃ|ថ្ងៃ\s?យប់|ថ្ងៃ\s?និង\s?យប់|យប់\s?និង\s?ថ្ងៃ)"
            r"|ធ្វើ(ការ)?\s?យប់\s?ធ្វើ(ការ)?\s?ថ្ងៃ|ធ្វើ(ការ)?\s?ថ្ងៃ\s?ធ្វើ(ការ)?\s?យប់",
        )),
    ),
    "child_labour": (
        _Regex(
            r"(?<!with )(?<!small )(?<!their )(?<!your )\bchildren\s+(welcome|can\s+(also\s+)?work|ok|accepted|sell"
            r"|wanted)|\bkids?\b[^.]{0,20}\b(can (work|sell|help|come)|welcome|wanted|needed)\b|\bno age limit\b"
            r"|\bany age\b|\bschool[- ]age\b|(?<!with )(?<!of )(?<!for )(?<!teach )(?<!care )(?<!to )\b(young|small"
            r"|little)\s+(boys|girls|kids"
            r"|children)\b(?!'s)|\bunder\s+1[0-8]\s*(years?\s+)?(ok|can|welcome|also|accepted)"
            r"|\bafter\s+grade\s+[1-8]\b"
            r"|\bgrade\s+[1-8]\b[^.]{0,20}\b(can|ok|welcome)|\bprimary school\s+(children|kids|students|pupils|boys"
            r"|girls)\b|\bminors\b|\bminor\s+(girls?|boys?|workers?|staff|ok|also|welcome|accepted)\b"
            r"|\bparents?'?s?\s+(letter|permission|consent|signature)\b|\bteen(s|agers?)\b|\bteen\s+(boys|girls)\b"
            r"|\b(need|want|wanted|hiring|looking for|recruit\w*)\s+(\w+\s+)?(children|kids)\b(?!('s|\s+(clothes"
            r"|books|toys)))"
            r"|\b(children|kids)\s+to\s+(sell|work|help|carry|pick|cut)\b"
            r"|\bschool (leavers|dropouts?)\b[^.]{0,30}\b1[0-7]\b"
            r"|ក្មេងៗ|(?<!មណ្ឌល)(?<!សម្លៀកបំពាក់)(?<!សៀវភៅ)(?<!ប្រដាប់)(?<!សុខភាព)(?<!សិទ្ធិ)កុមារ(?!ដ្ឋាន|កំព្រា)"
            r"|សិស្សឈប់រៀន",
            honest=r"\bno minors?\b|\bminors?\s+(are\s+)?(not|never)\s+\w+|\bnot\s+(hire|accept|employ)\s+minors?",
        ),
        _Roman("kmeng", "kon kmeng", honest=r"\b(meul|mel|merl|mer|thae|chenh chinh|mak|mae|mdai)\s+(kon\s+)?kmeng\b"
                                                  r"|\b(kroeung|kreung|sambok|ao|khao|nom|toys?)\s+(dek\s+)?kmeng\b"
                                                  r"|\bkmeng\s+[1-5]\s*(chnam|khae)\b"),
        _Regex(_any(
            r"\b(each|every)\s+(child|kid)\b[^.]{0,20}\b(pick|work|earn|paid|carr)\w*",
            r"\bcome\s+with\s+(all\s+)?(their|your)\s+(children|kids)\b",
        )),
        _Regex(r"\bincluding\s+(the\s+)?(children|kids)\b|\bbring\s+(your\s+)?(kids|children)\b(?!\s+to\s+(school"
               r"|daycare|the daycare|childcare|our))"),
        # Pupils by their school grade: grade 9 is about 15 years old.
        _Regex(r"\b(students?|pupils?|kids|children)\s+(in\s+|of\s+|from\s+)?grades?\s+[1-9]\b(?!\d)"),
        _Regex(r"កូនៗ\S{0,6}(មក)?ជួយ|(ក្មេង|កូន)\S{0,4}មកជួយ(ធ្វើ|រៀប|លើក)"),
        _Regex(r"\b(ayu|age[ds]?)\s+(krom|under|below|less\s+than)\s+1[5-8]\b|អាយុក្រោម\s?1[5-8]"
               r"|(?<!with )(?<!your )(?<!own )\b(kids|children)\s+(ok|okay|welcome|accepted)\b"),
    ),
    "sexual_exploitation": (
        _Regex(
            r"\b(full[- ]body|bikini|swimsuit|sexy|body)\s+(photo|pic|picture)s?|\bsend\s+(\w+\s+)?selfies?"
            r"|\bsend\s+(\d+|a few|some)\s+(photos?|pics?|pictures?)|\bphotos?\s+of\s+(your\s+)?(face\s+and\s+)?body\b"
            r"|\bsexy\b|\b(sit|drink|drinking)\s+with\s+(the\s+)?(guests|customers|clients)|\baccompany\s+(the\s+)?"
            r"(guests|customers|clients)|\b(customers?|guests?|clients?)\s+(can|may|will)\s+(take|bring)\s+(you"
            r"|the girls?"
            r"|staff)\s+(out|home|to)\b|\bgo\s+(out\s+)?with\s+(the\s+)?(vip\s+)?(guests|customers|clients)\b"
            r"|\b(extra|special|happy ending|sexual)\s+services?\b(?!\s+for\s+(the\s+)?(company|customers))"
            r"|\b(photos?|pics?|pictures?|selfies?)\b[^.]{0,20}\b(swimsuit|bikini|lingerie|underwear|short dress|sexy)"
            r"|\bserve\s+(the\s+)?(boss|owner|manager|guests|customers)\s+(at night|in (his|the|their) room)"
            r"|\bentertain\w*\s+(the\s+)?(vip\s+)?(guests|customers|clients|men)\b|\bcompanion\w*\s+(for"
            r"|to)\s+(the\s+)?(guests|customers|clients|men|vip)\b"
            r"|\b(pretty|beautiful|sexy|young)\s+(girls|ladies)\b|\byoung\s+(and\s+)?pretty\b|ស្រីស្អាត"
            r"|ស្លៀកខ្លី|ស្លៀកពាក់ខ្លី|សិចស៊ី"
        ),
        _Near(_VENUE, _LOOKS, within=80),
        _Roman("srey saat", "srey kmeng saat", "kmeng saat", "neary vey kmeng", "muk saat", "sach sa", "sbaek sa"),
        _Regex(_any(
            r"ផ្ញើរូប|រាងស្អាត|នារីស្អាត|មុខស្អាត",
            r"\bentertain\w*\s+(\w+\s+)?(men|guests|customers|clients)\b|\b(girls|ladies)\b[^.]{0,30}\bprivate\s+"
            r"(parties|rooms?)\b",
        )),
        _Regex(r"\bprivate\s+part(y|ies)\b[^.]{0,40}\b(pretty|beautiful|sexy|young|girls?|tips?)\b"
               r"|\b(girls?|ladies)\s+for\s+(a\s+)?private\s+part(y|ies)\b|\byoung\s+(and\s+)?(beautiful|sexy|cute)\b"
               r"|\b(drink|drinking|sit)\s+with\s+(the\s+)?(customer|guest|client)s?\b"
               r"|\bgo\s+with\s+(the\s+)?(boss|owner|manager|customers?|guests?)'?s?\s+(friends?\s+)?to\s+(a\s+"
               r"|the\s+)?"
               r"(hotel|guesthouse|room)"),
        _Roman("srey kromom"),
        _Roman("rom jea mouy phnhiev/phniev/pnhiev", "ankuy/ongkuy/angkuy jea mouy/muy/muoy phnhiev/phniev/pnhiev",
               "kom tae saat/sa-at"),
        # Companions for guests, going out with them, whatever the guest wants; karaoke work paid in tips.
        _Regex(r"ដៃគូភ្ញៀវ|(អង្គុយ|ញ៉ាំ|ផឹក|ចេញក្រៅ|ដើរលេង)ជាមួយភ្ញៀវ|\bsrey\s+lok\s+beer\b"
               r"|ខារ៉ាអូខេ[^។]{0,80}(ទឹកតែ|ស្អាត|រូបថត)"),
        _Roman("tam tae phnhiev/phniev trov ka", "tam chet phnhiev/phniev"),
        _Regex(r"\baccompany\s+(\w+\s+)?(guests?|customers?|clients?)\b"),
    ),
})


# Every sign is read with its negations but a place: "no passport, Thailand" still goes to Thailand ("we do not send
# workers abroad" is an honest phrase of its own).
NEGATABLE = frozenset(SIGNALS) - {"abroad"}


# -- the numbers, where words cannot tell -----------------------------------------------------------------------------

# Labour Law 1997: 15 for any work, 18 for work hazardous to health, safety or morals: whole trades, and night,
# entertainment-venue, height and chemical work in any trade.
MINIMUM_AGE = 15
MINIMUM_AGE_HAZARDOUS = 18
HAZARDOUS_TRADES = frozenset({"FISHING", "CONSTRUCTION"})
_HAZARDOUS_WORK = (
    r"\bnight|\by[uo][bp]\b|យប់|\bktv\b|karaoke|\bbars?\b|\bclubs?\b|\bbeer\b|massage|casino|entertainment|scaffold"
    r"|\bheights?\b|\broofs?\b|high building|pesticide|chemical|\bmines?\b|mining|\bboats?\b|ខារ៉ាអូខេ|ម៉ាស្សា"
    r"|\bspray\w*|\bbach\s+thnam\b|បាញ់ថ្នាំ|\bheavy\s+(loads?|sacks?|bags?)\b|\b[3-9]\d\s?kg\b"
    r"|ស្រាបៀរ|ទូក"
)
_AGES = tuple(re.compile(pattern) for pattern in (
    r"(?:ក្មេង|កូន|សិស្ស)\S{0,6}(?:\s?(?:ប្រុស|ស្រី))?\s*(\d{1,2})\s*ឆ្នាំ",
    r"\b(?:age[ds]?|ayu)\s*(?:from\s+|between\s+|over\s+|above\s+|of\s+|:\s*)?(\d{1,2})(?!\d)",
    r"អាយុ\s*(?:ពី\s*)?(\d{1,2})(?!\d)",
    r"(?<![\d$.:,])(?<!dol )(?<!until )(?<!till )(\d{1,2})\s*(?:\+|and\s+older"
    r"|years?\s+(?:old|and\s+(?:up|above|over|older)|up|or\s+(?:above|older"
    r"|over))"
    r"|yrs?\s+(?:old|up)|y/?o\b|and\s+(?:up|above|over)|or\s+(?:above|older|over)|chnam\s+leung|ឆ្នាំ\s*ឡើង)",
    r"\b(?:be|aged?)\s+(?:over|above|at least)\s+(\d{1,2})(?!\d)",
    r"\b(?:boys?|girls?|kids?|children|teens?|students?)\s+(?:aged?\s+|from\s+)?(\d{1,2})(?![\d$%:.])(?!\s*(?:h\b"
    r"|hours?|days?"
    r"|months?|am|pm|usd|\$|dollars?|people|workers|nak|k\b))",
    r"(?<![\d$.:,])(\d{1,2})\s*(?:years?|yrs?|chnam|ឆ្នាំ)\s+(?:ok|okay|can|accepted|welcome|also)\b",
    # Bare ages under 18 that are welcome ("waiter 16 17 ok"), not a limit ("under 15 ok").
    r"(?<![\d$.:,/])(?<!under )(?<!below )(?<!krom )(1[0-7])(?:\s*(?:,|/|-|or|and)?\s*1[0-7])*\s+"
    r"(?:ok|okay|accepted|welcome)\b",
    r"\b(?:over|above|from|at least)\s+(\d{1,2})\s*(?:years?|yrs?|ឆ្នាំ|chnam)",
    # A bare range of people's ages ("boys 15-17"), not of hours, days, money or headcount.
    r"(?<![\d$.:,/])(1\d)\s*-\s*(?:[1-6]\d)(?![\d$%])(?!\s*(?:h\b|hrs?|hours?|days?|months?|weeks?|am|pm|usd"
    r"|dollars?|riel|mong|thngai|khae|nak|people|workers|km|kg))",
))
# "a nanny for two children aged 3 and 6": the children's ages, not the worker's.
_SOMEONE_ELSES_AGE = re.compile(
    r"\b(for|of|with|after|care|teach\w*)\s+(\w+\s+)?(children|child|kids|baby|babies|son|daughter|boy|girl|students?)"
    r"(\s+(aged?|from))?\s*$"
    r"|\b(for|of|with|after|teach|teaching|tutor|tutoring|to)\s+(a|an|the|our|my|his|her|their|two|three|\d)\s*$"
)


def _minimum_age(text, category):
    """The legal minimum age for the work: 18 for hazardous trades and work, else 15."""
    hazardous = category in HAZARDOUS_TRADES or re.search(_HAZARDOUS_WORK, text)
    return MINIMUM_AGE_HAZARDOUS if hazardous else MINIMUM_AGE


def _youngest(text):
    """The youngest worker's age the listing accepts, as (age, start, end), or None when it states none."""
    youngest = None
    for pattern in _AGES:
        for match in pattern.finditer(text):
            age = int(match.group(1))
            if age < 6 or _SOMEONE_ELSES_AGE.search(text[max(0, match.start() - 30):match.start(1)]):
                continue
            if youngest is None or age < youngest[0]:
                youngest = (age, match.start(), match.end())
    return youngest


# Ages whose oldest is under 18 ("girls 15-16 years", "អាយុ ១៥-១៧"): a listing that seeks only minors.
_MINORS_ONLY = re.compile(
    r"(?:\b(?:age[ds]?|ayu)\s*(?:from\s+|between\s+|:\s*)?|អាយុ\s*(?:ពី\s*)?)(1[0-7])\s*(?:-|to|ដល់)\s*(1[0-7])(?!\d)"
    r"|(?<![\d$.:,/])(1[0-7])\s*-\s*(1[0-7])\s*(?:years?|yrs?|chnam|ឆ្នាំ)\b"
)

# Light work with a parent's consent is what the law allows from 15.
_LAWFUL_FOR_MINORS = r"\blight (work|duties|tasks)\b|\bparents'?\s+(consent|permission|approval)\b|ការងារស្រាល"


def _too_young(text, category):
    """The youngest worker's age the listing accepts when it is under the legal minimum for the work, or ages that
    are all under 18."""
    minimum = _minimum_age(text, category)
    youngest = _youngest(text)
    if youngest is not None and youngest[0] < minimum:
        return youngest[1], youngest[2], f"; under {minimum}, the legal minimum for this work"
    minors = _MINORS_ONLY.search(text)
    if minors and not re.search(_LAWFUL_FOR_MINORS, text):
        return minors.start(), minors.end(), "; only workers under 18 sought"
    return None


# Workers sought as children ("street kids 16+ can come"): whatever age follows, the listing invites minors.
_CALLED_CHILDREN = re.compile(r"\b(kids?|children)\b")


def _old_enough(text, category):
    """Whether the listing states the ages it accepts and none is under the legal minimum for the work: then words
    that only suggest minors ("parents' consent", "teens") are read by the numbers (15-17 may do light day work)."""
    youngest = _youngest(text)
    return youngest is not None and youngest[0] >= _minimum_age(text, category)


# More than 12 hours a day (8 plus the overtime the law allows, and then some) or 60 a week is excessive.
MAX_HOURS_A_DAY = 12
# Workers under 18 may not work overtime: more than 8 hours a day is excessive for them.
MAX_HOURS_A_DAY_UNDER_18 = 8
MAX_HOURS_A_WEEK = 60
_HOURS = re.compile(r"(?<![\d.])(\d{1,2})(?:\s*-\s*(\d{1,2}))?\s*(?:h\b|hrs?\b|hours?\b|mong\b|maong\b|moung\b|ម៉ោង)")
_A_DAY = re.compile(r"\s*(?:a|per|/|each|every|mouy|1|in a|ក្នុង)?\s*(?:មួយ)?\s*(?:day|days|thngai|tngai|ថ្ងៃ|shifts?)")
_A_WEEK = re.compile(r"\s*(?:a|per|/|each|every|mouy|1|in a|ក្នុង)?\s*(?:មួយ)?\s*(?:week|wk|sabda|sabada|sapda|atit"
                     r"|សប្តាហ៍)")
# "12h shift everyday", "12 mong rol thngai": the legal day's most, seven days a week, is more than the week's.
_EVERY_DAY = re.compile(r"\s*(?:shifts?\s*)?,?\s*(?:every\s?days?|daily|rol\s+t?h?ngai|reang\s+real\s+t?h?ngai"
                        r"|រៀងរាល់ថ្ងៃ|រាល់ថ្ងៃ)")
_WORKING = re.compile(r"(work|working|shifts?|tver(\s+kar)?|twer|thver|tveu kar|thvar kar|ធ្វើ(ការ)?|វេន)\s*$")
_CLOCK = (
    r"(\d{1,2})(?::\d\d)?\s*(am|pm|a\.m\.|p\.m\.|in the morning|at night|in the evening|prek|preuk|pruek|pruk|prik"
    r"|ptoeuk|ភ្លឺ|ព្រឹក|ល្ងាច|lngeach|lngach|longeach|lngiach|yub|yob|yup|yop|យប់)"
)
_TIME_RANGE = re.compile(
    r"(\d{1,2})(?::\d\d)?\s*(am|pm|a\.m\.|p\.m\.|in the morning|prek|preuk|pruek|pruk|prik|ptoeuk|ភ្លឺ|ព្រឹក|ល្ងាច"
    r"|lngeach"
    r"|lngach|yub|yob|yup|yop|យប់)?\s*"
    r"(?:-|to|until|till|dol|(?:,?\s*[a-z]+\s+)?(?:rhot|rohot|rhut)\s+dol|ដល់|finish(?:es)?(?:\s+at)?"
    r"|ends?(?:\s+at)?|chenh|chegn)\s*"
    rf"(?:(?:ម៉ោង|mong|maong|ma)\s*)?{_CLOCK}"
)
_24H_RANGE = re.compile(r"(?<![\d.])(\d{1,2}):\d\d\s*(?:-|to|until|till)\s*(\d{1,2}):\d\d")
_AFTERNOON = ("pm", "p.m.", "at night", "in the evening", "ល្ងាច", "lngeach", "lngach", "longeach", "lngiach", "yub",
              "yob", "yup", "yop", "យប់")
_NIGHT = ("at night", "yub", "yob", "yup", "yop", "យប់")
# A place open long hours that staffs it in shifts asks no one to work them all.
_SHIFTS = re.compile(r"\bshifts\b|\b\d\s*shifts?\b")
# A working day that goes on after its first range: "5-8am office, then cleaning at the boss house until 9pm"
# (not a split shift: "8am-2pm then break, come back 5pm until 9pm").
_THEN_UNTIL = re.compile(r"[^.]{0,10}\bthen\b(?:(?!break|rest|\boff\b|back|return|s[ao]m?rak|chh?o[pb]|sleep|nap)[^.])"
                         rf"{{0,50}}?\b(?:until|till|dol)\s+{_CLOCK}")
# Overtime of some hours every night or day, made compulsory ("ថែមម៉ោង ៤ម៉ោងរៀងរាល់យប់ ជាកាតព្វកិច្ច").
_FORCED_OT = re.compile(
    r"(?:ថែមម៉ោង|បន្ថែមម៉ោង|\bot\b|\bovertime\b)\s?(\d{1,2})\s?(?:ម៉ោង|h\b|hrs?\b|hours?\b|mong\b|maong\b)\s?"
    r"(?:រៀងរាល់|រាល់|every\s+|each\s+|rol\s+)(?:យប់|ថ្ងៃ|night|day|evening|yub|yob|thngai)"
    r"[^.។]{0,25}?(?:ជាកាតព្វកិច្ច|បង្ខំ|\bcompulsory\b|\bforced\b|\bmandatory\b|\bmust\b|\bbong\s?khom\b)"
)


def _clock(hour, marker):
    """The hour of the day, 0-23; "12 at night" is midnight and "2 at night" the small hours, as Khmer says them."""
    hour = int(hour) % 12
    if marker in _NIGHT and hour <= 4:
        return hour
    return hour + (12 if marker in _AFTERNOON else 0)


def _long_hours(text, category):
    """Hours a day or a week, or a working day from one time to another, beyond what any legal day allows (a
    shorter one where the listing accepts workers under 18)."""
    youngest = _youngest(text)
    most = MAX_HOURS_A_DAY_UNDER_18 if youngest is not None and youngest[0] < 18 else MAX_HOURS_A_DAY
    for match in _HOURS.finditer(text):
        hours = max(int(match.group(1)), int(match.group(2) or 0))
        a_day = _A_DAY.match(text, match.end())
        if hours > most and (a_day or _WORKING.search(text[max(0, match.start() - 12):match.start()])):
            return match.start(), a_day.end() if a_day else match.end(), ""
        if hours == most == MAX_HOURS_A_DAY:
            every = _EVERY_DAY.match(text, a_day.end() if a_day else match.end())
            if every:
                return match.start(), every.end(), f"; {hours} hours every day, more than {MAX_HOURS_A_WEEK} a week"
    for match in re.finditer(r"(\d{2,3})\s*(?:h\b|hrs?\b|hours?\b|mong\b|maong\b|ម៉ោង)", text):
        if int(match.group(1)) > MAX_HOURS_A_WEEK and _A_WEEK.match(text, match.end()):
            return match.start(), _A_WEEK.match(text, match.end()).end(), ""
    if _SHIFTS.search(text):
        return None
    for match in _24H_RANGE.finditer(text):
        start, end = int(match.group(1)), int(match.group(2))
        if end < start < end + 12 <= 24:  # "7:30-5:00": five in the afternoon
            end += 12
        span = (end - start) % 24
        if span > most:
            return match.start(), match.end(), f"; {span} hours a day"
    for match in _TIME_RANGE.finditer(text):
        start_hour, start_marker, end_hour, end_marker = match.groups()
        if start_marker is None and end_marker in _AFTERNOON and end_marker not in _NIGHT \
                and int(start_hour) % 12 > int(end_hour) % 12:
            start_marker = "am"  # "7:30-5pm": half past seven in the morning until five
        start = _clock(start_hour, start_marker or end_marker)
        if start_marker is None and end_marker in _NIGHT and int(start_hour) % 12 < int(end_hour) % 12 \
                and int(end_hour) % 12 > 4:
            start = _clock(start_hour, "pm")  # "4-10 yub": four in the afternoon until ten at night
        end = _clock(end_hour, end_marker)
        span, first = (end - start) % 24, match.start()
        later = _THEN_UNTIL.match(text, match.end())
        if later and (_clock(*later.groups()) - start) % 24 > span:
            span, match = (_clock(*later.groups()) - start) % 24, later
        if span > most:
            return first, match.end(), f"; {span} hours a day"
    forced = _FORCED_OT.search(text)
    if forced:
        return forced.start(), forced.end(), f"; {forced.group(1)} hours of compulsory overtime every day"
    return None


# Pay held longer than a month, counted in days.
MAX_DAYS_BETWEEN_PAYS = 31
_DAYS_IN = {"day": 1, "thngai": 1, "ថ្ងៃ": 1, "week": 7, "wk": 7, "atit": 7, "sabda": 7, "សប្តាហ៍": 7, "month": 30,
            "mth": 30, "khae": 30, "khe": 30, "ខែ": 30, "year": 365, "chnam": 365, "chhnam": 365, "ឆ្នាំ": 365}
_NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "eight": 8, "ten": 10,
                 "twelve": 12}
# Khmer counts, romanised and in script, read only by the patterns that name them.
_KHMER_NUMBERS = {"mouy": 1, "muoy": 1, "មួយ": 1, "pi": 2, "ពីរ": 2, "bei": 3, "បី": 3}
_UNIT = (r"(?P<unit>days?|weeks?|wks?|months?|mths?|years?|thngai|atit|sabda|khae|khe|chnam|chhnam|ថ្ងៃ|សប្តាហ៍|ខែ"
         r"|ឆ្នាំ)")
_PAY_PERIODS = tuple(re.compile(pattern) for pattern in (
    rf"(?:{_PAY})[^.,]{{0,30}}?\b(?:after|every|each|once every|once in)\s+"
    rf"(?P<count>\d+|{'|'.join(_NUMBER_WORDS)})\s*{_UNIT}",
    rf"(?:ប្រាក់ខែ|បើក|លុយ)[^ ]{{0,12}}\s?(?:ក្រោយ|រៀងរាល់)\s?(?P<count>\d+)\s?{_UNIT}",
    rf"(?:{_PAY}|berk|baek|bek|beuk|buek|\bber\b|prak\s+kh?a?e|បើក|ប្រាក់ខែ)[^.,]{{0,20}}?(?P<count>\d+)\s*{_UNIT}\s*"
    r"(?:mdong|m'dong|ម្តង"
    rf"|ម្ដង)",
    # "bek mdong 3 khe": once in three months, the count after the "once"; "250$ tae ban mdong 3 khe", received so.
    rf"(?:{_PAY}|berk|baek|bek|\d\s?\$,?\s*(?:tae\s+|but\s+)?ban|បើក|ប្រាក់ខែ)\s*(?:mdong|m'dong|ម្តង|ម្ដង)\s*"
    r"(?:knong\s+|ក្នុង\s*)?(?:រយៈពេល\s*)?"
    rf"(?P<count>\d+|ពីរ|បី|pi|bei)\s*{_UNIT}",
))


# Pay in other words: cash, "bek" (paid out), "vinh" (back), receiving everything.
_PAID = (rf"(?:{_PAY}|\b(?:cash|berk|baek|bek|beuk|buek|vinh)\b|\breceive\w*\s+(?:everything|all|the money"
         r"|your money|money|it all|in full)\b|បើក|ប្រាក់ខែ|វិញ)")
_COUNT = rf"(?P<count>\d+|{'|'.join(_KHMER_NUMBERS)})"
# More ways to say when pay comes: "usually 2-3 months" after the boss is paid, when a year's work is complete
# ("pel tver kar krob 1 chnam", "ពេលធ្វើបាន ៣ខែ", "pel chob 1 chhnam"), after N months.
_PAY_WAITS = tuple(re.compile(pattern) for pattern in (
    rf"{_PAID}[^.។]{{0,60}}?(?:usually|normally|about|around|approx\w*|\bta-?\s?mada|ជាធម្មតា|ប្រហែល)\s*"
    rf"(?:\d+\s*-\s*)?{_COUNT}\s*{_UNIT}",
    rf"{_PAID}[^.,។]{{0,20}}?(?:\bpel|ពេល|\bwhen|\bonce)\s*(?:tver\s*kar\s*|ធ្វើ(?:ការ)?\s*)?"
    rf"(?:\bkrob|\bkrub|គ្រប់|បាន|\bban|\bchob|ចប់)\s*{_COUNT}\s*{_UNIT}",
    rf"{_PAID}[^.,]{{0,30}}?\b(?:after|every|each|once every|once in)\s+(?P<count>\d+)\s*{_UNIT}",
))
# Paid every so many times a year ("bek luy 2 dong knong 1 chhnam"), or every second month or quarter.
_TIMES_A = re.compile(rf"{_PAID}[^.,]{{0,20}}?\b(?P<times>\d|two|three|pi|bei)\s*(?:dong|doang|dang|times|ដង)\s*"
                      rf"(?:knong|per|a|in|ក្នុង)?\s*(?:1|mouy|muoy|one|មួយ)?\s*{_UNIT}")
_LONG_PERIODS = {"quarterly": 91, "every quarter": 91, "every 2nd month": 61, "every second month": 61,
                 "every other month": 61, "every 3rd month": 91, "every third month": 91, "half-yearly": 182,
                 "half yearly": 182, "semi-annually": 182}
_LONG_PERIOD = re.compile(rf"{_PAID}[^.,]{{0,30}}?\b(?P<period>{'|'.join(_LONG_PERIODS)})\b")
# Part of each month's pay kept back and given back later ("កាត់ទុក ៥០$ រៀងរាល់ខែ ឲ្យវិញពេលឈប់", "100$ each month go
# to saving box, boss give back at Khmer New Year").
_AMOUNT_KEPT = r"\$?\s?\d[\d,.]*\s?(?:\$|usd|៛|riels?|ដុល្លារ)?"
_PART_KEPT = re.compile(
    rf"(?:កាត់ទុក|ទុក|\bkeeps?\b|\bkept\b|\bholds?\b|\bheld\b|\bsaved?\b|\btuk\b)\s*{_AMOUNT_KEPT}\s*(?:រៀងរាល់ខែ"
    r"|ក្នុងមួយខែ|/\s?ខែ|(?:each|every|a|per)\s+(?:month|day)|/\s?(?:month|day)|(?:rol|reang\s+real|mouy|muoy)\s+"
    r"(?:kh?a?e\b|t?h?ngai)|kr[ao][bpr]?\s+kh?a?e\b|ក្នុងមួយថ្ងៃ|រៀងរាល់ថ្ងៃ)"
    rf"|{_AMOUNT_KEPT}\s*(?:each|every|a|per)\s+month\s+(?:goes?|is|are|put)\s+(?:to|in|into)\s+(?:a\s+|the\s+)?"
    r"(?:sav\w*|deposit)"
    # "kat tuk 50$ khe": so many dollars a month, the month named bare.
    r"|\btuk\s+\d[\d,.]*\s?(?:\$|usd)\s*/?\s*kh?a?e\b"
)
_GIVEN_BACK = re.compile(r"ឲ្យវិញ|អោយវិញ|\bgives?\s+(?:it\s+)?back|\bgiven\s+back|\breturn\w*|\bchenh\s+vinh"
                         r"|\bwhen\s+you\s+(?:leave|quit)|ពេលឈប់|ប្រគល់វិញ|ឱ្យវិញ|\b(?:oy|aoy|ban|yok)\s+vinh\b")
# Not when pay comes: a raise, a bonus, a trial or training period.
_NOT_PAY_TIME = re.compile(r"\b(increase|raise|rise|review|bonus|promotion|higher|probation|trial|training"
                           r"|experience)|ឡើង|សាកល្បង|បទពិសោធន៍|ប្រាក់រង្វាន់")


def _pay_held(text, category):
    """Pay that comes every, or first after, more than a month (not a raise or a bonus that comes then), or part of
    each month's pay kept back until later."""
    for pattern in _PAY_PERIODS:
        for match in pattern.finditer(text):
            if re.search(r"\b(increase|raise|rise|review|bonus|promotion|higher)", match.group(0)):
                continue
            count, unit = match.group("count"), match.group("unit")
            count = int(count) if count.isdigit() else _NUMBER_WORDS.get(count) or _KHMER_NUMBERS[count]
            days = count * _DAYS_IN[unit.rstrip("s") if unit.rstrip("s") in _DAYS_IN else unit]
            if days > MAX_DAYS_BETWEEN_PAYS:
                return match.start(), match.end(), f"; {days} days between pays"
    for pattern in (*_PAY_WAITS, _TIMES_A):
        for match in pattern.finditer(text):
            if _NOT_PAY_TIME.search(text, match.start(), min(len(text), match.end() + 20)):
                continue
            count, unit = match.group("count") if "count" in pattern.groupindex else "1", match.group("unit")
            count = int(count) if count.isdigit() else _KHMER_NUMBERS[count]
            days = count * _DAYS_IN[unit.rstrip("s") if unit.rstrip("s") in _DAYS_IN else unit]
            if "times" in pattern.groupindex:
                times = match.group("times")
                days //= int(times) if times.isdigit() else {"two": 2, "three": 3, "pi": 2, "bei": 3}[times]
            if days > MAX_DAYS_BETWEEN_PAYS:
                return match.start(), match.end(), f"; {days} days between pays"
    match = _LONG_PERIOD.search(text)
    if match and not _NOT_PAY_TIME.search(match.group(0)):
        return match.start(), match.end(), f"; {_LONG_PERIODS[match.group('period')]} days between pays"
    for match in _PART_KEPT.finditer(text):
        if _GIVEN_BACK.search(text, match.end(), min(len(text), match.end() + 80)):
            return match.start(), match.end(), "; part of each month's pay kept back"
    return None


NUMBERS = {"pay_withheld": _pay_held, "overtime": _long_hours, "child_labour": _too_young}


# An advance of at most a month's wage, lent without interest and with the worker free to go, is a kindness, not a
# bond: read from the numbers, as the words ("advance", "repay from salary") are the same as a bond's.
_NO_INTEREST = re.compile(
    r"\b(no|without|zero|0\s?%)\s+interest\b|\binterest[- ]free\b|(គ្មាន|មិនយក|មិនគិត|អត់)ការប្រាក់"
    r"|\b(ot|kmean|min)\s+(mean\s+|yok\s+|kit\s+)?kar?\s?prak\b"
    # "kar" alone right after the sum lent is its interest: "luy mun 100$ ot kar".
    r"|\d\s?(\$|usd|riels?)?\s+(ot|kmean|min)\s+kar\b(?!\s+(ngea|tver))"
)
_BOUND = re.compile(
    r"\buntil\b[^.,]{0,20}\b(repaid|paid|cleared|returned|finished)\b|\b(cannot|can't|not allowed to|may not)\s+"
    r"(leave|quit|go)\b|\bbound\b|\bwork\s+(it\s+)?off\b|\bwork\s+to\s+(repay|pay)"
)


def _fair_advance(body, monthly):
    """Whether the listing's advance is interest free, at most a month's wage, and binds nobody."""
    if not _NO_INTEREST.search(body) or _BOUND.search(body):
        return False
    lent = [number for number, period, _phrase, _start in amounts(body) if period is None]
    return not lent or (monthly is not None and max(lent) <= monthly)


def _debt_in_wages(phrase, monthly):
    """How many months of the wage an advance or loan named in the phrase is, as a detail for staff."""
    owed = max((number for number, _period, _phrase, _start in amounts(phrase)), default=None)
    if owed is None or not monthly:
        return ""
    return f"; {owed:,.0f} USD, about {owed / monthly:.1f} months of the wage"


def screen(text, category, province_code, wage_amount, wage_currency="USD", wage_period="month"):
    """The flags a listing raises: a list of {"code", "reason", "phrase"}, empty when nothing looks wrong."""
    shown = _tidy(text)
    body = shown.lower()
    if len(body) != len(shown):  # a letter whose lower case is longer: show the phrase as matched
        shown = body
    flags = []
    monthly = monthly_usd(wage_amount, wage_currency, wage_period)
    scores, present = _model_scores(body)
    innocent = scores.get(_ANY_RISK, 1.0) < MODEL["veto_below"]
    for code, signals in SIGNALS.items():
        negatable = code in NEGATABLE
        found = next((span for span in (signal.search(body, negatable) for signal in signals) if span), None)
        detail = ""
        if found is not None and innocent:  # the words matched, but the model is confident nothing is wrong
            found = None
        fair = code in ("debt_bondage", "fee") and _fair_advance(body, monthly)
        # An age old enough for the work clears words that only suggest minors, not workers called children.
        if fair or (found is not None and code == "child_labour" and _old_enough(body, category)
                    and not _CALLED_CHILDREN.search(body, *found)):
            found = None
        if found is None and code in NUMBERS:
            found = NUMBERS[code](body, category)
            found, detail = (found[:2], found[2]) if found else (None, "")
        if found is None:
            # The model cannot read a negation or a licensed channel: where the rules saw the sign and cleared it
            # ("nobody sleeps on the floor", "no broker", "Japan through the government program"), it adds nothing.
            if (not fair and scores.get(code, 0.0) >= MODEL["thresholds"].get(code, 2.0)
                    and not any(signal.sees(body) for signal in signals)):
                flags.append(_flag(code, _evidence(code, present, shown), f"; model score {scores[code]:.2f}"))
            continue
        phrase = shown[found[0]:found[1]]
        if code == "debt_bondage":
            detail = _debt_in_wages(phrase.lower(), monthly)
        flags.append(_flag(code, phrase, detail))
    usual = _WAGE_RANGE.get(category)
    if monthly is None:
        flags.append(_flag("wage_missing", ""))
    promised = [(monthly, f"{wage_amount:,} {wage_currency}/{wage_period}")] if monthly is not None else []
    promised += _wages_in_text(body)
    highest = max(promised, default=None)
    high_pay = usual is not None and highest is not None and highest[0] > usual[1] * SCAM_PAY_FACTOR
    # "no online work", "មិនមែនការងារអនឡាញទេ": a listing that says it is not the compound's work is not.
    scam_work = next((match for match in re.finditer(_SCAM_WORK, body) if not _negated(body, match.start())),
                     None) or (high_pay and re.search(_EASY_WORK, body))
    if scam_work and not re.search(_NAMED_TRADE, body):
        place = re.search(_SCAM_PLACE, body)
        where = None
        if place:
            where = shown[place.start():place.end()]
        elif province_code in SCAM_PROVINCES:
            where = _province_name(province_code)
        elif high_pay:
            where = highest[1]
        if where:
            flags.append(_flag("scam_pattern", f"{shown[scam_work.start():scam_work.end()]} … {where}"))
    if usual is not None and highest is not None and highest[0] > usual[1] * UNREALISTIC_FACTOR:
        flags.append(_flag("wage_unrealistic", highest[1],
                           f"; about ${highest[0]:,.0f} a month where {category} usually pays ${usual[0]}-{usual[1]}"))
    return flags


# -- the learnt model -------------------------------------------------------------------------------------------------
# Phrase rules catch the phrasings they were written for; a new writer's were caught at 60-70 %. Beside them, one
# logistic regression per indicator over words, folded romanised words, their pairs and character n-grams (Khmer
# script has no spaces; romanised spellings vary), trained on the corpus's tune split by
# bench/screening_model.py, which also chose each threshold by leave-one-batch-out cross-validation. The model adds
# an indicator the rules missed when its score passes that threshold, and drops the rules' phrase hits when its "any
# risk" score is so low that almost no risky listing of another batch scored lower.
MODEL = json.loads(pathlib.Path(__file__).with_name("screening_model.json").read_text(encoding="utf-8"))
_ANY_RISK = "any"
# Held as tuples of strings and numbers, which Python's garbage collector stops tracking, not as the JSON's lists: the
# tens of thousands of lists it tracked were rescanned by every full collection, a pause of tens of milliseconds in
# whichever web request it fell on (the USSD bench's p99 grew fivefold when the model landed).
_WEIGHTS = {feature: tuple((code, weight) for code, weight in pairs) for feature, pairs in MODEL.pop("weights").items()}
_LATIN = re.compile(r"[a-z']+|\d[\d,]*")


def model_features(body):
    """The features the model reads in normalised text: words, folded words, folded word pairs, 3-5 character grams."""
    words = _LATIN.findall(body)
    folded = [fold(word) for word in words]
    found = {"w:" + word for word in words} | {"f:" + word for word in folded}
    found.update(f"b:{first} {second}" for first, second in zip(folded, folded[1:]))
    padded = f" {body} "
    for size in (3, 4, 5):
        found.update("c:" + padded[start:start + size] for start in range(len(padded) - size + 1))
    return found


def _model_scores(body):
    """Each modelled code's probability for this text, and its features with their weights per code."""
    totals = dict(MODEL["bias"])
    present = {}
    for feature in model_features(body):
        for code, weight in _WEIGHTS.get(feature, ()):
            totals[code] += weight
            present.setdefault(code, []).append((weight, feature))
    return {code: 1 / (1 + math.exp(-total)) for code, total in totals.items()}, present


def _evidence(code, present, shown):
    """The words of the listing that raised the model's score for `code` most, for staff: at most three."""
    # A character gram across two words shows as both words run together with their punctuation: the word
    # features show those words better.
    raising = [(weight, feature) for weight, feature in sorted(present.get(code, ()), reverse=True)
               if weight > 0 and not (feature.startswith("c:") and " " in feature[2:].strip())]
    # "by", "who": true to the score, but they tell staff nothing while a longer feature is there to show.
    telling = [(weight, feature) for weight, feature in raising if len(feature.split(":", 1)[1].strip()) >= 4]
    words = []
    for _weight, feature in telling or raising:
        kind, value = feature.split(":", 1)
        word = _word_around(shown, value.strip(), folded=kind in "fb")
        if word and not any(word in seen or seen in word for seen in words):
            words.append(word)
        if len(words) == 3:
            break
    return ", ".join(words)


def _word_around(shown, value, folded):
    """The listing's own word (or words) in which a feature's text occurs."""
    lowered = shown.lower()
    if folded:
        spans = [match.span() for match in _LATIN.finditer(lowered)]
        wanted = value.split(" ")
        for index in range(len(spans) - len(wanted) + 1):
            window = spans[index:index + len(wanted)]
            if [fold(lowered[start:end]) for start, end in window] == wanted:
                return shown[window[0][0]:window[-1][1]]
        return ""
    start = lowered.find(value)
    if start < 0:
        return ""
    end = start + len(value)
    while start > 0 and not lowered[start - 1].isspace():
        start -= 1
    while end < len(lowered) and not lowered[end].isspace():
        end += 1
    return shown[start:end].strip(_PUNCTUATION)


def _province_name(code):
    return next((province.name_en for province in PROVINCES if province.code == code), str(code))


def _flag(code, phrase, detail=""):
    reason = f'{REASONS[code]} ("{phrase}"{detail})' if phrase else REASONS[code]
    return {"code": code, "reason": reason, "phrase": phrase}


PERSON_NAME_MAX = 20  # it goes into a stranger's SMS
# Words a name has no business holding: money, web addresses and the lure of a message (none of them a Khmer name;
# romanised Khmer money words such as "prak" are family names too, so they pass: no digit or symbol can).
_NOT_IN_A_NAME = re.compile(
    r"\b(pay|paid|fee|fees|deposit|money|cash|dollars?|usd|riel|khr|baht|thb|send|call|now|free|win|prize|link|"
    r"click|http|https|www|com|org|net|bit|ly|sms|loan|bank|transfer)\b",
    re.IGNORECASE)


def person_name(text):
    """A name as a stranger may read it in our SMS: letters (any script, with its marks) and single spaces, at most
    PERSON_NAME_MAX characters, none of the words of money or a lure; None when `text` is not such a name. So no URL,
    number, amount or sentence passes."""
    name = " ".join(unicodedata.normalize("NFC", text or "").translate(_INVISIBLE).split())
    if not name or len(name) > PERSON_NAME_MAX:
        return None
    for char in name:
        if char != " " and unicodedata.category(char)[0] not in "LM":
            return None
    if not any(unicodedata.category(char)[0] == "L" for char in name) or _NOT_IN_A_NAME.search(name):
        return None
    return name
