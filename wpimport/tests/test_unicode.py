"""import_wordpress with a column in many scripts: WordPress's own slugs, themes in any
script, --theme-map and --only-themes in any script, everything dropped named, long titles.

wpimport/tests/fixtures/wordpress/many-languages.xml is an invented column whose letters
category is "Письма": posts in Russian, Greek, Arabic, Hindi and Telugu with slugs as
WordPress writes them (percent-encoded UTF-8, cut at 200 encoded characters), a draft
with no slug, a post whose slug is an emoji, categories and tags in those scripts (one
transliterated by a plugin, one with no slug, one an emoji), a private post and a page.
"""

import pytest

from advice.models import Letter, Theme
from articles.models import Article
from postbag.validators import TITLE_LENGTH
from wpimport.tests.support import FIXTURES, export_with, import_wordpress

MANY_LANGUAGES = FIXTURES / "many-languages.xml"
LETTERS = ("--letters-category", "Письма")

# WordPress's slugs, decoded: the Hindi and Telugu ones cut short where WordPress cut them.
WORDPRESS_SLUGS = {
    202: "όταν-ο-αδελφός-σου-δεν-ακούει",
    203: "كيف-أقول-لا-لأختي-دون-أن-أجرحها",
    204: "माँ-से-बात-करना-इतना-कठिन-क",
    205: "స్నేహితురాలు-దూరమైనప్పు",
}

pytestmark = pytest.mark.django_db


def themes_of(item):
    return set(item.themes.values_list("slug", flat=True))


# --- Posts keep WordPress's slugs ----------------------------------------------------------


def test_posts_in_every_script_keep_their_wordpress_slugs(client):
    import_wordpress(MANY_LANGUAGES, *LETTERS)

    letter = Letter.objects.get(wordpress_id=201)
    assert letter.slug == "подруга-звонит-только-когда-ей-что-то-н"
    for wordpress_id, slug in WORDPRESS_SLUGS.items():
        article = Article.objects.get(wordpress_id=wordpress_id)
        assert article.slug == slug
        page = client.get(article.get_absolute_url())
        assert page.status_code == 200 and article.title in page.content.decode()
    assert client.get(letter.get_absolute_url()).status_code == 200
    assert not Article.objects.filter(slug__startswith="untitled").exists()


def test_a_post_without_a_slug_gets_one_from_its_title_in_its_script():
    import_wordpress(MANY_LANGUAGES, *LETTERS)

    assert Article.objects.get(wordpress_id=206).slug == "черновик-о-новой-работе"


def test_a_slug_with_no_letters_is_made_from_the_title_and_the_report_says_so():
    report = import_wordpress(MANY_LANGUAGES, *LETTERS)

    assert Article.objects.get(wordpress_id=207).slug == "ещё-одно-письмо-о-ревности"
    assert (
        "post 207 “Ещё одно письмо о ревности”: WordPress's slug “💔” has no letter or digit "
        "for an address: its address was made from the title." in report
    )


def test_importing_again_keeps_every_slug():
    import_wordpress(MANY_LANGUAGES, *LETTERS)
    slugs = set(Article.objects.values_list("slug", flat=True))
    report = import_wordpress(MANY_LANGUAGES, *LETTERS)

    assert "Articles: 0 created, 0 updated, 6 unchanged." in report
    assert set(Article.objects.values_list("slug", flat=True)) == slugs


# --- Categories and tags in any script -----------------------------------------------------


def test_categories_and_tags_in_every_script_become_themes():
    report = import_wordpress(MANY_LANGUAGES, *LETTERS)

    assert "Themes: 7 created." in report
    assert set(Theme.objects.values_list("slug", "name")) == {
        ("дружба", "Дружба"),
        ("семья", "Семья"),  # the tag has no slug in the export: made from its name
        ("οικογένεια", "Οικογένεια"),
        ("الأسرة", "الأسرة"),
        ("रिश्ते", "रिश्ते"),
        ("స్నేహం", "స్నేహం"),
        ("rabota", "Работа"),  # transliterated by a WordPress plugin: kept as it is
    }
    assert Theme.objects.get(slug="дружба").description.startswith("Когда друзья отдаляются")
    assert themes_of(Letter.objects.get(wordpress_id=201)) == {"дружба", "семья"}
    assert themes_of(Article.objects.get(wordpress_id=204)) == {"रिश्ते"}


def test_every_category_and_tag_that_becomes_no_theme_is_named_with_why():
    report = import_wordpress(MANY_LANGUAGES, *LETTERS)

    assert "Categories and tags that became no theme:" in report
    for line in [
        "category “Письма”: the column's letters category, which marks letters.",
        "category “Uncategorized”: WordPress's default category.",
        "tag “💔”: no letter or digit for an address.",
        "post_format “Aside”: not a category or tag.",
    ]:
        assert f"  {line}" in report.splitlines()


def test_every_skipped_item_is_named():
    report = import_wordpress(MANY_LANGUAGES, *LETTERS)

    assert "Skipped: 1 page, 1 private post." in report
    lines = report.splitlines()
    assert "  page: post 209 “О колонке”" in lines
    assert "  private post: post 208 “Ιδιωτικές σημειώσεις”" in lines


def test_the_letters_category_may_be_named_in_any_script():
    import_wordpress(MANY_LANGUAGES, *LETTERS)

    assert list(Letter.objects.values_list("wordpress_id", flat=True)) == [201]


# --- --theme-map and --only-themes in any script -------------------------------------------


@pytest.mark.parametrize(
    "old",
    [
        "дружба",
        "Дружба",
        "%d0%b4%d1%80%d1%83%d0%b6%d0%b1%d0%b0",
        "%D0%94%D1%80%D1%83%D0%B6%D0%B1%D0%B0",
    ],
    ids=["slug", "name", "as-wordpress-shows-it", "upper-case-escapes"],
)
def test_theme_map_takes_a_category_in_any_script(old):
    report = import_wordpress(MANY_LANGUAGES, *LETTERS, "--theme-map", f"{old}=friendship")

    assert themes_of(Letter.objects.get(wordpress_id=201)) == {"friendship", "семья"}
    assert not Theme.objects.filter(slug="дружба").exists()
    assert "--theme-map" not in report


def test_theme_map_finds_a_category_by_name_when_its_slug_was_transliterated():
    import_wordpress(MANY_LANGUAGES, *LETTERS, "--theme-map", "Работа=работа")

    theme = Article.objects.get(wordpress_id=206).themes.get()
    assert (theme.slug, theme.name) == ("работа", "Работа")


def test_theme_map_merges_into_a_theme_in_another_script():
    import_wordpress(MANY_LANGUAGES, *LETTERS, "--theme-map", "Οικογένεια=семья")

    assert themes_of(Article.objects.get(wordpress_id=202)) == {"семья"}
    assert Theme.objects.get(slug="семья").name == "Семья"


def test_only_themes_takes_names_and_slugs_in_any_script():
    report = import_wordpress(MANY_LANGUAGES, *LETTERS, "--only-themes", "रिश्ते,Дружба")

    assert set(Theme.objects.values_list("slug", flat=True)) == {"रिश्ते", "дружба"}
    assert "  category “Οικογένεια”: not in --only-themes." in report.splitlines()


def test_options_that_match_nothing_are_named():
    report = import_wordpress(
        MANY_LANGUAGES, *LETTERS, "--theme-map", "любовь=love", "--only-themes", "ревность,дружба"
    )

    assert "--theme-map: no category or tag “любовь”." in report
    assert "--only-themes: no category or tag “ревность”." in report
    assert "“дружба”." not in report


# --- Long titles ---------------------------------------------------------------------------

REPLY = "<blockquote>Dear Elizabeth, is this too long?</blockquote>Not at all."


def test_a_title_longer_than_200_characters_is_kept_whole(tmp_path):
    title = ("My sister borrowed my wedding dress without asking " * 6).strip()
    assert 250 < len(title) <= TITLE_LENGTH
    import_wordpress(export_with(tmp_path, REPLY, title=title))

    assert Letter.objects.get(wordpress_id=7).title == title


def test_a_title_longer_than_a_title_can_be_is_shortened_at_a_word_with_a_warning(tmp_path):
    title = " ".join(f"word{n}" for n in range(120))
    report = import_wordpress(export_with(tmp_path, REPLY, title=title))

    letter = Letter.objects.get(wordpress_id=7)
    assert len(letter.title) <= TITLE_LENGTH and letter.title.endswith(" word71…")
    assert title.startswith(letter.title.removesuffix("…"))
    assert (
        f"post 7 “{title}”: the title is {len(title)} characters, more than the {TITLE_LENGTH} "
        "a title holds: it was shortened at a word." in report
    )
