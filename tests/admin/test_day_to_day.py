"""Gaps staff met using the admin for a day's work (issue 14), on SQLite and PostgreSQL: finding a seeker by the
number a caller gives, why a job waits, what may be sponsored, search hints, the forbidden page, the Khmer font."""
import re

import pytest

from core.platform import runtime
from core.jobs.models import Employer, Job, SponsoredSlot
from core.reference.models import Category
from core.seekers.models import Seeker
from tests.conftest import make_config


@pytest.fixture
def config(tmp_path, database_url):
    return make_config(tmp_path, database_url)


def employer(status, msisdn="+85512600501", name="Mekong Weaving"):
    return Employer.create(msisdn=msisdn, name=name, province=8, status=status)


def job(owner, status, ref="J7001", flags=None):
    return Job.create(
        ref=ref, employer=owner, category=Category.get(Category.code == "GARMENT"), province=8,
        title="Sewing operators", wage_amount=250, positions=5, status=status, flags=flags or [],
    )


def rows(html):
    return re.findall(r"<tr[^>]*>.*?</tr>", html, flags=re.S)


@pytest.mark.parametrize("typed", ["+85512000010", "012000010", "012 000 010", "85512000010", "+855 12 000 010"])
def test_a_seeker_is_found_by_the_number_in_any_format(login_as, typed):
    wanted, _ = Seeker.get_or_create_by_msisdn("+85512000010")
    Seeker.get_or_create_by_msisdn("+85512000011")
    client, _ = login_as("viewer")
    html = client.get("/admin/seekers/", query_string={"search": typed}).get_data(as_text=True)
    body_rows = [row for row in rows(html) if "+855" in row]
    assert len(body_rows) == 1 and "+855*****010" in body_rows[0], body_rows
    assert wanted.referral_code in body_rows[0]


def test_a_seeker_is_still_found_by_referral_code_and_a_part_of_a_number_finds_nobody(login_as):
    wanted, _ = Seeker.get_or_create_by_msisdn("+85512000010")
    client, _ = login_as("viewer")
    html = client.get("/admin/seekers/", query_string={"search": wanted.referral_code}).get_data(as_text=True)
    assert "+855*****010" in html
    # A fragment is not a number: matching it would let anyone unmask numbers digit by digit.
    html = client.get("/admin/seekers/", query_string={"search": "000010"}).get_data(as_text=True)
    assert "+855*****010" not in html


def test_moderation_says_a_job_waits_for_its_employer_to_be_verified(login_as):
    waiting = job(employer("pending"), "pending")
    client, _ = login_as("moderator")
    html = client.get("/admin/moderation/").get_data(as_text=True)
    assert "no screening flags" not in html
    assert "Waits because the employer is not verified (it is pending)" in html
    assert f"/admin/employers/{waiting.employer.id}/" in html
    job_page = client.get(f"/admin/jobs/{waiting.id}/").get_data(as_text=True)
    assert "Waits because the employer is not verified" in job_page


def test_moderation_shows_flags_with_their_phrase_and_says_when_a_job_was_posted_before_verification(login_as):
    owner = employer("verified")
    job(owner, "pending", ref="J7001", flags=[{"code": "fee", "reason": 'asks workers for money ("bong luy kok")',
                                               "phrase": "bong luy kok"}])
    job(owner, "pending", ref="J7002")
    client, _ = login_as("moderator")
    html = client.get("/admin/moderation/").get_data(as_text=True)
    assert "bong luy kok" in html and "Waits because" not in html
    assert "posted before its employer was verified" in html


@pytest.mark.parametrize(
    "employer_status, job_status",
    [("verified", "pending"), ("verified", "hidden"), ("verified", "closed"), ("suspended", "live"),
     ("pending", "pending")],
)
def test_only_a_job_seekers_can_see_can_be_sponsored(login_as, employer_status, job_status):
    job(employer(employer_status), job_status)
    client, token = login_as("admin")
    form = {"csrf_token": token, "kind": "job", "job_ref": "J7001", "starts_on": "2026-12-01",
            "ends_on": "2026-12-31", "price": "150", "buyer": "Mekong Weaving"}
    response = client.post("/admin/slots/new", data=form)
    assert response.status_code == 200
    assert "only a live job of a verified employer" in response.get_data(as_text=True)
    assert SponsoredSlot.select().count() == 0


def test_a_home_line_over_its_limit_is_refused_with_the_limit_shown(login_as):
    client, token = login_as("admin")
    assert 'maxlength="40"' in client.get("/admin/slots/new").get_data(as_text=True)
    form = {"csrf_token": token, "kind": "home", "label": "x" * 41, "starts_on": "2026-12-01", "ends_on": "2026-12-31",
            "price": "150", "buyer": "Mekong Weaving"}
    html = client.post("/admin/slots/new", data=form).get_data(as_text=True)
    assert "at most 40 characters" in html and "Field cannot be longer than 40 characters" in html
    assert SponsoredSlot.select().count() == 0


@pytest.mark.parametrize(
    "url, hint",
    [("/admin/seekers/", "Phone number or referral code"), ("/admin/employers/", "Name or number"),
     ("/admin/jobs/", "Ref or title"), ("/admin/messages/", "Words in the message"),
     ("/admin/audit/", "Who or what action")],
)
def test_search_boxes_say_what_they_find(login_as, url, hint):
    client, _ = login_as("admin")
    html = client.get(url).get_data(as_text=True)
    assert f'placeholder="{hint}"' in html
    assert 'placeholder="None"' not in html


def test_a_forbidden_page_says_why_in_the_staff_app(login_as):
    client, token = login_as("viewer")
    response = client.get("/admin/staff/")
    html = response.get_data(as_text=True)
    assert response.status_code == 403
    assert "Not allowed" in html and "<strong>viewer</strong> role" in html and "open this page" in html
    response = client.post("/admin/moderation/1/approve", data={"csrf_token": token})
    assert response.status_code == 403 and "make this change" in response.get_data(as_text=True)


def test_gateway_callbacks_keep_a_bare_403(app):
    response = app.test_client().post("/sms/inbound?token=wrong", data={"from": "+85512000010", "text": "HELP"})
    assert response.status_code == 403 and "Not allowed" not in response.get_data(as_text=True)


def test_the_khmer_web_font_is_served_with_its_licence(login_as):
    client, _ = login_as("viewer")
    css = client.get("/admin/assets/staff.css").get_data(as_text=True)
    assert '"Noto Sans Khmer"' in css and "U+1780-17FF" in css
    for weight in ("400", "700"):
        font = client.get(f"/admin/assets/fonts/noto-sans-khmer-khmer-{weight}-normal.woff2")
        assert font.status_code == 200 and font.data[:4] == b"wOF2"
    licence = client.get("/admin/assets/fonts/OFL-NotoSansKhmer.txt").get_data(as_text=True)
    assert "SIL Open Font License" in licence


def test_a_seeker_who_never_chose_a_language_shows_the_default_they_read(app, login_as):
    Seeker.get_or_create_by_msisdn("+85512000010")
    Seeker.get_or_create_by_msisdn("+85512000011", language="km")
    client, _ = login_as("viewer")
    runtime.current().config["app"]["default_language"] = "en"
    html = client.get("/admin/seekers/").get_data(as_text=True)
    [unchosen] = [row for row in rows(html) if "+855*****010" in row]
    [chosen] = [row for row in rows(html) if "+855*****011" in row]
    assert "en (default)" in unchosen and "(default)" not in chosen
