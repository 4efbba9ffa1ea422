"""The pages of someone who has written in: the receipt's answered letters like theirs, the
status page's sent date and usual wait, the crisis notice with numbers a phone can call
(on the ask form and on pieces whose themes ask for it), "Write to Elizabeth" under each
letter, and a refused form whose error summary comes first and takes the focus."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from advice import columnist
from advice.columnist import usual_wait, usual_wait_in_words, wait_in_words
from advice.models import Letter
from postbag.phones import link_phone_numbers, phone_numbers
from tests import factories
from tests.support import LETTER, comment_data, comment_url, receipt_code, send

pytestmark = pytest.mark.django_db


def answered(days_to_answer, *, days_ago=1, **fields):
    """A published letter that waited `days_to_answer` days between arriving and appearing."""
    published = timezone.now() - timedelta(days=days_ago)
    return factories.letter(
        published_at=published,
        received_at=published - timedelta(days=days_to_answer),
        **fields,
    )


# --- How long answers usually take ----------------------------------------------------------


def test_the_usual_wait_is_the_median_over_published_letters():
    for days in (2, 9, 21, 22, 80):
        answered(days)
    # Letters that aren't public, or were "published" before they arrived, don't count.
    factories.letter(status=Letter.Status.DRAFTED, received_at=timezone.now() - timedelta(400))
    answered(300, days_ago=-5)  # scheduled
    factories.letter(received_at=timezone.now())  # imported: published before it arrived

    assert usual_wait() == timedelta(days=21)
    assert usual_wait_in_words() == "about 3 weeks"


def test_with_too_few_answered_letters_there_is_no_usual_wait():
    for days in (20, 21, 22, 23):
        answered(days)
    assert usual_wait() is None
    assert usual_wait_in_words() == ""


def test_the_usual_wait_is_measured_over_the_newest_letters_only(monkeypatch):
    monkeypatch.setattr(columnist, "WAIT_SAMPLE", 5)
    for n in range(5):
        answered(60, days_ago=400 + n)  # long ago the column was slow
    for n in range(5):
        answered(15, days_ago=1 + n)
    assert usual_wait_in_words() == "about 2 weeks"


def test_an_even_number_of_letters_takes_the_middle_two():
    for days in (10, 12, 30, 32, 100, 101):
        answered(days)
    assert usual_wait() == timedelta(days=31)


@pytest.mark.parametrize(
    ("days", "words"),
    [
        (0.2, "a few days"),
        (4.9, "a few days"),
        (9, "about a week"),
        (11, "about 2 weeks"),
        (20, "about 3 weeks"),
        (55, "about 8 weeks"),
        (70, "about 2 months"),
        (200, "about 7 months"),
        (400, "more than a year"),
    ],
)
def test_the_wait_is_said_in_plain_words(days, words):
    assert wait_in_words(timedelta(days=days)) == words


def test_the_usual_wait_is_remembered_until_a_letter_is_published(
    django_assert_num_queries,
):
    for days in (20, 21, 22, 23, 24):
        answered(days)
    assert usual_wait_in_words() == "about 3 weeks"
    with django_assert_num_queries(0):
        assert usual_wait_in_words() == "about 3 weeks"
    for _ in range(6):
        answered(90)
    assert usual_wait_in_words() == "about 3 months"


# --- The receipt: letters like yours -----------------------------------------------------------


def test_the_receipt_links_to_published_letters_on_the_same_themes_only(client):
    theme, other = factories.theme(name="Friendship"), factories.theme(name="Money")
    shown = factories.letter(title="My friend stopped calling", themes=[theme])
    factories.letter(title="A draft on friendship", themes=[theme], status=Letter.Status.DRAFTED)
    factories.letter(title="A scheduled friendship letter", themes=[theme], days_ago=-3)
    # Nothing in its words like the reader's, or the suggestions engine would find it too.
    money, reply = "My sister borrows cash and never pays it back.", "Ask for it by a date."
    factories.letter(
        title="A letter about money", themes=[other], original_text=money, body=money, reply=reply
    )
    factories.article(title="An article on friendship", themes=[theme])

    response = send(client, themes=[theme.slug])

    html = response.content.decode()
    assert "Letters like yours that Elizabeth has already answered" in html
    assert f'href="{shown.get_absolute_url()}"' in html
    for hidden in ("A draft on", "A scheduled", "A letter about money", "An article on"):
        assert hidden not in html
    assert "no-store" in response["Cache-Control"]
    assert receipt_code(response)


def test_without_a_picked_theme_the_receipt_finds_letters_like_its_words(client):
    # The reader picks no theme: the letter's words resemble a published letter's, found
    # by its words (the suggested themes come after the response: advice.suggestions).
    theme = factories.theme(name="Friendship", description="Friends who stop replying.")
    shown = factories.letter(title="My best friend stopped replying to my messages", themes=[theme])
    response = send(client)
    assert shown.get_absolute_url() in response.content.decode()


def test_a_receipt_with_nothing_alike_has_no_such_list(client):
    factories.letter(themes=[factories.theme(name="Money")])
    response = send(client, letter="Q " * 10 + "zzz " * 30)
    assert receipt_code(response)
    assert "already answered" not in response.content.decode()


def test_the_receipt_page_runs_a_fixed_number_of_queries(
    client, settings, django_assert_max_num_queries
):
    themes = [factories.theme() for _ in range(4)]
    for n in range(40):
        factories.letter(themes=themes[n % 4 : n % 4 + 2])
    slugs = [theme.slug for theme in themes]
    # The same whatever the archive holds; one of them reads whether the postbag is open
    # (advice.postbag_status), since a closed one sends no letter. 25 before the suggested
    # themes were worked out after the response (advice.suggestions).
    budget = 16 if connection.vendor == "postgresql" else 15
    with django_assert_max_num_queries(budget):
        first = send(client, themes=slugs[:2])
    with django_assert_max_num_queries(budget) as captured:
        second = send(client, themes=slugs, letter=LETTER + " And her sister too.")
    assert first.status_code == second.status_code == 200
    html = second.content.decode()
    assert html.count('<li><a href="/letters/a-letter-about') == 3
    # The list itself: the letter's themes and the letters.
    similar = [q for q in captured.captured_queries if "shared_themes" in q["sql"].lower()]
    assert len(similar) <= 1


# --- The status page: when it was sent, how long answers take ----------------------------------


def test_the_status_page_shows_when_the_letter_was_sent_and_the_usual_wait(client):
    for days in (20, 21, 22, 23, 24):
        answered(days)
    code = receipt_code(send(client))
    Letter.objects.filter(receipt_hash__isnull=False).update(
        received_at=timezone.now() - timedelta(days=3)
    )
    html = client.post(reverse("advice:ask_status"), {"code": code}).content.decode()
    sent = (timezone.localtime() - timedelta(days=3)).strftime("%-d %B %Y")
    assert re.search(rf"You sent your letter on <time datetime=\"[^\"]+\">{sent}</time>", html)
    assert "usually appear in the column about 3 weeks after they arrive" in html


def test_without_enough_answered_letters_the_status_page_gives_no_number(client):
    answered(21)
    code = receipt_code(send(client))
    html = client.post(reverse("advice:ask_status"), {"code": code}).content.decode()
    assert "You sent your letter on" in html
    assert "usually appear" not in html
    assert not re.search(r"\d+ weeks?", html)


def test_an_answered_letter_is_told_no_wait(client):
    for days in (20, 21, 22, 23, 24):
        answered(days)
    code = receipt_code(send(client))
    letter = Letter.objects.get(receipt_hash__isnull=False)
    letter.title, letter.status, letter.published_at = "Hers", "published", timezone.now()
    letter.save()
    html = client.post(reverse("advice:ask_status"), {"code": code}).content.decode()
    assert "Answered" in html
    assert "usually appear" not in html


# --- The crisis notice -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "uri"),
    [
        ("999", "tel:999"),
        ("116 123", "tel:116123"),
        ("0800 068 41 41", "tel:+448000684141"),
        ("020 7946 0958", "tel:+442079460958"),
        ("(020) 7946-0958", "tel:+442079460958"),
        ("+44 20 7946 0958", "tel:+442079460958"),
        ("+44 (0)20 7946 0958", "tel:+442079460958"),
        ("+1 (800) 273-8255", "tel:+18002738255"),
        ("+353 1 671 0071", "tel:+35316710071"),
    ],
)
def test_phone_numbers_in_any_usual_format_become_tel_links(written, uri):
    html = link_phone_numbers(f"<p>Call {written}, day or night.</p>", region="GB")
    assert html == f'<p>Call <a class="tel" href="{uri}">{written}</a>, day or night.</p>'


def test_numbers_are_read_in_the_region_of_the_column():
    # Ireland's Samaritans share 116 123; a Dublin number without its country code.
    assert phone_numbers("Ring 116 123 or 01 671 0071.", region="IE") == [
        (5, 12, "tel:116123"),
        (16, 27, "tel:+35316710071"),
    ]
    assert phone_numbers("Call 911.", region="US") == [(5, 8, "tel:911")]
    assert phone_numbers("Call 911.", region="GB") == []  # not a number in the UK


def test_only_text_is_linked_never_links_or_attributes():
    html = (
        '<p><a href="https://example.org/0800-068-41-41">Line 0800 068 41 41</a> '
        "&amp; 0800&nbsp;068 41 41 &lt;b&gt;</p>"
    )
    linked = link_phone_numbers(html, region="GB")
    assert linked.startswith('<p><a href="https://example.org/0800-068-41-41">Line 0800 068')
    assert linked.count("tel:") == 1
    assert "&amp; " in linked and "&lt;b&gt;" in linked
    assert link_phone_numbers("<p>Born in 1999, 24 hours.</p>", region="GB") == (
        "<p>Born in 1999, 24 hours.</p>"
    )


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u2009", "\u3000"])
def test_a_helpline_copied_with_a_no_break_space_is_one_number(space):
    # As pasted from a web page or Word: not "116 " and the speaking clock's "123".
    html = link_phone_numbers(f"<p>Samaritans 116{space}123</p>", region="GB")
    assert html == f'<p>Samaritans <a class="tel" href="tel:116123">116{space}123</a></p>'


@pytest.mark.parametrize(
    "text",
    ["£116.123", "call 116.123", "12,999 people", "$999", "999€", "116-123-4", "1/999", "#999"],
)
def test_a_short_number_inside_a_longer_figure_is_never_linked(text):
    assert "tel:" not in link_phone_numbers(f"<p>{text}</p>", region="GB")


def test_a_short_number_at_the_end_of_a_sentence_still_is():
    linked = link_phone_numbers("<p>Ring 999. Or 116 123, any time: 112!</p>", region="GB")
    assert re.findall(r'href="(tel:[^"]*)"', linked) == ["tel:999", "tel:116123", "tel:112"]


@pytest.mark.parametrize(
    ("written", "uri"),
    [
        ("١١٦ ١٢٣", "tel:116123"),
        ("۹۹۹", "tel:999"),
        ("९९९", "tel:999"),
        ("٠٨٠٠ ٠٦٨ ٤١ ٤١", "tel:+448000684141"),
    ],
)
def test_numbers_in_other_scripts_dial_with_ascii_digits(written, uri):
    html = link_phone_numbers(f"<p>Call {written} now</p>", region="GB")
    assert html == f'<p>Call <a class="tel" href="{uri}">{written}</a> now</p>'
    assert uri.isascii()


def test_an_editors_own_tel_link_in_the_notice_can_be_tapped(client, settings):
    settings.CRISIS_NOTICE = "Call [Samaritans on 116 123](tel:116123) or 999."
    html = client.get(reverse("advice:ask")).content.decode()
    notice = html[html.index('class="crisis-notice"') : html.index("</aside>")]
    assert '<a href="tel:116123" rel="noopener noreferrer nofollow">Samaritans on' in notice
    assert notice.count("tel:") == 2  # the editor's link, and 999 made tappable


def test_the_ask_form_shows_the_notice_with_tappable_numbers(client, settings):
    settings.CRISIS_NOTICE = "In Ireland call **112** or Pieta on 1800 247 247."
    settings.CRISIS_PHONE_REGION = "IE"
    html = client.get(reverse("advice:ask")).content.decode()
    assert 'href="tel:112"' in html
    assert '<a class="tel" href="tel:+3531800247247">1800 247 247</a>' in html


def test_the_notice_is_markdown_through_the_one_sanitising_renderer(client, settings):
    settings.CRISIS_NOTICE = (
        "Call 999.<script>alert(1)</script> [Help](javascript:alert(1)) <img src=x onerror=y>"
    )
    html = client.get(reverse("advice:ask")).content.decode()
    notice = html[html.index('class="crisis-notice"') : html.index("</aside>")]
    assert 'href="tel:999"' in notice
    for unsafe in ("<script", "javascript:", "onerror"):
        assert unsafe not in notice


def test_the_notice_shows_on_pieces_whose_themes_ask_for_it_only(client):
    flagged = factories.theme(name="Grief", show_crisis_notice=True)
    quiet = factories.theme(name="Dating")
    letter = factories.letter(themes=[quiet, flagged])
    article = factories.article(themes=[flagged])
    plain_letter = factories.letter(themes=[quiet])
    plain_article = factories.article(themes=[quiet])
    for piece in (letter, article):
        html = client.get(piece.get_absolute_url()).content.decode()
        assert "If you need help now" in html
        assert 'href="tel:116123"' in html
    for piece in (plain_letter, plain_article):
        assert "If you need help now" not in client.get(piece.get_absolute_url()).content.decode()


def test_the_notice_costs_no_query(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    flagged = factories.theme(show_crisis_notice=True)
    quiet = factories.theme()
    for piece in ("letter", "article"):
        make = getattr(factories, piece)
        shown, plain = make(themes=[flagged, quiet]), make(themes=[quiet, factories.theme()])
        client.get(plain.get_absolute_url())  # remembered answers (related reading) made
        client.get(shown.get_absolute_url())
        with CaptureQueriesContext(connection) as plain_queries:
            client.get(plain.get_absolute_url())
        with CaptureQueriesContext(connection) as shown_queries:
            html = client.get(shown.get_absolute_url()).content.decode()
        assert "If you need help now" in html
        assert len(shown_queries) == len(plain_queries), piece


def test_the_theme_admin_shows_and_filters_by_the_flag(editor_client):
    factories.theme(name="Grief", show_crisis_notice=True)
    html = editor_client.get(reverse("admin:advice_theme_changelist")).content.decode()
    assert "Show crisis notice" in html
    flagged = editor_client.get(
        reverse("admin:advice_theme_changelist") + "?show_crisis_notice__exact=1"
    )
    assert "Grief" in flagged.content.decode()


# --- Write to Elizabeth ------------------------------------------------------------------------


def test_every_letter_ends_with_an_invitation_to_write_in(client, settings):
    settings.COLUMNIST_NAME = "Margaret"
    html = client.get(factories.letter().get_absolute_url()).content.decode()
    invitation = html[html.index('class="write-in"') :]
    assert re.search(r'<a class="button" href="/ask/">Write to Margaret</a>', invitation)
    assert html.index("</article>") > html.index('class="write-in"') > html.index("replies</h2>")


# --- A refused form: the error summary first, with the focus --------------------------------


def test_a_refused_letter_shows_the_summary_before_the_guidance_with_autofocus(client):
    html = send(client, letter="Too short.").content.decode()
    summary = re.search(r'<div class="error-summary"[^>]*>', html).group(0)
    assert "autofocus" in summary and 'tabindex="-1"' in summary
    assert (
        html.index("error-summary") < html.index("crisis-notice") < html.index("Before you write")
    )
    assert html.count("autofocus") == 1


def test_a_refused_comment_and_sign_up_show_the_summary_first_with_autofocus(client):
    letter = factories.letter()
    comment = client.post(comment_url(letter), comment_data(text="Short.")).content.decode()
    signup = client.post(reverse("newsletter:subscribe"), {"email": "no"}).content.decode()
    for html, form in ((comment, 'class="comment-form"'), (signup, 'action="/newsletter/"')):
        summary = re.search(r'<div class="error-summary"[^>]*autofocus>', html)
        assert summary, html
        assert summary.start() < html.index(form)
        assert html.count("autofocus") == 1


def test_a_form_shown_fresh_takes_no_focus(client):
    for url in (reverse("advice:ask"), reverse("newsletter:subscribe")):
        assert "autofocus" not in client.get(url).content.decode()
