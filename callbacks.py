"""What every gateway callback endpoint shares: the ?token= check."""
import functools
import hmac

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
