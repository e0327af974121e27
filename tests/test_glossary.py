"""Romanised Khmer follows one glossary (docs/romanisation.md): a listed variant spelling in a km-Latn message fails."""
import pathlib
import re

from core.text.i18n import catalogue

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


def test_stop_in_khmer_script_never_reads_as_quitting_the_job():
    """"STOP ឈប់" alone reads "STOP = quit (the job)": ឈប់ after STOP is always ឈប់SMS (or ឈប់ទទួលSMS)."""
    wrong = [key for key, message in catalogue("km").items()
             if re.search(r"STOP\W*(?:ដើម្បី)?ឈប់(?!\s*(?:ទទួល\s*)?SMS)", message)]
    assert wrong == []


def test_every_stop_is_explained_in_every_language():
    """A message that names STOP says what it does (no more SMS), in the reader's words."""
    says = {"en": "no more SMS", "km-Latn": "chhob SMS", "km": "ឈប់"}
    for language, words in says.items():
        for key, message in catalogue(language).items():
            if re.search(r"\bSTOP\b", message) and key.startswith(("sms.", "ussd.sms.")):
                assert words in message, (language, key, message)


def test_verified_reads_as_checked_by_us_never_the_boss_checking():
    for language, active in (("km", r"ថៅកែ\s*(?:បាន)?ផ្ទៀងផ្ទាត់"), ("km-Latn", r"(?i)thaokae\s+ban\s+ph")):
        for key, message in catalogue(language).items():
            assert not re.search(active, message), (language, key, message)
    assert catalogue("km")["ussd.details.verified"].startswith("យើង")  # "we have checked the employer"
    assert catalogue("km-Latn")["ussd.details.verified"].startswith("Yeung")


def test_the_sponsored_label_says_advert_not_endorsed():
    assert "ឧបត្ថម្ភ" not in catalogue("km")["ussd.sponsored"]
    assert "ពាណិជ្ជកម្ម" in catalogue("km")["ussd.sponsored"]
    assert "pheanichakam" in catalogue("km-Latn")["ussd.sponsored"].lower()


def distance(first, second):
    """Levenshtein distance, case-blind."""
    first, second = first.lower(), second.lower()
    row = list(range(len(second) + 1))
    for i, a in enumerate(first, 1):
        previous, row[0] = row[0], i
        for j, b in enumerate(second, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (a != b))
    return row[-1]


# Options shown together on one screen.
SIDE_BY_SIDE = (
    ("ussd.yes", "ussd.no"),
    ("ussd.reach.same", "ussd.reach.near", "ussd.reach.any"),
    ("ussd.nav.back", "ussd.nav.home", "ussd.nav.more"),
    ("ussd.alerts.on", "ussd.alerts.off"),
    ("ussd.alerts.another.yes", "ussd.alerts.another.no"),
)


def test_km_latn_options_a_worker_chooses_between_differ_by_more_than_a_letter_or_two():
    """Romanised words have no settled look a reader knows by heart, so two options must not look alike."""
    for language in ("km-Latn",):
        for group in SIDE_BY_SIDE:
            labels = [catalogue(language)[key] for key in group]
            for index, label in enumerate(labels):
                for other in labels[index + 1:]:
                    first, second = label.split()[0], other.split()[0]
                    assert distance(label, other) > 2, (language, label, other)
                    assert distance(first, second) > 2 or first.lower() == second.lower(), (language, label, other)


def test_km_latn_words_of_issue_20_read_as_meant():
    messages = catalogue("km-Latn")
    assert messages["ussd.nav.home"] == "Daem"
    assert "Kanleng na" not in messages["ussd.reach.any"]  # "where in Cambodia?"
    assert not re.search(r"(?i)\btuan\b", " ".join(messages.values()))
    # "tae" is តែ (only, just); តើ, which opens a question, is left out rather than spelt the same.
    assert [key for key, message in messages.items() if re.search(r"(?i)\btae\b[^.!?]*\?", message)] == []


def test_no_km_latn_option_opens_with_a_word_one_letter_from_no():
    """"Tae khet khnhom" (my province only) read as "Te" (no): an option's first word is "Te" itself or far from it."""
    no = catalogue("km-Latn")["ussd.no"].lower()
    close = [message for key, message in catalogue("km-Latn").items()
             if key.startswith(("ussd.reach.", "ussd.where.", "ussd.alerts.", "ussd.nav.", "ussd.yes"))
             and message.split() and 0 < distance(message.split()[0].strip(",:"), no) <= 1]
    assert close == []


def lexicon():
    """(the lexicon's words, the words kept as written) from docs/romanisation.md."""
    text = GLOSSARY.read_text(encoding="utf-8").split("## Lexicon", 1)[1]
    kept = re.search(r"left\s+out:\s*(.*?)\.\n", text, re.S).group(1)
    words = {word for line in text.splitlines() if line.startswith("- **") for word in line.split(":", 1)[1].split()}
    return words, {word.strip() for word in kept.replace("\n", " ").split(",")}


def km_latn_words():
    """{word: [keys]} of every romanised word in every km-Latn catalogue (placeholders and command words left out)."""
    found = {}
    for key, message in catalogue("km-Latn").items():
        for word in re.findall(r"[A-Za-z][A-Za-z']*", re.sub(r"\{[^}]*\}|<[^>]*>", "", message)):
            if not (word.isupper() and len(word) > 1):
                found.setdefault(word.lower(), []).append(key)
    return found


def test_every_km_latn_word_of_every_catalogue_is_in_the_lexicon():
    words, kept = lexicon()
    outside = {word: keys[:3] for word, keys in km_latn_words().items() if word not in words | kept}
    assert outside == {}


def test_no_variant_spelling_is_in_the_lexicon():
    words, _ = lexicon()
    # "chhob" is listed because it stands with "SMS" after STOP; on its own it is a word (stop, quit).
    assert {variant.lower() for variant in variants() if variant != "chhob"} & words == set()
    assert len(words) > 250  # the lexicon covers the catalogues, not a handful of words


def fixed_terms():
    """{wrong: right} from the glossary's Khmer-script table."""
    text = GLOSSARY.read_text(encoding="utf-8").split("## Khmer script: fixed terms", 1)[1].split("## ", 1)[0]
    found = {}
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("| ") and len(cells) == 3 and cells[0] not in ("term", "---"):
            found[cells[1]] = cells[0]
    return found


def test_khmer_script_messages_use_the_fixed_terms():
    assert len(fixed_terms()) >= 5
    wrong = []
    for key, message in catalogue("km").items():
        for variant, term in fixed_terms().items():
            if variant == "STOP ឈប់":
                continue  # the STOP check above reads what follows
            if variant in message:
                wrong.append(f"{key}: {variant} -> {term}")
    assert wrong == []
