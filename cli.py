"""Flask CLI commands: db upgrade, seed-demo, create-staff, worker, and staff decisions for scripts."""
import getpass

import click
from flask.cli import AppGroup, with_appcontext

import worker
from core.jobs import moderation
from core.platform import runtime
from core.platform.db import upgrade_schema
from core.platform.demo import login_file, seed_demo
from core.jobs.models import Employer, Job
from core.text.phone import normalise_msisdn
from core.platform.staff import create_staff


def init_app(app):
    """Register the commands on the app."""
    for command in (
        db_group,
        seed_demo_command,
        create_staff_command,
        worker_command,
        verify_employer_command,
        approve_job_command,
        reject_job_command,
    ):
        app.cli.add_command(command)


db_group = AppGroup("db", help="The database schema: versioned migrations (migrations/).")


@db_group.command("upgrade")
def db_upgrade_command():
    """Apply the migrations this database lacks, each in its own transaction, and load reference data (safe to
    re-run, and to run from several processes at once)."""
    for name in upgrade_schema():
        click.echo(f"Applied {name}.")
    click.echo("Database up to date.")


@click.command("seed-demo")
@with_appcontext
def seed_demo_command():
    """Load demo employers, jobs, seekers, a sponsored slot and an admin login (idempotent). No voice recordings:
    the demo speaks through the configured text-to-speech voices, and a tone is no word anybody understands."""
    config = runtime.current().config
    if config.real_gateway():
        # Demo jobs go live and alert demo seekers: on a real gateway those made-up numbers are someone's phone.
        raise click.ClickException(
            f"seed-demo refuses to run with [gateway] backend = {config['gateway']['backend']}: its made-up numbers "
            "would get real SMS. Use backend = console for a demo."
        )
    email, password = seed_demo(password_file=login_file(config["database"]["url"]))
    click.echo(f"Demo data ready. Admin login: {email} / {password}")


@click.command("create-staff")
@click.argument("email")
@click.option("--role", type=click.Choice(["admin", "moderator", "viewer"]), default="viewer", show_default=True)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
def create_staff_command(email, role, password):
    """Create a staff account for the admin web app."""
    try:
        staff = create_staff(email, password, role)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Created {staff.role} {staff.email}.")


@click.command("worker")
@click.option("--burst", is_flag=True, help="Work until the queue is empty, then stop (no periodic jobs).")
@click.option("--processes", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes taking jobs from the queue (one of them also enqueues the periodic jobs).")
@with_appcontext
def worker_command(burst, processes):
    """Run rq workers and the periodic jobs (sweeper, retries, counters) under a supervisor that restarts them."""
    if burst:
        worker.work_burst(processes)
        return
    worker.Supervisor(processes).start()


@click.command("verify-employer")
@click.argument("msisdn")
@click.option("--note", required=True, help="What was checked: licence, visit, phone call…")
def verify_employer_command(msisdn, note):
    """Verify the employer with this phone number (their SMS listings then go live after screening)."""
    employer = Employer.get_or_none(Employer.msisdn == (normalise_msisdn(msisdn) or msisdn))
    if employer is None:
        raise click.ClickException(f"No employer with number {msisdn}.")
    _staff_decision(moderation.verify_employer, employer, note)
    click.echo(f"Verified {employer.name}.")


@click.command("approve-job")
@click.argument("ref")
def approve_job_command(ref):
    """Publish a job waiting for review; matching seekers are alerted."""
    job = _job(ref)
    _staff_decision(moderation.approve_job, job)
    click.echo(f"Job {job.ref} is live.")


@click.command("reject-job")
@click.argument("ref")
@click.option("--reason", required=True, help="The reason the employer will read.")
def reject_job_command(ref, reason):
    """Refuse a job; the employer is told why by SMS."""
    job = _job(ref)
    _staff_decision(moderation.reject_job, job, reason)
    click.echo(f"Job {job.ref} rejected.")


def _job(ref):
    job = Job.by_ref(ref)
    if job is None:
        raise click.ClickException(f"No job {ref}.")
    return job


def _staff_decision(decide, target, *args):
    """Run a moderation decision as "cli:<os user>", turning refusals into a clean error."""
    try:
        decide(target, f"cli:{getpass.getuser()}", *args)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
