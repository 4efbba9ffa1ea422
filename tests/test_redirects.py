"""Addresses that last: merged and renamed themes, and letters and articles whose slug
changed after publication, answer at their old addresses with one permanent redirect."""

import unicodedata
from urllib.parse import quote, unquote

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from advice import services
from advice.models import Letter, Theme
from articles.services import upsert_article
from newsletter.models import Subscriber
from postbag.models import Redirect
from tests import factories
from tests.live import Visitor, gunicorn, seeded_database
from tests.support import change_form_data

pytestmark = pytest.mark.django_db


def location(response):
    """Where a redirect leads, decoded ("/themes/дружба/")."""
    assert response.status_code == 301, response.status_code
    return unquote(response["Location"])


def theme_page(slug):
    return reverse("theme_detail", args=[slug])


def theme_feed(slug):
    return reverse("feeds_theme", args=[slug])


# --- Merging ---------------------------------------------------------------------------------


def test_a_merge_moves_every_piece_and_section_theme_and_deletes_the_old_theme(client):
    source = factories.theme(name="Breakups", slug="breakups")
    target = factories.theme(name="Heartbreak", slug="heartbreak")
    child = factories.theme(name="After the wedding is off", parent=source)
    only_old = factories.letter(themes=[source])
    both = factories.letter(themes=[source, target])
    suggested = factories.letter(status=Letter.Status.NEW, reply=None)
    suggested.suggested_themes.set([source])
    article = factories.article(themes=[source])
    subscriber = Subscriber.objects.create(email="reader@example.org")
    subscriber.themes.set([source])

    moved = services.merge_themes(source=source, target=target).moved

    assert not Theme.objects.filter(pk=source.pk).exists()
    assert set(target.letters.all()) == {only_old, both}
    assert list(both.themes.all()) == [target]  # one link, not two
    assert list(suggested.suggested_themes.all()) == [target]
    assert list(article.themes.all()) == [target]
    assert list(subscriber.themes.all()) == [target]
    child.refresh_from_db()
    assert child.parent == target
    assert moved["letters"] == 2 and moved["articles"] == 1 and moved["subscribers"] == 1
    assert location(client.get(theme_page("breakups"))) == theme_page("heartbreak")
    assert location(client.get(theme_feed("breakups"))) == theme_feed("heartbreak")
    page = client.get(theme_page("heartbreak"))
    assert only_old.title in page.content.decode() and article.title in page.content.decode()


def test_merged_pieces_are_found_by_the_surviving_themes_name(client):
    source = factories.theme(name="Estrangement", slug="estrangement")
    target = factories.theme(name="Wanderlust", slug="wanderlust")
    letter = factories.letter(title="My brother stopped speaking to me", themes=[source])
    services.merge_themes(source=source, target=target)
    found = client.get(reverse("search") + "?q=wanderlust").content.decode()
    assert letter.title in found


def test_a_theme_merged_into_its_own_section_theme_takes_the_sections_place():
    section = factories.theme(name="Family")
    keeper = factories.theme(name="Parents", parent=section)
    sibling = factories.theme(name="Siblings", parent=section)
    services.merge_themes(source=section, target=keeper)
    keeper.refresh_from_db()
    sibling.refresh_from_db()
    assert keeper.parent is None and sibling.parent == keeper


def test_a_merge_that_would_nest_sections_two_deep_changes_nothing():
    section = factories.theme(name="Work")
    factories.theme(name="Bosses", parent=section)
    other_section = factories.theme(name="Money")
    inside = factories.theme(name="Debts", parent=other_section)
    letter = factories.letter(themes=[section])
    with pytest.raises(ValidationError, match="one level deep"):
        services.merge_themes(source=section, target=inside)
    assert Theme.objects.filter(pk=section.pk).exists()
    assert list(letter.themes.all()) == [section]
    assert not Redirect.objects.exists()


def test_a_theme_cannot_be_merged_into_itself():
    theme = factories.theme()
    with pytest.raises(ValidationError):
        services.merge_themes(source=theme, target=theme)
    assert Theme.objects.filter(pk=theme.pk).exists()


def test_an_editor_merges_themes_in_the_admin_in_two_steps(editor_client, client):
    source = factories.theme(name="Jealousy", slug="jealousy")
    target = factories.theme(name="Envy and jealousy", slug="envy")
    letter = factories.letter(themes=[source])
    changelist = reverse("admin:advice_theme_changelist")
    chosen = {"action": "merge", ACTION_CHECKBOX_NAME: [source.pk], "index": 0}

    asked = editor_client.post(changelist, chosen)
    assert asked.status_code == 200 and "Merge into" in asked.content.decode()
    assert Theme.objects.filter(pk=source.pk).exists()  # nothing happens before the choice

    step_two = {"action": "merge", ACTION_CHECKBOX_NAME: [source.pk], "apply": "Merge themes"}
    refused = editor_client.post(changelist, step_two)  # no theme chosen: asked again
    assert (
        refused.status_code == 200 and "Please choose the theme to keep" in refused.content.decode()
    )
    bogus = editor_client.post(changelist, {**step_two, "target": "not-a-number"})
    assert bogus.status_code == 200 and Theme.objects.filter(pk=source.pk).exists()

    done = editor_client.post(changelist, {**step_two, "target": target.pk}, follow=True)
    assert "“Jealousy” was merged into “Envy and jealousy” (1 letter)" in done.content.decode()
    assert list(letter.themes.all()) == [target]
    assert location(client.get(theme_page("jealousy"))) == theme_page("envy")


# --- Renaming --------------------------------------------------------------------------------


def test_a_theme_renamed_to_a_new_slug_redirects_its_page_and_feed(client):
    theme = factories.theme(name="Loneliness", slug="loneliness")
    factories.letter(themes=[theme])
    services.upsert_theme(match={"pk": theme.pk}, fields={"name": "Being alone", "slug": "alone"})
    assert client.get(theme_page("alone")).status_code == 200
    assert location(client.get(theme_page("loneliness"))) == theme_page("alone")
    assert location(client.get(theme_feed("loneliness"))) == theme_feed("alone")
    # The reader's page number goes along; what nobody's page reads doesn't matter.
    assert location(client.get(theme_page("loneliness") + "?page=2")) == "/themes/alone/?page=2"


def test_a_theme_renamed_in_the_admin_keeps_its_old_address(editor_client, client):
    theme = factories.theme(name="Grief", slug="grief")
    change = reverse("admin:advice_theme_change", args=[theme.pk])
    saved = editor_client.post(
        change,
        {"name": "Grief and loss", "slug": "grief-and-loss", "description": "", "parent": ""},
    )
    assert saved.status_code == 302, saved.content.decode()[:2000]
    assert location(client.get(theme_page("grief"))) == theme_page("grief-and-loss")


def test_a_letter_whose_slug_changes_after_publication_keeps_its_old_address(editor_client, client):
    letter = factories.letter(title="My sister never calls", slug="my-sister-never-calls")
    letter.refresh_from_db()
    change = reverse("admin:advice_letter_change", args=[letter.pk])
    data = change_form_data(letter, slug="when-a-sister-goes-quiet")
    data.update(
        {
            "reply-INITIAL_FORMS": "1",
            "reply-0-id": letter.reply.pk,
            "reply-0-body": letter.reply.body,
            "published_at_0": letter.published_at.strftime("%Y-%m-%d"),
            "published_at_1": letter.published_at.strftime("%H:%M:%S"),
        }
    )
    saved = editor_client.post(change, data)
    assert saved.status_code == 302, (
        saved.context["adminform"].form.errors,
        [f.errors for f in saved.context["inline_admin_formsets"][0].formset],
    )
    old = reverse("advice:letter_detail", args=["my-sister-never-calls"])
    assert location(client.get(old)) == "/letters/when-a-sister-goes-quiet/"


def test_a_slug_changed_before_publication_leaves_no_redirect():
    letter = factories.letter(title="Draft", slug="draft-title", status=Letter.Status.DRAFTED)
    services.upsert_letter(match={"pk": letter.pk}, fields={"slug": "a-better-title"})
    scheduled = factories.article(slug="soon", published_at=None, status="draft")
    upsert_article(match={"pk": scheduled.pk}, fields={"slug": "later"})
    assert not Redirect.objects.exists()


def test_an_article_whose_slug_changes_after_publication_keeps_its_old_address(client):
    article = factories.article(title="On being the one who waits", slug="waiting")
    upsert_article(match={"pk": article.pk}, fields={"slug": "the-one-who-waits"})
    old = reverse("articles:article_detail", args=["waiting"])
    assert location(client.get(old)) == "/articles/the-one-who-waits/"


# --- No chains, no loops ---------------------------------------------------------------------


def rename(theme, slug):
    services.upsert_theme(match={"pk": theme.pk}, fields={"slug": slug})


def test_a_later_move_updates_earlier_redirects_so_none_chains(client):
    theme = factories.theme(slug="a")
    rename(theme, "b")
    rename(theme, "c")
    for old in ("a", "b"):
        assert location(client.get(theme_page(old))) == theme_page("c")  # one hop each
    assert set(Redirect.objects.values_list("new_path", flat=True)) == {
        theme_page("c"),
        theme_feed("c"),
    }


def test_a_slug_moved_back_removes_the_redirect_that_would_loop(client):
    theme = factories.theme(slug="first")
    rename(theme, "second")
    rename(theme, "first")
    assert client.get(theme_page("first")).status_code == 200
    assert location(client.get(theme_page("second"))) == theme_page("first")
    assert not Redirect.objects.filter(old_path=theme_page("first")).exists()
    rename(theme, "second")  # and forth again: still no loop
    assert location(client.get(theme_page("first"))) == theme_page("second")
    assert not Redirect.objects.filter(old_path=theme_page("second")).exists()


def test_a_merge_into_a_renamed_theme_points_every_old_address_at_the_survivor(client):
    old = factories.theme(slug="old-name")
    rename(old, "newer-name")
    survivor = factories.theme(slug="survivor")
    services.merge_themes(source=old, target=survivor)
    for slug in ("old-name", "newer-name"):
        assert location(client.get(theme_page(slug))) == theme_page("survivor")


def test_an_old_address_taken_by_a_new_theme_is_that_themes_page(client):
    theme = factories.theme(name="Trust", slug="trust")
    rename(theme, "trusting-again")
    factories.theme(name="Trust issues", slug="trust")
    assert client.get(theme_page("trust")).status_code == 200
    assert not Redirect.objects.filter(old_path=theme_page("trust")).exists()


def test_a_deleted_letter_leaves_no_redirect_to_it(client):
    letter = factories.letter(slug="first-title")
    services.upsert_letter(match={"pk": letter.pk}, fields={"slug": "second-title"})
    assert Redirect.objects.exists()
    letter.refresh_from_db()
    services.withdraw_letter(letter=letter)
    assert not Redirect.objects.exists()
    assert client.get("/letters/first-title/").status_code == 404


# --- Costs, the page cache, other addresses --------------------------------------------------


def test_a_normal_page_costs_no_extra_query_once_redirects_exist(
    client, settings, django_assert_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0
    theme = factories.theme(slug="steady")
    letter = factories.letter(themes=[theme])
    pages = [theme_page("steady"), letter.get_absolute_url(), reverse("home")]

    def queries(url):
        client.get(url)  # counts and related reading are remembered after the first time
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    before = [queries(url) for url in pages]
    for n in range(5):
        moving = factories.theme(slug=f"moving-{n}")
        rename(moving, f"moved-{n}")
    assert Redirect.objects.count() == 10
    for url, count in zip(pages, before, strict=True):
        client.get(url)
        with django_assert_num_queries(count):
            assert client.get(url).status_code == 200


def test_a_redirect_is_never_shadowed_by_a_page_kept_in_the_cache(client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    theme = factories.theme(slug="kept")
    factories.letter(themes=[theme])
    client.get(theme_page("kept"))
    assert client.get(theme_page("kept"))["X-Page-Cache"] == "hit"
    rename(theme, "moved-on")
    moved = client.get(theme_page("kept"))
    assert location(moved) == theme_page("moved-on")
    assert "X-Page-Cache" not in moved
    assert client.get(theme_page("moved-on")).status_code == 200


def test_old_wordpress_addresses_lead_to_the_newest_slug_in_one_hop(client):
    from wpimport.models import OldAddress

    letter = factories.letter(slug="imported-title")
    OldAddress.objects.create(path="/2019/05/imported-title/", letter=letter)
    services.upsert_letter(match={"pk": letter.pk}, fields={"slug": "edited-title"})
    assert location(client.get("/2019/05/imported-title/")) == "/letters/edited-title/"
    assert location(client.get("/letters/imported-title/")) == "/letters/edited-title/"


def test_unknown_addresses_and_posts_stay_as_they_were(client):
    theme = factories.theme(slug="posted")
    rename(theme, "posted-elsewhere")
    assert client.get("/themes/never-was/").status_code == 404
    assert client.post(theme_page("posted")).status_code in {404, 405}


@pytest.mark.parametrize(
    "path", ["/themes/a%00b/", "/" + "long/" * 300, "/themes/%FF%FE/", "/themes/a\u202eb/"]
)
def test_hostile_addresses_are_a_plain_404(client, path):
    rename(factories.theme(slug="hostile"), "hostile-elsewhere")
    assert client.get(path).status_code == 404


def test_the_redirect_list_is_the_editors_to_see_and_delete(editor_client):
    theme = factories.theme(slug="listed")
    rename(theme, "listed-now")
    changelist = editor_client.get(reverse("admin:postbag_redirect_changelist"))
    assert "/themes/listed/" in changelist.content.decode()
    assert editor_client.get(reverse("admin:postbag_redirect_add")).status_code == 403
    redirect = Redirect.objects.get(old_path="/themes/listed/")
    delete = reverse("admin:postbag_redirect_delete", args=[redirect.pk])
    assert editor_client.post(delete, {"post": "yes"}).status_code == 302
    assert not Redirect.objects.filter(pk=redirect.pk).exists()


# --- Unicode ---------------------------------------------------------------------------------

OLD_THEME = "ёлка-и-дружба"  # ё has a decomposed form (е and a combining diaeresis)
NEW_THEME = "дружба-и-ссоры"
# A Hindi slug of 200 characters: 1,800 once percent-encoded, far past 200 characters.
LONG_HINDI = ("मेरी-सहेली-जवाब-नहीं-देती-" * 10)[:200].strip("-")


def test_unicode_slugs_redirect_in_any_form_the_address_is_typed(client):
    theme = factories.theme(name="Дружба", slug=OLD_THEME)
    rename(theme, NEW_THEME)
    encoded = client.get(f"/themes/{quote(OLD_THEME)}/")
    assert encoded["Location"] == f"/themes/{quote(NEW_THEME)}/"
    decomposed = unicodedata.normalize("NFD", OLD_THEME)
    assert decomposed != OLD_THEME
    first = client.get(f"/themes/{quote(decomposed)}/")
    # One Unicode form per address first (postbag.middleware), then the move.
    assert first.status_code == 301
    assert location(client.get(first["Location"])) == f"/themes/{NEW_THEME}/"


def test_a_long_hindi_slug_moves_and_redirects(client):
    letter = factories.letter(slug=LONG_HINDI)
    assert len(quote(letter.get_absolute_url())) > 1000
    services.upsert_letter(match={"pk": letter.pk}, fields={"slug": "हिन्दी-में-पत्र"})
    old = client.get(letter.get_absolute_url().replace("हिन्दी-में-पत्र", LONG_HINDI))
    assert location(old) == "/letters/हिन्दी-में-पत्र/"


# --- Through a real server -------------------------------------------------------------------

SEED = """
import django
django.setup()
from advice import services
from tests import factories
theme = factories.theme(name="Дружба", slug="дружба")
factories.letter(themes=[theme])
services.upsert_theme(match={"pk": theme.pk}, fields={"slug": "старые-друзья"})
"""


def test_gunicorn_answers_a_renamed_themes_old_address_with_one_redirect(live_database, tmp_path):
    url, _ = seeded_database(live_database, tmp_path, SEED)
    with gunicorn(url) as server:
        visitor = Visitor(server.url)
        new = f"/themes/{quote('старые-друзья')}/"
        assert visitor.get(new).status == 200
        visitor.get(new)  # now in the page cache
        old = visitor.get(f"/themes/{quote('дружба')}/")
        assert old.status == 301 and old.headers["Location"] == new
        feed = visitor.get(f"/feeds/themes/{quote('дружба')}/")
        assert feed.status == 301
        assert feed.headers["Location"] == f"/feeds/themes/{quote('старые-друзья')}/"
        assert visitor.get(old.headers["Location"]).headers["X-Page-Cache"] == "hit"
