"""The pages that compose letters and articles: home, themes, search, robots.txt, health."""

from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from advice.models import Letter, Theme
from articles.models import Article
from pages.mixed import (
    by_section,
    load_rows,
    published_about,
    section_themes,
    theme_with_counts,
    themes_with_counts,
)
from pages.search import SearchForm
from pages.search import search as search_site
from postbag.links import absolute_url
from postbag.pagecache import public_page
from postbag.pagination import paginate

HOME_LETTERS = 6
HOME_ARTICLES = 4


@public_page
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


@public_page
def theme_list(request):
    """Every theme, grouped by section (pages.mixed.by_section)."""
    return render(request, "pages/theme_list.html", {"sections": by_section(themes_with_counts())})


@public_page("page")
def theme_detail(request, slug):
    """A theme's newest pieces; for a section, also its themes, and its pieces are its
    own and its themes'. The section (`parent`) comes along for the breadcrumb. The theme,
    its section and the total come from the remembered counts: no query of their own."""
    theme = theme_with_counts(slug)
    if theme is None:
        raise Http404("No such theme.")
    children = section_themes(theme)
    rows = published_about(theme, section=bool(children))
    page = paginate(request, rows, count=theme.letter_count + theme.article_count)
    page.object_list = load_rows(page.object_list)
    context = {"theme": theme, "section_themes": children, "page": page}
    return render(request, "pages/theme_detail.html", context)


@public_page
def privacy(request):
    """What the site keeps about the people who write in, comment and subscribe."""
    return render(request, "pages/privacy.html")


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


@public_page
def robots_txt(request):
    """Keep crawlers out of the admin and the readers' status page; point them to the sitemap.

    The admin line names the conventional /admin/, never ADMIN_URL: robots.txt is public,
    and a custom admin address is meant to stay unpublished.
    """
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Disallow: {reverse('advice:ask_status')}",
        f"Sitemap: {absolute_url(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
