"""GET /healthz: up or down for anyone; which component is down, and the queue, for staff or with the callback token."""
from flask import Blueprint, jsonify, request
from flask_login import current_user
from rq.registry import FailedJobRegistry

from callbacks import token_ok
from core.platform import runtime
from core.outbound.models import OutboundMessage
from core.platform.models import db

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """JSON state, 503 when a component is down; each component only for staff or with ?token=<callback_token>."""
    # Queue depths and error classes would tell an outsider what to attack and when it hurts.
    state = {"database": "up", "redis": "up", "queue": {}}
    try:
        db.execute_sql("SELECT 1")
        state["outbox_queued"] = OutboundMessage.select().where(OutboundMessage.status == "queued").count()
    except Exception as error:  # report, never raise: this page exists to say what is broken
        state["database"] = f"down: {type(error).__name__}"
    try:
        runtime.current().redis.ping()
        queue = runtime.current().queue
        state["queue"] = {
            "name": queue.name,
            "depth": queue.count,
            "failed": FailedJobRegistry(queue=queue).count,
        }
    except Exception as error:
        state["redis"] = f"down: {type(error).__name__}"
    healthy = state["database"] == "up" and state["redis"] == "up"
    state["status"] = "ok" if healthy else "degraded"
    if not _may_see_details():
        state = {"status": "up" if healthy else "down"}
    return jsonify(state), 200 if healthy else 503


def _may_see_details():
    if token_ok(runtime.current().config, request.args.get("token")):
        return True
    try:
        return current_user.is_authenticated
    except Exception:  # the staff lookup needs the database, which may be what is down
        return False
