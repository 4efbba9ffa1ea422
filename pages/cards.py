"""The social card image of each published letter and article (postbag.cards draws them).

`/letters/<slug>/card.png` and `/articles/<slug>/card.png` are public pages: the page cache
keeps them with the content version, ConditionalGetMiddleware gives them an ETag and answers
a matching If-None-Match with a 304, and a CDN or browser may keep them (Cache-Control
public). Pages name them with `?v=<digest>` (postbag.templatetags `social_card`), so a
changed title is a new address that link previews fetch afresh; the view ignores it.
"""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse

from advice.models import Letter
from articles.models import Article
from postbag.cards import HEIGHT, WIDTH, card_digest, card_png
from postbag.links import absolute_url
from postbag.markdown import typographic
from postbag.pagecache import public_page

LETTER_LABEL = "A reader’s letter, answered"
ARTICLE_LABEL = "An article"


def _png(title, label):
    return HttpResponse(card_png(title, label), content_type="image/png")


@public_page
def letter_card(request, slug):
    """The card of a published letter: its title for publication, never what was sent."""
    letter = get_object_or_404(Letter.objects.published().only("title"), slug=slug)
    return _png(letter.title, LETTER_LABEL)


@public_page
def article_card(request, slug):
    """The card of a published article."""
    article = get_object_or_404(Article.objects.published().only("title"), slug=slug)
    return _png(article.title, ARTICLE_LABEL)


def card_meta(item):
    """What a page says about the card of `item` (a Letter or an Article): a dict of its
    absolute `url` (with the card's digest as `?v=`), `width`, `height` and `alt` text.
    Empty for a piece not published yet: its card would be a 404."""
    if not item.is_published:
        return {}
    name, label = (
        ("letter_card", LETTER_LABEL)
        if isinstance(item, Letter)
        else ("article_card", ARTICLE_LABEL)
    )
    version = card_digest(item.title, label)
    return {
        "url": absolute_url(reverse(name, kwargs={"slug": item.slug})) + f"?v={version}",
        "width": WIDTH,
        "height": HEIGHT,
        "alt": f"{typographic(item.title)}: {label}, {settings.COLUMN_NAME}",
    }
