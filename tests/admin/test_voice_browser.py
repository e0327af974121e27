"""The voice simulator in a real browser: call the voice number as a demo seeker, press keys, see what is said."""
from core.models import VoicePrompt
from core.prompts import install_placeholders
from tests.admin.test_browser import browser, config, log_in, page, pytestmark, screenshot, server  # noqa: F401
from voice.speech import all_prompt_ids


def test_voice_simulator_call_and_press_a_key(page):  # noqa: F811
    install_placeholders(all_prompt_ids())  # as seed-demo does; one prompt left unrecorded shows the fallback
    VoicePrompt.delete().where((VoicePrompt.language == "km") & (VoicePrompt.prompt == "voice.menu.seeker")).execute()
    log_in(page)
    page.goto("/admin/voice-simulator/")
    page.fill("#voice-msisdn", "+855977000000")  # a demo seeker who reads romanised Khmer
    page.click("#voice-call")
    page.wait_for_selector("#voice-log .turn")
    first = page.locator("#voice-log").inner_text()
    assert "km/voice.job.number" in first and "Kargar ti" in first  # played, with the prompt's text
    assert "Dak peaky, chuch 1" in first  # the missing recording, read from the romanised text
    page.click(".keypad .key[data-key='1']")
    page.wait_for_selector("#voice-log .turn:nth-child(2)")
    page.click(".keypad .key[data-key='1']")
    page.wait_for_selector("#voice-log .turn:nth-child(3)")
    assert "km/voice.apply.done" in page.locator("#voice-log").inner_text()
    screenshot(page, "voice-simulator.png")
