"""End to end: AT callbacks into Flask, core, the outbox, a burst worker and the local AT-compatible server."""
import datetime
import threading

from core.contacts.models import InboundMessage
from core.jobs.models import Application, Employer, Job, Referral
from core.outbound.models import OutboundMessage
from core.platform.models import utcnow
from core.seekers.models import Seeker
from core.text.phone import local_msisdn
from tests.sms.conftest import TOKEN, employer, seeker, texts_to

BOSS = "+85512600101"
FRIEND = "+85597800001"
POST = "JOB GARMENT KANDAL 250 20 Sewing operators, lunch provided"


def today():
    from core.platform import runtime
    from core.seekers import alerts

    return alerts.local_day_and_hold(utcnow(), runtime.current().config)[0]


def posted_job():
    return Job.select().order_by(Job.id.desc()).first()


def test_wrong_token_is_refused_and_changes_nothing(at_app):
    client = at_app.test_client()
    assert client.post("/sms/inbound?token=nope", data={"id": "x", "from": BOSS, "text": "HELP"}).status_code == 403
    assert client.post("/sms/delivery", data={"id": "x", "status": "Success"}).status_code == 403
    assert InboundMessage.select().count() == 0


def test_verified_employer_posts_and_seekers_in_reach_get_one_alert_each_in_batches(at_app, sms, drain, at_stub):
    employer(BOSS)
    expected = set()
    for i in range(150):  # Kandal garment workers
        expected.add(seeker(f"+8559781{i:05d}", province=8, reach="same").msisdn)
    for i in range(30):  # Phnom Penh borders Kandal: "near" seekers match, "same" ones do not
        expected.add(seeker(f"+8559782{i:05d}", province=12, reach="near").msisdn)
        seeker(f"+8559783{i:05d}", province=12, reach="same")
    for i in range(10):  # anywhere in Cambodia
        expected.add(seeker(f"+8559784{i:05d}", province=2, reach="any", language="km").msisdn)
    seeker("+85597850001", province=8, trades=(2,))  # another trade
    seeker("+85597850002", province=2, reach="near")  # Battambang is far from Kandal
    seeker("+85597850003", alerts_on=False)
    seeker("+85597850004", opted_out_at=utcnow())
    seeker("+85597850005", alerts_day=today(), alerts_today=3)  # already had max_per_day
    seeker("+85597850006", language="km-Latn")
    expected.add("+85597850006")

    assert sms(BOSS, POST).status_code == 200
    drain()

    job = posted_job()
    assert job.status == "live" and job.flags == []
    assert any(job.ref in text and "live" in text for text in texts_to(at_stub, BOSS))
    alert_calls = [(text, recipients) for text, recipients in at_stub.sms_sent() if "APPLY " + job.ref in text]
    alerted = [number for _, recipients in alert_calls for number in recipients]
    assert sorted(alerted) == sorted(expected)  # everyone in reach, exactly once
    assert max(len(recipients) for _, recipients in alert_calls) == 100
    assert len(alert_calls) == 4  # en: 180 -> 100 + 80; km: 10; km-Latn: 1
    assert {len(r) for t, r in alert_calls} == {100, 80, 10, 1}
    rows = OutboundMessage.select().where(OutboundMessage.kind == "alert")
    assert rows.count() == len(expected) and all(row.status == "sent" and row.gateway_id for row in rows)
    assert Seeker.get(Seeker.msisdn == "+855978100000").alerts_today == 1

    # The same job going live again (hidden then approved) alerts nobody twice.
    from core.seekers import alerts

    assert alerts.job_went_live(job.id) == 0


def test_unverified_or_flagged_listing_alerts_nobody(at_app, sms, drain, at_stub):
    seeker("+85597860001")
    employer("+85512600102", status="pending", name="New Co")
    sms("+85512600102", POST)
    employer(BOSS)
    sms(BOSS, "JOB GARMENT KANDAL 250 20 Sewing workers, deposit 100$ returned after 6 months")
    drain()
    unverified, flagged = Job.select().order_by(Job.id)
    assert unverified.status == "pending" and unverified.flags == []
    assert flagged.status == "pending" and [f["code"] for f in flagged.flags] == ["fee"]
    assert "waits for staff review" in texts_to(at_stub, BOSS)[0]
    assert texts_to(at_stub, "+85597860001") == []
    assert OutboundMessage.select().where(OutboundMessage.kind == "alert").count() == 0


def test_unknown_number_is_told_to_register_and_reg_creates_a_pending_employer(at_app, sms, drain, at_stub):
    sms("+85512600103", POST)
    sms("+85512600103", "reg  Takeo Rice Mill")
    sms("+85512600103", "REG Takeo Rice Mill")
    drain()
    assert Job.select().count() == 0
    first, second, third = texts_to(at_stub, "+85512600103")
    assert "REG" in first  # the default language is romanised Khmer
    assert "Takeo Rice Mill" in second
    assert Employer.get(Employer.msisdn == "+85512600103").status == "pending"


def test_job_errors_name_the_field_with_an_example(at_app, sms, drain, at_stub):
    employer(BOSS)
    sms(BOSS, "JOB GARMENT NOWHERE 250 20 Sewing operators")
    drain()
    [reply] = texts_to(at_stub, BOSS)
    assert reply.startswith('Province "NOWHERE" not known') and "JOB GARMENT KANDAL 250 20" in reply
    assert Job.select().count() == 0


def test_employer_commands_only_touch_their_own_jobs(at_app, sms, drain, at_stub):
    employer(BOSS)
    other = employer("+85512600104", name="Other Co")
    sms(BOSS, POST)
    sms("+85512600104", "JOB SECURITY BATTAMBANG 200 6 Night guard")
    drain()
    mine = Job.get(Job.employer_id != other.id)
    theirs = Job.get(Job.employer == other)
    seeker("+85597870001")
    sms("+85597870001", f"APPLY {mine.ref}")
    sms(BOSS, f"CLOSE {theirs.ref}")
    sms(BOSS, "MYJOBS")
    sms(BOSS, f"HIRED {mine.ref} 097 870 001")
    sms(BOSS, f"HIRED {mine.ref} 097 870 999")
    sms(BOSS, f"close {mine.ref}")
    drain()
    replies = [text for text in texts_to(at_stub, BOSS) if not text.startswith("New applicant")]
    assert f"No job {theirs.ref}" in replies[-5]
    assert f"{mine.ref} live 1 applied" in replies[-4]
    assert "Placement recorded" in replies[-3] and "did not apply" in replies[-2]
    assert replies[-1] == f"Job {mine.ref} is closed."
    assert Job.get_by_id(theirs.id).status == "live" and Job.get_by_id(mine.id).status == "closed"
    assert Application.get().status == "hired"


def test_apply_by_sms_confirms_and_tells_the_employer(at_app, sms, drain, at_stub):
    employer(BOSS)
    sms(BOSS, POST)
    drain()
    job = posted_job()
    sms("+85597880001", f"apply {job.ref.lower()}")
    sms("+85597880001", f"APPLY {job.ref}")
    drain()
    application = Application.get()
    assert application.channel == "sms" and application.job_id == job.id
    confirmation, again = texts_to(at_stub, "+85597880001")
    assert job.ref in confirmation and local_msisdn(BOSS) in confirmation  # the employer's number, as it is dialled
    assert again == f"Neak ban dak peaky {job.ref} ruoch hoeuy."  # km-Latn, the default: "you already applied"
    assert any("097880001" in text or "+85597880001" in text for text in texts_to(at_stub, BOSS))


def test_jobs_lists_matching_live_jobs(at_app, sms, drain, at_stub):
    employer(BOSS)
    sms(BOSS, POST)
    drain()
    job = posted_job()
    seeker("+85597890001", province=12, reach="near")
    sms("+85597890001", "JOBS")
    seeker("+85597890002", province=2, reach="same")
    sms("+85597890002", "jobs")
    drain()
    [found] = texts_to(at_stub, "+85597890001")
    assert job.ref in found and "$250/month" in found
    [none] = texts_to(at_stub, "+85597890002")
    assert "No new jobs" in none


def test_ref_invites_a_friend_with_the_job_and_caps_apply(at_app, sms, drain, at_stub):
    employer(BOSS)
    sms(BOSS, POST)
    drain()
    job = posted_job()
    referrer = seeker("+85597900001")
    sms(referrer.msisdn, f"REF 097 800 001 {job.ref}")
    sms("+85597900002", "REF 097800001")  # same friend again this week, from someone else
    sms(referrer.msisdn, "REF 097800002")
    sms(referrer.msisdn, "REF 097800003")  # over the referrer's daily cap of 2
    drain()
    [invitation] = texts_to(at_stub, FRIEND)
    assert job.ref in invitation and "097900001" in invitation and referrer.referral_code in invitation
    # Labelled as a referral code, so nobody takes it for a one-time code to pass on (issue 22).
    assert f"Referral code {referrer.referral_code}" in invitation
    assert "anhcheunh knong sapda nih" in texts_to(at_stub, "+85597900002")[0]  # romanised Khmer by default
    assert "most invitations" in texts_to(at_stub, referrer.msisdn)[-1]
    assert Referral.select().count() == 2
    # The friend applies: the referrer gets the credit.
    sms(FRIEND, f"APPLY {job.ref}")
    drain()
    assert Application.get().referrer_id == referrer.id


def test_report_hides_after_several_seekers(at_app, sms, drain, at_stub):
    employer(BOSS)
    sms(BOSS, POST)
    drain()
    job = posted_job()
    for i in range(3):
        seeker(f"+8559791000{i}", alerts_on=False)
        sms(f"+8559791000{i}", f"REPORT {job.ref}")
    drain()
    assert Job.get_by_id(job.id).status == "hidden"
    assert "Staff will check" in texts_to(at_stub, "+85597910000")[0]


def test_stop_then_a_pending_alert_is_not_sent(at_app, sms, drain, at_stub):
    from core.jobs import moderation
    from core.seekers import alerts

    person = seeker("+85597920001")
    boss = employer(BOSS)
    job = Job.create(ref="J5001", employer=boss, category=1, province=8, title="Sewing", wage_amount=250)
    moderation.approve_job(job, "test")
    alerts.job_went_live(job.id)  # the alert is queued ...
    sms(person.msisdn, "stop")  # ... and the seeker says STOP before the worker sends it
    drain()
    alert = OutboundMessage.get(OutboundMessage.kind == "alert")
    assert alert.status == "cancelled"
    assert texts_to(at_stub, person.msisdn) == ["Bong Pheak: you will get no more SMS. Send START to come back."]
    sms(person.msisdn, "START")
    drain()
    assert not Seeker.get_by_id(person.id).opted_out and Seeker.get_by_id(person.id).alerts_on


def test_a_server_error_then_success_sends_once(at_app, sms, drain, at_stub):
    at_stub.fail_next(1, status=503)
    sms("+85597930001", "HELP")
    drain()
    reply = OutboundMessage.get()
    assert reply.status == "queued" and reply.attempts == 1
    OutboundMessage.update(not_before=utcnow() - datetime.timedelta(seconds=1)).execute()
    from core.outbound import outbox

    outbox.send_messages([reply.id])
    outbox.send_messages([reply.id])
    drain()
    assert OutboundMessage.get_by_id(reply.id).status == "sent"
    assert len(texts_to(at_stub, "+85597930001")) == 1


def test_user_in_blacklist_marks_the_seeker_opted_out(at_app, sms, drain, at_stub):
    person = seeker("+85597940001")
    at_stub.blacklist.add(person.msisdn)
    employer(BOSS)
    sms(BOSS, POST)
    drain()
    alert = OutboundMessage.get(OutboundMessage.kind == "alert")
    assert alert.status == "rejected" and "Blacklist" in alert.error
    assert Seeker.get_by_id(person.id).opted_out


def test_duplicate_callbacks_under_eight_threads_have_one_effect(at_app, drain, at_stub):
    form = {"from": "+85512600105", "to": "2855", "text": "REG Sugar Farm", "id": "ATXid_same", "date": "", "linkId": ""}
    barrier = threading.Barrier(8)
    statuses = []

    def post():
        client = at_app.test_client()
        barrier.wait()
        statuses.append(client.post(f"/sms/inbound?token={TOKEN}", data=form).status_code)

    threads = [threading.Thread(target=post) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    drain()
    assert statuses == [200] * 8
    assert InboundMessage.select().count() == 1
    assert Employer.select().count() == 1
    assert OutboundMessage.select().count() == 1
    assert len(texts_to(at_stub, "+85512600105")) == 1


def test_a_flood_is_absorbed_with_one_slow_down_reply(at_app, sms, drain, at_stub):
    seeker("+85597950001", alerts_on=False)
    for _ in range(30):
        assert sms("+85597950001", "JOBS").status_code == 200
    drain()
    replies = texts_to(at_stub, "+85597950001")
    assert len(replies) == 21 and "too many messages" in replies[-1] and "too many" not in replies[-2]
    outcomes = [m.outcome for m in InboundMessage.select().order_by(InboundMessage.id)]
    assert outcomes[20] == "throttled" and set(outcomes[21:]) == {"dropped"}


def test_not_a_phone_number_is_stored_and_ignored(at_app, sms, drain, at_stub):
    assert sms("Smart", "Your bonus").status_code == 200
    assert InboundMessage.get().outcome.startswith("ignored")
    assert OutboundMessage.select().count() == 0


def test_any_text_is_answered(at_app, sms, drain, at_stub):
    for text in ["\x00JOB\x00", "ជំនួយ", "🙂" * 500, "JOB " + "9" * 5000, "REF " + "0" * 40]:
        assert sms("+85597980001", text).status_code == 200
    drain()
    assert len(texts_to(at_stub, "+85597980001")) == 5


def test_a_message_stored_but_never_processed_is_recovered_once(at_app, sms, drain):
    from sms import handlers

    message = InboundMessage.create(provider_id="ATXid_crashed", msisdn=FRIEND, to="2855", text="HELP")
    assert handlers.recover_unprocessed() == 0  # too recent: the request handling it may still be running
    InboundMessage.update(received_at=utcnow() - datetime.timedelta(minutes=5)).execute()
    assert handlers.recover_unprocessed() == 1
    assert handlers.recover_unprocessed() == 0
    assert InboundMessage.get_by_id(message.id).processed_at is not None
    assert OutboundMessage.select().where(OutboundMessage.msisdn == FRIEND).count() == 1
    assert sms(FRIEND, "HELP", provider_id="ATXid_crashed").status_code == 200  # AT's retry: a duplicate
    assert OutboundMessage.select().where(OutboundMessage.msisdn == FRIEND).count() == 1


def test_an_impossible_wage_is_answered_as_a_wage_error(at_app, sms, drain, at_stub):
    employer(BOSS)
    for wage in ("1,000,000,000,000,000", "99999999999"):
        assert sms(BOSS, f"JOB GARMENT KANDAL {wage} 2 Sewing").status_code == 200
    assert Job.select().count() == 0
    assert [m.outcome for m in InboundMessage.select().order_by(InboundMessage.id)] == ["error:JOB:wage"] * 2


def test_a_message_that_cannot_be_handled_still_gets_an_answer(at_app, sms, monkeypatch):
    from sms import handlers

    monkeypatch.setattr(handlers, "handle", lambda contact, text: 1 / 0)  # a bug in a handler
    assert sms(FRIEND, "JOBS").status_code == 200
    assert InboundMessage.get().outcome == "failed: ZeroDivisionError"
    assert "phnhaer mdong tiet" in OutboundMessage.get(OutboundMessage.msisdn == FRIEND).text  # km-Latn: "send again"
