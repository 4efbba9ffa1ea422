"""Every public page type is valid HTML by a checker no one here wrote: the W3C Nu Html
Checker (vnu.jar, https://validator.github.io/validator/), the one behind validator.w3.org.

The pages are rendered with the demo content (seed_demo), in the states a reader meets: a
list and its second page, a search with results, with a refused query and with nothing
found, the ask form refused and sent, the status page and the withdraw step, the error
pages, a staff preview. Each is written to a file, and the checker reads all of them, and
the pages' stylesheet, in one run (a Java virtual machine takes a second or two to start).

`make test` installs the checker (the npm package vnu-jar, at the version the Makefile pins)
into .venv/vnu where npm and Java are found; it runs on the system's Java (Debian's
default-jre-headless). Without Java or the jar the check is skipped, unless
REQUIRE_BROWSER=1 (CI) makes that a failure, as for the browser journeys.
"""

import json
import os
import re
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db.models import Count
from django.template.loader import render_to_string
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from advice.columnists import Columnist, assign_letters
from advice.models import Letter, Reply, Theme
from advice.postbag_status import switch_postbag
from articles.models import Article
from postbag.after_publication import rerun_as_classic
from tests import factories
from tests.support import (
    CODE,
    LETTER,
    ask_data,
    comment_data,
    comment_url,
    database_down,
    public_pages,
    receipt_code,
)

pytestmark = pytest.mark.django_db

VNU_JAR = Path(settings.BASE_DIR) / ".venv/vnu/node_modules/vnu-jar/build/dist/vnu.jar"
STYLESHEET = Path(settings.BASE_DIR) / "static/css/site.css"
# A page the checker must refuse, checked in the same run: if the checker ever stopped
# reporting (another output format, a message on stderr), the pages would pass unread.
CANARY = (
    '<!doctype html><html lang="en"><title>Canary</title>'
    '<p><time datetime="2024-05-06T10:00:00.123456+01:00">6 May 2024</time></p>'
)


@pytest.fixture(scope="session")
def vnu():
    """The command that runs the checker: Java and the jar, or a skip (a failure in CI)."""
    java = shutil.which("java")
    jar = Path(os.environ.get("VNU_JAR") or VNU_JAR)
    missing = []
    if java is None:
        missing.append("Java (apt-get install default-jre-headless)")
    if not jar.is_file():
        missing.append(f"the Nu Html Checker at {jar} (make test installs it with npm)")
    if missing:
        message = " and ".join(missing) + " not found"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but {message}.", pytrace=False)
        pytest.skip(f"{message}: HTML validity not checked (REQUIRE_BROWSER=1 would fail).")
    return [java, "-jar", str(jar)]


def check_html(vnu, folder):
    """Run the checker once over every .html and .css file in `folder`.

    Returns {file name: [message, ...]} for the errors and warnings it reports (its JSON
    messages: type "error", or type "info" with subType "warning"; plain info is left out),
    and raises AssertionError when the checker itself fails (a "non-document-error", or no
    JSON at all).
    """
    files = sorted(str(path) for path in [*folder.glob("*.html"), *folder.glob("*.css")])
    command = [*vnu, "--format", "json", "--stdout", "--exit-zero-always", "--also-check-css"]
    command += files
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    try:
        messages = json.loads(done.stdout)["messages"]
    except (ValueError, KeyError):
        raise AssertionError(f"the checker gave no report:\n{done.stdout}\n{done.stderr}") from None
    found = {Path(name).name: [] for name in files}
    for message in messages:
        kind = message.get("type")
        assert kind != "non-document-error", f"the checker failed: {message}"
        if kind == "error" or message.get("subType") == "warning":
            found[message["url"].rsplit("/", 1)[-1]].append(message)
    return found


def describe(name, url, message):
    """One reported problem as a line a person can act on: page, address, line, words."""
    kind = "error" if message["type"] == "error" else "warning"
    line = message.get("lastLine", "?")
    extract = " ".join(message.get("extract", "").split())
    return f"{name} ({url}) line {line}: {kind}: {message['message']}\n    {extract}"


def staff_client():
    client = Client()
    client.force_login(factories.editor())
    return client


def rendered_pages():
    """(name, URL, response) for every public page type in the states that matter.

    Called with the demo content loaded. The ask journey sends a letter, so a receipt code
    leads on to the status page (the letter received, then answered) and the withdraw step.
    """
    client = Client()
    letter = Letter.objects.published().first()
    article = Article.objects.published().exclude(series=None).first()
    # The theme with most letters, whose page runs to a second page.
    theme = Theme.objects.annotate(size=Count("letters")).order_by("-size").first()
    crisis_letter = Letter.objects.published().filter(themes__show_crisis_notice=True).first()
    pages = [
        (name, url, client.get(url))
        for name, url in public_pages(letter=letter, article=article, theme=theme)
    ]
    for name, url in [
        ("letters-page-2", reverse("advice:letter_list") + "?page=2"),
        ("theme-page-2", theme.get_absolute_url() + "?page=2"),
        ("section-page-2", theme.parent.get_absolute_url() + "?page=2"),
        ("search-refused", reverse("search") + "?q=" + "word " * 60),
        ("search-nothing-found", reverse("search") + "?q=xylophone"),
        ("search-common-words", reverse("search") + "?q=the+through"),
        ("not-found", "/letters/no-such-letter/"),
        ("letter-crisis-notice", crisis_letter.get_absolute_url()),
        *after_publication_pages(letter, article),
        guest_columnist_page(),
    ]:
        pages.append((name, url, client.get(url)))

    ask, status = reverse("advice:ask"), reverse("advice:ask_status")
    pages.append(("ask-refused", ask, client.post(ask, ask_data(letter="Too short."))))
    sent = client.post(ask, ask_data())
    pages.append(("ask-sent", ask, sent))
    pages.append(("ask-duplicate", ask, client.post(ask, ask_data())))
    code = receipt_code(sent)
    pages.append(("status-received", status, client.post(status, {"code": code})))
    answer(Letter.objects.latest("pk"))
    pages += update_pages(client, code)
    pages += takedown_pages(client, code)
    for name, fields in [
        ("status-refused", {"code": ""}),
        ("status-not-found", {"code": "AAAA-AAAA-AAAA-AAAA"}),
        ("status-answered", {"code": code}),
        ("withdraw-confirm", {"code": code, "action": "withdraw"}),
        ("withdrawn", {"code": code, "action": "withdraw-confirmed"}),
    ]:
        pages.append((name, status, client.post(status, fields)))
    similar = ask_data(letter=LETTER + " She was my closest friend.", themes=["friendship"])
    pages.append(("ask-sent-similar-letters", ask, client.post(ask, similar)))
    pages += postbag_closed_pages(client, ask)

    pages += comment_pages(client, letter)
    pages += newsletter_pages(client)
    pages += recording_pages(client)
    pages.append(figure_page(client))

    strict = Client(enforce_csrf_checks=True)
    pages.append(("csrf-refused", "/", strict.post(reverse("home"), {"q": "x"})))
    pages.append(("ask-csrf-refused", ask, strict.post(ask, ask_data())))

    staff = staff_client()
    draft_letter = factories.letter(title="A drafted letter", status=Letter.Status.DRAFTED)
    draft_article = factories.article(title="A draft article", status=Article.Status.DRAFT)
    for name, item in [("letter-preview", draft_letter), ("article-preview", draft_article)]:
        pages.append((name, item.get_absolute_url(), staff.get(item.get_absolute_url())))

    outage = Client(raise_request_exception=False)
    with database_down():
        pages.append(("home-database-down", "/", outage.get(reverse("home"))))
        pages.append(("ask-database-down", ask, outage.post(ask, ask_data())))
    return pages


def update_pages(client, code):
    """A writer's update: the form, refused, sent, then published (letter, list), and a
    declined letter's private note on its status page."""
    from advice.services import submit_letter
    from advice.updates import publish_update
    from tests.support import shown_seconds_ago

    send, status = reverse("advice:send_update"), reverse("advice:ask_status")
    words = "We met for coffee at last, and talked until the café closed. Thank you."
    fields = {"code": code, "update": words, "consent": "on", "shown_at": shown_seconds_ago()}
    pages = [("update-form", send, client.get(send))]
    pages.append(("update-refused", send, client.post(send, {**fields, "update": "Short."})))
    pages.append(("update-sent", send, client.post(send, fields)))
    update = Letter.objects.latest("pk").updates.get()
    publish_update(update=update)
    pages.append(("letter-with-update", update.letter.get_absolute_url(),
                  client.get(update.letter.get_absolute_url())))  # fmt: skip
    pages.append(("updates-list", "/letters/updates/", client.get("/letters/updates/")))
    declined = submit_letter(text=LETTER + " A letter the column declined, with a note.")
    declined.letter.status, declined.letter.private_note = "declined", "Call **116 123**."
    declined.letter.save()
    note = client.post(status, {"code": declined.receipt_code})
    pages.append(("status-private-note", status, note))
    return pages


def takedown_pages(client, code):
    """Issue 19: a writer's takedown request (the form, refused, sent), a letter with
    corrections, and a taken-down letter's 410 page."""
    from postbag.takedowns import add_correction, take_down

    form = reverse("advice:ask_takedown")
    pages = [("takedown-form", form, client.get(form))]
    refused = client.post(form, {"code": "", "reason": "Please take it down."})
    pages.append(("takedown-refused", form, refused))
    sent = client.post(form, {"code": code, "reason": "My cousin recognised me."})
    pages.append(("takedown-sent", form, sent))
    corrected = factories.letter(title="A reply that needed correcting")
    add_correction(piece=corrected, text="An earlier version named the wrong helpline.")
    add_correction(piece=corrected, text="The sign-off was misspelt.")
    gone = factories.letter(title="A letter its writer asked us to take down")
    take_down(piece=gone, note="This letter was removed at its writer's request.")
    for name, piece in [("letter-with-corrections", corrected), ("letter-taken-down", gone)]:
        pages.append((name, piece.get_absolute_url(), client.get(piece.get_absolute_url())))
    return pages


def postbag_closed_pages(client, ask):
    """The ask form's "letters like mine" step; the postbag closed, and a letter refused by it."""
    looking = ask_data(letter=LETTER + " She was my closest friend.", action="like")
    pages = [("ask-letters-like", ask, client.post(ask, looking))]
    switch_postbag(closed=True, notice="Back on *3 February*.", reopens_on=date(2030, 2, 3))
    pages.append(("ask-closed", ask, client.get(ask)))
    pages.append(("ask-closed-kept", ask, client.post(ask, ask_data())))
    switch_postbag(closed=False)
    return pages


def after_publication_pages(letter, article):
    """(name, URL) of a letter and an article behind a content note, re-run as classics,
    and the home page that lists them (issue 19)."""
    Letter.objects.filter(pk=letter.pk).update(content_note="Mentions self-harm.")
    Article.objects.filter(pk=article.pk).update(content_note="Discusses a death.")
    for piece in (letter, article):
        rerun_as_classic(piece=piece)
    return [
        ("letter-content-note-classic", letter.get_absolute_url()),
        ("article-content-note-classic", article.get_absolute_url()),
        ("home-with-classics", reverse("home")),
    ]


def comment_pages(client, letter):
    """The comment form, refused and sent; the letter with comments (a reader's with a link,
    the column's reply); taking a comment back; a closed piece refusing one."""
    from comments import services
    from comments.models import Comment

    form, delete = comment_url(letter), reverse("comments:delete")
    text = "Same here.\n\nIt got better: https://example.org/help, & <b>truly</b>."
    pages = [("comment-form", form, client.get(form))]
    pages.append(("comment-refused", form, client.post(form, comment_data(text="Too short."))))
    held = client.post(form, comment_data(text=text))
    pages.append(("comment-held", form, held))
    services.approve_comment(comment=Comment.objects.latest("pk"))
    services.reply_as_column(piece=letter, text="Thank you for this.")
    pages.append(
        ("letter-with-comments", letter.get_absolute_url(), client.get(letter.get_absolute_url()))
    )
    code = CODE.search(held.content.decode()).group(0)
    pages.append(("comment-delete", delete, client.get(delete)))
    pages.append(
        ("comment-not-found", delete, client.post(delete, {"code": "AAAA-AAAA-AAAA-AAAA"}))
    )
    pages.append(("comment-delete-confirm", delete, client.post(delete, {"code": code})))
    confirmed = {"code": code, "action": "delete-confirmed"}
    pages.append(("comment-deleted", delete, client.post(delete, confirmed)))
    closed = factories.letter(comments_closed=True)
    refused = client.post(comment_url(closed), comment_data(text=text))
    pages.append(("comment-closed", comment_url(closed), refused))
    return pages


def newsletter_pages(client):
    """Signing up (refused, sent, the database down), confirming (the button, done, an
    expired and a broken link), unsubscribing (the button, done, already gone)."""
    import time_machine

    from newsletter.services import confirmation_token, subscribe, unsubscribe_token

    signup = reverse("newsletter:subscribe")
    pages = [("newsletter-refused", signup, client.post(signup, {"email": "not an address"}))]
    pages.append(("newsletter-check-email", signup, client.post(signup, {"email": "a@b.org"})))
    with time_machine.travel(timezone.now() - timedelta(hours=49)):
        old = confirmation_token(subscribe(email="late@example.org").subscriber)
    subscriber = subscribe(email="reader@example.org").subscriber
    confirm = reverse("newsletter:confirm", args=[confirmation_token(subscriber)])
    pages.append(("newsletter-confirm", confirm, client.get(confirm)))
    pages.append(("newsletter-confirmed", confirm, client.post(confirm)))
    for name, token in [("newsletter-expired", old), ("newsletter-broken", old[:-5])]:
        url = reverse("newsletter:confirm", args=[token])
        pages.append((name, url, client.get(url)))
    leave = reverse("newsletter:unsubscribe", args=[unsubscribe_token(subscriber)])
    pages.append(("newsletter-unsubscribe", leave, client.get(leave)))
    pages.append(("newsletter-unsubscribed", leave, client.post(leave)))
    pages.append(("newsletter-not-subscribed", leave, client.get(leave)))
    with database_down():
        outage = Client(raise_request_exception=False).post(signup, {"email": "a@b.org"})
    pages.append(("newsletter-database-down", signup, outage))
    refused = client.post(signup, {"email": "a@b.org", "themes": ["no-such-theme"]})
    pages.append(("newsletter-theme-refused", signup, refused))
    with override_settings(NEWSLETTER_RATE_LIMIT=(0, 3600)):
        pages.append(("newsletter-wait", signup, client.post(signup, {"email": "a@b.org"})))
    big = client.post(signup, {"email": "x" * 3 * 1024 * 1024})
    pages.append(("request-too-big", signup, big))
    return pages


def recording_pages(client):
    """A letter and an article with a recording (the player, the download, the podcast
    link), and a list whose card marks one."""
    letter = factories.letter(title="A letter read aloud")
    article = factories.article(title="An article read aloud")
    for piece in (letter, article):
        type(piece).objects.filter(pk=piece.pk).update(
            recording="recordings/0123456789abcdef0123456789abcdef.mp3",
            recording_seconds=725,
            recording_bytes=5_800_000,
        )
    return [
        (name, url, client.get(url))
        for name, url in [
            ("letter-with-recording", letter.get_absolute_url()),
            ("article-with-recording", article.get_absolute_url()),
            ("articles-with-recording", reverse("articles:article_list")),
        ]
    ]


def figure_page(client):
    """An article with a captioned figure of a recorded upload: srcset, sizes, width and
    height from the record (postbag.images), the Markdown as the Images admin writes it."""
    from postbag.images import image_markdown
    from postbag.models import UploadedImage

    image = UploadedImage.objects.create(
        name="uploads/0123456789abcdef0123456789abcdef.jpg",
        width=1600,
        height=1000,
        widths=[480, 800, 1200],
    )
    line = image_markdown(
        f"/media/{image.name}", "Two cups on a sunny table", 'Tea for two, "one each"'
    )
    article = factories.article(
        title="An article with a figure", body=f"Set the table.\n\n{line}\n\nThen sit."
    )
    return (
        "article-with-figure",
        article.get_absolute_url(),
        client.get(article.get_absolute_url()),
    )


def guest_columnist_page():
    """(name, URL) of a letter answered by a guest under her own name, credited (issue 19)."""
    guest = Columnist.objects.create(
        name="Ruth Adeyemi",
        byline="own",
        credit_writer=True,
        credited_as="Ruth Adeyemi, guest columnist",
    )
    letter = Letter.objects.published().order_by("published_at").first()
    assign_letters(letters=Letter.objects.filter(pk=letter.pk), columnist=guest)
    return ("letter-guest-columnist", letter.get_absolute_url())


def answer(letter):
    """Publish a reader's `letter` with a reply, as the editors would."""
    letter.title = "My friend stopped replying"
    letter.slug = "my-friend-stopped-replying"
    letter.body = letter.original_text
    letter.status = Letter.Status.PUBLISHED
    letter.published_at = timezone.now() - timedelta(hours=1)
    letter.save()
    Reply.objects.create(letter=letter, body="Ask her, once, and then let her answer.")


# What each page in a particular state must say (and its status code), so that the checker
# reads the state meant, not a page that quietly fell back to another.
STATES = {
    "letters-page-2": (200, 'rel="prev"'),
    "theme-page-2": (200, 'rel="prev"'),
    "section": (200, "Themes in "),
    "series": (200, "Part 2</p>"),
    "section-page-2": (200, "Newest in "),
    "search-refused": (200, "That is a long search"),
    "search-nothing-found": (200, "No results for"),
    "search-common-words": (200, "the through"),
    "not-found": (404, "We can’t find that page"),
    "ask-refused": (400, "Please check"),
    "ask-sent": (200, "Here is your receipt code"),
    "ask-duplicate": (200, "Your letter is already with us"),
    "status-received": (200, "usually appear in the column about"),
    "ask-sent-similar-letters": (200, "Letters like yours that Elizabeth has already answered"),
    "ask-letters-like": (200, "Letters like yours that have been answered"),
    "ask-closed": (200, "The postbag is closed for now"),
    "ask-closed-kept": (409, "Your letter was not sent"),
    "letter-crisis-notice": (200, 'href="tel:116123"'),
    "letter-guest-columnist": (200, "Written this week by Ruth Adeyemi, guest columnist"),
    "letter-content-note-classic": (200, "<summary>Read the letter and reply</summary>"),
    "article-content-note-classic": (200, "<summary>Read the article</summary>"),
    "home-with-classics": (200, "Classic · First published <time"),
    "status-refused": (400, "Please enter the receipt code"),
    "status-not-found": (200, "No letter matches this code"),
    "status-answered": (200, "What happened next?"),
    "takedown-form": (200, "Ask for your letter to be taken down"),
    "takedown-refused": (400, "Please enter the receipt code"),
    "takedown-sent": (200, "Your request is with the editors"),
    "letter-with-corrections": (200, "Corrections</h2>"),
    "letter-taken-down": (410, "removed at its writer"),
    "update-form": (200, "Send an update about your letter"),
    "update-refused": (400, "Your update is a little short"),
    "update-sent": (200, "Your update is with us"),
    "letter-with-update": (200, "Update from the letter writer"),
    "updates-list": (200, "Updates from letter writers"),
    "status-private-note": (200, "for you only"),
    "withdraw-confirm": (200, "Withdraw your letter?"),
    "withdrawn": (200, "Your letter has been deleted"),
    "csrf-refused": (403, "This form couldn"),
    "ask-csrf-refused": (403, "Tell Elizabeth"),
    "letter-preview": (200, "Draft preview"),
    "article-preview": (200, "Draft preview"),
    "home-database-down": (503, "We’ll be back in a few minutes"),
    "ask-database-down": (503, "Tell Elizabeth"),
    "letter-with-comments": (200, "for the column"),
    "comment-form": (200, "we store no address"),
    "comment-refused": (400, "Please check"),
    "comment-held": (200, "held for moderation"),
    "comment-delete": (200, "Enter the comment code"),
    "comment-not-found": (200, "No comment matches this code"),
    "comment-delete-confirm": (200, "Delete this comment?"),
    "comment-deleted": (200, "Your comment has been deleted"),
    "comment-closed": (403, "are closed"),
    "newsletter-refused": (400, "Please check"),
    "newsletter-check-email": (200, "Check your e-mail"),
    "newsletter-confirm": (200, "Yes, send me new letters"),
    "newsletter-confirmed": (200, "You’re subscribed"),
    "newsletter-expired": (410, "This link has expired"),
    "newsletter-broken": (404, "This link doesn’t work"),
    "newsletter-unsubscribe": (200, "Unsubscribe me"),
    "newsletter-unsubscribed": (200, "You’re unsubscribed"),
    "newsletter-not-subscribed": (200, "You’re not subscribed"),
    "newsletter-database-down": (503, "We couldn’t sign you up just now"),
    "newsletter-wait": (429, "please send it again in about"),
    "newsletter-theme-refused": (400, "One of those themes no longer exists"),
    "request-too-big": (400, "That was too much to send in one go"),
    "letter-with-recording": (200, "The text below is the transcript"),
    "article-with-recording": (200, "Listen · <time"),
    "articles-with-recording": (200, "· Listen, 12 min"),
    "article-with-figure": (200, "-480w.jpg 480w"),
}


@pytest.fixture
def demo(db, settings):
    settings.ASK_MIN_SECONDS = 0
    settings.PAGE_SIZE = 4  # the demo's lists run to a second page
    call_command("seed_demo", verbosity=0)


def test_every_public_page_type_has_no_errors_or_warnings_in_the_nu_html_checker(
    vnu, demo, tmp_path
):
    pages = rendered_pages()
    addresses = {}
    for name, url, response in pages:
        expected_status, words = STATES.get(name, (200, "</h1>"))
        assert response.status_code == expected_status, (name, url)
        assert response["Content-Type"].startswith("text/html"), (name, url)
        assert words in response.content.decode(), (name, url, words)
        (tmp_path / f"{name}.html").write_bytes(response.content)
        addresses[f"{name}.html"] = url
    # Pages no request reaches here: the site's own 500 page. And the pages' stylesheet.
    (tmp_path / "server-error.html").write_text(render_to_string("500.html"))
    addresses["server-error.html"] = "(500)"
    shutil.copy(STYLESHEET, tmp_path / "site.css")
    addresses["site.css"] = "static/css/site.css"
    (tmp_path / "canary.html").write_text(CANARY)

    found = check_html(vnu, tmp_path)

    canary = found.pop("canary.html")
    assert any("fraction of a second" in message["message"] for message in canary), canary
    problems = [
        describe(page, addresses[page], message)
        for page, messages in sorted(found.items())
        for message in messages
    ]
    assert not problems, f"{len(problems)} problems in {len(found)} pages:\n" + "\n".join(problems)


# The HTML standard's "valid global date and time string", with at most three digits of a
# second (https://html.spec.whatwg.org/#valid-global-date-and-time-string): checked without
# Java, so a machine with none still catches the commonest fault.
GLOBAL_DATE_AND_TIME = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})"
)


def test_every_time_element_carries_a_date_and_time_the_standard_allows(client, demo):
    letter = Letter.objects.published().first()
    article = Article.objects.published().first()
    theme = Theme.objects.first()
    seen = 0
    for name, url in public_pages(letter=letter, article=article, theme=theme):
        html = client.get(url).content.decode()
        for value in re.findall(r'<time datetime="([^"]*)"', html):
            seen += 1
            assert GLOBAL_DATE_AND_TIME.fullmatch(value), (name, value)
    assert seen >= 10
