"""The comment form, the page after sending, and taking a comment back with its code.

The form has a page of its own (/comments/<kind>/<slug>/), linked from under each piece:
a piece's page is kept whole in the page cache, and a form carrying a CSRF token and a
fresh signed time can't be (the token sets a cookie and is the reader's own).
"""

import logging

from django.conf import settings
from django.db import DatabaseError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.views.decorators.cache import never_cache

from comments.forms import CONSENT, CommentCodeForm, CommentForm
from comments.models import PIECE_MODELS, comments_are_on, comments_open
from comments.services import delete_comment, find_comment_by_code, submit_comment
from postbag.errors import on_csrf_failure, retry_later
from postbag.ratelimit import give_back, retry_after_words, take, too_many
from postbag.redirects import moved_to, site_path

logger = logging.getLogger(__name__)

COMMENT_SCOPE, DELETE_SCOPE = "comment", "comment-delete"


def published_piece(kind, slug):
    """The public letter or article a comment form is for; 404 for anything else.

    A piece whose slug changed is found by its old one too, through the redirect its page
    left (postbag.redirects): the form a reader opened before the change still sends.
    """
    model = PIECE_MODELS.get(kind)
    if model is None or not comments_are_on():
        raise Http404("No comments here.")
    pieces = model.objects.published()
    piece = pieces.filter(slug=slug).first() or _moved_piece(pieces, model(slug=slug))
    if piece is None:
        raise Http404("No such piece.")
    return piece


def _moved_piece(pieces, old):
    """The piece among `pieces` that the page of `old` (an unsaved piece with the old
    slug) moved to, or None."""
    try:
        new_path = moved_to(site_path(old.get_absolute_url()))
        found = resolve(new_path) if new_path else None
    except (DatabaseError, Resolver404):
        return None
    return found and pieces.filter(slug=found.kwargs.get("slug")).first()


def render_form(request, piece, form, *, status=200, **context):
    context = {"piece": piece, "form": form, "consent": CONSENT, **context}
    if not comments_open(piece):
        context["closed"] = True
        # Only a sent form was refused; opening the page is just told that it is closed.
        context["refused"] = request.method == "POST"
        status = 403 if request.method == "POST" else status
    return render(request, "comments/comment_form.html", context, status=status)


def comment_refused(request, context):
    """The comment form refused by the CSRF check: the comment comes back with the reason."""
    kwargs = request.resolver_match.kwargs
    piece = published_piece(kwargs["kind"], kwargs["slug"])
    form = CommentForm(request.POST)
    return render_form(request, piece, form, status=403, **context)


@never_cache
@on_csrf_failure(comment_refused)
def comment_form(request, kind, slug):
    """GET shows the form for a piece; POST holds the comment and shows its code, once.

    Bad input comes back with everything kept (400). A refused comment doesn't count
    towards COMMENT_RATE_LIMIT; a stored one or a duplicate does, counted before storing
    in one atomic step (postbag.ratelimit), so two sends at once can't both pass.
    """
    piece = published_piece(kind, slug)
    if request.method != "POST":
        if piece.slug != slug:  # the piece moved: so does its form's address
            return redirect(reverse("comments:write", args=[kind, piece.slug]), permanent=True)
        return render_form(request, piece, CommentForm())

    form = CommentForm(request.POST)
    if not comments_open(piece):
        form.is_valid()  # what was typed is shown to copy elsewhere; nothing is stored
        return render_form(request, piece, form)
    rate = settings.COMMENT_RATE_LIMIT
    try:
        if not form.is_valid():
            form.refresh_shown_at()
            return render_form(request, piece, form, status=400)
        if not take(request, COMMENT_SCOPE, rate):
            form.refresh_shown_at()
            context = {"limited": True, "retry_in": retry_after_words(rate)}
            return too_many(render_form(request, piece, form, status=429, **context), rate)
        submission = submit_comment(
            piece=piece,
            text=form.cleaned_data["text"],
            name=form.cleaned_data["name"],
            rendering=form.rendering,
        )
    except DatabaseError:
        logger.error("A comment could not be saved: database unavailable")
        give_back(request, COMMENT_SCOPE, rate)
        form.refresh_shown_at()
        return retry_later(render_form(request, piece, form, status=503, unavailable=True))

    if submission.is_duplicate:
        return render(request, "comments/comment_duplicate.html", {"piece": piece})
    context = {"piece": piece, "code": submission.code}
    return render(request, "comments/comment_held.html", context)


def delete_refused(request, context):
    """The delete form refused by the CSRF check: the code comes back with the reason."""
    context = {"form": CommentCodeForm(request.POST), **context}
    return render(request, "comments/comment_delete.html", context, status=403)


@never_cache
@on_csrf_failure(delete_refused)
def comment_delete(request):
    """A comment code (POSTed, never in a URL) finds the comment, asks, then deletes it.

    Only wrong codes count towards ASK_STATUS_RATE_LIMIT (the limit on receipt codes, in
    a scope of its own): every look-up is counted first and a right code handed back.
    """
    template = "comments/comment_delete.html"
    if request.method != "POST":
        return render(request, template, {"form": CommentCodeForm()})
    form = CommentCodeForm(request.POST)
    if not form.is_valid():
        return render(request, template, {"form": form}, status=400)
    rate = settings.ASK_STATUS_RATE_LIMIT
    if not take(request, DELETE_SCOPE, rate):
        context = {"form": form, "limited": True, "retry_in": retry_after_words(rate)}
        return too_many(render(request, template, context, status=429), rate)
    try:
        comment = find_comment_by_code(form.cleaned_data["code"])
        if comment is None:
            # "Yes, delete" pressed twice: the first press deleted it; no alarm for the second.
            confirmed = request.POST.get("action") == "delete-confirmed"
            return render(request, template, {"form": form, "not_found": True, "gone": confirmed})
        give_back(request, DELETE_SCOPE, rate)
        if request.POST.get("action") == "delete-confirmed":
            piece = comment.piece
            delete_comment(comment=comment)
            return render(request, "comments/comment_deleted.html", {"piece": piece})
        return render(
            request, "comments/comment_delete_confirm.html", {"form": form, "comment": comment}
        )
    except DatabaseError:
        logger.error("Could not look up a comment code: database unavailable")
        give_back(request, DELETE_SCOPE, rate)
        context = {"form": form, "unavailable": True}
        return retry_later(render(request, template, context, status=503))
