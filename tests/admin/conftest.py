"""Admin fixtures: CSRF switched on, one account per role, a logged-in client per role."""
import re

import pytest

from core.models import ROLES
from core.staff import create_staff

PASSWORD = "correct horse battery"
TOKEN_PATTERNS = (
    re.compile(r'<meta name="csrf-token" content="([^"]+)"'),
    re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"'),
)


@pytest.fixture
def app(app):
    """The shared app with CSRF checked, as in production (Flask-WTF would otherwise follow TESTING)."""
    app.config["WTF_CSRF_ENABLED"] = True
    return app


@pytest.fixture
def accounts(app):
    """{role: email} with one account per role."""
    for role in ROLES:
        create_staff(f"{role}@example.org", PASSWORD, role)
    return {role: f"{role}@example.org" for role in ROLES}


def csrf_token(client, path="/admin/login"):
    """The CSRF token a page renders for this client's session."""
    html = client.get(path).get_data(as_text=True)
    for pattern in TOKEN_PATTERNS:
        match = pattern.search(html)
        if match:
            return match.group(1)
    raise AssertionError(f"no CSRF token on {path}")


def login(client, email, password=PASSWORD, **kwargs):
    """Post the login form the way a browser would."""
    return client.post(
        "/admin/login",
        data={"email": email, "password": password, "csrf_token": csrf_token(client)},
        **kwargs,
    )


@pytest.fixture
def login_as(app, accounts):
    """login_as(role) -> (client logged in with that role, a CSRF token for its session)."""

    def make(role):
        client = app.test_client()
        response = login(client, accounts[role])
        assert response.status_code == 302, response.get_data(as_text=True)
        return client, csrf_token(client, "/admin/")

    return make
