"""Core services shared by the channels: moderation, applying, referrals, reports."""
import datetime
import json

import pytest

from core.jobs import moderation, reports
from core.platform import clock
from core.seekers import applications, referrals
from core.jobs.models import Application, Employer, Job, Referral, SponsoredSlot
from core.outbound.models import OutboundMessage
from core.platform.models import AuditEvent, utcnow
from core.seekers.models import Seeker


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
    told = [m.text for m in OutboundMessage.select().where(OutboundMessage.job == job).order_by(OutboundMessage.id)]
    assert "is hidden" in told[0] and "deposit" in told[1]
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
    assert "J2001" in texts["+85597000010"] and "012600001" in texts["+85597000010"]  # the employer's number, as it is dialled
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
    today = clock.today()
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


