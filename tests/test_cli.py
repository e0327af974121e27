"""The flask commands: db upgrade, seed-demo, create-staff, worker --burst [--processes N]."""
import time

from app import create_app
from core.outbound import outbox
from core.platform import runtime
from core.platform.demo import login_file
from core.jobs.models import Employer
from core.outbound.models import OutboundMessage
from core.platform.models import AuditEvent, db, Staff
from core.reference.models import Province
from core.platform.staff import check_password
from tests.conftest import POSTGRES_URL


def test_db_upgrade_applies_what_is_pending_once(tmp_path, database_url, redis):
    from tests.conftest import make_config

    app = create_app(make_config(tmp_path, database_url))
    first = app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert first.exit_code == 0, first.output
    assert "Applied 0001_initial." in first.output and first.output.endswith("Database up to date.\n")
    again = app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert again.exit_code == 0 and again.output == "Database up to date.\n"
    with db.connection_context():
        assert Province.select().count() == 25
    db.close()


def test_seed_demo_prints_the_admin_login(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    first = runner.invoke(args=["seed-demo"]).output
    assert "Admin login: admin@bongpheak.example / " in first
    assert runner.invoke(args=["seed-demo"]).output == first
    password = first.strip().rsplit(" ", 1)[-1]
    assert check_password(Staff.get(Staff.email == "admin@bongpheak.example"), password)
    # Each verified demo employer is in the audit log, as one staff verified would be; seeding again adds none.
    verified = Employer.select().where(Employer.status == "verified").count()
    assert verified and AuditEvent.select().where(AuditEvent.action == "employer.verify").count() == verified


def test_the_demo_login_belongs_to_its_database():
    assert login_file("sqlite:///var/bongpheak.db") == "var/bongpheak.db.demo-login.txt"
    assert login_file("sqlite:////tmp/x/test.db") == "/tmp/x/test.db.demo-login.txt"
    assert login_file("postgresql://postgres@127.0.0.1:5432/test") == "var/demo-login-127.0.0.1-5432-test.txt"


def test_seed_demo_refuses_a_real_gateway(tmp_path, sqlite_url, redis, monkeypatch):
    """Made-up demo numbers must never get real SMS."""
    from core.jobs.models import Employer
    from core.seekers.models import Seeker
    from tests.conftest import make_config, running_app

    monkeypatch.chdir(tmp_path)
    config = make_config(tmp_path, sqlite_url, gateway={"backend": "africastalking"},
                         africastalking={"username": "bongpheak", "api_key": "k"})
    with running_app(config) as app:
        result = app.test_cli_runner().invoke(args=["seed-demo"])
        assert result.exit_code != 0 and "refuses to run with [gateway] backend = africastalking" in result.output
        assert Employer.select().count() == 0 and Seeker.select().count() == 0
        assert OutboundMessage.select().count() == 0


def test_create_staff(runner):
    result = runner.invoke(args=["create-staff", "Mod@Example.org", "--role", "moderator", "--password", "long enough pw"])
    assert result.exit_code == 0, result.output
    staff = Staff.get(Staff.email == "mod@example.org")
    assert staff.role == "moderator" and staff.password_hash.startswith("$argon2id$")
    again = runner.invoke(args=["create-staff", "mod@example.org", "--password", "long enough pw"])
    assert again.exit_code != 0 and "already has an account" in again.output
    short = runner.invoke(args=["create-staff", "x@example.org", "--password", "short"])
    assert short.exit_code != 0 and "at least 10" in short.output


def test_worker_burst_sends_the_outbox(runner):
    with db.atomic():
        message = outbox.add("+85597000001", "Hello")
    outbox.dispatch([message])
    assert runner.invoke(args=["worker", "--burst"]).exit_code == 0
    assert OutboundMessage.get_by_id(message.id).status == "sent"


def test_worker_processes_share_the_queue_and_send_each_row_once(runner):
    with db.atomic():
        messages = [outbox.add(f"+8559700{i:04d}", f"Hello {i % 3}") for i in range(250)]
    outbox.dispatch(messages)
    result = runner.invoke(args=["worker", "--burst", "--processes", "2"])
    assert result.exit_code == 0, result.output
    rows = OutboundMessage.select(OutboundMessage.status, OutboundMessage.attempts).tuples()
    assert sorted(set(rows)) == [("sent", 1)] and len(rows) == 250


def test_worker_goes_on_after_a_failed_job(runner):
    runtime.current().queue.enqueue(outbox.send_messages, None)  # fails: the worker drops its connection
    with db.atomic():
        message = outbox.add("+85597000002", "Still sent")
    outbox.dispatch([message])
    assert runner.invoke(args=["worker", "--burst"]).exit_code == 0
    assert OutboundMessage.get_by_id(message.id).status == "sent"
    assert len(runtime.current().queue.failed_job_registry) == 1


def test_worker_still_stops_a_job_that_runs_too_long(runner):
    runtime.current().queue.enqueue(time.sleep, 3, job_timeout=1)
    with db.atomic():
        message = outbox.add("+85597000003", "After the slow one")
    outbox.dispatch([message])
    assert runner.invoke(args=["worker", "--burst"]).exit_code == 0
    [job_id] = runtime.current().queue.failed_job_registry.get_job_ids()
    assert "JobTimeoutException" in runtime.current().queue.fetch_job(job_id).latest_result().exc_string
    assert OutboundMessage.get_by_id(message.id).status == "sent"


def test_worker_still_obeys_rq_suspend(runner):
    """The worker reads the suspend flag once a second instead of before every job, but it still reads it."""
    from rq.suspension import resume, suspend

    with db.atomic():
        message = outbox.add("+85597000004", "Held while suspended")
    outbox.dispatch([message])
    suspend(runtime.current().redis)
    try:
        assert runner.invoke(args=["worker", "--burst"]).exit_code == 0
        assert OutboundMessage.get_by_id(message.id).status == "queued"
    finally:
        resume(runtime.current().redis)
    assert runner.invoke(args=["worker", "--burst"]).exit_code == 0
    assert OutboundMessage.get_by_id(message.id).status == "sent"


def record_success(job, connection, result, *args, **kwargs):
    connection.set("test:callback", f"{job.id} {result}")


def test_worker_runs_success_callbacks(runner):
    """Skipping rq's extra heartbeat for jobs without callbacks must not skip the callbacks of jobs that have one."""
    from rq import Callback

    job = runtime.current().queue.enqueue(len, "four", on_success=Callback(record_success))
    assert runner.invoke(args=["worker", "--burst"]).exit_code == 0
    assert runtime.current().redis.get("test:callback") == f"{job.id} 4".encode()


def end_own_database_session():
    """A job whose database session the server ends under it, as a PostgreSQL restart would."""
    from peewee import OperationalError

    try:
        with db.connection_context():
            db.execute_sql("SELECT pg_terminate_backend(pg_backend_pid())")
    except OperationalError as error:
        raise RuntimeError("the server ended this job's session") from error


def _queued_after(job, msisdn, text):
    """Queue `job`, then an SMS to send after it (committed and woken); the test's connection closed for the worker."""
    runtime.current().queue.enqueue(job)
    with db.atomic():
        message = outbox.add(msisdn, text)
    outbox.dispatch([message])
    db.close()
    return message


def test_after_a_job_loses_its_database_session_the_next_job_gets_a_fresh_one(tmp_path, postgres_url, redis):
    from tests.conftest import make_config, running_app

    with running_app(make_config(tmp_path, postgres_url)) as app:
        message = _queued_after(end_own_database_session, "+85597000005", "After the lost session")
        assert app.test_cli_runner().invoke(args=["worker", "--burst"]).exit_code == 0
        assert len(runtime.current().queue.failed_job_registry) == 1
        assert OutboundMessage.get_by_id(message.id).status == "sent"


def allow_connections(allowed):
    """Let sessions connect to the test's database, or not (as when it is down), from another database."""
    import psycopg2

    admin = psycopg2.connect(POSTGRES_URL)
    admin.autocommit = True
    admin.cursor().execute(f'ALTER DATABASE "{db.obj.database}" ALLOW_CONNECTIONS {str(allowed).lower()}')
    admin.close()


def shut_the_database():
    """A job after which nobody may connect to the database, its own session ended too: the database is away."""
    allow_connections(False)
    end_own_database_session()


def test_a_worker_that_cannot_reconnect_stops_taking_jobs_until_the_database_is_back(tmp_path, postgres_url, redis):
    """Its supervisor starts it again with backoff; jobs wait in the queue instead of failing one by one."""
    from tests.conftest import make_config, running_app

    with running_app(make_config(tmp_path, postgres_url)) as app:
        message = _queued_after(shut_the_database, "+85597000006", "Once the database is back")
        assert app.test_cli_runner().invoke(args=["worker", "--burst"]).exit_code == 0
        assert len(runtime.current().queue.failed_job_registry) == 1 and len(runtime.current().queue) == 1
        allow_connections(True)
        assert app.test_cli_runner().invoke(args=["worker", "--burst"]).exit_code == 0
        assert OutboundMessage.get_by_id(message.id).status == "sent"
