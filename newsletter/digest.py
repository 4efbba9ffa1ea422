"""What one subscriber's issue holds: the pieces published since their last one.

A subscriber's `sent_through` is the publication time up to which they have had pieces
(at first, when they confirmed). An issue made at `cutoff` holds the letters and articles
published in (sent_through, cutoff], in the subscriber's themes if they chose any, newest
last, at most MAX_PIECES of them (the rest are counted and linked to on the site).

A piece is in an issue by its publication time, so one published with a time already
behind a subscriber's last issue (backdated by an editor) is not sent as new.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse

from advice.models import Letter
from articles.models import Article
from newsletter.mail import newsletter_message
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
    published_at: object  # an aware datetime
    theme_ids: frozenset


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


def published_between(since, cutoff):
    """Every Piece published in (since, cutoff], oldest first: two queries and two
    prefetches whatever the number of pieces."""
    letters = (
        Letter.objects.published()
        .filter(published_at__gt=since, published_at__lte=cutoff)
        .prefetch_related("themes")
        .only("title", "slug", "body", "published_at")
    )
    articles = (
        Article.objects.published()
        .filter(published_at__gt=since, published_at__lte=cutoff)
        .prefetch_related("themes")
        .only("title", "slug", "standfirst", "body", "published_at")
    )
    pieces = [
        Piece(
            "letter",
            plain_text(letter.title),
            lede(letter.body),
            absolute_url(letter.get_absolute_url()),
            letter.published_at,
            frozenset(theme.pk for theme in letter.themes.all()),
        )
        for letter in letters
    ] + [
        Piece(
            "article",
            plain_text(article.title),
            plain_text(article.standfirst) or lede(article.body),
            absolute_url(article.get_absolute_url()),
            article.published_at,
            frozenset(theme.pk for theme in article.themes.all()),
        )
        for article in articles
    ]
    return sorted(pieces, key=lambda piece: piece.published_at)


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
            self._spans[since] = published_between(since, self.cutoff)
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
