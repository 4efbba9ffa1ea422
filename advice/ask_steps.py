"""The ask form's steps around sending: a closed postbag, and letters like the reader's.

While editors have closed the postbag (advice.postbag_status), /ask/ shows their notice
instead of the form, and a letter sent from a page opened before they closed it is shown
back to its writer to copy, never stored. Before sending, a reader may look for answered
letters like the one they are writing: a step of the form without JavaScript, and a small
endpoint the form's script asks as they type (static/js/ask.js). The text they look with
is searched and forgotten: never stored, logged or put in a URL (so it can't reach an
access log: the endpoint is a POST).
"""

from django.conf import settings
from django.db import DatabaseError
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from advice.forms import LETTER_MAX, AskForm
from advice.postbag_status import PostbagStatus
from postbag.ratelimit import retry_after_words, take, too_many

LIKE_SCOPE = "ask-like"
LIKE_TEMPLATE = "advice/includes/letters_like.html"


def closed_postbag(request):
    """The page /ask/ answers while the postbag is closed; None while it is open.

    A POST gets the notice with status 409 and the letter and sign-off it carried, shown
    back to copy (nothing is stored). None too when the database can't say: the form's
    own outage page then answers, keeping the letter as ever.
    """
    try:
        status = PostbagStatus.current()
    except DatabaseError:
        return None
    if not status.is_closed:
        return None
    context = {"postbag": status}
    if request.method == "POST":
        context["kept_letter"] = request.POST.get("letter", "").strip()
        context["kept_sign_off"] = request.POST.get("sign_off", "").strip()
    return render(
        request, "advice/ask_closed.html", context, status=409 if request.method == "POST" else 200
    )


def kept_form(data):
    """A fresh, unjudged AskForm holding what the reader typed in `data` (a QueryDict):
    the "find letters like mine" step shows it back without any error messages."""
    initial = {name: data.get(name, "") for name in ("letter", "sign_off", "email")}
    initial["themes"] = data.getlist("themes")
    initial["consent"] = bool(data.get("consent"))
    return AskForm(initial=initial)


def letters_like(request):
    """The template context for letters like the POSTed `letter`, counted against
    ASK_LIKE_RATE_LIMIT: {"like_step": True, "like_text": …}, or, over the limit,
    {"like_step": True, "like_limited": True, "retry_in": …}."""
    rate = settings.ASK_LIKE_RATE_LIMIT
    if not take(request, LIKE_SCOPE, rate):
        return {"like_step": True, "like_limited": True, "retry_in": retry_after_words(rate)}
    return {"like_step": True, "like_text": request.POST.get("letter", "")[:LETTER_MAX]}


@never_cache
@require_POST
def ask_like(request):
    """POST `letter` → an HTML fragment: answered letters like it (the form's script).

    429 with a few words when the client asked too often; 503 when the database is down.
    """
    context = letters_like(request)
    status = 429 if context.get("like_limited") else 200
    try:
        response = render(request, LIKE_TEMPLATE, context, status=status)
    except DatabaseError:
        return render(request, LIKE_TEMPLATE, {"like_unavailable": True}, status=503)
    if status == 429:
        return too_many(response, settings.ASK_LIKE_RATE_LIMIT)
    return response
