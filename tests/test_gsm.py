"""GSM-7 / UCS-2 length rules."""
from core.text.gsm import fits_ussd, is_gsm7, sms_segments, ussd_length


def test_gsm7_and_ucs2_detection():
    assert is_gsm7("Dial *855# for jobs, $250/month")
    assert not is_gsm7("ការងារ")
    assert not is_gsm7("emoji 🙂")


def test_ussd_budget():
    assert fits_ussd("a" * 182) and not fits_ussd("a" * 183)
    assert fits_ussd("ក" * 80) and not fits_ussd("ក" * 81)
    assert ussd_length("[x]") == 5  # extension characters cost two septets
    assert not fits_ussd("[" * 92)


def test_sms_segments():
    assert sms_segments("a" * 160) == 1
    assert sms_segments("a" * 161) == 2
    assert sms_segments("a" * 306) == 2 and sms_segments("a" * 307) == 3
    assert sms_segments("ក" * 70) == 1 and sms_segments("ក" * 71) == 2
    assert sms_segments("ក" * 134) == 2 and sms_segments("ក" * 135) == 3


def test_ascii_fast_path_agrees_with_the_character_rules():
    import random

    from core.text.gsm import GSM7_BASIC, GSM7_EXTENDED, septets

    rng = random.Random(7)
    alphabet = [chr(c) for c in range(128)] + ["é", "ក", "€"]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 200)))
        slow_gsm7 = all(ch in GSM7_BASIC or ch in GSM7_EXTENDED for ch in text)
        assert is_gsm7(text) == slow_gsm7, repr(text)
        if slow_gsm7:
            assert septets(text) == sum(2 if ch in GSM7_EXTENDED else 1 for ch in text)
            assert fits_ussd(text) == (septets(text) <= 182)
        else:
            assert fits_ussd(text) == (len(text.encode("utf-16-le")) // 2 <= 80)
