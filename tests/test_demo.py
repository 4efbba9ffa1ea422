"""The demo column (demo/content/) and seed_demo: every file reads; seeding again adds what
is missing and keeps what an editor changed, the demo editor's password included; --reset
(`make demo-reset`) restores the files' content and makes a new password."""

import io
import os
import re
import shutil
import sqlite3
import stat
import subprocess
import sys
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from advice.models import ColumnistProfile, Letter, Reply, Theme
from articles.models import Article, Series
from demo.editor import PASSWORD_FILE_NAME
from demo.files import (
    CONTENT,
    ContentError,
    read_about,
    read_articles,
    read_inbox,
    read_letters,
    read_series,
    read_themes,
)
from demo.loader import load_demo
from tests.support import change_form_data

ROWS = [
    Theme,
    Series,
    Article,
    Article.themes.through,
    Letter,
    Letter.themes.through,
    Letter.suggested_themes.through,
    Reply,
    ColumnistProfile,
]


def pieces():
    """How many things the demo files hold: themes, series, articles, letters, inbox, and
    the About page."""
    readers = [read_themes, read_series, read_articles, read_letters, read_inbox]
    return sum(len(read()) for read in readers) + (read_about() is not None)


def rows():
    """Every demo row, every column (updated_at included), in primary-key order."""
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values()) for model in ROWS
    }


def test_every_demo_file_reads_with_all_its_parts():
    themes, series = read_themes(), read_series()
    articles, letters, inbox = read_articles(), read_letters(), read_inbox()
    for kind, read in [("articles", articles), ("letters", letters), ("inbox", inbox)]:
        # Nothing in those folders is skipped: every file is a .md the reader took.
        assert len(read) == len(list((CONTENT / kind).iterdir())) > 0, kind
    assert themes and series
    theme_slugs, series_slugs = {t["slug"] for t in themes}, {s["slug"] for s in series}
    for piece in [*articles, *letters]:
        assert piece["themes"] and set(piece["themes"]) <= theme_slugs, piece["slug"]
    assert {a["series"] for a in articles if "series" in a} <= series_slugs
    for letter in letters:
        assert letter["original_text"] and letter["body"] and letter["reply"]
        assert "# Reply" not in letter["body"] and "# For publication" not in letter["reply"]


def test_texts_come_back_exactly_as_written(tmp_path):
    letter = (
        "+++\n"
        'title = "A title"\nstatus = "published"\ndays_ago = 1\nthemes = ["family"]\n'
        'sign_off_as_received = "Me, Leeds"\nsign_off = "Me"\nreply_sign_off = "Elizabeth"\n'
        "+++\n\n# As received\n\nDear Elizabeth,\n\n  - indented, with *Markdown*\n\n"
        "# For publication\nShort.\n# Reply\n\nA reply.\n\n## Its own heading\n\nMore.\n\n\n"
    )
    (tmp_path / "letters").mkdir()
    (tmp_path / "letters" / "a-title.md").write_text(letter)
    (read,) = read_letters(tmp_path)
    assert read["slug"] == "a-title" and read["sign_off_as_received"] == "Me, Leeds"
    assert read["original_text"] == "Dear Elizabeth,\n\n  - indented, with *Markdown*"
    assert read["body"] == "Short."
    assert read["reply"] == "A reply.\n\n## Its own heading\n\nMore."


@pytest.mark.parametrize(
    "broken, message",
    [
        ("title = 'x'\n+++\n", "first line"),
        ("+++\ntitle = 'x'\n", "no closing line"),
        ("+++\ntitle = x\n+++\n", "not valid TOML"),
        ("+++\n+++\n\n# As received\n\nHello.\n", "missing"),
        ("+++\ntitel = 'x'\n+++\n", "unknown titel"),
    ],
)
def test_a_broken_file_is_named_with_what_is_wrong(tmp_path, broken, message):
    (tmp_path / "inbox").mkdir()
    path = tmp_path / "inbox" / "broken.md"
    path.write_text(broken)
    with pytest.raises(ContentError, match=message) as raised:
        read_inbox(tmp_path)
    assert str(path) in str(raised.value)


@pytest.mark.parametrize(
    "sections",
    [
        "# As received\n\nHi.\n\n# Reply\n\nHello.\n",
        "# For publication\n\nHi.\n\n# As received\n\nHi.\n\n# Reply\n\nHello.\n",
        "# As received\n\nHi.\n\n# For publication\n\n\n# Reply\n\nHello.\n",
        "Preamble.\n# As received\n\nHi.\n\n# For publication\n\nHi.\n\n# Reply\n\nHello.\n",
    ],
)
def test_a_letter_needs_its_three_texts_in_order(tmp_path, sections):
    front = (
        "+++\n"
        'title = "t"\nstatus = "published"\ndays_ago = 1\nthemes = []\n'
        'sign_off_as_received = "a"\nsign_off = "b"\nreply_sign_off = "c"\n'
        "+++\n"
    )
    (tmp_path / "letters").mkdir()
    (tmp_path / "letters" / "t.md").write_text(front + sections)
    with pytest.raises(ContentError):
        read_letters(tmp_path)


@pytest.mark.django_db
def test_seed_demo_twice_leaves_the_same_rows(django_capture_on_commit_callbacks):
    # Committed for real, so the inbox letters' suggested themes are stored, as in a real run.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", verbosity=0)
    first = rows()
    assert all(first.values())
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", verbosity=0)
    assert rows() == first
    assert load_demo().outcomes() == {"kept": pieces()}


@pytest.mark.django_db
def test_the_demo_shows_every_state_with_dates_counted_back_from_the_first_load():
    now = timezone.now()
    assert load_demo(now=now).outcomes() == {"created": pieces()}
    assert Letter.objects.published().exists() and Letter.objects.scheduled().exists()
    assert Letter.objects.filter(status=Letter.Status.DRAFTED).exists()
    inbox = Letter.objects.filter(status=Letter.Status.NEW)
    assert inbox.count() == len(read_inbox()) and all(letter.receipt_hash for letter in inbox)
    assert Article.objects.published().exists() and Article.objects.scheduled().exists()
    assert Article.objects.filter(status=Article.Status.DRAFT, published_at=None).exists()
    parts = Series.objects.get(slug="starting-over").articles.order_by("series_part")
    assert list(parts.values_list("series_part", flat=True)) == [1, 2, 3]
    letter = Letter.objects.get(slug="ghosted-after-three-perfect-dates")
    assert letter.published_at == now - timedelta(days=31, hours=2)
    assert letter.received_at == now - timedelta(days=31 + 9)


@pytest.mark.django_db
def test_an_edited_file_changes_its_row_on_reset_only(tmp_path):
    folder = tmp_path / "content"
    shutil.copytree(CONTENT, folder)
    load_demo(folder=folder)
    path = folder / "letters" / "ghosted-after-three-perfect-dates.md"
    path.write_text(path.read_text().replace("perfect dates", "lovely dates", 1))

    assert load_demo(folder=folder).outcomes() == {"kept": pieces()}
    assert Letter.objects.get(slug=path.stem).title == "He ghosted me after three perfect dates"

    later = timezone.now() + timedelta(days=10)
    reset = load_demo(folder=folder, now=later, reset=True)
    assert reset.outcomes()["created"] == 0
    letter = Letter.objects.get(slug=path.stem)
    assert letter.title == "He ghosted me after three lovely dates"
    # A reset counts the dates back from its own moment, as a first load does.
    assert letter.published_at == later - timedelta(days=31, hours=2)


@pytest.mark.django_db
def test_a_theme_that_isnt_there_is_refused_and_nothing_is_written(tmp_path):
    folder = tmp_path / "content"
    shutil.copytree(CONTENT, folder)
    path = folder / "articles" / "lonely-in-a-full-life.md"
    path.write_text(path.read_text().replace('"loneliness"', '"solitude"'))
    with pytest.raises(ContentError, match="solitude"):
        load_demo(folder=folder)
    assert not Theme.objects.exists() and not Letter.objects.exists()


# --- seed_demo as `make run` and `make demo-reset` use it ----------------------------------

GHOSTED = "ghosted-after-three-perfect-dates"


def seed(password_file, *args):
    """`seed_demo` (debug on, as `make run` has it); returns (output lines, the password
    printed)."""
    out = io.StringIO()
    call_command("seed_demo", *args, "--password-file", str(password_file), stdout=out)
    lines = out.getvalue().splitlines()
    assert "username: editor" in lines
    [password] = [line.removeprefix("password: ") for line in lines if line.startswith("pass")]
    return lines, password


def said(lines, text):
    """Whether one of the output's `lines` contains `text`."""
    return any(text in line for line in lines)


def edit_in_the_admin(client, password):
    """Log in as the demo editor with `password` and, through the admin's change forms,
    retitle the ghosting letter, rewrite its reply, give it one other theme, set it back to
    "reply drafted", and rename the theme Dating."""
    assert client.login(username="editor", password=password)
    letter = Letter.objects.get(slug=GHOSTED)
    friendship = Theme.objects.get(slug="friendship")
    published_at = timezone.localtime(letter.published_at)
    form = change_form_data(
        letter,
        title="Three dates, then silence",
        status=Letter.Status.DRAFTED,
        themes=[friendship.pk],
        published_at_0=published_at.strftime("%d/%m/%Y"),
        published_at_1=published_at.strftime("%H:%M:%S"),
        **{
            "reply-INITIAL_FORMS": "1",
            "reply-0-id": letter.reply.pk,
            "reply-0-body": "Shorter: it wasn't you.",
            "reply-0-sign_off": letter.reply.sign_off,
        },
    )
    response = client.post(reverse("admin:advice_letter_change", args=[letter.pk]), form)
    assert response.status_code == 302, response.context["errors"]
    dating = Theme.objects.get(slug="dating")
    response = client.post(
        reverse("admin:advice_theme_change", args=[dating.pk]),
        {"name": "Dating apps", "slug": "dating", "description": dating.description},
    )
    assert response.status_code == 302


def assert_edited():
    letter = Letter.objects.get(slug=GHOSTED)
    assert letter.title == "Three dates, then silence"
    assert letter.status == Letter.Status.DRAFTED
    assert letter.reply.body == "Shorter: it wasn't you."
    assert [theme.slug for theme in letter.themes.all()] == ["friendship"]
    assert Theme.objects.get(slug="dating").name == "Dating apps"


@pytest.mark.django_db
def test_seeding_again_keeps_an_editors_changes_and_the_same_password(settings, client, tmp_path):
    settings.DEBUG = True
    password_file = tmp_path / PASSWORD_FILE_NAME
    first, password = seed(password_file)
    assert first[0].startswith("Demo content: added 13 themes, 1 series, ")
    assert said(first, "Made a new password for the demo editor: none was stored in ")
    edit_in_the_admin(client, password)

    again, same_password = seed(password_file)
    assert again[:2] == [
        "Nothing to add.",
        f"{pieces()} demo pieces already in the database are left as they are, edits "
        "included (`make demo-reset` restores them).",
    ]
    assert not said(again, "Made a new password")
    assert_edited()
    assert same_password == password
    assert password_file.read_text() == f"{password}\n"
    assert stat.S_IMODE(password_file.stat().st_mode) == 0o600
    editor = authenticate(username="editor", password=password)
    assert editor.is_staff and not editor.is_superuser
    assert list(editor.groups.values_list("name", flat=True)) == ["Editors"]


@pytest.mark.django_db
def test_seeding_adds_a_missing_piece_and_says_so(settings, tmp_path):
    settings.DEBUG = True
    seed(tmp_path / PASSWORD_FILE_NAME)
    Letter.objects.get(slug=GHOSTED).delete()
    lines, _ = seed(tmp_path / PASSWORD_FILE_NAME)
    assert lines[0] == "Demo content: added 1 letter."
    assert Letter.objects.get(slug=GHOSTED).reply.body.startswith("Dear Left on Read")


@pytest.mark.django_db
def test_a_missing_piece_that_an_edit_stands_in_the_way_of_is_named_and_skipped():
    call_command("seed_demo", verbosity=0)
    Article.objects.get(slug="starting-over-your-own-company").delete()
    # The editor renumbered the series: part 3 is now part 2.
    Article.objects.filter(slug="starting-over-ready-to-date-again").update(series_part=2)
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert (
        "Not added, an edit is in the way: article starting-over-your-own-company: "
        "Article with this Series and Series part already exists."
    ) in out.getvalue()
    assert not Article.objects.filter(slug="starting-over-your-own-company").exists()
    assert Article.objects.get(slug="starting-over-ready-to-date-again").series_part == 2

    call_command("seed_demo", "--reset", verbosity=0)
    parts = Series.objects.get(slug="starting-over").articles.order_by("series_part")
    assert list(parts.values_list("series_part", flat=True)) == [1, 2, 3]


@pytest.mark.django_db
def test_reset_restores_the_edited_demo_and_makes_a_new_password(settings, client, tmp_path):
    settings.DEBUG = True
    password_file = tmp_path / PASSWORD_FILE_NAME
    _, password = seed(password_file)
    edit_in_the_admin(client, password)

    lines, new_password = seed(password_file, "--reset")
    assert lines[0].startswith("Demo content restored from demo/content/: ")
    assert "Made a new password for the demo editor: a new one was asked for." in lines
    letter = Letter.objects.get(slug=GHOSTED)
    assert letter.title == "He ghosted me after three perfect dates"
    assert letter.status == Letter.Status.PUBLISHED
    assert letter.reply.body.startswith("Dear Left on Read")
    assert {t.slug for t in letter.themes.all()} == {"rejection", "dating", "self-worth"}
    assert Theme.objects.get(slug="dating").name == "Dating"
    assert new_password != password
    assert password_file.read_text() == f"{new_password}\n"
    assert authenticate(username="editor", password=password) is None
    assert authenticate(username="editor", password=new_password) is not None


@pytest.mark.django_db
def test_a_lost_or_stale_password_file_gets_a_new_password_that_logs_in(settings, tmp_path):
    settings.DEBUG = True
    password_file = tmp_path / PASSWORD_FILE_NAME
    _, first = seed(password_file)
    password_file.unlink()
    lines, second = seed(password_file)
    assert said(lines, "Made a new password for the demo editor: none was stored in ")
    assert second != first and password_file.read_text() == f"{second}\n"
    assert authenticate(username="editor", password=second) is not None

    # Another database's password, in a file someone made readable to all.
    password_file.write_text("not-this-database\n")
    password_file.chmod(0o644)
    lines, third = seed(password_file)
    assert said(lines, "no longer logs in (changed in the admin, or another database)")
    assert third not in (first, second, "not-this-database")
    assert authenticate(username="editor", password=third) is not None
    assert stat.S_IMODE(password_file.stat().st_mode) == 0o600


@pytest.mark.django_db
def test_a_new_database_gets_the_stored_password(settings, tmp_path):
    settings.DEBUG = True
    password_file = tmp_path / PASSWORD_FILE_NAME
    _, password = seed(password_file)
    get_user_model().objects.filter(username="editor").delete()  # as after `make clean`
    lines, again = seed(password_file)
    assert again == password and not said(lines, "Made a new password")
    assert authenticate(username="editor", password=password) is not None


@pytest.mark.django_db
def test_without_debug_there_is_no_demo_editor_and_no_password_file(tmp_path):
    out = io.StringIO()
    password_file = tmp_path / PASSWORD_FILE_NAME
    for args in [(), ("--reset",)]:
        call_command("seed_demo", *args, "--password-file", str(password_file), stdout=out)
    assert "password" not in out.getvalue()
    assert not password_file.exists()
    assert not get_user_model().objects.filter(username="editor").exists()


def test_the_password_file_is_kept_out_of_git():
    root = django_settings.BASE_DIR
    if shutil.which("git") is None or not (root / ".git").exists():
        pytest.skip("not a git checkout")
    for name in [PASSWORD_FILE_NAME, f"{PASSWORD_FILE_NAME}.x1y2z3"]:  # and mkstemp's
        ignored = subprocess.run(["git", "check-ignore", "-q", name], cwd=root)
        assert ignored.returncode == 0, f"{name} is not git-ignored"


def test_make_demo_reset_resets_the_demo():
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    dry_run = subprocess.run(
        ["make", "-n", "demo-reset"],
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "manage.py seed_demo --reset" in dry_run.stdout


def manage(*args, database, **env):
    """`manage.py ARGS` in a subprocess with debug on, as `make run` runs it, against the
    SQLite file `database`; returns its output."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    # The demo's portrait goes to the test's media folder (tests/conftest.py), not the project's.
    environ.update(DJANGO_DEBUG="1", DATABASE_URL=f"sqlite:///{database}", **env)
    environ.setdefault("MEDIA_ROOT", str(django_settings.MEDIA_ROOT))
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=django_settings.BASE_DIR,
        env=environ,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


# Prints the letter's title and whether the password in $PASSWORD logs the editor in.
LOOK = (
    "import os; from django.contrib.auth import authenticate; from advice.models import Letter; "
    f"print(Letter.objects.get(slug='{GHOSTED}').title); "
    "print(authenticate(username='editor', password=os.environ['PASSWORD']) is not None)"
)


def test_manage_py_seed_demo_keeps_an_edit_and_the_password_until_reset(live_database, tmp_path):
    database = tmp_path / "db.sqlite3"
    shutil.copy(live_database.removeprefix("sqlite:///"), database)
    password_file = tmp_path / "password"
    seed_demo = ["seed_demo", "--password-file", str(password_file)]

    def printed_password(output):
        return re.search(r"^password: (\S+)$", output, re.MULTILINE).group(1)

    password = printed_password(manage(*seed_demo, database=database))
    assert stat.S_IMODE(password_file.stat().st_mode) == 0o600
    edit = sqlite3.connect(database)  # an editor's change, made behind Django's back
    with edit:
        edit.execute("UPDATE advice_letter SET title = 'Edited' WHERE slug = ?", [GHOSTED])
    edit.close()

    output = manage(*seed_demo, database=database)
    assert "Nothing to add." in output and printed_password(output) == password
    look = manage("shell", "-v", "0", "-c", LOOK, database=database, PASSWORD=password)
    assert look.splitlines() == ["Edited", "True"]

    output = manage(*seed_demo, "--reset", database=database)
    new_password = printed_password(output)
    assert new_password != password
    look = manage("shell", "-v", "0", "-c", LOOK, database=database, PASSWORD=new_password)
    assert look.splitlines() == ["He ghosted me after three perfect dates", "True"]


def test_generate_content_refuses_impossible_counts():
    with pytest.raises(CommandError, match="at least one theme"):
        call_command("generate_content", letters=5, themes=0, verbosity=0)
