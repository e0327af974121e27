"""The public site in a real browser (Debian's Chromium via Playwright) on a cheap phone's 360 px screen, with
JavaScript off as many such phones have it: browse, filter, open a job, share it."""
import functools
import re

import pytest

from core.platform.demo import seed_demo
from core.jobs.models import Referral
from core.outbound.models import Call, OutboundMessage
from tests.browser import TIMEOUT, browser, needs_chromium, save_screenshot, serving  # noqa: F401 - browser: a fixture
from tests.conftest import make_config

screenshot = functools.partial(save_screenshot, area="site")

pytestmark = needs_chromium


@pytest.fixture
def config(tmp_path, sqlite_url):
    # No quiet hours (the call is due now) and a form that a test may send at once.
    return make_config(tmp_path, sqlite_url, alerts={"quiet_hours": "00:00-00:00"}, site={"form_min_seconds": "0"})


@pytest.fixture
def server(app, tmp_path):
    """The app on 127.0.0.1 with the demo's jobs; yields its base URL."""
    seed_demo(password_file=str(tmp_path / "demo-login.txt"))
    with serving(app) as url:
        yield url


def phone(browser, server, width=360):
    """A phone's browser: narrow, touch, JavaScript off."""
    context = browser.new_context(viewport={"width": width, "height": 740}, base_url=server, java_script_enabled=False,
                                  is_mobile=True, has_touch=True, device_scale_factor=1)
    context.set_default_timeout(TIMEOUT)
    return context


@pytest.fixture
def page(browser, server):
    context = phone(browser, server)
    yield context.new_page()
    context.close()


def code_sent(msisdn="+85597700001"):
    """The code in the last code SMS to `msisdn`, read from the outbox as the phone would read it."""
    message = (OutboundMessage.select()
               .where((OutboundMessage.msisdn == msisdn) & (OutboundMessage.kind == "share_code"))
               .order_by(OutboundMessage.id.desc())
               .first())
    return re.search(r"\b(\d{6})\b", message.text).group(1)


def fits(page, width):
    """Nothing sticks out sideways: the page is usable without scrolling left and right."""
    return page.evaluate("document.documentElement.scrollWidth") <= width


def test_browse_filter_open_a_job_and_ask_bong_pheak_to_call_a_friend(page):
    page.goto("/language/en?next=/")
    assert page.locator("h1").inner_text() == "Safe, verified jobs near home"
    screenshot(page, "site-home.png")

    page.click("text=See the jobs")
    assert page.locator("ul.jobs li").count() >= 20
    page.select_option("#trade", label="Construction")
    page.select_option("#province", label="Phnom Penh")
    page.click("button:has-text('Show jobs')")
    assert "trade=2" in page.url and "province=12" in page.url
    titles = page.locator("ul.jobs li > a").all_inner_texts()
    assert titles == ["Builders for school project"]
    screenshot(page, "site-jobs.png")

    page.click("text=Builders for school project")
    assert page.locator("h1").inner_text() == "Builders for school project"
    facts = page.locator("dl.facts").inner_text()
    assert "$12/day" in facts and "Phnom Penh" in facts and "verified by our staff" in facts
    assert "never asks you to pay a fee" in page.content()
    assert fits(page, 360)
    screenshot(page, "site-job.png")

    page.click("text=Ask Bong Pheak to call my friend")
    page.fill("#friend", "097 799 999")
    page.check("input[value=neighbour]")
    page.fill("#name", "Dara")
    page.fill("#sharer", "097 700 001")
    screenshot(page, "site-share.png")
    page.click("button:has-text('Ask for the call')")
    # Nothing goes to the friend before the sharer types the code their phone got.
    assert page.locator("h1").inner_text() == "Check your number"
    assert not Referral.select().where(Referral.origin == "web").exists()
    assert "097700001" in page.locator("#code-sent").inner_text()
    page.fill("#code", code_sent())
    assert fits(page, 360)
    screenshot(page, "site-share-code.png")
    page.click("button:has-text('Ask for the call')")
    assert page.locator("h1").inner_text() == "Done: we will call your friend."
    referral = Referral.get(Referral.origin == "web")
    assert (referral.origin, referral.channel, referral.sharer_name) == ("web", "call", "Dara")
    assert Call.get().relation == "neighbour"


def test_text_it_to_a_friend_and_see_form_errors_on_the_form(page):
    page.goto("/language/en?next=/jobs/J1101")
    page.click("text=Text it to my friend")
    page.fill("#friend", "12")
    page.fill("#name", "Dara")
    page.fill("#sharer", "097 700 001")
    page.click("button:has-text('Send the SMS')")
    assert "Cambodian mobile number" in page.locator("#friend-error").inner_text()
    assert page.input_value("#name") == "Dara"
    page.fill("#friend", "097 799 998")
    page.click("button:has-text('Send the SMS')")
    page.fill("#code", "000000" if code_sent() != "000000" else "111111")
    page.click("button:has-text('Send the SMS')")
    assert "not right" in page.locator("#code-error").inner_text()
    page.click("button:has-text('Change what I typed')")
    assert page.input_value("#name") == "Dara" and page.input_value("#friend") == "097 799 998"
    page.click("button:has-text('Send the SMS')")
    page.fill("#code", code_sent())
    page.click("button:has-text('Send the SMS')")
    assert page.locator("h1").inner_text() == "Done: we are texting your friend."
    assert "J1101" in OutboundMessage.get(OutboundMessage.msisdn == "+85597799998").text


def test_khmer_script_at_320_px(browser, server):
    context = phone(browser, server, width=320)
    page = context.new_page()
    page.goto("/language/km?next=/jobs/J1101")
    assert "ប្រាក់ខែ" in page.locator("dl.facts").inner_text()
    assert fits(page, 320)
    page.goto("/jobs")
    assert fits(page, 320)
    screenshot(page, "site-jobs-km.png")
    context.close()
