"""AT delivery reports on outbox rows: statuses only move forward, so reports arriving out of order never regress."""
from core import outbox
from core.models import OutboundMessage, utcnow

# AT's delivery statuses by how far along they are; a report may only replace one of a lower rank.
RANKS = {
    "Sent": 1,
    "Submitted": 1,
    "Buffered": 2,
    "Success": 3,
    "Failed": 3,
    "Rejected": 3,
    "AbsentSubscriber": 3,
    "Expired": 3,
}
# Final reports also settle the outbox status.
OUTBOX_STATUS = {"Success": "delivered", "Failed": "failed", "Rejected": "failed", "AbsentSubscriber": "failed",
                 "Expired": "failed"}
OPTED_OUT_REASON = "UserInBlacklist"


def record(gateway_id, status, failure_reason=""):
    """Apply one delivery report; returns True if it changed a row."""
    rank = RANKS.get(status)
    if not gateway_id or rank is None:
        return False
    behind = [name for name, other in RANKS.items() if other < rank]
    fields = {"delivery_status": status, "updated_at": utcnow()}
    if status in OUTBOX_STATUS:
        fields["status"] = OUTBOX_STATUS[status]
    if failure_reason:
        fields["error"] = f"{status}: {failure_reason}"[:500]
    changed = (
        OutboundMessage.update(**fields)
        .where(
            (OutboundMessage.gateway_id == gateway_id[:255])
            & (OutboundMessage.delivery_status.is_null() | OutboundMessage.delivery_status.in_(behind))
        )
        .execute()
    )
    if changed and failure_reason == OPTED_OUT_REASON:
        for (msisdn,) in OutboundMessage.select(OutboundMessage.msisdn).where(OutboundMessage.gateway_id == gateway_id).tuples():
            outbox.mark_opted_out(msisdn)
    return bool(changed)
