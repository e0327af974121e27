"""POST /voice: the gateway's voice callbacks. Africa's Talking's fields in and AT voice XML out, or, on a
Twilio-compatible gateway (Twilio, Somleng), Twilio's fields in and TwiML out: one call flow, only the wire differs.

The flow's state travels in the URL each answer hands the gateway for the next keys (`?state=`, `Seal`), so
any web process answers any callback and nothing is stored between them but the call log. It is signed with the
app's secret and bound to the call's session: a state anyone edited, forged or carried over from another call is
logged and answered with a polite goodbye, never acted on; a state of any other shape is the same. Effects are carried out,
and committed, before the answer that tells the caller about them is written; a replayed callback repeats none of
them (one application per job and seeker, one call-back per call, job and time).

A call is spoken only in a language every prompt it needs can be spoken in (a staff recording, or a gateway voice
of that language reading its own script: `speech.missing`). A caller we cannot speak to is treated as a missed call:
rejected at once (free for the caller) and sent an SMS in their language with the USSD code, how to text JOBS and
the hotline.

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
from itsdangerous import BadSignature, Signer
from peewee import IntegrityError

from callbacks import Endpoint, speaks_twilio, wsgi_form
from core.contacts import contact as contacts, runner
from core.outbound import calls, outbox, prompts, spend
from core.platform import runtime
from core.outbound.models import Call
from core.platform.models import AuditEvent, db, hot_sql, utcnow
from core.text.i18n import text
from core.text.phone import gateway_msisdn, local_msisdn, mask_msisdn
from voice import flow, speech, twiml, wire

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
    """Where this deployment is reached, for the URLs an answer carries (the next callback, a Play's recording)."""

    root: str  # [app] public_url, else scheme://host[/script] as the gateway called us
    token: str

    def callback(self, sealed_state):
        return f"{self.root}{PATH}?token={quote_plus(self.token)}&state={sealed_state}"

    def recording(self, language, prompt_id):
        return f"{self.root}{RECORDINGS}{language}/{quote(prompt_id)}"


class Seal:
    """Signs a call's state for its callback URL and checks it when the gateway posts it back (itsdangerous, keyed
    by the app's secret). The signature covers the call's session id too: a state is good only in its own call."""

    def __init__(self, secret):
        self.signer = Signer(secret, salt="voice.state", sep=".")

    def seal(self, state, session_id):
        """The state as `?state=` carries it: `<URL-safe base64 JSON>.<signature>`."""
        payload = encode_state(state)
        return f"{payload}.{self.signer.get_signature(_signed(session_id, payload)).decode('ascii')}"

    def open(self, raw, session_id):
        """The state a URL carried, as `encode_state` wrote it: None when there is none (a call's first callback),
        FORGED when its signature does not hold for this session."""
        if not raw:
            return None
        payload, dot, signature = raw.rpartition(".")
        try:
            if not dot or not self.signer.verify_signature(_signed(session_id, payload), signature):
                return FORGED
        except (BadSignature, ValueError, UnicodeError):
            return FORGED
        return decode_state(payload)


FORGED = object()  # Seal.open's answer for a state whose signature does not hold


def _signed(session_id, payload):
    return f"{session_id}\n{payload}".encode("utf-8", "replace")


class Fields(NamedTuple):
    """One voice callback, whichever gateway sent it."""

    session_id: str
    direction: str  # "inbound" (a person called us) or "outbound" (a call we placed)
    msisdn: str | None  # the person's number: who called us, or whom we called
    digits: str
    ended: bool  # the gateway's report of the call's end, not a step of it
    duration: int | None = None
    cost: str | None = None
    cause: str = ""


def at_fields(form):
    """AT's callback fields."""
    direction = "inbound" if form.get("direction", "").strip().lower() == "inbound" else "outbound"
    if direction == "inbound":
        msisdn = gateway_msisdn(form.get("callerNumber", "").strip())
    else:  # AT names the person differently across accounts
        msisdn = gateway_msisdn(form.get("destinationNumber", "").strip()) or gateway_msisdn(
            form.get("callerNumber", "").strip())
    amount = form.get("amount", "").strip()
    cost = f"{form.get('currencyCode', '').strip()[:8]} {amount[:16]}".strip() if amount else None
    cause = (form.get("hangupCause") or form.get("callSessionState") or form.get("status") or "").strip()[:64]
    return Fields(form.get("sessionId", "").strip(), direction, msisdn, form.get("dtmfDigits", ""),
                  form.get("isActive", "1").strip() == "0", _int(form.get("durationInSeconds")), cost, cause)


# Twilio's final call statuses, as the hang-up causes core.outbound.calls knows them by (AT's names).
TWILIO_ENDED = {"completed": "NORMAL_CLEARING", "no-answer": "NO_ANSWER", "busy": "USER_BUSY",
                "canceled": "ORIGINATOR_CANCEL", "failed": "CALL_FAILED"}


def twilio_fields(form):
    """Twilio's (and Somleng's) callback fields."""
    direction = "inbound" if form.get("Direction", "").strip().lower() == "inbound" else "outbound"
    msisdn = gateway_msisdn(form.get("From" if direction == "inbound" else "To", "").strip())
    status = form.get("CallStatus", "").strip().lower()
    return Fields(form.get("CallSid", "").strip(), direction, msisdn, form.get("Digits", ""), status in TWILIO_ENDED,
                  _int(form.get("CallDuration")), None, TWILIO_ENDED.get(status, status)[:64])


class Dialect(NamedTuple):
    """A gateway's wire: how its callbacks name things and how an answer is written."""

    fields: object
    speech: object
    document: object
    hang_up: object
    reject: object
    content_type: str


AT = Dialect(at_fields, wire.speech, wire.document, wire.hang_up, wire.reject, "application/xml; charset=utf-8")
TWIML = Dialect(twilio_fields, twiml.speech, twiml.document, twiml.hang_up, twiml.reject,
                "text/xml; charset=utf-8")


class Line(NamedTuple):
    """What a deployment's voice line answers with: the gateway's wire and voices, the default language, the
    hotline said after offers and applications."""

    dialect: Dialect
    voices: speech.Voices
    default_language: str
    hotline: str
    seal: Seal


def line_of(services):
    """The voice line of an app's services."""
    config = services.config
    hotline = "".join(ch for ch in config.deployment().hotline if ch.isdigit())
    return Line(TWIML if speaks_twilio(config) else AT, speech.Voices.of(services.gateway.tts_voices()),
                config.deployment().default_language, hotline, Seal(config["app"]["secret_key"]))


class VoiceEndpoint(Endpoint):
    """POST /voice?token=…: the gateway's voice document for each callback."""

    path = PATH
    twilio_posts = True

    def __init__(self, fallback, services):
        super().__init__(fallback, services)
        self.line = line_of(services)
        self.content_type = self.line.dialect.content_type
        self.public_url = self.config.public_url()

    def answer(self, environ, query):
        links = Links(self.public_url or _root(environ), self.config["gateway"]["callback_token"])
        return callback(wsgi_form(environ, MAX_FIELD), query.get("state", [""])[0][:MAX_STATE], links, self.line)


def callback(form, raw_state, links, line):
    """Answer one voice callback; a failure inside is apologised for (where the caller's language can be spoken),
    never a 500."""
    try:
        return answer(line.dialect.fields(form), raw_state, links, line)
    except Exception:  # the caller hears an apology instead of dead air; we read the traceback
        log.exception("voice callback failed for session %s", form.get("sessionId", form.get("CallSid", ""))[:40])
        apology = speech.speak([speech.prompt("voice.error")], line.default_language, prompts.recorded(), line.voices)
        return line.dialect.document(line.dialect.speech(apology, links.recording))


def answer(fields, raw_state, links, line):
    """The answer to one callback's fields and the state its URL carried; a caller we know nothing of hears
    the deployment's default language first."""
    dialect = line.dialect
    session_id, direction, msisdn = fields.session_id, fields.direction, fields.msisdn
    if not session_id:
        return dialect.reject()
    if fields.ended:
        calls.ended(session_id, direction, msisdn, fields.duration, fields.cost, fields.cause)
        return dialect.hang_up()
    if direction == "inbound" and msisdn is None:
        return dialect.reject()
    raw = line.seal.open(raw_state, session_id)
    if raw is FORGED:
        log.warning("voice callback with a forged or edited state in session %s from %s: hung up",
                    session_id[:40], mask_msisdn(msisdn))
        return goodbye(line, links)
    state = flow.restore(raw)
    if raw is not None and state is None:  # signed by us, yet not a state this flow's version reads
        log.warning("voice callback with a state this flow cannot read in session %s: hung up", session_id[:40])
        return goodbye(line, links)
    recorded = prompts.recorded()
    call = None
    if direction == "outbound":
        # A call we placed: its row says what it is about (read on each callback, so the URL names nobody).
        call = calls.answered(session_id, msisdn) if state is None else Call.get_or_none(Call.id == state.get("call"))
        if call is None or call.direction != "outbound" or call.session_id != session_id:
            log.warning("voice callback for an unknown outbound session to %s", mask_msisdn(msisdn))
            return dialect.hang_up()
        msisdn = call.msisdn
    if state is None:  # the call's first callback: the live jobs as they are now, not as this process last saw them
        runtime.current().live_jobs.refresh()
    snapshot = runtime.current().live_jobs.current()
    facts = flow.Facts(snapshot, offer_of(call), _job_lists.setdefault(snapshot, {}), line.hotline)
    if state is None:
        if call is None:
            profile = profile_of(msisdn)
            language = profile.get("lang") or line.default_language
            if speech.missing(language, recorded, line.voices):
                missed_call(msisdn, session_id, language)
                return dialect.reject()
            state = flow.begin_inbound(profile, facts, line.default_language)
        else:
            state = flow.begin_offer(facts, call.language, call.id, line.default_language)
            if speech.missing(state["lang"], recorded, line.voices):  # recordings removed since it was placed
                calls.ended(session_id, direction, msisdn, None, None, "NO_VOICE")
                return dialect.hang_up()
        return render(state, facts, links, line, recorded, session_id)
    state, effects = flow.step(state, fields.digits, facts)
    if effects:
        state = record(effects, state, msisdn, session_id, direction, call)
    reply = flow.reply(state, facts)
    if not effects and reply.collect is None:  # the menu's end: the keys that ended it
        with db.atomic():
            calls.record_keys(session_id, direction, msisdn, call.id if call else None, state["k"].strip())
    return render(state, facts, links, line, recorded, session_id, reply)


def profile_of(msisdn):
    """What the flow starts from for a caller: language, home province, reach and trades (empty for a new number)."""
    # One indexed read, written out once: the first callback of every call to us waits on it.
    rows = db.execute_sql(hot_sql(
        "SELECT seeker.language, seeker.home_province_id, seeker.reach, seeker_trade.category_id FROM seeker"
        " LEFT JOIN seeker_trade ON seeker_trade.seeker_id = seeker.id WHERE seeker.msisdn = ?"
    ), (msisdn,)).fetchall()
    if not rows:
        return {}
    language, home, reach, _trade = rows[0]
    return {"lang": language, "home": home, "reach": reach,
            "trades": sorted(trade for *_seeker, trade in rows if trade is not None)}


def offer_of(call):
    """The job offer an outbound call carries: who shared it and how they know the friend, for a share."""
    if call is None or call.job_id is None:
        return None
    sharer = call.referral.referrer.msisdn if call.referral_id is not None and call.kind == "share" else None
    return flow.Offer(call.kind, call.job.ref, local_msisdn(sharer) if sharer else None, call.relation)


def missed_call(msisdn, session_id, language):
    """A call we cannot speak to the caller in: log it as missed and text them, in their language, how to reach
    jobs without a voice (the USSD code, JOBS by SMS, the hotline); committed before the call is rejected. The same
    callback twice gets one SMS; a number that keeps calling, at most [caps] missed_call_sms_per_day (core.outbound.spend)."""
    now = utcnow()
    deployment = runtime.current().config.deployment()
    with outbox.recording():
        try:
            with db.atomic():
                Call.create(direction="inbound", kind="inbound", msisdn=msisdn, session_id=session_id,
                            status="missed", language=language, outcome="no voice or recordings for its language",
                            placed_at=now, ended_at=now)
        except IntegrityError:  # the gateway's repeat of the same callback
            return
        if spend.allow("missed_call", msisdn).refused is None:
            body = text(language, "sms.missed_call", service=deployment.service, ussd=deployment.ussd_code,
                        sms_number=deployment.sms_number, hotline=", ".join(deployment.hotlines))
            outbox.dispatch([outbox.add(msisdn, body, kind="missed_call")])


def record(effects, state, msisdn, session_id, direction, call):
    """Carry out a step's effects (core.contacts.runner) and store the call's keys, in one transaction; returns the state they
    settle in.

    Committed before the answer that tells the person about them is written: a web process that dies first has told
    nobody anything, and the gateway's repeat of the callback finds the application (one per job and seeker)."""
    contact = contacts.Contact(msisdn, state["lang"])
    with outbox.recording():
        calls.record_keys(session_id, direction, msisdn, call.id if call else None, state["k"].strip())
        via = runner.Via("voice", session_id, call=call)
        for effect, done in zip(effects, runner.carry_out(contact, effects, via)):
            state = flow.settle(state, effect, done)
            if AuditEvent.acting() is not None:  # staff in the simulator: each thing the call did is on record
                AuditEvent.record(msisdn, f"voice.{type(effect).__name__}",
                                  calls.logged(session_id, direction, msisdn, call), None, effect._asdict())
    return state


def render(state, facts, links, line, recorded, session_id, reply=None):
    """The document that says a state's reply; the next callback's URL carries the state, sealed for this call."""
    reply = reply or flow.reply(state, facts)
    spoken = _spoken(reply.parts, state["lang"], recorded, line, links)
    url = links.callback(line.seal.seal(state, session_id)) if reply.collect else None
    return line.dialect.document(spoken, reply.collect, url)


def goodbye(line, links):
    """A polite end for a callback we will not act on: "goodbye" in the deployment's default language, then the
    line is hung up."""
    said = speech.speak([speech.prompt("voice.goodbye")], line.default_language, prompts.recorded(), line.voices)
    return line.dialect.document(line.dialect.speech(said, links.recording))


@functools.lru_cache(maxsize=4096)  # a menu says the same few hundred things over and over
def _spoken(parts, language, recorded, line, links):
    """The Play and Say verbs of a reply's parts, in a language, given the recordings and voices there are."""
    return line.dialect.speech(speech.speak(parts, language, recorded, line.voices), links.recording)


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
    """What `encode_state` wrote (its shape not yet checked: flow.restore does that), or None for anything else."""
    try:
        return json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4))) if raw else None
    except (ValueError, TypeError, RecursionError):  # not base64, not UTF-8, not JSON, or nested beyond reason
        return None


def _int(value):
    try:
        return max(0, min(int(float(value)), 10**6))
    except (TypeError, ValueError, OverflowError):
        return None
