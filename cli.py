"""Flask CLI commands: init-db, seed-demo, create-staff, worker, and staff decisions for scripts."""
import getpass
import multiprocessing
import signal
import time

import click
from flask import current_app
from flask.cli import with_appcontext
from rq import SimpleWorker
from rq.utils import now as rq_now
from rq.worker_pool import WorkerPool

from core import moderation, outbox, runtime
from core.db import upgrade_schema
from core.demo import seed_demo
from core.models import Employer, Job, db
from core.phone import normalise_msisdn
from core.staff import create_staff


def init_app(app):
    """Register the commands on the app."""
    for command in (
        init_db_command,
        seed_demo_command,
        create_staff_command,
        worker_command,
        verify_employer_command,
        approve_job_command,
        reject_job_command,
    ):
        app.cli.add_command(command)


@click.command("init-db")
def init_db_command():
    """Create or upgrade the schema and load reference data (safe to re-run; never drops data)."""
    upgrade_schema()
    click.echo("Database ready.")


@click.command("seed-demo")
def seed_demo_command():
    """Load demo employers, jobs, seekers, a sponsored slot, placeholder voice prompts and an admin login (idempotent)."""
    from core.prompts import install_placeholders
    from voice.speech import all_prompt_ids

    email, password = seed_demo()
    install_placeholders(all_prompt_ids())
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
@click.option("--burst", is_flag=True, help="Work until the queue is empty, then stop.")
@click.option("--processes", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes taking jobs from the queue.")
@with_appcontext
def worker_command(burst, processes):
    """Run rq workers (with rq's scheduler for delayed jobs) and the periodic outbox sweeper."""
    config = current_app.config["BONGPHEAK"]
    sweeper = None
    if not burst:
        sweeper = multiprocessing.Process(target=_run_sweeper, args=(config,), daemon=True)
        sweeper.start()
    try:
        run_workers(processes, burst=burst)
    finally:
        if sweeper is not None:
            sweeper.terminate()


class OutboxWorker(SimpleWorker):
    """An rq worker that runs jobs in its own process, no fork per job, and keeps one database connection open.

    rq's default Worker forks a child per job; our jobs (a batch of 100 SMS) take a few milliseconds, less than the
    fork and the fresh database connection (on SQLite, closing the last connection also checkpoints the WAL).
    Job timeouts still apply: rq arms SIGALRM around each job in this process. A job that kills the interpreter
    takes the worker with it; the pool of `--processes` (or the service manager) starts another.
    """

    # rq writes the worker's heartbeat three times and its state twice per job, one round trip each; for jobs of a
    # few milliseconds that is a fifth of the work. The worker's key lives for worker_ttl (420 s): once a second is
    # plenty. Heartbeats that carry a job's timeout, or go in a pipeline, are always written.
    HEARTBEAT_EVERY = 1.0
    _heartbeat_at = float("-inf")
    # rq reads the `rq suspend` flag before every job, one more round trip each: once a second is as good for an
    # operator, who waits longer than that for a job in hand to finish anyway.
    SUSPENSION_CHECK_EVERY = 1.0
    _suspension_checked_at = float("-inf")

    def heartbeat(self, timeout=None, pipeline=None):
        if timeout is None and pipeline is None and time.monotonic() - self._heartbeat_at < self.HEARTBEAT_EVERY:
            return
        self._heartbeat_at = time.monotonic()
        super().heartbeat(timeout, pipeline)

    def set_state(self, state, pipeline=None):
        if pipeline is None and state == self._state:
            return  # already recorded: idle after a job is still idle when the next dequeue begins
        super().set_state(state, pipeline)

    def check_for_suspension(self, burst):
        if time.monotonic() - self._suspension_checked_at < self.SUSPENSION_CHECK_EVERY:
            return
        self._suspension_checked_at = time.monotonic()
        super().check_for_suspension(burst)

    def handle_execution_ended(self, job, queue, heartbeat_ttl):
        # rq stamps a job's heartbeat once more to cover its success or failure callback; ours have none, and the
        # job leaves the started registry a moment later.
        if job._success_callback_name or job._failure_callback_name:
            return super().handle_execution_ended(job, queue, heartbeat_ttl)
        job.ended_at = rq_now()

    def perform_job(self, job, queue):
        if db.is_closed():
            # Held open across jobs: a job's own db.connection_context() nests in this one and leaves it open.
            db.connection_context().__enter__()
        succeeded = super().perform_job(job, queue)
        if not succeeded and not db.in_transaction():
            db.close()  # the failure may have been a broken connection: the next job opens a fresh one
        return succeeded

    def work(self, *args, **kwargs):
        try:
            return super().work(*args, **kwargs)
        finally:
            if not db.in_transaction():
                db.close()


def run_workers(processes, burst=False):
    """Work the queue with `processes` OutboxWorkers: in this process for one, else in rq's WorkerPool."""
    queue = runtime.Runtime.queue
    if processes == 1:
        OutboxWorker([queue], connection=runtime.Runtime.redis).work(with_scheduler=True, burst=burst)
        return
    if not db.is_closed():
        db.close()  # each forked worker opens its own; a connection must not cross a fork
    # The pool forks its workers once and starts a new one when one dies (unless bursting).
    WorkerPool([queue], connection=runtime.Runtime.redis, num_workers=processes,
               worker_class=OutboxWorker).start(burst=burst, logging_level="INFO")


def _run_sweeper(config):
    """Child process: enqueue the outbox sweep every [outbox] sweep_every seconds."""
    from rq.cron import CronScheduler

    from core.slots import flush_slot_counters
    from core import alerts
    from core.applications import record_queued_applications
    from sms.handlers import recover_unprocessed

    signal.signal(signal.SIGINT, signal.SIG_DFL)
    scheduler = CronScheduler(connection=runtime.Runtime.redis)
    scheduler.register(outbox.sweep, runtime.QUEUE_NAME, interval=config.get_int("outbox", "sweep_every"))
    scheduler.register(flush_slot_counters, runtime.QUEUE_NAME, interval=60)
    # Web processes ask for this as soon as they queue an application; this catches one that died before asking.
    scheduler.register(record_queued_applications, runtime.QUEUE_NAME, interval=60)
    scheduler.register(recover_unprocessed, runtime.QUEUE_NAME, interval=60)
    scheduler.register(alerts.catch_up, runtime.QUEUE_NAME, interval=60)
    scheduler.start()


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
