"""Message catalogues: every key in every language, non-empty, with the same placeholders, and each translated entry
showing its English text to the translator."""
import re
import shutil
import string

import pytest

from core.text import i18n
from core.text.i18n import (
    LANGUAGES,
    LOCALES_DIR,
    SOURCE_LANGUAGE,
    MissingMessage,
    catalogue,
    catalogue_path,
    domains,
    normalise_language,
    read_catalogue,
    source_comments,
    text,
)

TRANSLATED = [language for language in LANGUAGES if language != SOURCE_LANGUAGE]


def placeholders(template):
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def entries(language, domain):
    """{key: (translation, `#.` comment lines)} of one .po file, empty translations included."""
    return {m.id: (m.string, m.auto_comments) for m in read_catalogue(catalogue_path(language, domain)) if m.id}


def comment_problems():
    """Each translated entry whose `#.` comment is not its English text, as (file, key)."""
    problems = []
    for domain in domains():
        english = entries(SOURCE_LANGUAGE, domain)
        for language in TRANSLATED:
            for key, (_, comments) in entries(language, domain).items():
                if key in english and comments != source_comments(english[key][0]):
                    problems.append((f"{language}/{domain}.po", key))
    return problems


def test_each_domain_exists_in_all_languages():
    assert domains(), "no catalogues found"
    for language in LANGUAGES:
        folder = LOCALES_DIR / language.replace("-", "_") / "LC_MESSAGES"
        assert sorted(path.stem for path in folder.glob("*.po")) == domains(), language


def test_every_key_is_in_every_language_non_empty_with_the_same_placeholders():
    seen = {}
    for domain in domains():
        english = entries(SOURCE_LANGUAGE, domain)
        for key in english:
            assert key not in seen, f"{key} is in both {seen.get(key)}.po and {domain}.po"
            seen[key] = domain
        for language in LANGUAGES:
            messages = entries(language, domain)
            assert not set(english) - set(messages), f"missing in {language}/{domain}.po"
            assert not set(messages) - set(english), f"not in the English {domain}.po, yet in {language}'s"
            for key, (translation, _) in messages.items():
                assert translation.strip(), f"{language}/{domain}.po: {key} is empty"
                assert placeholders(translation) == placeholders(english[key][0]), (language, key)


def test_translated_entries_show_their_english_text():
    problems = comment_problems()
    assert not problems, f"run `python -m core.text.i18n` to write the English `#.` comments: {problems}"


def test_a_missing_or_stale_english_comment_fails_and_the_generator_repairs_it(tmp_path, monkeypatch):
    shutil.copytree(LOCALES_DIR, tmp_path / "locales")
    monkeypatch.setattr(i18n, "LOCALES_DIR", tmp_path / "locales")
    i18n.write_source_comments()  # from in-sync catalogues, whatever state the repository's are in
    km = catalogue_path("km", "ussd")
    content = km.read_text(encoding="utf-8")
    first = re.search(r"^#\. .*\n", content, flags=re.M)
    km.write_text(content[:first.start()] + content[first.end():], encoding="utf-8")  # a missing comment
    english = catalogue_path("en", "sms")
    english.write_text(english.read_text(encoding="utf-8").replace('msgstr "hidden"', 'msgstr "not shown"'),
                       encoding="utf-8")  # every translation's comment now stale
    problems = comment_problems()
    assert {file for file, _ in problems} == {"km/ussd.po", "km/sms.po", "km-Latn/sms.po"}
    assert ("km-Latn/sms.po", "sms.status.hidden") in problems

    assert sorted(path.name for path in i18n.write_source_comments()) == ["sms.po", "sms.po", "ussd.po"]
    assert comment_problems() == []
    assert entries("km", "sms")["sms.status.hidden"][1] == ["not shown"]
    assert i18n.write_source_comments() == []  # a second run changes nothing


def test_comments_never_reach_the_text_people_get():
    assert text("km", "ussd.error") == entries("km", "ussd")["ussd.error"][0]
    assert text("km", "ussd.error") != text("en", "ussd.error")


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
