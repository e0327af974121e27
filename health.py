"""GET /healthz: is the database, Redis and the queue working."""
from flask import Blueprint, jsonify
from rq.registry import FailedJobRegistry

from core import runtime
from core.models import OutboundMessage, db

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """JSON state of each component; 503 when one is down."""
    state = {"database": "up", "redis": "up", "queue": {}}
    try:
        db.execute_sql("SELECT 1")
        state["outbox_queued"] = OutboundMessage.select().where(OutboundMessage.status == "queued").count()
    except Exception as error:  # report, never raise: this page exists to say what is broken
        state["database"] = f"down: {type(error).__name__}"
    try:
        runtime.Runtime.redis.ping()
        queue = runtime.Runtime.queue
        state["queue"] = {
            "name": queue.name,
            "depth": queue.count,
            "failed": FailedJobRegistry(queue=queue).count,
        }
    except Exception as error:
        state["redis"] = f"down: {type(error).__name__}"
    healthy = state["database"] == "up" and state["redis"] == "up"
    state["status"] = "ok" if healthy else "degraded"
    return jsonify(state), 200 if healthy else 503
