"""Prompt recordings: seed-demo installs none (a tone is no word anybody understands); uploads must be real audio."""
import pytest

from core.outbound import prompts
from core.outbound.models import VoicePrompt
from voice import speech


def test_seed_demo_installs_no_tones(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0 and "Demo data ready" in result.output
    assert not VoicePrompt.select().exists()


@pytest.mark.parametrize("audio", [b"", b"\xff", b"<html>", b"x" * (prompts.MAX_BYTES + 1)])
def test_only_mp3_or_wav_recordings_are_taken(app, audio):
    with pytest.raises(prompts.BadRecording):
        prompts.save("km", "voice.welcome", audio, "audio/mpeg", "staff@example.org")
    assert not VoicePrompt.select().exists()


def test_every_prompt_has_a_text_in_every_written_language():
    for prompt_id in speech.all_prompt_ids():
        for written in ("en", "km-Latn", "km"):
            assert speech.prompt_text(prompt_id, written), (prompt_id, written)
