"""The voice screens: call log, prompt recordings, and the voice simulator driving the real /voice endpoint."""
import io

from core.jobs import livejobs
from core.outbound import prompts
from core.platform import runtime
from core.seekers import referrals
from core.jobs.models import Employer, Job
from core.outbound.models import Call, VoicePrompt
from core.platform.models import utcnow
from core.reference.models import Category
from core.seekers.models import Seeker
from tests.audio import tone
from voice import speech, views


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
    fields = {"call": first.json["call"], "state": first.json["state"]}
    second = client.post("/admin/voice-simulator/press", data={**fields, "keys": "1#"}, headers=headers)
    assert any("Sewing operators" in item["text"] for item in second.json["said"])
    assert not Call.select().exists()  # moving through the menu writes nothing
    client.post("/admin/voice-simulator/hangup", data=fields, headers=headers)
    assert (Call.get().status, Call.get().duration_seconds) == ("completed", 30)
    bad = client.post("/admin/voice-simulator/dial", data={"msisdn": "nope"}, headers=headers)
    assert bad.status_code == 400 and "valid phone number" in bad.json["error"]


def test_voice_simulator_answers_a_placed_share_call(app, login_as, work):
    runtime.current().config["alerts"]["quiet_hours"] = "00:00-00:00"  # whatever the hour the test runs at
    job = live_job()
    sharer, _ = Seeker.get_or_create_by_msisdn("+85597700001", language="en")
    referrals.invite(sharer, "+85597700002", job=job, channel="call")
    work()  # the console gateway records the call and gives it a session id
    client, token = login_as("moderator")
    ringing = client.get("/admin/voice-simulator/ringing?msisdn=097700002").json["calls"]
    assert [(c["kind"], c["status"], c["ref"]) for c in ringing] == [("share", "placed", "J5001")]
    answered = client.post("/admin/voice-simulator/answer", data={"call_id": ringing[0]["id"], "msisdn": "097700002"},
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


REAL = "+85510888777"  # outside [simulator] test_numbers


def test_voice_simulator_acts_as_test_numbers_only_unless_an_admin_says_so_audited(app, login_as):
    from core.jobs.models import Application
    from core.platform.models import AuditEvent

    live_job()
    Seeker.get_or_create_by_msisdn(REAL, language="en", home_province=8)
    moderator, token = login_as("moderator")
    refused = moderator.post("/admin/voice-simulator/dial", data={"msisdn": REAL}, headers={"X-CSRFToken": token})
    assert refused.status_code == 403 and not Call.select().exists() and not AuditEvent.select().exists()
    moderator.post("/admin/voice-simulator/dial", data={"msisdn": REAL, "act_as_real": "1"},
                   headers={"X-CSRFToken": token})
    assert not AuditEvent.select().exists()  # a moderator's tick counts for nothing
    admin, admin_token = login_as("admin")
    headers = {"X-CSRFToken": admin_token}
    assert admin.post("/admin/voice-simulator/dial", data={"msisdn": REAL}, headers=headers).status_code == 403
    first = admin.post("/admin/voice-simulator/dial", data={"msisdn": REAL, "act_as_real": "1"}, headers=headers)
    assert first.status_code == 200
    assert [(e.action, e.target_id) for e in AuditEvent.select()] == [("simulator.act_as", REAL)]
    fields = {"call": first.json["call"], "state": first.json["state"], "act_as_real": "1"}
    trade = admin.post("/admin/voice-simulator/press", data={**fields, "keys": "1#"}, headers=headers)
    fields["state"] = trade.json["state"]
    experience = admin.post("/admin/voice-simulator/press", data={**fields, "keys": "1"}, headers=headers)
    fields["state"] = experience.json["state"]
    admin.post("/admin/voice-simulator/press", data={**fields, "keys": "1"}, headers=headers)
    assert Application.select().count() == 1
    named = [e.actor for e in AuditEvent.select().where(AuditEvent.action != "simulator.act_as")]
    assert named and all(actor.startswith("admin@") and " as " in actor for actor in named), named


def test_voice_simulator_cannot_pick_a_session_a_number_or_a_state(app, login_as):
    from core.jobs.models import Application

    live_job()
    Seeker.get_or_create_by_msisdn("+85597700005", language="en", home_province=8)
    client, token = login_as("moderator")
    headers = {"X-CSRFToken": token}
    first = client.post("/admin/voice-simulator/dial", data={"msisdn": "097 700 005"}, headers=headers)
    # What the old simulator took from the browser: a session id, a direction and a number of its choosing.
    for forged in ({"session_id": "ATVId_real", "direction": "Outbound", "msisdn": REAL},
                   {"call": first.json["call"] + "x"}, {"call": ""}):
        answer = client.post("/admin/voice-simulator/press", data={**forged, "state": first.json["state"],
                                                                   "keys": "1"}, headers=headers)
        assert answer.status_code == 400
    # A state made up in the browser, with the call's own token: /voice hangs up on it.
    made_up = client.post("/admin/voice-simulator/press", data={
        "call": first.json["call"], "keys": "1",
        "state": views.encode_state({"id": "jobs.experience", "lang": "en", "k": "", "ref": "J5001", "i": 0}) + "."
                 + first.json["state"].split(".")[1]},
        headers=headers)
    assert made_up.status_code == 200 and made_up.json["ended"]
    assert not Application.select().exists() and not Call.select().where(Call.kind == "callback").exists()
    # Another staff member's call token is no good either.
    other, other_token = login_as("admin")
    stolen = other.post("/admin/voice-simulator/press", data={"call": first.json["call"], "keys": "1"},
                        headers={"X-CSRFToken": other_token})
    assert stolen.status_code == 400


def test_voice_simulator_answers_only_calls_placed_to_its_own_number(app, login_as, work):
    runtime.current().config["alerts"]["quiet_hours"] = "00:00-00:00"
    job = live_job()
    sharer, _ = Seeker.get_or_create_by_msisdn("+85597700001", language="en")
    referrals.invite(sharer, REAL, job=job, channel="call")
    work()
    call = Call.get(Call.kind == "share")
    client, token = login_as("moderator")
    headers = {"X-CSRFToken": token}
    assert client.get(f"/admin/voice-simulator/ringing?msisdn={REAL}").json["calls"] == []
    for number in ("097 700 005", REAL):  # another phone's number, or the real one without an admin's say-so
        answer = client.post("/admin/voice-simulator/answer", data={"call_id": call.id, "msisdn": number},
                             headers=headers)
        assert answer.status_code in (400, 403)
    assert Call.get_by_id(call.id).status == "placed"
