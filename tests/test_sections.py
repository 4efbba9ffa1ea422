"""Sections: a theme may belong to a section (its parent theme, one level deep). Letters,
articles and theme pages show the way there (Home › Section › Theme › piece) as a visible
breadcrumb that says the same as their BreadcrumbList; a section's page gathers its
themes and their newest pieces; /themes/ is grouped by section. The demo's sections:
tests/test_demo_sections.py."""

import json

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.urls import reverse

from advice.models import Letter
from articles.models import Article
from tests import factories

pytestmark = pytest.mark.django_db

SITE_URL = "https://column.example.org"
HOSTILE = '</script><script>alert("x")</script> & <b>'


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE_URL


@pytest.fixture
def shelf():
    """Two sections with themes, a theme in no section, and pieces about them."""
    love = factories.theme(name="Relationships", slug="relationships", description="Love.")
    self_ = factories.theme(name="Self", slug="self", description="Being on your own side.")
    breakups = factories.theme(
        name="Breakups", slug="breakups", parent=love, description="When it *ends*."
    )
    dating = factories.theme(name="Dating", slug="dating", parent=love, description="Apps.")
    worth = factories.theme(name="Self-worth", slug="self-worth", parent=self_)
    money = factories.theme(name="Money", slug="money", description="Bills and rows.")
    return {
        "love": love,
        "self": self_,
        "breakups": breakups,
        "dating": dating,
        "worth": worth,
        "money": money,
    }


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content.decode(), "html.parser")


def visible_trail(soup):
    """(name, path) of the breadcrumb a reader sees; checks its accessible markup."""
    nav = soup.select('nav[aria-label="Breadcrumb"]')
    assert len(nav) == 1
    links = nav[0].select("ol > li > a")
    assert [a.get("aria-current") for a in links] == [None] * (len(links) - 1) + ["page"]
    return [(a.get_text(), a["href"]) for a in links]


def data_trail(soup):
    """(name, path) of the page's schema.org BreadcrumbList, positions checked."""
    blocks = [json.loads(s.string) for s in soup.select('script[type="application/ld+json"]')]
    items = next(b for b in blocks if b["@type"] == "BreadcrumbList")["itemListElement"]
    assert [item["position"] for item in items] == list(range(1, len(items) + 1))
    return [(item["name"], item["item"].removeprefix(SITE_URL)) for item in items]


def trail(client, url):
    """The page's breadcrumb, after checking that what readers see and what the
    BreadcrumbList says are the same steps."""
    soup = page(client, url)
    seen = visible_trail(soup)
    assert seen == data_trail(soup), url
    return seen


def step(theme):
    return (theme.name, theme.get_absolute_url())


HOME = ("Home", "/")


# --- One level deep ---------------------------------------------------------------------


def test_a_section_cannot_itself_be_in_a_section(shelf):
    shelf["money"].parent = shelf["breakups"]
    with pytest.raises(ValidationError) as refused:
        shelf["money"].full_clean()
    assert "“Breakups” is itself in the section “Relationships”" in str(refused.value)


def test_a_theme_with_themes_under_it_cannot_go_into_a_section(shelf):
    shelf["love"].parent = shelf["self"]
    with pytest.raises(ValidationError) as refused:
        shelf["love"].full_clean()
    message = " ".join(refused.value.message_dict["parent"])
    assert "“Relationships” is a section, with Breakups, Dating under it" in message


def test_a_theme_cannot_be_its_own_section(shelf):
    shelf["money"].parent = shelf["money"]
    with pytest.raises(ValidationError, match="its own section"):
        shelf["money"].full_clean()


def test_a_theme_in_no_section_may_join_one_and_leave_it(shelf):
    money = shelf["money"]
    money.parent = shelf["self"]
    money.full_clean()
    money.save()
    assert list(shelf["self"].children.all()) == [money, shelf["worth"]]
    shelf["self"].delete()  # the section goes; its themes stay, in no section
    money.refresh_from_db()
    assert money.parent is None


# --- Breadcrumbs ------------------------------------------------------------------------


def test_a_letter_shows_home_section_theme_and_itself(client, shelf):
    letter = factories.letter(themes=[shelf["breakups"]], title='He said "it\'s not you"')
    assert trail(client, letter.get_absolute_url()) == [
        HOME,
        step(shelf["love"]),
        step(shelf["breakups"]),
        ("He said “it’s not you”", letter.get_absolute_url()),
    ]


def test_a_piece_goes_by_its_first_theme_in_alphabetical_order(client, shelf):
    # Self-worth (in Self) and Dating (in Relationships): Dating comes first by name.
    article = factories.article(themes=[shelf["worth"], shelf["dating"]], title="Swipe less")
    assert trail(client, article.get_absolute_url()) == [
        HOME,
        step(shelf["love"]),
        step(shelf["dating"]),
        ("Swipe less", article.get_absolute_url()),
    ]


def test_a_piece_in_a_section_itself_or_a_theme_in_none_has_a_shorter_trail(client, shelf):
    letter = factories.letter(themes=[shelf["love"]], title="Filed under the section")
    article = factories.article(themes=[shelf["money"]], title="On money")
    assert trail(client, letter.get_absolute_url())[1:] == [
        step(shelf["love"]),
        ("Filed under the section", letter.get_absolute_url()),
    ]
    assert trail(client, article.get_absolute_url())[1:] == [
        step(shelf["money"]),
        ("On money", article.get_absolute_url()),
    ]


def test_a_piece_without_a_theme_sits_in_its_archive(client, db):
    letter = factories.letter(title="A letter about nothing in particular")
    article = factories.article(title="An article about nothing in particular")
    assert trail(client, letter.get_absolute_url()) == [
        HOME,
        ("Letters", reverse("advice:letter_list")),
        ("A letter about nothing in particular", letter.get_absolute_url()),
    ]
    assert trail(client, article.get_absolute_url())[1] == (
        "Articles",
        reverse("articles:article_list"),
    )


def test_theme_and_section_pages_show_where_they_are(client, shelf):
    assert trail(client, shelf["breakups"].get_absolute_url()) == [
        HOME,
        step(shelf["love"]),
        step(shelf["breakups"]),
    ]
    assert trail(client, shelf["love"].get_absolute_url()) == [HOME, step(shelf["love"])]
    assert trail(client, shelf["money"].get_absolute_url()) == [HOME, step(shelf["money"])]


def test_names_in_any_script_and_hostile_ones_are_shown_as_text(client, db):
    section = factories.theme(name=f"दोस्ती {HOSTILE}", slug="दोस्ती")
    theme = factories.theme(name="Дружба", slug="дружба", parent=section)
    letter = factories.letter(themes=[theme], title=f"Help {HOSTILE}")
    html = client.get(letter.get_absolute_url()).content.decode()
    assert "<script>alert(" not in html and "<b>" not in html
    steps = trail(client, letter.get_absolute_url())
    assert steps[1:3] == [step(section), step(theme)]
    assert steps[1][1] == "/themes/%E0%A4%A6%E0%A5%8B%E0%A4%B8%E0%A5%8D%E0%A4%A4%E0%A5%80/"
    assert steps[3][0].startswith("Help </script><script>alert(")


def test_a_theme_moved_to_another_section_shows_the_new_way_at_once(client, admin_client, shelf):
    letter = factories.letter(themes=[shelf["breakups"]], title="Still cached?")
    url = letter.get_absolute_url()
    for address in [url, shelf["breakups"].get_absolute_url()]:
        assert trail(client, address)[1] == step(shelf["love"])
        assert client.get(address)["X-Page-Cache"] == "hit"
    breakups = shelf["breakups"]
    response = admin_client.post(
        reverse("admin:advice_theme_change", args=[breakups.pk]),
        {
            "name": breakups.name,
            "slug": breakups.slug,
            "description": breakups.description,
            "parent": shelf["self"].pk,
        },
    )
    assert response.status_code == 302
    for address in [url, breakups.get_absolute_url()]:
        assert trail(client, address)[1] == step(shelf["self"])
    assert shelf["self"].name in client.get(reverse("theme_list")).content.decode()


# --- A section's page ------------------------------------------------------------------


def test_a_section_page_lists_its_themes_and_the_newest_pieces_across_them(client, shelf):
    own = factories.letter(themes=[shelf["love"]], title="Tagged with the section", days_ago=5)
    both = factories.article(
        themes=[shelf["breakups"], shelf["dating"]], title="In two of its themes", days_ago=1
    )
    dated = factories.letter(themes=[shelf["dating"]], title="Only dating", days_ago=3)
    factories.letter(themes=[shelf["worth"]], title="In another section")
    factories.letter(themes=[shelf["dating"]], title="Not yet", status=Letter.Status.DRAFTED)
    soup = page(client, shelf["love"].get_absolute_url())

    themes = soup.select(".section-themes li")
    assert [li.h3.get_text() for li in themes] == ["Breakups", "Dating"]
    assert themes[0].a["href"] == shelf["breakups"].get_absolute_url()
    assert themes[0].em.get_text() == "ends"  # the description, in Markdown
    assert "0 letters, 1 article" in " ".join(themes[0].get_text().split())
    assert "1 letter, 1 article" in " ".join(themes[1].get_text().split())

    cards = [h.get_text() for h in soup.select(".cards .card__title")]
    assert cards == [both.title, dated.title, own.title]  # newest first, each once
    assert len(soup.find_all("h1")) == 1


def test_a_section_page_is_paginated_like_a_theme_page(client, settings, shelf):
    settings.PAGE_SIZE = 3
    for n in range(4):
        factories.letter(themes=[shelf["dating"]], title=f"Date {n}", days_ago=n + 1)
    factories.article(themes=[shelf["breakups"], shelf["love"]], title="Oldest", days_ago=9)
    url = shelf["love"].get_absolute_url()
    second = page(client, url + "?page=2")
    assert [h.get_text() for h in second.select(".card__title")] == ["Date 3", "Oldest"]
    assert not second.select(".section-themes")  # the themes are listed on the first page
    assert second.select_one('a[rel="prev"]')["href"] == "?page=1"
    assert client.get(url + "?page=3").status_code == 404
    assert client.get(url + "?page=two").status_code == 404


def test_a_section_feed_has_its_themes_pieces(client, shelf):
    factories.letter(themes=[shelf["dating"]], title="From the dating theme")
    feed = client.get(reverse("feeds_theme", args=["relationships"])).content.decode()
    assert "From the dating theme" in feed


# --- /themes/ ---------------------------------------------------------------------------


def test_the_themes_index_is_grouped_by_section(client, shelf):
    factories.letter(themes=[shelf["breakups"], shelf["dating"]])
    soup = page(client, reverse("theme_list"))
    groups = soup.select("section.theme-section")
    assert [g.h2.get_text() for g in groups] == ["Relationships", "Self", "More themes"]
    assert groups[0].h2.a["href"] == shelf["love"].get_absolute_url()
    names = [[a.get_text() for a in g.select(".theme-list a")] for g in groups]
    assert names == [["Breakups", "Dating"], ["Self-worth"], ["Money"]]
    assert "1 letter, 0 articles" in " ".join(groups[0].get_text().split())


def test_without_sections_the_index_is_one_plain_list(client, db):
    factories.theme(name="Alone")
    factories.theme(name="Bored")
    soup = page(client, reverse("theme_list"))
    assert not soup.select("section.theme-section")
    assert [a.get_text() for a in soup.select(".theme-list a")] == ["Alone", "Bored"]


def test_a_sections_count_on_the_home_page_is_what_its_page_lists(client, shelf):
    factories.letter(themes=[shelf["breakups"], shelf["dating"], shelf["love"]])
    factories.letter(themes=[shelf["dating"]])
    factories.article(themes=[shelf["worth"]])
    home = page(client, reverse("home"))
    entry = next(li for li in home.select(".theme-list li") if li.a.get_text() == "Relationships")
    assert "2 letters, 0 articles" in " ".join(entry.get_text().split())


# --- Cost -------------------------------------------------------------------------------


def test_breadcrumbs_and_sections_cost_no_query_per_card_or_theme(
    client, shelf, django_assert_max_num_queries
):
    sections = [factories.theme(name=f"Section {n}") for n in range(5)]
    themes = [factories.theme(name=f"Theme {n}", parent=sections[n % 5]) for n in range(15)]
    for n in range(30):
        factories.letter(themes=themes[n % 15 : n % 15 + 3] + [shelf["breakups"]])
        factories.article(themes=[themes[n % 15], shelf["dating"]])
    letter, article = Letter.objects.first(), Article.objects.first()
    budgets = {
        reverse("home"): 6,
        reverse("theme_list"): 1,
        letter.get_absolute_url(): 6,
        article.get_absolute_url(): 7,
        themes[0].get_absolute_url(): 8,
        sections[0].get_absolute_url(): 8,
        sections[0].get_absolute_url() + "?page=2": 8,
        shelf["love"].get_absolute_url(): 8,
    }
    for url, budget in budgets.items():
        with django_assert_max_num_queries(budget):
            assert client.get(url).status_code == 200, url


# --- The admin --------------------------------------------------------------------------


def test_the_admin_offers_only_themes_in_no_section_as_sections(admin_client, shelf):
    url = reverse("admin:advice_theme_change", args=[shelf["money"].pk])
    form = BeautifulSoup(admin_client.get(url).content.decode(), "html.parser")
    offered = [o.get_text() for o in form.select('select[name="parent"] option') if o["value"]]
    assert offered == ["Relationships", "Self"]  # not Money itself, not Breakups


def test_a_refused_section_keeps_what_the_editor_typed(admin_client, shelf):
    love = shelf["love"]
    response = admin_client.post(
        reverse("admin:advice_theme_change", args=[love.pk]),
        {
            "name": "Love, renamed",
            "slug": love.slug,
            "description": "Kept as typed.",
            "parent": shelf["self"].pk,
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "“Love, renamed” is a section, with Breakups, Dating under it" in html
    assert 'value="Love, renamed"' in html and "Kept as typed." in html
    love.refresh_from_db()
    assert love.parent is None and love.name == "Relationships"


def test_the_admins_theme_list_shows_and_filters_by_section(admin_client, shelf):
    url = reverse("admin:advice_theme_changelist")
    soup = BeautifulSoup(admin_client.get(url).content.decode(), "html.parser")
    rows = {
        row.select_one("th").get_text(): row.select_one("td.field-parent").get_text()
        for row in soup.select("#result_list tbody tr")
    }
    assert rows["Dating"] == "Relationships" and rows["Money"] == "-"
    filtered = admin_client.get(url, {"parent__id__exact": shelf["love"].pk})
    listed = BeautifulSoup(filtered.content.decode(), "html.parser")
    names = [th.get_text() for th in listed.select("#result_list tbody th")]
    assert names == ["Breakups", "Dating"]


def test_searching_in_a_section_finds_its_themes_pieces(client, shelf):
    factories.letter(themes=[shelf["dating"]], title="Nervous about the first date")
    factories.letter(themes=[shelf["worth"]], title="Nervous about everything")
    found = page(client, reverse("search") + "?q=nervous&theme=relationships")
    assert [h.get_text() for h in found.select(".search-result__title")] == [
        "Nervous about the first date"
    ]
