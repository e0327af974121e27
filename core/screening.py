"""Listing screening: the warning signs of trafficking and scams, each flag with the phrase that raised it. Pure.

A verified employer's listing with no flags goes live at once; any flag sends it to the moderation queue.
Flags are {"code", "reason", "phrase"}: codes fee, documents, abroad, scam_pattern, pay_withheld, wage_unrealistic,
vague, wage_missing. Matching runs over normalised text (Khmer digits as ASCII, zero-width spaces dropped, lower case)
so one pattern covers `$30`, `30$`, `30 USD`, `120,000 riel` and `១២០០០០៛`; romanised Khmer is also matched word by
word after folding each word to a skeleton (see `fold`), because people spell it many ways (kok, kork, kak; bong
luy, borng lui). Measured on tests/data/screening.tsv by bench/screening_bench.py.
"""
import functools
import re
import unicodedata

from core.reference import CATEGORIES, PROVINCES

KHR_PER_USD = 4100
THB_PER_USD = 35
WORKING_DAYS_PER_MONTH = 26
# A wage this many times the category's usual maximum is "too good to be true".
UNREALISTIC_FACTOR = 2.0
# Online work paying this many times the category's usual maximum is the scam-compound lure even outside border towns.
SCAM_PAY_FACTOR = 1.5

REASONS = {
    "fee": "asks workers for money: a fee, deposit, advance or wage deduction",
    "documents": "asks workers to hand over a passport, ID card or family book",
    "abroad": "work abroad or across the border, where trafficking happens",
    "scam_pattern": "online, typing or chat work in a border or casino area or at high pay (scam compounds)",
    "pay_withheld": "holds back pay until the end of a season, project or contract, or pays nothing at first",
    "wage_unrealistic": "a wage far above what the trade usually pays",
    "vague": "hides who the employer is or what the wage is (broker, negotiable, details later)",
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
_PER_DAY = re.compile(r"\s?(?:/|per |a |each |mouy |1 )?(?:day|daily|thngai|tngai|ថ្ងៃ)")
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
    """The wage as US dollars a month (KHR at ~4,100/USD, 26 working days), or None if there is no wage."""
    if not amount:
        return None
    value = amount / KHR_PER_USD if currency == "KHR" else float(amount)
    return value * WORKING_DAYS_PER_MONTH if period == "day" else value


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
# Words that change what follows: negations ("ot kok", no deposit), and Tuol, because Tuol Kork is a district of
# Phnom Penh, not a deposit.
_BLOCKERS = frozenset(fold(word) for word in ("ot", "min", "kmean", "kom", "no", "not", "never", "tuol"))


class _Roman:
    """Romanised phrases matched on folded words; "#" is any number, "*" skips up to three words.

    Like every signal, search() gives the (start, end) of what matched in the text, or None."""

    def __init__(self, *phrases):
        self.phrases = [tuple(part if part in "#*" else fold(part) for part in phrase.split()) for phrase in phrases]

    def search(self, text):
        spans, folded = _words(text)
        for phrase in self.phrases:
            for start in range(len(folded)):
                end = _match_at(phrase, folded, start)
                if end is not None and not (start and folded[start - 1] in _BLOCKERS):
                    return spans[start][0], spans[end - 1][1]
        return None


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
        if index >= len(folded) or part != folded[index]:
            return None
        index += 1
    return index


class _Regex:
    """A regular expression over normalised text; `honest` phrases ("no fee", "ឥតគិតថ្លៃ") are blanked out first."""

    def __init__(self, pattern, honest=None):
        self.pattern = re.compile(pattern)
        self.honest = re.compile(honest) if honest else None

    def search(self, text):
        if self.honest is not None:
            text = self.honest.sub(lambda match: " " * len(match.group(0)), text)
        match = self.pattern.search(text)
        return _in_context(text, match.start(), match.end()) if match else None


_PUNCTUATION = ",.;:!?()"


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


class _Near:
    """Two patterns at most `within` characters apart with none of `breaks` between: in either order, or with
    `ordered` the first before the second."""

    def __init__(self, first, second, within=40, unless=None, ordered=False, breaks="."):
        self.first = re.compile(first)
        self.second = re.compile(second)
        self.within = within
        self.unless = re.compile(unless) if unless else None
        self.ordered = ordered
        self.breaks = re.compile(f"[{re.escape(breaks)}]")

    def search(self, text):
        for a in self.first.finditer(text):
            for b in self.second.finditer(text):
                if self.ordered and b.start() < a.end():
                    continue
                start, end = min(a.start(), b.start()), max(a.end(), b.end())
                gap = end - start - len(a.group(0)) - len(b.group(0))
                if gap > self.within or self.breaks.search(text, start + 1, end - 1):
                    continue
                if self.unless is None or not self.unless.search(text[max(0, start - 12):end]):
                    return start, end
        return None


# -- the rules, one list of signals per reason ------------------------------------------------------------------------

_HONEST_FEE = (
    r"\b(no|zero|without|free of|not|never)\s+(recruitment\s+|agency\s+|registration\s+|hidden\s+|service\s+|any\s+)?"
    r"(fees?|charges?|deposits?|costs?|money)\b|\bfree of charge\b|\b(deposit|fee)s?\s+(is\s+)?not\s+(required|needed)"
    r"|ឥតគិតថ្លៃ|មិនគិតថ្លៃ|មិនយកថ្លៃ|មិនកក់|មិនបង់|គ្មានថ្លៃ|ថ្លៃឈ្នួល|ក្រុមហ៊ុនចេញថ្លៃ"
)
_DOCUMENT = (
    r"passports?(?! (photo|size))|\bid\b(?! (card )?cop)|\bid cards?\b(?! cop)|\bnational id\b"
    r"|identity (card|document)s?|family book|birth certificate|\batt?[ae]s[ae]n(h?n)?[ae]?bat\b|\batta\s?sanh\s?nhan\s?ban\b|\bid kad\b"
    r"|likh[ei]t chl?ong den|អត្តសញ្ញាណប័ណ្ណ|លិខិតឆ្លងដែន|សៀវភៅគ្រួសារ|សំបុត្រកំណើត"
)
# Keeping a document is the warning sign wherever the words fall ("passport, manager keeps it"); giving, leaving or
# handing over only right before the document ("give ID card to company"), or after it in the passive ("passport
# must be handed to"), since "annual leave, bring ID" asks for nothing.
_KEEP = r"\b(keep|keeps|kept|keeping|hold|holds|held|holding|collects?|tuk|touk)\b|ទុក|រក្សា"
_HAND_OVER = (
    r"\b(leave|give|gives|hand|hands|submit|deposit|surrender|prokol|prakol|brokol|dak)\b|ប្រគល់|ដាក់|ឲ្យ|អោយ"
)
_HANDED = r"\b(handed|given|left|submitted|deposited|surrendered)\b"
_NOT = r"\b(not|never|don't|dont|no)\b|មិន"
_ABROAD_HOSTS = (
    r"thailand|malaysia|korea|japan|taiwan|singapore|dubai|saudi|qatar|macau|macao|china|vietnam|indonesia|brunei"
    r"|myawaddy|shwe kokko|bangkok|pattaya|chanthaburi|rayong|aranyaprathet|ho chi minh|kuala lumpur"
)
# In Khmer the restaurant or company comes first: "ភោជនីយដ្ឋានកូរ៉េ" is a Korean restaurant, wherever it is.
_KM_NOT_A_DESTINATION = r"(?<!ភោជនីយដ្ឋាន)(?<!ក្រុមហ៊ុន)(?<!ហាង)(?<!ម្ហូប)"
_NOT_A_DESTINATION = r"(?!\s+(restaurant|food|bbq|goods|style|language|speak\w*|company|supermarket|shop|market|mart))"
_SCAM_WORK = (
    r"\btyping\b|\bonline\b|customer (service|support)|\bdata entry\b|telemarketing|\bcrypto\w*|\bchat\w*"
    r"|\bgame\s*(tester|agent)s?\b|call cent(er|re)|\binvestment\b|translation|veay aks|វាយអក្សរ|អនឡាញ|អុនឡាញ|ឆាត"
)
_SCAM_PLACE = (
    r"casinos?|kasino|poi ?pet|bavet|sihanouk|kampong som|kompong som|o'? ?smach|cham yeam|koh kong|\bsez\b"
    r"|special economic zone|pailin|anlong veng|o neang|myawaddy|shwe kokko|\bborder\b|កាស៊ីណូ|ប៉ោយប៉ែត|បាវិត"
    r"|ព្រះសីហនុ|កំពង់សោម"
)
# Pay, but not a bonus or commission on top of it ("bonus paid after 3 months" is fine).
_PAY = r"(?<!bonus )(?<!commission )\b(salary|salaries|wages?|pay|paid|money|luy)\b|ប្រាក់ខែ|បើកប្រាក់|បើកលុយ|លុយ"
# Two months or more, or 45 days or more: a first wage after one month is ordinary monthly pay.
_MONTHS = r"([2-9]|1[0-2]|two|three|four|five|six|twelve)\s*(months?|mths?)|(\d+|one|a)\s*years?|([4-9]\d|\d{3})\s*days"

SIGNALS = {
    "fee": (
        _Regex(
            r"\bfees?\b|\bdeposits?\b(?! your)|\bdeduct\w*|\bregistration\b|\bservice charge\b|\bcost \d"
            r"|\bcut (from|for)\b|\b(salary|wage)s?\b[^.,]{0,12}\bcut\b|\bpay (us|back|first|in advance|yourself)\b"
            r"|\b(worker|workers|you) pays?\b|\b(must|have to|need to) (pay|buy)\b|\bbuy (your )?(own )?uniform"
            r"|\bpay\b[^.,]{0,30}\bbefore\b|\bpay\b[^.,]{0,12}\bfor\b[^.,]{0,20}\b(uniform|card|training|course|medical"
            r"|health|check|helmet|boots|tools?|transport|agent|visa|passport)\b|\badvance\b[^.]{0,40}\b(repay|pay back"
            r"|from (your |first |1st )?(salary|wage))|\b\d+ ?% ?(of salary|for (the )?agent)"
            r"|កក់|បង់|ថ្លៃ|កាត់(ប្រាក់|លុយ)",
            honest=_HONEST_FEE,
        ),
        _Roman("kok", "bong luy", "bong prak", "bong tlai", "trov bong", "bong #", "tlai sevakam", "tlai uniform",
               "tlai ekasanthan", "tlai hvoek hat", "tlai rien", "kat prak khe", "kat luy", "kat pi prak khe",
               "luy sen", "dollar sen"),
    ),
    "documents": (
        _Near(_DOCUMENT, _KEEP, within=40, unless=_NOT),
        _Near(_HAND_OVER, _DOCUMENT, within=15, unless=_NOT, ordered=True, breaks=".,;"),
        _Near(_DOCUMENT, _HANDED, within=20, unless=_NOT, ordered=True, breaks=".,;"),
    ),
    "abroad": (
        _Regex(
            rf"\b({_ABROAD_HOSTS})\b{_NOT_A_DESTINATION}|\babroad\b|\boverseas\b|\b(cross\w*|across)\b[^.,]{{0,12}}"
            rf"\bborder\b|\bborder (gate|crossing)\b|\bthai side\b|\bvisa\b|\bwork permit\b|\bbaht\b|\bintern program"
            rf"|\b(srok|sruk|tov|tou|teuv|nov|nou|to|in|go|into)\s+thai\b{_NOT_A_DESTINATION}"
            r"|\bbor\s?tes\b|(?<!likhet )(?<!likhit )\bchl?ong\s?den\b|ប្រទេសថៃ|ស្រុកថៃ|នៅថៃ|ទៅថៃ|ម៉ាឡេស៊ី"
            rf"|{_KM_NOT_A_DESTINATION}(កូរ៉េ|ជប៉ុន)|តៃវ៉ាន់|សិង្ហបុរី|បរទេស|ក្រៅប្រទេស|(?<!លិខិត)ឆ្លងដែន|បាត(?!់)"
        ),
    ),
    "pay_withheld": (
        _Regex(
            rf"({_PAY})[^.,]{{0,40}}\b(at|after|until|till|when|upon|end of)\s+(the\s+)?(end|finish\w*|complet\w*"
            rf"|harvest|season|contract|project|trip|boat|selling|khmer new year)\b"
            rf"|({_PAY})[^.,]{{0,30}}\b(after|every|each)\s+({_MONTHS})"
            r"|\b(paid|pay|given|settle\w*)\s+(at\s+)?(the\s+)?(end|finish)\b"
            r"|\bat (the )?(contract|season|project|trip) end\b|\bwithh[eo]ld\w*|\bunpaid\b"
            r"|\bno (salary|pay|wage)\b|\b(first|1st)\s+\w+\s+(months?|year)\s+(no|without)\s+(salary|pay)\b"
            r"|\b(salary|wages?)\b[^.,]{0,12}\b(kept|keep|held|hold)\b"
            r"|(ប្រាក់ខែ|បើក|លុយ)[^ ]{0,12}(ពេលចប់|ចុងរដូវ|ចប់រដូវ|ចប់គម្រោង|ចប់កិច្ចសន្យា|ត្រឡប់|ក្រោយ\s?\d+\s?ខែ)"
        ),
        _Roman("berk * pel chob", "luy berk pel chob", "berk * krouy # khae", "krouy # khae", "chob rodov",
               "chong rodov", "ot prak khe", "ot luy", "# chnam mdong", "pel chob kechsanya", "pel chob kech sanya"),
    ),
    "vague": (
        _Regex(
            r"\bnegotia\w*|\b(high|good|attractive|big|best)\s+(salary|pay|money|wage|income)\b"
            r"|\b(salary|wage|pay)s?\b\s+(is\s+)?(good|high|ok|attractive|discuss\w*|depends?|will know|according|later"
            r"|talk|up to)\b|\bname\b[^.,]{0,12}\b(later|secret|tell|hidden)\b|\bno name\b|\bsecret\b|\bconfidential\b"
            r"|\bon behalf of\b|\b(call|contact|through|via)\s+(an?\s+|the\s+)?(broker|agent)\b|\bbroker\b"
            r"|\bagent (bring|take|will)\b|\bsomewhere\b|\bmany places\b|\bup to you\b|\btell when\b|\bask on phone\b"
            r"|\bby phone only\b|\bcall for everything\b|\bcompany (private|not say)\b|\bdetails?\b[^.,]{0,10}\bphone\b"
            r"|\bme\s?kh?[jy]?[ou]l\b|\bchor\s?cha\b|ចរចា|ប្រាក់ខែខ្ពស់|ប្រាក់ខែល្អ|មេខ្យល់|ភ្នាក់ងារ|តាមការព្រមព្រៀង"
            r"|ក្រុមហ៊ុនធំ"
        ),
        _Roman("prak khe khpous", "prak khe laor", "prak khe lor", "kromhun thom", "min bangheanh", "tam chet",
               "luy chraen"),
    ),
}


def screen(text, category, province_code, wage_amount, wage_currency="USD", wage_period="month"):
    """The flags a listing raises: a list of {"code", "reason", "phrase"}, empty when nothing looks wrong."""
    shown = _tidy(text)
    body = shown.lower()
    if len(body) != len(shown):  # a letter whose lower case is longer: show the phrase as matched
        shown = body
    flags = []
    for code, signals in SIGNALS.items():
        for signal in signals:
            span = signal.search(body)
            if span:
                flags.append(_flag(code, shown[span[0]:span[1]]))
                break
    monthly = monthly_usd(wage_amount, wage_currency, wage_period)
    usual = _WAGE_RANGE.get(category)
    if monthly is None:
        flags.append(_flag("wage_missing", ""))
    promised = [(monthly, f"{wage_amount:,} {wage_currency}/{wage_period}")] if monthly is not None else []
    promised += _wages_in_text(body)
    highest = max(promised, default=None)
    scam_work = re.search(_SCAM_WORK, body)
    if scam_work:
        place = re.search(_SCAM_PLACE, body)
        high_pay = usual is not None and highest is not None and highest[0] > usual[1] * SCAM_PAY_FACTOR
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
