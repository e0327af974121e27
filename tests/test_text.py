"""Text is cut by grapheme cluster: never a lone Khmer mark, never inside a stack, a visible ellipsis where cut."""
import unicodedata

from core.text.gsm import fits_ussd
from core.text.clusters import ELLIPSIS, clusters, shorten, split, truncate

KHMER_TITLE = "អ្នកលក់ហាង ធ្វើការ 8 ម៉ោង ឈប់សម្រាក ៤ ថ្ងៃក្នុងមួយខែ មានអាហារថ្ងៃត្រង់ និងកន្លែងស្នាក់នៅ"


def starts_whole(piece):
    """No piece may begin with a combining mark or a subscript sign (a cluster cut in two)."""
    return piece and unicodedata.category(piece[0]) not in ("Mn", "Mc") and piece[0] != "\u17d2"


def test_split_keeps_clusters_whole_and_prefers_spaces():
    pieces = split(KHMER_TITLE, lambda piece: len(piece.encode("utf-16-le")) // 2 <= 30)
    assert "".join(pieces).replace(" ", "") == KHMER_TITLE.replace(" ", "")
    assert all(starts_whole(piece) for piece in pieces)
    assert pieces[0] == "អ្នកលក់ហាង ធ្វើការ 8 ម៉ោង"  # the first space-separated phrases, not a character count


def test_split_never_cuts_a_stack_even_without_spaces():
    text = "អ្នកលក់ហាងធ្វើការ" * 5
    pieces = split(text, lambda piece: len(piece) <= 7)
    assert "".join(pieces) == text
    assert all(starts_whole(piece) for piece in pieces)
    assert all(set(clusters(piece)) <= set(clusters(text)) for piece in pieces)


def test_english_is_cut_at_a_sentence_end_when_one_is_near():
    text = "Day shift 7am to 4pm. Lunch provided, bus from the market every morning."
    assert split(text, lambda piece: len(piece) <= 40)[0] == "Day shift 7am to 4pm."


def test_shorten_shows_the_ellipsis_and_fits():
    cut = shorten(KHMER_TITLE * 3, fits_ussd)
    assert cut.endswith(ELLIPSIS) and fits_ussd(cut)
    assert KHMER_TITLE.startswith(cut[: -len(ELLIPSIS)].split(" ")[0])
    assert shorten("short", fits_ussd) == "short"


def test_truncate_counts_clusters_not_code_points():
    assert truncate("ម៉ោង", 2) == "ម៉ោង"  # two clusters, four code points
    cut = truncate(KHMER_TITLE, 6)
    assert len(clusters(cut)) <= 6 and cut.endswith(ELLIPSIS)
    assert not cut[: -len(ELLIPSIS)].endswith("\u17d2")


def test_a_khmer_listing_gives_its_facts_to_readers_of_other_scripts():
    from core.text.wording import listing_summary
    title, details = "អ្នកលក់ហាង ធ្វើការ 8 ម៉ោង", "ឈប់សម្រាក ៤ ថ្ងៃក្នុងមួយខែ។ មានអាហារថ្ងៃត្រង់ និងកន្លែងស្នាក់នៅ។"
    assert listing_summary("en", title, details) == "8 hours a day, days off: 4 a month, meals given, a place to stay"
    assert listing_summary("km-Latn", title, details).startswith("8 maong/thngai, chhob samrak 4 thngai/khe")
    assert listing_summary("en", "Nanny", "Live-in, 1 day off a week") == "days off: 1 a week, a place to stay"
    assert listing_summary("en", "Helpers", "No experience needed") == ""
