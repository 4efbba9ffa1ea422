"""What several test files share: a reader's letter and its receipt code, the admin's
change form, production settings, a database that is down, and the list of public pages.

Test files import from here (and from tests/factories.py and tests/live.py), never from
one another: a test module is free to change without breaking another one.
"""

import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.core import signing
from django.db import connections
from django.urls import reverse

from advice.receipts import ALPHABET
from postbag.forms import SHOWN_AT_SALT

STATIC = Path(__file__).resolve().parents[1] / "static"

# --- A reader's letter ---------------------------------------------------------------------

LETTER = (
    "Dear Elizabeth, my best friend of twenty years has stopped replying to my messages "
    "and I don't know whether to keep trying or to let her go."
)
# A receipt code as the "sent" page shows it: four groups of four, e.g. 7KQ2-M9XD-4RTB-HP3C.
CODE = re.compile(rf"[{ALPHABET}]{{4}}(?:-[{ALPHABET}]{{4}}){{3}}")


def shown_seconds_ago(seconds=10):
    """The signed "form shown at" field of a form shown `seconds` ago (ASK_MIN_SECONDS)."""
    return signing.dumps(time.time() - seconds, salt=SHOWN_AT_SALT)


def ask_data(**changes):
    """The fields of a filled-in ask form that is accepted; `changes` replace fields, and
    a change to None leaves that field out."""
    data = {
        "letter": LETTER,
        "sign_off": "Fading in Frome",
        "email": "",
        "consent": "on",
        "website": "",
        "shown_at": shown_seconds_ago(),
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def send(client, **changes):
    """POST the ask form with `ask_data(**changes)`; returns the response."""
    return client.post(reverse("advice:ask"), ask_data(**changes))


def receipt_code(response):
    """The receipt code a response shows; AttributeError when it shows none."""
    return CODE.search(response.content.decode()).group(0)


# --- A reader's comment ---------------------------------------------------------------------

COMMENT = "This happened to me too. Writing to her once, kindly, was the right thing to do."


def comment_data(**changes):
    """The fields of a filled-in comment form that is accepted (as `ask_data`)."""
    data = {"name": "Jo in Jarrow", "text": COMMENT, "website": "", "shown_at": shown_seconds_ago()}
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def comment_url(piece):
    """The address of the comment form for `piece` (a Letter or an Article)."""
    return reverse("comments:write", args=[piece.kind, piece.slug])


# --- The editors' admin ----------------------------------------------------------------------


# The corrections inline of a piece's change form (postbag.takedowns_admin), with no row.
CORRECTIONS_NONE = {
    f"postbag-correction-content_type-object_id-{name}": value
    for name, value in [("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"), ("MIN_NUM_FORMS", "0"),
                        ("MAX_NUM_FORMS", "1000")]
}  # fmt: skip


def change_form_data(letter, **changes):
    """The fields of the admin's change form for `letter` as it is saved, with one empty
    reply form; `changes` replace or add fields (e.g. "reply-0-body")."""
    data = {
        "title": letter.title,
        "slug": letter.slug or "",
        "body": letter.body,
        "sign_off": letter.sign_off,
        "status": letter.status,
        "published_at_0": "",
        "published_at_1": "",
        "reply-TOTAL_FORMS": "1",
        "reply-INITIAL_FORMS": "0",
        "reply-MIN_NUM_FORMS": "0",
        "reply-MAX_NUM_FORMS": "1",
        "reply-0-body": "",
        "reply-0-columnist_name": "Elizabeth",
        "reply-0-sign_off": "Big love, Elizabeth",
        "reply-0-letter": letter.pk,
        **CORRECTIONS_NONE,
    }
    data.update(changes)
    return data


# --- Production and outages ----------------------------------------------------------------

# The environment of a deployment as the README's production section describes it, for
# `manage.py check --deploy` in a subprocess (not for servers started here: the
# `production_env` fixture in tests/conftest.py is for those).
PRODUCTION_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "column.example.org",
    "SITE_URL": "https://column.example.org",
    # As the README's production section says (a check warns of a per-process cache).
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    # A real mail server (a check refuses the console back end: it logs readers' addresses).
    "EMAIL_URL": "smtp://mail.example.org:587",
    "DJANGO_SECURE_HSTS_SECONDS": "31536000",
    "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "DJANGO_SECURE_HSTS_PRELOAD": "1",
    # Behind the repository's nginx, as the README's production section says.
    "DJANGO_SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
    "TRUSTED_PROXIES": "127.0.0.1",
}


def check_deploy(*, without=(), fail_level=None, **env):
    """`manage.py check --deploy` in a subprocess, under PRODUCTION_ENV and then `env`.

    Neither this process's DJANGO_* variables nor those starting with a prefix in
    `without` (e.g. "EMAIL_") reach it, from here or from PRODUCTION_ENV. Returns the
    CompletedProcess, its output as text.
    """
    hidden = ("DJANGO_", *without)
    environ = {k: v for k, v in os.environ.items() if not k.startswith(hidden)}
    production = {k: v for k, v in PRODUCTION_ENV.items() if not k.startswith(tuple(without))}
    command = [sys.executable, "manage.py", "check", "--deploy"]
    if fail_level:
        command += ["--fail-level", fail_level]
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        env={**environ, **production, **env},
    )


def cached_text():
    """Every key and value in the configured cache (Redis, or this process's memory), as
    text: for tests that look for what must never be kept."""
    if settings.REDIS_URL:
        import redis

        server = redis.Redis.from_url(settings.REDIS_URL)
        return " ".join(f"{key!r} {server.dump(key)!r}" for key in server.keys("*"))
    from django.core.cache.backends.locmem import _caches

    return " ".join(
        f"{key!r} {value!r}" for store in _caches.values() for key, value in store.items()
    )


def database_text():
    """Every row of every table of the default database as text, search indexes and
    Django's own tables included: for tests that look for what must never be kept (a
    `dumpdata` holds only the models' rows)."""
    with connections["default"].cursor() as cursor:
        rows = []
        for table in connections["default"].introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')
            rows.append(f"{table}: {cursor.fetchall()!r}")
    return "\n".join(rows)


@contextmanager
def database_down():
    """The default database really can't be reached: a nonexistent file or a closed port.

    A second connection with broken settings stands in for the real one, so the test's own
    connection (and its transaction) is untouched and comes back afterwards.
    """
    working = connections["default"]
    broken_settings = {**working.settings_dict}
    if working.vendor == "sqlite":
        broken_settings["NAME"] = "/nonexistent-postbag-dir/db.sqlite3"
    else:
        broken_settings.update(HOST="127.0.0.1", PORT="9", OPTIONS={"connect_timeout": 2})
    connections["default"] = working.__class__(broken_settings, alias="default")
    try:
        yield
    finally:
        connections["default"].close()
        connections["default"] = working


# --- The public pages ------------------------------------------------------------------------


def public_pages(*, letter, article, theme, query="friend", machines=False):
    """(name, URL) of every public page a reader meets, one of each type.

    `letter`, `article` and `theme` are published objects (from tests/factories.py or the
    demo) whose pages stand for their type (an article in a series brings its series'
    page along, a theme in a section its section's); `query` is what the search-results
    page looks for. With `machines=True` the pages that programs read follow: the feeds,
    the sitemap and robots.txt. A test file adds its own extras (a later page, a bad
    address) itself.
    """
    pages = [
        ("home", reverse("home")),
        ("letters", reverse("advice:letter_list")),
        ("letter", letter.get_absolute_url()),
        ("articles", reverse("articles:article_list")),
        ("article", article.get_absolute_url()),
        ("themes", reverse("theme_list")),
        ("theme", theme.get_absolute_url()),
        ("search", reverse("search")),
        ("search-results", f"{reverse('search')}?q={query}"),
        ("ask", reverse("advice:ask")),
        ("status", reverse("advice:ask_status")),
        ("newsletter", reverse("newsletter:subscribe")),
        ("privacy", reverse("privacy")),
        ("about", reverse("advice:about")),
    ]
    if article.series_id is not None:
        pages.insert(5, ("series", article.series.get_absolute_url()))
    if theme.parent_id is not None:  # a theme in a section: the section's page too
        pages.append(("section", theme.parent.get_absolute_url()))
    if machines:
        pages += [
            ("feed", reverse("feeds_latest")),
            ("theme-feed", reverse("feeds_theme", args=[theme.slug])),
            ("podcast", reverse("feeds_podcast")),
            ("sitemap", reverse("sitemap")),
            ("sitemap-letters", reverse("sitemap_section", args=["letters"])),
            ("robots", reverse("robots_txt")),
        ]
    return pages


def run_script_in_node(script, expression):
    """The value of the JavaScript `expression` (JSON-able) after the site's static script
    `script` (a path under static/, e.g. "js/editor-layout.js") has run in Node.js, with
    just enough of a browser (`window`, a `document` still loading) for it to define its
    functions. Skips the test where Node.js is not installed: the browser journeys run the
    same script in Chromium."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed; the browser journeys check the script too")
    program = (
        "globalThis.window = globalThis;"
        "globalThis.document = {readyState: 'loading', addEventListener() {}};"
        f"{(STATIC / script).read_text()}\n"
        f"console.log(JSON.stringify({expression}));"
    )
    done = subprocess.run([node, "-e", program], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)
