"""POST /voice: Africa's Talking's voice callbacks. AT fields in, AT voice XML out, on every path.

The flow's state travels in the callbackUrl of each GetDigits (`?state=`, `encode_state`), so any web process
answers any callback and nothing is stored between them but the call log. Effects are carried out, and committed, before the answer
that tells the caller about them is written; a replayed callback repeats none of them (one application per job and
seeker, one call-back per call, job and time).

Like POST /ussd, the callback is a plain WSGI handler in front of Flask: a step through the menu is a few hundred
microseconds of work, and Flask's per-request machinery would cost about as much again (bench/voice_bench.py).
The blueprint `bp` serves GET /voice/prompts/…, the recordings `Play` points at.
"""
import base64
import functools
import json
import logging
import weakref
from typing import NamedTuple
from urllib.parse import quote, quote_plus

from flask import Blueprint, Response, abort

from callbacks import Endpoint, wsgi_form
from core import calls, prompts, runtime
from core.models import Call, db
from core.i18n import normalise_language
from core.phone import gateway_msisdn, mask_msisdn
from voice import flow, host, speech, wire

log = logging.getLogger(__name__)

# The job lists calls have asked of each live-jobs snapshot, kept as long as the snapshot is (flow.job_list fills it).
_job_lists = weakref.WeakKeyDictionary()

bp = Blueprint("voice", __name__)

PATH = "/voice"
RECORDINGS = "/voice/prompts/"
MAX_FIELD = 128
MAX_STATE = 2000


def init_app(app):
    """Serve the recordings (blueprint) and answer POST /voice in front of the Flask app."""
    app.register_blueprint(bp)
    app.wsgi_app = VoiceEndpoint(app.wsgi_app, runtime.services_of(app))
    return app


class Links(NamedTuple):
    """Where this deployment is reached, for the URLs an answer carries (callbackUrl, Play url)."""

    root: str  # scheme://host[/script], as the gateway called us
    token: str

    def callback(self, state):
        return f"{self.root}{PATH}?token={quote_plus(self.token)}&state={encode_state(state)}"

    def recording(self, language, prompt_id):
        return f"{self.root}{RECORDINGS}{language}/{quote(prompt_id)}"


class VoiceEndpoint(Endpoint):
    """POST /voice?token=…: AT voice XML for each callback."""

    path = PATH
    content_type = "application/xml; charset=utf-8"

    def __init__(self, fallback, services):
        super().__init__(fallback, services)
        self.default_language = normalise_language(self.config["app"]["default_language"])

    def answer(self, environ, query):
        links = Links(_root(environ), self.config["gateway"]["callback_token"])
        return callback(wsgi_form(environ, MAX_FIELD), query.get("state", [""])[0][:MAX_STATE], links,
                        self.default_language)


def callback(form, raw_state, links, default_language):
    """Answer one voice callback with AT voice XML; a failure inside is apologised for, never a 500."""
    try:
        return answer(form, raw_state, links, default_language)
    except Exception:  # the caller hears an apology instead of dead air; we read the traceback
        log.exception("voice callback failed for session %s", form.get("sessionId", "")[:40])
        apology = speech.prompt_text("voice.error", speech.fallback_language(default_language))
        return wire.response([speech.Action("say", apology)], play_url=None)


def answer(form, raw_state, links, default_language):
    """The XML for one callback's fields and the state its URL carried; a caller we know nothing of hears
    `default_language` ([app] default_language) first."""
    session_id = form.get("sessionId", "").strip()
    direction = "inbound" if form.get("direction", "").strip().lower() == "inbound" else "outbound"
    if not session_id:
        return wire.reject()
    msisdn = _msisdn(form, direction)
    if form.get("isActive", "1").strip() == "0":
        calls.ended(session_id, direction, msisdn, _int(form.get("durationInSeconds")), _cost(form), _cause(form))
        return wire.hang_up()
    if direction == "inbound" and msisdn is None:
        return wire.reject()
    state = flow.restore(decode_state(raw_state))
    call = None
    if direction == "outbound":
        # A call we placed: its row says what it is about (read on each callback, so the URL names nobody).
        call = calls.answered(session_id, msisdn) if state is None else Call.get_or_none(Call.id == state.get("call"))
        if call is None or call.direction != "outbound" or call.session_id != session_id:
            log.warning("voice callback for an unknown outbound session to %s", mask_msisdn(msisdn))
            return wire.hang_up()
        msisdn = call.msisdn
    if state is None:  # the call's first callback: the live jobs as they are now, not as this process last saw them
        runtime.current().live_jobs.refresh()
    snapshot = runtime.current().live_jobs.current()
    facts = flow.Facts(snapshot, host.offer_of(call), _job_lists.setdefault(snapshot, {}))
    if state is None:
        if call is None:
            state = flow.begin_inbound(host.profile_of(msisdn), facts, default_language)
        else:
            state = flow.begin_offer(facts, call.language, call.id, default_language)
        return render(state, facts, links)
    state, effects = flow.step(state, form.get("dtmfDigits", ""), facts)
    if effects:
        state = host.record(effects, host.Caller(msisdn, session_id, direction, call), state)
    reply = flow.reply(state, facts)
    if not effects and reply.collect is None:  # the menu's end: the keys that ended it
        with db.atomic():
            calls.record_keys(session_id, direction, msisdn, call.id if call else None, state["k"].strip())
    return render(state, facts, links, reply)


def _msisdn(form, direction):
    """The person's number: who called us, or whom we called (AT names them differently across accounts)."""
    if direction == "inbound":
        return gateway_msisdn(form.get("callerNumber", "").strip())
    return gateway_msisdn(form.get("destinationNumber", "").strip()) or gateway_msisdn(
        form.get("callerNumber", "").strip())


def render(state, facts, links, reply=None):
    """The XML that says a state's reply."""
    reply = reply or flow.reply(state, facts)
    spoken = _spoken(reply.parts, state["lang"], prompts.recorded(), links)
    return wire.document(spoken, reply.collect, links.callback(state) if reply.collect else None)


@functools.lru_cache(maxsize=4096)  # a menu says the same few hundred things over and over
def _spoken(parts, language, recorded, links):
    """The Play and Say elements of a reply's parts, in a language, given the recordings there are."""
    return wire.speech(speech.speak(parts, language, recorded), links.recording)


@bp.get("/voice/prompts/<language>/<prompt_id>")
def recording(language, prompt_id):
    """A prompt's recording, for the gateway's Play (recordings are no secret; they are what callers hear)."""
    found = prompts.audio_of(language, prompt_id[:MAX_FIELD])
    if found is None:
        abort(404)
    audio, content_type = found
    return Response(audio, mimetype=content_type, headers={"Cache-Control": "public, max-age=300"})


def _root(environ):
    host = environ.get("HTTP_HOST") or f"{environ.get('SERVER_NAME', 'localhost')}:{environ.get('SERVER_PORT', '80')}"
    return f"{environ.get('wsgi.url_scheme', 'http')}://{host}{environ.get('SCRIPT_NAME', '')}"


def encode_state(state):
    """A state as its callbackUrl carries it: JSON in URL-safe base64, so the URL needs no escaping either way."""
    encoded = json.dumps(state, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(encoded).rstrip(b"=").decode("ascii")


def decode_state(raw):
    """What `encode_state` wrote (not yet checked: flow.restore does that), or None for anything else."""
    try:
        return json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4))) if raw else None
    except ValueError:  # not base64, not UTF-8 or not JSON
        return None


def _int(value):
    try:
        return max(0, min(int(float(value)), 10**6))
    except (TypeError, ValueError, OverflowError):
        return None


def _cost(form):
    amount = form.get("amount", "").strip()
    if not amount:
        return None
    return f"{form.get('currencyCode', '').strip()[:8]} {amount[:16]}".strip()


def _cause(form):
    return (form.get("hangupCause") or form.get("callSessionState") or form.get("status") or "").strip()[:64]
