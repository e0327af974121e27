"""Who may do what: the route × role matrix built from app.url_map, CSRF, lockout, the session at login."""
import pytest
from flask import url_for

from admin.display import contact_key
from core.platform.demo import seed_demo
from tests.admin.conftest import PASSWORD, csrf_token, login

UNSAFE = ("POST", "PUT", "PATCH", "DELETE")
ADMIN_ONLY = ("slot.create", "slot.edit", "staff.create", "staff.update")
MODERATOR_PAGES = ("simulator.", "voicesim.")  # dialing creates sessions and applications: not a viewer's tool
MODERATOR_FORMS = ("job.edit",)  # a form that exists only to change something
ADMIN_PAGES = ("staff.",)
PUBLIC = ("auth.login", "auth.static", "admin.static")
ARGUMENTS = {"action": "approve", "export_type": "csv"}


def admin_routes(app):
    """[(endpoint, url, methods)] for every rule under /admin that needs a login, with ids of demo rows."""
    routes = []
    with app.test_request_context():
        arguments = dict(ARGUMENTS, key=contact_key("+85597700000"))  # a contact page's key, as pages link it
        for rule in app.url_map.iter_rules():
            if not rule.rule.startswith("/admin") or rule.endpoint in PUBLIC:
                continue
            values = {name: arguments.get(name, 1) for name in rule.arguments}
            routes.append((rule.endpoint, url_for(rule.endpoint, **values), rule.methods - {"HEAD", "OPTIONS"}))
    assert len(routes) > 40, "the matrix should cover every staff screen"
    return routes


@pytest.fixture
def demo(app, tmp_path):
    seed_demo(password_file=str(tmp_path / "demo-login.txt"))


def test_every_admin_page_needs_login(app, client, demo):
    for endpoint, url, methods in admin_routes(app):
        for method in methods:
            data = {"csrf_token": csrf_token(client)} if method in UNSAFE else None
            response = client.open(url, method=method, data=data)
            assert response.status_code == 302, (method, url, response.status_code)
            assert response.location.startswith("/admin/login"), (method, url)


@pytest.mark.parametrize("role", ["viewer", "moderator", "admin"])
def test_unsafe_requests_without_csrf_token_are_refused(app, login_as, demo, role):
    client, _token = login_as(role)
    for endpoint, url, methods in admin_routes(app):
        for method in methods & set(UNSAFE):
            response = client.open(url, method=method, data={"note": "x", "reason": "x"})
            assert response.status_code == 400, (role, method, url)


def test_unsafe_request_without_token_refused_even_logged_out(client):
    assert client.post("/admin/logout").status_code == 400
    assert client.post("/admin/login", data={"email": "a@b.c", "password": "x"}).status_code == 400


def test_every_write_as_viewer_is_forbidden(app, login_as, demo):
    client, token = login_as("viewer")
    for endpoint, url, methods in admin_routes(app):
        if endpoint in ("auth.logout", "auth.password"):  # every role may end its sessions and change its password
            continue
        for method in methods & set(UNSAFE):
            response = client.open(url, method=method, data={"csrf_token": token, "note": "x", "reason": "x"})
            assert response.status_code == 403, (method, url, response.status_code)


def test_pages_by_role(app, login_as, demo):
    """Viewers read every list and dashboard; the simulator needs a moderator; staff accounts need an admin."""
    clients = {role: login_as(role)[0] for role in ("viewer", "moderator", "admin")}
    for endpoint, url, methods in admin_routes(app):
        if "GET" not in methods:
            continue
        for role, client in clients.items():
            status = client.get(url).status_code
            if endpoint.startswith(ADMIN_PAGES) and role != "admin":
                assert status == 403, (role, url)
            elif (endpoint.startswith(MODERATOR_PAGES) or endpoint in MODERATOR_FORMS) and role == "viewer":
                assert status == 403, (role, url)
            elif endpoint in ("slot.create", "slot.edit") and role != "admin":
                assert status == 403, (role, url)
            elif endpoint.endswith(".ajax_lookup"):
                assert status == 404, (role, url)  # Flask-Admin's lookup with no field named: nothing to find
            else:
                # Flask-Admin's own create/edit/details pages are switched off and redirect to the list.
                assert status in (200, 302), (role, url, status)


def test_admin_only_writes(app, login_as, demo):
    client, token = login_as("moderator")
    for endpoint, url, methods in admin_routes(app):
        if endpoint in ADMIN_ONLY:
            assert client.post(url, data={"csrf_token": token}).status_code == 403, url


def test_gateway_callbacks_need_no_csrf_token(app, client):
    """AT cannot send a CSRF token: the gateway callbacks Flask serves are exempt (they check ?token= instead)."""
    rules = [rule for rule in app.url_map.iter_rules()
             if rule.endpoint.partition(".")[0] in ("sms", "voice") and "POST" in rule.methods and not rule.arguments]
    assert rules
    for rule in rules:
        response = client.post(rule.rule + "?token=test-token", data={})
        assert response.status_code != 400 or b"CSRF" not in response.data, rule.rule


def test_login_logout(app, client, accounts):
    response = login(client, accounts["viewer"])
    assert response.status_code == 302 and response.location == "/admin/"
    assert client.get("/admin/").status_code == 200
    client.post("/admin/logout", data={"csrf_token": csrf_token(client, "/admin/")})
    assert client.get("/admin/").status_code == 302


def test_wrong_password(client, accounts):
    response = login(client, accounts["admin"], password="not the password")
    assert response.status_code == 401
    assert b"Wrong email or password" in response.data
    assert client.get("/admin/").status_code == 302


def test_session_changes_at_login(client, accounts):
    """A token (and anything else) from before the login is worthless after it: no session fixation."""
    before = csrf_token(client)
    login(client, accounts["viewer"])
    assert client.post("/admin/logout", data={"csrf_token": before}).status_code == 400


def test_next_only_goes_to_this_site(client, accounts):
    token = csrf_token(client)
    data = {"email": accounts["viewer"], "password": PASSWORD, "csrf_token": token}
    response = client.post("/admin/login?next=//evil.example/x", data=data)
    assert response.location == "/admin/"


def test_lockout_after_five_failures_for_an_account(client, accounts):
    for _ in range(5):
        assert login(client, accounts["admin"], password="wrong password").status_code == 401
    response = login(client, accounts["admin"])  # the right password, too late
    assert response.status_code == 429
    assert b"Too many failed logins" in response.data
    assert client.get("/admin/").status_code == 302


def test_one_persons_typos_do_not_lock_the_office(app, accounts):
    """Staff behind one address: the account that failed is locked, the others log in."""
    office = {"REMOTE_ADDR": "10.0.0.9"}
    client = app.test_client()
    for _ in range(5):
        login(client, accounts["moderator"], password="typo typo", environ_base=office)
    assert login(client, accounts["moderator"], environ_base=office).status_code == 429
    assert login(app.test_client(), accounts["viewer"], environ_base=office).status_code == 302


def test_lockout_per_address_across_accounts(app, accounts):
    """One address trying many accounts hits the higher per-address limit."""
    from admin.auth import MAX_ADDRESS_FAILURES

    client = app.test_client()
    for number in range(MAX_ADDRESS_FAILURES):
        login(client, f"nobody{number}@example.org", password="guess", environ_base={"REMOTE_ADDR": "10.0.0.9"})
    response = login(client, accounts["viewer"], environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert response.status_code == 429
    other = app.test_client()
    assert login(other, accounts["viewer"], environ_base={"REMOTE_ADDR": "10.0.0.10"}).status_code == 302


def test_lockout_expires(app, client, accounts):
    import datetime

    from core.platform.models import LoginThrottle, utcnow

    for _ in range(5):
        login(client, accounts["moderator"], password="wrong password")
    assert login(client, accounts["moderator"]).status_code == 429
    # What 15 minutes do: the window started that long ago.
    long_ago = utcnow() - datetime.timedelta(minutes=15, seconds=1)
    LoginThrottle.update(window_start=long_ago).execute()
    assert login(client, accounts["moderator"]).status_code == 302


def test_inactive_staff_cannot_log_in_and_is_logged_out(app, login_as):
    from core.platform.models import Staff

    client, _ = login_as("moderator")
    Staff.update(active=False).where(Staff.email == "moderator@example.org").execute()
    assert client.get("/admin/").status_code == 302
    assert login(app.test_client(), "moderator@example.org").status_code == 401
