"""Versioned migrations (migrations/, core.platform.db.upgrade_schema) on SQLite and PostgreSQL: a database the previous
release made upgrades with its rows; fresh or upgraded, a database ends with the schema the models declare, so a
model changed without a migration fails here; processes that start at once take turns."""
import contextlib
import os
import pathlib
import re
import signal
import subprocess
import time
import uuid
from urllib.parse import urlparse, urlunparse

import psycopg2
import pytest
from peewee import IntegrityError, SqliteDatabase

from core.platform.db import init_db, make_database, upgrade_schema
from core.jobs.models import Application, Employer, Job
from core.platform.models import db
from core.schema import MODELS
from core.seekers.models import Seeker
from tests.conftest import POSTGRES_URL, REDIS_URL

ROOT = pathlib.Path(__file__).resolve().parents[1]
MIGRATIONS = sorted(path.stem for path in (ROOT / "migrations").glob("[0-9]*.py"))
PREVIOUS_RELEASE = "488d351"  # the last release before migrations: its schema is tests/data/schema_488d351_*.sql
REFERENCE_TABLES = {"province", "province_border", "category"}  # rewritten from core.reference on every upgrade


@contextlib.contextmanager
def throwaway_postgres():
    """One more throw-away PostgreSQL database, beside the one the postgres_url fixture makes."""
    name = "bp_" + uuid.uuid4().hex[:12]
    admin = psycopg2.connect(POSTGRES_URL)
    admin.autocommit = True
    admin.cursor().execute(f"CREATE DATABASE {name}")
    try:
        yield urlunparse(urlparse(POSTGRES_URL)._replace(path="/" + name))
    finally:
        admin.cursor().execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.close()


@pytest.fixture
def declared(database_url, tmp_path):
    """The schema the models declare, as peewee creates it on an empty database of the same kind."""
    with contextlib.ExitStack() as stack:
        url = (f"sqlite:///{tmp_path}/declared.db" if database_url.startswith("sqlite")
               else stack.enter_context(throwaway_postgres()))
        database = make_database(url)
        with database.connection_context(), database.bind_ctx(MODELS):
            database.create_tables(MODELS)
            schema = schema_of(database)
        if hasattr(database, "close_all"):
            database.close_all()
    return schema


@pytest.fixture
def database(database_url):
    database = init_db(database_url)
    yield database
    if not db.is_closed():
        db.close()


def test_a_fresh_database_gets_the_schema_the_models_declare(database, declared):
    assert upgrade_schema() == MIGRATIONS
    with database.connection_context():
        assert schema_of(database) == declared
        assert [name for (name,) in database.execute_sql("SELECT name FROM schema_migration ORDER BY id")] == MIGRATIONS
    assert upgrade_schema() == []


def test_a_database_the_previous_release_made_upgrades_with_its_rows(database, declared):
    dialect = "sqlite" if isinstance(database, SqliteDatabase) else "postgresql"
    with database.connection_context():
        lines = (ROOT / f"tests/data/schema_{PREVIOUS_RELEASE}_{dialect}.sql").read_text().splitlines()
        for statement in lines:
            if not statement.startswith("--"):
                database.execute_sql(statement.rstrip(";"))
        people = insert_rows_as_the_previous_release_did(database)
        before = rows_of(database)

    assert upgrade_schema() == MIGRATIONS

    with database.connection_context():
        assert rows_of(database, columns_of=before) == before
        assert schema_of(database) == declared
    job = Job.by_ref("J1001")
    assert (job.title, job.employer.name, job.is_open) == ("Sewing operator", "Old Release Co", True)
    assert Seeker.get_by_id(people["seeker"]).referral_code == "480001"
    # The upgraded database takes new rows where the old ones left off.
    newcomer, created = Seeker.get_or_create_by_msisdn("+85597000302")
    assert created and newcomer.id > people["seeker"]
    assert Application.create(job=job.id, seeker=newcomer).id > people["application"]
    assert Employer.select().count() == 1


# A migration as the lead would write one: Job's statuses enforced by the database. The table as it then stands is
# frozen here, with stand-ins for the tables its keys point at.
JOB_STATUS_CHECK = '''"""Job statuses enforced by the database."""
from peewee import Check, CharField, DateTimeField, ForeignKeyField, IntegerField, Model, TextField
from playhouse.migrate import SqliteMigrator

from core.platform.db import rebuild_sqlite_table

STATUS = "status IN ('pending', 'live', 'closed', 'rejected', 'hidden')"


class Frozen(Model):
    class Meta:
        legacy_table_names = False


class Employer(Frozen):
    pass


class Category(Frozen):
    number = IntegerField(primary_key=True)


class Province(Frozen):
    code = IntegerField(primary_key=True)


class Job(Frozen):
    ref = CharField(unique=True)
    employer = ForeignKeyField(Employer)
    category = ForeignKeyField(Category)
    province = ForeignKeyField(Province)
    title = CharField(max_length=160)
    details = TextField()
    wage_amount = IntegerField(null=True)
    wage_currency = CharField()
    wage_period = CharField()
    positions = IntegerField()
    status = CharField(constraints=[Check(STATUS)])
    flags = TextField()
    source = CharField()
    reject_reason = TextField(null=True)
    report_count = IntegerField()
    created_at = DateTimeField()
    published_at = DateTimeField(null=True)
    closed_at = DateTimeField(null=True)

    class Meta:
        indexes = ((("status", "category", "province", "published_at"), False),)


def up(migrator, db):
    if isinstance(migrator, SqliteMigrator):
        rebuild_sqlite_table(db, Job)
    else:
        migrator.migrate(migrator.add_constraint("job", "job_status_check", Check(STATUS)))
'''


def test_a_migration_that_adds_a_check_keeps_the_rows_and_what_points_at_them(database, tmp_path, monkeypatch):
    """On SQLite the table is rebuilt: its indexes come back, and the rows of tables whose keys point at it (with
    ON DELETE CASCADE) are still there."""
    migrations = tmp_path / "migrations"
    migrations.mkdir()
    (migrations / "0001_initial.py").write_text((ROOT / "migrations/0001_initial.py").read_text())
    monkeypatch.setattr("core.platform.db.MIGRATIONS", str(migrations))
    upgrade_schema()
    with database.connection_context():
        people = insert_rows_as_the_previous_release_did(database, reference=False)
        before, job_before = rows_of(database), table_schema(database, "job")
        pointing_before = table_schema(database, "application")
    (migrations / "0002_job_status_check.py").write_text(JOB_STATUS_CHECK)

    assert upgrade_schema() == ["0002_job_status_check"]

    with database.connection_context():
        assert rows_of(database, columns_of=before) == before
        job_after = table_schema(database, "job")
        assert (job_after["columns"], job_after["indexes"]) == (job_before["columns"], job_before["indexes"])
        added = job_after["constraints"] - job_before["constraints"]
        assert job_before["constraints"] <= job_after["constraints"] and len(added) == 1 and "CHECK" in str(added)
        assert table_schema(database, "application") == pointing_before  # its key still names job, not a copy
        with pytest.raises(IntegrityError), database.atomic():
            database.execute_sql(f"UPDATE job SET status = 'open' WHERE id = {database.param}", (people["job"],))
    assert Application.get_by_id(people["application"]).job_id == people["job"]


def test_processes_that_start_at_once_migrate_once(database_url, tmp_path):
    """Three `flask db upgrade` at once, all told to wait first (PostgreSQL: for a history table another transaction
    is creating; SQLite: at the same moment): each migration is applied once and every process ends well."""
    env = deployment_env(tmp_path, database_url)
    command = [str(ROOT / ".venv/bin/flask"), "--app", "app", "db", "upgrade"]
    blocker = observer = None
    if not database_url.startswith("sqlite"):
        blocker = psycopg2.connect(database_url)  # in a transaction until rolled back
        blocker.cursor().execute("CREATE TABLE schema_migration (id SERIAL PRIMARY KEY)")
        observer = psycopg2.connect(database_url)
        observer.autocommit = True  # a transaction would see the sessions of its first read only
    processes = [subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                  text=True) for _ in range(3)]
    try:
        if blocker is not None:
            assert wait_for(lambda: waiting_sessions(observer) == 3, 120), "the three processes never all waited"
            blocker.rollback()
        outputs = [process.communicate(timeout=120)[0] for process in processes]
    finally:
        for process in processes:
            process.kill()
        for connection in (blocker, observer):
            if connection is not None:
                connection.close()
    assert [process.returncode for process in processes] == [0, 0, 0], outputs
    applied = [line for output in outputs for line in output.splitlines() if line.startswith("Applied ")]
    assert sorted(applied) == [f"Applied {name}." for name in MIGRATIONS]
    assert applied_in(database_url) == MIGRATIONS


def test_the_worker_migrates_before_it_works(sqlite_url, tmp_path, redis):
    worker = subprocess.Popen([str(ROOT / ".venv/bin/flask"), "--app", "app", "worker"], cwd=ROOT,
                              env=deployment_env(tmp_path, sqlite_url), stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        assert wait_for(lambda: applied_in(sqlite_url) == MIGRATIONS, 120)
    finally:
        worker.terminate()
        try:
            worker.wait(90)
        except subprocess.TimeoutExpired:
            # A pool that does not stop must not live on and take the next tests' jobs from the shared queue.
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(10)
            raise


def deployment_env(tmp_path, database_url):
    """The environment of a process of a deployment on this database (and the tests' Redis)."""
    config = tmp_path / "config.ini"
    config.write_text(f"[database]\nurl = {database_url}\n[redis]\nurl = {REDIS_URL}\n[app]\nsecret_key = test-secret\n"
                      "[gateway]\nbackend = console\ncallback_token = test-token\n")
    return dict(os.environ, BONGPHEAK_CONFIG=str(config))


def applied_in(database_url):
    """The migrations the database at this URL records as applied, in order ([] before it has the table)."""
    database = make_database(database_url)
    try:
        with database.connection_context():
            if "schema_migration" not in database.get_tables():
                return []
            return [name for (name,) in database.execute_sql("SELECT name FROM schema_migration ORDER BY id")]
    finally:
        if hasattr(database, "close_all"):
            database.close_all()


def waiting_sessions(connection):
    """How many sessions on this connection's database wait for a lock."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                       " AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()")
        return cursor.fetchone()[0]


def wait_for(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def insert(database, table, returning_id=True, **row):
    """Insert a row in raw SQL (what the previous release's tables accept, whatever the models now say); its id."""
    columns = ", ".join(f'"{column}"' for column in row)
    marks = ", ".join([database.param] * len(row))
    returning = ' RETURNING "id"' if returning_id else ""
    cursor = database.execute_sql(f'INSERT INTO "{table}" ({columns}) VALUES ({marks}){returning}', tuple(row.values()))
    return cursor.fetchone()[0] if returning_id else None


def insert_rows_as_the_previous_release_did(database, reference=True):
    """A deployment's people and their traces, in the previous release's tables: every NOT NULL column given (and
    the province and trade they name, unless the reference data is loaded)."""
    at = "2026-11-30 08:15:00"
    if reference:
        insert(database, "province", returning_id=False, code=12, keyword="PHNOMPENH", name_en="Phnom Penh",
               name_km_latn="Phnom Penh", name_km="ភ្នំពេញ")
        insert(database, "category", returning_id=False, number=1, code="GARMENT", name_en="Garment",
               name_km_latn="Kat der", name_km="កាត់ដេរ", wage_min=150, wage_max=400)
    employer = insert(database, "employer", msisdn="+85512000301", name="Old Release Co", province_id=12,
                      language="km-Latn", status="verified", verified_by="staff@example.org", verified_at=at,
                      created_at=at)
    seeker = insert(database, "seeker", msisdn="+85597000301", language="km", home_province_id=12, reach="near",
                    alerts_on=True, referral_code="480001", alerts_today=1, alerts_day="2026-11-30", created_at=at)
    insert(database, "seeker_trade", returning_id=False, seeker_id=seeker, category_id=1)
    job = insert(database, "job", ref="J1001", employer_id=employer, category_id=1, province_id=12,
                 title="Sewing operator", details="Day shift", wage_amount=240, wage_currency="USD",
                 wage_period="month", positions=3, status="live", flags="[]", source="sms", report_count=0,
                 created_at=at, published_at=at)
    application = insert(database, "application", job_id=job, seeker_id=seeker, channel="ussd", status="applied",
                         experienced=True, created_at=at)
    insert(database, "outbound_message", msisdn="+85597000301", text="J1001 Sewing operator", kind="alert",
           status="delivered", attempts=1, job_id=job, created_at=at, updated_at=at, sent_at=at)
    insert(database, "sponsored_slot", kind="job", job_id=job, categories="[1]", provinces="[12]",
           starts_on="2026-11-30", ends_on="2026-12-06", price_cents=500, currency="USD", impressions=40,
           detail_views=7, web_impressions=3, web_views=1, applications=1, created_at=at)
    insert(database, "call", direction="outbound", kind="callback", msisdn="+85597000301", status="completed",
           keys="1", attempts=1, created_at=at, updated_at=at)
    insert(database, "staff", email="staff@example.org", password_hash="$argon2id$old", role="admin", active=True,
           created_at=at, session_version=2)
    insert(database, "audit_event", actor="staff@example.org", action="employer.verify", target_type="Employer",
           target_id=str(employer), after='{"status": "verified"}', created_at=at)
    return {"employer": employer, "seeker": seeker, "job": job, "application": application}


def rows_of(database, columns_of=None):
    """Every row of every table but the reference data, by the columns it had (those of `columns_of`, if given)."""
    tables = columns_of or {table: None for table in database.get_tables()
                            if table not in REFERENCE_TABLES and table != "schema_migration"}
    rows = {}
    for table in tables:
        columns = list(columns_of[table]["columns"]) if columns_of else [c.name for c in database.get_columns(table)]
        listed = ", ".join(f'"{column}"' for column in columns)
        found = database.execute_sql(f'SELECT {listed} FROM "{table}" ORDER BY 1').fetchall()
        rows[table] = {"columns": columns, "rows": [tuple(row) for row in found]}
    return rows


def schema_of(database):
    """Each table's columns, indexes and constraints as the database reports them (the history table aside)."""
    return {table: table_schema(database, table) for table in database.get_tables() if table != "schema_migration"}


def table_schema(database, table):
    indexes = {index.name: (tuple(index.columns), index.unique) for index in database.get_indexes(table)}
    if isinstance(database, SqliteDatabase):
        columns = {name: (kind.upper(), bool(notnull), default, pk)
                   for _, name, kind, notnull, default, pk in database.execute_sql(f'PRAGMA table_info("{table}")')}
        keys = {("FOREIGN KEY", row[3], row[2], row[4], row[6])
                for row in database.execute_sql(f'PRAGMA foreign_key_list("{table}")')}
        (create,) = database.execute_sql("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
                                         (table,)).fetchone()
        constraints = keys | {("CHECK", check) for check in checks_in(create)}
    else:
        found = database.execute_sql(
            "SELECT column_name, data_type, character_maximum_length, is_nullable, column_default"
            " FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = %s", (table,))
        columns = {name: (kind, length, nullable, default) for name, kind, length, nullable, default in found}
        constraints = set(database.execute_sql(
            "SELECT contype, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = %s::regclass",
            (f'"{table}"',)))
    return {"columns": columns, "indexes": indexes, "constraints": constraints}


def checks_in(create_table):
    """The CHECK (…) clauses of an SQLite CREATE TABLE, column or table ones, each with its balanced parentheses."""
    found = []
    for match in re.finditer(r"\bCHECK\s*\(", create_table, re.IGNORECASE):
        depth = 0
        for end in range(match.end() - 1, len(create_table)):
            depth += {"(": 1, ")": -1}.get(create_table[end], 0)
            if depth == 0:
                found.append(create_table[match.end() - 1:end + 1])
                break
    return found
