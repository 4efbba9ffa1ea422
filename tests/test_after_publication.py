"""Content notes and classics (issue 19, "After publication"): what readers see.

A content note shows first and the text waits behind <details>, which opens without
JavaScript; cards, search results and feeds carry the note instead of an excerpt; a crisis
theme's note stands for its pieces without one (the crisis notice flag alone implies
none). A classic re-run comes to the top of the lists and feeds with
"First published …", at its own address, and the page cache shows it at once.
"""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
import time_machine
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from advice.models import Letter
from postbag.after_publication import rerun_as_classic
from tests import factories

pytestmark = pytest.mark.django_db

NOTE = "Mentions self-harm."


def page(client, url):
    """The page's <main> (its head holds the description), as text."""
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    return html[html.index("<main") :]


def test_a_letters_note_comes_first_and_its_text_waits_in_details(client):
    letter = factories.letter(
        title="I hurt myself when things get too much",
        body="Dear Elizabeth, when the evenings get long I hurt myself.",
        content_note=NOTE,
        reply="You are not alone in this, and there is help tonight.",
    )
    html = page(client, letter.get_absolute_url())
    note_at = html.index("Content note:</strong> Mentions self-harm.")
    details_at = html.index(
        '<details class="content-note__text"><summary>Read the letter and reply'
    )
    assert note_at < details_at < html.index("when the evenings get long")
    assert details_at < html.index("there is help tonight") < html.index("</details>")
    assert "<details open" not in html  # closed until the reader opens it


def test_an_articles_note_collapses_its_body(client):
    article = factories.article(
        title="After a loss to suicide", content_note="Discusses suicide.", body="Grief is long."
    )
    html = page(client, article.get_absolute_url())
    assert html.index("Discusses suicide.") < html.index("<summary>Read the article</summary>")
    assert html.index("<summary>Read the article") < html.index("Grief is long.")


def test_a_piece_without_a_note_shows_its_text_as_before(client):
    letter = factories.letter(body="Dear Elizabeth, my sister forgot my birthday.")
    html = page(client, letter.get_absolute_url())
    assert "<details" not in html and "Content note" not in html
    assert "my sister forgot my birthday" in html


def test_cards_show_the_note_instead_of_the_excerpt(client):
    theme = factories.theme(name="Hard nights", slug="hard-nights")
    factories.letter(
        themes=[theme],
        title="The nights are the worst",
        body="Dear Elizabeth, a detail no card should show.",
        content_note=NOTE,
    )
    factories.article(
        themes=[theme], standfirst="A standfirst no card should show.", content_note=NOTE
    )
    for url in [reverse("home"), reverse("advice:letter_list"), theme.get_absolute_url()]:
        html = page(client, url)
        assert "Content note:</strong> Mentions self-harm." in html, url
        assert "a detail no card should show" not in html, url
    articles = page(client, reverse("articles:article_list"))
    assert "Mentions self-harm." in articles and "A standfirst no card should show" not in articles


def test_related_reading_names_the_note(client):
    theme = factories.theme()
    noted = factories.letter(themes=[theme], title="When it all gets too much", content_note=NOTE)
    other = factories.letter(themes=[theme], title="My friend who isn't")
    html = page(client, other.get_absolute_url())
    assert noted.title in html and "Content note: Mentions self-harm." in html


def test_a_themes_note_shows_on_its_pieces_without_their_own(client):
    grief = factories.theme(name="Grief", slug="grief", content_note="Mentions suicide.")
    letter = factories.letter(
        themes=[grief], title="My brother took his own life", body="Dear Elizabeth, the text."
    )
    article = factories.article(themes=[grief], title="Living with a loss to suicide")
    html = page(client, letter.get_absolute_url())
    assert html.index("Content note:</strong> Mentions suicide.") < html.index("<details")
    assert "Content note:</strong> Mentions suicide." in page(client, article.get_absolute_url())
    listed = page(client, grief.get_absolute_url())
    assert listed.count("Content note:</strong> Mentions suicide.") == 2
    feed = client.get(reverse("feeds_latest")).content.decode()
    assert feed.index("Mentions suicide.") < feed.index("the text.")


def test_a_pieces_own_note_wins_over_its_themes(client):
    grief = factories.theme(name="Grief", slug="grief", content_note="Mentions suicide.")
    own = factories.letter(themes=[grief], title="A note of its own", content_note=NOTE)
    html = page(client, own.get_absolute_url())
    assert "Content note:</strong> Mentions self-harm." in html
    assert "Mentions suicide." not in html


def test_the_first_theme_by_name_with_a_note_gives_it(client):
    later = factories.theme(name="Worry", slug="worry", content_note="Mentions an illness.")
    plain = factories.theme(name="Anger", slug="anger")
    earlier = factories.theme(name="Grief", slug="grief", content_note="Mentions a death.")
    letter = factories.letter(themes=[later, plain, earlier], title="Two hard things at once")
    html = page(client, letter.get_absolute_url())
    assert "Content note:</strong> Mentions a death." in html
    assert "Mentions an illness." not in html


def test_a_crisis_theme_without_a_note_gives_none(client):
    lonely = factories.theme(name="Loneliness", slug="loneliness", show_crisis_notice=True)
    letter = factories.letter(
        themes=[lonely], title="I moved for work and know no one", body="Dear Elizabeth, hello."
    )
    html = page(client, letter.get_absolute_url())
    assert "Content note" not in html and "<details" not in html
    assert "Dear Elizabeth, hello." in html
    assert "Content note" not in page(client, lonely.get_absolute_url())


def test_related_reading_names_a_themes_note_and_follows_an_edit(client):
    grief = factories.theme(name="Grief", slug="grief")
    named = factories.theme(name="After a suicide", slug="after", content_note="Mentions suicide.")
    noted = factories.letter(themes=[grief, named], title="When my father died")
    other = factories.letter(themes=[grief], title="My friend is grieving")
    assert "Content note: Mentions suicide." in page(client, other.get_absolute_url())
    named.content_note = ""
    named.save()  # an editor's change shows at once, past the page cache
    html = page(client, other.get_absolute_url())
    assert noted.title in html and "Content note: Mentions suicide." not in html


def test_the_theme_admin_offers_a_note_and_hints_at_it_for_crisis_themes(editor_client):
    lonely = factories.theme(name="Loneliness", slug="loneliness", show_crisis_notice=True)
    url = reverse("admin:advice_theme_change", args=[lonely.pk])
    html = editor_client.get(url).content.decode()
    assert 'name="content_note"' in html and "Themes that show the crisis notice" in html
    data = {"name": "Loneliness", "slug": "loneliness", "description": "", "parent": ""}
    refused = editor_client.post(url, {**data, "content_note": "Two\nlines"})
    assert refused.status_code == 200 and "Two\nlines" in refused.content.decode()
    editor_client.post(url, {**data, "show_crisis_notice": "on", "content_note": "Lonely."})
    lonely.refresh_from_db()
    assert lonely.content_note == "Lonely." and lonely.show_crisis_notice


def test_the_feed_carries_the_note_before_the_content(client):
    factories.letter(title="Too much", content_note=NOTE, body="Dear Elizabeth, the text.")
    feed = client.get(reverse("feeds_latest")).content.decode()
    assert feed.index("Mentions self-harm.") < feed.index("the text.")


def test_a_feed_summary_is_the_note_not_the_text_it_is_about(client):
    factories.letter(title="Too much", content_note=NOTE, body="Dear Elizabeth, the hard part.")
    feed = ET.fromstring(client.get(reverse("feeds_latest")).content)
    summary = feed.find("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}summary")
    assert summary.text == f"Content note: {NOTE}"


def make_classic_and_newer():
    old = factories.letter(title="Should I go to the wedding alone?", days_ago=2000)
    newer = [factories.letter(title=f"A newer letter {n}", days_ago=n + 1) for n in range(3)]
    article = factories.article(title="A newer article", days_ago=1)
    return old, newer, article


def test_a_classic_comes_to_the_top_of_the_lists_with_first_published(client, settings):
    settings.PAGE_SIZE = 3
    theme = factories.theme()
    old, newer, _ = make_classic_and_newer()
    old.themes.set([theme])
    newer[0].themes.set([theme])
    first = timezone.localtime(old.published_at)
    words = (
        f'First published <time datetime="{first:%Y-%m-%dT%H:%M:%S%z}">{first.day} {first:%B %Y}'
    )
    for url in [reverse("home"), reverse("advice:letter_list"), theme.get_absolute_url()]:
        html = page(client, url)
        assert old.title not in html or html.index(old.title) > html.index(newer[0].title)
    rerun_as_classic(piece=old)
    for url in [reverse("home"), reverse("advice:letter_list"), theme.get_absolute_url()]:
        html = page(client, url)
        assert html.index(old.title) < html.index(newer[0].title), url
        assert words in html, url
    detail = page(client, old.get_absolute_url())
    assert words in detail


def test_a_classic_leads_the_feed_at_its_address_and_keeps_its_dates(client):
    old, newer, _ = make_classic_and_newer()
    url, slug, published = old.get_absolute_url(), old.slug, old.published_at
    rerun_as_classic(piece=old)
    old.refresh_from_db()
    assert (old.get_absolute_url(), old.slug, old.published_at) == (url, slug, published)
    feed = client.get(reverse("feeds_latest")).content.decode()
    assert feed.index(old.title) < feed.index(newer[0].title)
    assert feed.count(f"/letters/{slug}/") == 1  # one entry, at the same address
    assert "First published" in feed
    html = client.get(url).content.decode()
    assert f'"dateCreated":"{published.isoformat()}"' in html  # first publication kept
    assert old.modified_at >= old.rerun_at  # moved by the re-run
    assert f'"dateModified":"{old.modified_at.isoformat()}"' in html


def test_the_sitemap_has_one_address_for_a_classic(client):
    old, _, _ = make_classic_and_newer()
    before = client.get(reverse("sitemap_section", args=["letters"])).content.decode()
    rerun_as_classic(piece=old)
    after = client.get(reverse("sitemap_section", args=["letters"])).content.decode()
    assert after.count(f"/letters/{old.slug}/<") == before.count(f"/letters/{old.slug}/<") == 1


def test_the_page_cache_shows_a_rerun_at_once(client):
    old, newer, _ = make_classic_and_newer()
    home = reverse("home")
    client.get(home)
    assert client.get(home)["X-Page-Cache"] == "hit"
    rerun_as_classic(piece=old)
    html = page(client, home)
    assert html.index(old.title) < html.index(newer[0].title)


def test_a_scheduled_rerun_appears_by_itself_when_its_time_comes(client, settings):
    settings.PAGE_SIZE = 3
    old, newer, _ = make_classic_and_newer()
    old.rerun_at = timezone.now() + timedelta(hours=2)
    old.save()
    html = page(client, reverse("advice:letter_list"))
    assert old.title not in html  # still on a later page, as it was
    with time_machine.travel(timezone.now() + timedelta(hours=3)):
        html = page(client, reverse("advice:letter_list"))
        assert html.index(old.title) < html.index(newer[0].title)


def test_an_article_can_be_a_classic_too(client):
    article = factories.article(title="How to leave a party early", days_ago=900)
    factories.article(title="Something new", days_ago=1)
    rerun_as_classic(piece=article)
    html = page(client, reverse("articles:article_list"))
    assert html.index("How to leave a party early") < html.index("Something new")
    assert "First published" in page(client, article.get_absolute_url())


def test_only_a_published_piece_can_be_rerun_and_only_after_it_was_published():
    draft = factories.letter(status=Letter.Status.DRAFTED)
    with pytest.raises(ValidationError, match="Only a published piece"):
        rerun_as_classic(piece=draft)
    letter = factories.letter()
    with pytest.raises(ValidationError, match="after the first publication"):
        rerun_as_classic(piece=letter, at=letter.published_at - timedelta(days=1))


def test_the_admin_action_reruns_now_and_the_form_refuses_an_early_rerun(editor_client):
    old, newer, article = make_classic_and_newer()
    draft = factories.letter(status=Letter.Status.DRAFTED, title="Not yet")
    response = editor_client.post(
        reverse("admin:advice_letter_changelist"),
        {"action": "rerun_now", ACTION_CHECKBOX_NAME: [old.pk, draft.pk]},
        follow=True,
    )
    text = response.content.decode()
    assert "1 piece re-run as a classic" in text
    assert "“Not yet” was not re-run: Only a published piece" in text
    old.refresh_from_db()
    assert old.is_rerun
    response = editor_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "rerun_now", ACTION_CHECKBOX_NAME: [article.pk]},
        follow=True,
    )
    article.refresh_from_db()
    assert article.is_rerun

    article.rerun_at = article.published_at - timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        article.full_clean()
    assert "after the first publication" in str(refused.value)


def test_lists_keep_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    crisis = factories.theme(show_crisis_notice=True, content_note="Mentions self-harm.")
    for n in range(12):
        letter = factories.letter(themes=[crisis], content_note=NOTE if n % 2 else "")
        if n % 3 == 0:
            rerun_as_classic(piece=letter)
    for url in [reverse("home"), reverse("advice:letter_list"), crisis.get_absolute_url()]:
        client.get(url)  # warm what is remembered
        with django_assert_max_num_queries(12):
            assert client.get(url + "?fresh").status_code == 200


def test_a_rerun_tells_no_one_and_shows_only_the_edited_copy(client, mailoutbox):
    """Privacy: re-running a letter sends its writer nothing (their address is long gone or
    never given) and shows only the edited copy, never what was sent."""
    letter = factories.letter(
        original_text="Dear Elizabeth, I am Jo from 12 Mill Lane and I hurt myself.",
        body="Dear Elizabeth, I hurt myself.",
        content_note=NOTE,
        days_ago=400,
    )
    rerun_as_classic(piece=letter)
    assert mailoutbox == []
    for url in [letter.get_absolute_url(), reverse("home"), reverse("feeds_latest")]:
        assert "Mill Lane" not in client.get(url).content.decode(), url
