"""The demo column (demo/content/) and seed_demo: every file reads, loading is idempotent."""

import io
import re
import shutil
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone

from advice.models import Letter, Reply, Theme
from articles.models import Article, Series
from demo.files import (
    CONTENT,
    ContentError,
    read_articles,
    read_inbox,
    read_letters,
    read_series,
    read_themes,
)
from demo.loader import load_demo

ROWS = [
    Theme,
    Series,
    Article,
    Article.themes.through,
    Letter,
    Letter.themes.through,
    Letter.suggested_themes.through,
    Reply,
]


def pieces():
    """How many things the demo files hold: themes, series, articles, letters, inbox."""
    readers = [read_themes, read_series, read_articles, read_letters, read_inbox]
    return sum(len(read()) for read in readers)


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
def test_seed_demo_twice_leaves_the_same_rows():
    call_command("seed_demo", verbosity=0)
    first = rows()
    assert all(first.values())
    call_command("seed_demo", verbosity=0)
    assert rows() == first
    assert set(load_demo()) == {"unchanged"}


@pytest.mark.django_db
def test_the_demo_shows_every_state_with_dates_counted_back_from_the_first_load():
    now = timezone.now()
    assert load_demo(now=now) == {"created": pieces()}
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
def test_an_edited_file_updates_its_row_and_nothing_else(tmp_path):
    folder = tmp_path / "content"
    shutil.copytree(CONTENT, folder)
    load_demo(folder=folder)
    path = folder / "letters" / "ghosted-after-three-perfect-dates.md"
    path.write_text(path.read_text().replace("perfect dates", "lovely dates", 1))
    published_at = Letter.objects.get(slug=path.stem).published_at

    assert load_demo(folder=folder) == {"updated": 1, "unchanged": pieces() - 1}
    letter = Letter.objects.get(slug=path.stem)
    assert letter.title == "He ghosted me after three lovely dates"
    assert letter.published_at == published_at


@pytest.mark.django_db
def test_a_theme_that_isnt_there_is_refused_and_nothing_is_written(tmp_path):
    folder = tmp_path / "content"
    shutil.copytree(CONTENT, folder)
    path = folder / "articles" / "lonely-in-a-full-life.md"
    path.write_text(path.read_text().replace('"loneliness"', '"solitude"'))
    with pytest.raises(ContentError, match="solitude"):
        load_demo(folder=folder)
    assert not Theme.objects.exists() and not Letter.objects.exists()


@pytest.mark.django_db
def test_with_debug_on_seed_demo_prints_a_fresh_editor_login(settings):
    settings.DEBUG = True
    logins = []
    for _ in range(2):
        out = io.StringIO()
        call_command("seed_demo", stdout=out)
        lines = out.getvalue().splitlines()
        assert re.fullmatch(r"Demo content: \d+ themes, \d+ letters, \d+ articles\.", lines[0])
        assert "username: editor" in lines
        logins.append(next(line for line in lines if line.startswith("password: ")))
    assert logins[0] != logins[1]
    editor = get_user_model().objects.get(username="editor")
    assert editor.check_password(logins[1].removeprefix("password: "))
    assert editor.is_staff and not editor.is_superuser
    assert list(editor.groups.values_list("name", flat=True)) == ["Editors"]


@pytest.mark.django_db
def test_without_debug_there_is_no_demo_editor():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert "password" not in out.getvalue()
    assert not get_user_model().objects.filter(username="editor").exists()


def test_generate_content_refuses_impossible_counts():
    with pytest.raises(CommandError, match="at least one theme"):
        call_command("generate_content", letters=5, themes=0, verbosity=0)
