"""Several columnists: assigning letters, each columnist's queue on the desk, the byline
and the credit on the page, in the feed and in structured data (issue 19)."""

import json
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import timezone

from advice.columnists import Columnist
from advice.models import Letter
from tests import factories

pytestmark = pytest.mark.django_db

LETTERS = reverse("admin:advice_letter_changelist")


def columnist(name="Sam Porter", *, users=(), **fields):
    made = Columnist.objects.create(name=name, **fields)
    made.users.set(users)
    return made


def waiting(status=Letter.Status.NEW, **fields):
    return factories.letter(status=status, reply=None, **fields)


def page_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def answer_author(page):
    """The acceptedAnswer's author name in the page's QAPage structured data."""
    for script in page.select('script[type="application/ld+json"]'):
        data = json.loads(script.string)
        if data.get("@type") == "QAPage":
            return data["mainEntity"]["acceptedAnswer"]["author"]["name"]
    raise AssertionError("no QAPage data")


def form_as_shown(form):
    """The fields a browser would send for `form` (a BeautifulSoup <form>) left as shown."""
    data = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        name, kind = field["name"], field.get("type", "")
        if field.name == "textarea":
            data[name] = field.get_text().removeprefix("\n")
        elif field.name == "select":
            chosen = field.select("option[selected]")
            data[name] = (
                [o.get("value", "") for o in chosen]
                if field.has_attr("multiple")
                else (chosen[0].get("value", "") if chosen else "")
            )
        elif kind in {"checkbox", "radio"}:
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif kind not in {"submit", "file", "button"}:
            data[name] = field.get("value", "")
    return data


# --- Assigning ---------------------------------------------------------------------------


def test_an_editor_assigns_a_letter_on_its_page(editor_client):
    sam = columnist()
    letter = waiting(title="My sister borrows and never returns")
    url = reverse("admin:advice_letter_change", args=[letter.pk])
    data = form_as_shown(page_of(editor_client, url).select_one("#letter_form"))
    response = editor_client.post(url, {**data, "columnist": sam.pk})
    assert response.status_code == 302, response.context["errors"]
    letter.refresh_from_db()
    assert letter.columnist == sam
    # And the form offers the columnists by name, an inactive one marked as such.
    columnist("Jo Kim", active=False)
    options = page_of(editor_client, url).select("#id_columnist option")
    assert [option.get_text() for option in options][1:] == ["Sam Porter", "Jo Kim (inactive)"]


def test_the_action_asks_to_whom_then_assigns_the_letters(editor_client):
    sam = columnist()
    columnist("Jo Kim", active=False)
    letters = [waiting(), waiting(), waiting()]
    chosen = {ACTION_CHECKBOX_NAME: [letters[0].pk, letters[1].pk], "action": "assign_to_columnist"}
    question = editor_client.post(LETTERS, chosen)
    assert question.status_code == 200
    page = BeautifulSoup(question.content, "html.parser")
    offered = [option.get_text() for option in page.select("#id_columnist option")]
    assert offered == ["Nobody (leave them unassigned)", "Sam Porter"]  # not the inactive one
    assert len(page.select(f'input[name="{ACTION_CHECKBOX_NAME}"]')) == 2

    done = editor_client.post(LETTERS, {**chosen, "apply": "1", "columnist": sam.pk}, follow=True)
    assert "2 letters assigned to Sam Porter." in done.content.decode()
    assigned = set(Letter.objects.filter(columnist=sam).values_list("pk", flat=True))
    assert assigned == {letters[0].pk, letters[1].pk}

    # "Nobody" unassigns them again; a bogus choice is refused on the same page, kept.
    refused = editor_client.post(LETTERS, {**chosen, "apply": "1", "columnist": "999999"})
    assert refused.status_code == 200
    assert "Please choose one of the columnists listed." in refused.content.decode()
    editor_client.post(LETTERS, {**chosen, "apply": "1", "columnist": ""})
    assert not Letter.objects.filter(columnist__isnull=False).exists()


def test_the_assigned_to_filter_lists_mine_nobodys_and_each_columnists(editor_client, editor):
    mine = columnist(users=[editor])
    other = columnist("Jo Kim")
    for whom in [mine, mine, other, None]:
        waiting(columnist=whom)
    for value, expected in [("mine", 2), ("none", 1), (str(other.pk), 1), ("", 4)]:
        listing = editor_client.get(f"{LETTERS}?assigned_to={value}")
        assert listing.status_code == 200
        assert listing.context["cl"].result_count == expected, value
    filters = page_of(editor_client, LETTERS).get_text()
    assert "By assigned to" in filters and "My letters" in filters


def test_a_deleted_columnist_leaves_its_letters_unassigned(editor_client):
    sam = columnist(byline="own", credit_writer=True)
    letter = factories.letter(columnist=sam)
    sam.delete()
    letter.refresh_from_db()
    assert letter.columnist is None
    page = page_of(editor_client, letter.get_absolute_url())
    assert page.select_one("#reply-heading").get_text() == "Elizabeth replies"
    assert "Written this week" not in page.get_text()


# --- The desk --------------------------------------------------------------------------------


def queues(page):
    """{"Sam Porter": ("waiting", "drafted", "scheduled"), …} from the desk's queues table."""
    rows = page.select("#desk-queues tbody tr")
    return {
        row.th.a.get_text(strip=True): tuple(td.get_text(strip=True) for td in row.select("td"))
        for row in rows
    }


def test_each_columnist_has_a_queue_on_the_desk_and_mine_is_counted_first(editor_client, editor):
    sam = columnist(users=[editor])
    jo = columnist("Jo Kim")
    waiting(columnist=sam)
    waiting(Letter.Status.SHORTLISTED, columnist=sam)
    waiting(Letter.Status.DRAFTED, columnist=sam)
    factories.letter(columnist=jo, published_at=timezone.now() + timedelta(days=2))
    factories.letter(columnist=jo)  # out already: in no queue
    waiting()
    waiting(Letter.Status.DECLINED, columnist=jo)  # not waiting
    page = page_of(editor_client, reverse("admin:index"))
    assert queues(page) == {
        "Sam Porter": ("2", "1", "0"),
        "Jo Kim": ("0", "0", "1"),
        "Not assigned": ("1", "0", "0"),
    }
    mine = page.select_one("#desk-my-letters")
    assert mine.th.get_text(" ", strip=True) == "Your letters: 2 waiting"
    # Each number opens the list of just those letters.
    link = mine.th.a["href"]
    assert editor_client.get(link).context["cl"].result_count == 2
    (row,) = [r for r in page.select("#desk-queues tbody tr") if "Jo Kim" in r.th.get_text()]
    scheduled = row.select("td a")[2]["href"]
    assert editor_client.get(scheduled).context["cl"].result_count == 1


def test_an_editor_who_writes_as_nobody_sees_no_line_of_their_own(editor_client):
    columnist()
    page = page_of(editor_client, reverse("admin:index"))
    assert page.select_one("#desk-my-letters") is None
    assert "Sam Porter" in queues(page)


def test_without_columnists_the_desk_is_as_before(editor_client):
    waiting()
    page = page_of(editor_client, reverse("admin:index"))
    assert page.select_one("#desk-queues") is None
    assert page.select_one("#desk-my-letters") is None


def test_the_queues_cost_the_same_few_queries_however_many_columnists(
    editor_client, editor, django_assert_num_queries
):
    def many(n):
        for i in range(n):
            someone = columnist(f"Columnist {Columnist.objects.count()}", users=[editor])
            waiting(columnist=someone)
            waiting(Letter.Status.DRAFTED, columnist=someone)
            factories.letter(columnist=someone, published_at=timezone.now() + timedelta(days=i + 1))

    many(1)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        page_of(editor_client, reverse("admin:index"))
    many(8)
    with django_assert_num_queries(len(few.captured_queries)):
        page = page_of(editor_client, reverse("admin:index"))
    assert len(queues(page)) == 10  # nine columnists and "Not assigned"
    assert page.select_one("#desk-my-letters th").get_text(" ", strip=True) == (
        "Your letters: 9 waiting"
    )


# --- The byline and the credit ---------------------------------------------------------------


def test_an_unassigned_letter_is_signed_as_today(client):
    letter = factories.letter()
    page = page_of(client, letter.get_absolute_url())
    assert page.select_one("#reply-heading").get_text() == "Elizabeth replies"
    assert page.select_one(".reply-credit") is None
    assert answer_author(page) == "Elizabeth"


def test_the_persona_signs_and_the_real_writer_is_credited_where_the_columnist_wants(client):
    sam = columnist(credit_writer=True, credited_as="Sam Porter, guest columnist")
    letter = factories.letter(columnist=sam)
    page = page_of(client, letter.get_absolute_url())
    assert page.select_one("#reply-heading").get_text() == "Elizabeth replies"
    credit = page.select_one(".letter__reply .reply-credit").get_text()
    assert credit == "Written this week by Sam Porter, guest columnist"
    assert answer_author(page) == "Sam Porter, guest columnist"


def test_a_columnist_may_sign_with_their_own_name_and_stay_uncredited(client):
    letter = factories.letter(columnist=columnist("Ruth Adeyemi", byline="own"))
    page = page_of(client, letter.get_absolute_url())
    assert page.select_one("#reply-heading").get_text() == "Ruth Adeyemi replies"
    assert page.select_one(".reply-credit") is None  # her name is the byline already
    assert answer_author(page) == "Ruth Adeyemi"
    feed = client.get(reverse("feeds_latest")).content.decode()
    assert "Ruth Adeyemi replies" in feed


def test_a_change_to_the_columnist_shows_at_once_on_the_cached_page(client):
    sam = columnist()
    letter = factories.letter(columnist=sam)
    assert "Written this week" not in page_of(client, letter.get_absolute_url()).get_text()
    sam.credit_writer = True
    sam.save()
    page = page_of(client, letter.get_absolute_url())
    assert "Written this week by Sam Porter" in page.get_text()


def test_assigning_a_published_letter_shows_at_once_on_the_cached_page(editor_client, client):
    sam = columnist(byline="own")
    letter = factories.letter()
    assert page_of(client, letter.get_absolute_url()).select_one("#reply-heading").get_text() == (
        "Elizabeth replies"
    )
    chosen = {ACTION_CHECKBOX_NAME: [letter.pk], "action": "assign_to_columnist", "apply": "1"}
    editor_client.post(LETTERS, {**chosen, "columnist": sam.pk})
    heading = page_of(client, letter.get_absolute_url()).select_one("#reply-heading")
    assert heading.get_text() == "Sam Porter replies"


def test_the_columnists_admin_says_how_replies_are_credited(editor_client):
    columnist(credit_writer=True, credited_as="Sam Porter, guest columnist")
    waiting(columnist=Columnist.objects.get())
    page = page_of(editor_client, reverse("admin:advice_columnist_changelist"))
    text = page.get_text(" ")
    assert "Written this week by Sam Porter, guest columnist" in text
    assert page.select_one("td.field-waiting").get_text() == "1"
    assert editor_client.get(reverse("admin:advice_columnist_add")).status_code == 200
