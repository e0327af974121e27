"""Cutting text for small screens and SMS by grapheme cluster, never inside one: Khmer stacks vowels, signs and
subscript consonants on a base letter, and a cut between them shows a lone mark. Pure: no I/O.

Every cut prefers a space (Khmer writes spaces between phrases), falls back to a cluster boundary, and shows the
ELLIPSIS where text was left out.
"""
import functools

import regex

ELLIPSIS = ".."  # GSM-7, so a cut never turns a Latin screen into UCS-2
_CLUSTER = regex.compile(r"\X")


@functools.lru_cache(maxsize=4096)
def clusters(text):
    """The text's extended grapheme clusters (UAX #29), as a tuple."""
    return tuple(_CLUSTER.findall(text))


def _longest(parts, passes):
    """How many leading parts pass `passes(joined)`, by bisection (a longer prefix never passes when a shorter fails)."""
    low, high = 0, len(parts)
    while low < high:
        middle = (low + high + 1) // 2
        if passes("".join(parts[:middle])):
            low = middle
        else:
            high = middle - 1
    return low


SENTENCE_ENDS = frozenset(".;!?។៕")
CLAUSE_ENDS = frozenset(",:")


def _at_space(parts, count):
    """Move a cut after `count` clusters back to the end of a sentence, else of a clause, in the last half; else to
    the last space unless that loses more than half the text."""
    if count >= len(parts):
        return count
    for ends in (SENTENCE_ENDS, CLAUSE_ENDS):
        for index in range(count, count // 2, -1):
            if parts[index - 1] == "\n" or (parts[index - 1][-1] in ends and parts[index] in (" ", "\n")):
                return index
    if parts[count] in (" ", "\n"):
        return count
    for index in range(count - 1, count // 2, -1):
        if parts[index] in (" ", "\n"):
            return index
    return count


def shorten(text, passes, ellipsis=ELLIPSIS):
    """The text unchanged if `passes(text)`, else its longest cluster-whole prefix that passes with the ellipsis."""
    if passes(text):
        return text
    parts = clusters(text)
    count = _at_space(parts, _longest(parts, lambda prefix: passes(prefix.rstrip() + ellipsis)))
    return "".join(parts[:count]).rstrip(" ,.;:-\n") + ellipsis


def truncate(text, limit, ellipsis=ELLIPSIS):
    """At most `limit` grapheme clusters, the ellipsis included when cut."""
    parts = clusters(text)
    if len(parts) <= limit:
        return text
    return shorten(text, lambda piece: len(clusters(piece)) <= limit, ellipsis)


def split(text, passes):
    """Pieces of the text, each passing `passes(piece)`, cut at spaces where possible and never inside a cluster."""
    pieces, rest = [], clusters(text.strip())
    while rest:
        whole = "".join(rest)
        if passes(whole):
            pieces.append(whole)
            break
        count = _at_space(rest, max(1, _longest(rest, passes)))
        pieces.append("".join(rest[:count]).rstrip())
        rest = clusters("".join(rest[count:]).strip())
    return pieces or [""]
