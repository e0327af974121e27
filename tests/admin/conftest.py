"""Admin fixtures: CSRF switched on, one account per role, a logged-in client per role."""
import functools
import re
import secrets

import pytest

from core.jobs import livejobs
from core.platform import runtime
from core.platform.models import ROLES, Staff
from core.platform.staff import hash_password

PASSWORD = "correct horse battery"
TOKEN_PATTERNS = (
    re.compile(r'<meta name="csrf-token" content="([^"]+)"'),
    re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"'),
)


@pytest.fixture
def app(app):
    """The shared app, with a fresh live-jobs version."""
    # The live-jobs cache is per process and outlives one test's database; Redis is flushed between tests, so the
    # version would restart at the same numbers and match a snapshot of another test's jobs. Start from a fresh one.
    runtime.current().redis.set(livejobs.version_key(), secrets.randbelow(10**12))
    return app


@functools.cache
def password_hash():
    """One real argon2id hash for every test account: hashing is slow on purpose, and the tests need it once."""
    return hash_password(PASSWORD)


@pytest.fixture
def accounts(app):
    """{role: email} with one account per role."""
    for role in ROLES:
        Staff.create(email=f"{role}@example.org", password_hash=password_hash(), role=role)
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
