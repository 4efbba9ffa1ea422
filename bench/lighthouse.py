"""Lighthouse (mobile) scores of every public page type, served as in production.

The demo column on a throwaway SQLite database, with debug off, collected static files
(WhiteNoise, hashed names) and gunicorn behind the repository's nginx config (which serves
/media/, as in production: gunicorn alone, with debug off, serves no uploads), is audited
by Lighthouse driving Debian's Chromium (CHROME_PATH=/usr/bin/chromium, headless, the
flags of tests/browser) with its default
mobile settings: a slow 4G connection and a mid-range phone's CPU, simulated. Prints one
row per page type with the four category scores (0–100):

    make lighthouse             # installs the pinned npm package into .venv, then runs this
    .venv/bin/python bench/lighthouse.py [--runs 3]

With --runs N each page is audited N times and the median score is shown (performance
varies a little from run to run on a busy machine). Exits 1 when any score is below 100.
"""

import argparse
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.screenshots import free_port  # noqa: E402
from tests.browser.chromium import LAUNCH_ARGS  # noqa: E402
from tests.live import NGINX, nginx_config  # noqa: E402

LIGHTHOUSE = ROOT / ".venv" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
PAGES = {
    "home": "/",
    "letters": "/letters/",
    "letter": "/letters/ghosted-after-three-perfect-dates/",
    "articles": "/articles/",
    "article": "/articles/starting-over-the-first-month/",
    "series": "/series/starting-over/",
    "themes": "/themes/",
    "theme": "/themes/dating/",
    "search": "/search/?q=friend",
    "ask": "/ask/",
    "status": "/ask/status/",
    "about": "/about/",
    "newsletter": "/newsletter/",
    "privacy": "/privacy/",
}


def production_site(workdir):
    """Serve the demo with gunicorn (debug off) behind nginx; returns (base URL, [processes]).

    nginx listens on the address the site's links name (SITE_URL), so canonical links and
    the social cards' addresses are the ones a reader's browser follows.
    """
    port, front_port = free_port(), free_port()
    base_url = f"http://127.0.0.1:{front_port}"
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(40),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "SITE_URL": base_url,
        "DATABASE_URL": f"sqlite:///{workdir}/demo.sqlite3",
        "STATIC_ROOT": f"{workdir}/static",
        "MEDIA_ROOT": f"{workdir}/media",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    quiet = {"env": env, "check": True, "stdout": subprocess.DEVNULL, "cwd": ROOT}
    subprocess.run([*manage, "migrate", "--noinput"], **quiet)
    subprocess.run([*manage, "seed_demo"], **quiet)
    subprocess.run([*manage, "collectstatic", "--noinput"], **quiet)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "--workers", "2",
         "--bind", f"127.0.0.1:{port}", "--access-logfile", "/dev/null", "config.wsgi"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    folder = Path(workdir) / "nginx"
    (folder / "tmp").mkdir(parents=True)
    config = nginx_config(
        app_port=port,
        port=front_port,
        folder=folder,
        media_root=Path(workdir) / "media",
        static_root=Path(workdir) / "static",
    )
    (folder / "nginx.conf").write_text(("user root;\n" if os.geteuid() == 0 else "") + config)
    front = [NGINX, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-e", "stderr"]
    subprocess.run(front, check=True, capture_output=True)
    for _ in range(150):
        try:
            urllib.request.urlopen(base_url + "/healthz", timeout=1)
            return base_url, [server], [*front, "-s", "stop"]
        except OSError:
            subprocess.run(["sleep", "0.2"], check=False)
    server.terminate()
    subprocess.run([*front, "-s", "stop"], check=False)
    raise SystemExit("gunicorn behind nginx did not answer /healthz.")


def audit(url):
    """Lighthouse's four category scores (0–100) for `url`, and its failed audits' titles."""
    flags = " ".join(["--headless=new", *LAUNCH_ARGS])
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
         f"--chrome-flags={flags}", f"--only-categories={','.join(CATEGORIES)}"],
        env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    report = json.loads(result.stdout)
    scores = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    failed = sorted(
        audit["title"]
        for audit in report["audits"].values()
        if audit.get("score") is not None
        and audit["score"] < 1
        and audit.get("scoreDisplayMode") in {"binary", "numeric", "metricSavings"}
    )
    return scores, failed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="audits per page (the median)")
    parser.add_argument("--base-url", help="a running site; by default the demo is served")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE} is missing: run `make lighthouse`.")
    servers, stop_front = [], None
    with tempfile.TemporaryDirectory() as workdir:
        base_url = args.base_url
        if base_url is None:
            base_url, servers, stop_front = production_site(workdir)
        try:
            print(f"| page | {' | '.join(CATEGORIES)} |")
            print("| --- |" + " ---: |" * len(CATEGORIES))
            below = []
            for name, path in PAGES.items():
                runs = [audit(base_url.rstrip("/") + path) for _ in range(args.runs)]
                scores = {c: statistics.median(r[0][c] for r in runs) for c in CATEGORIES}
                print(f"| {name} | " + " | ".join(f"{scores[c]:g}" for c in CATEGORIES) + " |")
                if min(scores.values()) < 100:
                    below.append((name, sorted({title for r in runs for title in r[1]})))
            for name, titles in below:
                print(f"\n{name}: " + "; ".join(titles), file=sys.stderr)
        finally:
            if stop_front is not None:
                subprocess.run(stop_front, check=False, capture_output=True)
            for server in servers:
                server.terminate()
                server.wait(timeout=15)
    sys.exit(1 if below else 0)


if __name__ == "__main__":
    main()
