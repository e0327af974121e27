"""Login, logout and sessions: safe redirects, sessions that end, timing that does not tell accounts apart."""

import pytest

from admin.auth import safe_next
from core.platform.models import AuditEvent, Staff
from tests.admin.conftest import PASSWORD, csrf_token, login

BYPASSES = [
    "//evil.example", "//evil.example/admin/", "///evil.example", "/\\evil.example", "\\\\evil.example",
    "/\t/evil.example", "/\n/evil.example", "/\r\n/x", "/%09/evil.example", "/%0a/x", "/%0d%0aSet-Cookie:x=1",
    "/%2F/evil.example", "%2F%2Fevil.example", "/%5Cevil.example", "/%5c%5cevil.example",
    "javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "http://evil.example", "https:evil.example",
    "http:/evil.example", "data:text/html,x", "evil.example", "admin/", "\x00/x", "/\x7f/x",
    "/" + "a" * 3000,
]


@pytest.mark.parametrize("target", BYPASSES)
def test_next_refuses_other_sites(target):
    assert safe_next(target, "/admin/") == "/admin/"


@pytest.mark.parametrize("target", ["/admin/jobs/?status=pending", "/admin/employers/3/", "/admin/audit/?page=2#x"])
def test_next_keeps_paths_on_this_site(target):
    assert safe_next(target, "/admin/") == target


@pytest.mark.parametrize("query", ["/%09/evil.example", "/%0a/x", "%2F%2Fevil.example", "/%255C/evil.example",
                                   "javascript%3Aalert(1)", "//evil.example"])
def test_login_with_a_crafted_next_goes_home_never_500(client, accounts, query):
    data = {"email": accounts["viewer"], "password": PASSWORD, "csrf_token": csrf_token(client)}
    response = client.post(f"/admin/login?next={query}", data=data)
    assert response.status_code == 302 and response.location == "/admin/"


def test_login_follows_a_next_on_this_site(client, accounts):
    data = {"email": accounts["viewer"], "password": PASSWORD, "csrf_token": csrf_token(client)}
    response = client.post("/admin/login?next=/admin/jobs/%3Fstatus%3Dlive", data=data)
    assert response.location == "/admin/jobs/?status=live"


def _session_cookie(client):
    return client.get_cookie("session").value


def _stolen(app, cookie):
    """Another browser holding a copy of the session cookie."""
    thief = app.test_client()
    thief.set_cookie("session", cookie)
    return thief


def test_logout_ends_every_session_of_the_account(app, accounts):
    laptop, phone = app.test_client(), app.test_client()
    login(laptop, accounts["moderator"])
    login(phone, accounts["moderator"])
    stolen = _stolen(app, _session_cookie(laptop))
    assert stolen.get("/admin/").status_code == 200
    laptop.post("/admin/logout", data={"csrf_token": csrf_token(laptop, "/admin/")})
    for client in (laptop, stolen, phone):
        assert client.get("/admin/").status_code == 302
    assert login(app.test_client(), accounts["moderator"]).status_code == 302  # a new login works


def test_password_change_ends_other_sessions_and_keeps_this_one(app, accounts):
    client, other = app.test_client(), app.test_client()
    login(client, accounts["viewer"])
    login(other, accounts["viewer"])
    stolen = _stolen(app, _session_cookie(client))
    new = "a brand new password"
    response = client.post("/admin/password", data={
        "password": PASSWORD, "new_password": new, "confirm_password": new,
        "csrf_token": csrf_token(client, "/admin/password"),
    })
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert other.get("/admin/").status_code == 302 and stolen.get("/admin/").status_code == 302
    assert login(app.test_client(), accounts["viewer"]).status_code == 401
    assert login(app.test_client(), accounts["viewer"], password=new).status_code == 302


@pytest.mark.parametrize("form, error", [
    ({"password": "wrong one!", "new_password": "long enough 1", "confirm_password": "long enough 1"}, "current"),
    ({"password": PASSWORD, "new_password": "short", "confirm_password": "short"}, "at least 10"),
    ({"password": PASSWORD, "new_password": "long enough 1", "confirm_password": "long enough 2"}, "differ"),
])
def test_password_change_errors_are_messages(app, accounts, form, error):
    client = app.test_client()
    login(client, accounts["viewer"])
    response = client.post("/admin/password", data={**form, "csrf_token": csrf_token(client, "/admin/password")})
    assert response.status_code == 400 and error in response.get_data(as_text=True)
    assert client.get("/admin/").status_code == 200  # nothing changed, still logged in


def test_disabling_an_account_ends_its_sessions(app, login_as):
    moderator, _ = login_as("moderator")
    stolen = _stolen(app, _session_cookie(moderator))
    admin, token = login_as("admin")
    staff = Staff.get(Staff.email == "moderator@example.org")
    admin.post(f"/admin/staff/{staff.id}/update", data={"role": "moderator", "active": "", "csrf_token": token})
    assert moderator.get("/admin/").status_code == 302 and stolen.get("/admin/").status_code == 302
    # Enabled again, the old sessions stay ended: only a new login opens the screens.
    admin.post(f"/admin/staff/{staff.id}/update", data={"role": "moderator", "active": "1", "csrf_token": token})
    assert stolen.get("/admin/").status_code == 302
    assert AuditEvent.select().where(AuditEvent.action == "staff.update").count() == 2


def test_unknown_email_costs_the_same_argon2_check_as_a_known_one(app, accounts, monkeypatch):
    """An attacker timing the login cannot tell which emails have accounts: both run one argon2 check of a hash
    made with the same parameters. Counted, not timed: these machines are shared and noisy."""
    from argon2 import extract_parameters

    from core.platform import staff

    checked = []

    class Counting:
        def __init__(self, hasher):
            self.hasher = hasher

        def verify(self, hashed, password):
            checked.append(hashed)
            return self.hasher.verify(hashed, password)

        def __getattr__(self, name):
            return getattr(self.hasher, name)

    monkeypatch.setattr(staff, "_hasher", Counting(staff._hasher))
    for email, address in ((accounts["admin"], "10.1.0.2"), ("nobody@example.org", "10.1.0.3")):
        client = app.test_client()
        response = client.post("/admin/login", data={"email": email, "password": "not it at all",
                                                     "csrf_token": csrf_token(client)},
                               environ_base={"REMOTE_ADDR": address})
        assert response.status_code == 401
    known, unknown = checked
    assert known == Staff.get(Staff.email == accounts["admin"]).password_hash
    assert extract_parameters(unknown) == extract_parameters(known)


def test_newline_in_login_email_cannot_forge_a_log_line(client, accounts, caplog):
    from core.platform.logs import EscapingFormatter

    caplog.set_level("INFO", logger="admin.auth")
    login(client, "x@example.org\n2026-01-01 INFO admin.auth: staff login ok for admin@example.org", "wrong")
    record = next(r for r in caplog.records if r.name == "admin.auth")
    line = EscapingFormatter("%(levelname)s %(name)s: %(message)s").format(record)
    assert "\n" not in line and "\\n2026-01-01" in line
