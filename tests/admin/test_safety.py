"""What employers and seekers typed is shown escaped; seekers' numbers appear only on the job they applied to."""
from core.jobs.models import Application, Employer, Job, Referral
from core.outbound.models import OutboundMessage
from core.platform.models import AuditEvent
from core.reference.models import Category
from core.seekers.models import Seeker

SCRIPT = "<script>alert('x')</script>"


def hostile_job():
    owner = Employer.create(msisdn="+85512600401", name=f"Evil {SCRIPT} Ltd", province=8, status="verified")
    return Job.create(
        ref="J6001", employer=owner, category=Category.get(Category.code == "GARMENT"), province=8,
        title=f"Sewing {SCRIPT}", details=f"<img src=x onerror=alert(1)> {SCRIPT}", wage_amount=250,
        status="pending", flags=[{"code": "fee", "reason": f"says {SCRIPT}"}],
    )


def test_stored_script_is_rendered_escaped_everywhere(login_as):
    job = hostile_job()
    AuditEvent.record("system", "job.hide", job, None, {"title": job.title})
    OutboundMessage.create(msisdn=job.employer.msisdn, text=f"Your job {SCRIPT}", status="failed")
    client, _ = login_as("moderator")
    pages = [
        "/admin/moderation/", "/admin/jobs/", f"/admin/jobs/{job.id}/", "/admin/employers/",
        f"/admin/employers/{job.employer.id}/", "/admin/messages/", "/admin/audit/",
    ]
    for url in pages:
        html = client.get(url).get_data(as_text=True)
        assert SCRIPT not in html, url
        assert "<img src=x" not in html, url
        assert "&lt;script&gt;" in html, url


def test_seeker_numbers_are_masked_except_on_the_job_they_applied_to(login_as):
    job = hostile_job()
    Job.update(status="live").where(Job.id == job.id).execute()
    applicant, _ = Seeker.get_or_create_by_msisdn("+85597712345")
    bystander, _ = Seeker.get_or_create_by_msisdn("+85597754321")
    Application.create(job=job, seeker=applicant, referrer=bystander)
    Referral.create(referrer=bystander, friend_msisdn=applicant.msisdn, friend=applicant, job=job)
    OutboundMessage.create(msisdn=job.employer.msisdn, text="New applicant +85597712345 for J6001")
    OutboundMessage.create(msisdn=bystander.msisdn, text="Welcome")
    client, _ = login_as("admin")
    everywhere = [
        "/admin/", "/admin/seekers/", "/admin/intermediaries/", f"/admin/intermediaries/{bystander.id}/",
        "/admin/messages/", "/admin/audit/", "/admin/moderation/", "/admin/jobs/",
    ]
    for url in everywhere:
        html = client.get(url).get_data(as_text=True)
        assert "97712345" not in html and "97754321" not in html, url
    assert "+855*****345" in client.get("/admin/seekers/").get_data(as_text=True)
    job_page = client.get(f"/admin/jobs/{job.id}/").get_data(as_text=True)
    assert "+85597712345" in job_page  # applied to this job
    assert "97754321" not in job_page  # only referred someone
