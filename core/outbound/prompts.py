"""Voice prompt recordings: staff upload one per prompt and spoken language; calls play them, or read the text."""
import time

from peewee import IntegrityError

from core.outbound.models import VoicePrompt
from core.platform.models import AuditEvent, db, utcnow

SPOKEN = ("km", "en")
MAX_BYTES = 2 * 1024 * 1024
CONTENT_TYPES = {"audio/mpeg": "mp3", "audio/mp3": "mp3", "audio/wav": "wav", "audio/x-wav": "wav",
                 "audio/wave": "wav"}
CACHE_SECONDS = 30.0
_cache = {}  # {database: (read at, recorded)}: a second app in the process has its own


def recorded():
    """{(spoken language, prompt id)} with a recording; read at most every CACHE_SECONDS by each process."""
    read_at, found = _cache.get(_database(), (float("-inf"), frozenset()))
    if time.monotonic() - read_at > CACHE_SECONDS:
        found = frozenset(VoicePrompt.recorded())
        _cache[_database()] = (time.monotonic(), found)
    return found


def forget():
    """Read the recordings again on the next call (after an upload in this process)."""
    _cache.pop(_database(), None)


def _database():
    return type(db.obj).__name__, db.obj.database


class BadRecording(ValueError):
    """An upload that is not an MP3 or WAV recording of a sensible size."""


def content_type_of(audio, declared):
    """The recording's content type from its first bytes (MP3 or WAV), or BadRecording."""
    if not audio or len(audio) > MAX_BYTES:
        raise BadRecording(f"a recording is between 1 byte and {MAX_BYTES // 1024 // 1024} MB")
    if audio[:4] == b"RIFF" and audio[8:12] == b"WAVE":
        return "audio/wav"
    if audio[:3] == b"ID3" or (len(audio) > 1 and audio[0] == 0xFF and audio[1] & 0xE0 == 0xE0):
        return "audio/mpeg"
    raise BadRecording(f"not an MP3 or WAV file ({(declared or 'unknown type')[:40]})")


def save(language, prompt_id, audio, declared_type, actor):
    """Store (or replace) the recording of one prompt; audited."""
    if language not in SPOKEN:
        raise BadRecording(f"unknown spoken language {language!r}")
    content_type = content_type_of(audio, declared_type)
    with db.atomic():
        existing = VoicePrompt.get_or_none(VoicePrompt.language == language, VoicePrompt.prompt == prompt_id)
        fields = dict(audio=audio, content_type=content_type, uploaded_by=actor, uploaded_at=utcnow())
        if existing is None:
            try:
                with db.atomic():
                    row = VoicePrompt.create(language=language, prompt=prompt_id, **fields)
            except IntegrityError:  # two uploads at once: the later one wins
                row = VoicePrompt.get(VoicePrompt.language == language, VoicePrompt.prompt == prompt_id)
                VoicePrompt.update(**fields).where(VoicePrompt.id == row.id).execute()
        else:
            VoicePrompt.update(**fields).where(VoicePrompt.id == existing.id).execute()
            row = existing
        AuditEvent.record(actor, "prompt.upload", row, None, {"language": language, "prompt": prompt_id,
                                                              "bytes": len(audio)})
    forget()
    return row


def audio_of(language, prompt_id):
    """(bytes, content type) of a recording, or None."""
    row = (
        VoicePrompt.select(VoicePrompt.audio, VoicePrompt.content_type)
        .where((VoicePrompt.language == language) & (VoicePrompt.prompt == prompt_id))
        .first()
    )
    return None if row is None else (bytes(row.audio), row.content_type)
