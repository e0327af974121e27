"""The services an app runs on: its config, Redis, the queue, the gateway and this process's copy of the live jobs.

`init_app` builds them once per app and keeps them on it as `app.extensions["bongpheak"]`, as Flask extensions keep
their state; the web processes and the worker build them through the same `create_app`. Code reaches the services of
the app at work through `current()`: inside a Flask request, a CLI command or the worker (which runs in the app
context, its forked children too) that is `current_app`'s; the plain WSGI endpoints in front of Flask, and tests,
`bind` theirs for the duration instead (a context variable, as `current_app` itself is, without the rest of an app
context). A background thread has neither: it is handed the services it needs when it starts.

Every Redis key and the queue's name start with `[redis] prefix`, so deployments sharing one Redis never see each
other's state.
"""
import contextlib
import contextvars
import logging

from flask import current_app
from redis import Redis
from redis.backoff import NoBackoff
from redis.retry import Retry
from rq import Queue

log = logging.getLogger(__name__)

EXTENSION = "bongpheak"
_bound = contextvars.ContextVar("bongpheak_services", default=None)


class Services:
    """One app's services; built by `init_app`, reached through `current()`."""

    def __init__(self, config, gateway):
        from core.jobs import livejobs
        from core.outbound import outbox

        self.config = config
        self.prefix = config["redis"]["prefix"]
        # No retries inside a call: a request must not wait seconds on a Redis that is down (it has answers without
        # it), and the worker's supervisor reconnects with its own backoff.
        self.redis = Redis.from_url(
            config["redis"]["url"], socket_timeout=5, socket_connect_timeout=2, health_check_interval=30,
            retry=Retry(NoBackoff(), 0),
        )
        self.queue = Queue(self.prefix, connection=self.redis)
        self.gateway = gateway
        self.live_jobs = livejobs.Cache(livejobs.load_snapshot, self)
        self.wakeups = outbox.WakeUps(config.get_int("outbox", "wakeup_batch_ms") / 1000, self)
        self.extensions = {}  # what a channel keeps per app (the USSD session store), by the channel's name

    def key(self, *parts):
        """A Redis key in this deployment's namespace: key("ussd", "start", sid) -> "<prefix>:ussd:start:<sid>"."""
        return ":".join((self.prefix, *map(str, parts)))

    def enqueue(self, func, *args, **kwargs):
        """Queue a job; if Redis is unreachable, log and go on: the database rows are the record, the sweeper
        catches up."""
        try:
            return self.queue.enqueue(func, *args, **kwargs)
        except Exception as error:  # any Redis failure: the rows are the record of truth
            log.warning("could not enqueue %s: %s", getattr(func, "__name__", func), error)
            return None


def init_app(app, config, gateway):
    """Build the app's services and keep them on it."""
    services = app.extensions[EXTENSION] = Services(config, gateway)
    return services


def current():
    """The services of the app at work here: the ones bound, else the current Flask app's."""
    services = _bound.get()
    return services if services is not None else current_app.extensions[EXTENSION]


@contextlib.contextmanager
def bound(services):
    """Make `services` the current ones for the block (a plain WSGI request, a test)."""
    token = _bound.set(services)
    try:
        yield services
    finally:
        _bound.reset(token)


def services_of(app):
    """An app's services, outside its context (wiring it up)."""
    return app.extensions[EXTENSION]


def key(*parts):
    """A Redis key in the current app's namespace."""
    return current().key(*parts)


def enqueue(func, *args, **kwargs):
    """Queue a job on the current app's queue (see Services.enqueue)."""
    return current().enqueue(func, *args, **kwargs)
