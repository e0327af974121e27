"""Schema creation and upgrade on SQLite and PostgreSQL, reference data, the demo seed."""
from peewee import IntegrityError
from peewee import SqliteDatabase
from playhouse.migrate import PostgresqlMigrator, SqliteMigrator, migrate
import pytest

from core.platform.db import init_db, upgrade_schema
from core.platform.demo import seed_demo
from core.jobs.models import Application, Employer, Job, SponsoredSlot
from core.outbound.models import OutboundMessage
from core.platform.models import db, Staff
from core.reference.models import Category, Province, ProvinceBorder
from core.schema import MODELS
from core.seekers.models import Seeker
from tests.conftest import make_config, running_app


@pytest.fixture
def database(database_url):
    database = init_db(database_url)
    yield database
    if not db.is_closed():
        db.close()


def test_schema_is_created_and_rerun_keeps_data(database):
    upgrade_schema()
    employer = Employer.create(msisdn="+85512000001", name="Test Co")
    upgrade_schema()
    assert Employer.get_by_id(employer.id).name == "Test Co"
    assert all(model.table_exists() for model in MODELS)


def test_upgrade_adds_a_column_a_release_before_migrations_lacked_without_losing_rows(database):
    upgrade_schema()
    Employer.create(msisdn="+85512000002", name="Old Row Co")
    migrator = (SqliteMigrator if database_is_sqlite(database) else PostgresqlMigrator)(database)
    migrate(migrator.drop_column("employer", "suspension_reason"))
    forget_migrations(database)
    upgrade_schema()
    columns = {column.name for column in database.get_columns("employer")}
    assert "suspension_reason" in columns
    assert Employer.get(Employer.msisdn == "+85512000002").name == "Old Row Co"


def test_upgrade_adds_a_missing_indexed_column_and_its_index(database):
    upgrade_schema()
    migrator = (SqliteMigrator if database_is_sqlite(database) else PostgresqlMigrator)(database)
    # A schema from before USSD steps named their number: neither the column nor its index.
    migrate(migrator.drop_index("ussd_step", "ussd_step_msisdn"), migrator.drop_column("ussd_step", "msisdn"))
    forget_migrations(database)
    upgrade_schema()
    assert "msisdn" in {column.name for column in database.get_columns("ussd_step")}
    indexes = {index.name: index.columns for index in database.get_indexes("ussd_step")}
    assert indexes["ussd_step_msisdn"] == ["msisdn"]


def test_upgrade_drops_an_index_nothing_reads_and_keeps_the_rows(database):
    upgrade_schema()
    message = OutboundMessage.create(msisdn="+85597000009", text="hello")
    # Schemas before the claim column was dropped from the model indexed it: every outbox write paid for it.
    database.execute_sql('ALTER TABLE outbound_message ADD COLUMN claim VARCHAR(255)')
    database.execute_sql('CREATE INDEX outbound_message_claim ON outbound_message (claim)')
    forget_migrations(database)
    upgrade_schema()
    assert "outbound_message_claim" not in {index.name for index in database.get_indexes("outbound_message")}
    assert OutboundMessage.get_by_id(message.id).text == "hello"


def test_reference_data_loaded_once(database):
    upgrade_schema()
    upgrade_schema()
    assert Province.select().count() == 25
    assert {p.code for p in Province.select()} == set(range(1, 26))
    for province in Province.select():
        assert province.name_en and province.name_km_latn and province.name_km
    pairs = set(ProvinceBorder.select(ProvinceBorder.province, ProvinceBorder.neighbour).tuples())
    assert pairs and all((b, a) in pairs for a, b in pairs)
    assert {code for (code,) in Province.get_by_id(12).borders.select(ProvinceBorder.neighbour).tuples()} == {8}
    codes = {c.code for c in Category.select()}
    assert {"GARMENT", "CONSTRUCTION", "HOSPITALITY", "SECURITY"} <= codes and len(codes) >= 10


def test_application_is_unique_per_job_and_seeker(database):
    upgrade_schema()
    employer = Employer.create(msisdn="+85512000003", name="Co", status="verified")
    job = Job.create(ref="J5555", employer=employer, category=1, province=8, title="Sewing")
    seeker, _ = Seeker.get_or_create_by_msisdn("+85597000001")
    Application.create(job=job, seeker=seeker)
    with pytest.raises(IntegrityError), db.atomic():
        Application.create(job=job, seeker=seeker)


def test_demo_seed_is_idempotent(database_url, tmp_path, redis):
    with running_app(make_config(tmp_path, database_url)):  # seeding tells the app's live jobs to reload
        first = seed_demo(password_file=str(tmp_path / "login.txt"))
        counts = [model.select().count() for model in (Employer, Job, Seeker, SponsoredSlot, Staff, Application)]
        second = seed_demo(password_file=str(tmp_path / "login.txt"))
    assert first == second
    assert counts == [model.select().count() for model in (Employer, Job, Seeker, SponsoredSlot, Staff, Application)]
    assert Job.live().count() >= 38
    assert Job.select().where(Job.status == "pending", Job.flags != "[]").count() >= 2
    assert len({job.category_id for job in Job.live()}) >= 8
    assert len({job.province_id for job in Job.live()}) >= 10
    assert OutboundMessage.select().count() == 0


def database_is_sqlite(database):
    return isinstance(database, SqliteDatabase)


def forget_migrations(database):
    """The database as a release before migrations left it: its tables, no record of what made them."""
    database.execute_sql("DROP TABLE schema_migration")
