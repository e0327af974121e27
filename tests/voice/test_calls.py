"""The voice channel end to end: AT callbacks in, XML out, rows and SMS committed, calls placed through the real AT
SDK against the local AT-compatible server, on SQLite and PostgreSQL."""
import datetime
import xml.etree.ElementTree as ElementTree

from core.outbound import calls
from core.platform import runtime
from core.jobs.models import Application, Referral
from core.outbound.models import Call, OutboundMessage
from core.platform.models import utcnow
from core.seekers.models import Seeker
from tests.conftest import running_app
from tests.audio import record_all
from tests.voice.conftest import TOKEN, Phone, seeker, spoken, voice_config

SEEKER = "+85597712345"
SHARER = "+85597700001"
FRIEND = "+85597799999"


def test_a_seeker_calls_hears_a_job_applies_and_gets_the_sms(voice_app, job, drain, at_stub):
    seeker(SEEKER, "en")
    phone = Phone(voice_app.test_client(), SEEKER)
    root = phone.answer()
    assert "Sewing operators in Kandal" in spoken(root) and "250 dollars a month" in spoken(root)
    assert root.find("GetDigits").get("numDigits") == "1"
    assert "Have you done this work before" in spoken(phone.press("1"))
    done = phone.press("1")
    assert "You have applied" in spoken(done)

    application = Application.get()
    assert (application.job_id, application.channel, application.experienced) == (job.id, "voice", True)
    assert {m.kind for m in OutboundMessage.select()} == {"confirmation", "notice"}
    # The same callback again: the same answer, nothing recorded twice.
    assert ElementTree.tostring(phone.replay()) == ElementTree.tostring(done)
    assert Application.select().count() == 1 and OutboundMessage.select().count() == 2

    drain()
    texts = {tuple(recipients): message for message, recipients in at_stub.sms_sent()}
    assert "J5001" in texts[(SEEKER,)] and "J5001" in texts[("+85512600101",)]

    phone.hang_up(durationInSeconds="42", currencyCode="USD", amount="0.35", hangupCause="NORMAL_CLEARING")
    call = Call.get(Call.session_id == phone.session_id)
    assert (call.direction, call.status, call.duration_seconds, call.cost, call.keys) == (
        "inbound", "completed", 42, "USD 0.35", "1 1")


def test_first_contact_asks_the_language_and_remembers_it_for_every_channel(voice_app, job):
    phone = Phone(voice_app.test_client(), SEEKER)
    assert "For English, press 2" in spoken(phone.answer())
    assert "Which work are you looking for" in spoken(phone.press("2"))
    assert Seeker.get(Seeker.msisdn == SEEKER).language == "en"
    assert "Sewing operators" in spoken(phone.press("1#"))


def test_a_deployment_configured_for_english_greets_an_unknown_caller_in_english(tmp_path, database_url, redis,
                                                                                 at_stub):
    config = voice_config(tmp_path, database_url, at_stub.url, app={"default_language": "en"})
    with running_app(config) as app:
        words = spoken(Phone(app.test_client(), SEEKER).answer())
        record_all(["voice.lang.khmer"], languages=("km",))
        recorded = spoken(Phone(app.test_client(), SEEKER).answer())
    # Each choice in its own language: the Khmer one only where Khmer can be spoken (AT has no Khmer voice).
    assert words == "Welcome to Bong Pheak: safe jobs near home. For English, press 2."
    assert recorded == "Welcome to Bong Pheak: safe jobs near home. [km/voice.lang.khmer] For English, press 2."
    with running_app(config) as app:
        from core.platform.models import db

        db.execute_sql('DROP TABLE "call"')  # a failure inside: the apology is in the default language too
        words = spoken(Phone(app.test_client(), "+85597712345", direction="Outbound").post(f"/voice?token={TOKEN}"))
    assert "Sorry, we cannot answer just now." in words


def test_a_shared_job_is_a_call_placed_through_the_gateway_and_credits_the_sharer(voice_app, job, drain, at_stub):
    sharer = seeker(SHARER, "en")
    client = voice_app.test_client()
    response = client.post(f"/sms/inbound?token={TOKEN}", data={
        "from": SHARER, "to": "2855", "text": "CALL 097 799 999 j5001 2", "id": "ATXid_call_1", "linkId": "",
        "date": "2026-11-28 05:00:00", "networkCode": "45601"})
    assert response.status_code == 200
    call = Call.get()
    assert (call.kind, call.status, call.msisdn, call.relation) == ("share", "scheduled", FRIEND, "friend")
    assert "We will phone 097799999" in OutboundMessage.get(OutboundMessage.msisdn == SHARER).text

    drain()
    placed = [r for r in at_stub.requests if r["path"] == "/call"]
    assert [(r["form"]["from"], r["form"]["to"]) for r in placed] == [("+85523900000", FRIEND)]
    call = Call.get_by_id(call.id)
    assert call.status == "placed" and call.session_id.startswith("ATVId_")

    phone = Phone(client, FRIEND, direction="Outbound", session_id=call.session_id)
    words = spoken(phone.answer())
    assert "Your friend 0 9 7 7 0 0 0 0 1 shared a safe job with you" in words
    assert "Sewing operators in Kandal" in words
    phone.press("1")
    assert "You have applied" in spoken(phone.press("2"))
    application = Application.get()
    assert (application.referrer_id, application.channel, application.experienced) == (sharer.id, "voice", False)
    assert Referral.get().friend.msisdn == FRIEND
    assert Call.get_by_id(call.id).status == "answered"


def test_a_call_back_is_a_row_due_later_placed_by_the_periodic_job(voice_app, job, drain, at_stub):
    seeker(SEEKER, "km")
    phone = Phone(voice_app.test_client(), SEEKER)
    phone.answer()
    assert spoken(phone.press("3")) == "[km/voice.callback.hour] [km/voice.goodbye]"  # from the Khmer recordings
    phone.replay()
    callback = Call.get(Call.kind == "callback")
    assert Call.select().where(Call.kind == "callback").count() == 1
    assert callback.due_at > utcnow() + datetime.timedelta(minutes=59)

    drain()
    assert calls.enqueue_due() == 0
    assert not [r for r in at_stub.requests if r["path"] == "/call"]
    Call.update(due_at=utcnow() - datetime.timedelta(seconds=1)).where(Call.id == callback.id).execute()
    assert calls.enqueue_due() == 1
    drain()
    assert [r["form"]["to"] for r in at_stub.requests if r["path"] == "/call"] == [SEEKER]

    again = Phone(voice_app.test_client(), SEEKER, direction="Outbound",
                  session_id=Call.get_by_id(callback.id).session_id)
    assert spoken(again.answer()).startswith("[km/voice.offer.callback] [km/trade.1]")
    again.hang_up(durationInSeconds="20", hangupCause="NORMAL_CLEARING")
    assert Call.get_by_id(callback.id).status == "completed"


def test_calls_keep_the_referral_rules_caps_opt_outs_and_quiet_hours(voice_app, job, drain, at_stub):
    client = voice_app.test_client()

    def text(body, provider_id):
        client.post(f"/sms/inbound?token={TOKEN}", data={
            "from": SHARER, "to": "2855", "text": body, "id": provider_id, "linkId": "",
            "date": "2026-11-28 05:00:00", "networkCode": "45601"})
        return OutboundMessage.select().where(OutboundMessage.msisdn == SHARER).order_by(OutboundMessage.id.desc()).get()

    seeker(SHARER, "en")
    assert "We will phone" in text(f"CALL {FRIEND} J5001", "a").text
    assert "already contacted this week" in text(f"CALL {FRIEND} J5001", "b").text
    assert Call.select().count() == 1

    drain()
    phone = Phone(client, FRIEND, direction="Outbound", session_id=Call.get().session_id)
    phone.answer()
    assert "We will not call you again" in spoken(phone.press("9"))
    assert Seeker.get(Seeker.msisdn == FRIEND).opted_out
    Referral.delete().execute()  # the weekly cap aside, a number that said stop is never called
    assert "asked us not to contact them" in text(f"CALL {FRIEND} J5001", "c").text

    other = "+85597788888"
    assert "We will phone" in text(f"CALL {other} J5001", "d").text  # second of the day
    late = Call.get(Call.msisdn == other)
    Seeker.get_or_create_by_msisdn(other)
    Seeker.update(opted_out_at=utcnow()).where(Seeker.msisdn == other).execute()  # STOP before the call goes out
    drain()
    assert Call.get_by_id(late.id).status == "cancelled"
    assert [r["form"]["to"] for r in at_stub.requests if r["path"] == "/call"] == [FRIEND]


def test_no_call_rings_in_quiet_hours(voice_app, job, drain, at_stub):
    runtime.current().config["alerts"]["quiet_hours"] = "00:00-23:59"
    from core.seekers import referrals

    outcome, _ = referrals.invite(seeker(SHARER), FRIEND, job=job, channel="call")
    assert outcome.value == "sent"
    call = Call.get()
    assert call.due_at > utcnow()
    drain()
    assert Call.get_by_id(call.id).status == "scheduled"
    assert not [r for r in at_stub.requests if r["path"] == "/call"]


def test_unanswered_and_busy_calls_are_logged(voice_app, job, drain):
    from core.seekers import referrals

    referrals.invite(seeker(SHARER), FRIEND, job=job, channel="call")
    drain()
    call = Call.get()
    Phone(voice_app.test_client(), FRIEND, direction="Outbound", session_id=call.session_id).hang_up(
        durationInSeconds="0", hangupCause="NO_ANSWER")
    assert Call.get_by_id(call.id).status == "no_answer"


def test_gateway_failures_retry_the_call_later(voice_app, job, drain, at_stub):
    from core.seekers import referrals

    at_stub.fail_next(1, status=500)
    referrals.invite(seeker(SHARER), FRIEND, job=job, channel="call")
    drain()
    call = Call.get()
    assert (call.status, call.attempts) == ("scheduled", 1) and call.due_at > utcnow()


def test_calls_and_sms_back_off_alike(voice_app, job, drain, at_stub):
    from core.outbound import outbox
    from core.seekers import referrals

    at_stub.fail_next(2, status=500)
    referrals.invite(seeker(SHARER), FRIEND, job=job, channel="call")
    message = outbox.send("+85597700020", "Hello")
    asked = utcnow()
    drain()
    call, row = Call.get(), OutboundMessage.get_by_id(message.id)
    assert (call.attempts, row.attempts) == (1, 1)
    # One backoff for the whole outbound pipeline: the same wait after the same number of tries.
    assert abs((call.due_at - asked) - (row.not_before - asked)) < datetime.timedelta(seconds=5)


def test_a_call_whose_worker_died_placing_is_unknown_and_never_placed_again(voice_app, job, drain, at_stub):
    from core.outbound import outbox

    seeker(FRIEND)
    call = calls.schedule(FRIEND, "callback", job, language="en")
    # A worker claimed it and died inside the gateway call, long enough ago that the call cannot still be going on.
    Call.update(status="placing", attempts=1, updated_at=utcnow() - outbox.STALE).where(Call.id == call.id).execute()
    outbox.sweep()
    row = Call.get_by_id(call.id)
    assert (row.status, row.outcome) == ("unknown", outbox.INTERRUPTED)  # the phone may have rung: not "failed"
    assert calls.enqueue_due() == 0
    calls.place_call(call.id)
    assert not [r for r in at_stub.requests if r["path"] == "/call"]


def test_an_outbound_session_we_never_placed_gets_an_empty_answer(voice_app):
    phone = Phone(voice_app.test_client(), FRIEND, direction="Outbound", session_id="ATVId_unknown")
    assert list(phone.answer()) == []
    assert Call.select().count() == 0


def test_the_callback_needs_the_token(voice_app):
    response = voice_app.test_client().post("/voice", data={"sessionId": "x", "callerNumber": SEEKER})
    assert response.status_code == 403
    assert Call.select().count() == 0


def test_a_language_chosen_by_voice_is_the_one_the_employers_sms_come_in(voice_app, job, drain, at_stub):
    """One language for every channel (core.contacts.runner's SetLanguage): an employer who picks English on the phone line
    is answered in English when they text the service next."""
    from core.jobs.models import Employer

    boss = Employer.create(msisdn="+85512600150", name="Takeo Rice Mill", status="verified", language="km-Latn")
    client = voice_app.test_client()

    def help_reply(provider_id):
        client.post(f"/sms/inbound?token={TOKEN}", data={"from": boss.msisdn, "to": "2855", "text": "HELP",
                                                         "id": provider_id})
        drain()
        return [text for text, recipients in at_stub.sms_sent() if boss.msisdn in recipients][-1]

    before = help_reply("ATXid_lang_1")
    phone = Phone(client, boss.msisdn)
    phone.answer()
    phone.press("2")
    assert Employer.get_by_id(boss.id).language == "en"
    assert Seeker.get(Seeker.msisdn == boss.msisdn).language == "en"  # the menu's next call starts in it too
    after = help_reply("ATXid_lang_2")
    assert after != before and after.startswith("JOB <trade> <province> <wage> <workers> <title>, e.g.")


def test_a_call_back_over_the_caps_is_said_to_be_refused_never_promised(voice_app, job, drain):
    runtime.current().config["caps"]["callbacks_per_day"] = "0"
    seeker(SEEKER, "en")
    phone = Phone(voice_app.test_client(), SEEKER)
    phone.answer()
    said = spoken(phone.press("3"))
    assert said.startswith("Sorry, we cannot call you back today") and "We will call you back" not in said
    assert Call.select().where(Call.kind == "callback").count() == 0
