"""Log lines that a caller's input cannot forge: control characters in a message are escaped."""
import logging

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

# Newlines would start a line that looks like the service's own; other controls could rewrite a terminal.
_ESCAPES = {code: f"\\x{code:02x}" for code in (*range(0x20), 0x7F)}
_ESCAPES.update({ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t", 0x85: "\\x85", 0x2028: "\\u2028",
                 0x2029: "\\u2029"})


def escape(text):
    """`text` on one line: control and line-separator characters written as escapes."""
    return str(text).translate(_ESCAPES)


class EscapingFormatter(logging.Formatter):
    """A Formatter that escapes the message (with its arguments) and leaves tracebacks multi-line."""

    def formatMessage(self, record):
        record.message = escape(record.message)
        return super().formatMessage(record)


def configure_logging(level=logging.INFO):
    """Log to stderr through the escaping formatter, unless the host (gunicorn, pytest) configured logging already."""
    handler = logging.StreamHandler()
    handler.setFormatter(EscapingFormatter(FORMAT))
    logging.basicConfig(level=level, handlers=[handler])
