"""Phone numbers: normalising, the gateway fast path, masking."""
from core.text.phone import gateway_msisdn, is_cambodian_mobile, local_msisdn, mask_msisdn, normalise_msisdn


def test_normalise_accepts_what_people_type():
    for raw in ("012 345 678", "+85512345678", "85512345678", "0123-45678"):
        assert normalise_msisdn(raw) == "+85512345678"
    assert normalise_msisdn("123") is None and normalise_msisdn("") is None and normalise_msisdn(None) is None


def test_gateway_numbers_take_the_fast_path_and_agree_with_normalising():
    for raw in ("+85512345678", "+855977123456", "+85516555123"):
        assert gateway_msisdn(raw) == normalise_msisdn(raw) == raw
    assert gateway_msisdn("012345678") == "+85512345678"  # not E.164: parsed the long way
    assert gateway_msisdn("not a number") is None


def test_cambodian_mobile():
    assert is_cambodian_mobile("+85512345678")
    assert not is_cambodian_mobile("+66812345678")


def test_mask():
    assert mask_msisdn("+85512345678") == "+855*****678"
    assert mask_msisdn("+12025550123") == "+1*******123"
    assert mask_msisdn("12") == "**"


def test_local_form():
    assert local_msisdn("+85512345678") == "012345678"
    assert local_msisdn("+66812345678") == "+66812345678"
