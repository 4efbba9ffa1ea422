from django.http import Http404
from django.shortcuts import get_object_or_404, render

from articles.models import Article, Series
from postbag.pagecache import public_page
from postbag.pagination import paginate
from postbag.previews import render_detail


@public_page("page")
def article_list(request):
    page = paginate(request, Article.objects.published().for_listing(), count_name="articles")
    return render(request, "articles/article_list.html", {"page": page})


@public_page
def article_detail(request, slug):
    article = get_object_or_404(Article.objects.for_listing().viewable_by(request.user), slug=slug)
    return render_detail(
        request,
        "articles/article_detail.html",
        article,
        {"article": article, "series": article.series_navigation()},
    )


@public_page
def series_detail(request, slug):
    """A series: its description and its published parts in order. A series with none
    published yet has no page (404), as an unpublished article has none."""
    series = get_object_or_404(Series, slug=slug)
    parts = list(
        Article.objects.published().filter(series=series).for_listing().order_by("series_part")
    )
    if not parts:
        raise Http404("This series has no published part yet.")
    return render(request, "articles/series_detail.html", {"series": series, "parts": parts})
