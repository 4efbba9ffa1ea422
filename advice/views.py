import logging

from django.conf import settings
from django.db import DatabaseError
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from advice.ask_steps import closed_postbag, kept_form, letters_like
from advice.columnist import usual_wait_in_words
from advice.floods import record_arrival
from advice.forms import AskForm, StatusForm
from advice.models import ColumnistProfile, Letter
from advice.services import find_letter_by_code, submit_letter, withdraw_letter
from advice.takedown_forms import TakedownRequestForm
from advice.update_forms import UpdateForm
from advice.updates import private_note_for_writer
from postbag.errors import on_csrf_failure, retry_later
from postbag.pagecache import public_page
from postbag.pagination import paginate
from postbag.previews import render_detail
from postbag.ratelimit import give_back, retry_after_words, take, too_many
from postbag.takedowns import gone_or_404, with_corrections_flag

logger = logging.getLogger(__name__)


@public_page("page")
def letter_list(request):
    page = paginate(request, Letter.objects.published().for_listing(), count_name="letters")
    return render(request, "advice/letter_list.html", {"page": page})


@public_page
def letter_detail(request, slug):
    letters = with_corrections_flag(Letter.objects.for_detail().viewable_by(request.user))
    letter = letters.filter(slug=slug).first()
    if letter is None:
        return gone_or_404(request, Letter, slug=slug)  # 410 once taken down
    return render_detail(request, "advice/letter_detail.html", letter, {"letter": letter})


@public_page
def about(request):
    """The columnist, how to write in, what happens to a letter and how long answers take."""
    context = {"profile": ColumnistProfile.current(), "usual_wait": usual_wait_in_words()}
    return render(request, "advice/about.html", context)


ASK_SCOPE, STATUS_SCOPE = "ask", "ask-status"


def render_ask_form(request, form, *, status=200, **context):
    context = {"form": form, **context}
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
    context = {"form": form, "unavailable": True, "kept_themes": kept_themes}
    return retry_later(render(request, "advice/ask.html", context, status=503))


def ask_refused(request, context):
    """The ask form refused by the CSRF check: the letter comes back with the reason."""
    return render_ask_form(request, AskForm(request.POST), status=403, **context)


def status_refused(request, context):
    """The status form refused by the CSRF check: the code comes back with the reason."""
    context = {"form": StatusForm(request.POST), **context}
    return render(request, "advice/ask_status.html", context, status=403)


@never_cache
@on_csrf_failure(ask_refused)
def ask(request):
    """GET shows the form; POST stores the letter and shows the receipt code, once.

    A letter refused for its content doesn't count towards ASK_RATE_LIMIT; one that is
    stored, or recognised as a duplicate, does. The count is taken before the letter is
    stored, in one atomic step, so two sends at once can't both pass a full limit. While
    the postbag is closed its notice answers instead; "Find letters like mine" sends
    nothing (advice.ask_steps).
    """
    closed = closed_postbag(request)
    if closed is not None:
        return closed
    if request.method != "POST":
        return render_ask_form(request, AskForm())
    if request.POST.get("action") == "like":  # "Find letters like mine": nothing is sent
        return render_ask_form(request, kept_form(request.POST), **letters_like(request))

    form = AskForm(request.POST)
    try:
        if not form.is_valid():
            form.refresh_shown_at()
            return render_ask_form(request, form, status=400)
        if not take(request, ASK_SCOPE, settings.ASK_RATE_LIMIT):
            form.refresh_shown_at()
            retry_in = retry_after_words(settings.ASK_RATE_LIMIT)
            response = render_ask_form(request, form, status=429, limited=True, retry_in=retry_in)
            return too_many(response, settings.ASK_RATE_LIMIT)
        submission = submit_letter(
            text=form.cleaned_data["letter"],
            sign_off=form.cleaned_data["sign_off"],
            email=form.cleaned_data["email"],
            themes=form.cleaned_data["themes"],
            rendering=form.rendering,
        )
    except DatabaseError:
        give_back(request, ASK_SCOPE, settings.ASK_RATE_LIMIT)
        return render_ask_unavailable(request, form)

    if submission.is_duplicate:
        return render(request, "advice/ask_duplicate.html")
    record_arrival(request, submission.letter)  # bursts (advice.floods)
    context = {"receipt_code": submission.receipt_code, "sent_letter": submission.letter}
    return render(request, "advice/ask_sent.html", context)


@never_cache
@on_csrf_failure(status_refused)
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
        context = {"form": form, "limited": True, "retry_in": retry_after_words(rate)}
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
            {
                "form": form,
                "letter": letter,
                "reader_status": letter.reader_status,
                "usual_wait": usual_wait_in_words(),
                "private_note": private_note_for_writer(letter),
                "private_note_days": settings.PRIVATE_NOTE_DAYS,
                "update_form": UpdateForm(initial={"code": form.cleaned_data["code"]}),
                "takedown_form": TakedownRequestForm(initial={"code": form.cleaned_data["code"]}),
            },
        )
    except DatabaseError:
        logger.exception("Could not look up a receipt code: database unavailable")
        give_back(request, STATUS_SCOPE, rate)
        return retry_later(
            render(
                request, "advice/ask_status.html", {"form": form, "unavailable": True}, status=503
            )
        )
