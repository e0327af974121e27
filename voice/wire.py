"""Africa's Talking voice XML: the actions of a reply written as `<Response>…</Response>`. Pure: no I/O.

A reply that collects keys wraps its speech in `GetDigits` (AT posts the keys to `callbackUrl`); after it, a
`Redirect` to the same URL tells the flow that nothing was pressed before the timeout. Every answer, even to a
malformed callback, is one of these documents.
"""
from xml.sax.saxutils import escape, quoteattr

SAY_VOICE = "woman"
KEY_TIMEOUT = 10  # seconds AT waits for a key
NUMBER_TIMEOUT = 20
ELEMENTS = ("Response", "GetDigits", "Say", "Play", "Redirect", "Reject")  # every element we ever write

_XML_TEXT_BAD = dict.fromkeys(range(0x20), None)
for _allowed in (0x09, 0x0A, 0x0D):
    del _XML_TEXT_BAD[_allowed]


def _clean(text):
    """Text without the control characters XML 1.0 cannot hold."""
    return str(text).translate(_XML_TEXT_BAD)


def response(actions, play_url, collect=None, callback_url=None):
    """The XML for actions (voice.speech.Action), collecting one key or a number when `collect` says so."""
    return document(speech(actions, play_url), collect, callback_url)


def speech(actions, play_url):
    """The Play and Say elements that say actions; `play_url(spoken language, prompt id)` locates a recording."""
    return "".join(_action(action, play_url) for action in actions)


def document(spoken, collect=None, callback_url=None):
    """A whole answer around the elements `speech` wrote, collecting one key or a number when `collect` says so."""
    if collect is None:
        return f'<?xml version="1.0" encoding="UTF-8"?><Response>{spoken}</Response>'
    size = ' numDigits="1"' if collect == "key" else ""
    timeout = KEY_TIMEOUT if collect == "key" else NUMBER_TIMEOUT
    gather = (
        f'<GetDigits timeout="{timeout}" finishOnKey="#"{size} callbackUrl={quoteattr(_clean(callback_url))}>'
        f"{spoken}</GetDigits>"
    )
    silence = f"<Redirect>{escape(_clean(callback_url))}</Redirect>"
    return f'<?xml version="1.0" encoding="UTF-8"?><Response>{gather}{silence}</Response>'


def hang_up():
    """An empty answer: nothing more to say (the call's end report)."""
    return '<?xml version="1.0" encoding="UTF-8"?><Response/>'


def reject():
    """Refuse the call without answering it (no charge to the caller)."""
    return '<?xml version="1.0" encoding="UTF-8"?><Response><Reject/></Response>'


def _action(action, play_url):
    if action.kind == "play":
        return f"<Play url={quoteattr(_clean(play_url(*action.value)))}/>"
    # AT's voices read English only: speech.speak never gives them Khmer (a Khmer call there is recorded or missed).
    return f"<Say voice={quoteattr(action.voice or SAY_VOICE)}>{escape(_clean(action.value))}</Say>"
