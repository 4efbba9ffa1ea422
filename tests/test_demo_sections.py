"""The demo column's sections (demo/content/themes.toml): a fresh demo has them, an older
demo database gets them from plain `seed_demo` without undoing an editor's choices, and a
reset puts every theme back where the files say."""

import shutil

import pytest

from advice.models import Letter, Theme
from demo.files import CONTENT, ContentError, read_themes
from demo.loader import load_demo
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_demo_themes_come_in_sections(client, db):
    load_demo()
    love = Theme.objects.get(slug="relationships")
    assert love.parent is None
    assert {t.slug for t in love.children.all()} >= {"breakups", "dating"}
    assert Theme.objects.get(slug="family").parent.slug == "friends-and-family"
    assert not Theme.objects.filter(parent=None, children=None).exists()  # none left out
    letter = Letter.objects.published().filter(themes__slug="breakups").first()
    html = client.get(letter.get_absolute_url()).content.decode()
    assert f'<a href="{love.get_absolute_url()}">Relationships</a>' in html  # the breadcrumb


def without_sections(tmp_path):
    """A copy of the demo files as they were before sections: no sections at all."""
    folder = tmp_path / "content"
    shutil.copytree(CONTENT, folder)
    sections = {t["slug"] for t in read_themes(folder) if "section" not in t}
    text = (folder / "themes.toml").read_text(encoding="utf-8")
    kept = []
    for block in text.split("[[theme]]")[1:]:
        if not any(f'slug = "{slug}"' in block for slug in sections):
            lines = block.split("\n")
            kept.append("\n".join(line for line in lines if not line.startswith("section")))
    (folder / "themes.toml").write_text("[[theme]]" + "[[theme]]".join(kept), encoding="utf-8")
    return folder


def test_an_older_demo_database_gets_the_sections_and_keeps_an_editors_choice(tmp_path):
    load_demo(folder=without_sections(tmp_path))
    assert not Theme.objects.exclude(parent=None).exists()
    mine = factories.theme(name="Work", slug="work")
    Theme.objects.filter(slug="jealousy").update(parent=mine)  # an editor's own section

    loaded = load_demo()
    assert loaded.counts["theme", "created"] == 3
    assert Theme.objects.get(slug="dating").parent.slug == "relationships"
    assert Theme.objects.get(slug="jealousy").parent == mine  # left where the editor put it

    Theme.objects.filter(slug="dating").update(parent=None)  # taken out by an editor
    load_demo()
    assert Theme.objects.get(slug="dating").parent is None  # plain seeding leaves it

    Theme.objects.filter(slug="rejection").update(parent=None)
    Theme.objects.filter(slug="breakups").update(parent=Theme.objects.get(slug="rejection"))
    load_demo(reset=True)  # as the files have it, even from a nest of two demo themes
    for slug, section in [
        ("dating", "relationships"),
        ("jealousy", "relationships"),
        ("breakups", "relationships"),
        ("rejection", "self"),
    ]:
        assert Theme.objects.get(slug=slug).parent.slug == section


def test_a_demo_section_must_be_a_theme_in_no_section(tmp_path):
    folder = tmp_path / "content"
    shutil.copytree(CONTENT, folder)
    themes = folder / "themes.toml"
    text = themes.read_text(encoding="utf-8")
    themes.write_text(text.replace('section = "self"', 'section = "dating"', 1), encoding="utf-8")
    with pytest.raises(ContentError, match="its section 'dating' must be a theme"):
        load_demo(folder=folder)
