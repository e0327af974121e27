"""The public site's pages: what they show, in every language, cached, light, and found by search engines."""
import datetime
import gzip
import json
import re
import xml.etree.ElementTree as ElementTree

from markupsafe import escape

from core.jobs import livejobs, slots
from core.platform import clock, runtime
from core.text.i18n import LANGUAGES, text
from core.jobs.models import Job, SponsoredSlot
from core.platform.models import utcnow
from tests.website.conftest import live_job

PAGES = ("/", "/jobs", "/jobs?trade=1", "/jobs/J5001", "/employers", "/safety", "/jobs/J5001/share?how=call",
         "/jobs/J5001/share?how=sms")
# Google's structured data guidelines for JobPosting: the required properties, and the recommended ones the issue
# asks for. https://developers.google.com/search/docs/appearance/structured-data/job-posting
REQUIRED = ("title", "description", "datePosted", "hiringOrganization", "jobLocation")
ASKED_FOR = ("validThrough", "employmentType", "baseSalary")
EMPLOYMENT_TYPES = {"FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY", "INTERN", "VOLUNTEER", "PER_DIEM", "OTHER"}
SALARY_UNITS = {"HOUR", "DAY", "WEEK", "MONTH", "YEAR"}
ITEM = re.compile(r"<li[ >]")
LD_JSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def in_language(client, language):
    client.get(f"/language/{language}?next=/")


def test_every_page_opens_without_an_account_in_every_language(client, jobs):
    for language in LANGUAGES:
        in_language(client, language)
        for path in PAGES:
            response = client.get(path)
            assert response.status_code == 200, (language, path)
            assert text(language, "site.nav.jobs") in response.get_data(as_text=True), (language, path)


def test_the_default_language_comes_from_the_config(app, client, jobs):
    assert text("km-Latn", "site.nav.jobs") in client.get("/").get_data(as_text=True)
    runtime.current().config["app"]["default_language"] = "en"
    assert text("en", "site.home.title") in client.get("/").get_data(as_text=True)


def test_a_language_link_goes_back_only_to_a_page_of_this_site(client):
    assert client.get("/language/en?next=/jobs?trade=1").headers["Location"] == "/jobs?trade=1"
    for elsewhere in ("https://evil.example/", "//evil.example/", "evil", "/\\evil.example"):
        location = client.get("/language/en", query_string={"next": elsewhere}).headers["Location"]
        assert location.startswith("/") and not location.startswith("//") and "evil" not in location.split("/")[1]
    response = client.get("/language/xx?next=/")
    assert "lang=" not in response.headers.get("Set-Cookie", "")


def test_jobs_shows_only_live_jobs_of_verified_employers_and_filters_by_trade_and_province(client, jobs):
    in_language(client, "en")
    html = client.get("/jobs").get_data(as_text=True)
    assert all(ref in html for ref in ("J5001", "J5002", "J5003"))
    assert "J5004" not in html and "J5005" not in html and "Not Yet Checked" not in html
    html = client.get("/jobs?trade=2").get_data(as_text=True)
    assert "J5002" in html and "J5001" not in html and "J5003" not in html
    html = client.get("/jobs?province=12").get_data(as_text=True)
    assert "J5002" in html and "J5003" in html and "J5001" not in html
    html = client.get("/jobs?trade=4&province=8").get_data(as_text=True)
    assert "J5003" not in html and text("en", "site.jobs.none") in html
    assert "40,000 riel/day" in client.get("/jobs?trade=2").get_data(as_text=True)


def test_bad_filters_are_ignored_not_errors(client, jobs):
    for query in ("trade=abc", "trade=999", "province=-1", "province=99999999", "page=0", "page=x", "page=500",
                  "trade=1&trade=2"):
        assert client.get(f"/jobs?{query}").status_code == 200, query


def test_pages_of_twenty(client, jobs):
    for number in range(25):
        live_job(f"J6{number:03d}", f"Packer {number}")
    first = client.get("/jobs?trade=1").get_data(as_text=True)
    second = client.get("/jobs?trade=1&page=2").get_data(as_text=True)
    assert len(ITEM.findall(first)) == 20 and 'rel="next"' in first
    assert len(ITEM.findall(second)) == 6 and 'rel="prev"' in second and 'rel="next"' not in second


def test_a_job_page_puts_the_facts_first(client, jobs):
    in_language(client, "en")
    html = client.get("/jobs/j5001").headers["Location"]
    assert html.endswith("/jobs/J5001")
    html = client.get("/jobs/J5001").get_data(as_text=True)
    facts = html[html.index('<dl class="facts">'):html.index("</dl>")]
    for fact in ("$250/month", "Kandal", "Garment", "20", "Kandal Garment Co.", "verified", "8h/day, lunch provided"):
        assert fact in facts, fact
    assert text("en", "site.never_asks") in html
    assert "APPLY J5001" in html


def test_a_closed_or_hidden_job_is_gone_and_an_unknown_one_not_found(client, jobs):
    assert client.get("/jobs/J5004").status_code == 410
    assert client.get("/jobs/J5005").status_code == 410  # its employer is not verified: not shown
    assert client.get("/jobs/J5004/share").status_code == 410
    missing = client.get("/jobs/J9999")
    assert missing.status_code == 404 and str(escape(text("km-Latn", "site.missing"))) in missing.get_data(as_text=True)
    assert client.get("/jobs/" + "J" * 300).status_code == 404
    Job.update(status="closed").where(Job.ref == "J5001").execute()
    assert client.get("/jobs/J5001").status_code == 410


def test_a_job_never_published_was_never_there(client, jobs):
    live_job("J5006", "Waiting job", status="pending", published_at=None)
    assert client.get("/jobs/J5006").status_code == 404  # not "closed": it never opened


def test_a_repeat_view_costs_a_304(client, jobs):
    for path in ("/", "/jobs?trade=1", "/jobs/J5001", "/safety", "/employers", "/sitemap.xml"):
        first = client.get(path)
        assert first.headers["ETag"] and "max-age" in first.headers["Cache-Control"], path
        again = client.get(path, headers={"If-None-Match": first.headers["ETag"]})
        assert again.status_code == 304 and not again.data, path
    first = client.get("/jobs/J5001")
    Job.update(wage_amount=300).where(Job.ref == "J5001").execute()
    assert client.get("/jobs/J5001", headers={"If-None-Match": first.headers["ETag"]}).status_code == 200


def test_browsing_sets_no_cookie_and_the_language_varies_the_cache(client, jobs):
    for path in ("/", "/jobs", "/jobs/J5001", "/safety"):
        response = client.get(path)
        assert "Set-Cookie" not in response.headers, path
        assert "Cookie" in response.headers["Vary"], path
    assert client.get("/jobs/J5001/share").headers["Cache-Control"] == "no-store"


def test_every_page_weighs_under_30_kb_before_images(client, jobs):
    """What goes over the wire for a page: its HTML and its stylesheet (the Khmer font is an image-like asset the
    browser fetches only for Khmer text, once, and caches)."""
    css = client.get("/site-assets/site.css").data
    for language in LANGUAGES:
        in_language(client, language)
        for path in PAGES + ("/jobs/J5002",):
            html = client.get(path).data
            assert len(html) + len(css) < 30 * 1024, (language, path, len(html), len(css))
            assert len(gzip.compress(html)) < 8 * 1024, (language, path)  # most servers compress it further


def test_no_script_is_needed(client, jobs):
    for path in PAGES:
        html = client.get(path).get_data(as_text=True)
        assert "<script" not in html.replace('<script type="application/ld+json">', ""), path


def structured_data(client, ref):
    html = client.get(f"/jobs/{ref}").get_data(as_text=True)
    [block] = LD_JSON.findall(html)
    return json.loads(block)


def check_job_posting(data):
    """Google's JobPosting rules for the fields it requires and those the issue asks for."""
    assert data["@context"].rstrip("/") in ("https://schema.org", "http://schema.org")
    assert data["@type"] == "JobPosting"
    for field in REQUIRED + ASKED_FOR:
        assert data.get(field), field
    posted = datetime.date.fromisoformat(data["datePosted"])
    assert datetime.datetime.fromisoformat(data["validThrough"]).date() > posted
    assert data["employmentType"] in EMPLOYMENT_TYPES
    assert data["hiringOrganization"]["@type"] == "Organization" and data["hiringOrganization"]["name"]
    address = data["jobLocation"]["address"]
    assert data["jobLocation"]["@type"] == "Place" and address["@type"] == "PostalAddress"
    assert address["addressCountry"] == "KH" and address["addressRegion"]
    salary = data["baseSalary"]
    assert salary["@type"] == "MonetaryAmount" and re.fullmatch(r"[A-Z]{3}", salary["currency"])
    assert salary["value"]["@type"] == "QuantitativeValue" and salary["value"]["value"] > 0
    assert salary["value"]["unitText"] in SALARY_UNITS


def test_every_job_page_carries_valid_job_posting_data(client, jobs):
    live = list(Job.live())
    assert len(live) == 3
    for job in live:
        data = structured_data(client, job.ref)
        check_job_posting(data)
        assert data["title"] == job.title and data["hiringOrganization"]["name"] == job.employer.name
    builder = structured_data(client, "J5002")
    assert builder["baseSalary"]["currency"] == "KHR" and builder["baseSalary"]["value"]["unitText"] == "DAY"
    assert builder["description"] == "Concrete workers"  # no details: the title describes it


def test_structured_data_cannot_close_its_script_element(client, jobs):
    Job.update(title="Cook </script><script>alert(1)</script>").where(Job.ref == "J5001").execute()
    html = client.get("/jobs/J5001").get_data(as_text=True)
    assert "</script><script>" not in html
    assert structured_data(client, "J5001")["title"].startswith("Cook </script>")


def test_the_sitemap_lists_every_live_job_and_the_pages(client, jobs):
    response = client.get("/sitemap.xml")
    assert response.mimetype == "application/xml"
    names = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [node.text for node in ElementTree.fromstring(response.data).findall("s:url/s:loc", names)]
    assert {loc.rsplit("/", 1)[-1] for loc in locations if "/jobs/" in loc} == {"J5001", "J5002", "J5003"}
    assert all(loc.startswith("http://localhost/") for loc in locations)


def test_sponsored_jobs_are_shown_first_and_counted_on_the_web_beside_ussd(client, jobs, redis):
    today = clock.today()
    slot = SponsoredSlot.create(job=jobs["guard"], starts_on=today, ends_on=today, categories=["SECURITY"])
    livejobs.bump_version()
    html = client.get("/jobs?trade=4").get_data(as_text=True)
    assert 'class="sponsored"' in html
    client.get("/jobs")
    client.get("/jobs/J5003")
    client.get("/jobs/J5001")  # not sponsored: not counted
    googlebot = {"User-Agent": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"}
    client.get("/jobs", headers=googlebot)  # a crawler is no person a sponsor paid to reach
    client.get("/jobs/J5003", headers=googlebot)
    assert slots.pending_counts([slot.id])[slot.id] == {
        "impressions": 0, "detail_views": 0, "web_impressions": 2, "web_views": 1,
    }
    slots.flush_slot_counters()
    slot = SponsoredSlot.get_by_id(slot.id)
    assert (slot.web_impressions, slot.web_views, slot.impressions) == (2, 1, 0)


def test_the_khmer_font_is_served_by_the_site_and_cached_long(client):
    response = client.get("/fonts/noto-sans-khmer-khmer-400-normal.woff2")
    assert response.status_code == 200 and response.data[:4] == b"wOF2"
    assert "max-age=31536000" in response.headers["Cache-Control"]
    assert client.get("/fonts/OFL-NotoSansKhmer.txt").status_code == 404
    assert client.get("/fonts/..%2Fstaff.css.woff2").status_code == 404


def test_the_employers_page_lists_what_the_service_reads_and_says_truly_what_is_checked(client):
    from sms import parser
    from website.views import WAGE_EXAMPLES

    in_language(client, "en")
    html = client.get("/employers").get_data(as_text=True)
    assert "goes live at once unless our check finds a warning sign" in html
    assert "Jobs are checked before they go live" not in html
    for word in ("GARMENT", "CONSTRUCTION", "FISHING", "KANDAL", "PHNOMPENH", "SIHANOUKVILLE", "Nothing is posted"):
        assert word in html, word
    for wage in WAGE_EXAMPLES:  # every form the page shows is one the parser reads
        assert str(escape(wage)) in html
        read = parser.parse(f"JOB GARMENT KANDAL {wage} 20 Sewing")
        assert isinstance(read, parser.PostJob) and read.wage_amount > 0, (wage, read)


def test_the_board_searches_words_lists_near_home_by_the_reach_rule_and_dates_each_job(client, jobs):
    from core.reference import neighbours

    in_language(client, "en")
    found = client.get("/jobs?q=night+GUARD").get_data(as_text=True)
    assert "J5003" in found and "J5001" not in found and 'value="night GUARD"' in found
    by_employer = client.get("/jobs?q=kandal+garment+co").get_data(as_text=True)  # the employer's name
    assert "J5001" in by_employer and "J5002" in by_employer
    assert "J5001" not in client.get("/jobs?q=concrete").get_data(as_text=True)
    assert 12 in neighbours(8)  # Kandal borders Phnom Penh: "near" Kandal takes Phnom Penh's jobs too
    same = client.get("/jobs?province=8").get_data(as_text=True)
    near = client.get("/jobs?province=8&near=1").get_data(as_text=True)
    assert "J5001" in same and "J5002" not in same
    assert {"J5001", "J5002", "J5003"} <= {ref for ref in ("J5001", "J5002", "J5003") if ref in near}
    posted = Job.get(Job.ref == "J5001").published_at.strftime("%d/%m/%Y")
    assert f"posted {posted}" in same and f"posted {posted}" in client.get("/jobs/J5001").get_data(as_text=True)
