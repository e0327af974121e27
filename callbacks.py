"""What every gateway callback endpoint shares: the ?token= check and, on a Twilio-compatible gateway, the
X-Twilio-Signature check; for the plain WSGI ones (/ussd, /voice, answered in front of Flask by an `Endpoint`)
reading the gateway's form and writing the answer."""
import functools
import hmac
import io
from urllib.parse import parse_qs, parse_qsl, quote

from flask import abort, request
from peewee import SqliteDatabase
from twilio.request_validator import RequestValidator
from werkzeug.datastructures import MultiDict

from core.platform import runtime
from core.platform.models import db


def token_ok(config, given):
    """True if `given` is the configured [gateway] callback_token (compared in constant time)."""
    expected = config["gateway"]["callback_token"]
    return bool(expected) and hmac.compare_digest((given or "").encode(), expected.encode())


def speaks_twilio(config):
    """True when the gateway is Twilio-compatible (Twilio, Somleng): its fields, its signatures, TwiML."""
    return config.speaks_twilio()


def requested_url(environ):
    """The URL as the gateway requested it (scheme and host as [app] proxies let ProxyFix restore them)."""
    host = environ.get("HTTP_HOST") or f"{environ.get('SERVER_NAME', 'localhost')}:{environ.get('SERVER_PORT', '80')}"
    path = quote(environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", ""), safe="/;:@&=+$,-_.!~*'()%")
    query = environ.get("QUERY_STRING", "")
    return f"{environ.get('wsgi.url_scheme', 'http')}://{host}{path}" + (f"?{query}" if query else "")


def signature_ok(config, environ, params):
    """On a Twilio-compatible gateway: True if X-Twilio-Signature signs this URL and every one of `params` (a
    MultiDict of the posted form) with [twilio] auth_token. Other gateways sign nothing: True."""
    if not speaks_twilio(config):
        return True
    signature = environ.get("HTTP_X_TWILIO_SIGNATURE", "")
    token = config["twilio"]["auth_token"]
    if not (signature and token):
        return False
    validator, url = RequestValidator(token), requested_url(environ)
    # The URL exactly as requested signs nearly every callback: one HMAC; `validate` also tries it with the port
    # added or removed, as Twilio may have signed it.
    return hmac.compare_digest(validator.compute_signature(url, params), signature) or validator.validate(
        url, params, signature)


def require_callback_token(view):
    """403 unless the request carries the configured [gateway] callback_token (and, on a Twilio-compatible
    gateway, a valid signature of the whole request)."""

    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        config = runtime.current().config
        if not token_ok(config, request.args.get("token", "")):
            abort(403)
        if speaks_twilio(config) and not signature_ok(config, request.environ, _posted(request.get_data(cache=True))):
            abort(403)
        return view(*args, **kwargs)

    return wrapped


def _posted(body):
    """A form body as the MultiDict a signature covers (every value of every field)."""
    return MultiDict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))


MAX_BODY = 16384  # far more than any AT callback; longer is not from the gateway


def wsgi_form(environ, max_field=None):
    """AT's form fields (first value of each, NULs out, each cut to `max_field`); an oversized or unreadable body
    reads as no fields."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if not 0 < length <= MAX_BODY:
        return {}
    body = environ["wsgi.input"].read(length).decode("utf-8", "replace")
    return {key: values[0].replace("\x00", "")[:max_field]
            for key, values in parse_qs(body, keep_blank_values=True).items()}


def wsgi_respond(start_response, status, body, content_type="text/plain; charset=utf-8", headers=()):
    """Start a plain WSGI answer with its length; returns the body iterable."""
    data = body.encode("utf-8")
    start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(data))), *headers])
    return [data]


class Endpoint:
    """WSGI middleware in front of Flask for one gateway callback: answers POST `path`?token=… with `answer`, the
    app's services bound while it does; hands every other request to `fallback`.

    Plain WSGI because these are the hottest paths: Flask's per-request machinery (contexts, sessions, routing,
    response objects) costs several times a USSD step.
    """

    path = None
    content_type = "text/plain; charset=utf-8"
    # Whether the Twilio-compatible gateway posts here (and signs what it posts): /voice does, /ussd never does
    # (USSD stays on Africa's Talking, which signs nothing: the token is its check).
    twilio_posts = False

    def __init__(self, fallback, services):
        self.fallback = fallback
        self.services = services
        self.config = services.config
        # Same rule as the Flask teardown: an SQLite connection stays open for this thread's next request, a pooled
        # PostgreSQL one goes back after each.
        self.keep_connection = isinstance(db.obj, SqliteDatabase)

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO") != self.path:
            return self.fallback(environ, start_response)
        if environ.get("REQUEST_METHOD") != "POST":
            return wsgi_respond(start_response, "405 Method Not Allowed", "Method Not Allowed",
                                headers=[("Allow", "POST")])
        query = parse_qs(environ.get("QUERY_STRING", ""))
        if not token_ok(self.config, query.get("token", [""])[0]) or not self.signed(environ):
            return wsgi_respond(start_response, "403 Forbidden", "Forbidden")
        try:
            with runtime.bound(self.services):
                body = self.answer(environ, query)
        finally:
            if not self.keep_connection and not db.is_closed():
                db.close()
        return wsgi_respond(start_response, "200 OK", body, self.content_type)

    def signed(self, environ):
        """On a Twilio-compatible gateway, whether the request's signature holds (the body is read here, and put
        back for `answer`); always True on the others."""
        if not (self.twilio_posts and speaks_twilio(self.config)):
            return True
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        body = environ["wsgi.input"].read(length) if 0 < length <= MAX_BODY else b""
        environ["wsgi.input"] = io.BytesIO(body)
        return signature_ok(self.config, environ, _posted(body))

    def answer(self, environ, query):
        """The body of the answer to one callback (never an exception)."""
        raise NotImplementedError
