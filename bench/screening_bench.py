"""Screening against the labelled corpus: held risky listings per reason and held clean ones, on the held-out split.

The rules in core/screening.py are tuned on the corpus rows marked `tune` only; this reports on the rows marked
`held` (or on another split with --split). For each reason it prints how many listings with that reason were held
at all and how many were held with that very reason; then the share of risky listings held and of clean listings
held (false positives), and the screening rate. Exits 1 when a target is missed: >= 95 % of risky held,
<= 5 % of clean held.
    .venv/bin/python bench/screening_bench.py [--split held|tune|all] [--corpus tests/data/screening.tsv] [--show]
"""
import argparse
import collections
import csv
import pathlib
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from core.screening import REASONS, screen  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "screening.tsv"
RISKY_HELD_TARGET = 0.95
CLEAN_HELD_TARGET = 0.05


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
    """Counts per reason and overall: {"reasons": {code: (rows, held, held with that reason)}, "risky": …}."""
    per_reason = collections.defaultdict(lambda: [0, 0, 0])
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
            if codes:
                misses.append((row, "-", codes))
    return {"reasons": dict(per_reason), "risky": tuple(risky), "clean": tuple(clean), "misses": misses}


def main(argv=None):
    """Print the figures; exit status 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("held", "tune", "all"), default="held")
    parser.add_argument("--corpus", default=str(CORPUS))
    parser.add_argument("--show", action="store_true", help="list each listing missed or wrongly held")
    args = parser.parse_args(argv)
    rows = [row for row in read_corpus(args.corpus) if args.split == "all" or row["split"] == args.split]
    result = evaluate(rows)

    print(f"screening on the {args.split!r} split of {args.corpus}: {len(rows)} listings")
    print(f"{'reason':<18}{'listings':>9}{'held':>7}{'recall':>8}{'this reason':>13}{'recall':>8}")
    for code in REASONS:
        total, held, exact = result["reasons"].get(code, (0, 0, 0))
        if total:
            print(f"{code:<18}{total:>9}{held:>7}{held / total:>8.0%}{exact:>13}{exact / total:>8.0%}")
    risky_total, risky_held = result["risky"]
    clean_total, clean_held = result["clean"]
    risky_rate = risky_held / risky_total if risky_total else 1.0
    clean_rate = clean_held / clean_total if clean_total else 0.0
    print(f"risky listings held: {risky_held}/{risky_total} = {risky_rate:.1%} (target >= {RISKY_HELD_TARGET:.0%})")
    print(f"clean listings held (false positives): {clean_held}/{clean_total} = {clean_rate:.1%} "
          f"(target <= {CLEAN_HELD_TARGET:.0%})")

    started = time.perf_counter()
    rounds = 20
    for _ in range(rounds):
        for row in rows:
            flags_of(row)
    elapsed = time.perf_counter() - started
    print(f"speed: {rounds * len(rows) / elapsed:,.0f} listings/s screened in this process")

    if args.show:
        for row, reason, codes in result["misses"]:
            print(f"  {'wrongly held' if reason == '-' else 'missed ' + reason}: {sorted(codes)} | {row['text']}")
    missed = []
    if risky_rate < RISKY_HELD_TARGET:
        missed.append("risky held")
    if clean_rate > CLEAN_HELD_TARGET:
        missed.append("clean held")
    if missed:
        print(f"TARGET MISSED: {', '.join(missed)}")
        return 1
    print("targets met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
