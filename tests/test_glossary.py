"""Romanised Khmer follows one glossary (docs/romanisation.md): a listed variant spelling in a km-Latn message fails."""
import pathlib
import re

from core.i18n import catalogue

GLOSSARY = pathlib.Path(__file__).resolve().parent.parent / "docs" / "romanisation.md"


def variants():
    """{variant: spelling} from the glossary's table."""
    found = {}
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) < 2 or not line.startswith("| ") or cells[0] in ("spelling", "---"):
            continue
        found.update((variant.strip(), cells[0]) for variant in cells[1].split(",") if variant.strip())
    return found


def test_glossary_lists_the_words_of_issue_13():
    assert {"mchas kar", "atesanbat", "deembey", "teat", "Orkun", "jreus"} <= set(variants())


def test_every_km_latn_message_spells_glossary_words_one_way():
    wrong = []
    for key, message in catalogue("km-Latn").items():
        for variant, spelling in variants().items():
            if variant == "chhob":
                continue  # checked below: STOP comes with "chhob SMS"
            if re.search(r"(?<![\w'])" + re.escape(variant) + r"(?![\w'])", message, re.IGNORECASE):
                wrong.append(f"{key}: {variant} -> {spelling}")
    assert wrong == []


def test_stop_never_reads_as_quitting_the_job():
    for key, message in catalogue("km-Latn").items():
        assert not re.search(r"STOP\W+(?:dambei\W+)?chhob\b(?! SMS)", message), key
