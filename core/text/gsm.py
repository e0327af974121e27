"""Message length rules: GSM-7 or UCS-2, USSD screen budget, SMS segment count."""
import re

# GSM 03.38 basic set, and the extension set whose characters cost two septets.
GSM7_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENDED = set("^{}\\[~]|€\f")

USSD_GSM7_LIMIT = 182
USSD_UCS2_LIMIT = 80

# Screens are laid out by trying many candidate texts, almost all plain ASCII: these let that common case be
# answered by C-speed string methods instead of a Python loop per character.
_ASCII_NOT_GSM7 = re.compile(r"[^\n\r\x0c\x20-\x5f\x61-\x7e]")  # control characters and the backtick
_ASCII_EXTENDED = re.compile(r"[\^{}\\\[~\]|\x0c]")


def is_gsm7(text):
    """True if every character is in the GSM-7 alphabet (so the message is not sent as UCS-2)."""
    if text.isascii():
        return _ASCII_NOT_GSM7.search(text) is None
    return all(ch in GSM7_BASIC or ch in GSM7_EXTENDED for ch in text)


def septets(text):
    """GSM-7 length: extension characters count twice."""
    if text.isascii():
        return len(text) + len(_ASCII_EXTENDED.findall(text))
    return sum(2 if ch in GSM7_EXTENDED else 1 for ch in text)


def _ucs2_units(text):
    return len(text.encode("utf-16-le")) // 2


def ussd_length(text):
    """Length as the budget counts it: septets for GSM-7, UTF-16 code units for UCS-2."""
    return septets(text) if is_gsm7(text) else _ucs2_units(text)


def fits_ussd(text):
    """True if the text fits one USSD screen."""
    if len(text) <= USSD_UCS2_LIMIT // 2:  # fits either way, even if every character took two units
        return True
    if is_gsm7(text):
        return septets(text) <= USSD_GSM7_LIMIT
    return _ucs2_units(text) <= USSD_UCS2_LIMIT


def sms_segments(text):
    """How many SMS segments the text costs: 160/153 septets in GSM-7, 70/67 units in UCS-2."""
    if is_gsm7(text):
        length, single, multi = septets(text), 160, 153
    else:
        length, single, multi = _ucs2_units(text), 70, 67
    if length <= single:
        return 1
    return -(-length // multi)
