"""Screening: the labelled corpus (tune split row by row; the held-out split is the bench's), the normalising it rests
on, and the two listings from issue 14 through the SMS JOB command."""
import collections
import pathlib
import sys

import pytest

from core import screening
from core.models import Job
from core.screening import amounts, fold, monthly_usd, normalise, screen
from tests.sms.conftest import employer, texts_to

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "bench"))
from screening_bench import flags_of, read_corpus  # noqa: E402

CORPUS = read_corpus()
REASON_CODES = set(screening.REASONS)


def test_the_corpus_is_big_enough_and_labelled_with_known_reasons():
    assert len(CORPUS) >= 300
    per_reason = collections.Counter(reason for row in CORPUS for reason in row["reasons"])
    assert set(per_reason) == REASON_CODES
    # "wage_missing" cannot come through the JOB command (the wage is a required field), so fewer rows test it.
    assert all(count >= 25 for reason, count in per_reason.items() if reason != "wage_missing"), per_reason
    assert sum(1 for row in CORPUS if not row["reasons"]) >= 100
    assert {row["split"] for row in CORPUS} == {"tune", "held"}
    held = [row for row in CORPUS if row["split"] == "held"]
    assert len(held) >= 100 and all(any(r in row["reasons"] for row in held) for r in REASON_CODES - {"wage_missing"})


@pytest.mark.parametrize(
    "row",
    [row for row in CORPUS if row["split"] == "tune"],
    ids=lambda row: f"{','.join(row['reasons']) or 'clean'} {row['text'][:30]}",
)
def test_tune_split(row):
    flags = flags_of(row)
    if not row["reasons"]:
        assert flags == []
    else:
        assert set(row["reasons"]) <= {flag["code"] for flag in flags}, flags
        for flag in flags:
            assert flag["reason"].startswith(screening.REASONS[flag["code"]])
            assert flag["phrase"] or flag["code"] == "wage_missing"


def test_issue_14_listings_are_held_with_their_reasons_and_phrases():
    (fee,) = screen("កម្មករ បង់ប្រាក់កក់ 50 ដុល្លារ", "AGRICULTURE", 5, 200)
    assert fee["code"] == "fee" and "បង់ប្រាក់កក់" in fee["phrase"] and fee["phrase"] in fee["reason"]
    (withheld,) = screen("Cane cutters, salary paid after 3 months", "AGRICULTURE", 5, 200)
    assert withheld["code"] == "pay_withheld" and withheld["phrase"] == "salary paid after 3 months"


def test_issue_14_listings_wait_for_staff_when_texted_by_a_verified_employer(at_app, sms, drain, at_stub):
    boss = "+85512600105"
    employer(boss, name="Kampong Speu Sugar Farm")
    sms(boss, "JOB FARM KAMPONGSPEU 200 5 កម្មករ បង់ប្រាក់កក់ 50 ដុល្លារ")
    sms(boss, "JOB FARM KAMPONGSPEU 200 5 Cane cutters, salary paid after 3 months")
    drain()
    deposit, deferred = Job.select().order_by(Job.id)
    assert deposit.status == "pending" and [f["code"] for f in deposit.flags] == ["fee"]
    assert deferred.status == "pending" and [f["code"] for f in deferred.flags] == ["pay_withheld"]
    assert deferred.flags[0]["phrase"] == "salary paid after 3 months"
    assert all("waits for staff review" in text for text in texts_to(at_stub, boss))


@pytest.mark.parametrize(
    "written, usd, period",
    [
        ("pay $30 first", 30, None),
        ("pay 30$ first", 30, None),
        ("pay 30 USD first", 30, None),
        ("bong 120,000 riel", 120000 / 4100, None),
        ("បង់ ១២០០០០៛", 120000 / 4100, None),
        ("prak khe 1100 dolla", 1100, None),
        ("earn 2000$ a month", 2000, "month"),
        ("12$/day", 12, "day"),
        ("400 baht/day", 400 / 35, "day"),
    ],
)
def test_amounts_in_any_form(written, usd, period):
    ((value, found_period, _phrase, _start),) = amounts(normalise(written))
    assert value == pytest.approx(usd) and found_period == period


def test_normalise_folds_khmer_digits_and_invisible_spaces():
    assert normalise("ប្រាក់\u200bខែ  ១២០$ ") == "ប្រាក់ខែ 120$"


@pytest.mark.parametrize(
    "spellings", [("kok", "kork", "kak"), ("bong", "borng", "bang"), ("luy", "lui", "loy"), ("khe", "khae", "kher")]
)
def test_romanised_spellings_fold_together(spellings):
    assert len({fold(word) for word in spellings}) == 1


@pytest.mark.parametrize(
    "text, code",
    [
        ("Workers for Thailand, good pay", "abroad"),
        ("Kargar nov srok Thai", "abroad"),
        ("Sewing, salary deducted for uniform", "fee"),
        ("Borng lui kork 20$ mun chol kar", "fee"),
        ("Guards, give us your ID card", "documents"),
        ("កម្មករ ទៅប្រទេសថៃ", "abroad"),
        ("Rubber tapping, bek luy pel jop rodauv", "pay_withheld"),
        ("Prak khe chorcha, kromhun thom", "vague"),
    ],
)
def test_other_warning_signs(text, code):
    assert code in [flag["code"] for flag in screen(text, "GARMENT", 8, 250)]


@pytest.mark.parametrize(
    "text",
    [
        "Sewing operators, no recruitment fee, no deposit",
        "Rongchakr kat der, ot yok luy, ot kok",
        "ត្រូវការកម្មករ មិនយកថ្លៃសេវា មិនកក់ប្រាក់",
        "Guards, we do not keep your ID card or passport",
        "Cane cutters, monthly salary 200$, bonus paid after 3 months",
        "Cook for Thai restaurant in Phnom Penh",
        "Waiter for Korean BBQ restaurant, Toul Kork",
    ],
)
def test_honest_wording_is_not_flagged(text):
    assert screen(text, "GARMENT", 8, 250) == []


def test_wages_are_compared_per_month_in_dollars():
    assert monthly_usd(40000, "KHR", "day") == pytest.approx(40000 / 4100 * 26)
    assert screen("Concrete workers", "CONSTRUCTION", 21, 40000, "KHR", "day") == []
    assert [f["code"] for f in screen("Concrete workers", "CONSTRUCTION", 21, 60, "USD", "day")] == ["wage_unrealistic"]
    assert [f["code"] for f in screen("Concrete workers", "CONSTRUCTION", 21, None)] == ["wage_missing"]
    assert [f["code"] for f in screen("Sewing, you can earn 2000$ a month", "GARMENT", 8, 250)] == ["wage_unrealistic"]


def test_scam_pattern_needs_the_place_or_the_pay():
    assert screen("Customer service for our shop", "RETAIL", 12, 250) == []
    assert "scam_pattern" in [f["code"] for f in screen("Typing job, easy", "RETAIL", 20, 250)]
    assert "scam_pattern" in [f["code"] for f in screen("Typing job, easy", "RETAIL", 12, 600)]
