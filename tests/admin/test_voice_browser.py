"""The voice simulator in a real browser: call the voice number as a demo seeker, press keys, see what is said."""
from tests.audio import record_all
from tests.admin.test_browser import browser, config, log_in, page, pytestmark, screenshot, server  # noqa: F401
from voice.speech import all_prompt_ids


def test_voice_simulator_call_and_press_a_key(page):  # noqa: F811
    log_in(page)
    page.goto("/admin/voice-simulator/")
    page.fill("#voice-msisdn", "+855977000000")  # a demo seeker who reads romanised Khmer
    page.click("#voice-call")
    page.wait_for_selector("#voice-log .turn")
    missed = page.locator("#voice-log").inner_text()  # no Khmer voice, no recordings: a missed call and an SMS
    assert "missed call" in missed and "SMS sent instead" in missed and "*855#" in missed
    record_all(all_prompt_ids())  # staff recorded every prompt
    page.click("#voice-call")
    page.wait_for_selector("#voice-log .turn")
    first = page.locator("#voice-log").inner_text()
    assert "km/voice.job.number" in first and "ការងារទី" in first  # played, with the prompt's Khmer text
    page.click(".keypad .key[data-key='1']")
    page.wait_for_selector("#voice-log .turn:nth-child(2)")
    page.click(".keypad .key[data-key='1']")
    page.wait_for_selector("#voice-log .turn:nth-child(3)")
    assert "km/voice.apply.done" in page.locator("#voice-log").inner_text()
    screenshot(page, "voice-simulator.png")
