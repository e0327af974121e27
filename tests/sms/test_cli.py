"""Staff decisions as flask commands: verify an employer, approve or reject a job, each audited as cli:<user>."""
from core.jobs.models import Employer, Job
from core.outbound.models import OutboundMessage
from core.platform.models import AuditEvent
from tests.sms.conftest import employer


def test_verify_approve_reject(runner):
    boss = employer("+85512600101", status="pending")
    pending = Job.create(ref="J4821", employer=boss, category=1, province=8, title="Sewing", wage_amount=250)
    other = Job.create(ref="J4822", employer=boss, category=1, province=8, title="Packing", wage_amount=250)

    refused = runner.invoke(args=["approve-job", "j4821"])
    assert refused.exit_code != 0 and "Verify" in refused.output
    assert runner.invoke(args=["verify-employer", "012 600 101"]).exit_code != 0  # --note is required
    result = runner.invoke(args=["verify-employer", "012 600 101", "--note", "licence seen"])
    assert result.exit_code == 0, result.output
    assert Employer.get_by_id(boss.id).status == "verified"
    # Verifying publishes the waiting jobs screening passed, and the employer is told.
    assert {Job.get_by_id(pending.id).status, Job.get_by_id(other.id).status} == {"live"}
    assert "Jobs now live: 2" in OutboundMessage.select().order_by(OutboundMessage.id.desc()).first().text
    held = Job.create(ref="J4823", employer=boss, category=1, province=8, title="Cutting", wage_amount=250)
    other = Job.create(ref="J4824", employer=boss, category=1, province=8, title="Ironing", wage_amount=250)
    assert runner.invoke(args=["approve-job", "j4823"]).exit_code == 0
    assert Job.get_by_id(held.id).status == "live"
    assert runner.invoke(args=["reject-job", "J4824", "--reason", "Wage too vague"]).exit_code == 0
    assert Job.get_by_id(other.id).status == "rejected"
    assert "Wage too vague" in OutboundMessage.select().order_by(OutboundMessage.id.desc()).first().text
    assert {event.actor.split(":")[0] for event in AuditEvent.select()} == {"cli"}
    assert runner.invoke(args=["approve-job", "J9999"]).exit_code != 0
    assert runner.invoke(args=["verify-employer", "+85599999999", "--note", "x"]).exit_code != 0
