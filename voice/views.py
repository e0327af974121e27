"""POST /voice: Africa's Talking's voice callbacks. AT fields in, AT voice XML out, on every path.

The flow's state travels in the callbackUrl of each GetDigits (`?state=`), so any web process answers any callback
and nothing is stored between them but the call log. Effects are carried out, and committed, before the answer
that tells the caller about them is written; a replayed callback repeats none of them (one application per job and
seeker, one call-back per call, job and time). GET /voice/prompts/… serves the recordings `Play` points at.
"""
import json
import logging
from urllib.parse import quote

from flask import Blueprint, Response, abort, current_app, request, url_for

from callbacks import require_callback_token
from core import calls, livejobs, prompts
from core.models import Call
from core.phone import gateway_msisdn, mask_msisdn
from voice import flow, host, speech, wire

log = logging.getLogger(__name__)

bp = Blueprint("voice", __name__)

MAX_FIELD = 128
MAX_STATE = 2000
XML = "application/xml"


@bp.post("/voice")
@require_callback_token
def callback():
    """Answer one voice callback with AT voice XML; a failure inside is apologised for, never a 500."""
    form = {name: value.replace("\x00", "")[:MAX_FIELD] for name, value in request.form.items()}
    try:
        body = answer(form, request.args.get("state", "")[:MAX_STATE])
    except Exception:  # the caller hears an apology instead of dead air; we read the traceback
        log.exception("voice callback failed for session %s", form.get("sessionId", "")[:40])
        body = wire.response([speech.Action("say", speech.prompt_text("voice.error", "en"))], play_url=None)
    return Response(body, mimetype=XML)


def answer(form, raw_state):
    """The XML for one callback's fields and the state its URL carried."""
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
    state = flow.restore(_decode(raw_state))
    call = None
    if direction == "outbound":
        # A call we placed: its row says what it is about (read on each callback, so the URL names nobody).
        call = calls.answered(session_id, msisdn) if state is None else Call.get_or_none(Call.id == state.get("call"))
        if call is None or call.direction != "outbound" or call.session_id != session_id:
            log.warning("voice callback for an unknown outbound session to %s", mask_msisdn(msisdn))
            return wire.hang_up()
        msisdn = call.msisdn
    facts = flow.Facts(livejobs.cache.current(), host.offer_of(call))
    if state is None:  # the call's first callback
        livejobs.cache.refresh(livejobs.read_version())
        facts.snapshot = livejobs.cache.current()
        if call is None:
            state = flow.begin_inbound(host.profile_of(msisdn), facts)
        elif facts.offer is None:  # a call about a job since deleted
            state = {"id": "ended", "lang": call.language or "km-Latn", "k": ""}
        else:
            state = flow.begin_offer(facts, call.language, call.id)
        return render(state, facts)
    state, effects = flow.step(state, form.get("dtmfDigits", ""), facts)
    caller = host.Caller(msisdn, session_id, direction, call)
    for effect in effects:
        state = flow.settle(state, effect, host.carry_out(effect, caller, state))
    reply = flow.reply(state, facts)
    if effects or reply.collect is None:
        calls.logged(session_id, direction, msisdn, call, keys=state.get("k", "").strip())
    return render(state, facts, reply)


def _msisdn(form, direction):
    """The person's number: who called us, or whom we called (AT names them differently across accounts)."""
    if direction == "inbound":
        return gateway_msisdn(form.get("callerNumber", "").strip())
    return gateway_msisdn(form.get("destinationNumber", "").strip()) or gateway_msisdn(
        form.get("callerNumber", "").strip())


def render(state, facts, reply=None):
    """The XML that says a state's reply."""
    reply = reply or flow.reply(state, facts)
    actions = speech.speak(reply.parts, state["lang"], prompts.recorded())
    recordings = url_for("voice.recording", language="-", prompt_id="-", _external=True)[:-3]
    return wire.response(actions, lambda language, prompt_id: f"{recordings}{language}/{quote(prompt_id)}",
                         reply.collect, _callback_url(state) if reply.collect else None)


@bp.get("/voice/prompts/<language>/<prompt_id>")
def recording(language, prompt_id):
    """A prompt's recording, for the gateway's Play (recordings are no secret; they are what callers hear)."""
    found = prompts.audio_of(language, prompt_id[:MAX_FIELD])
    if found is None:
        abort(404)
    audio, content_type = found
    return Response(audio, mimetype=content_type, headers={"Cache-Control": "public, max-age=300"})


def _callback_url(state):
    token = current_app.config["BONGPHEAK"]["gateway"]["callback_token"]
    encoded = json.dumps(state, separators=(",", ":"), sort_keys=True)
    return url_for("voice.callback", token=token, state=encoded, _external=True)


def _decode(raw):
    try:
        return json.loads(raw) if raw else None
    except ValueError:
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
