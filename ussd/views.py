"""POST /ussd: Africa's Talking's USSD callback. AT fields in, `CON …`/`END …` text out, always HTTP 200."""
import logging

from flask import Blueprint, Response, request

from callbacks import require_callback_token
from core import livejobs, runtime
from core.i18n import text
from core.phone import mask_msisdn, normalise_msisdn
from ussd.sessions import Sessions

log = logging.getLogger(__name__)
bp = Blueprint("ussd", __name__)

MAX_TEXT = 1000  # far more than any session; longer is not from a phone
MAX_SESSION_ID = 128
_sessions = {}


def sessions():
    """This process's session store, bound to the Redis the runtime was configured with."""
    redis = runtime.Runtime.redis
    store = _sessions.get(id(redis))
    if store is None:  # a new runtime (start-up, or a test's fresh app): start from fresh caches
        reset()
        store = _sessions[id(redis)] = Sessions(redis)
    return store


def reset():
    """Forget every session store and cached snapshot of this process."""
    for store in _sessions.values():
        store.writer.close()
    _sessions.clear()
    livejobs.cache.snapshot = None


@bp.post("/ussd")
@require_callback_token
def ussd():
    form = request.form
    session_id = form.get("sessionId", "")
    msisdn = normalise_msisdn(form.get("phoneNumber", ""))
    given = form.get("text", "")
    error = None
    if not session_id or len(session_id) > MAX_SESSION_ID:
        error = "no session id"
    elif msisdn is None:
        error = "no valid phone number"
    elif len(given) > MAX_TEXT:
        error = "text too long"
    if error is None:
        try:
            reply = sessions().answer(session_id, msisdn, given)
        except Exception:  # last resort: the phone gets a polite END, the log gets the cause
            log.exception("ussd step failed for %s", mask_msisdn(msisdn))
            reply = "END " + text("km-Latn", "ussd.error")
    else:
        log.info("malformed ussd request from %s: %s", mask_msisdn(form.get("phoneNumber", "")), error)
        reply = "END " + text("km-Latn", "ussd.error")
    return Response(reply, status=200, mimetype="text/plain")
