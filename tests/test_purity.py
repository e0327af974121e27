"""The pure parts (flows, parser, screening, matching) import no I/O library, directly or through anything they
import: each is imported alone in a fresh interpreter and sys.modules is read."""
import subprocess
import sys

import pytest

PURE_MODULES = (
    "ussd.engine", "ussd.screens", "ussd.layout", "core.contacts.effects",
    "voice.flow", "voice.speech", "voice.wire", "voice.twiml",
    "sms.parser", "sms.interpreter",
    "core.jobs.screening", "core.reference", "core.text.gsm", "core.text.wording",
)
IO_LIBRARIES = ("flask", "werkzeug", "peewee", "playhouse", "redis", "rq", "africastalking", "requests",
                "psycopg2", "sqlite3")


@pytest.mark.parametrize("module", PURE_MODULES)
def test_a_pure_module_pulls_in_no_io_library(module):
    code = (
        f"import sys, {module}\n"
        f"print(' '.join(sorted({{name.split('.')[0] for name in sys.modules}} & set({IO_LIBRARIES!r}))))\n"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert loaded == [], f"{module} imports {loaded}"
