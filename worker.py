"""Background work: rq's WorkerPool of workers, each able to run the scheduler of periodic jobs (`flask worker`).

`flask worker --processes N` first applies pending migrations (as `flask db upgrade`), then runs rq's `WorkerPool`
of N children: rq starts them, starts again one that dies, and on SIGTERM or SIGINT asks each to stop (rq's warm stop:
the batch in hand is finished) and waits for them. Each child
works the queue with rq's `SimpleWorker` and, in a thread beside it, offers to be the scheduler: the periodic jobs
(tasks.periodic_jobs) are enqueued by whichever child holds a Redis lock with a TTL, so one runs per deployment however
many children and supervisors there are (rq elects the scheduler of its own delayed jobs the same way, among workers).
Redis only carries wake-ups: when it comes back (empty or not), the scheduler enqueues everything the database says is
still pending.

What is ours, and why rq's own does not do it (rq 2.12):
- The child's body, through the pool's `get_worker_process`: rq's child builds a Worker on a fresh Redis connection,
  outside any app; ours works in the app's context, on its queue and Redis, holding one database connection
  (run_worker), and closes the supervisor's connection before the fork.
- Children die with the supervisor (PR_SET_PDEATHSIG): the pool's children outlive a supervisor killed by SIGKILL and
  would go on working, their scheduler enqueueing beside the next supervisor's.
- A child resets the signal handlers it inherits: a child the pool starts again is forked after the pool installed its
  own, which would make the child signal its siblings.
- A child whose Redis or database is away when its worker starts, or breaks outside rq's dequeue, tries again with
  backoff in the same process: rq retries a lost connection only while dequeuing, and the pool would start a failing
  child again every second.
- The scheduler (Scheduler): rq's CronScheduler enqueues from every process that runs it (no lock), enqueues another
  copy at each interval whether the last one was taken or not, stops at the first Redis error and cannot tell that
  Redis restarted empty; rq's RQScheduler, elected by a lock, moves only jobs given a time (enqueue_at), and a periodic
  job that enqueued its own next run would be lost with a Redis that restarts empty.
What rq's pool does its own way, and we take: it sends SIGINT (rq's warm stop) and waits for every child however long
its batch takes; a child that never stops is the service manager's to kill (systemd's TimeoutStopSec).
"""
import ctypes
import logging
import multiprocessing
import os
import signal
import threading
import time
import uuid

from rq import SimpleWorker
from rq.worker_pool import WorkerPool

import tasks
from core.platform import runtime
from core.platform.db import upgrade_schema
from core.platform.models import db

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
    """Work the queue until it is empty (tests, benches, `flask worker --burst`): here, or in a pool of `processes`."""
    if processes == 1:
        run_worker(burst=True)
        return
    Supervisor(processes).start(burst=True)


class Scheduler:
    """Enqueues the periodic jobs while it holds the deployment's scheduler lock."""

    LOCK_TTL = 10  # seconds: a scheduler that died is replaced this soon
    # Take the lock, or keep it if it is ours; answers 1 while we hold it.
    HOLD = (
        "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('expire', KEYS[1], ARGV[2]) end "
        "if redis.call('set', KEYS[1], ARGV[1], 'NX', 'EX', ARGV[2]) then return 1 end return 0"
    )

    def __init__(self, services):
        self.services = services
        self.periodic = tasks.periodic_jobs(services.config)
        self.token = uuid.uuid4().hex
        self.next_run = {}
        self.lost_redis = False
        self.holding = False

    def run(self, stop):
        """Tick once a second until `stop` is set, through Redis outages; then let go of the lock (a thread's body)."""
        with runtime.bound(self.services):  # a thread starts without the app's context
            attempt = 0
            while not stop.is_set():
                try:
                    self.tick()
                    attempt = 0
                    stop.wait(1.0)
                except Exception as error:  # Redis away: when it is back, everything pending is enqueued again
                    if not self.lost_redis:
                        log.warning("scheduler: %s: retrying", error)
                    self.lost_redis = True
                    self.holding = False
                    attempt += 1
                    stop.wait(_backoff(attempt))
            self.release()

    def tick(self):
        """One round: hold the lock, notice a Redis that came back or restarted empty, enqueue what is due."""
        redis = self.services.redis
        holding = bool(redis.eval(self.HOLD, 1, self.services.key("scheduler"), self.token, self.LOCK_TTL))
        if holding and not self.holding:
            log.info("scheduler: this process runs the periodic jobs")
            self.next_run.clear()
        self.holding = holding
        if not holding:
            self.lost_redis = False  # the holder catches up
            return
        # The epoch key lives as long as Redis keeps its data: if it is gone, so may be every wake-up in the queue.
        fresh = redis.set(self.services.key("epoch"), self.token, nx=True)
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
        redis = self.services.redis
        try:
            if redis.get(self.services.key("scheduler")) == self.token.encode():
                redis.delete(self.services.key("scheduler"))
        except Exception as error:
            log.warning("scheduler: could not release the lock: %s", error)

    def _enqueue(self, function):
        # At most one waiting per job: a busy queue does not fill up with copies of the same periodic job.
        if self.services.redis.set(tasks.pending_key(function), 1, nx=True, ex=600):
            self.services.queue.enqueue(tasks.run_periodic, function, description=tasks.name(function),
                                        result_ttl=60, failure_ttl=24 * 3600)


class Supervisor(WorkerPool):
    """rq's WorkerPool of `processes` children of ours (_child_main): started, restarted, stopped by rq."""

    def __init__(self, processes):
        services = runtime.current()
        super().__init__([services.queue], connection=services.redis, num_workers=processes)

    def start(self, *args, **kwargs):
        """Apply pending migrations, then run the pool until told to stop."""
        upgrade_schema()  # no job of this release may run on the schema of the last one
        super().start(*args, **kwargs)

    def get_worker_process(self, name, burst, **_rq_options):
        """The process the pool starts for a child: a worker of this app (and a scheduler, unless in a burst)."""
        # Each child opens its own: a connection must not cross a fork. PostgreSQL's pool keeps a closed connection
        # open for reuse, so the pool is emptied too, or two children would talk over one socket.
        if not db.is_closed():
            db.close()
        if hasattr(db.obj, "close_all"):
            db.obj.close_all()
        return multiprocessing.get_context("fork").Process(
            target=_child_main, args=(os.getpid(), burst), name=f"worker-{name[:8]}"
        )


def _child_main(parent_pid, burst):
    """A child: the worker, here, and the scheduler in a thread; on an error, start the worker again after a pause."""
    _die_with(parent_pid)
    if burst:
        run_worker(burst=True)
        return
    stop = threading.Event()
    scheduler = threading.Thread(target=Scheduler(runtime.current()).run, args=(stop,), name="scheduler", daemon=True)
    scheduler.start()
    attempt = 0
    try:
        while os.getppid() == parent_pid:
            started = time.monotonic()
            try:
                run_worker()
                return  # rq stopped on request, or quit on an error it logged: the pool starts the child again
            except Exception as error:  # Redis or the database away as the worker started: try again once back
                log.warning("worker: %s: reconnecting", error)
            _signals_end_this_process()  # rq's handlers are for its loop; here a signal only ends this one
            attempt = 0 if time.monotonic() - started > 60 else attempt + 1
            time.sleep(_backoff(attempt))
    except KeyboardInterrupt:
        pass  # told to stop between two runs of the worker
    finally:
        stop.set()
        scheduler.join(5)


def _die_with(parent_pid):
    """Ask the kernel to SIGTERM this process when its parent dies (Linux), and check it has not died already."""
    _signals_end_this_process()  # not the pool's handlers, inherited through the fork: they signal every sibling
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (AttributeError, OSError) as error:
        log.warning("cannot ask to die with the supervisor: %s", error)
    if os.getppid() != parent_pid:
        os._exit(0)


def _signals_end_this_process():
    """Until rq installs its own handlers, SIGTERM and SIGINT end this process (through its `finally` blocks)."""
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, signal.default_int_handler)


def _backoff(attempt):
    return min(10.0, 0.5 * 2 ** attempt)
