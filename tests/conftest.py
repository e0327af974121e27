"""Shared fixtures: an app on a fresh database and a real Redis, a runner for queued jobs."""
import contextlib
import os
import uuid
from urllib.parse import urlparse, urlunparse

import psycopg2
import pytest
from redis import Redis
from rq import SimpleWorker

from app import create_app
from core.platform import runtime
from core.platform.config import load_config
from core.platform.db import upgrade_schema
from core.platform.models import db
from tests import ussd_store

# Each concurrent test run may take its own Redis database number (./test picks one).
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
POSTGRES_URL = os.environ.get("TEST_DATABASE_URL", "")


def make_config(tmp_path, database_url, **sections):
    """A Config from defaults and the given sections only: a developer's config.ini never leaks in."""
    overrides = {
        "database": {"url": database_url},
        "redis": {"url": REDIS_URL},
        "app": {"secret_key": "test-secret", "public_url": "http://localhost"},
        "gateway": {"backend": "console", "callback_token": "test-token"},
        "outbox": {"wakeup_batch_ms": "0"},  # a test runs the queue right after: nothing may wait in a thread
    }
    for section, values in sections.items():
        overrides.setdefault(section, {}).update(values)
    return load_config(path=str(tmp_path / "absent.ini"), overrides=overrides)


@pytest.fixture
def sqlite_url(tmp_path):
    return f"sqlite:///{tmp_path}/test.db"


@pytest.fixture
def postgres_url():
    """A throw-away PostgreSQL database, so concurrent runs never share tables."""
    if not POSTGRES_URL:
        pytest.skip("TEST_DATABASE_URL is not set: PostgreSQL tests skipped")
    name = "bp_" + uuid.uuid4().hex[:12]
    admin = psycopg2.connect(POSTGRES_URL)
    admin.autocommit = True
    admin.cursor().execute(f"CREATE DATABASE {name}")
    yield urlunparse(urlparse(POSTGRES_URL)._replace(path="/" + name))
    if not db.is_closed():
        db.close()
    if hasattr(db.obj, "close_all"):
        db.obj.close_all()
    admin.cursor().execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    admin.close()


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request):
    """Each test using this runs once on SQLite and once on PostgreSQL."""
    return request.getfixturevalue(f"{request.param}_url")


@pytest.fixture
def redis():
    connection = Redis.from_url(REDIS_URL)
    connection.flushdb()
    yield connection
    connection.flushdb()


@pytest.fixture
def config(tmp_path, sqlite_url):
    return make_config(tmp_path, sqlite_url)


@contextlib.contextmanager
def running_app(config):
    """An app on `config` with its schema and reference data; its database connection closed afterwards."""
    app = create_app(config)
    app.config["TESTING"] = True
    upgrade_schema()
    with runtime.bound(runtime.services_of(app)):  # what the test calls directly works on this app's services
        yield app
    ussd_store.close(app)
    if not db.is_closed():
        db.close()


@pytest.fixture
def app(config, redis):
    """The app on a fresh, migrated database with reference data."""
    with running_app(config) as app:
        yield app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def work(app):
    """Run every queued job (and due scheduled ones) in this process, like `flask worker --burst`."""

    def run():
        ussd_store.flush()  # what the USSD endpoint queued in the background, queued now
        worker = SimpleWorker([runtime.current().queue], connection=runtime.current().redis)
        worker.work(burst=True)
        return worker

    return run
