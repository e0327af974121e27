"""Nothing a person is told is ever lost: each guarantee tried by killing, stopping or failing the real component
(web and worker processes, redis-server, the AT-compatible server) and counting what arrived."""
import concurrent.futures
import datetime
import os
import signal
import subprocess
import time

import pytest

from core.outbound import calls, outbox
from core.contacts.models import InboundMessage
from core.jobs.models import Application, Job
from core.outbound.models import Call, OutboundMessage
from core.platform.models import db, utcnow
from core.seekers.models import Seeker
from tests.deployment import wait_for

def texts_for(stub, msisdn):
    return [text for text, recipients in stub.sms_sent() if msisdn in recipients]


def sms_requests_for(stub, msisdn):
    """Every SMS request that reached the gateway for this number, answered or not."""
    return [r for r in list(stub.requests) if r["path"].endswith(("/version1/messaging", "/Messages.json"))
            and msisdn in str(r["form"].get("to") or r["form"].get("To") or "")]


def rows(deployment, *where):
    with deployment.app.app_context():
        return list(OutboundMessage.select().where(*where))


def children_of(pid):
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return sorted(int(child) for child in found)


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().split()[2] != "Z"


def test_you_applied_is_committed_before_the_screen_even_if_the_web_dies_at_once(deployment, stub):
    numbers = ["+85512990001", "+85512990002"]
    for number in numbers:
        web = deployment.start_web()
        assert deployment.apply(f"kill-{number}", number).startswith("END You applied")
        deployment.kill(web)  # SIGKILL right after the screen: nothing may be left in the process to lose
    with deployment.app.app_context():
        assert Application.select().join(Seeker).where(Seeker.msisdn.in_(numbers)).count() == 2
    deployment.start_worker()
    assert wait_for(lambda: all(texts_for(stub, n) for n in numbers), 30)
    assert [len(texts_for(stub, n)) for n in numbers] == [1, 1]  # the confirmation, once


def test_with_redis_down_seekers_apply_and_text_and_everything_goes_out_when_it_returns_empty(
    deployment, private_redis, stub
):
    deployment.start_web()
    worker = deployment.start_worker()
    assert wait_for(lambda: not rows(deployment, OutboundMessage.status == "queued"), 60)  # the demo's alerts
    private_redis.kill()
    numbers = [f"+8551299100{n}" for n in range(3)]
    for number in numbers:
        assert deployment.apply(f"down-{number}", number).startswith("END You applied")
    assert deployment.sms("+85597111000", "HELP", "down-help-1") == (200, deployment.sms_answer())
    assert deployment.ussd("down-browse", "+85512991009", "")[0] == 200
    # The worker (in rq's dequeue, or starting) and the scheduler beside it meet the outage, say so, and go on.
    assert wait_for(lambda: ("could not connect to Redis" in (log := deployment.log_of(worker)) or "reconnecting" in log)
                    and "scheduler: " in log and "retrying" in log, 30), deployment.log_of(worker)
    assert worker.poll() is None and len(children_of(worker.pid)) == 1
    assert not any(texts_for(stub, n) for n in numbers)
    returned = time.monotonic()
    private_redis.start()  # empty: every wake-up it held is gone
    everyone = numbers + ["+85597111000"]
    assert wait_for(lambda: all(texts_for(stub, n) for n in everyone), 120)
    print(f"all pending out {time.monotonic() - returned:.1f}s after Redis returned")
    assert [len(texts_for(stub, n)) for n in everyone] == [1, 1, 1, 1]
    # The gateway answered each send before the worker recorded it: the rows say "sent" a moment later.
    assert wait_for(lambda: {row.status for row in rows(deployment, OutboundMessage.msisdn.in_(everyone))} == {"sent"},
                    10)


def test_a_batch_cut_short_by_sigkill_is_unknown_never_resent_and_settled_by_its_report(deployment, stub):
    numbers = ["+85597222001", "+85597222002"]
    with deployment.app.app_context():
        messages = [outbox.add(number, "Cut short") for number in numbers]
    stub.stall_next(1, seconds=3)  # the gateway takes its time over the next call
    worker = deployment.start_worker()
    with deployment.app.app_context():
        outbox.dispatch(messages)
    assert wait_for(lambda: sms_requests_for(stub, numbers[0]), 20)
    deployment.kill(worker)  # mid-call: the gateway will still send them
    assert {row.status for row in rows(deployment, OutboundMessage.msisdn.in_(numbers))} == {"sending"}
    assert wait_for(lambda: texts_for(stub, numbers[0]), 10)
    with deployment.app.app_context():
        # Long after: the sweeper finds them and says what is known, without sending them again.
        OutboundMessage.update(updated_at=utcnow() - datetime.timedelta(minutes=5)).execute()
        outbox.sweep()
        outbox.sweep(everything=True)
    swept = deployment.finished(outbox.sweep)
    deployment.start_worker()
    # The new worker has swept (the scheduler's first round runs every periodic job) and found nothing to send.
    assert wait_for(lambda: deployment.finished(outbox.sweep) - swept, 30)
    # AT took both numbers in the call that was cut; Twilio takes one a request, so the second was never asked.
    assert [len(sms_requests_for(stub, n)) for n in numbers] == ([1, 0] if deployment.twilio else [1, 1])
    unknown = rows(deployment, OutboundMessage.msisdn.in_(numbers))
    assert {row.status for row in unknown} == {"unknown"} and "twice" in unknown[0].error
    # The gateway's report for one of them names our number: that row is settled.
    deployment.start_web()
    assert deployment.report("cut-1", True, numbers[0])[0] == 200
    assert wait_for(lambda: rows(deployment, OutboundMessage.status == "delivered"), 15)
    with deployment.app.app_context():
        assert outbox.retry(unknown[1].id, "staff@example.org")  # staff may send it again, knowing it may arrive twice


def test_a_call_cut_short_by_sigkill_is_unknown_never_placed_again(deployment, stub):
    number = "+85597222003"
    worker = deployment.start_worker()
    assert wait_for(lambda: not rows(deployment, OutboundMessage.status.in_(("queued", "sending"))), 60)  # the demo's
    with deployment.app.app_context():
        job = Job.select().where(Job.status == "live").order_by(Job.id).first()
        with db.atomic():
            call = calls.schedule(number, "callback", job, language="en")
    stub.stall_next(1, seconds=3)  # the gateway takes its time over placing it
    with deployment.app.app_context():
        calls.dispatch([call])
    placing = lambda: [r for r in list(stub.requests) if r["path"].endswith(("/call", "/Calls.json"))]  # noqa: E731
    assert wait_for(placing, 20)
    deployment.kill(worker)  # mid-call: the phone may ring all the same
    with deployment.app.app_context():
        assert Call.get_by_id(call.id).status == "placing"
        # Long after: the sweeper says what is known (the same rule as for an SMS), and nothing places it again.
        Call.update(updated_at=utcnow() - datetime.timedelta(minutes=15)).execute()
        outbox.sweep()
        row = Call.get_by_id(call.id)
        assert (row.status, row.outcome) == ("unknown", outbox.INTERRUPTED) and "twice" in row.outcome
        assert calls.enqueue_due() == 0
    assert len(placing()) == 1


def test_the_supervisor_restarts_a_dead_child_and_its_children_die_with_it(deployment):
    supervisor = deployment.start_worker(processes=2)
    first = wait_for(lambda: len(children_of(supervisor.pid)) == 2 and children_of(supervisor.pid), 20)
    assert first
    os.kill(first[0], signal.SIGKILL)
    assert wait_for(lambda: (now := children_of(supervisor.pid)) and len(now) == 2 and first[0] not in now, 20)
    children = children_of(supervisor.pid)
    os.kill(supervisor.pid, signal.SIGKILL)  # the parent alone: no orphan may keep working or scheduling
    assert wait_for(lambda: not any(alive(pid) for pid in children), 20)


def test_sigterm_stops_the_supervisor_and_every_child(deployment):
    supervisor = deployment.start_worker(processes=2)
    children = wait_for(lambda: len(children_of(supervisor.pid)) == 2 and children_of(supervisor.pid), 20)
    assert children
    # Well into their loops (a signal handler once deadlocked against the supervisor's own wait): both workers
    # registered with rq, and one of them the scheduler.
    assert wait_for(lambda: len(deployment.workers()) == 2 and deployment.finished(outbox.release_due), 30)
    os.kill(supervisor.pid, signal.SIGTERM)
    assert supervisor.wait(timeout=30) == 0
    assert not any(alive(pid) for pid in children)


def test_a_retry_goes_out_when_due_not_at_the_next_sweep(deployment, stub):
    stub.fail_next(1, status=503)
    deployment.start_worker()
    with deployment.app.app_context():
        message = outbox.add("+85597333001", "Try again")
        outbox.dispatch([message])
    assert wait_for(lambda: rows(deployment, OutboundMessage.attempts == 1, OutboundMessage.status == "queued"), 20)
    with deployment.app.app_context():
        # As if its 30 s backoff had nearly passed: due in 2 s; the sweep comes only every 60 s.
        OutboundMessage.update(not_before=utcnow() + datetime.timedelta(seconds=2)).execute()
    due = time.monotonic() + 2
    assert wait_for(lambda: texts_for(stub, "+85597333001"), 30)
    assert time.monotonic() - due < 10


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_sixty_seekers_applying_by_sms_at_once_on_sqlite_all_get_their_application(deployment, stub):
    deployment.start_web()
    deployment.start_worker()
    with deployment.app.app_context():
        ref = Job.live().first().ref
    numbers = [f"+855974440{n:02d}" for n in range(60)]
    with concurrent.futures.ThreadPoolExecutor(20) as pool:
        answers = list(pool.map(lambda n: deployment.sms(n, f"APPLY {ref}", f"burst-{n}"), numbers))
    assert answers == [(200, deployment.sms_answer())] * 60
    with deployment.app.app_context():
        applied = Application.select().join(Seeker).where(Seeker.msisdn.in_(numbers)).count()
        outcomes = [m.outcome for m in InboundMessage.select().where(InboundMessage.msisdn.in_(numbers))]
    assert applied == 60
    assert len(outcomes) == 60 and not [o for o in outcomes if o.startswith("failed")]
