"""The README's screenshots: the public pages and the editors' admin, desktop and phone.

Readers' pages: the home page, a letter and an article. Editors' pages (`--editor`, as the
demo editor): the desk, the letters inbox, the letter editor with its preview beside the
reply, and the identifying-details check before publishing.

Playwright drives Debian's Chromium (the same launch flags as tests/browser), full-page, at
1280×800 (desktop) and 360×740 (phone). Without --base-url the script serves the demo column
itself: a throwaway SQLite database, `migrate`, `seed_demo`, the development server on a free
port, stopped again at the end. The images are cut down to 256 colours and saved as
optimised PNGs, so that each stays well under 300 KB:

    .venv/bin/python bench/screenshots.py                  # docs/screenshots/after-*.png
    .venv/bin/python bench/screenshots.py --prefix before --base-url http://127.0.0.1:8000
    .venv/bin/python bench/screenshots.py --editor         # docs/screenshots/editor-*.png

`make screenshots` runs the first and the last line.
"""

import argparse
import io
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.chromium import DESKTOP, LAUNCH_ARGS, PHONE  # noqa: E402

PAGES = {
    "home": "/",
    "letter": "/letters/ghosted-after-three-perfect-dates/",
    "article": "/articles/starting-over-the-first-month/",
}
WIDTHS = {"desktop": DESKTOP, "phone": PHONE}
# The editors' pages: (name, path, what to scroll into view, or None for the whole page). The
# letter is a demo inbox letter that still names its town and the writer's age.
INBOX_LETTER = "/admin/advice/letter/?q=Uptight+in+Sheffield"
# What the editor is typing in the "editor" picture: the reply, with its preview beside it.
REPLY_DRAFT = """You are not going mad, and you are not uptight. You are living with someone who \
has quietly taken more than her share, and you noticed.

Notes on the fridge feel safer than talking, but they let her answer the tone instead of \
the point. So choose one calm evening and say three things:

- **what you need**: your food, your clothes and the bathroom left as you found them;
- **what you will do** if it keeps happening: label shelves, lock a cupboard, talk to the landlord;
- **what you are willing to share**, so it doesn't sound like a list of charges.

Shaking while you say it is fine. Say it anyway.
"""
EDITOR_PAGES = [
    ("desk", "/admin/", None),
    ("inbox", "/admin/advice/letter/", None),
    ("editor", INBOX_LETTER, ".markdownx:has(#id_reply-0-body)"),
    ("identifying", INBOX_LETTER, "#identifying-check"),
]


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve_demo(workdir):
    """Start the demo column on a fresh SQLite database; returns (base URL, server process).
    The demo editor's password is kept in `workdir`/editor-password."""
    env = dict(os.environ, DJANGO_DEBUG="1", DATABASE_URL=f"sqlite:///{workdir}/demo.sqlite3")
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True)
    subprocess.run(
        [*manage, "seed_demo", "-v0", "--password-file", f"{workdir}/editor-password"],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    port = free_port()
    server = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base_url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base_url + "/healthz", timeout=1)
            return base_url, server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("The development server did not answer /healthz.")


def save_small(png_bytes, path):
    """Write a screenshot as a 256-colour optimised PNG (text stays crisp, files stay small)."""
    image = Image.open(io.BytesIO(png_bytes)).convert("RGB")
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)


def log_in(page, base_url, password):
    """Log the demo editor in through the admin's login form."""
    page.goto(base_url + "/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")


def editor_page(page, base_url, path, focus):
    """Open an editors' page; a search for one letter opens that letter's edit page."""
    page.goto(base_url + path, wait_until="networkidle")
    if "?q=" in path:
        page.locator("#result_list tbody a").first.click()
        page.wait_for_load_state("networkidle")
    if focus and "reply" in focus:
        page.locator("#id_reply-0-body").fill(REPLY_DRAFT)
        page.locator(f"{focus} .markdownx-preview li").first.wait_for()
    if focus:
        page.locator(focus).first.scroll_into_view_if_needed()
        page.evaluate("window.scrollBy(0, -16)")


def capture(base_url, prefix, outdir, *, password=None):
    """Save `<prefix>-<page>-<width>.png` for every page and width; returns the paths. With
    the editor's `password`, the editors' pages instead (EDITOR_PAGES)."""
    from playwright.sync_api import sync_playwright

    outdir.mkdir(parents=True, exist_ok=True)
    saved = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=LAUNCH_ARGS
        )
        for width, viewport in WIDTHS.items():
            phone = width == "phone"
            context = browser.new_context(
                viewport=viewport, is_mobile=phone, has_touch=phone, color_scheme="light"
            )
            page = context.new_page()
            if password is None:
                for name, path in PAGES.items():
                    page.goto(base_url + path, wait_until="networkidle")
                    target = outdir / f"{prefix}-{name}-{width}.png"
                    save_small(page.screenshot(full_page=True), target)
                    saved.append(target)
            else:
                log_in(page, base_url, password)
                for name, path, focus in EDITOR_PAGES:
                    editor_page(page, base_url, path, focus)
                    target = outdir / f"editor-{name}-{width}.png"
                    save_small(page.screenshot(full_page=focus is None), target)
                    saved.append(target)
            context.close()
        browser.close()
    return saved


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prefix", default="after", help="file name prefix (after)")
    parser.add_argument("--base-url", help="a running site; by default the demo is served")
    parser.add_argument("--outdir", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument(
        "--editor", action="store_true", help="the editors' pages, on the demo column served here"
    )
    args = parser.parse_args()
    if args.editor and args.base_url:
        parser.error("--editor serves the demo column itself: leave out --base-url")
    server = None
    with tempfile.TemporaryDirectory() as workdir:
        base_url = args.base_url
        if base_url is None:
            base_url, server = serve_demo(workdir)
        try:
            password = None
            if args.editor:
                password = Path(workdir, "editor-password").read_text().strip()
            for path in capture(base_url.rstrip("/"), args.prefix, args.outdir, password=password):
                print(f"{path}  {path.stat().st_size // 1024} KB")
        finally:
            if server is not None:
                server.terminate()
                server.wait(timeout=10)


if __name__ == "__main__":
    main()
