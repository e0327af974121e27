"""The process-wide services the composition root wires: config, Redis, the queue and the gateway.

rq jobs are plain functions that take ids; they reach these services here, set once by create_app. Every Redis key
and the queue's name start with `[redis] prefix`, so deployments sharing one Redis never see each other's state.
"""
import logging

from redis import Redis
from redis.backoff import NoBackoff
from redis.retry import Retry
from rq import Queue

log = logging.getLogger(__name__)


class Runtime:
    config = None
    redis = None
    queue = None
    gateway = None
    prefix = "bp"


def configure(config, gateway):
    """Set the services every job and channel uses."""
    Runtime.config = config
    Runtime.prefix = config["redis"]["prefix"]
    # No retries inside a call: a request must not wait seconds on a Redis that is down (it has answers without
    # it), and the worker's supervisor reconnects with its own backoff.
    Runtime.redis = Redis.from_url(
        config["redis"]["url"], socket_timeout=5, socket_connect_timeout=2, health_check_interval=30,
        retry=Retry(NoBackoff(), 0),
    )
    Runtime.queue = Queue(Runtime.prefix, connection=Runtime.redis)
    Runtime.gateway = gateway
    return Runtime


def key(*parts):
    """A Redis key in this deployment's namespace: key("ussd", "start", sid) -> "<prefix>:ussd:start:<sid>"."""
    return ":".join((Runtime.prefix, *map(str, parts)))


def enqueue(func, *args, **kwargs):
    """Queue a job; if Redis is unreachable, log and go on: the database rows are the record, the sweeper catches up."""
    try:
        return Runtime.queue.enqueue(func, *args, **kwargs)
    except Exception as error:  # any Redis failure: the rows are the record of truth
        log.warning("could not enqueue %s: %s", getattr(func, "__name__", func), error)
        return None
