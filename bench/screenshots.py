"""The README's screenshots: the home page, a letter and an article, on a desktop and a phone.

Playwright drives Debian's Chromium (the same launch flags as tests/browser), full-page, at
1280×800 (desktop) and 360×740 (phone). Without --base-url the script serves the demo column
itself: a throwaway SQLite database, `migrate`, `seed_demo`, the development server on a free
port, stopped again at the end. The images are cut down to 256 colours and saved as
optimised PNGs, so that each stays well under 300 KB:

    .venv/bin/python bench/screenshots.py                  # docs/screenshots/after-*.png
    .venv/bin/python bench/screenshots.py --prefix before --base-url http://127.0.0.1:8000

`make screenshots` runs the first line.
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


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve_demo(workdir):
    """Start the demo column on a fresh SQLite database; returns (base URL, server process)."""
    env = dict(os.environ, DJANGO_DEBUG="1", DATABASE_URL=f"sqlite:///{workdir}/demo.sqlite3")
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True)
    subprocess.run([*manage, "seed_demo", "-v0"], env=env, check=True, stdout=subprocess.DEVNULL)
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


def capture(base_url, prefix, outdir):
    """Save `<prefix>-<page>-<width>.png` for every page and width; returns the paths."""
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
            for name, path in PAGES.items():
                page.goto(base_url + path, wait_until="networkidle")
                target = outdir / f"{prefix}-{name}-{width}.png"
                save_small(page.screenshot(full_page=True), target)
                saved.append(target)
            context.close()
        browser.close()
    return saved


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prefix", default="after", help="file name prefix (after)")
    parser.add_argument("--base-url", help="a running site; by default the demo is served")
    parser.add_argument("--outdir", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    server = None
    with tempfile.TemporaryDirectory() as workdir:
        base_url = args.base_url
        if base_url is None:
            base_url, server = serve_demo(workdir)
        try:
            for path in capture(base_url.rstrip("/"), args.prefix, args.outdir):
                print(f"{path}  {path.stat().st_size // 1024} KB")
        finally:
            if server is not None:
                server.terminate()
                server.wait(timeout=10)


if __name__ == "__main__":
    main()
