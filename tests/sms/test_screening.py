"""Screening: the labelled corpus (tune split row by row; the held-out split is the bench's), the normalising it rests
on, the numbers it reads, the two listings from issue 14 and one listing per indicator of issue 24 through the SMS JOB
command."""
import collections
import pathlib
import sys

import pytest

from core.jobs import screening
from core.jobs.models import Job
from core.jobs.screening import amounts, fold, monthly_usd, normalise, screen
from tests.sms.conftest import employer, texts_to

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "bench"))
from screening_bench import flags_of, read_corpus  # noqa: E402

CORPUS = read_corpus()
REASON_CODES = set(screening.REASONS)
# Issue 24: the ILO's 11 indicators of forced labour (documents and pay_withheld were already held), child labour and
# commercial sexual exploitation.
INDICATORS = ("vulnerability", "deception", "movement", "isolation", "violence", "threats", "documents",
              "pay_withheld", "debt_bondage", "conditions", "overtime", "child_labour", "sexual_exploitation")


def test_the_corpus_is_big_enough_and_labelled_with_known_reasons():
    assert len(CORPUS) >= 700
    per_reason = collections.Counter(reason for row in CORPUS for reason in row["reasons"])
    assert set(per_reason) == REASON_CODES
    # "wage_missing" cannot come through the JOB command (the wage is a required field), so fewer rows test it.
    # The indicators of issue 24 have 15 or more each (below); the reasons before them 25 or more.
    assert all(count >= 25 for reason, count in per_reason.items()
               if reason != "wage_missing" and reason not in INDICATORS), per_reason
    assert sum(1 for row in CORPUS if not row["reasons"]) >= 100
    assert {row["split"] for row in CORPUS} == {"tune", "held"}


def test_a_held_split_covers_every_reason():
    # The held rows up to the ninth held-out round became tune rows once their misses had been printed; the held
    # split is now the tenth round's, written blind.
    held = [row for row in CORPUS if row["split"] == "held"]
    assert len(held) >= 100 and all(any(r in row["reasons"] for row in held) for r in REASON_CODES - {"wage_missing"})
    # Every reason has 20 held risky rows or more, so one held miss moves its recall by 5 points at most (with 5 rows
    # it moved 20).
    held_per_reason = collections.Counter(reason for row in held for reason in row["reasons"])
    assert all(held_per_reason[code] >= 20 for code in REASON_CODES), held_per_reason


def test_every_indicator_has_15_risky_listings_and_as_many_clean_ones_overall():
    risky = collections.Counter(reason for row in CORPUS for reason in row["reasons"] if reason in INDICATORS)
    assert all(risky[code] >= 15 for code in INDICATORS), risky
    new_risky = sum(1 for row in CORPUS if set(row["reasons"]) & set(INDICATORS) - {"documents", "pay_withheld"})
    assert sum(1 for row in CORPUS if not row["reasons"]) >= new_risky
    assert all(screening.REASONS[code].startswith(("ILO forced labour", "child labour", "commercial sexual"))
               for code in INDICATORS)


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
    "text",
    [
        "Girls and boys who finished school, training given, 200$",  # "boys who" folds as "boss vay" (boss beats)
        "Guards for a bank, 12 hour shifts with 4 days off",  # "bank, 12" folds as "bong 12" (pay 12)
        "Room for 4 with fan, snak nov ptas kammakor mean bongkon",  # as "min bangheanh" (not shown)
    ],
)
def test_an_english_word_is_no_romanised_one_that_shares_its_skeleton(text):
    assert screen(text, "SECURITY", 12, 240) == []


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
        ("Boss veay kammakor", "violence"),
        ("Luy agent 200$ chaoy mun", "fee"),
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
        "Salary advance up to 50$ in emergencies, repaid next payday",
        "Workers do not need to borrow: ម្ចាស់ផ្ទះមិនឲ្យខ្ចីលុយ",
        "Crew keep their phones, wifi on board",
        "We pay your transport home at the end of the contract",
        "Fish farm helpers, free room, no money taken from salary",
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


@pytest.mark.parametrize(
    "text, category, flagged",
    [
        ("Workers age 14-25", "GARMENT", True),
        ("Workers age 16-30, day shift", "GARMENT", False),
        ("Workers age 16-30", "FISHING", True),
        ("Helpers aged 17 and up", "CONSTRUCTION", True),
        ("Waitress 16+, KTV at night", "HOSPITALITY", True),
        ("Waitress 16+, day shift, cafe", "HOSPITALITY", False),
        ("Boys 15-17 strong", "FISHING", True),
        ("Kammakor ayu 13 chnam leung", "AGRICULTURE", True),
        ("កម្មករ អាយុ ១៦ឆ្នាំឡើង", "CONSTRUCTION", True),
        ("កម្មករ អាយុ ១៨ឆ្នាំឡើង", "CONSTRUCTION", False),
        ("Nanny for two children aged 3 and 6", "DOMESTIC", False),
        ("Chef with 16 years experience, age 25+", "HOSPITALITY", False),
        ("Masons 10-20 people needed, age 20+", "CONSTRUCTION", False),
    ],
)
def test_an_age_under_the_legal_minimum_for_the_trade_is_child_labour(text, category, flagged):
    assert ("child_labour" in [flag["code"] for flag in screen(text, category, 8, 250)]) is flagged


@pytest.mark.parametrize(
    "text, flagged",
    [
        ("Salary every 5 weeks", True),
        ("Salary every 4 weeks", False),
        ("Wages paid every 40 days", True),
        ("Wages paid every 31 days", False),
        ("First salary after 2 months", True),
        ("Berk prak khe 3 khae mdong", True),
        ("Luy khe bek mdong 3 khe", True),
        ("Bek mdong knong 1 khe", False),
        ("Maid's salary sent to her parents twice a year", True),
        ("បើកប្រាក់ខែ ១ខែម្តង", False),
        ("Salary monthly, bonus after 6 months", False),
    ],
)
def test_pay_held_longer_than_a_month_is_withholding(text, flagged):
    assert ("pay_withheld" in [flag["code"] for flag in screen(text, "GARMENT", 8, 250)]) is flagged


@pytest.mark.parametrize(
    "text, flagged",
    [
        ("Work 13 hours a day", True),
        ("Work 12 hours a day", False),
        ("Shifts of 8 hours, open 24 hours", False),
        ("From 6am to 9pm", True),
        ("From 6am to 6pm", False),
        ("Night work 6pm to 8am", True),
        ("Pi 6 prek dol 10 yub", True),
        # 12 at night is midnight: six hours from 6 in the evening, eighteen from 6 in the morning.
        ("ធ្វើការពីម៉ោង ៦ ល្ងាច ដល់ម៉ោង ១២ យប់", False),
        ("ធ្វើការពីម៉ោង ៦ ព្រឹក ដល់ម៉ោង ១២ យប់", True),
        ("ធ្វើការ ១៥ម៉ោងក្នុងមួយថ្ងៃ", True),
        ("70 hours a week", True),
        ("48 hours a week, overtime paid", False),
    ],
)
def test_days_beyond_any_legal_limit_are_excessive_overtime(text, flagged):
    assert ("overtime" in [flag["code"] for flag in screen(text, "GARMENT", 8, 250)]) is flagged


def test_a_debt_repaid_from_wages_is_shown_in_months_of_the_wage():
    (debt,) = [flag for flag in screen("Advance 500$ now, repaid from your salary", "GARMENT", 8, 250)
               if flag["code"] == "debt_bondage"]
    assert "500 USD, about 2.0 months of the wage" in debt["reason"]
    assert [flag["code"] for flag in screen("Advanced sewing skills, paid monthly", "GARMENT", 8, 250)] == []


def test_scam_pattern_needs_the_place_or_the_pay():
    assert screen("Customer service for our shop", "RETAIL", 12, 250) == []
    assert "scam_pattern" in [f["code"] for f in screen("Typing job, easy", "RETAIL", 20, 250)]
    assert "scam_pattern" in [f["code"] for f in screen("Typing job, easy", "RETAIL", 12, 600)]



def test_the_model_adds_an_indicator_the_rules_missed_and_names_the_words_that_raised_it(monkeypatch):
    text = "Kitchen staff, those who quit early will have their family visited by our men"
    (threats,) = screen(text, "HOSPITALITY", 12, 280)
    assert threats["code"] == "threats" and "model score" in threats["reason"]
    assert threats["phrase"] and all(word in text for word in threats["phrase"].split(", "))
    monkeypatch.setitem(screening.MODEL, "thresholds", {})  # the rules alone
    assert screen(text, "HOSPITALITY", 12, 280) == []


def test_a_phrase_hit_is_dropped_where_the_model_is_sure_nothing_is_wrong(monkeypatch):
    text = "Hotel receptionist, keep guests' passports for registration"
    scores, _present = screening._model_scores(normalise(text))
    assert {flag["code"] for flag in screen(text, "HOSPITALITY", 12, 250)} == {"documents", "fee"}
    monkeypatch.setitem(screening.MODEL, "veto_below", scores["any"] + 0.01)
    assert screen(text, "HOSPITALITY", 12, 250) == []
    # The numbers are read all the same: the model vetoes words, not an age under the minimum.
    monkeypatch.setitem(screening.MODEL, "veto_below", 1.0)
    assert [flag["code"] for flag in screen("Shop helpers, boys aged 12-14", "RETAIL", 12, 150)] == [
        "child_labour"]

# One listing per indicator of issue 24, each as an employer would text it; none of them is in the corpus.
INDICATOR_LISTINGS = {
    "vulnerability": "FACTORY PHNOMPENH 210 10 Packers, no ID card no problem, start today",
    "deception": "HOTEL SIEMREAP 220 5 Waitress, the real work is explained when you arrive",
    "movement": "FARM KAMPONGSPEU 180 20 Cane cutters live in camp, cannot leave the plantation until harvest",
    "isolation": "MAID PHNOMPENH 150 1 Live-in maid, phone kept by madam, family cannot visit",
    "violence": "BUILD KANDAL 12/day 10 Helpers, lazy workers get beaten",
    "threats": "FACTORY KANDAL 220 10 Workers who quit before 1 year pay a fine of 300$",
    "documents": "GUARD PHNOMPENH 200 4 Guards, company keeps your ID card until you leave",
    "pay_withheld": "FACTORY KANDAL 220 10 Sewing, salary paid every 50 days",
    "debt_bondage": "FARM BATTAMBANG 180 10 We lend your family 400$, repaid from your wages",
    "conditions": "BUILD PHNOMPENH 12/day 10 Workers sleep on the site floor, no toilet",
    "overtime": "FOOD PREAHSIHANOUK 200 10 Fish packers, work 5am to 9pm",
    "child_labour": "FISH KAMPOT 200 4 Boat crew, age 16 and up",
    "sexual_exploitation": "HOTEL PHNOMPENH 300 5 KTV girls, pretty and young, send full body photo",
    # Unsafe migration, the kind held before issue 24 and kept.
    "abroad": "BUILD BANTEAYMEANCHEY 15/day 10 Builders, we take you across the border at night, no passport",
}


@pytest.mark.parametrize("code", INDICATORS + ("abroad",))
def test_each_indicator_waits_for_staff_when_texted_by_a_verified_employer(code, at_app, sms, drain, at_stub):
    boss = "+85512600124"
    employer(boss, name="Sokha Trading")
    sms(boss, f"JOB {INDICATOR_LISTINGS[code]}")
    drain()
    (job,) = Job.select()
    flags = {flag["code"]: flag for flag in job.flags}
    assert job.status == "pending" and code in flags, job.flags
    assert flags[code]["phrase"] and f'("{flags[code]["phrase"]}' in flags[code]["reason"]
    assert flags[code]["reason"].startswith(screening.REASONS[code])
    (reply,) = texts_to(at_stub, boss)
    assert "waits for staff review" in reply
    # The reply tells the employer nothing of what held it, so nothing to reword around.
    assert flags[code]["phrase"].lower() not in reply.lower() and code not in reply


def test_the_learnt_model_gives_the_garbage_collector_nothing_to_scan():
    """Its weights as the JSON's lists were tens of thousands of objects every full collection rescanned, in whichever
    web request it fell on: the USSD bench's p99 grew fivefold. As tuples of strings and numbers they are untracked."""
    import gc

    gc.collect()
    assert "weights" not in screening.MODEL
    assert not any(gc.is_tracked(pairs) for pairs in screening._WEIGHTS.values())
