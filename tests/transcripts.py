"""What the golden transcript tests (USSD screens, voice calls) share: reading a transcript file and checking what the
code produces against it, or rewriting it with UPDATE_TRANSCRIPTS=1."""
import os


def parse(path):
    """(header lines, [(input, outcome)]) from a transcript file: `> input || outcome` lines after the header."""
    header, steps = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(">"):
            raw, _, outcome = line[1:].partition("||")
            steps.append((raw.strip(), outcome.strip() or None))
        elif not steps:
            header.append(line)
    return header, steps


def check(path, produced):
    """Assert the file holds `produced`; with UPDATE_TRANSCRIPTS set, write it first (then read the diff)."""
    if os.environ.get("UPDATE_TRANSCRIPTS"):
        path.write_text(produced, encoding="utf-8")
    assert produced == path.read_text(encoding="utf-8")
