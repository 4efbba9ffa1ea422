"""What one subscriber's issue holds: the pieces listed since their last one.

A subscriber's `sent_through` is the time up to which they have had pieces (at first,
when they confirmed). An issue made at `cutoff` holds the letters and articles whose list
time (postbag.publishing.listed_at: the re-run time of a classic once it has come, else
the publication time) is in (sent_through, cutoff], in the subscriber's themes if they
chose any, newest last, at most MAX_PIECES of them (the rest are counted and linked to on
the site). So a classic re-run since the last issue is in the next one, with "First
published 12 March 2019", as it is back at the top of the lists and feeds.

A piece is in an issue by its list time, so one published with a time already behind a
subscriber's last issue (backdated by an editor) is not sent as new. A piece with a
content note (postbag.after_publication) shows the note instead of an excerpt, as cards do.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse

from advice.models import Letter
from articles.models import Article
from newsletter.mail import newsletter_message
from postbag.after_publication import first_published
from postbag.links import absolute_url
from postbag.text import lede, plain_text

# An issue for someone who was last sent long ago stays readable.
MAX_PIECES = 20


@dataclass(frozen=True)
class Piece:
    """One letter or article as an issue shows it: absolute link, plain-text summary."""

    kind: str  # "letter" or "article"
    title: str
    summary: str
    url: str
    listed_at: object  # an aware datetime: the re-run time of a classic, else publication
    theme_ids: frozenset
    first_published: str = ""  # "12 March 2019" for a classic re-run, else ""


@dataclass
class Issue:
    """The pieces one subscriber is owed at `cutoff` (perhaps none)."""

    letters: list = field(default_factory=list)
    articles: list = field(default_factory=list)
    left_out: int = 0

    @property
    def count(self):
        return len(self.letters) + len(self.articles) + self.left_out

    def __bool__(self):
        return self.count > 0


def listed_between(since, cutoff):
    """Every Piece listed (postbag.publishing.listed_at) in (since, cutoff], oldest first:
    two queries and two prefetches whatever the number of pieces. A piece is there once,
    even when it was published and re-run within the span."""
    fields = ("title", "slug", "published_at", "rerun_at", "content_note")
    letters = (
        Letter.objects.published()
        .newest_first()
        .filter(listed_at__gt=since, listed_at__lte=cutoff)
        .prefetch_related("themes")
        .only("body", *fields)
    )
    articles = (
        Article.objects.published()
        .newest_first()
        .filter(listed_at__gt=since, listed_at__lte=cutoff)
        .prefetch_related("themes")
        .only("standfirst", "body", *fields)
    )
    pieces = [_piece("letter", letter, lede(letter.body)) for letter in letters] + [
        _piece("article", article, plain_text(article.standfirst) or lede(article.body))
        for article in articles
    ]
    return sorted(pieces, key=lambda piece: piece.listed_at)


def _piece(kind, item, excerpt):
    """The Piece for a letter or article annotated with `listed_at`: its content note
    stands in for the excerpt (the e-mail shows no text the reader didn't choose to open)."""
    note = item.shown_content_note
    return Piece(
        kind,
        plain_text(item.title),
        f"Content note: {note}" if note else excerpt,
        absolute_url(item.get_absolute_url()),
        item.listed_at,
        frozenset(theme.pk for theme in item.themes.all()),
        first_published(item.published_at) if item.is_rerun else "",
    )


class IssueMaker:
    """Issues for many subscribers at one `cutoff`, reading each span of time once.

    Most subscribers share a `sent_through` (the previous run's cutoff), so the pieces of
    each distinct span are read once and filtered by theme in Python.
    """

    def __init__(self, cutoff):
        self.cutoff = cutoff
        self._spans = {}

    def issue_for(self, subscriber, theme_ids):
        """The Issue `subscriber` (following `theme_ids`; empty: everything) is owed."""
        since = subscriber.sent_through
        if since not in self._spans:
            self._spans[since] = listed_between(since, self.cutoff)
        wanted = [
            piece for piece in self._spans[since] if not theme_ids or piece.theme_ids & theme_ids
        ]
        shown = wanted[-MAX_PIECES:]  # the newest, if there are too many
        return Issue(
            letters=[piece for piece in shown if piece.kind == "letter"],
            articles=[piece for piece in shown if piece.kind == "article"],
            left_out=len(wanted) - len(shown),
        )


def issue_message(subscriber, issue, theme_names, *, connection=None, themes_gone=False):
    """The issue as a multipart e-mail (plain text and HTML), every link absolute.

    `themes_gone`: every theme the subscriber chose was deleted from the site, so this
    issue holds everything, and its footer says so and how to choose again.
    """
    context = {
        "issue": issue,
        "theme_names": theme_names,
        "themes_gone": themes_gone,
        "first_title": (issue.letters or issue.articles)[0].title,
        "others": issue.count - 1,
        "letters_url": absolute_url(reverse("advice:letter_list")),
        "articles_url": absolute_url(reverse("articles:article_list")),
        "manage_url": absolute_url(reverse("newsletter:subscribe")),
        "COLUMNIST_NAME": settings.COLUMNIST_NAME,
    }
    return newsletter_message(subscriber, "issue", context, connection=connection, html=True)
