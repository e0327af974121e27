"""What every gateway callback endpoint shares: the ?token= check, and for the plain WSGI ones (/ussd, /voice,
answered in front of Flask) reading AT's form and writing the answer."""
import functools
import hmac
from urllib.parse import parse_qs

from flask import abort, current_app, request


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
