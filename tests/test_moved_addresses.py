"""What a hostile tester found around merges and moved pages: a merge keeps the crisis
notice, says plainly when nothing was merged and counts in good English; a moved page's
card and comment form move with it; a redirect keeps the query the reader sent."""

from urllib.parse import unquote

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.test import Client
from django.urls import reverse

from advice import services
from advice.models import Letter, Theme
from articles.services import upsert_article
from comments.models import Comment
from tests import factories
from tests.support import comment_data

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:advice_theme_changelist"
NOTICE = "If you need help now"


def location(response):
    assert response.status_code == 301, response.status_code
    return unquote(response["Location"])


def merge_in_admin(editor_client, sources, target, *, apply=True):
    data = {"action": "merge", ACTION_CHECKBOX_NAME: [theme.pk for theme in sources]}
    if apply:
        data.update({"apply": "Merge themes", "target": target.pk})
    return editor_client.post(reverse(CHANGELIST), data, follow=apply)


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


# --- Merging ---------------------------------------------------------------------------------


def test_a_merge_keeps_the_crisis_notice_if_either_theme_showed_it(editor_client):
    loneliness = factories.theme(name="Loneliness", slug="loneliness", show_crisis_notice=True)
    friendship = factories.theme(name="Friendship", slug="friendship")
    letter = factories.letter(themes=[loneliness])
    reader = Client()
    assert NOTICE in reader.get(letter.get_absolute_url()).content.decode()

    asked = merge_in_admin(editor_client, [loneliness], friendship, apply=False)
    page = asked.content.decode()
    assert "Loneliness <code>/themes/loneliness/</code> (shows the crisis notice)" in page
    assert "“Loneliness” shows the crisis notice (“If you need help now”), so the theme" in page

    done = merge_in_admin(editor_client, [loneliness], friendship)
    assert messages_of(done) == [
        "“Loneliness” was merged into “Friendship” (1 letter). Its old address now leads to "
        "“Friendship”. “Friendship” shows the crisis notice (“If you need help now”) from now "
        "on, as “Loneliness” did."
    ]
    friendship.refresh_from_db()
    assert friendship.show_crisis_notice
    assert NOTICE in reader.get(letter.get_absolute_url()).content.decode()


def test_a_merge_keeps_the_notice_of_the_kept_theme_and_adds_none_that_neither_had():
    grief = factories.theme(slug="grief", show_crisis_notice=True)
    loss = factories.theme(slug="loss")
    assert not services.merge_themes(source=loss, target=grief).crisis_notice_added
    grief.refresh_from_db()
    assert grief.show_crisis_notice
    hobbies, pastimes = factories.theme(slug="hobbies"), factories.theme(slug="pastimes")
    assert not services.merge_themes(source=hobbies, target=pastimes).crisis_notice_added
    pastimes.refresh_from_db()
    assert not pastimes.show_crisis_notice


def test_merging_a_theme_into_itself_says_nothing_was_merged_and_why(editor_client):
    worth = factories.theme(name="Self-worth", slug="self-worth")
    done = merge_in_admin(editor_client, [worth], worth)
    assert messages_of(done) == [
        "Nothing was merged: “Self-worth” can't be merged into itself. Tick the themes to "
        "merge, then choose the one to keep."
    ]
    assert Theme.objects.filter(pk=worth.pk).exists()
    # Ticked with others, the kept theme just takes them in.
    other = factories.theme(name="Confidence", slug="confidence")
    done = merge_in_admin(editor_client, [worth, other], worth)
    assert [
        m.startswith("“Confidence” was merged into “Self-worth”") for m in messages_of(done)
    ] == [True]


def test_the_merge_message_counts_each_thing_in_the_singular_or_the_plural(editor_client):
    source = factories.theme(name="Relationships", slug="relationships")
    target = factories.theme(name="Dating", slug="dating")
    for _ in range(3):
        factories.letter(themes=[source])
        factories.article(themes=[source])
    suggested = factories.letter(status=Letter.Status.NEW, reply=None)
    suggested.suggested_themes.set([source])

    done = merge_in_admin(editor_client, [source], target)
    assert (
        "“Relationships” was merged into “Dating” (3 letters, 1 letter (suggested themes), "
        "3 articles)." in messages_of(done)[0]
    )
    empty = factories.theme(name="Empty", slug="empty")
    done = merge_in_admin(editor_client, [empty], target)
    assert "(nothing was filed under it)" in messages_of(done)[0]


# --- A moved page's own addresses ------------------------------------------------------------


def test_a_moved_pieces_card_follows_it(client):
    letter = factories.letter(title="My sister never calls", slug="sister")
    article = factories.article(title="On waiting", slug="waiting")
    services.upsert_letter(match={"pk": letter.pk}, fields={"slug": "sister-goes-quiet"})
    upsert_article(match={"pk": article.pk}, fields={"slug": "the-one-who-waits"})

    card = client.get("/letters/sister/card.png?v=abc")
    assert location(card) == "/letters/sister-goes-quiet/card.png?v=abc"
    assert client.get(card["Location"])["Content-Type"] == "image/png"
    assert (
        location(client.get("/articles/waiting/card.png")) == "/articles/the-one-who-waits/card.png"
    )
    # Nothing under a moved page is made up: a missing address is still missing after one hop.
    assert client.get(location(client.get("/letters/sister/nothing-here/"))).status_code == 404
    # A hostile address of many folders is a plain 404, not an error.
    assert client.get("/letters/nobody/" + "x/" * 2000).status_code == 404
    assert client.get("/letters/sister/" + "x/" * 2000).status_code in (301, 404)


def test_a_moved_pieces_comment_form_follows_it_and_a_sent_comment_is_kept(client):
    letter = factories.letter(title="My sister never calls", slug="sister")
    services.upsert_letter(match={"pk": letter.pk}, fields={"slug": "sister-goes-quiet"})
    old_form = reverse("comments:write", args=["letter", "sister"])

    assert location(client.get(old_form)) == "/comments/letter/sister-goes-quiet/"
    # A reader who opened the form before the move sends it to the old address.
    sent = client.post(old_form, comment_data())
    assert sent.status_code == 200 and "held for moderation" in sent.content.decode()
    assert Comment.objects.get().letter == letter
    assert client.get(reverse("comments:write", args=["letter", "nobody"])).status_code == 404


# --- The reader's query ----------------------------------------------------------------------


def test_a_redirect_keeps_every_query_parameter_the_reader_sent(client, settings):
    settings.PAGE_CACHE_SECONDS = 600  # the page cache narrows the query for its pages
    source = factories.theme(name="Relationships", slug="relationships")
    target = factories.theme(name="Dating", slug="dating")
    factories.letter(themes=[source])
    services.merge_themes(source=source, target=target)
    moved = client.get("/themes/relationships/?utm_source=a&page=2")
    assert location(moved) == "/themes/dating/?utm_source=a&page=2"
