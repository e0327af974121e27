"""Phone numbers: one canonical form (E.164, "+855…") everywhere, masked in logs."""
import re

import phonenumbers

REGION = "KH"


def normalise_msisdn(raw, region=REGION):
    """E.164 for anything a person or gateway writes ("012 345 678", "85512345678", "+855…"), or None if invalid."""
    value = (raw or "").strip()
    if not value or len(value) > 32:
        return None
    if value.isdigit() and value.startswith("855") and len(value) > 10:
        value = "+" + value
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


_GATEWAY_E164 = re.compile(r"\+855[1-9][0-9]{7,8}")


def gateway_msisdn(raw):
    """The caller's number as the gateway sends it: already E.164 for Cambodian numbers, so only shape-checked
    (parsing costs more than a whole USSD step); anything else goes through normalise_msisdn."""
    if raw and _GATEWAY_E164.fullmatch(raw):
        return raw
    return normalise_msisdn(raw)


def is_cambodian_mobile(msisdn):
    """True for a valid Cambodian mobile number in E.164."""
    try:
        number = phonenumbers.parse(msisdn, REGION)
    except phonenumbers.NumberParseException:
        return False
    return (
        phonenumbers.region_code_for_number(number) == REGION
        and phonenumbers.number_type(number)
        in (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)
    )


def local_msisdn(msisdn):
    """+85512345678 -> 012345678: how Cambodians write a number they are asked to recognise or call back."""
    value = msisdn or ""
    return "0" + value[4:] if value.startswith("+855") else value


def mask_msisdn(msisdn):
    """+85512345678 -> +855*****678: country code and last 3 digits, enough to tell numbers apart in a log."""
    value = str(msisdn or "")
    if value.startswith("+") and value[1:].isdigit():
        try:
            country = str(phonenumbers.parse(value).country_code)
        except phonenumbers.NumberParseException:
            country = value[1:4]
        national = value[1 + len(country):]
        if len(national) <= 3:
            return "+" + country + "*" * len(national)
        return "+" + country + "*" * (len(national) - 3) + national[-3:]
    if len(value) <= 3:
        return "*" * len(value)
    return "*" * (len(value) - 3) + value[-3:]
