"""Message catalogues: every key in every language, with the same placeholders."""
import re
import string

import pytest

from core.i18n import LANGUAGES, LOCALES_DIR, MissingMessage, catalogue, normalise_language, text


def placeholders(template):
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_language_has_every_key_and_no_unknown_placeholder():
    english = catalogue("en")
    assert english, "no catalogues found"
    for language in LANGUAGES:
        messages = catalogue(language)
        assert set(messages) == set(english), language
        for key, template in messages.items():
            # A translation may leave a value out to fit the medium, never ask for one the code does not give.
            assert placeholders(template) <= placeholders(english[key]), (language, key)


def test_each_domain_exists_in_all_languages():
    domains = {path.name for path in LOCALES_DIR.glob("*/LC_MESSAGES/*.po")}
    for language in LANGUAGES:
        folder = LOCALES_DIR / language.replace("-", "_") / "LC_MESSAGES"
        assert {path.name for path in folder.glob("*.po")} == domains


def test_romanised_khmer_is_plain_ascii_for_basic_phones():
    for key, template in catalogue("km-Latn").items():
        assert re.fullmatch(r"[\x20-\x7e\n]*", template), key


def test_language_names_are_normalised():
    assert normalise_language("km_Latn") == "km-Latn"
    assert normalise_language("EN-us") == "en"
    assert normalise_language(None) == "km-Latn"
    assert normalise_language("km") == "km"


def test_text_fills_placeholders_and_names_missing_keys():
    assert text("en", "wage.per_day", wage="$12") == "$12/day"
    with pytest.raises(MissingMessage):
        text("en", "no.such.key")


def test_every_message_keeps_every_placeholder_in_every_language():
    def names(template):
        return {name for _, name, _, _ in string.Formatter().parse(template) if name}

    english = catalogue("en")
    for language in LANGUAGES:
        for key, template in catalogue(language).items():
            assert names(template) == names(english[key]), (language, key)
