"""Template helpers: masked phone numbers, money, dates. Everything here returns plain text for Jinja to escape."""
import re

from core.phone import mask_msisdn

# Seekers' numbers inside message texts and audit records (+855…, 855…, 0…): masked wherever a page is not about a
# job the seeker applied to.
NUMBER_IN_TEXT = re.compile(r"(?<!\d)(?:\+?855|0)\d{7,9}(?!\d)")


def mask_numbers(text):
    """`text` with every phone number in it masked."""
    return NUMBER_IN_TEXT.sub(lambda match: mask_msisdn(match.group(0)), str(text or ""))


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
        masked=mask_msisdn, mask_numbers=mask_numbers, money=money, when=when, wage=wage
    )
