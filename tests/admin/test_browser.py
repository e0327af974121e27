"""The staff app in a real browser (Debian's Chromium via Playwright) against a real WSGI server in a thread."""
import datetime
import functools
import re

import pytest
from playwright.sync_api import expect

from core.platform.demo import seed_demo
from core.jobs.models import Application, Job, SponsoredSlot
from core.platform.models import utcnow
from core.reference.models import Category
from core.seekers.models import Seeker, SeekerTrade
from core.platform.staff import create_staff
from tests.browser import TIMEOUT, browser, needs_chromium, save_screenshot, serving  # noqa: F401 - browser: a fixture
from tests.conftest import make_config

screenshot = functools.partial(save_screenshot, area="admin")
EMAIL, PASSWORD = "browser@example.org", "browser test password"

pytestmark = needs_chromium


@pytest.fixture
def config(tmp_path, sqlite_url):
    # No quiet hours, so an approved job's alerts are due now whatever the time of the test run.
    return make_config(tmp_path, sqlite_url, alerts={"quiet_hours": "00:00-00:00"})


@pytest.fixture
def server(app, tmp_path):
    """The app on 127.0.0.1 with demo data and an admin account; yields its base URL."""
    seed_demo(password_file=str(tmp_path / "demo-login.txt"))
    create_staff(EMAIL, PASSWORD, "admin")
    with serving(app) as url:
        yield url


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server)
    context.set_default_timeout(TIMEOUT)
    page = context.new_page()
    blocked = []
    page.on("console", lambda message: blocked.append((page.url, message.text))
            if "Content Security Policy" in message.text else None)
    yield page
    context.close()
    assert not blocked, blocked  # every script and style the pages need is allowed by the CSP


def log_in(page):
    page.goto("/admin/")
    assert "/admin/login" in page.url
    page.fill("#email", EMAIL)
    page.fill("#password", PASSWORD)
    page.click("button:has-text('Log in')")
    page.wait_for_url(re.compile(r"/admin/$"))


def flash_text(page):
    return page.locator(".alert").first.inner_text()


def some_history():
    """A month of applications and placements, so the charts have something to draw."""
    jobs = list(Job.select().where(Job.status == "live").order_by(Job.id))
    seekers = list(Seeker.select().order_by(Seeker.id))
    now = utcnow()
    for index in range(90):
        applied = now - datetime.timedelta(days=(index * 7) % 30, hours=index % 5)
        hired = index % 4 == 0
        Application.insert(
            job=jobs[(index * 3) % len(jobs)], seeker=seekers[index % len(seekers)], channel="ussd",
            created_at=applied, status="hired" if hired else "applied",
            hired_at=applied + datetime.timedelta(days=1) if hired else None,
        ).on_conflict_ignore().execute()


def test_log_in_see_the_dashboard_and_verify_an_employer(page):
    some_history()
    log_in(page)
    assert page.locator(".stat").count() >= 10
    assert page.locator("svg.chart").count() == 6
    screenshot(page, "dashboard.png")

    page.click("nav >> text=Employers")
    page.click("text=New Star Recruitment")
    page.fill("#note", "Business licence 2024-118 seen; phoned the owner")
    page.click("button:has-text('Verify employer')")
    assert "New Star Recruitment is verified" in flash_text(page)
    assert "phoned the owner" in page.content()


def test_approve_a_flagged_job_and_see_its_alerts(page, work):
    for number in ("+85597788001", "+85597788002"):  # builders in Phnom Penh who asked for alerts
        seeker, _ = Seeker.get_or_create_by_msisdn(number, language="en", home_province=12, alerts_on=True)
        SeekerTrade.create(seeker=seeker, category=Category.get(Category.code == "CONSTRUCTION"))
    log_in(page)
    page.goto("/admin/moderation/")
    row = page.locator("#job-J1902")
    assert "asks workers for money" in row.inner_text()
    row.locator("button:has-text('Approve')").click()
    assert "J1902 is live" in flash_text(page)
    work()  # the rq worker: the alerts fan-out, then sending
    page.goto("/admin/messages/?search=J1902")
    rows = page.locator("table tbody tr")
    kinds = rows.all_inner_texts()
    alerts = [text for text in kinds if "alert" in text]
    assert alerts, kinds
    assert all("sent" in text for text in alerts)


def ussd_screen(page):
    return page.locator("#screen-text").inner_text()


def press(page, label):
    """Pick the numbered option whose label matches `label` on the phone's screen, as a person would (paging on
    with 98 when the option is further down the list)."""
    for _ in range(5):
        screen = ussd_screen(page)
        options = dict(
            (match.group(1), match.group(2))
            for match in (re.match(r"\s*(\d+)\.\s*(.*)", line) for line in screen.splitlines())
            if match
        )
        for number, text in options.items():
            if re.search(label, text, re.IGNORECASE):
                return send(page, number)
        if "98" not in options:
            break
        send(page, "98")
    raise AssertionError(f"no option like {label!r} on:\n{screen}")


def send(page, keys):
    before = ussd_screen(page)
    page.fill("#screen-input", keys)
    page.click("#key-call")
    # Locator assertions, not wait_for_function: that evaluates a string in the page, which the CSP forbids.
    expect(page.locator("#screen-text")).not_to_have_text(before, timeout=TIMEOUT)
    return ussd_screen(page)


def test_sponsored_slot_first_in_the_simulator_and_apply(page, app, work):
    log_in(page)
    page.goto("/admin/slots/new")
    page.fill("#job_ref", "J1121")  # Shop guard: older than other security jobs, so only the slot puts it first
    page.select_option("#categories", "SECURITY")
    page.fill("#price", "80")
    page.fill("#buyer", "Battambang Secure Guards")
    page.click("button:has-text('Save slot')")
    assert "saved" in flash_text(page)

    page.goto("/admin/simulator/")
    page.fill("#msisdn", "+85597799001")
    page.dispatch_event("#msisdn", "change")
    page.fill("#screen-input", "*855#")
    page.click("#key-call")
    expect(page.locator("#screen-text")).to_contain_text("1.", timeout=TIMEOUT)
    press(page, "English")
    if "Find jobs" not in ussd_screen(page):
        send(page, "00")
    press(page, "Find jobs")
    press(page, "Security")
    screen = press(page, "All Cambodia")
    options = [line for line in screen.splitlines() if re.match(r"\s*\d+\.", line)]
    assert "Shop guard" in options[0], screen

    press(page, "Shop guard")
    press(page, "Apply")
    if "experience" in ussd_screen(page).lower():
        press(page, "Yes")
    if "Confirm" in ussd_screen(page):
        press(page, "Confirm")
    assert "J1121" in ussd_screen(page)
    work()  # the rq worker records the application and sends its SMS
    page.locator("#inbox .sms-text", has_text="J1121").first.wait_for()
    screenshot(page, "simulator.png")
    slot = SponsoredSlot.get(SponsoredSlot.job == Job.by_ref("J1121"))
    assert slot.applications == 1


def test_a_job_titled_in_khmer_in_the_simulator_shows_its_facts_first(page):
    log_in(page)
    page.goto("/admin/simulator/")
    page.fill("#msisdn", "+85597799003")
    page.dispatch_event("#msisdn", "change")
    page.fill("#screen-input", "*855#")
    page.click("#key-call")
    expect(page.locator("#screen-text")).to_contain_text("1.", timeout=TIMEOUT)
    assert "ខ្មែរ" not in ussd_screen(page)  # the first screen is GSM-7, for phones without Khmer script
    press(page, r"aksar Khmer")
    press(page, "រកការងារ")
    press(page, "លក់ទំនិញ")
    press(page, "ជ្រើសខេត្ត")
    press(page, "ភ្នំពេញ")
    details = press(page, r"\$200/ខែ អ្នកលក់ហាង")  # its list line: the wage first, then the title
    assert "$200/ខែ ភ្នំពេញ។ យើងបានពិនិត្យថៅកែ" in details and "1. ដាក់ពាក្យ" in details, details
    khmer_font_loaded(page)
    screenshot(page, "simulator-khmer-job.png")


def khmer_font_loaded(page):
    """Wait until the bundled Noto Sans Khmer is loaded for the Khmer on the page (this machine has no Khmer font)."""
    page.wait_for_function(
        """() => [...document.fonts].some(face => face.family.replace(/"/g, '') === 'Noto Sans Khmer'
                                               && face.status === 'loaded')"""
    )


def test_moderation_says_why_each_job_waits_with_khmer_in_the_bundled_font(page):
    log_in(page)
    page.goto("/admin/moderation/")
    assert "Waits because the employer is not verified" in page.locator("#job-J1901").inner_text()
    deposit = page.locator("#job-J1904").inner_text()
    assert "fee" in deposit and "បង់ប្រាក់កក់" in deposit
    assert "pay_withheld" in page.locator("#job-J1905").inner_text()
    khmer_font_loaded(page)
    screenshot(page, "moderation.png")


def test_find_a_seeker_by_the_number_a_caller_reads_out(page):
    log_in(page)
    page.goto("/admin/seekers/")
    box = page.locator("input[name=search]")
    assert box.get_attribute("placeholder") == "Phone number or referral code"
    box.fill("097 7000 005")  # a demo seeker, +855977000005, as a caller would say it
    box.press("Enter")
    page.wait_for_url(re.compile(r"search="))
    rows = page.locator("table tbody tr")
    assert rows.count() == 1 and "+855******005" in rows.first.inner_text()


def test_a_viewer_is_told_why_a_page_is_forbidden(page):
    create_staff("viewer@example.org", PASSWORD, "viewer")
    page.goto("/admin/login")
    page.fill("#email", "viewer@example.org")
    page.fill("#password", PASSWORD)
    page.click("button:has-text('Log in')")
    page.wait_for_url(re.compile(r"/admin/$"))
    response = page.goto("/admin/staff/")
    assert response.status == 403
    assert page.locator("h1").inner_text() == "Not allowed"
    assert "viewer" in page.locator("main").inner_text()
    screenshot(page, "forbidden.png")
    page.click("text=Back to the dashboard")
    page.wait_for_url(re.compile(r"/admin/$"))
