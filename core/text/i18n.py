"""Message catalogues: every user-facing text, per language, from Babel .po files under locales/.

A catalogue is `locales/<language>/LC_MESSAGES/<domain>.po` (language dir `km_Latn` for `km-Latn`), read as .po at
run time (nothing is compiled). Message ids are keys such as `ussd.home`; each translation may use `{placeholders}`
filled by `text()`. Each km and km_Latn entry carries its English text as a `#.` comment, so someone who reads Khmer
edits the .po files with any PO editor and no Python; `python -m core.text.i18n` rewrites those comments from the English
catalogues after an English text changes or a key is added.
"""
import functools
import io
import pathlib

from babel.messages.pofile import read_po, write_po

LANGUAGES = ("km-Latn", "km", "en")
DEFAULT_LANGUAGE = "km-Latn"
SOURCE_LANGUAGE = "en"  # what the other catalogues translate, shown to their translators
LOCALES_DIR = pathlib.Path(__file__).resolve().parents[2] / "locales"
# Lines as long as the text: one comment line per English message, and msgstr lines left as written.
NO_WRAP = 2**31


class MissingMessage(KeyError):
    """A key that no catalogue of the language defines."""


def known_language(language):
    """The LANGUAGES entry `language` spells (any case, `_` or `-`), or None."""
    value = (language or "").strip().replace("_", "-").lower()
    return next((known for known in LANGUAGES if value == known.lower()), None)


def normalise_language(language, default=DEFAULT_LANGUAGE):
    """One of LANGUAGES for any spelling (km_Latn, KM-LATN, en-US…); `default` otherwise."""
    known = known_language(language)
    if known:
        return known
    if (language or "").lower().startswith("en"):
        return "en"
    return default


def catalogue_path(language, domain):
    """The .po file of one domain in one language."""
    return LOCALES_DIR / language.replace("-", "_") / "LC_MESSAGES" / f"{domain}.po"


def domains():
    """The catalogue domains (ussd, sms, …): one .po file each, as the English catalogues have them."""
    return sorted(path.stem for path in catalogue_path(SOURCE_LANGUAGE, "*").parent.glob("*.po"))


def read_catalogue(path):
    """One .po file as a Babel Catalog."""
    with path.open("rb") as handle:
        return read_po(handle, locale=None)


@functools.cache
def catalogue(language):
    """All messages of a language, every domain merged: {key: text}."""
    messages = {}
    for path in sorted(catalogue_path(language, "*").parent.glob("*.po")):
        for message in read_catalogue(path):
            if message.id and message.string:
                messages[message.id] = message.string
    return messages


def text(language, key, **values):
    """The message `key` in `language`, with its placeholders filled."""
    try:
        template = catalogue(normalise_language(language))[key]
    except KeyError:
        raise MissingMessage(f"{key} [{language}]") from None
    return template.format(**values) if values else template


def keys(language):
    """Every key a language's catalogues define."""
    return set(catalogue(language))


def source_comments(english):
    """The `#.` comment lines that show a translator a message's English text."""
    return [line.strip() for line in english.splitlines() if line.strip()]


def write_source_comments():
    """Give every entry of the translated catalogues its English text as a `#.` comment; the files it rewrote."""
    written = []
    for domain in domains():
        english = {message.id: message.string for message in read_catalogue(catalogue_path(SOURCE_LANGUAGE, domain))}
        for language in LANGUAGES:
            path = catalogue_path(language, domain)
            if language == SOURCE_LANGUAGE or not path.exists():
                continue
            translated = read_catalogue(path)
            for message in translated:
                if message.id:
                    message.auto_comments = source_comments(english.get(message.id) or "")
            output = io.BytesIO()
            write_po(output, translated, width=NO_WRAP)
            # Babel ends the file with a blank line; ours end at the last msgstr, so a merge that appends an
            # entry and a run of this function do not both touch the file's last line.
            content = output.getvalue().rstrip(b"\n") + b"\n"
            if content != path.read_bytes():
                path.write_bytes(content)
                written.append(path)
    return written


if __name__ == "__main__":
    for rewritten in write_source_comments():
        print(f"rewrote {rewritten.relative_to(LOCALES_DIR.parent)}")
