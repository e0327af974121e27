"""The voice screens: call log, prompt recordings, and the voice simulator driving the real /voice endpoint."""
import io

from core import livejobs, prompts, referrals
from core.models import Call, Category, Employer, Job, Seeker, VoicePrompt, utcnow
from tests.audio import tone
from voice import speech


def live_job():
    employer = Employer.create(msisdn="+85512600101", name="Kandal Garment Co.", province=8, status="verified")
    job = Job.create(ref="J5001", employer=employer, category=Category.get_by_id(1), province=8,
                     title="Sewing operators", wage_amount=250, status="live", published_at=utcnow())
    livejobs.bump_version()
    return job


def test_prompts_list_shows_missing_ones_and_takes_uploads(login_as):
    viewer, viewer_token = login_as("viewer")
    page = viewer.get("/admin/prompts/?language=km").get_data(as_text=True)
    total = len(speech.all_prompt_ids())
    assert f"<strong>{total}</strong> without a recording" in page
    assert "nobody can say it" in page and "Svakum" not in page  # no Khmer voice: never romanised Khmer read out
    assert "gets the missed-call SMS" in page.split('id="readiness-km"')[1].split("</tr>")[0]
    assert "is spoken to" in page.split('id="readiness-en"')[1].split("</tr>")[0]
    assert "Voice is not ready for Khmer" in viewer.get("/admin/").get_data(as_text=True)
    wav = tone("voice.welcome")
    upload = {"language": "km", "prompt": "voice.welcome", "csrf_token": viewer_token,
              "audio": (io.BytesIO(wav), "welcome.wav", "audio/wav")}
    assert viewer.post("/admin/prompts/upload", data=upload).status_code == 403

    moderator, token = login_as("moderator")
    upload["csrf_token"], upload["audio"] = token, (io.BytesIO(wav), "welcome.wav", "audio/wav")
    moderator.post("/admin/prompts/upload", data=upload)
    assert VoicePrompt.get().prompt == "voice.welcome"
    page = moderator.get("/admin/prompts/?language=km").get_data(as_text=True)
    assert f"<strong>{total - 1}</strong> without a recording" in page
    assert "/voice/prompts/km/voice.welcome" in page

    bad = {"language": "km", "prompt": "voice.goodbye", "csrf_token": token,
           "audio": (io.BytesIO(b"<html>not audio</html>"), "x.mp3", "audio/mpeg")}
    page = moderator.post("/admin/prompts/upload", data=bad, follow_redirects=True).get_data(as_text=True)
    assert "not an MP3 or WAV file" in page
    assert VoicePrompt.select().count() == 1


def test_voice_simulator_calls_presses_keys_and_never_shows_the_token(app, login_as):
    live_job()
    Seeker.get_or_create_by_msisdn("+85597700005", language="en", home_province=8)
    viewer, token = login_as("viewer")
    assert viewer.get("/admin/voice-simulator/").status_code == 403
    client, token = login_as("moderator")
    assert "voice.js" in client.get("/admin/voice-simulator/").get_data(as_text=True)
    headers = {"X-CSRFToken": token}
    first = client.post("/admin/voice-simulator/dial", data={"msisdn": "097 700 005"}, headers=headers)
    assert first.status_code == 200 and "test-token" not in first.get_data(as_text=True)
    assert first.json["collect"] == "number"  # no trades yet: which work?
    assert any("Which work" in item["text"] for item in first.json["said"])
    fields = {key: first.json[key] for key in ("session_id", "direction", "msisdn", "state")}
    second = client.post("/admin/voice-simulator/press", data={**fields, "keys": "1#"}, headers=headers)
    assert any("Sewing operators" in item["text"] for item in second.json["said"])
    assert not Call.select().exists()  # moving through the menu writes nothing
    client.post("/admin/voice-simulator/hangup", data=fields, headers=headers)
    assert (Call.get().status, Call.get().duration_seconds) == ("completed", 30)
    bad = client.post("/admin/voice-simulator/dial", data={"msisdn": "nope"}, headers=headers)
    assert bad.status_code == 400 and "valid phone number" in bad.json["error"]


def test_voice_simulator_answers_a_placed_share_call(app, login_as, work):
    app.config["BONGPHEAK"]["alerts"]["quiet_hours"] = "00:00-00:00"  # whatever the hour the test runs at
    job = live_job()
    sharer, _ = Seeker.get_or_create_by_msisdn("+85597700001", language="en")
    referrals.invite(sharer, "+85597700002", job=job, channel="call")
    work()  # the console gateway records the call and gives it a session id
    client, token = login_as("moderator")
    ringing = client.get("/admin/voice-simulator/ringing?msisdn=097700002").json["calls"]
    assert [(c["kind"], c["status"], c["ref"]) for c in ringing] == [("share", "placed", "J5001")]
    answered = client.post("/admin/voice-simulator/answer", data={"call_id": ringing[0]["id"]},
                           headers={"X-CSRFToken": token})
    said = " ".join(item["text"] for item in answered.json["said"])
    assert "0 9 7 7 0 0 0 0 1" in said and "shared a safe job" in said


def test_voice_simulator_shows_the_missed_call_and_its_sms(app, login_as):
    live_job()
    Seeker.get_or_create_by_msisdn("+85597700006", language="km-Latn", home_province=8)
    client, token = login_as("moderator")
    missed = client.post("/admin/voice-simulator/dial", data={"msisdn": "097 700 006"}, headers={"X-CSRFToken": token})
    assert missed.json["rejected"] and missed.json["said"] == []
    assert "*855#" in missed.json["sms"] and "JOBS" in missed.json["sms"]


def test_call_log_masks_numbers(app, login_as):
    Call.create(direction="inbound", kind="inbound", msisdn="+85597712345", status="completed", duration_seconds=42,
                cost="USD 0.35")
    client, _ = login_as("viewer")
    page = client.get("/admin/calls/").get_data(as_text=True)
    assert "+855*****345" in page and "+85597712345" not in page and "USD 0.35" in page
