"""Laying out a USSD screen: a choice (maybe paged), a free-text prompt, or an end, each fitting one USSD page.

Pure: no I/O. A screen carries the inputs it accepts (`choices`: input -> value), so a choice's stored value is
separate from its label, and only what the person can see is accepted. The screens themselves are in ussd/screens.py.
"""
from dataclasses import dataclass, field
from typing import NamedTuple

from core.text.gsm import fits_ussd
from core.text.clusters import shorten, split

MORE = "98"
BACK = "0"
HOME = "00"


class Option(NamedTuple):
    """One line of a menu: the key to press (None: a plain line; "#": numbered in its list), its label, its value."""

    key: str | None
    label: str
    value: object


@dataclass(frozen=True)
class Screen:
    text: str
    ends: bool = False
    choices: dict = field(default_factory=dict)
    free: bool = False  # any other input is free text
    impressions: tuple = ()  # sponsored slot ids shown on this screen

    def wire(self):
        """The reply body AT expects."""
        return ("END " if self.ends else "CON ") + self.text


def fit(text):
    """The text cut to one screen (last resort: catalogues and layouts are made to fit already)."""
    return shorten(text, fits_ussd)


def end(text):
    """A last screen: the session is over."""
    return Screen(fit(text), ends=True)


def prompt(text, nav=()):
    """Ask for free text; `nav` lines (key, label, value) still work."""
    body = "\n".join([text] + [f"{key}. {label}" for key, label, _ in nav])
    return Screen(fit(body), choices={key: value for key, _, value in nav}, free=True)


def choice(header, items, nav=(), hidden=()):
    """A choice screen laid out by the caller to fit (no paging); `hidden` options are accepted but not shown."""
    choices = {key: value for key, _, value in list(hidden) + list(items) + list(nav) if key is not None}
    return Screen(fit(_lines(header, list(items), list(nav))), choices=choices)


def _lines(header, items, nav):
    head = [header] if header else []
    return "\n".join(head + [_line(key, label) for key, label, _ in items + nav])


def _line(key, label):
    if key is None:
        return label
    return f"{key}. {label}"


def paginate(header, items, nav, more_label, leads=(), upto=None):
    """Split items (key, label, value) into pages that fit with the header, a "98. More" line and `nav`.

    Each page starts with the next of `leads` while any are left (one sponsored line per page). A key of None is a
    plain line; a key of "#" is numbered 1, 2, 3... on from the page before, as a trade keeps its number on every
    page: one numbering rule for every list.
    """
    if len(leads) <= 1 and fits_ussd(_lines(header, _numbered(list(leads) + list(items)), nav)):
        return [_numbered(list(leads) + list(items))]  # one page: no room kept for paging lines
    tail = [Option(MORE, more_label, "more")] + nav
    leads, rest, pages, before = list(leads), list(items), [], 0
    while leads or rest or not pages:
        current = []
        if leads:
            current.append(_fitted(header, leads.pop(0), tail, before))
        while rest and (not current or fits_ussd(_lines(header, _numbered(current + [rest[0]], before), tail))):
            current.append(_fitted(header, rest.pop(0), tail, before))
        pages.append(_numbered(current, before))
        before += sum(1 for key, _, _ in current if key == "#")
        if upto is not None and len(pages) > upto and (leads or rest):
            pages.append([])  # later pages are not drawn: only their existence matters for "98. More"
            break
    return pages


def _fitted(header, item, tail, before=0):
    """The item, its label cut if it cannot share a screen with the header and navigation even alone."""
    if fits_ussd(_lines(header, _numbered([item], before), tail)):
        return item
    key, label, value = item
    shown = _numbered([item], before)[0].key
    return Option(key, shorten(label, lambda cut: fits_ussd(_lines(header, [Option(shown, cut, value)], tail))), value)


RESERVED = frozenset({MORE, BACK, HOME})


def _number_after(count):
    """The number the `count`-th numbered line carries (navigation keys are skipped)."""
    number = 0
    for _ in range(count):
        number += 1
        while str(number) in RESERVED:
            number += 1
    return number


def _numbered(page, before=0):
    """The page with its "#" lines numbered on from `before` numbered lines, skipping the navigation keys."""
    count = _number_after(before)
    numbered = []
    for key, label, value in page:
        if key == "#":
            count += 1
            while str(count) in RESERVED:
                count += 1
            key = str(count)
        numbered.append(Option(key, label, value))
    return numbered


def menu(header, items, nav, more_label, page=0, notice=None, leads=(), impressions_of=None, back_label=None):
    """A choice screen showing page `page` of items; "98. More" when more follow; notice on top when given.

    A top menu (no "0" in `nav`) still shows "0. <back_label>" on its later pages, room for it kept on every page.
    """
    nav = list(nav)
    later = nav
    if back_label and not any(key == BACK for key, _, _ in nav):
        later = [Option(BACK, back_label, "back")] + nav
    # A question too long to leave room for an option line and the navigation is shortened, never the navigation.
    if not fits_ussd(_lines(header, _numbered(list(leads) + list(items)), nav)):
        room = [Option("1", "x" * 12, None)] if items or leads else []
        header = shorten(header, lambda cut: fits_ussd(_lines(cut, room, [Option(MORE, more_label, "more")] + later)))
    pages = paginate(header, items, later, more_label, leads, upto=page)
    if len(pages) == 1:
        pages = paginate(header, items, nav, more_label, leads, upto=page)
    page = max(0, min(page, len(pages) - 1))
    nav = later if page > 0 else nav
    shown = pages[page]
    extra = [Option(MORE, more_label, "more")] if page + 1 < len(pages) else []
    body = _lines(header, shown, extra + nav)
    if notice:
        # The hint above the question; the page's last lines give way if both do not fit, still accepted.
        lines = list(shown)
        body = _lines(notice + "\n" + header, lines, extra + nav)
        while lines and not fits_ussd(body):
            lines.pop()
            body = _lines(notice + "\n" + header, lines, extra + nav)
    # An item keeps its number on every page, so a number seen on another page (or known by heart) still works.
    choices = {key: value for key, _, value in items if key not in (None, "#")}
    choices.update((key, value) for key, _, value in shown + extra + nav if key is not None)
    impressions = tuple(impressions_of(value) for _, _, value in shown if impressions_of and impressions_of(value))
    return Screen(fit(body), choices=choices, impressions=impressions)


def split_text(text, room_for):
    """Cut a long text into pieces, at spaces where possible and never inside a character, each passing `room_for`."""
    return split(text, room_for)
