"""POST /ussd: Africa's Talking's USSD callback. AT fields in, `CON …`/`END …` text out, always HTTP 200.

This is the hottest path of the service (hundreds of requests a second at peak, each a few microseconds of menu
logic), so it is a plain WSGI handler placed in front of Flask rather than a Flask view (`callbacks.Endpoint`).
Everything else goes on to the Flask app unchanged.
"""
import logging

from callbacks import Endpoint, wsgi_form
from core.platform import runtime
from core.text.i18n import text
from core.text.phone import gateway_msisdn, mask_msisdn
from ussd.sessions import Sessions

log = logging.getLogger(__name__)

MAX_TEXT = 1000  # far more than any session; longer is not from a phone
MAX_SESSION_ID = 128
PATH = "/ussd"
EXTENSION = "ussd"  # the app's session store, in its services' extensions


def sessions():
    """The current app's session store."""
    return runtime.current().extensions[EXTENSION]


def mount(app):
    """Put POST /ussd in front of the Flask app's WSGI callable, with the app's session store."""
    services = runtime.services_of(app)
    services.extensions[EXTENSION] = Sessions(services)
    app.wsgi_app = UssdEndpoint(app.wsgi_app, services)
    return app


class UssdEndpoint(Endpoint):
    """POST /ussd?token=…: a CON/END screen for each step."""

    path = PATH

    def answer(self, environ, query):
        return answer(wsgi_form(environ))


def answer(form):
    """The reply to one AT request's fields: a CON/END screen, never an exception."""
    session_id = form.get("sessionId", "")
    msisdn = gateway_msisdn(form.get("phoneNumber", ""))
    given = form.get("text", "")
    error = None
    if not session_id or len(session_id) > MAX_SESSION_ID:
        error = "no session id"
    elif msisdn is None:
        error = "no valid phone number"
    elif len(given) > MAX_TEXT:
        error = "text too long"
    if error is not None:
        log.info("malformed ussd request from %s: %s", mask_msisdn(form.get("phoneNumber", "")), error)
        return _sorry()
    try:
        return sessions().answer(session_id, msisdn, given)
    except Exception:  # last resort: the phone gets a polite END, the log gets the cause
        log.exception("ussd step failed for %s", mask_msisdn(msisdn))
        return _sorry()


def _sorry():
    """The polite END for a request we cannot answer, in the deployment's default language (no session to ask)."""
    return "END " + text(runtime.current().config.deployment().default_language, "ussd.error")
