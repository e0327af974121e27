"""Listing screening: the warning signs of trafficking and scams, each flag with the phrase that raised it. Pure.

A verified employer's listing with no flags goes live at once; any flag sends it to the moderation queue.
Flags are {"code", "reason", "phrase"}; the reason names the indicator (the ILO's 11 indicators of forced labour,
child labour, commercial sexual exploitation, unsafe migration, or one of the scam signs) and quotes the phrase.
Words are read by the rule tables (SIGNALS); where words cannot tell, the numbers are read (NUMBERS): an age under the
legal minimum for the trade, pay held longer than a month, hours beyond any legal day. Matching runs over normalised
text (Khmer digits as ASCII, zero-width spaces dropped, lower case) so one pattern covers `$30`, `30$`, `30 USD`,
`120,000 riel` and `១២០០០០៛`; romanised Khmer is also matched word by word after folding each word to a skeleton
(see `fold`), because people spell it many ways (kok, kork, kak; bong luy, borng lui). Measured on tests/data/screening.tsv by bench/screening_bench.py.
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
    # A bank's counter and social security are not charges to the worker.
    r"|\bnothing to (re)?pay( back)?\b|\b(loans? and|savings?|bank|fixed) deposits?\b|\bnssf registration\b"
    r"|\bregistration (for|with) nssf\b"
)
_DOCUMENT = (
    r"passports?(?! (photo|size))|\bid\b(?! (card )?cop)|\bid cards?\b(?! cop)|\bnational id\b"
    r"|identity (card|document)s?|family book|birth certificate|\batt?[ae]s[ae]nh?[ae]?n?[ae]?ba(t|nn?)\b"
    r"|\batta\s?sanh\s?nhan\s?ban\b|\bid kad\b"
    r"|likh[ei]t chl?ong den|អត្តសញ្ញាណប័ណ្ណ|លិខិតឆ្លងដែន|សៀវភៅគ្រួសារ|សំបុត្រកំណើត"
)
# Keeping a document is the warning sign wherever the words fall ("passport, manager keeps it"); giving, leaving or
# handing over only right before the document ("give ID card to company"), or after it in the passive ("passport
# must be handed to"), since "annual leave, bring ID" asks for nothing.
_KEEP = r"\b(keep|keeps|kept|keeping|hold|holds|held|holding|collects?|tuk|touk|guarantee|collateral)\b|ទុក|រក្សា"
_HAND_OVER = (
    r"\b(leave|give|gives|hand|hands|submit|deposit|surrender|prokol|prakol|brokol|dak)\b|ប្រគល់|ដាក់|ឲ្យ|អោយ"
)
_HANDED = r"\b(handed|given|left|submitted|deposited|surrendered)\b"
# "ID card leave at office", "passports stay with the company": the document stays, the worker goes.
_STAYS = r"\b(leave|left|stay|stays|remain\w*)\s+(at|with|in)\s+(?!you)"
_NOT = r"\b(not|never|don't|dont|no|ot|min|kom)\b|មិន"
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
        _Near(_DOCUMENT, _STAYS, within=12, unless=_NOT, ordered=True, breaks=".,;"),
    ),
    "abroad": (
        _Regex(
            rf"\b({_ABROAD_HOSTS})\b{_NOT_A_DESTINATION}|\babroad\b|\boverseas\b|\b(cross\w*|across)\b[^.,]{{0,12}}"
            rf"\bborder\b|\bborder (gate|crossing)\b|\bthai side\b|\bvisa\b|\bwork permit\b|\bbaht\b|\bintern program"
            rf"|\b(srok|sruk|tov|tou|teuv|nov|nou|to|in|go|into)\s+thai\b{_NOT_A_DESTINATION}"
            r"|\b(tov|tou|teuv|chlong)\s+(den|dol)\s+(srok\s+)?thai\b"
            r"|\bbor\s?tes\b|(?<!likhet )(?<!likhit )\bchl?ong\s?den\b|ប្រទេសថៃ|ស្រុកថៃ|នៅថៃ|ទៅថៃ|ម៉ាឡេស៊ី"
            rf"|{_KM_NOT_A_DESTINATION}(កូរ៉េ|ជប៉ុន)|តៃវ៉ាន់|សិង្ហបុរី|បរទេស|ក្រៅប្រទេស|(?<!លិខិត)ឆ្លងដែន|បាត(?!់)"
        ),
    ),
    "pay_withheld": (
        _Regex(
            rf"({_PAY})[^.,]{{0,40}}\b(at|after|until|till|when|upon|end of)\s+(the\s+)?(end|finish\w*|complet\w*"
            rf"|harvest|season|contract|project|trip|boat|selling|khmer new year)\b"
            r"|\b(paid|pay|given|settle\w*)\s+(at\s+)?(the\s+)?(end|finish)\b"
            r"|\bat (the )?(contract|season|project|trip) end\b|\bwithh[eo]ld\w*|\bunpaid\b"
            r"|\bno (salary|pay|wage)\b|\b(first|1st)\s+\w+\s+(months?|year)\s+(no|without)\s+(salary|pay)\b"
            r"|\b(salary|wages?)\b[^.,]{0,12}\b(kept|keep|held|hold)\b"
            r"|\b(keeps?|kept|holds?|held)\s+(your\s+|the\s+)?(atm|bank|payroll)\s+cards?\b"
            r"|\b(salary|salaries|wages?|pay)\b[^.,]{0,15}\b(sent|paid|given|goes)\s+to\s+(your\s+|the\s+)?(parents"
            r"|family|broker|agent|boss)\b"
            r"|\b(atm|bank|payroll)\s+cards?\b[^.,]{0,12}\b(kept|held)\b"
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
            r"|\bme\s?kh?[jy]?[ou]l\b|\bchor\s?cha\b|ចរចា|ប្រាក់ខែខ្ពស់|ប្រាក់ខែល្អ|មេខ្យល់"
            r"|ភ្នាក់ងារ(?!ឥណទាន|ធានារ៉ាប់រង)|តាមការព្រមព្រៀង"
            r"|ក្រុមហ៊ុនធំ"
        ),
        _Roman("prak khe khpous", "prak khe laor", "prak khe lor", "kromhun thom", "min bangheanh", "tam chet",
               "luy chraen"),
    ),
}

_PHONE = r"\b(phones?|mobiles?|toursap|tursap|turasap|tourosap)\b|ទូរស័ព្ទ|ទូរសព្ទ"
_TAKEN = (
    r"\b(give|gives|hand|handed|kept|keep|keeps|collect\w*|taken|take|takes|surrender\w*|confiscat\w*|tuk)\b"
    r"|ប្រគល់|ដកយក|ទុក"
)
# Phones for sale, for repair, paid for, or off on the line or at the wheel are not a worker cut off from family.
_NOT_ISOLATION = r"own|allowance|number|shop|sales|repair|while|during|on the line|break"
_LEAVE = r"(go|goes|going|leave|leaves|leaving|get|getting|come|coming|step|run)"
_WORKPLACE = r"(compound|site|factory|camp|house|dorm|dormitory|building|boat|premises|zone|plantation|farm|island)"
# Places to sleep that are no bedroom.
_NO_BED = (
    r"(site|floor|ground|warehouse|factory|garage|kitchen|deck|field|stairs|storeroom|store room|workshop|machines?"
    r"|street)"
)
_VENUE = (
    r"\b(ktv|karaoke|hostess\w*|massage|masa|massa|beer\s+(girls?|promot\w*)|promotion\s+girls?|bar|club|night\s?club"
    r"|vip\s+(room|lounge)|lounge|entertainment|casino|luk\s+bia|bia)\b|ខារ៉ាអូខេ|ម៉ាស្សា|ស្រាបៀរ"
)
_LOOKS = (
    r"\b(pretty|beautiful|sexy|good[- ]looking|cute|slim|tall|fair skin|white skin|young|short (dress|skirt)|body"
    r"|photos?|pic|pics|pictures?|selfies?|girls?|ladies|srey\s+saat|saat|(sit|drink|drinking)\s+with|accompany)\b"
    r"|\b(big|high|good|lots of|many)\s+tips?\b|\btips?\s+(high|big|\d|chraen)|\b1\s?m\s?[5-7]\d\b|\b1[5-7]\d\s?cm\b"
    r"|(?<!ទឹក)ស្អាត|ស្បែកស|រូបថត|ទឹកតែច្រើន"
)

# The indicators of issue 24, one entry each, as above.
SIGNALS.update({
    "vulnerability": (
        _Regex(
            r"\b(no|without|don't need|do not need|no need|not need)\s+(any\s+)?(id|id cards?|papers?|documents?"
            r"|passports?|identity cards?|family books?|atesanbat)\b[^.]{0,30}?\b(ok|okay|no problem|fine|accept\w*"
            r"|welcome|can|also|needed)\b|\bundocumented\b|\billegal\s+(also|ok|workers?\s+ok|can)\b"
            r"|\b(in|with|have|has|got)\s+(bank\s+|mfi\s+|microfinance\s+)?(debts?|loans?)\b|\bno police check\b"
            r"|\b(ran|run|running) away from home\b|\brunaways?\b|\b(has|have|with) no family\b|\bdesperate\b"
            r"|\bneed (money|cash) (fast|quick\w*|now|urgent\w*)\b|\bpoor famil(y|ies)\b"
            r"|\borphans?\b[^.]{0,12}\bwelcome\b"
            r"|គ្មានអត្តសញ្ញាណប័ណ្ណក៏បាន|ជំពាក់បំណុល|ជំពាក់លុយ|មានបំណុល"
        ),
        _Roman("ot mean atesanbat * ban", "ot mean id * ban", "kmean atesanbat * ban", "chompeak bamnol",
               "chompeak luy", "mean bamnol", "ot mean ekasar * ban"),
    ),
    "deception": (
        _Regex(
            r"\b(work|job|position|duties|kind of work)\b[^.]{0,25}\b(explained|decided|told|tell|given|assigned)\b"
            r"[^.]{0,15}\b(when|on|after|at|once|upon)\s+(you\s+)?(arriv\w*|get there|come|reach)"
            r"|\b(know|learn|see)\s+(the|what|your)\s+(job|work)\b[^.]{0,15}\b(when|after|on|once)\s+(you\s+)?"
            r"(arriv\w*|get there|come|reach)|\b(what|which)\s+(job|work)\b[^.]{0,25}\b(tell|told|know)\b[^.]{0,10}"
            r"\blater\b|\bsign\w*\s+(a\s+|the\s+)?(blank|empty)\s+(papers?|pages?|forms?|contracts?|sheets?)"
            r"|\bcontracts?\s+(is\s+)?(only\s+in|in\s+\w+\s+only)|\bcontracts?\s+(signed\s+|given\s+)?(after|on|upon)"
            r"\s+(arriv\w*)|\bcontracts?\s+(given|signed)\s+at\s+sea\b|\b(do not|don't|dont|never)\s+tell\s+(your\s+)?"
            r"(family|parents|anyone|relatives)|\b(other|any|different)\s+\w+\s+(as|if|when|whatever)\s+(the\s+)?"
            r"(boss|captain|manager|owner|company|madam)\b|\b(job|work)\s+(can|may|will)\s+(change|be changed)\b"
            r"|\bwork as (the )?(boss|manager|owner|captain) (assign|say|want)\w*|\bno (written )?contract\b"
            r"|\b(salary|wage|pay) (shown|advertised|written) includes\b"
            r"|ក្រដាសទទេ|ប្រាប់ពេលមកដល់|កុំប្រាប់គ្រួសារ|កុំប្រាប់ឪពុកម្តាយ"
        ),
        _Roman("prab pel mok dol", "krodas tote", "krodas tate", "kom prab kruosar", "kom prab ovpuk mtay",
               "tver tam thaokae prab"),
    ),
    "movement": (
        _Regex(
            rf"\b(not allowed|cannot|can not|can't|no|never|forbidden|must not|not permitted|nobody)\s+(to\s+)?"
            rf"{_LEAVE}\s+(out|outside|home|back)\b|\b(cannot|can not|can't|not allowed to|must not|never)\s+leave"
            rf"\s+(the\s+)?{_WORKPLACE}\b|\bonly with\s+(the\s+)?\w+('s)?\s+permission\b|\bnobody (leaves|goes out"
            rf"|can leave)\b|\bmust stay (in|inside|on)\s+(the\s+)?{_WORKPLACE}\b|\b(going|go)\s+(out|home|outside)"
            r"\s+(is\s+)?(not permitted|not allowed|forbidden|prohibited)"
            r"|\bno (boat|bus|transport|way) (back|home|out)\b"
            r"|ហាមចេញ|មិនអាចចេញ|មិនអនុញ្ញាតឲ្យចេញ|មិនឲ្យចេញ|ចាក់សោទ្វារ"
        ),
        _Roman("ot ban chenh", "min ach chenh", "ham chenh", "min ban chenh", "kom oy chenh", "chak so tvea",
               "tvea chak so", "ot ban tov ptes"),
    ),
    "isolation": (
        _Near(_PHONE, _TAKEN, within=25, unless=_NOT_ISOLATION),
        _Regex(
            r"\bno phones?\b(?!\s+(use|while|during|on|at work|in (the )?(server|production|clean)))"
            r"|\bphones?\s+(is\s+|are\s+)?(not allowed|forbidden|banned|prohibited)\b(?!\s+(on|in the|at|during|while))"
            r"|\bno (phone )?signal\b|\bno (contact|calls? home|social media|visits|letters)\b"
            r"|\b(cannot|can not|can't|not allowed to|never)\s+(call|contact|see|visit|meet)\s+(your\s+)?(family"
            r"|parents|home|relatives)|\b(family|parents|relatives)\s+(cannot|can not|can't|not allowed to|may not)"
            r"\s+(visit|come|call)|\bno calls? (home|to family)\b"
            r"|ហាមប្រើទូរស័ព្ទ|ហាមប្រើទូរសព្ទ|មិនអាចទាក់ទងគ្រួសារ|ហាមគ្រួសារ"
        ),
        _Roman("ot ban brer tursap", "ot ban brer turasap", "ham brer tursap", "ham brer turasap",
               "ot ban tak tong", "min ach tak tong", "ot ban oy * mok leng"),
    ),
    "violence": (
        _Regex(
            r"\b(hit|hits|beat|beats|beaten|beating|slap\w*|kick\w*|punch\w*|whip\w*)\b(?!\s+(the\s+)?(\d|target"
            r"|attendance|monthly|morning|rush|heat|pile|record|boxing))|\b(physical|corporal)\s+punish\w*"
            r"|\bpunish\w*\s+with\s+(a\s+)?(stick|cane|belt|whip)|\bsleep\w*\s+with\s+(the\s+)?(manager|boss|owner"
            r"|customers?|guests?|madam)|\bstay\w*\s+overnight\s+with\s+(the\s+)?(owner|boss|manager)"
            r"|\b(boss|owner|manager)\s+(can|may)\s+touch|\btouch\w*\s+(ok|allowed)|\bmassage\s+(the\s+)?boss"
            r"|(?<!ស្)វាយ(?!អក្សរ)|ទះកំផ្លៀង|គេងជាមួយ(ថៅកែ|ចៅហ្វាយ|ភ្ញៀវ|មេ)"
        ),
        _Roman("thaokae vay", "trov vay", "mekar vay", "vay kammakor", "dek jea mouy thaokae"),
    ),
    "threats": (
        _Regex(
            r"\b(if|when|who)\s+(you\s+|they\s+|workers?\s+|maids?\s+|crew\s+|staff\s+)?(run|runs|ran|escape\w*"
            r"|leave\w*|quit\w*|stop\w*|resign\w*|break\w*|complain\w*|try)\b[^.]{0,50}\b(police|immigration|fine"
            r"|fined|penalt\w*|pay back|owe|find you|catch|arrest\w*|jail|prison|report\w*|punish\w*|sold|sell"
            r"|family (will )?pay|come to your)|\b(leave|leaving|quit\w*|stop\w*)\s+(early|before)\b[^.]{0,40}"
            r"\b(fine|penalt\w*|pay back|owe)\b|\brun (away |from )[^.]{0,40}\b(find|catch|police)"
            r"|\b(do not|don't|dont) try to (leave|escape|run)|\bpin[ao]y\b"
            r"|\b(we have|we know) (where )?your (address|family"
            r"|village|home|parents)|\bthreat\w*"
            r"|រត់ចោល|ប៉ូលិសចាប់|ពិន័យ|គំរាម|បើរត់"
        ),
        _Roman("rot chol", "polis chab", "police chab", "rok dol ptes"),
    ),
    "debt_bondage": (
        _Regex(
            r"\b(advance|loan|lend|lent|borrow\w*|debt)s?\b[^.]{0,50}\b(repa\w*|pay(ing)?\s+(it\s+)?back|paid back"
            r"|deduct\w*|cut|work (it )?off|work until|work to (repay|return|pay)|return it|from (your |the )?"
            r"(salary|wages?|pay)|until (it is |it's )?(paid|cleared))|\bdebts?\b[^.]{0,20}\b(paid|cleared|finish\w*)"
            r"\s+before\s+(you\s+)?(can\s+)?(leave|quit|go|stop)|\b(parents|family)\s+(get|gets|receive\w*|take)\b"
            r"[^.]{0,20}\d[^.]{0,50}\b(work|return|repay|pay back)"
            r"|ខ្ចីលុយ|សងបំណុល|ទទួលលុយមុន"
        ),
        _Roman("kchei luy mun", "oy kchei luy", "sang bamnol", "tver kar sang"),
    ),
    "conditions": (
        _Regex(
            rf"\bsleeps?\b[^.,]{{0,12}}\b(on|in|at|under)\s+(the\s+)?{_NO_BED}\b"
            r"|\bno\s+(own\s+)?(toilets?|bathroom|bed|fan|clean water|mask|gloves|helmet|harness|safety\s+\w+"
            r"|protective\s+\w+)\b|\bwithout\s+(a\s+)?(mask|gloves|protection|safety\s+\w+|helmet|harness)"
            r"|\bbare hands\b|\bbunk beds?\b[^.]{0,20}\b\d\d+|\d\d+\s*(people|workers|persons)\s+bunk"
            r"|ដេកនៅការដ្ឋាន|ដេកនៅកន្លែងធ្វើការ|ដេកនៅរោងចក្រ|គ្មានបន្ទប់ទឹក|គ្មានម៉ាស់|គ្មានស្រោមដៃ|គ្មានឧបករណ៍ការពារ"
        ),
        _Roman("dek nov rongchakr", "dek nov kanlaeng tver kar", "dek nov karathan", "dek leu kamral",
               "ot mean bantub tuek", "kmean bantub tuek"),
    ),
    "overtime": (
        _Regex(
            r"\b(7|seven)\s*days?\s*(a|per|/|each)\s*week|\b7/7\b|\bno\s+(day off|days off|rest day|rest|holidays?)\b"
            r"|\b(compulsory|forced|must do|mandatory)\s+(overtime|ot)\b|\b(overtime|ot)\s+(is\s+)?(must|compulsory"
            r"|forced|mandatory)|\b(overtime|ot|extra hours)\s+(is\s+)?(not|un)\s?paid|\buntil midnight\b"
            r"|\ball night\b|គ្មានថ្ងៃឈប់|មិនមានថ្ងៃឈប់|គ្មានថ្ងៃសម្រាក"
        ),
        _Roman("ot mean thngai chhop", "ot chhop", "kmean thngai chhop", "ot mean thngai somrak"),
    ),
    "child_labour": (
        _Regex(
            r"\bchildren\s+(welcome|can\s+(also\s+)?work|ok|accepted)|\bkids?\b[^.]{0,20}\b(can (work|sell|help)"
            r"|welcome|wanted|needed)|\bno age limit\b|\bany age\b|\bunder\s+1[0-7]\s*(years?\s+)?(ok|can|welcome|also"
            r"|accepted)|\bafter\s+grade\s+[1-8]\b|\bgrade\s+[1-8]\b[^.]{0,20}\b(can|ok|welcome)"
            r"|ក្មេងៗ|កុមារ(?!ដ្ឋាន)"
        ),
        _Roman("kmeng", "kon kmeng"),
    ),
    "sexual_exploitation": (
        _Regex(
            r"\b(full[- ]body|bikini|swimsuit|sexy)\s+(photo|pic|picture)s?|\bsend\s+(\w+\s+)?selfies?"
            r"|\bsend\s+(\d+|a few|some)\s+(photos?|pics?|pictures?)|\bsexy\b|\b(sit|drink|drinking)\s+with\s+"
            r"(the\s+)?(guests|customers|clients)|\baccompany\s+(the\s+)?(guests|customers|clients)"
            r"|\b(pretty|beautiful|sexy|young)\s+(girls|ladies)\b|\byoung\s+(and\s+)?pretty\b|ស្រីស្អាត"
        ),
        _Near(_VENUE, _LOOKS, within=80),
        _Roman("srey saat", "srey kmeng saat", "kmeng saat"),
    ),
})


# -- the numbers, where words cannot tell -----------------------------------------------------------------------------

# Labour Law 1997: 15 for any work, 18 for work hazardous to health, safety or morals: whole trades, and night,
# entertainment-venue, height and chemical work in any trade.
MINIMUM_AGE = 15
MINIMUM_AGE_HAZARDOUS = 18
HAZARDOUS_TRADES = frozenset({"FISHING", "CONSTRUCTION"})
_HAZARDOUS_WORK = (
    r"\bnight|\byub\b|យប់|\bktv\b|karaoke|\bbars?\b|\bclubs?\b|\bbeer\b|massage|casino|entertainment|scaffold"
    r"|\bheights?\b|\broofs?\b|high building|pesticide|chemical|\bmines?\b|mining|\bboats?\b|ខារ៉ាអូខេ|ម៉ាស្សា"
    r"|ស្រាបៀរ|ទូក"
)
_AGES = tuple(re.compile(pattern) for pattern in (
    r"\b(?:age[ds]?|ayu)\s*(?:from\s+|between\s+|over\s+|above\s+|of\s+|:\s*)?(\d{1,2})(?!\d)",
    r"អាយុ\s*(?:ពី\s*)?(\d{1,2})(?!\d)",
    r"(?<![\d$.:,])(\d{1,2})\s*(?:\+|years?\s+(?:old|and\s+(?:up|above|over)|up|or\s+(?:above|older|over))"
    r"|yrs?\s+(?:old|up)|y/?o\b|and\s+(?:up|above|over)|or\s+(?:above|older|over)|chnam\s+leung|ឆ្នាំ\s*ឡើង)",
    r"\b(?:be|aged?)\s+(?:over|above|at least)\s+(\d{1,2})(?!\d)",
    r"\b(?:over|above|from|at least)\s+(\d{1,2})\s*(?:years?|yrs?|ឆ្នាំ|chnam)",
    # A bare range of people's ages ("boys 15-17"), not of hours, days, money or headcount.
    r"(?<![\d$.:,/])(1\d)\s*-\s*(?:[1-6]\d)(?![\d$%])(?!\s*(?:h\b|hrs?|hours?|days?|months?|weeks?|am|pm|usd"
    r"|dollars?|riel|mong|thngai|khae|nak|people|workers|km|kg))",
))
# "a nanny for two children aged 3 and 6": the children's ages, not the worker's.
_SOMEONE_ELSES_AGE = re.compile(
    r"\b(for|of|with|after|care)\s+(\w+\s+)?(children|child|kids|baby|babies|son|daughter)\s*$"
)


def _too_young(text, category):
    """The youngest worker's age the listing accepts when it is under the legal minimum for the work."""
    hazardous = category in HAZARDOUS_TRADES or re.search(_HAZARDOUS_WORK, text)
    minimum = MINIMUM_AGE_HAZARDOUS if hazardous else MINIMUM_AGE
    youngest = None
    for pattern in _AGES:
        for match in pattern.finditer(text):
            age = int(match.group(1))
            if age < 6 or _SOMEONE_ELSES_AGE.search(text[max(0, match.start() - 30):match.start()]):
                continue
            if age < minimum and (youngest is None or age < youngest[0]):
                youngest = (age, match.start(), match.end())
    if youngest is None:
        return None
    return youngest[1], youngest[2], f"; under {minimum}, the legal minimum for this work"


# More than 12 hours a day (8 plus the overtime the law allows, and then some) or 60 a week is excessive.
MAX_HOURS_A_DAY = 12
MAX_HOURS_A_WEEK = 60
_HOURS = re.compile(r"(?<![\d.])(\d{1,2})(?:\s*-\s*(\d{1,2}))?\s*(?:h\b|hrs?\b|hours?\b|mong\b|ម៉ោង)")
_A_DAY = re.compile(r"\s*(?:a|per|/|each|every|mouy|1|in a|ក្នុង)?\s*(?:មួយ)?\s*(?:day|days|thngai|ថ្ងៃ|shifts?)")
_A_WEEK = re.compile(r"\s*(?:a|per|/|each|every|mouy|1|in a|ក្នុង)?\s*(?:មួយ)?\s*(?:week|wk|sabda|atit|សប្តាហ៍)")
_WORKING = re.compile(r"(work|working|tver kar|tveu kar|ធ្វើការ)\s*$")
_CLOCK = r"(\d{1,2})(?::\d\d)?\s*(am|pm|a\.m\.|p\.m\.|prek|preuk|pruek|ព្រឹក|ល្ងាច|yub|yob|យប់)"
_TIME_RANGE = re.compile(
    r"(\d{1,2})(?::\d\d)?\s*(am|pm|a\.m\.|p\.m\.|prek|preuk|pruek|ព្រឹក|ល្ងាច|yub|yob|យប់)?\s*"
    rf"(?:-|to|until|till|dol|ដល់)\s*(?:ម៉ោង\s*)?{_CLOCK}"
)
_AFTERNOON = ("pm", "p.m.", "ល្ងាច", "yub", "yob", "យប់")
# A place open long hours that staffs it in shifts asks no one to work them all.
_SHIFTS = re.compile(r"\bshifts\b|\b\d\s*shifts?\b")


def _clock(hour, marker):
    return int(hour) % 12 + (12 if marker in _AFTERNOON else 0)


def _long_hours(text, category):
    """Hours a day or a week, or a working day from one time to another, beyond what any legal day allows."""
    for match in _HOURS.finditer(text):
        hours = max(int(match.group(1)), int(match.group(2) or 0))
        a_day = _A_DAY.match(text, match.end())
        if hours > MAX_HOURS_A_DAY and (a_day or _WORKING.search(text[max(0, match.start() - 12):match.start()])):
            return match.start(), a_day.end() if a_day else match.end(), ""
    for match in re.finditer(r"(\d{2,3})\s*(?:h\b|hrs?\b|hours?\b|mong\b|ម៉ោង)", text):
        if int(match.group(1)) > MAX_HOURS_A_WEEK and _A_WEEK.match(text, match.end()):
            return match.start(), _A_WEEK.match(text, match.end()).end(), ""
    if _SHIFTS.search(text):
        return None
    for match in _TIME_RANGE.finditer(text):
        start_hour, start_marker, end_hour, end_marker = match.groups()
        start = _clock(start_hour, start_marker or end_marker)
        end = _clock(end_hour, end_marker)
        span = (end - start) % 24
        if span > MAX_HOURS_A_DAY:
            return match.start(), match.end(), f"; {span} hours a day"
    return None


# Pay held longer than a month, counted in days.
MAX_DAYS_BETWEEN_PAYS = 31
_DAYS_IN = {"day": 1, "thngai": 1, "ថ្ងៃ": 1, "week": 7, "wk": 7, "atit": 7, "sabda": 7, "សប្តាហ៍": 7, "month": 30,
            "mth": 30, "khae": 30, "khe": 30, "ខែ": 30, "year": 365, "chnam": 365, "ឆ្នាំ": 365}
_NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "eight": 8, "ten": 10,
                 "twelve": 12}
_UNIT = r"(?P<unit>days?|weeks?|wks?|months?|mths?|years?|thngai|atit|sabda|khae|khe|chnam|ថ្ងៃ|សប្តាហ៍|ខែ|ឆ្នាំ)"
_PAY_PERIODS = tuple(re.compile(pattern) for pattern in (
    rf"(?:{_PAY})[^.,]{{0,30}}?\b(?:after|every|each|once every|once in)\s+"
    rf"(?P<count>\d+|{'|'.join(_NUMBER_WORDS)})\s*{_UNIT}",
    rf"(?:ប្រាក់ខែ|បើក|លុយ)[^ ]{{0,12}}\s?(?:ក្រោយ|រៀងរាល់)\s?(?P<count>\d+)\s?{_UNIT}",
    rf"(?:{_PAY}|berk|baek|បើក|ប្រាក់ខែ)[^.,]{{0,20}}?(?P<count>\d+)\s*{_UNIT}\s*(?:mdong|m'dong|ម្តង|ម្ដង)",
))


def _pay_held(text, category):
    """Pay that comes every, or first after, more than a month."""
    for pattern in _PAY_PERIODS:
        for match in pattern.finditer(text):
            count, unit = match.group("count"), match.group("unit")
            count = int(count) if count.isdigit() else _NUMBER_WORDS[count]
            days = count * _DAYS_IN[unit.rstrip("s") if unit.rstrip("s") in _DAYS_IN else unit]
            if days > MAX_DAYS_BETWEEN_PAYS:
                return match.start(), match.end(), f"; {days} days between pays"
    return None


NUMBERS = {"pay_withheld": _pay_held, "overtime": _long_hours, "child_labour": _too_young}


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
    for code, signals in SIGNALS.items():
        found = next((span for span in map(lambda signal: signal.search(body), signals) if span), None)
        detail = ""
        if found is None and code in NUMBERS:
            found = NUMBERS[code](body, category)
            found, detail = (found[:2], found[2]) if found else (None, "")
        if found is None:
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
