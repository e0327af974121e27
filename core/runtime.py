"""The process-wide services the composition root wires: config, Redis, the queue and the gateway.

rq jobs are plain functions that take ids; they reach these services here, set once by create_app.
"""
import logging

from redis import Redis
from rq import Queue

log = logging.getLogger(__name__)

QUEUE_NAME = "bongpheak"


class Runtime:
    config = None
    redis = None
    queue = None
    gateway = None


def configure(config, gateway):
    """Set the services every job and channel uses."""
    Runtime.config = config
    Runtime.redis = Redis.from_url(config["redis"]["url"], socket_timeout=5, socket_connect_timeout=2)
    Runtime.queue = Queue(QUEUE_NAME, connection=Runtime.redis)
    Runtime.gateway = gateway
    return Runtime


def enqueue(func, *args, at=None, **kwargs):
    """Queue a job; if Redis is unreachable, log and go on: the outbox sweeper catches up."""
    try:
        if at is not None:
            return Runtime.queue.enqueue_at(at, func, *args, **kwargs)
        return Runtime.queue.enqueue(func, *args, **kwargs)
    except Exception as error:  # any Redis failure: the outbox row is the record of truth
        log.warning("could not enqueue %s: %s", getattr(func, "__name__", func), error)
        return None
