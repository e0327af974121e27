"""Log lines: a caller's text cannot start a forged line or rewrite a terminal."""
import logging

from core.platform.logs import EscapingFormatter, escape


def test_escape_puts_everything_on_one_line():
    assert escape("a\nb\rc\td\x1b[2Je\x00f\u2028g\x85") == "a\\nb\\rc\\td\\x1b[2Je\\x00f\\u2028g\\x85"
    assert escape("Sok Dara <sok@example.org> ឈ្មោះ") == "Sok Dara <sok@example.org> ឈ្មោះ"


def test_formatter_escapes_arguments_but_keeps_tracebacks():
    formatter = EscapingFormatter("%(levelname)s %(name)s: %(message)s")
    record = logging.LogRecord("admin.auth", logging.INFO, __file__, 1, "failed login for %s",
                               ("x@example.org\nINFO admin.auth: login ok",), None)
    assert formatter.format(record) == "INFO admin.auth: failed login for x@example.org\\nINFO admin.auth: login ok"
    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", (), sys.exc_info())
    assert "\nTraceback" in formatter.format(record)
