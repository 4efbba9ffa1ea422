"""Comments on the pages of letters and articles, and their counts on cards.

Loaded by the content apps' templates (`{% load comments %}`): a template names the tag, so
advice and articles never import this app. With COMMENTS=off every tag shows nothing and
asks the database nothing.
"""

from collections import defaultdict

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
    """The approved comments under `piece`, oldest first but each reply right after the
    comment it answers (`in_conversation_order`); a list, read once per object."""
    if not hasattr(piece, MEMO):
        comments = Comment.objects.approved().on(piece).for_page()
        setattr(piece, MEMO, in_conversation_order(comments))
    return getattr(piece, MEMO)


def in_conversation_order(comments):
    """`comments` (oldest first) as a list with every reply right after the comment it
    answers (replies to it oldest first, each followed by its own), and that comment as
    the reply's `answers` (None for a comment that answers none shown here)."""
    comments = list(comments)
    by_pk = {comment.pk: comment for comment in comments}
    replies = defaultdict(list)
    for comment in comments:
        comment.answers = by_pk.get(comment.in_reply_to_id)
        replies[comment.answers.pk if comment.answers else None].append(comment)
    ordered, waiting = [], list(reversed(replies[None]))
    while waiting:
        comment = waiting.pop()
        ordered.append(comment)
        waiting.extend(reversed(replies.pop(comment.pk, [])))
    return ordered


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
def held_comment_count():
    """How many readers' comments wait for an editor (for the admin's index page)."""
    return Comment.objects.filter(status=Comment.Status.HELD, is_columnist_reply=False).count()


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
