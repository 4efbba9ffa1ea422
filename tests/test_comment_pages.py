"""Comments on the site's pages: shown once approved, fresh through the page cache, counted
on cards and in structured data, at a fixed cost with 200 of them; and the editors' queue."""

import json
import re

import pytest
from django.urls import reverse

from comments import services
from comments.models import Comment
from tests import factories
from tests.support import CODE, COMMENT, comment_data, comment_url

pytestmark = pytest.mark.django_db


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def structured(html, kind):
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html):
        data = json.loads(block)
        if data["@type"] == kind:
            return data
    raise AssertionError(f"no {kind} data")


def test_approving_rejecting_and_deleting_refresh_the_cached_page_at_once(client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    letter = factories.letter()
    url = letter.get_absolute_url()
    client.post(comment_url(letter), comment_data())
    comment = Comment.objects.get()
    assert client.get(url)["X-Page-Cache"] == "miss"
    cached = client.get(url)
    assert cached["X-Page-Cache"] == "hit" and COMMENT not in cached.content.decode()

    services.approve_comment(comment=comment)
    shown = client.get(url)
    assert shown["X-Page-Cache"] == "miss" and COMMENT in shown.content.decode()
    assert client.get(url)["X-Page-Cache"] == "hit"

    services.reject_comment(comment=comment)
    assert COMMENT not in html_of(client, url)
    services.approve_comment(comment=comment)
    assert COMMENT in html_of(client, url)
    services.delete_comment(comment=comment)
    assert COMMENT not in html_of(client, url)


def test_a_new_held_comment_leaves_the_page_cache_alone(client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    letter = factories.letter()
    client.get(letter.get_absolute_url())
    client.post(comment_url(letter), comment_data())
    assert client.get(letter.get_absolute_url())["X-Page-Cache"] == "hit"


def test_comments_show_oldest_first_with_the_columns_reply_after_what_it_answers(client):
    letter = factories.letter()
    first = factories.comment(letter, name="", text="First: I felt exactly the same way once.")
    factories.comment(letter, status="held", text="Held: nobody sees this one yet at all.")
    factories.comment(letter, status="spam", text="Spam: buy cheap watches from us today.")
    factories.comment(letter, name="Sam", text="Second: thank you for writing this down.")
    services.reply_as_column(piece=letter, text="Thank you both.", in_reply_to=first)
    html = html_of(client, letter.get_absolute_url())
    section = html[html.index('id="comments"') :]
    assert "3 comments" in section
    # The reply to the first comment comes right after it, saying whom it answers.
    assert section.index("First:") < section.index("Thank you both.") < section.index("Second:")
    assert "Held:" not in section and "Spam:" not in section
    assert "A reader" in section and "Sam" in section
    columnist = re.search(r'<li class="comment comment--columnist[^"]*".*?</li>', section, re.S)
    assert "Elizabeth" in columnist.group(0) and "for the column" in columnist.group(0)
    assert "Thank you both." in columnist.group(0)
    assert f'<a href="#comment-{first.pk}">in reply to <bdi>A reader</bdi></a>' in columnist.group(
        0
    )
    assert "<time datetime=" in section
    assert comment_url(letter) in section  # open: the way to write one


def test_comment_counts_show_on_cards_and_in_structured_data(client):
    theme = factories.theme()
    letter = factories.letter(themes=[theme])
    article = factories.article(themes=[theme])
    for n in range(3):
        factories.comment(letter, text=f"A kind comment on the letter, number {n}.")
    factories.comment(article, text="A kind comment on the article, the only one.")
    factories.comment(article, status="held", text="Held comments are never counted.")
    for url in [reverse("home"), reverse("advice:letter_list"), theme.get_absolute_url()]:
        html = html_of(client, url)
        assert f'{letter.get_absolute_url()}#comments">3 comments</a>' in html, url
    for url in [reverse("home"), reverse("articles:article_list"), theme.get_absolute_url()]:
        html = html_of(client, url)
        assert f'{article.get_absolute_url()}#comments">1 comment</a>' in html, url

    qa = structured(html_of(client, letter.get_absolute_url()), "QAPage")
    assert qa["mainEntity"]["commentCount"] == 3
    data = structured(html_of(client, article.get_absolute_url()), "Article")
    assert data["commentCount"] == 1


@pytest.mark.parametrize("kind", ["letter", "article"])
def test_a_page_with_200_comments_runs_a_fixed_number_of_queries(
    client, settings, django_assert_max_num_queries, kind
):
    settings.PAGE_CACHE_SECONDS = 0  # measure the page itself
    piece = factories.letter() if kind == "letter" else factories.article()
    Comment.objects.bulk_create(
        Comment(**{kind: piece}, status="approved", text=f"Comment {n}: this helped me a lot.")
        for n in range(200)
    )
    # The budgets of tests/test_pages.py: one more than before comments, for all 200.
    with django_assert_max_num_queries(6 if kind == "letter" else 7):
        html = html_of(client, piece.get_absolute_url())
    assert "200 comments" in html and "Comment 199: this helped me a lot." in html


def test_lists_count_comments_in_one_query_however_many_cards(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    settings.PAGE_SIZE = 12

    def queries_for_letters_list():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            html_of(client, reverse("advice:letter_list"))
        return len(captured)

    factories.comment(factories.letter())
    few = queries_for_letters_list()
    for _ in range(11):
        factories.comment(factories.letter())
    assert queries_for_letters_list() == few


# --- The editors' queue -----------------------------------------------------------------------


def test_the_queue_counts_filters_and_approves_in_bulk(editor_client):
    letter = factories.letter(title="A letter with comments", slug="a-letter-with-comments")
    article = factories.article()
    held = [
        factories.comment(letter, status="held", text=f"Waiting comment {n} on the letter.")
        for n in range(3)
    ]
    factories.comment(article, status="held", text="Waiting comment on the article.")
    factories.comment(article, status="spam", text="Cheap watches, cheap watches, today.")
    queue = reverse("admin:comments_comment_changelist")
    html = editor_client.get(queue).content.decode()
    assert "Held for moderation: <strong>4</strong>" in html
    assert "Spam: <strong>1</strong>" in html
    assert f'href="{letter.get_absolute_url()}"' in html  # the piece, with a link
    only_letters = editor_client.get(queue + "?kind=letter&status__exact=held").content.decode()
    assert "Waiting comment 0" in only_letters and "on the article" not in only_letters

    response = editor_client.post(
        queue,
        {"action": "approve", "_selected_action": [c.pk for c in held[:2]]},
        follow=True,
    )
    assert "2 comments approved." in response.content.decode()
    assert Comment.objects.filter(status="approved").count() == 2
    editor_client.post(queue, {"action": "mark_spam", "_selected_action": [held[2].pk]})
    editor_client.post(queue, {"action": "reject", "_selected_action": [held[0].pk]})
    statuses = dict(Comment.objects.values_list("pk", "status"))
    assert statuses[held[2].pk] == "spam" and statuses[held[0].pk] == "rejected"


def test_an_editor_replies_as_the_column_from_a_comment(editor_client, client):
    letter = factories.letter()
    comment = factories.comment(letter, status="held", text="Could Elizabeth say more on this?")
    change = reverse("admin:comments_comment_change", args=[comment.pk])
    form = editor_client.get(change).content.decode()
    assert "Reply as the column" in form
    response = editor_client.post(
        change,
        {"name": "", "text": comment.text, "status": "approved", "reply": "Gladly: next week."},
        follow=True,
    )
    assert response.status_code == 200
    reply = Comment.objects.get(is_columnist_reply=True)
    assert (reply.status, reply.in_reply_to, reply.letter) == ("approved", comment, letter)
    assert Comment.objects.get(pk=comment.pk).status == "approved"
    html = html_of(client, letter.get_absolute_url())
    assert "Gladly: next week." in html and "for the column" in html


def test_editors_may_moderate_but_not_add_comments(editor):
    for codename in ("view_comment", "change_comment", "delete_comment"):
        assert editor.has_perm(f"comments.{codename}")


def test_closing_a_piece_is_a_switch_on_its_admin_form(editor_client):
    letter = factories.letter()
    html = editor_client.get(reverse("admin:advice_letter_change", args=[letter.pk]))
    assert 'name="comments_closed"' in html.content.decode()
    article = factories.article()
    html = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert 'name="comments_closed"' in html.content.decode()


def test_the_code_shown_is_the_only_way_back_to_the_comment(client):
    letter = factories.letter()
    code = CODE.search(client.post(comment_url(letter), comment_data()).content.decode())[0]
    found = services.find_comment_by_code(code)
    assert found == Comment.objects.get()
    assert services.find_comment_by_code("2222-2222-2222-2222") is None
