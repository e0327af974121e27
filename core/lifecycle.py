"""Every status a job, employer, application, outbound SMS or call can have, and every move between them: one table
per type, one mover per table (h11's way: transitions read as a table, an illegal move raises a named error).

A move is one guarded `UPDATE … WHERE status IN (its sources)`, so two processes racing for the same row move it
once; a move made by someone (staff, an employer, the system's decisions) writes its audit row in the same
transaction; what a move sets going (the live jobs' cache, seekers' alerts) runs once the transaction commits. The
worker's bookkeeping of sends and calls moves rows in bulk (`move_where`) without an audit row: the row is the record.
Rows are created in a table's `initial` statuses (the demo seeds some further on); the database refuses any status the
table does not name (a CHECK on the model's status column, which must name the same statuses).
"""
import functools
from typing import NamedTuple

from core.jobs import livejobs
from core.outbound import outbox
from core.platform import runtime
from core.seekers import alerts
from core.jobs.models import Application, Employer, Job
from core.outbound.models import Call, OutboundMessage
from core.platform.models import AuditEvent


class IllegalMove(ValueError):
    """A status change that the type's move table does not allow."""


class Move(NamedTuple):
    """From which statuses a move starts, and the status it ends in."""

    sources: tuple
    target: str


class Lifecycle:
    """A model's move table and its mover."""

    def __init__(self, model, name, initial, moves, audited=("status",), describe=None, after=None):
        self.model, self.name, self.initial, self.audited = model, name, tuple(initial), tuple(audited)
        self.moves = {move: Move(*spec) for move, spec in moves.items()}
        self.describe = describe or (lambda row: f"{name.capitalize()} {row.get_id()}")
        self.after = after  # after(row_id, move) runs once the move is committed
        allowed = {status for status, _label in model.status.choices}
        if set(self.statuses) != allowed:  # the table and the database's CHECK must name the same statuses
            raise ValueError(f"{name}: the moves name {sorted(self.statuses)}, the database allows {sorted(allowed)}")

    @property
    def statuses(self):
        """Every status of the type: its initial ones and every move's ends, in the order the table names them."""
        found = list(self.initial)
        for move in self.moves.values():
            for status in (*move.sources, move.target):
                if status not in found:
                    found.append(status)
        return tuple(found)

    def sources(self, name):
        """The statuses move `name` starts from."""
        return self.moves[name].sources

    def target(self, name):
        """The status move `name` ends in."""
        return self.moves[name].target

    def check(self, row, name):
        """IllegalMove unless move `name` may start from the row's status."""
        move = self.moves[name]
        if row.status not in move.sources:
            raise IllegalMove(f"{self.describe(row)} is {row.status}; it cannot become {move.target}.")

    def move(self, row, name, actor=None, **fields):
        """Move one row by `name`, setting `fields` with the status: audited when an actor is named; IllegalMove when
        its status (in hand, or in the database by now) is not one the move starts from. Returns the row."""
        self.check(row, name)
        before = AuditEvent.snapshot(row, self.audited) if actor else None
        with outbox.recording():
            if not self.try_move(row, name, **fields):  # another process moved it first
                row.status = self.model.get_by_id(row.id).status
                raise IllegalMove(f"{self.describe(row)} is {row.status} by now; it cannot become {self.target(name)}.")
            if actor:
                AuditEvent.record(actor, f"{self.name}.{name}", row, before, AuditEvent.snapshot(row, self.audited))
            if self.after is not None:
                outbox.when_committed(functools.partial(self.after, row.id, name))
        return row

    def try_move(self, row, name, **fields):
        """Move one row by `name` if its status in the database allows it, without an audit row (the worker's
        bookkeeping, where a concurrent callback may have moved it first); returns whether it moved, and brings the
        row in hand along when it did."""
        if not self.move_where(name, self.model.id == row.id, **fields):
            return False
        row.status = self.moves[name].target
        for field, value in fields.items():
            setattr(row, field, value)
        return True

    def move_where(self, name, where, **fields):
        """Move every row matching `where` whose status the move starts from (the worker's bookkeeping: no audit row,
        no after-commit work); returns how many moved."""
        move = self.moves[name]
        return (
            self.model.update(status=move.target, **fields)
            .where(where & self.model.status.in_(move.sources))
            .execute()
        )

    def sql(self, name):
        """(target, sources) of move `name` as SQL literals, for the statements written out by hand."""
        move = self.moves[name]
        return f"'{move.target}'", ", ".join(f"'{status}'" for status in move.sources)


def _job_moved(job_id, move):
    """What follows a job's move: every channel's live jobs change; a job that went live alerts matching seekers."""
    livejobs.bump_version()
    if JOBS.target(move) == "live":
        # The alerts fan-out is a job of its own: matching many seekers must not hold up a staff click.
        runtime.enqueue(alerts.job_went_live, job_id)


def _employer_moved(_employer_id, _move):
    livejobs.bump_version()  # a verified employer's jobs show, a suspended one's leave the menus


JOB_FIELDS = ("ref", "title", "status", "reject_reason", "published_at", "closed_at")
EMPLOYER_FIELDS = ("name", "status", "verified_by", "verified_at", "verification_note", "suspension_reason")

JOBS = Lifecycle(Job, "job", initial=("pending",), audited=JOB_FIELDS, describe=lambda job: f"Job {job.ref}",
                 after=_job_moved, moves={
    #  move        from                     to
    "publish":   (("pending",),             "live"),      # the system: a verified employer's listing screening passed
    "approve":   (("pending", "hidden"),    "live"),      # staff
    "reject":    (("pending", "hidden"),    "rejected"),  # staff; the employer is told why
    "hide":      (("live",),                "hidden"),    # staff, a staff edit screening flags, or seekers' reports
    "close":     (("live", "hidden"),       "closed"),    # staff or the employer (CLOSE): filled or withdrawn
})

EMPLOYERS = Lifecycle(Employer, "employer", initial=("pending",), audited=EMPLOYER_FIELDS,
                      describe=lambda employer: employer.name, after=_employer_moved, moves={
    "verify":    (("pending", "suspended"), "verified"),  # staff checked them (a note says how)
    "suspend":   (("pending", "verified"),  "suspended"),
})

APPLICATIONS = Lifecycle(Application, "application", initial=("applied",), moves={
    "hire":      (("applied",),             "hired"),     # the employer (HIRED) or staff
})

# The outbound pipeline, SMS and calls alike (core.outbound.outbox holds its one backoff, staleness and interruption rule): a
# row waits, a worker claims it, the gateway takes it or not; a row claimed too long ago was in a worker that died
# mid-call, and is `unknown`, since the gateway may have taken it.
MESSAGES = Lifecycle(OutboundMessage, "message", initial=("queued",), audited=("status", "error", "attempts"), moves={
    # sending
    "claim":     (("queued",),              "sending"),
    "sent":      (("sending", "unknown"),   "sent"),
    "back_off":  (("sending",),             "queued"),    # the gateway was unreachable: again after outbox.backoff
    "cancel":    (("sending",),             "cancelled"),  # opted out since it was queued
    "reject":    (("sending",),             "rejected"),  # the gateway refused this number
    "fail":      (("sending",),             "failed"),    # the gateway refused the message, or we gave up
    "interrupt": (("sending",),             "unknown"),
    "retry":     (("failed", "rejected", "cancelled", "unknown"), "queued"),  # staff (an unknown one may come twice)
    # delivery: the gateway's final report settles a row it took
    "deliver":   (("sent", "unknown"),      "delivered"),
    "undeliver": (("sent", "unknown"),      "failed"),
})

CALLS = Lifecycle(Call, "call", initial=("scheduled", "answered", "missed"), moves={
    # placing (outbound)
    "claim":     (("scheduled",),           "placing"),
    "placed":    (("placing",),             "placed"),
    "back_off":  (("placing",),             "scheduled"),  # the gateway was unreachable: again after outbox.backoff
    "cancel":    (("placing",),             "cancelled"),  # opted out, job closed, or no voice for its language
    "fail":      (("placing",),             "failed"),     # the gateway refused the call, or we gave up
    "interrupt": (("placing",),             "unknown"),    # the phone may have rung: staff decide, never twice
    # the gateway's callbacks settle a call it took; an inbound call is created answered, or missed
    "answer":    (("placing", "placed", "unknown"), "answered"),
    "complete":  (("answered",),            "completed"),
    "no_answer": (("placing", "placed", "unknown"), "no_answer"),
    "busy":      (("placing", "placed", "unknown"), "busy"),
    "drop":      (("placing", "placed", "unknown"), "failed"),
})

LIFECYCLES = (JOBS, EMPLOYERS, APPLICATIONS, MESSAGES, CALLS)

