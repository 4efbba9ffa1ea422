"""Real servers for the tests that must go the way the world goes: gunicorn with the
repository's `gunicorn.conf.py`, nginx with the repository's `deploy/nginx/postbag.conf`,
and mail servers (one that works, one that is up but never answers).

Each app or proxy server runs in its own process on 127.0.0.1, on a free port, with its logs
in a temporary folder the test can read; the mail servers run in threads of the test's own
process (the `smtp_server` and `silent_smtp_server` fixtures in tests/conftest.py). The app
servers use a SQLite database made once per test session by `migrate` (the `live_database`
fixture in tests/conftest.py): the behaviour under test here (proxies, headers, logs,
limits) doesn't depend on the database, and the test database of pytest-django lives in
memory, out of another process's reach.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def seeded_database(live_database, folder, seed):
    """A copy of the session's live SQLite database in `folder`, with `seed` (Python that
    sets Django up itself, e.g. "import django; django.setup(); …") run against it, with
    debug on and none of the environment's DJANGO_ or SITE_ settings: (its DATABASE_URL,
    what `seed` printed, stripped). A copy, because other tests count what the shared file
    holds."""
    path = Path(folder) / "db.sqlite3"
    shutil.copy(live_database.removeprefix("sqlite:///"), path)
    url = f"sqlite:///{path}"
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SITE_"))}
    seeded = subprocess.run(
        [sys.executable, "-c", seed],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**environ, "DJANGO_DEBUG": "1", "DATABASE_URL": url,
             "DJANGO_SETTINGS_MODULE": "config.settings"},
        check=True,
    )  # fmt: skip
    return url, seeded.stdout.strip()


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_answering(url, process=None, seconds=30):
    """Poll `url` until it answers at all (any HTTP status); fail if `process` exits first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server exited with status {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


@dataclass
class Server:
    """A running server: where it answers and where its logs go."""

    url: str
    port: int
    folder: Path

    @property
    def access_log(self):
        return self.folder / "access.log"

    @property
    def error_log(self):
        return self.folder / "error.log"

    def logs(self):
        """Both logs as one text (empty where a log was not written)."""
        return "".join(p.read_text(errors="replace") for p in (self.access_log, self.error_log)
                       if p.exists())  # fmt: skip


@contextmanager
def gunicorn(database_url, *, env=None, workers=1, threads=2):
    """gunicorn serving config.wsgi with the repository's config, on a free port.

    `env` adds to or overrides the environment (debug is on unless it says otherwise; the
    variables of the test run itself are not passed on, so the server is configured by
    what the test says only). Yields a Server; its logs are access.log and error.log.
    """
    folder = Path(tempfile.mkdtemp(prefix="postbag-gunicorn-"))
    port = free_port()
    environment = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(folder / "media"),
        **(env or {}),
    }
    command = [
        sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py",
        "--workers", str(workers), "--threads", str(threads),
        "--bind", f"127.0.0.1:{port}",
        "--access-logfile", str(folder / "access.log"),
        "--error-logfile", str(folder / "error.log"),
        "config.wsgi",
    ]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    server = Server(url=f"http://127.0.0.1:{port}", port=port, folder=folder)
    try:
        wait_until_answering(server.url + "/healthz", process)
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(folder, ignore_errors=True)


def nginx_config(*, app_port, port, folder, media_root, static_root):
    """The repository's nginx site, pointed at this app server, port and folders."""
    site = (ROOT / "deploy" / "nginx" / "postbag.conf").read_text()
    site = (
        site.replace("/var/cache/nginx/postbag", str(folder / "cache"))
        .replace("/var/log/nginx/postbag.access.log", str(folder / "access.log"))
        .replace("server 127.0.0.1:8000;", f"server 127.0.0.1:{app_port};")
        .replace("listen 80;", f"listen 127.0.0.1:{port};")
        .replace("/srv/postbag/staticfiles/", f"{static_root}/")
        .replace("/srv/postbag/media/", f"{media_root}/")
    )
    return (
        "worker_processes 1; pid nginx.pid;\n"
        f"error_log {folder / 'error.log'};\n"
        "events { worker_connections 256; }\n"
        "http { include /etc/nginx/mime.types; default_type application/octet-stream;\n"
        f"client_body_temp_path {folder}/tmp; proxy_temp_path {folder}/tmp;\n"
        f"fastcgi_temp_path {folder}/tmp; uwsgi_temp_path {folder}/tmp;\n"
        f"scgi_temp_path {folder}/tmp;\n"
        f"{site}\n}}\n"
    )


def nginx_available():
    return os.access(NGINX, os.X_OK)


@contextmanager
def nginx(app_port, *, media_root=None, static_root=None):
    """nginx with the repository's site config, in front of the app at `app_port`.

    Runs as the current user in a private folder (its own pid file, cache and logs); the
    site's access log, if the config names /var/log/nginx/postbag.access.log, is written to
    access.log there. Yields a Server.
    """
    folder = Path(tempfile.mkdtemp(prefix="postbag-nginx-"))
    (folder / "tmp").mkdir()
    port = free_port()
    media_root = media_root or folder / "media"
    Path(media_root).mkdir(parents=True, exist_ok=True)
    config = nginx_config(
        app_port=app_port,
        port=port,
        folder=folder,
        media_root=media_root,
        static_root=static_root or ROOT / "static",
    )
    if os.geteuid() == 0:
        config = "user root;\n" + config  # workers may read the private folder
    (folder / "nginx.conf").write_text(config)
    command = [NGINX, "-p", str(folder), "-c", str(folder / "nginx.conf")]
    command += ["-e", str(folder / "error.log")]
    subprocess.run(command, check=True, capture_output=True)
    server = Server(url=f"http://127.0.0.1:{port}", port=port, folder=folder)
    try:
        wait_until_answering(server.url + "/healthz")
        yield server
    finally:
        subprocess.run([*command, "-s", "stop"], capture_output=True)
        time.sleep(0.2)
        shutil.rmtree(folder, ignore_errors=True)


@dataclass
class Answer:
    """One HTTP response, read whole."""

    status: int
    headers: dict
    text: str


class Visitor:
    """A browser-like HTTP client from one source address on the loopback range.

    Any 127.x.y.z address is this machine's own, so `Visitor(url, "127.0.0.2")` and
    `Visitor(url, "127.0.0.3")` reach the same server as two different clients would.
    Keeps cookies (by name; one site only) and sends no Expect or keep-alive tricks.
    """

    def __init__(self, url, source="127.0.0.1"):
        self.host, _, port = url.removeprefix("http://").partition(":")
        self.port = int(port)
        self.source = source
        self.cookies = {}

    def request(self, method, path, *, body=None, headers=None):
        import http.client

        connection = http.client.HTTPConnection(
            self.host, self.port, timeout=30, source_address=(self.source, 0)
        )
        sent = dict(headers or {})
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            text = response.read().decode("utf-8", errors="replace")
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return Answer(response.status, dict(response.headers), text)

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post_form(self, path, fields, *, charset=None, headers=None):
        """POST `fields` (a dict or list of pairs) as a form, with the CSRF token the
        visitor's last page gave it (see `form_token`)."""
        from urllib.parse import urlencode

        content_type = "application/x-www-form-urlencoded"
        if charset:
            content_type += f"; charset={charset}"
        body = urlencode(fields, encoding=charset or "utf-8")
        return self.request(
            "POST",
            path,
            body=body.encode("ascii"),
            headers={"Content-Type": content_type, "Referer": self.origin + path,
                     **(headers or {})},
        )  # fmt: skip

    @property
    def origin(self):
        return f"http://{self.host}:{self.port}"


def form_fields(html):
    """The hidden fields of the first form on a page (CSRF token, signed time), as a dict."""
    import re

    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))


def at_once(calls):
    """Run the zero-argument `calls` in threads released together; their results, in order.

    For races: a double click, parallel guesses. Exceptions in a call are raised here.
    """
    import threading

    start = threading.Barrier(len(calls))
    results = [None] * len(calls)
    errors = []

    def run(index, call):
        start.wait()
        try:
            results[index] = call()
        except Exception as error:  # handed to the test below
            errors.append(error)

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return results


@dataclass
class Mailbox:
    """What a test SMTP server (`mail_server`) received, and how it misbehaves.

    `messages` are parsed (email.message.EmailMessage, with .get_body() and headers).
    Set `fail_after` to accept that many messages and answer every later one "451 try again
    later", or `hang_after` to accept that many and then never answer a message's data (a
    mail server that is up but stuck); `started` counts messages whose data arrived.
    """

    port: int
    messages: list
    fail_after: int | None = None
    hang_after: int | None = None
    started: int = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        import asyncio
        from email import message_from_bytes, policy

        self.started += 1
        if self.hang_after is not None and len(self.messages) >= self.hang_after:
            await asyncio.sleep(600)  # cancelled when the server stops
        if self.fail_after is not None and len(self.messages) >= self.fail_after:
            return "451 Please try again later"
        message = message_from_bytes(envelope.content, policy=policy.default)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 Message accepted for delivery"

    def wait_for(self, count, seconds=10):
        """The messages, once there are `count` of them or `seconds` have passed."""
        deadline = time.monotonic() + seconds
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.messages

    def to(self, address):
        """The messages sent to `address`."""
        return [m for m in self.messages if m["X-Envelope-To"] == address]


@contextmanager
def mail_server(mailbox_class=None):
    """A real SMTP server (aiosmtpd) on 127.0.0.1 and a free port; yields its Mailbox (or
    an instance of `mailbox_class`, a Mailbox that misbehaves in its own way)."""
    from aiosmtpd.controller import Controller

    mailbox = (mailbox_class or Mailbox)(port=free_port(), messages=[])
    controller = Controller(mailbox, hostname="127.0.0.1", port=mailbox.port)
    controller.start()
    try:
        yield mailbox
    finally:
        controller.stop()


@dataclass
class SilentServer:
    """What a mail server that is up but hung (`silent_mail_server`) saw: how many
    connections it accepted, and whether a client gave up (closed its end)."""

    port: int
    connections: int = 0
    abandoned: threading.Event = field(default_factory=threading.Event)


@contextmanager
def silent_mail_server():
    """A TCP server on 127.0.0.1 that accepts connections and never says a word (not even
    the SMTP greeting); yields its SilentServer."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.1)  # to notice the end of the test
    server = SilentServer(port=listener.getsockname()[1])
    stop = threading.Event()

    def hold(conn):
        with closing(conn):
            conn.settimeout(0.1)
            while not stop.is_set():
                try:
                    if not conn.recv(1024):  # never answer; b"" is the client leaving
                        server.abandoned.set()
                        return
                except TimeoutError:
                    continue
                except OSError:
                    server.abandoned.set()
                    return

    def serve():
        with listener:
            while not stop.is_set():
                try:
                    conn, _ = listener.accept()
                except TimeoutError:
                    continue
                server.connections += 1
                threading.Thread(target=hold, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        stop.set()
        thread.join()


def send_mail_to(settings, port, timeout=3):
    """Point Django's SMTP back end (in this process) at a server on 127.0.0.1:`port`."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, timeout
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
