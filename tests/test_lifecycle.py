"""core.lifecycle: every status change of a job, employer, application, SMS or call is one move of its type's table,
guarded, audited when someone made it, with what follows it run once the move is committed; the database refuses a
status no table names. On SQLite and PostgreSQL."""
import ast
import pathlib
import re

import pytest
from peewee import IntegrityError

from core.jobs import listings, moderation
from core.outbound import outbox
from core.platform import runtime
from core.seekers import applications
from core.lifecycle import APPLICATIONS, JOBS, LIFECYCLES, IllegalMove
from core.jobs.models import Application, Employer, Job
from core.outbound.models import Call, OutboundMessage
from core.platform.models import AuditEvent, db, utcnow
from core.seekers.models import Seeker
from tests.conftest import make_config, running_app

ROOT = pathlib.Path(__file__).resolve().parent.parent
MOVED = {"Job", "Employer", "Application", "OutboundMessage", "Call"}
SQL_SETS_A_STATUS = re.compile(r"(SET|,)\s*status\s*=\s*'", re.IGNORECASE)


@pytest.fixture
def app(tmp_path, database_url, redis):
    with running_app(make_config(tmp_path, database_url)) as app:
        yield app


@pytest.fixture
def employer(app):
    return Employer.create(msisdn="+85512600001", name="Kandal Garment", province=8, status="verified", language="en")


def pending_job(employer, ref="J2001", **fields):
    return Job.create(ref=ref, employer=employer, category=1, province=8, title="Sewing operators", wage_amount=250,
                      **fields)


def alerts_queued():
    """The ids of the jobs whose seekers' alerts are queued."""
    return [job.args[0] for job in runtime.current().queue.get_jobs() if job.func_name == "core.seekers.alerts.job_went_live"]


def status_writes(path):
    """Where a file sets the status of one of the five types other than by core.lifecycle's mover."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "update":
            receiver = node.func.value
            if isinstance(receiver, ast.Name) and receiver.id in MOVED and any(k.arg == "status" for k in node.keywords):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {receiver.id}.update(status=…)")
        elif isinstance(node, (ast.Assign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for element in target.elts if isinstance(target, ast.Tuple) else [target]:
                    if isinstance(element, ast.Attribute) and element.attr == "status":
                        found.append(f"{path.relative_to(ROOT)}:{node.lineno}: assigns .status")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL_SETS_A_STATUS.search(node.value):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}: SQL sets a status literal")
    return found


def test_every_status_change_goes_through_the_mover():
    # A migration changes rows as the schema changes, once: it is no move of a live row.
    sources = [path for path in ROOT.rglob("*.py")
               if not {".venv", "tests", "bench", "migrations"} & set(path.relative_to(ROOT).parts)
               and path != ROOT / "core" / "lifecycle.py"]
    assert [where for path in sources for where in status_writes(path)] == []


def test_each_table_names_the_statuses_the_database_allows_and_reaches_every_one():
    for lifecycle in LIFECYCLES:
        assert set(lifecycle.statuses) == {status for status, _ in lifecycle.model.status.choices}
        reached = set(lifecycle.initial) | {move.target for move in lifecycle.moves.values()}
        assert reached == set(lifecycle.statuses), lifecycle.name  # no status nothing can set
    assert set(APPLICATIONS.statuses) == {"applied", "hired"}  # shortlisted, rejected, withdrawn were never set


def test_the_database_refuses_a_status_no_table_names(employer):
    job = pending_job(employer)
    seeker, _ = Seeker.get_or_create_by_msisdn("+85597000001")
    rows = [employer, job, Application.create(job=job, seeker=seeker),
            OutboundMessage.create(msisdn="+85597000001", text="Hi"), Call.create(msisdn="+85597000001")]
    for row in rows:
        with pytest.raises(IntegrityError), db.atomic():
            type(row).update(status="shortlisted").where(type(row).id == row.id).execute()


def test_an_illegal_move_raises_a_named_error_and_changes_nothing(employer):
    job = pending_job(employer)
    with pytest.raises(IllegalMove, match="Job J2001 is pending; it cannot become hidden"):
        JOBS.move(job, "hide", "staff@example.org")
    stale = Job.get_by_id(job.id)
    moderation.approve_job(job, "staff@example.org")
    # A second staff member's page still shows it pending: the guarded UPDATE refuses, the row in hand catches up.
    with pytest.raises(IllegalMove, match="is live by now; it cannot become live"):
        JOBS.move(stale, "publish", "other@example.org")
    assert stale.status == "live"
    assert [e.action for e in AuditEvent.select().order_by(AuditEvent.id)] == ["job.approve"]


def test_hiring_twice_is_one_move(employer):
    job = pending_job(employer, status="live")
    seeker, _ = Seeker.get_or_create_by_msisdn("+85597000002")
    Application.create(job=job, seeker=seeker)
    assert applications.record_hire(job, seeker.msisdn, "employer:1").status == "hired"
    application = Application.get()
    with pytest.raises(IllegalMove):
        APPLICATIONS.move(application, "hire", "staff@example.org")
    assert AuditEvent.select().where(AuditEvent.action == "application.hire").count() == 1


def test_every_way_a_job_goes_live_alerts_once(employer):
    posted = listings.post(employer, 1, 8, 250, "USD", "month", 5, "Sewing operators")  # the system publishes it
    waiting = Employer.create(msisdn="+85512600002", name="New Co", province=8)
    first, second = pending_job(waiting, "J2002"), pending_job(waiting, "J2003")
    moderation.verify_employer(waiting, "staff@example.org", "Licence checked")  # staff publish its clean jobs
    hidden = pending_job(employer, "J2004", status="hidden")
    moderation.approve_job(hidden, "staff@example.org")
    assert sorted(alerts_queued()) == sorted([posted.id, first.id, second.id, hidden.id])
    assert AuditEvent.get(AuditEvent.action == "job.publish").actor == f"employer:{employer.id}"


def test_nothing_follows_a_move_whose_transaction_rolled_back(employer):
    job = pending_job(employer)
    version = runtime.current().live_jobs.version()
    with pytest.raises(RuntimeError), outbox.recording():
        moderation.approve_job(job, "staff@example.org")
        raise RuntimeError("the staff member's request failed after the move")
    assert Job.get_by_id(job.id).status == "pending"
    assert alerts_queued() == [] and runtime.current().live_jobs.version() == version
    assert not OutboundMessage.select().exists()
    moderation.approve_job(Job.get_by_id(job.id), "staff@example.org")
    assert alerts_queued() == [job.id] and runtime.current().live_jobs.version() != version


def test_seekers_reports_hide_a_job_by_the_system_move(employer):
    from core.jobs import reports

    job = pending_job(employer, status="live", published_at=utcnow())
    threshold = runtime.current().config.get_int("safety", "reports_to_hide")
    for n in range(threshold):
        seeker, _ = Seeker.get_or_create_by_msisdn(f"+8559700003{n}")
        reports.report(Job.get_by_id(job.id), seeker)
    event = AuditEvent.get(AuditEvent.action == "job.hide")
    assert (event.actor, event.before["status"], event.after["status"]) == ("system", "live", "hidden")
    assert Job.get_by_id(job.id).reject_reason == f"reported by {threshold} seekers"
