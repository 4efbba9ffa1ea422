from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from advice.models import Letter, Theme
from articles.models import Article
from postbag.content import themes_with_counts
from postbag.pagination import paginate
from postbag.search import SearchForm
from postbag.search import search as search_site

HOME_LETTERS = 6
HOME_ARTICLES = 4


def home(request):
    return render(
        request,
        "home.html",
        {
            "letters": Letter.objects.published().for_listing()[:HOME_LETTERS],
            "articles": Article.objects.published().for_listing()[:HOME_ARTICLES],
            "themes": themes_with_counts(),
        },
    )


@never_cache
def healthz(request):
    """200 "ok" when the app and its database answer, 503 otherwise (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


def search(request):
    """The search form, and with a query, a page of hits; bad input is explained on the page."""
    themes = list(Theme.objects.all())
    form = SearchForm(request.GET or None, themes=themes)
    context = {"form": form, "themes": themes}
    if form.is_valid() and form.cleaned_data["q"]:
        results = search_site(
            form.cleaned_data["q"], kind=form.cleaned_data["kind"], theme=form.cleaned_data["theme"]
        )
        page = paginate(request, results.rows)
        page.object_list = results.load(page.object_list)
        context.update(results=results, page=page)
    return render(request, "search.html", context)


def robots_txt(request):
    """Keep crawlers out of the admin and the readers' status page; point them to the sitemap.

    The admin line names the conventional /admin/, never ADMIN_URL: robots.txt is public,
    and a custom admin address is meant to stay unpublished.
    """
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Disallow: {reverse('advice:ask_status')}",
        f"Sitemap: {settings.SITE_URL}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
