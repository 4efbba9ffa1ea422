"""Load benchmark: every kind of page, cached and uncached, against the static-file ceiling.

One command, as root, from the project folder (about ten minutes on two cores):

    .venv/bin/python bench/load.py [--duration 10] [--connections 16]

1. Makes sure the PostgreSQL database `postbag_bench` holds the data set (100,000 letters,
   10,000 articles, 30 themes, made with `generate_content` if it is not there yet).
2. Collects static files and starts gunicorn with the repository's gunicorn.conf.py,
   Redis as the cache, and nginx (Debian's package, installed if missing) in front with
   the repository's deploy/nginx/postbag.conf.
3. Warms up, then measures each target with wrk at a fixed concurrency: requests per
   second, p50 and p99 latency and errors. Static CSS through WhiteNoise (the app-server
   ceiling) and through nginx (the machine's ceiling); a letter through nginx's
   micro-cache; home; letters list page 1 and page 2,000; a letter; an article; a theme;
   a search; a POST to /ask/. Each twice: with the page cache and without it.
4. Prints a table with each figure as a ratio to the static-file figure, writes it as JSON
   to bench/results/load.json, and reports the peak RSS of each gunicorn worker.

Every request goes to 127.0.0.1; each run stops by itself.
"""

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/postbag_bench"
APP_PORT, NGINX_PORT = 8200, 8280
LETTERS, ARTICLES, THEMES = 100_000, 10_000, 30

ENV = {
    **os.environ,
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SITE_URL": "http://127.0.0.1",  # required with debug off
    "DJANGO_SECURE_SSL_REDIRECT": "0",
    "DATABASE_URL": DATABASE_URL,
    "REDIS_URL": "redis://127.0.0.1:6379/5",
    "ASK_MIN_SECONDS": "0",
    "ASK_RATE_LIMIT": "100000000/h",
    "LOG_LEVEL": "WARNING",
}

POST_ASK_LUA = """
local token = os.getenv("ASK_CSRF_TOKEN")
local shown = os.getenv("ASK_SHOWN_AT")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = "csrftoken=" .. os.getenv("ASK_CSRF_COOKIE")
local n = 0
local id = tostring(math.random(1, 1000000000))
request = function()
  n = n + 1
  local body = "csrfmiddlewaretoken=" .. token .. "&shown_at=" .. shown ..
    "&consent=on&website=&sign_off=Bench&letter=Dear+Elizabeth%2C+this+is+benchmark+letter+" ..
    id .. "-" .. n .. "+and+it+is+long+enough+to+be+accepted+by+the+form."
  return wrk.format(nil, "/ask/", nil, body)
end
"""


def run(*command, **kwargs):
    return subprocess.run(command, check=True, cwd=ROOT, env=ENV, **kwargs)


def manage(*args, **kwargs):
    return run(PYTHON, "manage.py", *args, **kwargs)


def ensure_data():
    exists = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc",
         "SELECT 1 FROM pg_database WHERE datname = 'postbag_bench'"],
        capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    if not exists:
        run("createdb", "-h", "127.0.0.1", "-U", "postgres", "postbag_bench")
    manage("migrate", "-v0")
    script = (
        "from advice.models import Letter\n"
        "print(Letter.objects.filter(slug__startswith='gen-').count())"
    )
    count = manage("shell", "-c", script, capture_output=True, text=True).stdout.split()[-1]
    if int(count) < LETTERS:
        print(f"Generating {LETTERS:,} letters, {ARTICLES:,} articles, {THEMES} themes …")
        started = time.monotonic()
        manage("generate_content", "--clear", "--letters", str(LETTERS),
               "--articles", str(ARTICLES), "--themes", str(THEMES))  # fmt: skip
        print(f"  generated in {time.monotonic() - started:.0f} s")
    # As autovacuum would on a live site: statistics and the visibility map that lets
    # lists page through their index alone.
    run("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postbag_bench", "-qc", "VACUUM ANALYZE")
    manage("collectstatic", "--noinput", "-v0")


def targets():
    """Paths of one of each page type, read from the data set."""
    script = (
        "from advice.models import Letter, Theme\n"
        "from articles.models import Article\n"
        "from pages.mixed import themes_with_counts\n"
        "letter = Letter.objects.published().order_by('-published_at')[500]\n"
        "article = Article.objects.published().order_by('-published_at')[50]\n"
        "theme = Theme.objects.filter(slug__startswith='gen-').first() or Theme.objects.first()\n"
        "print(letter.get_absolute_url(), article.get_absolute_url(), theme.get_absolute_url())\n"
    )
    letter, article, theme = manage(
        "shell", "-c", script, capture_output=True, text=True
    ).stdout.split()[-3:]
    manifest = json.loads((ROOT / "staticfiles" / "staticfiles.json").read_text())
    static = manifest["paths"]["css/site.css"]
    return {
        "static CSS (WhiteNoise)": (APP_PORT, f"/static/{static}"),
        "static CSS (nginx)": (NGINX_PORT, f"/static/{static}"),
        "letter (nginx micro-cache)": (NGINX_PORT, letter),
        "home": (APP_PORT, "/"),
        "letters list, page 1": (APP_PORT, "/letters/"),
        "letters list, page 2,000": (APP_PORT, "/letters/?page=2000"),
        "letter": (APP_PORT, letter),
        "article": (APP_PORT, article),
        "theme": (APP_PORT, theme),
        "search": (APP_PORT, "/search/?q=sister+birthday"),
        "POST /ask/": (APP_PORT, "/ask/"),
    }


class Gunicorn:
    def __init__(self, page_cache):
        env = {**ENV, "PAGE_CACHE_SECONDS": "600" if page_cache else "0"}
        self.process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "--config", "gunicorn.conf.py",
             "--bind", f"127.0.0.1:{APP_PORT}", "--access-logfile", "/dev/null", "config.wsgi"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for(f"http://127.0.0.1:{APP_PORT}/healthz")

    def worker_peak_rss_mb(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        peaks = []
        for pid in children.read_text().split():
            status = Path(f"/proc/{pid}/status").read_text()
            peaks.append(int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024)
        return [round(peak, 1) for peak in peaks]

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=60)


class Nginx:
    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="postbag-nginx-"))
        site = (ROOT / "deploy" / "nginx" / "postbag.conf").read_text()
        site = (
            site.replace("/var/cache/nginx/postbag", str(self.folder / "cache"))
            .replace("server 127.0.0.1:8000;", f"server 127.0.0.1:{APP_PORT};")
            .replace("listen 80;", f"listen 127.0.0.1:{NGINX_PORT};")
            .replace("/srv/postbag/staticfiles/", f"{ROOT / 'staticfiles'}/")
            .replace("/srv/postbag/media/", f"{ROOT / 'media'}/")
        )
        (self.folder / "nginx.conf").write_text(
            # The benchmark runs as root in a private temporary folder: so do the workers.
            "user root; worker_processes auto; pid nginx.pid; error_log error.log;\n"
            "events { worker_connections 1024; }\n"
            "http { include /etc/nginx/mime.types; access_log off; sendfile on;\n"
            f"client_body_temp_path {self.folder}/tmp; proxy_temp_path {self.folder}/tmp;\n"
            f"{site}\n}}\n"
        )
        (self.folder / "tmp").mkdir()
        subprocess.run(["nginx", "-p", str(self.folder), "-c", "nginx.conf"], check=True)
        wait_for(f"http://127.0.0.1:{NGINX_PORT}/healthz")

    def stop(self):
        subprocess.run(["nginx", "-p", str(self.folder), "-c", "nginx.conf", "-s", "quit"])
        time.sleep(1)
        shutil.rmtree(self.folder, ignore_errors=True)


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"{url} did not answer")


def ask_form_secrets():
    """A CSRF cookie, its form token and a signed 'shown at' time, as a browser has them."""
    with urllib.request.urlopen(f"http://127.0.0.1:{APP_PORT}/ask/") as response:
        html = response.read().decode()
        cookie = re.search(r"csrftoken=([^;]+)", response.headers["Set-Cookie"]).group(1)
    fields = dict(re.findall(r'name="(csrfmiddlewaretoken|shown_at)" value="([^"]+)"', html))
    return {
        "ASK_CSRF_COOKIE": cookie,
        "ASK_CSRF_TOKEN": fields["csrfmiddlewaretoken"],
        "ASK_SHOWN_AT": urllib.parse.quote(fields["shown_at"]),
    }


def wrk(port, path, duration, connections, script=None, env=None):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "10s"]
    if script:
        command += ["-s", script]
    output = subprocess.run(
        [*command, f"http://127.0.0.1:{port}{path}"],
        capture_output=True, text=True, env={**os.environ, **(env or {})},
    ).stdout  # fmt: skip
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": latency(output, "50%"),
        "p99_ms": latency(output, "99%"),
        "errors": errors(output),
    }


def latency(output, percentile):
    value, unit = re.search(rf"{percentile}\s+([\d.]+)(us|ms|s)", output).groups()
    return round(float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit], 2)


def errors(output):
    total = 0
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non_2xx:
        total += int(non_2xx.group(1))
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if sockets:
        total += sum(int(n) for n in sockets.groups())
    return total


def measure(paths, page_cache, duration, connections, lua):
    results = {}
    app = Gunicorn(page_cache)
    nginx = Nginx()
    try:
        for name, (port, path) in paths.items():
            if name == "POST /ask/":
                results[name] = wrk(port, path, duration, connections, lua, ask_form_secrets())
                continue
            wrk(port, path, 3, connections)  # warm up: caches, connections, imports
            results[name] = wrk(port, path, duration, connections)
        rss = app.worker_peak_rss_mb()
    finally:
        nginx.stop()
        app.stop()
    return results, rss


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement")
    parser.add_argument("--connections", type=int, default=16, help="concurrent connections")
    options = parser.parse_args()
    if not shutil.which("nginx") or not shutil.which("wrk"):
        subprocess.run(["apt-get", "install", "-y", "-qq", "nginx-light", "wrk"], check=True)

    ensure_data()
    paths = targets()
    lua = Path(tempfile.mkstemp(suffix=".lua")[1])
    lua.write_text(POST_ASK_LUA)
    report = {"connections": options.connections, "duration_s": options.duration, "runs": {}}
    try:
        for mode, page_cache in (("cached", True), ("uncached", False)):
            results, rss = measure(paths, page_cache, options.duration, options.connections, lua)
            report["runs"][mode] = {"results": results, "worker_peak_rss_mb": rss}
    finally:
        lua.unlink()

    print_table(report)
    out = ROOT / "bench" / "results" / "load.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=2))
    print(f"\nWritten to {out.relative_to(ROOT)}")


def print_table(report):
    for mode, run_ in report["runs"].items():
        results = run_["results"]
        whitenoise = results["static CSS (WhiteNoise)"]["rps"]
        nginx = results["static CSS (nginx)"]["rps"]
        print(f"\n{mode} (c={report['connections']}, {report['duration_s']} s each)")
        print(
            "| target | req/s | p50 ms | p99 ms | errors | ÷ WhiteNoise static | ÷ nginx static |"
        )
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for name, r in results.items():
            print(
                f"| {name} | {r['rps']:,.0f} | {r['p50_ms']} | {r['p99_ms']} | {r['errors']} "
                f"| {r['rps'] / whitenoise:.2f} | {r['rps'] / nginx:.2f} |"
            )
        print(f"worker peak RSS (MB): {run_['worker_peak_rss_mb']}")


if __name__ == "__main__":
    sys.exit(main())
