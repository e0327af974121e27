"""Alerts at design size: 1,000,000 seekers stored, one job matching 100,000 of them. Prints ratios.

1. Fan-out: core.seekers.alerts.job_went_live (matching + outbox rows + rq jobs) against a floor that writes the same rows
   with one INSERT … SELECT … RETURNING id and enqueues the same batches with rq's Queue.enqueue_many.
   Target: ours <= 3x the floor.
2. Drain: rq workers sending those outbox rows through the AT gateway to the local AT-compatible server
   (tests/atstub.ATStub), against the SDK's own rate (the requests africastalking's SMSService.send makes, 100
   recipients per call, straight at the stub in a loop: bench/common.sdk_rate). Target: ours >= 0.5x.

SQLite (a fresh file under var/bench/) and the Redis at BENCH_REDIS_URL (default redis://127.0.0.1:6379/9, flushed).
    .venv/bin/python bench/alerts_bench.py [--seekers 1000000] [--matches 100000] [--workers 2]
"""
import argparse
import multiprocessing
import os
import pathlib
import sqlite3
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from common import fresh_database, make_app, sdk_rate  # noqa: E402

from rq import Queue  # noqa: E402

from worker import run_worker  # noqa: E402
from core.outbound import outbox
from core.platform import runtime
from core.seekers import alerts
from core.platform.db import upgrade_schema  # noqa: E402
from core.jobs.models import Employer, Job
from core.outbound.models import OutboundMessage
from core.platform.models import db, utcnow
from tests.atstub import ATStub  # noqa: E402

KANDAL, GARMENT = 8, 1
FAR_PROVINCES = (1, 2, 11, 13, 16, 19)  # none borders Kandal
RECIPIENTS = [f"+8559{i:08d}" for i in range(100)]  # the SDK alone at 100 recipients per call


def load_seekers(total, matches):
    """Seekers 1..matches: garment, Kandal, alerts on. As many garment seekers far away; the rest other trades."""
    started = time.perf_counter()
    database = db.obj
    far = "CASE i % 6 " + " ".join(f"WHEN {k} THEN {p}" for k, p in enumerate(FAR_PROVINCES)) + " END"
    with database.atomic():
        # Far garment seekers live in provinces that do not border Kandal and only want work at home.
        database.execute_sql(
            f"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
            INSERT INTO seeker (msisdn, language, home_province_id, reach, alerts_on, referral_code, alerts_today,
                                created_at)
            SELECT printf('+8559%08d', i),
                   CASE i % 10 WHEN 0 THEN 'en' WHEN 1 THEN 'km' ELSE 'km-Latn' END,
                   CASE WHEN i <= ? THEN ? WHEN i <= ? THEN {far} ELSE 1 + i % 25 END,
                   CASE WHEN i > ? AND i <= ? THEN 'same' WHEN i % 3 = 0 THEN 'same' WHEN i % 3 = 1 THEN 'near'
                        ELSE 'any' END,
                   1, printf('R%08d', i), 0, datetime('now')
            FROM n
            """,
            (total, matches, KANDAL, 2 * matches, matches, 2 * matches),
        )
        database.execute_sql(
            "INSERT INTO seeker_trade (category_id, seeker_id) "
            "SELECT CASE WHEN id <= ? THEN ? ELSE 2 + id % 11 END, id FROM seeker",
            (2 * matches, GARMENT),
        )
    database.execute_sql("ANALYZE")
    return time.perf_counter() - started


def make_job():
    boss = Employer.create(msisdn="+85512600101", name="Kandal Garment Co.", status="verified")
    return Job.create(ref="J4821", employer=boss, category=GARMENT, province=KANDAL, title="Sewing operators",
                      wage_amount=250, status="live", published_at=utcnow())


def reset(job):
    runtime.current().queue.empty()
    runtime.current().redis.delete(alerts.lock_key(job.id))
    with db.atomic():
        OutboundMessage.delete().execute()
        db.execute_sql("UPDATE seeker SET alerts_day = NULL, alerts_today = 0 WHERE alerts_day IS NOT NULL")
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def floor(job):
    """The same rows with one INSERT … SELECT … RETURNING id, the same batches with one enqueue_many."""
    text = alerts.alert_text(job, "km-Latn")
    now = utcnow()
    started = time.perf_counter()
    with db.atomic():
        cursor = db.execute_sql(
            """
            INSERT INTO outbound_message (msisdn, text, kind, status, job_id, created_at, updated_at, attempts)
            SELECT s.msisdn, ?, 'alert', 'queued', ?, ?, ?, 0
            FROM seeker_trade AS t JOIN seeker AS s ON s.id = t.seeker_id
            WHERE t.category_id = ? AND s.home_province_id = ? AND s.alerts_on = 1
            RETURNING id
            """,
            (text, job.id, now, now, GARMENT, KANDAL),
        )
        ids = [row[0] for row in cursor.fetchall()]
    batches = [ids[i:i + outbox.BATCH_SIZE] for i in range(0, len(ids), outbox.BATCH_SIZE)]
    runtime.current().queue.enqueue_many([Queue.prepare_data(outbox.send_messages, (batch,)) for batch in batches])
    return time.perf_counter() - started, len(ids)


def ours(job):
    started = time.perf_counter()
    count = alerts.job_went_live(job.id)
    return time.perf_counter() - started, count


def _burst():
    """One worker of `flask worker` (worker.run_worker) until the queue is empty."""
    run_worker(burst=True)


def drain(workers):
    """Seconds from starting `workers` worker processes until the last message is recorded as sent.

    Like `flask worker --processes N`, each process is forked from this one after the database is closed; the
    workers are forked and joined here rather than through rq's WorkerPool, which looks at its children only once a
    second and would blur the timing. The drain ends when the last row is marked sent, not when the burst workers
    have exited: a burst worker's teardown waits up to a second for rq's pubsub thread, a cost a running worker
    never pays per alert. Both are printed.
    """
    started_at = utcnow()
    started = time.perf_counter()
    if workers == 1:
        _burst()
    else:
        context = multiprocessing.get_context("fork")
        processes = [context.Process(target=_burst) for _ in range(workers)]
        for process in processes:
            process.start()
        for process in processes:
            process.join()
    exited = time.perf_counter() - started
    db.connect(reuse_if_open=True)
    last_sent = OutboundMessage.select(OutboundMessage.sent_at).order_by(OutboundMessage.sent_at.desc()).get().sent_at
    return (last_sent - started_at).total_seconds(), exited


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seekers", type=int, default=1_000_000)
    parser.add_argument("--matches", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2, help="worker processes draining the outbox (one per core, as deployed)")
    parser.add_argument("--runs", type=int, default=2, help="best of this many fan-out runs each")
    args = parser.parse_args()
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
    database_path = fresh_database("alerts.db")

    with ATStub() as stub:
        app = make_app(database_path, redis_url, stub.url, alerts={"quiet_hours": "00:00-00:00", "max_per_day": "3"})
        with app.app_context():
            runtime.current().redis.flushdb()
            upgrade_schema()
            loaded = load_seekers(args.seekers, args.matches)
            print(f"loaded {args.seekers:,} seekers in {loaded:.1f}s (SQLite, {database_path})")
            job = make_job()

            floors, times = [], []
            for _ in range(args.runs):
                reset(job)
                seconds, rows = floor(job)
                floors.append(seconds)
                reset(job)
                seconds, count = ours(job)
                times.append(seconds)
            assert rows == count == args.matches, (rows, count)
            best_floor, best_ours = min(floors), min(times)
            print(f"fan-out of {count:,} alerts: ours {best_ours:.3f}s, floor {best_floor:.3f}s "
                  f"(INSERT … SELECT + enqueue_many) -> ratio {best_ours / best_floor:.2f}x (target <= 3x)")

            batches = len(runtime.current().queue)
            db.close()
            # Web processes keep the database open in a deployment; without one, SQLite would checkpoint the WAL
            # each time a worker job closes the last connection.
            keep_open = sqlite3.connect(database_path)
            keep_open.execute("SELECT 1 FROM seeker LIMIT 1").fetchall()
            seconds, exited = drain(args.workers)
            keep_open.close()
            sent = OutboundMessage.select().where(OutboundMessage.status == "sent").count()
            assert sent == count, f"only {sent} of {count} sent"
            calls = len(stub.sms_sent())
            ours_rate = sent / seconds
            reference = sdk_rate(stub.url, max(100, batches // 4), lambda n: RECIPIENTS)
            print(f"drain with {args.workers} worker process(es): {sent:,} sent in {calls:,} calls in {seconds:.1f}s = "
                  f"{ours_rate:,.0f}/s (workers exited after {exited:.1f}s); SDK alone at 100 per call: {reference:,.0f}/s -> "
                  f"ratio {ours_rate / reference:.2f}x (target >= 0.5x)")


if __name__ == "__main__":
    main()
