"""The version of the live-jobs list: bumped on every change, so each web process knows when to reload its copy."""
import logging

from core import runtime

log = logging.getLogger(__name__)

JOBS_VERSION_KEY = "bp:jobs:version"


def bump_version():
    """Tell every process that the live jobs changed (a status, a listing, an employer's standing)."""
    try:
        runtime.Runtime.redis.incr(JOBS_VERSION_KEY)
    except Exception as error:  # the caches then refresh on their time limit instead
        log.warning("could not bump the live jobs version: %s", error)
