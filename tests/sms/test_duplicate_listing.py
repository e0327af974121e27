"""The same listing twice from one employer: refused in core (listings.post), and the employer told why by SMS."""
import pytest

from core.jobs import listings
from core.jobs.models import Job
from core.reference.models import Category
from tests.sms.conftest import employer, texts_to

BOSS = "+85512600111"
POST = "JOB GARMENT KANDAL 250 20 Sewing operators, lunch provided"


def post(owner, title="Sewing operators", details="lunch provided", wage=250, province=8):
    return listings.post(owner, Category.get(Category.code == "GARMENT").number, province, wage, "USD", "month", 20,
                         title, details)


def test_the_same_open_listing_is_refused_and_names_the_first(at_app):
    owner = employer(BOSS)
    first = post(owner)
    with pytest.raises(listings.Duplicate) as refused:
        post(owner, title="sewing  OPERATORS", details="Lunch provided")
    assert refused.value.job.id == first.id
    assert Job.select().count() == 1


@pytest.mark.parametrize("status", ["live", "pending", "hidden"])
def test_a_listing_still_open_blocks_its_copy(at_app, status):
    first = post(employer(BOSS))
    Job.update(status=status).where(Job.id == first.id).execute()
    with pytest.raises(listings.Duplicate):
        post(first.employer)


@pytest.mark.parametrize("status", ["closed", "rejected"])
def test_a_closed_or_rejected_listing_can_be_posted_again(at_app, status):
    first = post(employer(BOSS))
    Job.update(status=status).where(Job.id == first.id).execute()
    assert post(first.employer).id != first.id


def test_a_different_wage_place_or_employer_is_another_listing(at_app):
    owner = employer(BOSS)
    post(owner)
    post(owner, wage=260)
    post(owner, province=12)
    post(owner, details="lunch and bus provided")
    post(employer("+85512600112", name="Other Garment Co."))
    assert Job.select().count() == 5


def test_the_employer_is_told_by_sms_and_nothing_is_saved(at_app, sms, drain, at_stub):
    employer(BOSS)
    sms(BOSS, POST)
    sms(BOSS, POST.replace("Sewing", "sewing"))
    drain()
    (job,) = Job.select()
    first, second = texts_to(at_stub, BOSS)
    assert "is live" in first
    assert f"You already posted this job: {job.ref} (live)" in second and f"CLOSE {job.ref}" in second
