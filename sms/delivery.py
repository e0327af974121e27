"""Delivery reports (AT's or Twilio's) on outbox rows: statuses only move forward, so reports arriving out of order never regress.

A report may come before the worker has saved the gateway id it names (AT answers the send and reports within the
same second); such a report is kept for a day and applied by `settle_early_reports` once the id is known.
"""
import datetime

from peewee import JOIN

from core.outbound import outbox
from core.lifecycle import MESSAGES
from core.outbound.models import EarlyDeliveryReport, OutboundMessage
from core.platform.models import db, utcnow
from core.text.phone import normalise_msisdn

# AT's delivery statuses (capitalised) and Twilio's (lower case) by how far along they are; a report may only replace
# one of a lower rank.
RANKS = {
    "accepted": 1,
    "queued": 1,
    "sending": 1,
    "sent": 2,
    "delivered": 3,
    "undelivered": 3,
    "failed": 3,
    "Sent": 1,
    "Submitted": 1,
    "Buffered": 2,
    "Success": 3,
    "Failed": 3,
    "Rejected": 3,
    "AbsentSubscriber": 3,
    "Expired": 3,
}
# Final reports also settle the outbox status, by a move of core.lifecycle.MESSAGES.
SETTLES = {"Success": "deliver", "Failed": "undeliver", "Rejected": "undeliver", "AbsentSubscriber": "undeliver",
           "Expired": "undeliver", "delivered": "deliver", "undelivered": "undeliver", "failed": "undeliver"}
OPTED_OUT_REASON = "UserInBlacklist"
# Failure reasons that mean the person opted out: AT's blacklist; Twilio's unsubscribed recipient and blocked message.
OPTED_OUT_REASONS = frozenset({OPTED_OUT_REASON, "21610", "30004"})
KEEP_EARLY = datetime.timedelta(days=1)


def receive(gateway_id, status, failure_reason="", msisdn=""):
    """Take one delivery report from the gateway: apply it, or keep it until its gateway id is saved."""
    gateway_id = gateway_id[:255]
    if not gateway_id or status not in RANKS:
        return False
    if failure_reason in OPTED_OUT_REASONS and normalise_msisdn(msisdn):
        outbox.mark_opted_out(normalise_msisdn(msisdn))  # the number refused us, whichever message told us so
    if record(gateway_id, status, failure_reason):
        return True
    if not OutboundMessage.select().where(OutboundMessage.gateway_id == gateway_id).exists():
        EarlyDeliveryReport.create(
            gateway_id=gateway_id, msisdn=normalise_msisdn(msisdn), status=status, failure_reason=failure_reason[:255]
        )
    return False


def record(gateway_id, status, failure_reason=""):
    """Apply one delivery report to the rows with this gateway id; returns True if it changed a row."""
    rank = RANKS.get(status)
    if not gateway_id or rank is None:
        return False
    behind = [name for name, other in RANKS.items() if other < rank]
    fields = {"delivery_status": status, "updated_at": utcnow()}
    if failure_reason:
        fields["error"] = f"{status}: {failure_reason}"[:500]
    reported = (
        (OutboundMessage.gateway_id == gateway_id[:255])
        & (OutboundMessage.delivery_status.is_null() | OutboundMessage.delivery_status.in_(behind))
    )
    if status in SETTLES:
        changed = MESSAGES.move_where(SETTLES[status], reported, **fields)
    else:  # on its way: the delivery rank moves, the status waits for the final report
        changed = OutboundMessage.update(**fields).where(reported).execute()
    if changed and failure_reason in OPTED_OUT_REASONS:
        for (msisdn,) in OutboundMessage.select(OutboundMessage.msisdn).where(OutboundMessage.gateway_id == gateway_id).tuples():
            outbox.mark_opted_out(msisdn)
    return bool(changed)


def settle_early_reports():
    """rq job: apply kept reports whose gateway id is now saved, settle `unknown` rows they name, forget old ones."""
    settled = 0
    with db.connection_context():
        reports = list(
            EarlyDeliveryReport.select(EarlyDeliveryReport, OutboundMessage.id.alias("message_id"))
            .join(OutboundMessage, JOIN.LEFT_OUTER, on=(OutboundMessage.gateway_id == EarlyDeliveryReport.gateway_id))
            .order_by(EarlyDeliveryReport.id)
            .objects()
        )
        for report in reports:
            if report.message_id is None and not _claim_unknown(report):
                continue
            with db.atomic():
                record(report.gateway_id, report.status, report.failure_reason)
                EarlyDeliveryReport.delete().where(EarlyDeliveryReport.id == report.id).execute()
            settled += 1
        EarlyDeliveryReport.delete().where(EarlyDeliveryReport.received_at < utcnow() - KEEP_EARLY).execute()
    return settled


def _claim_unknown(report):
    """A report for the one `unknown` row of its number (a batch whose worker died) tells us that row's gateway id."""
    if not report.msisdn:
        return False
    unknown = list(
        OutboundMessage.select(OutboundMessage.id)
        .where(
            (OutboundMessage.msisdn == report.msisdn)
            & (OutboundMessage.status == "unknown")
            & OutboundMessage.gateway_id.is_null()
        )
        .limit(2)
    )
    if len(unknown) != 1:
        return False
    OutboundMessage.update(gateway_id=report.gateway_id).where(OutboundMessage.id == unknown[0].id).execute()
    return True
