"""Screening against the staff-labelled corpus: flagged rows with the right reason, clean rows with none."""
import ast
import pathlib

import pytest

from core import screening
from core.screening import monthly_usd, screen
from tests.sms.test_parser import rows


@pytest.mark.parametrize("row", rows("screening.tsv"), ids=lambda row: row["text"][:40])
def test_screening_corpus(row):
    flags = screen(
        row["text"],
        row["category"],
        int(row["province_iso"]),
        int(row["wage_amount"]),
        row["wage_currency"],
        row["wage_period"],
    )
    if row["label"] == "clean":
        assert flags == []
    else:
        assert row["reason"] in [flag["code"] for flag in flags], flags
        assert all(flag["reason"] for flag in flags)


@pytest.mark.parametrize(
    "text, code",
    [
        ("Workers for Thailand, good pay", "abroad"),
        ("Kargar nov srok Thai", "abroad"),
        ("Sewing, salary deducted for uniform", "fee"),
        ("Kom bong luy 20$ mun chol kar", "fee"),
        ("Guards, give us your ID card", "documents"),
        ("កម្មករ ទៅប្រទេសថៃ", "abroad"),
    ],
)
def test_other_warning_signs(text, code):
    assert code in [flag["code"] for flag in screen(text, "GARMENT", 8, 250)]


def test_honest_no_fee_wording_is_not_flagged():
    assert screen("Sewing operators, no recruitment fee, no deposit", "GARMENT", 8, 250) == []


def test_wages_are_compared_per_month_in_dollars():
    assert monthly_usd(40000, "KHR", "day") == pytest.approx(40000 / 4100 * 26)
    assert screen("Concrete workers", "CONSTRUCTION", 21, 40000, "KHR", "day") == []
    assert [f["code"] for f in screen("Concrete workers", "CONSTRUCTION", 21, 60, "USD", "day")] == ["wage_unrealistic"]
    assert [f["code"] for f in screen("Concrete workers", "CONSTRUCTION", 21, None)] == ["wage_missing"]


def test_scam_pattern_needs_the_place_or_the_pay():
    assert screen("Customer service for our shop", "RETAIL", 12, 250) == []
    assert "scam_pattern" in [f["code"] for f in screen("Typing job, easy", "RETAIL", 20, 250)]


def test_screening_is_pure():
    tree = ast.parse(pathlib.Path(screening.__file__).read_text())
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    assert not imported & {"flask", "peewee", "redis", "rq", "africastalking", "requests"}
