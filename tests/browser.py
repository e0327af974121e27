"""What the browser tests share: Debian's Chromium driven by Playwright, and the app served by a real threaded WSGI
server in a thread."""
import contextlib
import os
import pathlib
import shutil
import threading

import pytest
from werkzeug.serving import make_server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
TIMEOUT = 10_000
ROOT = pathlib.Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"

needs_chromium = pytest.mark.skipif(
    not os.path.exists(CHROMIUM),
    reason=f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium) to run the browser tests",
)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@contextlib.contextmanager
def serving(app):
    """The app on 127.0.0.1 behind a threaded WSGI server; yields its base URL."""
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}"
    finally:
        httpd.shutdown()
        thread.join()


def save_screenshot(page, name, area):
    """Into the run's output folder (test-output/<area>); the README's copy in docs/ only when missing or asked for
    (UPDATE_SCREENSHOTS=1), so a test run leaves the working tree clean."""
    output = ROOT / "test-output" / area
    output.mkdir(parents=True, exist_ok=True)
    path = output / name
    page.screenshot(path=str(path), full_page=True)
    if os.environ.get("UPDATE_SCREENSHOTS") or not (DOCS / name).exists():
        DOCS.mkdir(exist_ok=True)
        shutil.copyfile(path, DOCS / name)
