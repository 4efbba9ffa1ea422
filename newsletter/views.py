"""The newsletter's pages: sign up, confirm, unsubscribe.

The sign-up form sits in the footer of every page, and most pages are kept whole in the
page cache (postbag.pagecache) and served to everyone alike; a CSRF token in them would be
one visitor's, wrong for the next. So sign-up POSTs are exempt from Django's token check
and checked the way browsers allow for token-free forms instead: a POST another site's page
sent (Sec-Fetch-Site or Origin says so) is refused. What a forged sign-up could do at most,
sending one confirmation to an address, anyone can do by typing it; double opt-in, the rate
limit and the once-an-hour resend are the defences against that.

Confirm and unsubscribe POSTs are exempt too: the signed link is their authority, and RFC
8058 requires a one-click unsubscribe to work with no cookie or token. Their GETs only show
a page with one button, because mail scanners open links in e-mail by themselves.
"""

from django.conf import settings
from django.db import DatabaseError, transaction
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from advice.models import Theme
from newsletter import confirmations, services
from newsletter.forms import SubscribeForm
from newsletter.models import CONFIRMATION_HOURS, Subscriber
from postbag.errors import retry_later
from postbag.links import request_origin, site_origin
from postbag.pagecache import public_page
from postbag.ratelimit import retry_after, take, too_many

SUBSCRIBE_SCOPE = "newsletter"
# What the pages take: anything else (PUT, DELETE, OPTIONS…) is 405 with an Allow header.
PAGE_METHODS = require_http_methods(["GET", "HEAD", "POST"])


def sent_from_another_site(request):
    """Whether the browser says this POST came from another site's page.

    Fetch Metadata (`Sec-Fetch-Site`, sent by current browsers) first, else `Origin`
    (RFC 6454), compared with this site's addresses and CSRF_TRUSTED_ORIGINS. A request with
    neither (a program, an old browser) isn't refused: it could have typed the form anyway.
    """
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site not in ("same-origin", "none")
    origin = request.headers.get("Origin")
    if origin is None:
        return False
    allowed = {site_origin(), request_origin(request), *settings.CSRF_TRUSTED_ORIGINS}
    return origin not in allowed


def render_subscribe(request, form, *, status=200, **context):
    context = {"form": form, "themes": Theme.objects.all(), **context}
    return render(request, "newsletter/subscribe.html", context, status=status)


@PAGE_METHODS
@public_page
@csrf_exempt
def subscribe(request):
    """GET: the sign-up page, with theme choice and the feeds (kept in the page cache).

    POST (from this page or any page's footer): record the sign-up. Every accepted address
    gets the same answer, "check your e-mail", whether it is new, waiting for confirmation
    or subscribed already. Refused: invalid input (400, all kept), another site's form
    (403), too many sign-ups from this client (429, Retry-After).
    """
    if request.method != "POST":
        return render_subscribe(request, SubscribeForm())
    response = sign_up(request)
    add_never_cache_headers(response)  # it may show the address typed
    return response


def sign_up(request):
    form = SubscribeForm(request.POST)
    try:
        if sent_from_another_site(request):
            return render_subscribe(request, form, status=403, foreign=True)
        if not form.is_valid():
            return render_subscribe(request, form, status=400)
        rate = settings.NEWSLETTER_RATE_LIMIT
        if not take(request, SUBSCRIBE_SCOPE, rate):
            minutes = -(-retry_after(rate) // 60)  # rounded up: "in about 1 minute", not 0
            limited = render_subscribe(request, form, status=429, wait_minutes=minutes)
            return too_many(limited, rate)
        subscription = services.subscribe(
            email=form.cleaned_data["email"], themes=form.cleaned_data["themes"]
        )
    except DatabaseError:
        # The themes can't be listed either: the address comes back on a plain page.
        context = {"form": form, "themes_kept": request.POST.getlist("themes")}
        return retry_later(render(request, "newsletter/unavailable.html", context, status=503))
    if subscription.send_confirmation:
        subscriber_id = subscription.subscriber.pk
        transaction.on_commit(
            lambda: confirmations.send_confirmation_after_response(subscriber_id=subscriber_id)
        )
    return render(request, "newsletter/check_email.html", {"hours": CONFIRMATION_HOURS})


def link_failed(request, error):
    """The page for a link that expired (410) or was never made here (404)."""
    expired = isinstance(error, services.LinkExpired)
    context = {"expired": expired, "form": SubscribeForm(), "hours": CONFIRMATION_HOURS}
    return render(request, "newsletter/link_failed.html", context, status=410 if expired else 404)


@PAGE_METHODS
@csrf_exempt
@never_cache
def confirm(request, token):
    """GET: a page with one button that confirms; POST: confirm. Twice is fine."""
    try:
        key = services.key_from_confirmation(token)
    except (services.LinkExpired, services.LinkInvalid) as error:
        return link_failed(request, error)
    subscriber = Subscriber.objects.filter(key=key).first()
    if subscriber is None:  # deleted after 48 hours, or unsubscribed
        return link_failed(request, services.LinkExpired())
    if request.method == "POST":
        subscriber = services.confirm_subscriber(key=key)
        if subscriber is None:
            return link_failed(request, services.LinkExpired())
    if subscriber.is_confirmed:
        return render(request, "newsletter/confirmed.html", {"subscriber": subscriber})
    return render(request, "newsletter/confirm.html", {"subscriber": subscriber})


@PAGE_METHODS
@csrf_exempt
@never_cache
def unsubscribe(request, token):
    """GET: a page with one button; POST (the button, or RFC 8058's one-click): delete.

    A POST for an address already gone answers the same page: the reader's wish is done.
    """
    try:
        key = services.key_from_unsubscribe(token)
    except services.LinkInvalid as error:
        return link_failed(request, error)
    if request.method == "POST":
        services.unsubscribe(key=key)
        return render(request, "newsletter/unsubscribed.html")
    subscribed = Subscriber.objects.filter(key=key).exists()
    return render(request, "newsletter/unsubscribe.html", {"subscribed": subscribed})
