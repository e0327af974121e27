"""What every gateway callback endpoint shares: the ?token= check, and for the plain WSGI ones (/ussd, /voice,
answered in front of Flask by an `Endpoint`) reading AT's form and writing the answer."""
import functools
import hmac
from urllib.parse import parse_qs

from flask import abort, current_app, request
from peewee import SqliteDatabase

from core import runtime
from core.models import db


def token_ok(config, given):
    """True if `given` is the configured [gateway] callback_token (compared in constant time)."""
    expected = config["gateway"]["callback_token"]
    return bool(expected) and hmac.compare_digest((given or "").encode(), expected.encode())


def require_callback_token(view):
    """403 unless the request carries the configured [gateway] callback_token."""

    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if not token_ok(current_app.config["BONGPHEAK"], request.args.get("token", "")):
            abort(403)
        return view(*args, **kwargs)

    return wrapped


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
        if not token_ok(self.config, query.get("token", [""])[0]):
            return wsgi_respond(start_response, "403 Forbidden", "Forbidden")
        try:
            with runtime.bound(self.services):
                body = self.answer(environ, query)
        finally:
            if not self.keep_connection and not db.is_closed():
                db.close()
        return wsgi_respond(start_response, "200 OK", body, self.content_type)

    def answer(self, environ, query):
        """The body of the answer to one callback (never an exception)."""
        raise NotImplementedError
