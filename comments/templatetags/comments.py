"""Comments on the pages of letters and articles, and their counts on cards.

Loaded by the content apps' templates (`{% load comments %}`): a template names the tag, so
advice and articles never import this app. With COMMENTS=off every tag shows nothing and
asks the database nothing.
"""

from django import template
from django.urls import reverse

from comments.models import Comment, comments_are_on, comments_open
from comments.rendering import render_comment

register = template.Library()
register.filter("comment_html", render_comment)

# Where a piece keeps its approved comments once read: the page's head (commentCount) and
# its body (the comments) share one query.
MEMO = "_approved_comments"


def approved_comments(piece):
    """The approved comments under `piece`, oldest first (a list, read once per object)."""
    if not hasattr(piece, MEMO):
        setattr(piece, MEMO, list(Comment.objects.approved().on(piece).for_page()))
    return getattr(piece, MEMO)


@register.simple_tag
def comment_count_for(piece):
    """The number of approved comments under `piece`, or None with comments off (for
    structured data, which then leaves `commentCount` out)."""
    if not comments_are_on():
        return None
    return len(approved_comments(piece))


@register.inclusion_tag("comments/section.html")
def comments_section(piece):
    """The comments under a letter or article, and the way to add one while open."""
    if not comments_are_on():
        return {"enabled": False}
    return {
        "enabled": True,
        "piece": piece,
        "comments": approved_comments(piece),
        "open": comments_open(piece),
        "write_url": reverse("comments:write", args=[piece.kind, piece.slug]),
    }


@register.simple_tag
def count_comments(*lists):
    """Give every letter and article in `lists` its `comment_count` (approved comments), in
    one query for all of them; shows nothing. Call it before the loop that shows them:
    `{% count_comments letters articles %}` (querysets, lists or pages)."""
    if not comments_are_on():
        return ""
    pieces = [piece for items in lists if items for piece in items]
    if not pieces:
        return ""
    counts = Comment.objects.approved().counts_for(pieces)
    for piece in pieces:
        piece.comment_count = counts.get((piece.kind, piece.pk), 0)
    return ""
