"""Core services shared by the channels: moderation, applying, referrals, reports."""
import datetime
import json

import pytest

from core import applications, moderation, referrals, reports
from core.models import Application, AuditEvent, Employer, Job, OutboundMessage, Referral, Seeker, SponsoredSlot, utcnow


@pytest.fixture
def employer(app):
    return Employer.create(msisdn="+85512600001", name="Kandal Garment", province=8, status="verified", language="en")


@pytest.fixture
def job(employer):
    return Job.create(
        ref="J2001", employer=employer, category=1, province=8, title="Sewing operators",
        wage_amount=250, status="live", published_at=utcnow(),
    )


def seeker(msisdn, **fields):
    row, _ = Seeker.get_or_create_by_msisdn(msisdn, **fields)
    return row


def test_verify_employer_audits_and_tells_them(app, work):
    pending = Employer.create(msisdn="+85512600002", name="New Co")
    with pytest.raises(ValueError):
        moderation.verify_employer(pending, "staff@example.org", "  ")
    moderation.verify_employer(pending, "staff@example.org", "Licence 123 checked")
    pending = Employer.get_by_id(pending.id)
    assert pending.status == "verified" and pending.verified_by == "staff@example.org"
    event = AuditEvent.get(AuditEvent.action == "employer.verify")
    assert event.before["status"] == "pending" and event.after["status"] == "verified"
    assert OutboundMessage.get(OutboundMessage.msisdn == "+85512600002").kind == "notice"
    with pytest.raises(moderation.IllegalMove):
        moderation.verify_employer(pending, "staff@example.org", "again")


def test_job_moves_follow_the_table(job):
    with pytest.raises(moderation.IllegalMove):
        moderation.approve_job(job, "staff")  # already live
    moderation.hide_job(job, "staff", "checking")
    assert Job.get_by_id(job.id).status == "hidden"
    moderation.reject_job(job, "staff", "Asks for a deposit")
    job = Job.get_by_id(job.id)
    assert job.status == "rejected" and job.reject_reason == "Asks for a deposit"
    assert "deposit" in OutboundMessage.get(OutboundMessage.job == job).text
    with pytest.raises(moderation.IllegalMove):
        moderation.approve_job(job, "staff")
    assert [e.action for e in AuditEvent.select().order_by(AuditEvent.id)] == ["job.hide", "job.reject"]


def test_cannot_publish_for_an_unverified_employer(app):
    employer = Employer.create(msisdn="+85512600003", name="Unverified")
    job = Job.create(ref="J2002", employer=employer, category=1, province=8, title="Packers")
    with pytest.raises(moderation.IllegalMove):
        moderation.approve_job(job, "staff")


def test_apply_sends_two_sms_and_refuses_twice(job):
    applicant = seeker("+85597000010", language="en")
    application, created = applications.apply(job, applicant, "ussd", experienced=True)
    assert created and application.channel == "ussd"
    texts = {m.msisdn: m.text for m in OutboundMessage.select()}
    assert "J2001" in texts["+85597000010"] and "+85512600001" in texts["+85597000010"]
    assert "+85597000010" in texts["+85512600001"] and "experience" in texts["+85512600001"]
    again, created = applications.apply(job, applicant, "sms")
    assert not created and again.id == application.id
    assert OutboundMessage.select().count() == 2


def test_apply_to_a_closed_job_is_refused(job):
    moderation.close_job(job, "staff")
    with pytest.raises(applications.NotOpen):
        applications.apply(Job.get_by_id(job.id), seeker("+85597000011"), "sms")


def test_invited_friend_applying_credits_the_referrer(job):
    intermediary = seeker("+85597000012", language="km-Latn")
    outcome, friend_msisdn = referrals.invite(intermediary, "097 000 013", job=job)
    assert outcome is referrals.Outcome.SENT and friend_msisdn == "+85597000013"
    invitation = OutboundMessage.get(OutboundMessage.msisdn == friend_msisdn)
    assert "J2001" in invitation.text and "097000012" in invitation.text
    application, _ = applications.apply(job, seeker(friend_msisdn), "sms")
    assert application.referrer_id == intermediary.id
    assert Seeker.get(Seeker.msisdn == friend_msisdn).referred_by_id == intermediary.id


def test_invitation_caps_and_refusals(app):
    intermediary = seeker("+85597000014")
    assert referrals.invite(intermediary, "12345")[0] is referrals.Outcome.INVALID_NUMBER
    assert referrals.invite(intermediary, "+66812345678")[0] is referrals.Outcome.INVALID_NUMBER
    assert referrals.invite(intermediary, "+85597000014")[0] is referrals.Outcome.SELF
    stopped = seeker("+85597000015")
    Seeker.update(opted_out_at=utcnow()).where(Seeker.id == stopped.id).execute()
    assert referrals.invite(intermediary, "+85597000015")[0] is referrals.Outcome.OPTED_OUT
    assert referrals.invite(intermediary, "+85597000016")[0] is referrals.Outcome.SENT
    assert referrals.invite(seeker("+85597000017"), "+85597000016")[0] is referrals.Outcome.FRIEND_CAP
    for n in range(4):
        assert referrals.invite(intermediary, f"+8559700002{n}")[0] is referrals.Outcome.SENT
    assert referrals.invite(intermediary, "+85597000030")[0] is referrals.Outcome.REFERRER_CAP
    Referral.update(created_at=utcnow() - datetime.timedelta(days=2)).execute()
    assert referrals.invite(intermediary, "+85597000030")[0] is referrals.Outcome.SENT
    assert OutboundMessage.select().where(OutboundMessage.kind == "invite").count() == 6


def test_three_reports_hide_a_job(job):
    for n in range(2):
        assert reports.report(job, seeker(f"+8559700004{n}")) == (True, False)
    assert reports.report(job, seeker("+85597000040")) == (False, False)
    assert reports.report(job, seeker("+85597000049")) == (True, True)
    assert Job.get_by_id(job.id).status == "hidden"
    assert AuditEvent.get(AuditEvent.action == "job.hide").actor == "system"


def test_sponsored_job_counts_applications(job):
    today = utcnow().date()
    slot = SponsoredSlot.create(job=job, starts_on=today, ends_on=today)
    applications.apply(job, seeker("+85597000050"), "ussd")
    assert SponsoredSlot.get_by_id(slot.id).applications == 1


def test_record_hire(job):
    applicant = seeker("+85597000060")
    applications.apply(job, applicant, "sms")
    assert applications.record_hire(job, "+85597000099", "employer") is None
    assert applications.record_hire(job, "+85597000060", "employer").status == "hired"
    assert AuditEvent.get(AuditEvent.action == "application.hire").actor == "employer"
    assert Application.get().hired_at is not None


def test_queued_applications_are_recorded_once_in_order(job, redis):
    first, second = seeker("+85597000070"), seeker("+85597000071")
    for msisdn in (first.msisdn, second.msisdn, first.msisdn):  # the last one a repeat: harmless
        redis.rpush(applications.QUEUED_KEY, applications.intent("J2001", msisdn, "ussd", True))
    assert applications.record_queued_applications() == 3
    assert redis.llen(applications.QUEUED_KEY) == 0
    rows = list(Application.select().order_by(Application.id))
    assert [row.seeker_id for row in rows] == [first.id, second.id]
    assert rows[0].channel == "ussd" and rows[0].experienced is True
    assert OutboundMessage.select().count() == 4


def test_one_drainer_at_a_time(job, redis):
    redis.rpush(applications.QUEUED_KEY, applications.intent("J2001", "+85597000072", "ussd"))
    redis.set(applications.DRAIN_LOCK, "1")
    assert applications.record_queued_applications() == 0
    assert redis.llen(applications.QUEUED_KEY) == 1
    redis.delete(applications.DRAIN_LOCK)
    assert applications.record_queued_applications() == 1


def test_an_application_to_a_job_closed_meanwhile_is_answered_by_sms(job, redis):
    moderation.close_job(job, "staff")
    redis.rpush(applications.QUEUED_KEY, applications.intent("J2001", "+85597000073", "ussd"))
    applications.record_queued_applications()
    assert Application.select().count() == 0
    assert "J2001" in OutboundMessage.get(OutboundMessage.msisdn == "+85597000073").text


def test_a_large_queue_is_recorded_in_chunks_with_every_effect(job, redis, monkeypatch):
    monkeypatch.setattr(applications, "DRAIN_CHUNK", 7)
    today = utcnow().date()
    slot = SponsoredSlot.create(job=job, starts_on=today, ends_on=today)
    closed = Job.create(ref="J2003", employer=job.employer, category=1, province=8, title="Packers", status="closed")
    intermediary = seeker("+85597000080")
    referrals.invite(intermediary, "+85597000081", job=job)
    numbers = [f"+855970001{n:02d}" for n in range(20)] + ["+85597000081"]
    intents = [applications.intent("j2001 ", msisdn, "ussd", n % 2 == 0) for n, msisdn in enumerate(numbers)]
    intents += [applications.intent("J2001", numbers[0], "sms"), applications.intent("J9999", "+85597000082", "ussd"),
                applications.intent("J2003", "+85597000083", "ussd")]
    redis.rpush(applications.QUEUED_KEY, *intents)
    assert applications.record_queued_applications() == len(intents)
    assert redis.llen(applications.QUEUED_KEY) == 0
    assert Application.select().where(Application.job == job).count() == 21
    assert Application.select().where(Application.job == closed).count() == 0
    assert SponsoredSlot.get_by_id(slot.id).applications == 21
    friend = Seeker.get(Seeker.msisdn == "+85597000081")
    assert friend.referred_by_id == intermediary.id
    assert Application.get(Application.seeker == friend).referrer_id == intermediary.id
    assert not Seeker.select().where(Seeker.msisdn == "+85597000082").exists()
    assert "J2003" in OutboundMessage.get(OutboundMessage.msisdn == "+85597000083").text
    kinds = [m.kind for m in OutboundMessage.select().where(OutboundMessage.job == job)]
    assert kinds.count("confirmation") == 21 and kinds.count("notice") == 21
    notice = OutboundMessage.get((OutboundMessage.kind == "notice") & OutboundMessage.text.contains(numbers[1]))
    assert "experience" in notice.text


def test_the_drain_queues_an_applications_sms_in_few_jobs(job, redis, work):
    redis.rpush(applications.QUEUED_KEY,
                *[applications.intent("J2001", f"+855970002{n:02d}", "ussd") for n in range(60)])
    applications.record_queued_applications()
    from core import runtime

    assert len(runtime.Runtime.queue) == 2  # 120 SMS: 60 identical confirmations in one job, the notices packed
    work()
    assert OutboundMessage.select().where(OutboundMessage.status == "sent").count() == 120


def test_a_conflict_in_a_chunk_is_settled_one_by_one(job, redis, monkeypatch):
    early = seeker("+85597000090")
    applications.apply(job, early, "sms")  # applied by SMS while the intents waited
    monkeypatch.setattr(applications, "_applied", lambda job_ids, seeker_ids: set())  # the race: not seen
    redis.rpush(applications.QUEUED_KEY,
                *[applications.intent("J2001", msisdn, "ussd") for msisdn in ("+85597000091", early.msisdn)])
    assert applications.record_queued_applications() == 2
    assert Application.select().count() == 2
    assert OutboundMessage.select().count() == 4


def test_draining_again_after_a_crash_sends_nothing_twice(job, redis):
    intents = [applications.intent("J2001", f"+855970003{n:02d}", "ussd") for n in range(5)]
    redis.rpush(applications.QUEUED_KEY, *intents)
    applications._record_chunk([json.loads(item) for item in intents])  # recorded, then the worker died: not popped
    assert applications.record_queued_applications() == 5
    assert Application.select().count() == 5
    assert OutboundMessage.select().count() == 10
