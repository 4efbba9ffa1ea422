"""The editor's desk: the admin's first page says what waits, what is coming, what went out."""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from advice.models import Letter
from tests import factories

pytestmark = pytest.mark.django_db

LETTERS = reverse("admin:advice_letter_changelist")


def desk_of(client):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def counts(page):
    """{"New": (number, link), …} from the desk's "waiting" table."""
    found = {}
    for row in page.select("#desk-waiting tr"):
        label = row.th.get_text(" ", strip=True)
        found[label] = (row.td.get_text(" ", strip=True), row.th.a["href"])
    return found


def waiting(days_ago, status=Letter.Status.NEW):
    return factories.letter(
        status=status, reply=None, received_at=timezone.now() - timedelta(days=days_ago)
    )


def test_the_desk_counts_letters_in_each_state(editor_client):
    for _ in range(3):
        waiting(1)
    waiting(2, Letter.Status.SHORTLISTED)
    waiting(2, Letter.Status.DRAFTED)
    waiting(2, Letter.Status.DRAFTED)
    factories.letter(published_at=timezone.now() + timedelta(days=2))  # scheduled
    factories.letter()  # published already: not scheduled
    waiting(40, Letter.Status.DECLINED)  # answered "no": not waiting, not counted
    found = counts(desk_of(editor_client))
    assert found["New"][0] == "3"
    assert found["Shortlisted"][0] == "1"
    assert found["Reply drafted"][0] == "2"
    assert found["Scheduled"][0] == "1"


def test_each_count_links_to_the_admin_list_filtered_to_it(editor_client):
    waiting(1)
    factories.letter(published_at=timezone.now() + timedelta(hours=3))
    factories.letter()
    found = counts(desk_of(editor_client))
    for label, state in [("New", "new"), ("Shortlisted", "shortlisted")]:
        assert found[label][1] == f"{LETTERS}?status__exact={state}"
    assert found["Reply drafted"][1] == f"{LETTERS}?status__exact=drafted"
    # The link really lists only what was counted.
    for label in ["New", "Scheduled", "Oldest waiting letter"]:
        url = found[label][1]
        assert urlsplit(url).path == LETTERS
        listing = editor_client.get(url)
        assert listing.status_code == 200, label
        assert listing.context["cl"].result_count == 1, label
    assert "published_at__gt" in parse_qs(urlsplit(found["Scheduled"][1]).query)


def test_the_oldest_waiting_letter_is_given_in_words(editor_client):
    waiting(1)
    waiting(3, Letter.Status.SHORTLISTED)
    waiting(30, Letter.Status.DRAFTED)  # answered in draft: no longer waiting
    found = counts(desk_of(editor_client))
    assert found["Oldest waiting letter"][0] == "3\xa0days"


def test_with_nothing_waiting_the_desk_says_so(editor_client):
    page = desk_of(editor_client)
    found = counts(page)
    assert found["New"][0] == "0"
    assert found["Oldest waiting letter"][0] == "none waiting"
    assert "Nothing scheduled." in page.select_one("#desk-scheduled").get_text()
    assert "Nothing published yet." in page.select_one("#desk-latest").get_text()


def test_what_is_scheduled_is_listed_soonest_first_letters_and_articles_together(editor_client):
    now = timezone.now()
    later = factories.letter(title="A letter for next week", published_at=now + timedelta(days=7))
    soon = factories.article(title="An article for tomorrow", published_at=now + timedelta(days=1))
    middle = factories.letter(title="A letter for Thursday", published_at=now + timedelta(days=3))
    factories.letter(title="Out already")
    rows = desk_of(editor_client).select("#desk-scheduled tr")
    titles = [row.th.a.get_text() for row in rows]
    assert titles == [soon.title, middle.title, later.title]
    assert rows[0].th.a["href"] == reverse("admin:articles_article_change", args=[soon.pk])
    assert rows[1].th.a["href"] == reverse("admin:advice_letter_change", args=[middle.pk])
    assert rows[0].time["datetime"].startswith(str(soon.published_at.date()))


def test_the_latest_published_link_to_their_public_pages_and_admin_pages(editor_client):
    older = factories.letter(title="Last month's letter", days_ago=30)
    newest = factories.article(title="Yesterday's article", days_ago=1)
    middle = factories.letter(title="Last week's letter", days_ago=7)
    factories.letter(title="Still to come", published_at=timezone.now() + timedelta(days=1))
    factories.letter(title="A draft", status=Letter.Status.DRAFTED)
    rows = desk_of(editor_client).select("#desk-latest tr")
    assert [row.th.a.get_text() for row in rows] == [newest.title, middle.title, older.title]
    assert rows[0].th.a["href"] == newest.get_absolute_url()
    assert rows[1].th.a["href"] == middle.get_absolute_url()
    assert rows[1].select_one("a.desk-edit")["href"] == reverse(
        "admin:advice_letter_change", args=[middle.pk]
    )
    assert editor_client.get(middle.get_absolute_url()).status_code == 200


def test_held_comments_are_on_the_desk(editor_client):
    letter = factories.letter()
    factories.comment(letter, status="held")
    found = counts(desk_of(editor_client))
    assert found["Comments waiting: 1"][1].endswith("?status__exact=held")


def test_the_desk_asks_the_database_a_fixed_few_questions(
    editor_client, django_assert_max_num_queries
):
    def many(n):
        for day in range(n):
            factories.letter(days_ago=day + 1)
            factories.letter(published_at=timezone.now() + timedelta(days=day + 1))
            factories.article(days_ago=day + 1)
            factories.article(published_at=timezone.now() + timedelta(days=day + 1))
            waiting(day + 1)

    many(2)
    # With the postbag's switch, the queues and the takedown requests waiting.
    with django_assert_max_num_queries(18) as few:
        desk_of(editor_client)
    many(12)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = desk_of(editor_client)
    assert len(page.select("#desk-latest tr")) == 5


def test_an_editor_not_a_superuser_sees_the_desk_and_staff_without_letters_do_not(client):
    from django.contrib.auth import get_user_model

    editor = factories.editor(username="desk-editor")
    assert not editor.is_superuser
    waiting(5)
    client.force_login(editor)
    page = desk_of(client)
    assert counts(page)["New"][0] == "1"
    assert page.select_one("#desk-scheduled") and page.select_one("#desk-latest")
    clerk = get_user_model().objects.create_user("clerk", password="x", is_staff=True)
    client.force_login(clerk)
    page = desk_of(client)
    assert page.select_one("#desk-waiting") is None
    assert page.select_one("#desk-latest") is None
