"""The outbox: an SMS is a row first, committed with whatever caused it, then sent by a queued job.

`add` writes the row inside the caller's transaction; `dispatch` enqueues the sending once it is committed (inside
`recording()`, when the outermost transaction commits). Redis only carries the wake-up: if it is down or restarted
empty, the sweeper finds rows still queued and enqueues them again. Sending claims rows with one UPDATE, so the same
row enqueued twice is sent once; a row whose sending was interrupted is `unknown`, never sent again by itself.

Outbound calls (core.outbound.calls) go the same way and by the same three rules, written here once: `next_attempt` (the
backoff), `STALE` (how long a claimed row may wait on its gateway call) and `interrupt_stale` (what a worker that
died mid-call leaves). core.lifecycle's MESSAGES and CALLS tables say how each row moves.
"""
import atexit
import contextlib
import datetime
import functools
import logging
import os
import threading
import time
from collections import namedtuple
from itertools import groupby

from rq import Queue

from core import lifecycle
from core.platform import runtime
from core.outbound.gateway import GatewayError, GatewayRejected
from core.outbound.models import Call, OutboundMessage
from core.platform.models import db, utcnow
from core.seekers.models import Seeker, SeekerTrade
from core.text.phone import mask_msisdn

log = logging.getLogger(__name__)

BATCH_SIZE = 100  # AT accepts up to this many recipients of one text per call
# A gateway call gives up after its timeout (seconds); a row claimed for longer (an SMS "sending", a call "placing")
# was in a worker that died mid-call.
STALE = datetime.timedelta(minutes=2)
SWEEP_CHUNK = 10000
INTERRUPTED = "interrupted while the gateway was asked: it may have taken it; a retry may send it twice"
# Kinds that must reach a number even after STOP: the confirmation of the STOP itself.
SEND_AFTER_OPT_OUT = ("optout",)
# rq options of a send job. The outbox row is the record of what happened, so rq keeps the job's small result only
# briefly: with result_ttl=0 rq deletes the job at once, which reads its registries back (nine more round trips a job).
SEND_JOB_OPTIONS = {"result_ttl": 60, "failure_ttl": 7 * 24 * 3600}

Claimed = namedtuple("Claimed", "id msisdn text kind attempts")
Released = namedtuple("Released", "id text not_before", defaults=(None,))


def add(msisdn, text, kind="reply", job=None, not_before=None, asked_in=None):
    """Write one outbound SMS to the outbox (inside the caller's transaction); `asked_in` is the session the person
    asked for it in, for the caps that count per session (core.outbound.spend)."""
    return OutboundMessage.create(msisdn=msisdn, text=text, kind=kind, job=job, not_before=not_before,
                                  asked_in=asked_in)


def add_many(rows):
    """Write many outbound SMS (dicts of msisdn, text, kind, job) in one INSERT; returns them with ids, for dispatch."""
    if not rows:
        return []
    now = OutboundMessage.created_at.db_value(utcnow())
    params = []
    for row in rows:
        params.extend((row["msisdn"], row["text"], row.get("kind", "reply"), row.get("job"), now, now))
    cursor = db.execute_sql(_add_many_sql(len(rows), db.param), params)
    return [Released(*row) for row in cursor.fetchall()]


_recording = threading.local()


@contextlib.contextmanager
def recording():
    """A write transaction whose outbox rows are dispatched only once it has committed (nothing if it rolls back)."""
    stack = _recording.__dict__.setdefault("stack", [])
    actions = _recording.__dict__.setdefault("actions", [])
    pending, after = [], []
    stack.append(pending)
    actions.append(after)
    try:
        with db.atomic():
            yield
    finally:
        stack.pop()
        actions.pop()
    dispatch(pending)
    for action in after:
        when_committed(action)  # a recording() inside another waits for the outer one


def when_committed(action):
    """Run `action` (a wake-up for committed rows) once the recording() transaction commits; at once outside one."""
    actions = getattr(_recording, "actions", None)
    if actions:
        actions[-1].append(action)
    else:
        action()


def dispatch(messages):
    """Wake the workers for committed outbox rows: batches of up to 100, identical texts kept together."""
    stack = getattr(_recording, "stack", None)
    if stack:  # inside recording(): the rows are not committed yet
        stack[-1].extend(messages)
        return
    now = utcnow()
    # A row held for later (a retry's backoff, quiet hours) is released by `release_due` when its time comes.
    due = [m for m in messages if m.not_before is None or m.not_before <= now]
    if due:
        runtime.current().wakeups.add(due)


class WakeUps:
    """This process's wake-ups for committed rows, enqueued together every few milliseconds by a background thread.

    The request that committed the rows answers without waiting on rq (an enqueue costs several times a step). A
    wake-up is not a fact: the rows are, and a wake-up that never goes out (the process died, Redis was down) leaves
    them to the sweeper. With `[outbox] wakeup_batch_ms = 0` (the tests) each is enqueued at once instead. One per
    app (`Services.wakeups`): the thread has no app context, so it holds the queue it enqueues on.
    """

    def __init__(self, interval, services):
        self.interval = interval
        self.queue = services.queue
        self.lock = threading.Lock()
        self.pending = []
        self.waiting = threading.Event()
        self.pid = None

    def add(self, messages):
        if not self.interval:
            enqueue_batches(batches(messages), self.queue)
            return
        with self.lock:
            self.pending.extend(messages)
            if self.pid != os.getpid():  # after a fork the parent's thread is gone: start one in this process
                self.pid = os.getpid()
                threading.Thread(target=self._run, name="outbox-wakeups", daemon=True).start()
                atexit.register(self.flush)
        self.waiting.set()

    def flush(self):
        """Enqueue what is pending now (one pipeline)."""
        with self.lock:
            taken, self.pending = self.pending, []
            self.waiting.clear()
        if taken:
            enqueue_batches(batches(taken), self.queue)

    def _run(self):
        while True:
            self.waiting.wait()
            time.sleep(self.interval)  # let the other requests of these milliseconds join the same pipeline
            self.flush()


def batches(messages):
    """Ids in batches of up to BATCH_SIZE: full batches of one text each, then the rest of every text packed together.

    A job's rows go out in one gateway call per distinct text, so an alert's 100,000 identical texts take 1,000
    calls, while 200 applications (a confirmation and a notice each, most texts different) take 4 jobs, not 400.
    """
    full, rest = [], []
    for _text, group in groupby(sorted(messages, key=lambda m: (m.text, m.id)), key=lambda m: m.text):
        ids = [m.id for m in group]
        cut = len(ids) - len(ids) % BATCH_SIZE
        full.extend(ids[start:start + BATCH_SIZE] for start in range(0, cut, BATCH_SIZE))
        rest.extend(ids[cut:])
    return full + [rest[start:start + BATCH_SIZE] for start in range(0, len(rest), BATCH_SIZE)]


def send(msisdn, text, kind="reply", job=None):
    """Add one message and enqueue it once committed: for callers with nothing else to write."""
    with db.atomic():
        message = add(msisdn, text, kind=kind, job=job)
    dispatch([message])
    return message


def send_messages(message_ids):
    """rq job: send the queued rows among `message_ids`, identical texts in one gateway call."""
    # A worker holds one connection for its life (cli.py); nested in it, this context neither opens nor closes.
    with db.connection_context():
        claimed = _claim(message_ids)
        if not claimed:
            return 0
        opted_out = _opted_out({m.msisdn for m in claimed if m.kind not in SEND_AFTER_OPT_OUT})
        deliverable = []
        for message in claimed:
            if message.msisdn in opted_out and message.kind not in SEND_AFTER_OPT_OUT:
                _finish(message, "cancel", error="opted out")
            else:
                deliverable.append(message)
        deliverable.sort(key=lambda m: m.text)
        sent = 0
        for text, group in groupby(deliverable, key=lambda m: m.text):
            sent += _send_batch(text, list(group))
        return sent


def _send_batch(text, messages):
    """One gateway call for one text; record each recipient's result."""
    by_msisdn = {}
    for message in messages:
        by_msisdn.setdefault(message.msisdn, []).append(message)
    try:
        results = runtime.current().gateway.send_sms(text, list(by_msisdn))
    except GatewayError as error:
        _retry_later(messages, str(error))
        return 0
    except GatewayRejected as error:
        for message in messages:
            _finish(message, "fail", error=str(error)[:500])
        return 0
    now = utcnow()
    delivered = []
    to_retry = {}
    with db.atomic():
        for result in results:
            for message in by_msisdn.pop(result.msisdn, []):
                if result.status == "sent":
                    delivered.append((message.id, result.gateway_id, result.cost))
                elif result.retryable:
                    to_retry.setdefault(result.error, []).append(message)
                else:
                    _finish(message, "reject", gateway_id=result.gateway_id, error=result.error)
                    if result.opted_out:
                        mark_opted_out(message.msisdn)
        leftovers = [message for group in by_msisdn.values() for message in group]
        if leftovers:
            to_retry.setdefault("no result from gateway", []).extend(leftovers)
        for error, group in to_retry.items():
            _retry_later(group, error)
        _record_sent(delivered, now)
    return len(delivered)


def _record_sent(rows, now):
    """Mark many rows sent with their gateway ids in one UPDATE … FROM (VALUES …) (SQLite >= 3.33, PostgreSQL).

    `rows` are (id, gateway_id, cost). One statement with the time bound once costs about half of running a
    prepared UPDATE per row, and a query built per row by the ORM costs more than the gateway call itself.
    """
    if not rows:
        return
    params = [now, now]
    for row in rows:
        params.extend(row)
    db.execute_sql(_record_sent_sql(len(rows), db.param), params)


def mark_opted_out(msisdn):
    """Record that a number refused our messages (STOP, or the operator's blacklist)."""
    seeker, _ = Seeker.get_or_create_by_msisdn(msisdn)
    if seeker.opted_out_at is None:
        Seeker.update(opted_out_at=utcnow(), alerts_on=False).where(Seeker.id == seeker.id).execute()
    log.info("opted out %s", mask_msisdn(msisdn))


def mark_opted_in(seeker):
    """START: messages may reach the seeker again, and alerts resume if they chose trades."""
    has_trades = SeekerTrade.select().where(SeekerTrade.seeker == seeker).exists()
    Seeker.update(opted_out_at=None, alerts_on=has_trades).where(Seeker.id == seeker.id).execute()


def sweep(everything=False):
    """rq job: settle the SMS and calls a dead worker left claimed (`interrupt_stale`), then enqueue again what is
    still unsent after a while (a lost job), or `everything` queued and due (Redis came back, perhaps empty: no
    wake-up it held can be trusted)."""
    config = runtime.current().config
    now = utcnow()
    resend_after = datetime.timedelta(seconds=0 if everything else config.get_int("outbox", "resend_after"))
    with db.connection_context():
        interrupt_stale(now)
        swept, last_id = 0, 0
        while due := list(
            OutboundMessage.select(OutboundMessage.id, OutboundMessage.text)
            .where(
                (OutboundMessage.id > last_id)
                & (OutboundMessage.status == "queued")
                & (OutboundMessage.updated_at <= now - resend_after)
                & (OutboundMessage.not_before.is_null() | (OutboundMessage.not_before <= now))
            )
            .order_by(OutboundMessage.id)
            .limit(SWEEP_CHUNK)
        ):
            (
                OutboundMessage.update(updated_at=utcnow())
                .where(OutboundMessage.id.in_([m.id for m in due]))
                .execute()
            )
            dispatch([Released(m.id, m.text) for m in due])
            swept, last_id = swept + len(due), due[-1].id
        return swept


def interrupt_stale(now):
    """The pipeline's interruption rule: a worker that died mid-call leaves SMS "sending" and calls "placing"; the
    gateway may or may not have taken them, so they become `unknown` and are never sent or placed again by
    themselves. A delivery report or a call's callback settles them where one comes; staff decide otherwise."""
    lifecycle.MESSAGES.move_where("interrupt", OutboundMessage.updated_at < now - STALE, error=INTERRUPTED)
    lifecycle.CALLS.move_where("interrupt", Call.updated_at < now - STALE, outcome=INTERRUPTED, updated_at=now)


def next_attempt(attempts):
    """When to try again after `attempts` tries whose gateway call failed (15 s · 2ⁿ), or None once [outbox]
    max_attempts were made: one backoff for SMS and calls."""
    if attempts >= runtime.current().config.get_int("outbox", "max_attempts"):
        return None
    return utcnow() + datetime.timedelta(seconds=15 * 2 ** attempts)


def release_due():
    """rq job, every second: send the held rows whose time has come (retries after their backoff, alerts held over
    quiet hours). A released row's `updated_at` passes its `not_before`, so it is released once."""
    now = utcnow()
    with db.connection_context():
        cursor = db.execute_sql(
            f"UPDATE {_table()} SET updated_at = {db.param}"
            f" WHERE status = 'queued' AND not_before <= {db.param} AND updated_at < not_before"
            " RETURNING id, text",
            (now, now),
        )
        due = [Released(*row) for row in cursor.fetchall()]
    dispatch(due)
    return len(due)


def retry(message_id, actor):
    """Put a failed, rejected, cancelled or unknown message back in the outbox (a staff action, audited); False
    when there is no such message or it is in no state to be sent again."""
    message = OutboundMessage.get_or_none(OutboundMessage.id == message_id)
    if message is None:
        return False
    try:
        with recording():
            # A new send: its own gateway id and delivery reports, not the failed send's.
            lifecycle.MESSAGES.move(message, "retry", actor, error=None, not_before=None, gateway_id=None,
                                    delivery_status=None, updated_at=utcnow())
            dispatch([message])
    except lifecycle.IllegalMove:  # sent again by another click first
        return False
    return True


def _claim(message_ids):
    """Take the still-queued, due rows for this worker; a concurrent or repeated job gets none of them.

    One UPDATE … RETURNING (SQLite >= 3.35, PostgreSQL) claims and reads the rows, written as SQL kept per batch
    size: peewee building the 100-id query cost more than running it. The status test is written `status || ''`
    so that no index can serve it: SQLite, without statistics on a table that fills and empties, otherwise walks
    the (status, updated_at) index over every queued row (100,000 after a big alert) instead of looking up the
    batch's ids.
    """
    ids = list(message_ids)
    if not ids:
        return []
    now = utcnow()
    cursor = db.execute_sql(_claim_sql(len(ids), db.param), (now, *ids, now))
    return [Claimed(*row) for row in cursor.fetchall()]


def _opted_out(msisdns):
    """The numbers among `msisdns` that said STOP: checked when sending, not only when queuing."""
    if not msisdns:
        return set()
    numbers = list(msisdns)
    cursor = db.execute_sql(_opted_out_sql(len(numbers), db.param), numbers)
    return {msisdn for (msisdn,) in cursor.fetchall()}


@functools.lru_cache(maxsize=256)
def _claim_sql(count, p):
    target, sources = lifecycle.MESSAGES.sql("claim")
    return (
        f"UPDATE {_table()} SET status = {target}, updated_at = {p}"
        f" WHERE id IN ({', '.join([p] * count)}) AND status || '' IN ({sources})"
        f" AND (not_before IS NULL OR not_before <= {p})"
        " RETURNING id, msisdn, text, kind, attempts"
    )


@functools.lru_cache(maxsize=16)
def _add_many_sql(count, p):
    values = ", ".join([f"({p}, {p}, {p}, {p}, 'queued', 0, {p}, {p})"] * count)
    return (
        f"INSERT INTO {_table()} (msisdn, text, kind, job_id, status, attempts, created_at, updated_at)"
        f" VALUES {values} RETURNING id, text, not_before"
    )


@functools.lru_cache(maxsize=256)
def _record_sent_sql(count, p):
    values = ", ".join([f"({p}, {p}, {p})"] * count)
    target, sources = lifecycle.MESSAGES.sql("sent")
    return (
        f"UPDATE {_table()} SET status = {target}, gateway_id = sent.gateway_id, cost = sent.cost, sent_at = {p},"
        f" error = NULL, attempts = {_table()}.attempts + 1, updated_at = {p}"
        f" FROM (WITH sent(id, gateway_id, cost) AS (VALUES {values}) SELECT * FROM sent) AS sent"
        f" WHERE {_table()}.id = sent.id AND {_table()}.status IN ({sources})"
    )


@functools.lru_cache(maxsize=256)
def _opted_out_sql(count, p):
    return (
        f"SELECT msisdn FROM {Seeker._meta.table_name}"
        f" WHERE msisdn IN ({', '.join([p] * count)}) AND opted_out_at IS NOT NULL"
    )


def _table():
    return f'"{OutboundMessage._meta.table_name}"'


def _finish(message, move, **fields):
    fields.setdefault("error", None)
    lifecycle.MESSAGES.move_where(move, OutboundMessage.id == message.id, updated_at=utcnow(),
                                  attempts=message.attempts + 1, **fields)


def _retry_later(messages, error):
    """Temporary failure: back to the queue after `next_attempt`'s delay, or failed once it gives up;
    `release_due` sends it when its time comes."""
    by_attempts = sorted(messages, key=lambda m: m.attempts)
    for previous, group in groupby(by_attempts, key=lambda m: m.attempts):
        group = list(group)
        attempts = previous + 1
        not_before = next_attempt(attempts)
        if not_before is None:
            for message in group:
                _finish(message, "fail", error=f"gave up after {attempts} attempts: {error}")
            continue
        lifecycle.MESSAGES.move_where("back_off", OutboundMessage.id.in_([message.id for message in group]),
                                      attempts=attempts, error=error, not_before=not_before, updated_at=utcnow())


def enqueue_batches(id_batches, queue=None):
    """One send job per batch, all in one Redis pipeline (on the current app's queue unless given one); without Redis
    the sweeper sends them later."""
    if not id_batches:
        return
    try:
        (queue or runtime.current().queue).enqueue_many(
            [Queue.prepare_data(send_messages, (ids,), **SEND_JOB_OPTIONS) for ids in id_batches]
        )
    except Exception as error:  # any Redis failure: the outbox rows are the record of truth
        log.warning("could not enqueue %d send jobs: %s", len(id_batches), error)

