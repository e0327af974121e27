"""Listing screening: the warning signs of trafficking and scams, each flag with a reason staff can read. Pure.

A verified employer's listing with no flags goes live at once; any flag sends it to the moderation queue.
Flags are {"code", "reason"}: codes fee, documents, abroad, scam_pattern, pay_withheld, wage_unrealistic,
wage_missing. Patterns cover English, romanised Khmer and Khmer script as employers write them.
"""
import re

from core.reference import CATEGORIES

KHR_PER_USD = 4100
WORKING_DAYS_PER_MONTH = 26
# A wage this many times the category's usual maximum is "too good to be true".
UNREALISTIC_FACTOR = 2.0

# "No fee", "free of charge" are what honest employers write: those phrases never count as asking for money.
_NO_FEE = re.compile(r"\b(no|zero|without|free of)\s+(recruitment\s+|agency\s+|registration\s+|hidden\s+)?"
                     r"(fees?|charges?|deposits?|cost)\b|\bfree of charge\b", re.IGNORECASE)

_PATTERNS = (
    (
        "fee",
        "asks workers for money: a fee, deposit or wage deduction",
        r"\bfees?\b|\bdeposits?\b|\bdeduct\w*|\bregistration (cost|charge|money)\b|\bpay (us|first|before|in advance)\b"
        r"|\badvance payment\b|\bbong luy\b|\bkak luy\b|\bthlai sevakam\b|ថ្លៃសេវា|កក់ប្រាក់|បង់លុយ|កាត់ប្រាក់ខែ",
    ),
    (
        "documents",
        "asks workers to hand over a passport or ID",
        r"\bpassports?\b|\bid cards?\b|\bidentity (card|document)s?\b|\bfamily book\b|\bkeeps? (your|the) (id|documents?)\b"
        r"|\batesanbat\b|\blikhet chlong den\b|លិខិតឆ្លងដែន|អត្តសញ្ញាណប័ណ្ណ|សៀវភៅគ្រួសារ",
    ),
    (
        "abroad",
        "work abroad: cross-border recruitment is where trafficking happens",
        r"\bthailand\b|\bthai\b|\bbangkok\b|\bpattaya\b|\bmalaysia\b|\bkuala lumpur\b|\bkorea\b|\bjapan\b|\btaiwan\b"
        r"|\bsingapore\b|\bchina\b|\bdubai\b|\bsaudi\b|\bqatar\b|\babroad\b|\boverseas\b|\bwork permit\b|\bvisa\b"
        r"|\bbor?tes\b|\bsrok thai\b|ប្រទេសថៃ|ម៉ាឡេស៊ី|កូរ៉េ|ជប៉ុន|បរទេស",
    ),
    (
        "pay_withheld",
        "holds back pay until the end of a contract",
        r"\b(paid|pay|salary|wages?)\b[^.]{0,30}\b(at|after)\s+(the\s+)?end\b|\bwithh[eo]ld\w*|\bunpaid\b"
        r"|\b(first|1st)\s+\d+\s+months?\s+(no|without)\s+pay\b|\bpay\w*\s+after\s+\d+\s+(months?|years?)\b",
    ),
)
_COMPILED = tuple((code, reason, re.compile(pattern, re.IGNORECASE)) for code, reason, pattern in _PATTERNS)

# Scam compounds recruit for "online" work with high pay in border and casino towns.
_SCAM_WORK = re.compile(
    r"\btyping\b|\bonline\b|\bcustomer service\b|\bdata entry\b|\btelemarketing\b|\bcrypto\w*\b|\bchat\w*\b"
    r"|\bgame\s*(tester|agent)s?\b|\bcall cent(er|re)\b",
    re.IGNORECASE,
)
_SCAM_PLACE = re.compile(
    r"\bcasinos?\b|\bpoipet\b|\bpoi pet\b|\bbavet\b|\bsihanoukville\b|\bo'?smach\b|\bcham yeam\b|\bkoh kong\b"
    r"|\bspecial economic zone\b|\bsez\b|កាស៊ីណូ",
    re.IGNORECASE,
)
# Border and casino provinces: Banteay Meanchey (Poipet), Koh Kong, Preah Sihanouk, Svay Rieng (Bavet),
# Oddar Meanchey (O'Smach), Pailin.
SCAM_PROVINCES = frozenset({1, 9, 18, 20, 22, 24})

_WAGE_RANGE = {c.code: (c.wage_min, c.wage_max) for c in CATEGORIES}


def screen(text, category, province_code, wage_amount, wage_currency="USD", wage_period="month"):
    """The flags a listing raises: a list of {"code", "reason"}, empty when nothing looks wrong."""
    body = _NO_FEE.sub(" ", str(text or ""))
    flags = []
    for code, reason, pattern in _COMPILED:
        match = pattern.search(body)
        if match:
            flags.append(_flag(code, f'{reason} ("{match.group(0).strip()}")'))
    monthly = monthly_usd(wage_amount, wage_currency, wage_period)
    usual = _WAGE_RANGE.get(category)
    if monthly is None:
        flags.append(_flag("wage_missing", "no wage stated"))
    scam_work = _SCAM_WORK.search(body)
    if scam_work and (
        _SCAM_PLACE.search(body)
        or province_code in SCAM_PROVINCES
        or (usual is not None and monthly is not None and monthly > usual[1] * 1.5)
    ):
        flags.append(_flag("scam_pattern", f'"{scam_work.group(0)}" work in a border or casino area or at high pay'))
    if monthly is not None and usual is not None and monthly > usual[1] * UNREALISTIC_FACTOR:
        flags.append(
            _flag("wage_unrealistic", f"${monthly:,.0f}/month is far above the usual ${usual[0]}-{usual[1]} for {category}")
        )
    return flags


def monthly_usd(amount, currency="USD", period="month"):
    """The wage as US dollars a month (KHR at ~4,100/USD, 26 working days), or None if there is no wage."""
    if not amount:
        return None
    value = amount / KHR_PER_USD if currency == "KHR" else float(amount)
    return value * WORKING_DAYS_PER_MONTH if period == "day" else value


def _flag(code, reason):
    return {"code": code, "reason": reason}
