"""Fault drill: two app servers, one PostgreSQL, one Redis, and both taken away mid-load.

Run as root on a machine with PostgreSQL and redis-server (as CI's), from the project folder:

    .venv/bin/python bench/faults.py            # about a minute and a half; prints a report
    .venv/bin/python bench/faults.py --keep-postgres   # leaves PostgreSQL running

It makes a database `postbag_faults`, loads the demo content, collects static files, starts
a Redis of its own (port 6391, so the machine's Redis and whoever uses it are left alone)
and two gunicorn instances (ports 8101 and 8102) with the repository's gunicorn.conf.py
against both. Then:

1. shows that the rate limit is shared: a client refused by one instance for guessing
   receipt codes is refused by the other;
2. sends a steady mixed load (reading, searching, asking) to both instances, stops and
   restarts PostgreSQL (unless --keep-postgres), then Redis; then replaces Redis with a
   socket that accepts connections and never answers (a hung Redis) for longer than the
   app's REDIS_RETRY_SECONDS, and brings Redis back.

It reports requests and answers by phase, 5xx other than the expected 503s, letters
accepted versus letters found in the database afterwards, the time from each restart until
both instances answer again (and, after the hang, until pages are cached again), and the
latency of the public pages (search excluded) in each phase: p50, p95 and max, and how
many took longer than Redis's 0.5 s socket timeout.

Every request goes to 127.0.0.1 and the load stops by itself. Not part of `make test`.
"""

import argparse
import glob
import http.client
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
DATABASE = "postbag_faults"
DATABASE_URL = f"postgresql://postgres@127.0.0.1:5432/{DATABASE}"
REDIS_PORT = 6391
REDIS_URL = f"redis://127.0.0.1:{REDIS_PORT}/0"
REDIS_FOLDER = Path(tempfile.gettempdir()) / "postbag-faults-redis"
REDIS_RETRY_SECONDS = 10
HANG_SECONDS = 15  # longer than REDIS_RETRY_SECONDS: a retry happens during the hang
PORTS = (8101, 8102)
CLIENTS_PER_INSTANCE = 4
STATUS_GUESS_LIMIT = 5

ENV = {
    **os.environ,
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SITE_URL": "http://127.0.0.1",  # required with debug off
    "DJANGO_SECURE_SSL_REDIRECT": "0",
    "DATABASE_URL": DATABASE_URL,
    "REDIS_URL": REDIS_URL,
    "REDIS_RETRY_SECONDS": str(REDIS_RETRY_SECONDS),
    "ASK_MIN_SECONDS": "0",
    "ASK_RATE_LIMIT": "100000/h",
    "ASK_STATUS_RATE_LIMIT": f"{STATUS_GUESS_LIMIT}/h",
    "WEB_CONCURRENCY": "2",
    "LOG_LEVEL": "CRITICAL",
}


def run(*command, **kwargs):
    return subprocess.run(command, check=True, cwd=ROOT, env=ENV, **kwargs)


def postgres(action):
    version = sorted(Path(p).name for p in glob.glob("/etc/postgresql/*"))[-1]
    run("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action)


def redis(action):
    """Start or stop the drill's own Redis (the machine's, on 6379, is never touched)."""
    if action == "stop":
        subprocess.run(["redis-cli", "-p", str(REDIS_PORT), "shutdown", "nosave"],
                       check=False, capture_output=True)  # fmt: skip
        return
    REDIS_FOLDER.mkdir(exist_ok=True)
    subprocess.run(
        ["redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "--port", str(REDIS_PORT),
         "--save", "", "--appendonly", "no", "--dir", str(REDIS_FOLDER),
         "--logfile", str(REDIS_FOLDER / "redis.log")],
        check=True,
    )  # fmt: skip
    deadline = time.monotonic() + 10
    while subprocess.run(["redis-cli", "-p", str(REDIS_PORT), "ping"], capture_output=True,
                         check=False, timeout=5).returncode:  # fmt: skip
        if time.monotonic() > deadline:
            raise SystemExit("redis-server did not start")
        time.sleep(0.1)


class HungRedis:
    """A socket on Redis's address that accepts every connection and never answers: what
    clients see of a Redis stopped with SIGSTOP or stuck on a stalled disk."""

    def __init__(self, port):
        self.listener = socket.create_server(("127.0.0.1", port), backlog=512)
        self.held = []
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            try:
                self.held.append(self.listener.accept()[0])
            except OSError:
                return

    def close(self):
        # shutdown() wakes the thread blocked in accept(); close() alone would leave the
        # socket listening until that call returned.
        self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        for connection in self.held:
            connection.close()


class Instance:
    def __init__(self, port):
        self.port = port
        self.process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "--config", "gunicorn.conf.py",
             "--bind", f"127.0.0.1:{port}", "--access-logfile", "/dev/null", "config.wsgi"],
            cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip

    def request(self, method, path, body=None, headers=None, timeout=10):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, response.read().decode("utf-8", "replace"), response
        finally:
            connection.close()

    def wait_until_up(self, seconds=30):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                if self.request("GET", "/healthz", timeout=2)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise SystemExit(f"gunicorn on port {self.port} did not start")

    def ask(self, text):
        """GET the form, then POST a letter; returns (status, receipt code or None)."""
        status, html, response = self.request("GET", "/ask/")
        if status != 200:
            return status, None
        cookie = response.getheader("Set-Cookie", "").split(";")[0]
        fields = dict(re.findall(r'name="(csrfmiddlewaretoken|shown_at)" value="([^"]+)"', html))
        body = urllib.parse.urlencode(
            {**fields, "letter": text, "sign_off": "Drill", "consent": "on", "website": ""}
        )
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
        status, html, _ = self.request("POST", "/ask/", body, headers)
        code = re.search(r"[2-9A-HJ-NP-Z]{4}(?:-[2-9A-HJ-NP-Z]{4}){3}", html)
        return status, code.group(0) if status == 200 and code else None

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


class Load:
    """Clients that read, search and ask in a loop, counting what they get back and timing
    the public pages (search aside: it is never page-cached and slow by nature)."""

    READS = ["/", "/letters/", "/articles/", "/themes/", "/search/?q=friend"]

    def __init__(self, instances):
        self.instances = instances
        self.statuses = Counter()  # (phase, status): count
        self.page_seconds = defaultdict(list)  # phase: durations of public page reads
        self.phase = "steady"
        self.accepted = []  # the unique words of every letter that got a receipt
        self.lock = threading.Lock()
        self.running = True
        self.threads = [
            threading.Thread(target=self.client, args=(instance, n), daemon=True)
            for instance in instances
            for n in range(CLIENTS_PER_INSTANCE)
        ]

    def client(self, instance, n):
        step = 0
        while self.running:
            step += 1
            try:
                if step % 4 == 0:
                    marker = f"drill-{instance.port}-{n}-{step}-{secrets.token_hex(4)}"
                    status, code = instance.ask(
                        f"Dear Elizabeth, this is a letter sent during the drill ({marker}). "
                        "It is long enough to be accepted by the form."
                    )
                    if code:
                        with self.lock:
                            self.accepted.append(marker)
                else:
                    path = self.READS[step % len(self.READS)]
                    started = time.monotonic()
                    status = instance.request("GET", path)[0]
                    if not path.startswith("/search/"):
                        with self.lock:
                            self.page_seconds[self.phase].append(time.monotonic() - started)
            except OSError:
                status = "connection error"
            with self.lock:
                self.statuses[self.phase, status] += 1
            time.sleep(0.02)

    def start(self):
        for thread in self.threads:
            thread.start()

    def stop(self):
        self.running = False
        for thread in self.threads:
            thread.join(timeout=30)


def time_to_recover(instances, since):
    """Seconds from `since` until every instance serves the home page again."""
    pending = set(instances)
    while pending and time.monotonic() - since < 120:
        for instance in list(pending):
            try:
                if instance.request("GET", "/", timeout=2)[0] == 200:
                    pending.discard(instance)
            except OSError:
                pass
        time.sleep(0.1)
    return round(time.monotonic() - since, 2) if not pending else None


def time_until_cached(instances, since):
    """Seconds from `since` until every instance answers the home page from its cache."""
    pending = set(instances)
    while pending and time.monotonic() - since < 120:
        for instance in list(pending):
            try:
                response = instance.request("GET", "/", timeout=2)[2]
                if response.getheader("X-Page-Cache") == "hit":
                    pending.discard(instance)
            except OSError:
                pass
        time.sleep(0.1)
    return round(time.monotonic() - since, 2) if not pending else None


def latency(seconds):
    """p50, p95 and max in milliseconds, and how many waited past Redis's socket timeout."""
    if not seconds:
        return {}
    ordered = sorted(seconds)

    def at(share):
        return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000, 1)

    return {"pages": len(ordered), "p50 ms": at(0.5), "p95 ms": at(0.95),
            "max ms": round(ordered[-1] * 1000, 1),
            "over 0.5 s": sum(1 for s in ordered if s > 0.5)}  # fmt: skip


def shared_rate_limit(first, second):
    for _ in range(STATUS_GUESS_LIMIT):
        first.request("GET", "/ask/status/")
        status = guess(first)
    refused_elsewhere = guess(second)
    return {"guesses allowed on instance 1": STATUS_GUESS_LIMIT, "last answer there": status,
            "next guess on instance 2": refused_elsewhere}  # fmt: skip


def guess(instance):
    status, html, response = instance.request("GET", "/ask/status/")
    cookie = response.getheader("Set-Cookie", "").split(";")[0]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "code": "AAAA-BBBB-CCCC-DDDD"})
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
    return instance.request("POST", "/ask/status/", body, headers)[0]


def letters_found(markers):
    script = (
        "import json, sys\n"
        "from advice.models import Letter\n"
        "markers = json.load(sys.stdin)\n"
        "texts = Letter.objects.filter(original_text__contains='drill-')"
        ".values_list('original_text', flat=True)\n"
        "found = {m for t in texts for m in markers if m in t}\n"
        "print(len(found))\n"
    )
    result = run(PYTHON, "manage.py", "shell", "-c", script, input=json.dumps(markers),
                 capture_output=True, text=True)  # fmt: skip
    return int(result.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keep-postgres", action="store_true",
                        help="don't stop PostgreSQL (others use it)")  # fmt: skip
    options = parser.parse_args()

    redis("stop")  # one left over from an interrupted drill, with its keys
    redis("start")
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", DATABASE])
    run("createdb", "-h", "127.0.0.1", "-U", "postgres", DATABASE)
    run(PYTHON, "manage.py", "migrate", "-v0")
    run(PYTHON, "manage.py", "seed_demo", stdout=subprocess.DEVNULL)
    run(PYTHON, "manage.py", "collectstatic", "--noinput", "-v0")

    instances = [Instance(port) for port in PORTS]
    report = {}
    try:
        for instance in instances:
            instance.wait_until_up()
        report["shared rate limit"] = shared_rate_limit(*instances)

        load = Load(instances)
        load.start()
        time.sleep(5)
        if not options.keep_postgres:
            load.phase = "PostgreSQL down"
            postgres("stop")
            time.sleep(6)
            postgres("start")
            load.phase = "PostgreSQL restarted"
            report["seconds to recover after PostgreSQL restart"] = time_to_recover(
                instances, time.monotonic()
            )
            time.sleep(5)
        load.phase = "Redis down"
        redis("stop")
        time.sleep(6)
        redis("start")
        load.phase = "Redis restarted"
        report["seconds to recover after Redis restart"] = time_to_recover(
            instances, time.monotonic()
        )
        time.sleep(5)
        load.phase = "Redis hangs"
        redis("stop")
        hung = HungRedis(REDIS_PORT)
        time.sleep(HANG_SECONDS)
        hung.close()
        redis("start")
        load.phase = "Redis back after hanging"
        report["seconds until pages are cached again after the hang"] = time_until_cached(
            instances, time.monotonic()
        )
        time.sleep(5)
        load.stop()
    finally:
        for instance in instances:
            instance.stop()
        redis("stop")

    statuses = load.statuses
    unexpected = [
        n for (_, s), n in statuses.items() if isinstance(s, int) and s >= 500 and s != 503
    ]
    by_phase = {}
    for (phase, status), count in statuses.items():
        by_phase.setdefault(phase, {})[str(status)] = count
    report.update(
        {
            "requests": sum(statuses.values()),
            "answers by phase and status": by_phase,
            "page latency by phase": {
                phase: latency(seconds) for phase, seconds in load.page_seconds.items()
            },
            "5xx other than 503": sum(unexpected),
            "letters accepted (receipt shown)": len(load.accepted),
            "letters found in the database": letters_found(load.accepted),
        }
    )
    print(json.dumps(report, indent=2))
    ok = (
        report["5xx other than 503"] == 0
        and report["letters accepted (receipt shown)"] == report["letters found in the database"]
        and report["shared rate limit"]["next guess on instance 2"] == 429
    )
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
