"""Recordings for tests: a short WAV tone stands in for a staff recording of a prompt."""
import functools
import io
import math
import struct
import wave

from core.outbound.models import VoicePrompt
from core.platform.models import db, utcnow
from core.outbound.prompts import SPOKEN, forget


@functools.lru_cache(maxsize=None)
def tone(seed):
    """A short WAV tone (pitch from `seed`)."""
    rate, seconds = 8000, 0.25
    pitch = 300 + (sum(seed.encode()) % 40) * 15
    frames = b"".join(
        struct.pack("<h", int(8000 * math.sin(2 * math.pi * pitch * n / rate))) for n in range(int(rate * seconds))
    )
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(frames)
    return buffer.getvalue()


def record_all(prompt_ids, languages=SPOKEN, actor="test"):
    """Give every prompt without a recording a tone, in the given spoken languages; returns how many."""
    have = VoicePrompt.recorded()
    rows = [
        {"language": language, "prompt": prompt_id, "audio": tone(prompt_id), "content_type": "audio/wav",
         "uploaded_by": actor, "uploaded_at": utcnow()}
        for language in languages for prompt_id in prompt_ids if (language, prompt_id) not in have
    ]
    with db.atomic():
        for start in range(0, len(rows), 100):
            VoicePrompt.insert_many(rows[start:start + 100]).on_conflict_ignore().execute()
    forget()
    return len(rows)
