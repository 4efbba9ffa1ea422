import logging

from django.conf import settings
from django.db import DatabaseError
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from advice.forms import AskForm, StatusForm
from advice.models import Letter, Theme
from advice.services import find_letter_by_code, submit_letter, withdraw_letter
from postbag.content import load_rows, published_about, related_reading, themes_with_counts
from postbag.errors import retry_later
from postbag.pagination import paginate
from postbag.publishing import render_detail
from postbag.ratelimit import give_back, take, too_many

logger = logging.getLogger(__name__)


def letter_list(request):
    page = paginate(request, Letter.objects.published().for_listing(), count_name="letters")
    return render(request, "advice/letter_list.html", {"page": page})


def letter_detail(request, slug):
    letter = get_object_or_404(Letter.objects.for_detail().viewable_by(request.user), slug=slug)
    return render_detail(
        request,
        "advice/letter_detail.html",
        letter,
        {"letter": letter, "related": related_reading(letter)},
    )


def theme_list(request):
    return render(request, "advice/theme_list.html", {"themes": themes_with_counts()})


def theme_detail(request, slug):
    theme = get_object_or_404(Theme, slug=slug)
    page = paginate(request, published_about(theme), count_name=f"theme:{theme.pk}")
    page.object_list = load_rows(page.object_list)
    return render(request, "advice/theme_detail.html", {"theme": theme, "page": page})


ASK_SCOPE, STATUS_SCOPE = "ask", "ask-status"


def render_ask_form(request, form, *, status=200, **context):
    context = {"form": form, "crisis_notice": settings.ASK_CRISIS_NOTICE, **context}
    try:
        return render(request, "advice/ask.html", context, status=status)
    except DatabaseError:  # the themes to choose from could not be read
        return render_ask_unavailable(request, form)


def render_ask_unavailable(request, form):
    """The database is down: show the reader everything they typed, and ask them to retry."""
    logger.error("The ask form could not reach the database")
    kept_themes = form.data.getlist("themes") if form.is_bound else []
    # A fresh form without the themes (their choices live in the database); the chosen
    # ones travel along as hidden fields.
    form = AskForm(form.data if form.is_bound else None)
    del form.fields["themes"]
    if form.is_bound:
        form.is_valid()
        form.refresh_shown_at()
    context = {
        "form": form,
        "crisis_notice": settings.ASK_CRISIS_NOTICE,
        "unavailable": True,
        "kept_themes": kept_themes,
    }
    return retry_later(render(request, "advice/ask.html", context, status=503))


@never_cache
def ask(request):
    """GET shows the form; POST stores the letter and shows the receipt code, once.

    A letter refused for its content doesn't count towards ASK_RATE_LIMIT; one that is
    stored, or recognised as a duplicate, does. The count is taken before the letter is
    stored, in one atomic step, so two sends at once can't both pass a full limit.
    """
    if request.method != "POST":
        return render_ask_form(request, AskForm())

    form = AskForm(request.POST)
    try:
        if not form.is_valid():
            form.refresh_shown_at()
            return render_ask_form(request, form, status=400)
        if not take(request, ASK_SCOPE, settings.ASK_RATE_LIMIT):
            form.refresh_shown_at()
            response = render_ask_form(request, form, status=429, limited=True)
            return too_many(response, settings.ASK_RATE_LIMIT)
        submission = submit_letter(
            text=form.cleaned_data["letter"],
            sign_off=form.cleaned_data["sign_off"],
            email=form.cleaned_data["email"],
            themes=form.cleaned_data["themes"],
        )
    except DatabaseError:
        give_back(request, ASK_SCOPE, settings.ASK_RATE_LIMIT)
        return render_ask_unavailable(request, form)

    if submission.is_duplicate:
        return render(request, "advice/ask_duplicate.html")
    return render(request, "advice/ask_sent.html", {"receipt_code": submission.receipt_code})


@never_cache
def ask_status(request):
    """A receipt code (POSTed, never in a URL) shows the letter's status or withdraws it.

    Only wrong codes count towards ASK_STATUS_RATE_LIMIT: every look-up is counted first
    (atomically, so parallel guesses can't overshoot) and a right code is handed back.
    """
    if request.method != "POST":
        return render(request, "advice/ask_status.html", {"form": StatusForm()})

    form = StatusForm(request.POST)
    if not form.is_valid():
        return render(request, "advice/ask_status.html", {"form": form}, status=400)
    rate = settings.ASK_STATUS_RATE_LIMIT
    if not take(request, STATUS_SCOPE, rate):
        context = {"form": form, "limited": True}
        return too_many(render(request, "advice/ask_status.html", context, status=429), rate)
    try:
        letter = find_letter_by_code(form.cleaned_data["code"])
        if letter is None:
            return render(request, "advice/ask_status.html", {"form": form, "not_found": True})
        give_back(request, STATUS_SCOPE, rate)
        action = request.POST.get("action")
        if action == "withdraw":
            return render(request, "advice/ask_withdraw.html", {"form": form})
        if action == "withdraw-confirmed":
            withdraw_letter(letter=letter)
            return render(request, "advice/ask_withdrawn.html")
        return render(
            request,
            "advice/ask_status.html",
            {"form": form, "letter": letter, "reader_status": letter.reader_status},
        )
    except DatabaseError:
        logger.exception("Could not look up a receipt code: database unavailable")
        give_back(request, STATUS_SCOPE, rate)
        return retry_later(
            render(
                request, "advice/ask_status.html", {"form": form, "unavailable": True}, status=503
            )
        )


def csrf_failure(request, reason=""):
    """A form refused by the CSRF check: say why in plain words, and keep what was typed.

    A missing cookie (REASON_NO_CSRF_COOKIE) can't be fixed by sending again, so the reader
    is told that sending needs the site's one cookie and what it is for; anything else
    (a stale token) means the page had expired. The ask form gives the letter back and the
    status page the code; elsewhere the site's own 403 page explains.
    """
    context = {"csrf_failed": True, "cookies_blocked": reason == REASON_NO_CSRF_COOKIE}
    if request.method == "POST" and request.path == reverse("advice:ask"):
        return render_ask_form(request, AskForm(request.POST), status=403, **context)
    if request.method == "POST" and request.path == reverse("advice:ask_status"):
        form = StatusForm(request.POST)
        return render(request, "advice/ask_status.html", {"form": form, **context}, status=403)
    return render(request, "403_csrf.html", context, status=403)
