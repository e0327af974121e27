"""The composition root's safety: refusing public secrets on a real gateway, headers, cookies, proxies, size cap."""
import pytest

from app import MAX_REQUEST_BYTES, create_app
from core.platform.config import ConfigError
from tests.conftest import make_config, running_app

REAL = {"backend": "africastalking", "callback_token": "a-long-random-token"}
AT = {"username": "bongpheak", "api_key": "k"}


@pytest.mark.parametrize("section, key, value", [
    ("app", "secret_key", "dev-only-not-secret"),  # the built-in default
    ("app", "secret_key", "change-me"),  # config.example.ini's
    ("app", "secret_key", ""),
    ("app", "secret_key", "   "),
    ("gateway", "callback_token", "dev-token"),
    ("gateway", "callback_token", "change-me"),
    ("gateway", "callback_token", ""),
])
def test_real_gateway_refuses_public_secrets(tmp_path, sqlite_url, section, key, value):
    sections = {"gateway": dict(REAL), "africastalking": AT, "app": {"secret_key": "a-long-random-secret"}}
    sections[section] = {**sections[section], key: value}
    with pytest.raises(ConfigError) as refused:
        create_app(make_config(tmp_path, sqlite_url, **sections))
    message = str(refused.value)
    assert f"[{section}] {key}" in message and "secrets.token_urlsafe" in message


def test_no_config_file_on_a_real_gateway_refuses_to_start(tmp_path, monkeypatch):
    """The probe's case: no config.ini, backend from the environment, every secret the public default."""
    from core.platform.config import load_config

    environ = {"BONGPHEAK_GATEWAY_BACKEND": "africastalking", "BONGPHEAK_AFRICASTALKING_API_KEY": "k"}
    with pytest.raises(ConfigError, match="secret_key"):
        create_app(load_config(path=str(tmp_path / "absent.ini"), environ=environ))


def test_real_gateway_starts_with_own_secrets(tmp_path, sqlite_url, redis):
    config = make_config(tmp_path, sqlite_url, gateway=REAL, africastalking=AT, app={"secret_key": "own-secret"})
    with running_app(config) as app:
        assert app.test_client().post("/ussd?token=dev-token").status_code == 403


def test_security_headers_on_every_page(client):
    for path in ("/admin/login", "/healthz", "/nowhere"):
        headers = client.get(path).headers
        csp = headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"


def test_no_inline_script_in_staff_pages(app, client):
    """The CSP forbids inline script: every script a staff page carries comes from a file this app serves."""
    import re

    from core.platform.models import Staff
    from core.platform.staff import hash_password
    from tests.admin.conftest import login

    Staff.create(email="admin@example.org", password_hash=hash_password("correct horse battery"), role="admin")
    login(client, "admin@example.org", "correct horse battery")
    for path in ("/admin/login", "/admin/", "/admin/simulator/", "/admin/jobs/", "/admin/password"):
        html = client.get(path).get_data(as_text=True)
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag, (path, tag)
        assert not re.search(r"<script\b[^>]*>\s*[^<\s]", html), path


def _cookie(response):
    return next(value for name, value in response.headers.items() if name == "Set-Cookie" and "session=" in value)


@pytest.mark.parametrize("setting, url, secure", [
    ("auto", "http://localhost/admin/login", False),  # the demo on plain localhost must still log in
    ("auto", "http://127.0.0.1:5000/admin/login", False),
    ("auto", "http://staff.example.org/admin/login", True),
    ("auto", "https://localhost/admin/login", True),
    ("on", "http://localhost/admin/login", True),
    ("off", "https://staff.example.org/admin/login", False),
])
def test_secure_cookies(tmp_path, sqlite_url, redis, setting, url, secure):
    with running_app(make_config(tmp_path, sqlite_url, app={"secure_cookies": setting})) as app:
        cookie = _cookie(app.test_client().get(url))
    assert ("; Secure" in cookie) is secure
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_bad_secure_cookies_setting_refuses_to_start(tmp_path, sqlite_url):
    with pytest.raises(ConfigError, match="secure_cookies"):
        create_app(make_config(tmp_path, sqlite_url, app={"secure_cookies": "maybe"}))


def _seen_address(app, headers, remote="10.0.0.1"):
    """The client address the app records, read from what a failed login counts."""
    from core.platform.models import LoginThrottle

    LoginThrottle.delete().execute()
    from tests.admin.conftest import login

    login(app.test_client(), "x@example.org", "wrong", headers=headers, environ_base={"REMOTE_ADDR": remote})
    return next(row.key for row in LoginThrottle.select() if row.key.startswith("address:")).removeprefix("address:")


def test_proxies_setting_reads_the_client_address(tmp_path, sqlite_url, redis):
    forwarded = {"X-Forwarded-For": "203.0.113.9, 198.51.100.7", "X-Forwarded-Proto": "https",
                 "Referer": "https://localhost/admin/login"}  # Flask-WTF checks it on HTTPS
    with running_app(make_config(tmp_path, sqlite_url)) as app:
        assert _seen_address(app, forwarded) == "10.0.0.1"  # no proxy trusted: a client cannot pick its address
    with running_app(make_config(tmp_path, sqlite_url, app={"proxies": "1"})) as app:
        assert _seen_address(app, forwarded) == "198.51.100.7"  # the address our one proxy saw
        response = app.test_client().get("/admin/login", headers=forwarded)
        assert "; Secure" in _cookie(response)  # the proxy terminated HTTPS


def test_request_size_is_capped_everywhere(client):
    """A large POST is refused before any endpoint reads it: login, the plain USSD handler, the SMS callbacks."""
    body = b"x" * (MAX_REQUEST_BYTES + 1)
    for path in ("/admin/login", "/ussd?token=test-token", "/sms/inbound?token=test-token", "/healthz"):
        response = client.post(path, data=body, content_type="application/x-www-form-urlencoded")
        assert response.status_code == 413, path


def test_request_without_declared_length_is_capped(app):
    """A chunked body has no Content-Length: Flask's own limit stops it while reading."""
    import io

    from werkzeug.test import EnvironBuilder

    body = io.BytesIO(b"email=" + b"x" * (MAX_REQUEST_BYTES + 1))
    builder = EnvironBuilder(path="/admin/login", method="POST", input_stream=body,
                             content_type="application/x-www-form-urlencoded")
    environ = builder.get_environ()
    environ.pop("CONTENT_LENGTH", None)
    environ["wsgi.input_terminated"] = True
    response = app.test_client().open(environ)
    assert response.status_code in (400, 413)


def test_without_a_configured_secret_a_random_one_is_made_and_kept_beside_the_database(tmp_path, redis):
    import os
    import stat

    from core.platform.config import SECRET_FILE

    url = f"sqlite:///{tmp_path}/data/bp.db"
    first = create_app(make_config(tmp_path, url, app={"secret_key": ""})).secret_key
    again = create_app(make_config(tmp_path, url, app={"secret_key": "dev-only-not-secret"})).secret_key
    elsewhere = create_app(make_config(tmp_path, f"sqlite:///{tmp_path}/other/bp.db",
                                       app={"secret_key": "change-me"})).secret_key
    assert first == again != elsewhere  # kept for the deployment; each deployment its own
    assert len(first) >= 32 and first not in ("dev-only-not-secret", "change-me", "")
    kept = tmp_path / "data" / SECRET_FILE
    assert kept.read_text().strip() == first and stat.S_IMODE(os.stat(kept).st_mode) == 0o600
    assert create_app(make_config(tmp_path, url, app={"secret_key": "own-secret"})).secret_key == "own-secret"


def test_a_cookie_signed_with_the_old_constant_opens_nothing(tmp_path, redis):
    """The probe: with no config file, the session was signed with "dev-only-not-secret"; a forged one opened
    /admin/staff/."""
    from flask import Flask
    from flask.sessions import SecureCookieSessionInterface

    from core.platform.staff import create_staff

    from core.platform.config import DEFAULTS

    config = make_config(tmp_path, f"sqlite:///{tmp_path}/bp.db")
    config["app"]["secret_key"] = DEFAULTS["app"]["secret_key"]  # as with no config file
    with running_app(config) as app:
        staff = create_staff("admin@example.org", "a long enough password 1", "admin")
        forger = Flask("forger")
        forger.secret_key = "dev-only-not-secret"
        client = app.test_client()
        # What Flask-Login's session protection checks (address and user agent): anyone can compute it.
        with app.test_request_context(environ_base=client.environ_base):
            from flask_login.utils import _create_identifier

            identifier = _create_identifier()
        cookie = SecureCookieSessionInterface().get_signing_serializer(forger).dumps(
            {"_user_id": f"{staff.id}:0", "_fresh": True, "_id": identifier})
        client.set_cookie("session", cookie, domain="localhost")
        response = client.get("/admin/staff/")
        assert response.status_code == 302 and "/admin/login" in response.headers["Location"]
