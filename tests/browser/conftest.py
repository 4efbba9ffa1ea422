"""Browser journeys: Playwright for Python drives Debian's Chromium against a live server.

No browser is ever downloaded: Playwright launches the system's Chromium. Where there is
none the journeys are skipped, unless REQUIRE_BROWSER=1 (CI) makes that a failure.
"""

import os
import shutil

import pytest
from django.core.management import call_command
from django.db import connections

from tests.browser.support import (
    AXE_NOTES,
    CSP_SEEN,
    LAUNCH_ARGS,
    SiteBrowser,
    report_csp_violations,
)


def find_chromium():
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def chromium():
    executable = find_chromium()
    if executable is None:
        message = "Chromium is not installed (apt-get install chromium)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but {message}.", pytrace=False)
        pytest.skip(f"{message}: browser journeys skipped (REQUIRE_BROWSER=1 would fail).")
    return executable


@pytest.fixture(scope="session")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API leaves its asyncio event loop marked as running in this thread.
    # Django then refuses database calls unless told they are deliberate (they are: the test
    # talks to the database between browser steps, never during one), and looks connections
    # up in a separate storage for async code: it must find the same connections there, the
    # ones the test database was set up with (and its serialized contents kept on).
    sync_connections = {alias: connections[alias] for alias in connections}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            for alias, connection in sync_connections.items():
                connections[alias] = connection
            launched = playwright.chromium.launch(
                executable_path=chromium, headless=True, args=LAUNCH_ARGS
            )
            yield launched
            launched.close()


@pytest.fixture
def site(browser, live_server, django_db_serialized_rollback, settings, request):
    """Browser windows onto the live server; each one records CSP violations and errors.

    Serialized rollback brings back what migrations wrote (the Editors group) after each
    test's flush. The minimum time before sending a letter is off: the journeys type fast.
    """
    settings.ASK_MIN_SECONDS = 0
    opened = SiteBrowser(browser, live_server.url)
    yield opened
    opened.close()
    seen = request.config.stash.setdefault(CSP_SEEN, [])
    seen.extend((request.node.nodeid, *violation) for violation in opened.csp_violations)
    # The public site promises no inline script or style at all: any violation there fails.
    public = [v for v in opened.csp_violations if not v[0].startswith(opened.admin_url)]
    assert not public, "CSP violations on public pages:\n" + report_csp_violations(public)
    assert not opened.failed_requests, f"files the pages need failed: {opened.failed_requests}"
    assert not opened.script_errors, f"scripts failed: {opened.script_errors}"


@pytest.fixture
def demo(transactional_db):
    """The demo column: themes, letters with replies, articles, a series, an inbox."""
    call_command("seed_demo", verbosity=0)


def pytest_terminal_summary(terminalreporter, config):
    csp = config.stash.get(CSP_SEEN, [])
    if csp:
        terminalreporter.section("Content Security Policy violations seen by the browser")
        for nodeid, url, text in csp:
            terminalreporter.write_line(f"{nodeid}\n  {url}\n  {text}")
    notes = config.stash.get(AXE_NOTES, [])
    if notes:
        terminalreporter.section("Accessibility notes (axe, below serious)")
        for line in notes:
            terminalreporter.write_line(line)


@pytest.fixture
def served_media(settings, tmp_path):
    """Uploads go to a temporary MEDIA_ROOT, which the live server serves at /media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ROOT_URLCONF = "tests.browser.media"
