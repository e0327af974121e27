"""Employer SMS as employers type them: how many the parser handles as the employer meant, on the held-out split.

Reads tests/data/employer_sms.tsv (rows marked `held` were never tuned on) and parses each message with sms.parser
as the SMS channel does. A row is handled as meant when the outcome is the expected one (posted, confirmed, asked
for the period, the right field named as wrong, or kept for staff) and every field read is the expected one. Prints
the share handled per outcome, each miss with what the parser made of it, and whether any listing would be posted
with a wrong period or currency (never allowed). Exits 1 when a target is missed: >= 95 % handled, 0 posted wrong.
    .venv/bin/python bench/employer_sms_bench.py [--split held|tune|all]
"""
import argparse
import collections
import csv
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from sms import parser  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "employer_sms.tsv"
TARGET = 0.95


def read_corpus(path=CORPUS):
    """The corpus rows as dicts, comment lines skipped."""
    with pathlib.Path(path).open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def outcome_of(command):
    """What the parser made of a message, in the corpus's words."""
    if isinstance(command, parser.ParseError):
        return f"error:{command.field}"
    if isinstance(command, parser.PostJob):
        if command.guessed:
            return "confirm"
        return "ask_period" if command.wage_period is None else "ok"
    if isinstance(command, parser.Help):
        return "needs_help"
    return type(command).__name__


def fields_match(command, row):
    """Whether a posted, confirmed or asked listing has the expected fields."""
    return (
        command.category == row["category"]
        and command.province_code == int(row["province_iso"])
        and command.wage_amount == int(row["wage_amount"])
        and command.wage_currency == row["wage_currency"]
        and (command.wage_period or "") == row["wage_period"]
        and command.positions == int(row["positions"])
        and f"{command.title} {command.details}".startswith(row["title_prefix"])
    )


def judge(row):
    """(handled as meant, posted with a wrong period or currency, what the parser made of it)."""
    command = parser.parse(row["text"])
    got = outcome_of(command)
    meant = got == row["outcome"] and (not isinstance(command, parser.PostJob) or fields_match(command, row))
    posted_wrong = (
        got == "ok" and isinstance(command, parser.PostJob) and row["outcome"] in ("ok", "ask_period")
        and ((command.wage_period or "") != row["wage_period"] or command.wage_currency != row["wage_currency"])
    )
    return meant, posted_wrong, command


def main(argv=None):
    parser_ = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser_.add_argument("--split", choices=("held", "tune", "all"), default="held")
    parser_.add_argument("--corpus", default=str(CORPUS))
    args = parser_.parse_args(argv)
    rows = [row for row in read_corpus(args.corpus) if args.split == "all" or row["split"] == args.split]
    per_outcome = collections.defaultdict(lambda: [0, 0])
    misses, wrong = [], 0
    for row in rows:
        meant, posted_wrong, command = judge(row)
        per_outcome[row["outcome"].split(":")[0]][0] += 1
        per_outcome[row["outcome"].split(":")[0]][1] += meant
        wrong += posted_wrong
        if not meant:
            misses.append((row, command))
    print(f"{'expected':12s} {'messages':>8s} {'as meant':>8s}")
    for outcome, (total, good) in sorted(per_outcome.items()):
        print(f"{outcome:12s} {total:8d} {good:8d}")
    handled = sum(good for _, good in per_outcome.values())
    share = handled / len(rows) if rows else 0.0
    print(f"handled as the employer meant ({args.split} split): {handled}/{len(rows)} = {share:.1%} "
          f"(target >= {TARGET:.0%}); posted with a wrong period or currency: {wrong} (target 0)")
    for row, command in misses:
        print(f"  missed ({row['outcome']}): {row['text']!r} -> {command!r}")
    return 0 if share >= TARGET and wrong == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
