"""The SMS parser against the employer corpus, every command, and any Unicode text."""
import csv
import pathlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.text.i18n import LANGUAGES
from sms import parser
from sms.parser import (
    Apply,
    CloseJob,
    FindJobs,
    Help,
    Hired,
    MyJobs,
    ParseError,
    PostJob,
    Refer,
    Register,
    Report,
    Start,
    Stop,
    parse,
)

CORPUS = pathlib.Path(__file__).resolve().parents[1] / "data"

# A correct message for each command a ParseError can name; the catalogues' `sms.example.<command>` that a reply
# shows must parse as the same command in every language.
EXAMPLES = {
    "JOB": "JOB GARMENT KANDAL 250 20 Sewing operators, 8h/day",
    "CLOSE": "CLOSE J4821",
    "HIRED": "HIRED J4821 012345678",
    "REG": "REG Kandal Garment Co",
    "APPLY": "APPLY J4821",
    "REPORT": "REPORT J4821",
    "REF": "REF 012345678 J4821",
    "CALL": "CALL 012345678 J4821 2",
    "LANG": "LANG EN",
}


def rows(name):
    with (CORPUS / name).open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.mark.parametrize("row", rows("employer_sms.tsv"), ids=lambda row: row["text"][:40])
def test_employer_corpus(row):
    command = parse(row["text"])
    outcome = row["outcome"]
    if outcome == "needs_help":
        assert isinstance(command, parser.Help), command
        return
    if outcome.startswith("error:"):
        assert isinstance(command, ParseError) and (command.command, command.field) == ("JOB", outcome[6:]), command
        return
    assert isinstance(command, PostJob), command
    assert bool(command.guessed) == (outcome == "confirm")
    assert (command.wage_period is None) == (outcome == "ask_period")
    assert command.category == row["category"]
    assert command.province_code == int(row["province_iso"])
    assert command.wage_amount == int(row["wage_amount"])
    assert command.wage_currency == row["wage_currency"]
    assert (command.wage_period or "") == row["wage_period"]
    assert command.positions == int(row["positions"])
    assert f"{command.title} {command.details}".startswith(row["title_prefix"])


def test_an_error_quotes_the_employers_own_words():
    assert parse("JOB WIDGETS KANDAL 250 20 Sewing") == ParseError("JOB", "category", "WIDGETS")
    assert parse("JOB GARMENT NOWHERE 250 20 Sewing") == ParseError("JOB", "province", "NOWHERE")
    assert parse("JOB GARMENT KANDAL lots 20 Sewing") == ParseError("JOB", "wage", "lots")
    assert parse("JOB GARMENT KANDAL $250KHR 20 Sewing") == ParseError("JOB", "wage", "$250KHR")


def test_corpus_files_are_all_read():
    employer = rows("employer_sms.tsv")
    assert len(employer) >= 150 and sum(row["split"] == "held" for row in employer) >= 40
    assert len(rows("screening.tsv")) >= 300


@pytest.mark.parametrize(
    "text, expected",
    [
        ("CLOSE J4821", CloseJob("J4821")),
        ("  close   j4821 ", CloseJob("J4821")),
        ("MYJOBS", MyJobs()),
        ("my jobs", MyJobs()),
        ("HIRED J4821 012 345 678", Hired("J4821", "012345678")),
        ("REG Kandal Garment Co.", Register("Kandal Garment Co.")),
        ("jobs", FindJobs()),
        ("Kargar", FindJobs()),
        ("APPLY j4821", Apply("J4821")),
        ("report J4821", Report("J4821")),
        ("REF 012345678", Refer("012345678", None)),
        ("ref 012 345 678 j4821", Refer("012345678", "J4821")),
        ("call 012 345 678 j4821", parser.CallFriend("012345678", "J4821")),
        ("CALL 012345678 J4821 1", parser.CallFriend("012345678", "J4821", "family")),
        ("HELP", Help()),
        ("help me please", Help()),
        ("", parser.NotUnderstood()),
        ("Hello, is there work?", parser.NotUnderstood()),
        ("JOB GARMENT PHNOM PENH 250 5 Sewing", PostJob("GARMENT", 1, 12, 250, "USD", "month", 5, "Sewing")),
        ("JOB GARMENT KANDAL 1,000,000KHR 5 Packing", PostJob("GARMENT", 1, 8, 1000000, "KHR", "month", 5, "Packing")),
        ("JOB GARMENT KANDAL 250$ 5 Sewing", PostJob("GARMENT", 1, 8, 250, "USD", "month", 5, "Sewing")),
    ],
)
def test_commands(text, expected):
    assert parse(text) == expected


@pytest.mark.parametrize(
    "text, command, field",
    [
        ("CLOSE", "CLOSE", "ref"),
        ("APPLY", "APPLY", "ref"),
        ("APPLY sewing", "APPLY", "ref"),
        ("REPORT", "REPORT", "ref"),
        ("HIRED J4821", "HIRED", "msisdn"),
        ("HIRED", "HIRED", "ref"),
        ("REG", "REG", "name"),
        ("REF", "REF", "msisdn"),
        ("CALL", "CALL", "msisdn"),
        ("CALL 012345678", "CALL", "ref"),
        ("CALL J4821", "CALL", "msisdn"),
        ("JOB GARMENT KANDAL 250$KHR 5 Packing", "JOB", "wage"),
    ],
)
def test_errors_name_the_field(text, command, field):
    result = parse(text)
    assert isinstance(result, ParseError) and (result.command, result.field) == (command, field)
    assert isinstance(parse(EXAMPLES[result.command]),
                      (PostJob, CloseJob, Hired, Register, Apply, Report, Refer, parser.CallFriend, parser.SetLanguage))


@pytest.mark.parametrize(
    "text",
    ["STOP", "stop", " Stop. ", "STOPALL", "STOP ALL", "unsubscribe", "Cancel", "END", "quit", "CHHOB", "ឈប់"],
)
def test_opt_out_words(text):
    assert parse(text) == Stop()


@pytest.mark.parametrize("text", ["START", "start", "Chab Phdaeum", "ចាប់ផ្តើម"])
def test_opt_in_words(text):
    assert parse(text) == Start()


@pytest.mark.parametrize("text", ["stop by the factory tomorrow", "END of contract?", "Cancel my application J4821"])
def test_opt_out_words_inside_a_sentence_do_nothing(text):
    assert parse(text) == parser.NotUnderstood()


COMMANDS = (PostJob, CloseJob, MyJobs, Hired, Register, FindJobs, Apply, Report, Refer, parser.CallFriend,
            parser.SetLanguage, Stop, Start, Help)


@settings(max_examples=2500, deadline=None)
@given(st.text())
def test_any_text_gives_a_command_or_a_helpful_error(text):
    result = parse(text)
    assert isinstance(result, COMMANDS + (ParseError,))
    if isinstance(result, ParseError):
        assert result.field and result.command in EXAMPLES


@settings(max_examples=1500, deadline=None)
@given(
    st.sampled_from(["JOB", "job", "CLOSE", "HIRED", "REG", "APPLY", "REPORT", "REF", "CALL", "MYJOBS"]),
    st.lists(st.one_of(st.text(max_size=12), st.from_regex(r"\$?\d{1,9}(USD|KHR)?(/day)?", fullmatch=True)), max_size=6),
)
def test_commands_with_any_arguments(keyword, words):
    result = parse(" ".join([keyword, *words]))
    assert isinstance(result, COMMANDS + (ParseError,))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("command", sorted(EXAMPLES))
def test_the_example_in_every_language_parses_as_its_command(language, command):
    from core.text.i18n import text

    parsed = parse(text(language, f"sms.example.{command}"))
    assert not isinstance(parsed, (ParseError, parser.Help))
    assert type(parsed) is type(parse(EXAMPLES[command]))


def test_lang_words_name_each_language_of_the_one_list():
    assert set(parser.LANGUAGE_WORDS.values()) == set(LANGUAGES)
