"""What the call flow asks the host to do, as data. The host carries them out through core, then answers."""
from typing import NamedTuple


class SetLanguage(NamedTuple):
    language: str


class Apply(NamedTuple):
    ref: str
    experienced: bool


class CallBack(NamedTuple):
    """Call this person again about the job: "hour" (in an hour) or "tomorrow" (this time tomorrow)."""

    ref: str
    when: str


class StopCalls(NamedTuple):
    """The person asked never to be called again."""
