"""TwiML, for Twilio-compatible gateways (Twilio, Somleng): the actions of a reply written with the `twilio` package's
VoiceResponse. Pure: no I/O.

A reply that collects keys wraps its speech in `<Gather>` (the gateway posts `Digits` to its action); after it, a
`<Redirect>` to the same URL tells the flow that nothing was pressed before the timeout, as AT's Redirect does.
"""
import functools
from xml.sax.saxutils import escape

from twilio.twiml.voice_response import Gather, Play, Say, VoiceResponse

KEY_TIMEOUT = 10  # seconds the gateway waits for a key
NUMBER_TIMEOUT = 20

_XML_TEXT_BAD = dict.fromkeys(c for c in range(0x20) if c not in (0x09, 0x0A, 0x0D))


def speech(actions, play_url):
    """The Play and Say verbs that say actions; `play_url(spoken language, prompt id)` locates a recording."""
    return tuple(_verb(action, play_url) for action in actions)


def document(spoken, collect=None, callback_url=None):
    """A whole answer around the verbs `speech` made, collecting one key or a number when `collect` says so."""
    if collect is None:
        return _document(spoken, None)
    # The document is written once per speech and kind of collection; each call's own URL goes into its copy.
    return _document(spoken, collect).replace(_URL, escape(callback_url, {'"': "&quot;"}))


_URL = "\x00url\x00"


@functools.lru_cache(maxsize=4096)  # `spoken` comes from voice.views' cache: the same few hundred answers
def _document(spoken, collect):
    callback_url = _URL
    response = VoiceResponse()
    if collect is None:
        for verb in spoken:
            response.append(verb)
        response.hangup()
        return str(response)
    gather = Gather(input="dtmf", action=callback_url, method="POST", finish_on_key="#",
                    timeout=KEY_TIMEOUT if collect == "key" else NUMBER_TIMEOUT,
                    num_digits=1 if collect == "key" else None)
    for verb in spoken:
        gather.append(verb)
    response.append(gather)
    response.redirect(callback_url, method="POST")
    return str(response)


def response(actions, play_url, collect=None, callback_url=None):
    """The TwiML for actions, collecting one key or a number when `collect` says so."""
    return document(speech(actions, play_url), collect, callback_url)


def hang_up():
    """Nothing more to say (the answer to a call's status report)."""
    return str(VoiceResponse().hangup())


def reject():
    """Refuse the call without answering it: no charge to the caller, as a missed call."""
    response = VoiceResponse()
    response.reject(reason="busy")
    return str(response)


def _verb(action, play_url):
    if action.kind == "play":
        return Play(play_url(*action.value))
    text = str(action.value).translate(_XML_TEXT_BAD)
    return Say(text, voice=action.voice or None, language=action.language)
