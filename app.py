"""Composition root: the one place that wires config, database, queue, gateway and blueprints."""
from flask import Flask, request
from flask.sessions import SecureCookieSessionInterface
from flask_wtf.csrf import CSRFProtect
from peewee import SqliteDatabase
from werkzeug.middleware.proxy_fix import ProxyFix

from core.platform import runtime
from core.platform.config import Config, ConfigError, check_secrets, kept_secret, load_config
from core.platform.db import init_db
from core.outbound.gateway import make_gateway
from core.platform.logs import configure_logging
from core.platform.models import db

# The largest legitimate request is a staff form or an AT callback of a few kB; anything bigger is refused before
# it is read, so a large POST cannot grow a worker.
MAX_REQUEST_BYTES = 64 * 1024
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "[::1]")

# No inline script can run, no other site may frame a staff page, forms post only here. The one inline handler
# allowed, by its hash, is the literal `return false;` Flask-Admin puts on its filter menu items. Styles allow
# 'unsafe-inline' because Flask-Admin's templates and the SVG charts set style attributes; a style runs no code.
RETURN_FALSE_HANDLER = "'sha256-2rvfFrggTCtyF5WOiTri1gDS8Boibj4Njn0e+VCBmDI='"
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        f"default-src 'self'; script-src 'self' 'unsafe-hashes' {RETURN_FALSE_HANDLER}; "
        "style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    # Same-origin only: Flask-WTF checks the Referer of every HTTPS form post against this host.
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie session, with the Secure flag from `[app] secure_cookies` (auto: on except on plain
    http to localhost, where a browser would drop a Secure cookie and the demo could not log in)."""

    def __init__(self, secure_cookies):
        self.secure_cookies = secure_cookies

    def get_cookie_secure(self, app):
        if self.secure_cookies != "auto":
            return self.secure_cookies
        return request.scheme == "https" or request.host.rsplit(":", 1)[0] not in LOOPBACK_HOSTS


class RequestSizeLimit:
    """WSGI middleware: 413 for a declared body over `limit` bytes, before any endpoint (Flask's or the plain
    USSD handler) reads it; Flask's MAX_CONTENT_LENGTH still caps a body whose length is not declared."""

    def __init__(self, app, limit):
        self.app = app
        self.limit = limit

    def __call__(self, environ, start_response):
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = -1
        if length < 0 or length > self.limit:
            start_response("413 Request Entity Too Large", [("Content-Type", "text/plain"), ("Connection", "close")])
            return [b"Request too large"]
        return self.app(environ, start_response)


def create_app(config=None):
    """Build the Flask app from a Config, a mapping of overrides, or the ini file."""
    if not isinstance(config, Config):
        config = load_config(overrides=config)
    configure_logging()
    check_secrets(config)
    secure_cookies = config["app"]["secure_cookies"].strip().lower()
    proxies = config.get_int("app", "proxies")
    if proxies < 0:
        raise ConfigError("[app] proxies must be 0 or more")

    # Everything that signs (sessions, the site's tokens, voice call states) reads this one secret.
    config["app"]["secret_key"] = kept_secret(config)
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=config["app"]["secret_key"],
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        MAX_CONTENT_LENGTH=MAX_REQUEST_BYTES,
        WTF_CSRF_TIME_LIMIT=None,  # a CSRF token lives as long as the session: a long form never fails
    )
    app.session_interface = SessionInterface(
        "auto" if secure_cookies == "auto" else config.get_bool("app", "secure_cookies")
    )

    init_db(config["database"]["url"])
    runtime.init_app(app, config, make_gateway(config))
    # Every unsafe request to a Flask view is checked, so a new staff screen or site form is protected without anyone
    # remembering to opt in; the gateway callbacks are exempted below.
    csrf = CSRFProtect(app)

    @app.teardown_appcontext
    def close_db(_exc):
        # A pooled PostgreSQL connection goes back to the pool; an SQLite one stays open for this thread's next
        # request, since opening one (and setting its pragmas) costs more than a USSD step.
        if not db.is_closed() and not isinstance(db.obj, SqliteDatabase):
            db.close()

    @app.after_request
    def security_headers(response):
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    import admin
    import cli
    import health
    import ussd.views
    import sms.views
    import voice.views
    import website.views

    # Channels and the staff app: one line each.
    app.register_blueprint(health.bp)
    ussd.views.mount(app)
    admin.init_app(app)
    app.register_blueprint(sms.views.bp)
    voice.views.init_app(app)
    app.register_blueprint(website.views.bp)
    cli.init_app(app)
    # Gateway callbacks authenticate with ?token= and never carry a session cookie, so a cross-site forgery has
    # nothing to ride on, and a gateway could not send a CSRF token anyway. (/ussd and POST /voice answer before Flask.)
    for gateway_callbacks in (sms.views.bp, voice.views.bp):
        csrf.exempt(gateway_callbacks)

    # Outermost: the size cap sees every request first; ProxyFix then gives every endpoint the client's address.
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
    app.wsgi_app = RequestSizeLimit(app.wsgi_app, MAX_REQUEST_BYTES)
    return app
