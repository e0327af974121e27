"""The SMS callbacks from the gateway (Africa's Talking's fields, or Twilio's on a Twilio-compatible gateway): incoming
messages and delivery reports. Always 200 once the token (and a Twilio signature) is right."""
import logging
from urllib.parse import parse_qs

from flask import Blueprint, request
from peewee import IntegrityError

from callbacks import require_callback_token, speaks_twilio
from core.platform import runtime
from core.contacts.models import InboundMessage
from core.platform.models import db
from core.text.phone import mask_msisdn, normalise_msisdn
from sms import delivery, handlers

log = logging.getLogger(__name__)

bp = Blueprint("sms", __name__, url_prefix="/sms")


@bp.post("/inbound")
@require_callback_token
def inbound():
    """Store the message once by the gateway's id, then process it; a replayed callback has no second effect."""
    form = _inbound_fields(_form())
    provider_id = form.get("id", "").strip()[:255]
    raw_from = form.get("from", "").strip()[:32]
    msisdn = normalise_msisdn(raw_from)
    if not provider_id or not raw_from:
        return _done()
    try:
        with db.atomic():
            message = InboundMessage.create(
                provider_id=provider_id,
                msisdn=msisdn or raw_from,
                to=form.get("to", "")[:64],
                text=form.get("text", "")[:2000],
                link_id=form.get("linkId", "")[:255] or None,
                network_code=form.get("networkCode", "")[:32] or None,
                outcome=None if msisdn else "ignored:not_a_phone_number",
            )
    except IntegrityError:
        return _done()
    if msisdn is not None:
        try:
            handlers.receive(message)
        except Exception as error:  # AT would only retry, and the retry is a duplicate: log it for us instead
            log.exception("could not process inbound SMS %s", provider_id)
            (
                InboundMessage.update(outcome=f"failed: {type(error).__name__}"[:255])
                .where(InboundMessage.id == message.id)
                .execute()
            )
            handlers.apologise(msisdn)
    return _done()


# Twilio's names for the fields of an incoming message, as AT names them.
TWILIO_INBOUND = {"MessageSid": "id", "From": "from", "To": "to", "Body": "text"}


def _inbound_fields(form):
    """An incoming message's fields as AT names them, whichever gateway posted it."""
    if not speaks_twilio(runtime.current().config):
        return form
    return {ours: form.get(theirs, "") for theirs, ours in TWILIO_INBOUND.items()}


def _done():
    """The answer to an SMS callback: empty for AT; for Twilio an empty TwiML document (replies go by the outbox)."""
    if speaks_twilio(runtime.current().config):
        return '<?xml version="1.0" encoding="UTF-8"?><Response/>', 200, {"Content-Type": "text/xml; charset=utf-8"}
    return "", 200


def _form():
    """The callback's fields. Bytes that are not UTF-8 become U+FFFD and are logged: the message is kept, not dropped."""
    raw = request.get_data(cache=True)
    try:
        fields = parse_qs(raw.decode("utf-8"), keep_blank_values=True, errors="strict")
        readable = True
    except UnicodeDecodeError:
        fields = parse_qs(raw.decode("utf-8", "replace"), keep_blank_values=True, errors="replace")
        readable = False
    form = {name: values[0].replace("\x00", "") for name, values in fields.items()}  # PostgreSQL refuses NUL
    if not readable:
        log.warning("inbound SMS %r from %s is not UTF-8: kept with replacement characters",
                    form.get("id", "")[:64], mask_msisdn(form.get("from", "")))
    return form


@bp.post("/delivery")
@require_callback_token
def delivery_report():
    """Record a delivery report; statuses only move forward, unknown ids change nothing."""
    form = request.form
    if speaks_twilio(runtime.current().config):
        fields = (form.get("MessageSid", ""), form.get("MessageStatus", ""), form.get("ErrorCode", ""),
                  form.get("To", ""))
    else:
        fields = (form.get("id", ""), form.get("status", ""), form.get("failureReason", ""), form.get("phoneNumber", ""))
    delivery.receive(*(field.strip() for field in fields))
    return _done()
