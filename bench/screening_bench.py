"""Screening against the labelled corpus, per indicator, on the held-out split.

The rules in core/jobs/screening.py are tuned on the corpus rows marked `tune` only; this reports on the rows marked
`held` (or on another split with --split). For each indicator (reason code) it prints how many listings carry it,
how many were held at all, how many were held with that very indicator (its recall), and how many clean listings
were wrongly given it (its false-positive rate); then every miss and every clean listing wrongly held, with what
screening said instead. Exits 1 when a target is missed: each indicator's recall >= 95 %, clean listings held
<= 3 %.
    .venv/bin/python bench/screening_bench.py [--split held|tune|all] [--corpus tests/data/screening.tsv]
"""
import argparse
import collections
import csv
import pathlib
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from core.jobs.screening import REASONS, screen  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "screening.tsv"
RECALL_TARGET = 0.95
CLEAN_HELD_TARGET = 0.03


def read_corpus(path=CORPUS):
    """The corpus rows as dicts, comment lines skipped; `reasons` as a list (empty for a clean listing)."""
    with pathlib.Path(path).open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    for row in rows:
        row["reasons"] = [] if row["reasons"] == "-" else row["reasons"].split(",")
    return rows


def flags_of(row):
    """What screening says about one corpus row."""
    return screen(
        row["text"],
        row["category"],
        int(row["province_iso"]),
        int(row["wage_amount"]) if row["wage_amount"] else None,
        row["wage_currency"] or "USD",
        row["wage_period"] or "month",
    )


def evaluate(rows):
    """Counts per reason and overall: {"reasons": {code: (rows, held, held with that reason)}, "wrong": {code: clean
    rows given it}, "risky": (rows, held), "clean": (rows, held), "misses": [(row, reason or "-", codes)]}."""
    per_reason = collections.defaultdict(lambda: [0, 0, 0])
    wrong = collections.Counter()
    risky = [0, 0]
    clean = [0, 0]
    misses = []
    for row in rows:
        codes = {flag["code"] for flag in flags_of(row)}
        if row["reasons"]:
            risky[0] += 1
            risky[1] += bool(codes)
            for reason in row["reasons"]:
                counts = per_reason[reason]
                counts[0] += 1
                counts[1] += bool(codes)
                counts[2] += reason in codes
                if reason not in codes:
                    misses.append((row, reason, codes))
        else:
            clean[0] += 1
            clean[1] += bool(codes)
            wrong.update(codes)
            if codes:
                misses.append((row, "-", codes))
    return {"reasons": dict(per_reason), "wrong": dict(wrong), "risky": tuple(risky), "clean": tuple(clean),
            "misses": misses}


def main(argv=None):
    """Print the figures and the misses; exit status 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("held", "tune", "all"), default="held")
    parser.add_argument("--corpus", default=str(CORPUS))
    args = parser.parse_args(argv)
    rows = [row for row in read_corpus(args.corpus) if args.split == "all" or row["split"] == args.split]
    result = evaluate(rows)
    clean_total, clean_held = result["clean"]

    print(f"screening on the {args.split!r} split of {args.corpus}: {len(rows)} listings, {clean_total} clean")
    print(f"{'indicator':<21}{'listings':>9}{'held':>6}{'with it':>9}{'recall':>8}{'clean given it':>16}{'FP rate':>9}")
    short = []
    for code in REASONS:
        total, held, exact = result["reasons"].get(code, (0, 0, 0))
        wrong = result["wrong"].get(code, 0)
        if not total and not wrong:
            continue
        recall = exact / total if total else 1.0
        if recall < RECALL_TARGET:
            short.append(code)
        fp_rate = wrong / clean_total if clean_total else 0.0
        print(f"{code:<21}{total:>9}{held:>6}{exact:>9}{recall:>8.0%}{wrong:>16}{fp_rate:>9.1%}")
    risky_total, risky_held = result["risky"]
    risky_rate = risky_held / risky_total if risky_total else 1.0
    clean_rate = clean_held / clean_total if clean_total else 0.0
    print(f"risky listings held: {risky_held}/{risky_total} = {risky_rate:.1%}")
    print(f"clean listings held (false positives): {clean_held}/{clean_total} = {clean_rate:.1%} "
          f"(target <= {CLEAN_HELD_TARGET:.0%})")

    started = time.perf_counter()
    rounds = 20
    for _ in range(rounds):
        for row in rows:
            flags_of(row)
    elapsed = time.perf_counter() - started
    print(f"speed: {rounds * len(rows) / elapsed:,.0f} listings/s screened in this process")

    for row, reason, codes in result["misses"]:
        what = "wrongly held" if reason == "-" else f"missed {reason}"
        print(f"  {what}: flagged {sorted(codes) or 'nothing'} | {row['text']}")
    missed = [f"recall of {code} < {RECALL_TARGET:.0%}" for code in short]
    if clean_rate > CLEAN_HELD_TARGET:
        missed.append("clean held")
    if missed:
        print(f"TARGET MISSED: {', '.join(missed)}")
        return 1
    print(f"targets met: every indicator's recall >= {RECALL_TARGET:.0%}, clean held <= {CLEAN_HELD_TARGET:.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
