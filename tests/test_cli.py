"""The flask commands: init-db, seed-demo, create-staff, worker --burst."""
from core import outbox
from core.models import OutboundMessage, Province, Staff, db
from core.staff import check_password


def test_init_db_is_idempotent(runner):
    assert "Database ready" in runner.invoke(args=["init-db"]).output
    assert "Database ready" in runner.invoke(args=["init-db"]).output
    assert Province.select().count() == 25


def test_seed_demo_prints_the_admin_login(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    first = runner.invoke(args=["seed-demo"]).output
    assert "Admin login: admin@bongpheak.example / " in first
    assert runner.invoke(args=["seed-demo"]).output == first
    password = first.strip().rsplit(" ", 1)[-1]
    assert check_password(Staff.get(Staff.email == "admin@bongpheak.example"), password)


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
