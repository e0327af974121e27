"""What every gateway callback endpoint shares: the ?token= check."""
import functools
import hmac

from flask import abort, current_app, request


def require_callback_token(view):
    """403 unless the request carries the configured [gateway] callback_token."""

    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        expected = current_app.config["BONGPHEAK"]["gateway"]["callback_token"]
        given = request.args.get("token", "")
        if not expected or not hmac.compare_digest(given.encode(), expected.encode()):
            abort(403)
        return view(*args, **kwargs)

    return wrapped
