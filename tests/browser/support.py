"""What the browser journeys share: windows onto the live site, screenshots, axe."""

from pathlib import Path

import pytest
from django.urls import reverse

from tests import factories
from tests.browser.chromium import DESKTOP, LAUNCH_ARGS, PHONE  # noqa: F401 (shared)

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"

CSP_SEEN = pytest.StashKey[list]()
AXE_NOTES = pytest.StashKey[list]()


class SiteBrowser:
    """Browser windows (contexts) onto the live server, watching what goes wrong in them.

    Every page records Content Security Policy violations (Chromium reports them on the
    console), uncaught script errors, dialogs (a script that runs would open one) and
    failed requests for the page's own files.
    """

    def __init__(self, browser, base_url):
        self.browser = browser
        self.base_url = base_url
        self.admin_url = base_url + reverse("admin:index")
        self.contexts = []
        self.csp_violations = []
        self.script_errors = []
        self.dialogs = []
        self.failed_requests = []

    def page(self, *, phone=False, javascript=True):
        if phone:
            device = {"viewport": PHONE, "is_mobile": True, "has_touch": True}
        else:
            device = {"viewport": DESKTOP}
        context = self.browser.new_context(
            base_url=self.base_url, java_script_enabled=javascript, **device
        )
        context.set_default_timeout(15_000)
        self.contexts.append(context)
        page = context.new_page()
        page.on("console", lambda message: self._console(page, message))
        page.on("pageerror", lambda error: self.script_errors.append((page.url, str(error))))
        page.on("dialog", self._dialog)
        page.on("response", self._response)
        return page

    def _console(self, page, message):
        if "Content Security Policy" in message.text:
            self.csp_violations.append((page.url, message.text))

    def _dialog(self, dialog):
        self.dialogs.append((dialog.page.url, dialog.type, dialog.message))
        dialog.dismiss()

    def _response(self, response):
        if response.url.startswith(self.base_url) and response.status >= 400:
            if response.request.resource_type != "document":
                self.failed_requests.append((response.url, response.status))

    def close(self):
        for context in self.contexts:
            context.close()


def report_csp_violations(violations):
    return "\n".join(f"{url}\n  {text}" for url, text in violations)


def screenshots(page, name, *, sizes=("desktop", "phone")):
    """Save full-page pictures of what `page` shows, 1280 wide and at 360×740."""
    SCREENSHOTS.mkdir(exist_ok=True)
    kept = page.viewport_size
    for label in sizes:
        page.set_viewport_size({"desktop": DESKTOP, "phone": PHONE}[label])
        page.screenshot(path=SCREENSHOTS / f"{name}-{label}.png", full_page=True)
    page.set_viewport_size(kept)


def log_in_as_editor(page, username):
    """Make a member of Editors (not a superuser) and log in through the admin's login form."""
    password = "a-long-test-password"
    editor = factories.editor(username=username, password=password)
    page.goto(reverse("admin:login"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"**{reverse('admin:index')}")
    return editor


def axe_check(page, name, notes):
    """Run axe-core on `page`: return its serious and critical violations, one line each,
    and add everything smaller to `notes`."""
    from axe_playwright_python.sync_playwright import Axe

    serious = []
    for violation in Axe().run(page).response["violations"]:
        where = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        line = (
            f"{name} ({page.url}): {violation['id']} [{violation['impact']}] "
            f"{violation['help']}: {len(violation['nodes'])} element(s): {where}"
        )
        (serious if violation["impact"] in {"serious", "critical"} else notes).append(line)
    return serious
