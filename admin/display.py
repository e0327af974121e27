"""Template helpers: masked phone numbers, links to a number's contact page, money, dates. Everything here returns
plain text for Jinja to escape, except the links, built escaped.

Pages link to a contact by a key, never by the number: a seeker's number must not show in a page's HTML, its links
or the browser's history. The key is the number encrypted with keys derived from the app's secret (SIV: an HMAC of
the number is both the tag and the nonce of an HMAC keystream), so it is the same on every page, says nothing of
the number, and a forged or edited key opens nothing.
"""
import base64
import binascii
import hashlib
import hmac
import json
import re

from flask import current_app, url_for
from markupsafe import Markup

from core.text.phone import mask_msisdn

# Seekers' numbers inside message texts and audit records (+855…, 855…, 0…): masked wherever a page is not about a
# job the seeker applied to.
NUMBER_IN_TEXT = re.compile(r"(?<!\d)(?:\+?855|0)\d{7,9}(?!\d)")
TAG_BYTES = 12  # of a contact key: forging one means guessing 96 bits


def mask_numbers(text):
    """`text` with every phone number in it masked."""
    return NUMBER_IN_TEXT.sub(lambda match: mask_msisdn(match.group(0)), str(text or ""))


def _secret(purpose):
    return hmac.new(current_app.secret_key.encode(), b"bong-pheak contact " + purpose, hashlib.sha256).digest()


def _keystream(tag, length):
    stream = b""
    counter = 0
    while len(stream) < length:
        stream += hmac.new(_secret(b"stream"), tag + bytes([counter]), hashlib.sha256).digest()
        counter += 1
    return stream[:length]


def contact_key(msisdn):
    """The key of a number's contact page: the number encrypted, URL-safe."""
    plain = msisdn.encode()
    tag = hmac.new(_secret(b"tag"), plain, hashlib.sha256).digest()[:TAG_BYTES]
    body = bytes(a ^ b for a, b in zip(plain, _keystream(tag, len(plain))))
    return base64.urlsafe_b64encode(tag + body).rstrip(b"=").decode()


def msisdn_of(key):
    """The number a contact key stands for, or None for a key this app did not make."""
    try:
        raw = base64.urlsafe_b64decode(key + "=" * (-len(key) % 4))
    except (binascii.Error, ValueError):
        return None
    tag, body = raw[:TAG_BYTES], raw[TAG_BYTES:]
    if len(tag) < TAG_BYTES or not body or len(body) > 32:
        return None
    plain = bytes(a ^ b for a, b in zip(body, _keystream(tag, len(body))))
    if not hmac.compare_digest(tag, hmac.new(_secret(b"tag"), plain, hashlib.sha256).digest()[:TAG_BYTES]):
        return None
    return plain.decode()


def contact_link(msisdn, masked=True):
    """A number as a link to its contact page: masked unless the page may show it whole."""
    if not msisdn:
        return ""
    shown = mask_msisdn(msisdn) if masked else msisdn
    return Markup('<a class="contact-link" href="{}">{}</a>').format(
        url_for("contact.show", key=contact_key(msisdn)), shown)


def audit_json(value):
    """An audit record's before or after, numbers masked."""
    if value is None:
        return ""
    return mask_numbers(json.dumps(value, ensure_ascii=False, sort_keys=True))


# Kinds of message whose text holds a live one-time code: staff never see it (the code proves a visitor holds a
# number; whoever reads it could share in that number's name).
SECRET_KINDS = ("share_code",)
_CODE_IN_TEXT = re.compile(r"\d{4,8}")


def message_text(message):
    """An outbound message's text as staff may read it: phone numbers masked, and a one-time code hidden."""
    text = mask_numbers(message.text)
    if message.kind in SECRET_KINDS:
        text = _CODE_IN_TEXT.sub(lambda match: "•" * len(match.group(0)), text)
    return text


def money(cents, currency="USD"):
    """1500 -> "$15.00"; other currencies spelled out."""
    amount = (cents or 0) / 100
    return f"${amount:,.2f}" if currency == "USD" else f"{amount:,.2f} {currency}"


def when(value):
    """A timestamp to the minute (UTC), or a dash."""
    return value.strftime("%Y-%m-%d %H:%M") if value else "–"


def wage(job):
    """A job's wage as staff read it: "250 USD/month"."""
    if job.wage_amount is None:
        return "no wage given"
    return f"{job.wage_amount:,} {job.wage_currency}/{job.wage_period}"


def init_app(app):
    """Register the helpers as Jinja filters."""
    app.jinja_env.filters.update(
        masked=mask_msisdn, mask_numbers=mask_numbers, money=money, when=when, wage=wage, contact=contact_link,
        contact_key=contact_key, audit_json=audit_json,
    )
