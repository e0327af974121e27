"""Public site fixtures: the app with CSRF checked as in production, and live jobs from verified employers."""
import datetime
import secrets

import pytest

from core.jobs import livejobs
from core.platform import runtime
from core.jobs.models import Employer, Job
from core.platform.models import utcnow
from core.reference.models import Category
from tests.conftest import make_config


@pytest.fixture
def config(tmp_path, database_url):
    """Every site test runs on SQLite and on PostgreSQL."""
    return make_config(tmp_path, database_url)


@pytest.fixture
def app(app):
    """The shared app with a share form that may be posted at once (people take seconds)."""
    runtime.current().config["site"]["form_min_seconds"] = "0"
    runtime.current().config["alerts"]["quiet_hours"] = "00:00-00:00"  # quiet hours have tests of their own
    # A fresh live-jobs version: the per-process snapshot must not be another test's jobs.
    runtime.current().redis.set(livejobs.version_key(), secrets.randbelow(10**12))
    return app


def live_job(ref, title="Sewing operators", category=1, province=8, employer=None, **fields):
    """A live job of a verified employer (made once per name)."""
    if employer is None:
        employer, _ = Employer.get_or_create(
            msisdn="+85512600101",
            defaults=dict(name="Kandal Garment Co.", province=8, status="verified", verified_at=utcnow()),
        )
    values = dict(wage_amount=250, positions=20, status="live", details="8h/day, lunch provided",
                  published_at=utcnow() - datetime.timedelta(hours=1))
    values.update(fields)
    job = Job.create(ref=ref, employer=employer, category=Category.get_by_id(category), province=province,
                     title=title, **values)
    livejobs.bump_version()
    return job


@pytest.fixture
def jobs(app):
    """Three live jobs in two trades and provinces, one closed, one of an unverified employer."""
    pending = Employer.create(msisdn="+85512600102", name="Not Yet Checked Ltd", province=12)
    made = {
        "garment": live_job("J5001"),
        "builder": live_job("J5002", "Concrete workers", category=2, province=12, wage_amount=40000,
                            wage_currency="KHR", wage_period="day", positions=10, details=""),
        "guard": live_job("J5003", "Night guard", category=4, province=12, wage_amount=220),
        "closed": live_job("J5004", "Old job", status="closed", closed_at=utcnow()),
        "unverified": live_job("J5005", "Unchecked job", employer=pending),
    }
    return made
