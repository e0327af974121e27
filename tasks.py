"""The index of background jobs: every function rq runs, what it does and who enqueues it.

A job is an ordinary function that takes ids (rq stores its dotted path and arguments in Redis). Whoever enqueues
one references the function itself, and tests/test_tasks.py fails when code enqueues a function missing here. The
index sits beside worker.py, not in core/: two periodic jobs belong to the SMS channel, and core imports no channel.
"""
from core.outbound import calls, outbox
from core.platform import runtime
from core.seekers import alerts
from core.platform.db import checkpoint
from core.contacts.models import UssdStep
from core.platform.models import Tally
from core.jobs.slots import flush_slot_counters
from sms.delivery import settle_early_reports
from sms.handlers import recover_unprocessed


def sweep_everything():
    """Enqueue every queued row that is due: Redis may have lost every wake-up it held."""
    return outbox.sweep(everything=True)


def periodic_jobs(config):
    """{function: every seconds}: what worker.Scheduler enqueues (through run_periodic) when its time comes.

    Each is safe to run again or concurrently.
    """
    return {
        outbox.release_due: 1,  # retries and held alerts go out when their time comes
        settle_early_reports: 5,  # delivery reports that came before their message's gateway id was saved
        calls.enqueue_due: 5,  # call-backs and shared calls when their time comes
        outbox.sweep: config.get_int("outbox", "sweep_every"),  # wake-ups Redis lost
        recover_unprocessed: 60,  # inbound SMS stored by a web process that died
        alerts.catch_up: 60,  # jobs that went live while Redis was down, or whose alerting died
        flush_slot_counters: 60,  # sponsored slots' view counts, from Redis to the database
        UssdStep.prune: 3600,  # recorded USSD steps older than a replay can need
        Tally.prune: 3600,  # counters whose window has passed (the inbound SMS limit)
        checkpoint: 5,  # SQLite: the WAL is copied back here, not inside a request's commit
    }


def run_periodic(function):
    """Run one of the scheduler's jobs (periodic_jobs, or sweep_everything when Redis came back).

    Its pending mark goes first, so the scheduler may enqueue it again once this one has started.
    """
    if function is not sweep_everything and function not in periodic_jobs(runtime.current().config):
        raise ValueError(f"{name(function)} is not one of the scheduler's jobs")
    runtime.current().redis.delete(pending_key(function))
    return function()


def name(function):
    """A job's dotted path, as rq records it: "core.outbound.outbox.sweep"."""
    return f"{function.__module__}.{function.__qualname__}"


def pending_key(function):
    """Set while one run of a scheduler's job waits in the queue."""
    return runtime.key("periodic", name(function))


# {function rq runs: "what it does; who enqueues it"}
INDEX = {
    alerts.job_went_live: "alert the seekers a job that just went live matches; core.lifecycle's job mover, after "
                          "any move to live (a job posted live, approved or put back live, an employer verified)",
    outbox.send_messages: "send one batch of up to 100 outbox rows, identical texts in one gateway call; "
                          "core.outbound.outbox (every reply and alert once committed, retries, the sweeper), core.seekers.alerts",
    calls.place_call: "place one due voice call; core.outbound.calls (a call-back or a shared call, and enqueue_due)",
    run_periodic: "run one scheduled job (below); worker.Scheduler",
    sweep_everything: "enqueue every queued row that is due; run_periodic, when Redis came back or empty",
    outbox.release_due: "send retries and held alerts whose time came; run_periodic",
    settle_early_reports: "apply delivery reports kept until their gateway id was saved; run_periodic",
    calls.enqueue_due: "enqueue the calls whose time came; run_periodic",
    outbox.sweep: "enqueue again rows whose wake-up was lost, settle SMS and calls a dead worker left claimed as "
                  "unknown; run_periodic",
    recover_unprocessed: "process inbound SMS a dead web process stored but never handled; run_periodic",
    alerts.catch_up: "alert for jobs that went live in the last day but alerted nobody; run_periodic",
    flush_slot_counters: "write sponsored slots' view counts from Redis to the database; run_periodic",
    UssdStep.prune: "delete recorded USSD steps too old to be replayed; run_periodic",
    Tally.prune: "delete counters whose window has passed; run_periodic",
    checkpoint: "SQLite: copy the WAL back into the database; run_periodic",
}
