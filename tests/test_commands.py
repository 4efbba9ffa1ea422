"""The project's commands, run as cron and a newcomer run them: in a subprocess.

At `-v 0` a command prints nothing on stdout unless it did something worth reading or
something went wrong (errors go to stderr); a newcomer's first `migrate` on SQLite shows no
warnings, while PostgreSQL still gets the covering listing indexes.
"""

import os
import shutil
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import get_commands, load_command_class
from django.db import connection

from wpimport.tests.support import export_with

# Commands whose output is checked here; seed_demo has its own tests (tests/test_demo.py).
PROJECT_APPS = ("advice", "articles", "pages", "postbag", "wpimport", "demo")

SEED_OWED_LETTER = """
import django
django.setup()
from tests import factories
factories.letter(email="reader@example.org")
"""


@pytest.fixture
def database(live_database, tmp_path):
    """A migrated SQLite file of this test's own (a copy of the session's live database)."""
    path = tmp_path / "db.sqlite3"
    shutil.copy(live_database.removeprefix("sqlite:///"), path)
    return f"sqlite:///{path}"


def run(*arguments, database, **env):
    """`python manage.py *arguments` (or `python -c` with arguments ("-c", code)) with debug
    on and `database`; the CompletedProcess, its output as text."""
    command = [sys.executable, *arguments] if arguments[0] == "-c" else [
        sys.executable, "manage.py", *arguments
    ]  # fmt: skip
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "EMAIL_"))}
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        env={
            **environ,
            "DJANGO_DEBUG": "1",
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": database,
            **env,
        },
    )


# --- No warnings on SQLite, covering indexes on PostgreSQL ------------------------------------


def test_a_newcomers_first_commands_on_sqlite_print_no_warnings(tmp_path):
    database = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    for command in (["migrate", "--noinput"], ["check", "--database", "default"]):
        result = run(*command, database=database)
        assert result.returncode == 0, result.stderr
        output = result.stdout + result.stderr
        assert "WARNING" not in output and "W040" not in output, output
    assert "System check identified no issues" in result.stdout


@pytest.mark.django_db
def test_postgresql_keeps_the_covering_listing_indexes():
    if connection.vendor != "postgresql":
        pytest.skip("INCLUDE columns exist on PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes "
            "WHERE indexname IN ('letter_listing', 'article_listing') ORDER BY indexname"
        )
        indexes = dict(cursor.fetchall())
    assert sorted(indexes) == ["article_listing", "letter_listing"]
    for definition in indexes.values():
        assert definition.endswith("INCLUDE (id)"), definition


# --- Quiet at -v 0 ------------------------------------------------------------------------------


def test_send_letter_notifications_is_silent_at_v0_when_nothing_was_owed(database):
    quiet = run("send_letter_notifications", "-v", "0", database=database)
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")

    told = run("send_letter_notifications", database=database)
    assert told.stdout == "0 outcome e-mails sent.\n"


def test_send_letter_notifications_at_v0_says_what_it_sent(database):
    run("-c", SEED_OWED_LETTER, database=database).check_returncode()
    result = run("send_letter_notifications", "-v", "0", database=database, EMAIL_URL="locmem://")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "1 outcome e-mail sent.\n"


def test_send_letter_notifications_at_v0_reports_a_failed_send_on_stderr(database):
    run("-c", SEED_OWED_LETTER, database=database).check_returncode()
    # Port 9 (discard) on this machine: nothing listens, the connection is refused.
    mail_down = {"EMAIL_URL": "smtp://127.0.0.1:9", "EMAIL_TIMEOUT": "2"}
    result = run("send_letter_notifications", "-v", "0", database=database, **mail_down)
    assert result.returncode == 0
    assert result.stdout == ""
    assert "Mail server unavailable" in result.stderr and "will be retried" in result.stderr


def test_generate_content_is_silent_at_v0(database):
    counts = ["--letters", "3", "--articles", "1", "--themes", "1", "--workers", "1"]
    quiet = run("generate_content", *counts, "-v", "0", database=database)
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")

    told = run("generate_content", "--clear", *counts, database=database)
    assert told.returncode == 0 and "Done in" in told.stdout


def test_import_wordpress_at_v0_prints_only_what_needs_a_look(database, tmp_path):
    clean = export_with(
        tmp_path, "<blockquote>Dear Elizabeth, my sister never calls.</blockquote><p>Call her.</p>"
    )
    quiet = run("import_wordpress", str(clean), "-v", "0", database=database)
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")

    told = run("import_wordpress", str(clean), database=database)
    assert "Letters: 0 created, 0 updated, 1 unchanged." in told.stdout
    assert "Checking" in told.stderr

    # An image the pages won't show needs the editor's attention, even at -v 0.
    with_image = export_with(
        tmp_path,
        "<blockquote>Dear Elizabeth, my sister never calls.</blockquote><p>Call her.</p>"
        '<p><img src="https://elsewhere.example/a.png" alt="A phone"></p>',
    )
    noted = run("import_wordpress", str(with_image), "-v", "0", database=database)
    assert noted.returncode == 0 and "https://elsewhere.example/a.png" in noted.stdout
    assert noted.stderr == ""


def test_every_option_of_the_projects_commands_says_what_it_does():
    undocumented = []
    for name, app in get_commands().items():
        if app not in PROJECT_APPS:
            continue
        parser = load_command_class(app, name).create_parser("manage.py", name)
        undocumented += [
            f"{name} {action.option_strings or action.dest}"
            for action in parser._actions
            if not action.help
        ]
    assert undocumented == []
