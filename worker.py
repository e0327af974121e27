"""Background work: the rq worker, the scheduler of periodic jobs, and the supervisor `flask worker` runs them under.

`flask worker --processes N` is a supervisor process that first applies pending migrations (as `flask db upgrade`),
then runs N worker children and one scheduler child. A child that loses Redis or the database reconnects with backoff
instead of exiting; a child that dies anyway is started again; every child gets SIGTERM when the supervisor dies,
however it dies (no orphan keeps a scheduler going); SIGTERM lets a worker finish the batch in hand. The scheduler
enqueues the periodic jobs (tasks.periodic_jobs) while it holds a lock with a TTL, so one runs per deployment however
many supervisors there are. Redis only carries wake-ups: when it comes back (empty or not), the scheduler enqueues
everything the database says is still pending.
"""
import ctypes
import logging
import multiprocessing
import os
import signal
import time
import uuid

from rq import SimpleWorker

import tasks
from core import runtime
from core.db import upgrade_schema
from core.models import db

log = logging.getLogger(__name__)


def run_worker(burst=False):
    """Work the queue in this process with rq's SimpleWorker, holding one database connection across jobs.

    rq's default Worker forks a child per job; our jobs (a batch of 100 SMS) take a few milliseconds, less than the
    fork and a fresh database connection (on SQLite, closing the last connection also checkpoints the WAL). Job
    timeouts still apply: rq arms SIGALRM around each job in this process.

    Only rq's public API: a burst of send jobs of 100 SMS each to the AT stub (SQLite, one process, best of 3 on a
    loaded 2-core machine) took 14 ms a job and 16 Redis round trips; a connection per job, 23 ms. A subclass that
    skipped rq's repeated heartbeat, state and suspension writes made 7 round trips and 12 ms a job, but read rq's
    private attributes, which an upgrade may change silently; the 9 round trips (about 0.7 ms on localhost) are its price.
    `bench/alerts_bench.py` drains at the same rate either way within its noise.
    """
    worker = SimpleWorker([runtime.current().queue], connection=runtime.current().redis)
    worker.push_exc_handler(lambda job, *exc_info: _after_a_failed_job(worker))
    _hold_connection()
    try:
        return worker.work(burst=burst, logging_level="WARNING")
    finally:
        if not db.in_transaction():
            db.close()


def _hold_connection():
    """Open the connection this worker keeps: each job's own db.connection_context() nests in it and leaves it open."""
    if db.is_closed():
        db.connection_context().__enter__()  # left open on purpose: closed by run_worker's end or a failed job


def _after_a_failed_job(worker):
    """rq exception handler: the failure may have been a broken connection, so the next job gets a fresh one.

    If the database is away, the worker stops after this job and its supervisor starts it again with backoff, as when
    Redis goes away: a worker without the held connection would open one per job from then on.
    """
    if db.in_transaction():
        return
    db.close()
    try:
        _hold_connection()
    except Exception as error:  # the database is away: no new job until it is back
        log.warning("worker: the database is away (%s): stopping to start again", error)
        worker.request_stop(signal.SIGTERM, None)  # rq's warm stop: the loop ends once this job is recorded


def work_burst(processes=1):
    """Work the queue until it is empty (tests, benches, `flask worker --burst`): here, or in `processes` forks."""
    if processes == 1:
        run_worker(burst=True)
        return
    if not db.is_closed():
        db.close()  # each fork opens its own: a connection must not cross a fork
    context = multiprocessing.get_context("fork")
    children = [context.Process(target=work_burst) for _ in range(processes)]
    for child in children:
        child.start()
    for child in children:
        child.join()


class Scheduler:
    """Enqueues the periodic jobs while it holds the deployment's scheduler lock."""

    LOCK_TTL = 10  # seconds: a scheduler that died is replaced this soon
    # Take the lock, or keep it if it is ours; answers 1 while we hold it.
    HOLD = (
        "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('expire', KEYS[1], ARGV[2]) end "
        "if redis.call('set', KEYS[1], ARGV[1], 'NX', 'EX', ARGV[2]) then return 1 end return 0"
    )

    def __init__(self, config):
        self.periodic = tasks.periodic_jobs(config)
        self.token = uuid.uuid4().hex
        self.next_run = {}
        self.lost_redis = False
        self.holding = False

    def tick(self):
        """One round: hold the lock, notice a Redis that came back or restarted empty, enqueue what is due."""
        redis = runtime.current().redis
        holding = bool(redis.eval(self.HOLD, 1, runtime.key("scheduler"), self.token, self.LOCK_TTL))
        if holding and not self.holding:
            log.info("scheduler: this process runs the periodic jobs")
            self.next_run.clear()
        self.holding = holding
        if not holding:
            self.lost_redis = False  # the holder catches up
            return
        # The epoch key lives as long as Redis keeps its data: if it is gone, so may be every wake-up in the queue.
        fresh = redis.set(runtime.key("epoch"), self.token, nx=True)
        if fresh or self.lost_redis:
            self._enqueue(tasks.sweep_everything)
            self.lost_redis = False
        now = time.monotonic()
        for function, every in self.periodic.items():
            if now >= self.next_run.get(function, 0):
                self._enqueue(function)
                self.next_run[function] = now + every

    def release(self):
        """Let go of the lock at a clean stop, so another scheduler takes over at once."""
        redis = runtime.current().redis
        try:
            if redis.get(runtime.key("scheduler")) == self.token.encode():
                redis.delete(runtime.key("scheduler"))
        except Exception as error:
            log.warning("scheduler: could not release the lock: %s", error)

    def _enqueue(self, function):
        # At most one waiting per job: a busy queue does not fill up with copies of the same periodic job.
        if runtime.current().redis.set(tasks.pending_key(function), 1, nx=True, ex=600):
            runtime.current().queue.enqueue(tasks.run_periodic, function, description=tasks.name(function),
                                          result_ttl=60, failure_ttl=24 * 3600)


class Supervisor:
    """Starts the worker and scheduler children, restarts those that die, stops them all on SIGTERM or SIGINT."""

    STOP_GRACE = 60  # seconds a worker may take to finish its batch after SIGTERM
    RESTART_PAUSE = 1.0

    def __init__(self, config, processes):
        self.config = config
        self.processes = processes
        self.context = multiprocessing.get_context("fork")
        self.stopping = self.context.Event()  # read by the children
        self.told_to_stop = False
        self.children = {}

    def run(self):
        """Upgrade the schema, then supervise until told to stop; returns once every child has stopped."""
        upgrade_schema()  # no job of this release may run on the schema of the last one
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        if not db.is_closed():
            db.close()  # each child opens its own: a connection must not cross a fork
        names = [f"worker-{number}" for number in range(1, self.processes + 1)] + ["scheduler"]
        for name in names:
            self._start(name)
        while not self.told_to_stop:
            for name, process in list(self.children.items()):
                if not process.is_alive():
                    log.warning("%s (pid %s) exited with %s: starting it again", name, process.pid, process.exitcode)
                    self._start(name)
            time.sleep(self.RESTART_PAUSE)
        self.stopping.set()  # here, not in the signal handler: the handler may interrupt a wait on this very Event
        self._stop_children()

    def _start(self, name):
        target = _scheduler_main if name == "scheduler" else _worker_main
        process = self.context.Process(target=target, args=(name, os.getpid(), self.stopping, self.config), name=name)
        process.start()
        self.children[name] = process

    def _stop(self, _signum, _frame):
        self.told_to_stop = True

    def _stop_children(self):
        for process in self.children.values():
            if process.is_alive():
                os.kill(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + self.STOP_GRACE
        for process in self.children.values():
            process.join(max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                log.warning("%s did not stop in %d s: killing it", process.name, self.STOP_GRACE)
                process.kill()
                process.join()


def _die_with(parent_pid):
    """Ask the kernel to SIGTERM this process when its parent dies (Linux), and check it has not died already."""
    _signals_end_this_process()  # not the supervisor's handlers, inherited through the fork: they would swallow it
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (AttributeError, OSError) as error:
        log.warning("cannot ask to die with the supervisor: %s", error)
    if os.getppid() != parent_pid:
        os._exit(0)


def _signals_end_this_process():
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, signal.SIG_DFL)


def _backoff(attempt):
    return min(10.0, 0.5 * 2 ** attempt)


def _worker_main(name, parent_pid, stopping, config):
    """A worker child: work the queue; on any error reconnect after a pause, until the supervisor says stop."""
    _die_with(parent_pid)
    stop = []
    attempt = 0
    while not (stop or stopping.is_set()) and os.getppid() == parent_pid:
        started = time.monotonic()
        _signals_end_this_process()  # until rq installs its own: no job is in hand yet
        try:
            run_worker()
        except Exception as error:  # Redis or the database went away under rq: start over once it is back
            log.warning("%s: %s: reconnecting", name, error)
        # rq's signal handlers are for its work loop; between two loops a signal only asks this one to end.
        for number in (signal.SIGTERM, signal.SIGINT):
            signal.signal(number, lambda *_: stop.append(True))
        attempt = 0 if time.monotonic() - started > 60 else attempt + 1
        stopping.wait(_backoff(attempt))


def _scheduler_main(name, parent_pid, stopping, config):
    """The scheduler child: one tick a second, through Redis outages, until the supervisor says stop."""
    _die_with(parent_pid)
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(True))
    signal.signal(signal.SIGINT, lambda *_: stop.append(True))
    scheduler = Scheduler(config)
    attempt = 0
    while not (stop or stopping.is_set()) and os.getppid() == parent_pid:
        try:
            scheduler.tick()
            attempt = 0
            stopping.wait(1.0)
        except Exception as error:  # Redis away: when it is back, everything pending is enqueued again
            if not scheduler.lost_redis:
                log.warning("%s: %s: retrying", name, error)
            scheduler.lost_redis = True
            scheduler.holding = False
            attempt += 1
            stopping.wait(_backoff(attempt))
    scheduler.release()
