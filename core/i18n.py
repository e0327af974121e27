"""Message catalogues: every user-facing text, per language, from Babel .po files under locales/.

A catalogue is `locales/<language>/LC_MESSAGES/<domain>.po` (language dir `km_Latn` for `km-Latn`). Message ids are
keys such as `ussd.home`; each translation may use `{placeholders}` filled by `text()`. Someone who reads Khmer edits
the .po files with any PO editor; no Python changes.
"""
import functools
import pathlib

from babel.messages.pofile import read_po

LANGUAGES = ("km-Latn", "km", "en")
DEFAULT_LANGUAGE = "km-Latn"
LOCALES_DIR = pathlib.Path(__file__).resolve().parent.parent / "locales"


class MissingMessage(KeyError):
    """A key that no catalogue of the language defines."""


def normalise_language(language):
    """One of LANGUAGES for any spelling (km_Latn, KM-LATN, en-US…); the default otherwise."""
    value = (language or "").replace("_", "-").lower()
    for known in LANGUAGES:
        if value == known.lower():
            return known
    if value.startswith("en"):
        return "en"
    return DEFAULT_LANGUAGE


@functools.cache
def catalogue(language):
    """All messages of a language, every domain merged: {key: text}."""
    folder = LOCALES_DIR / language.replace("-", "_") / "LC_MESSAGES"
    messages = {}
    for path in sorted(folder.glob("*.po")):
        with path.open("rb") as handle:
            for message in read_po(handle, locale=None):
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
