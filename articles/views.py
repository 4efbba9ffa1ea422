from django.http import Http404
from django.shortcuts import get_object_or_404, render

from articles.models import Article, Series
from postbag.pagecache import public_page
from postbag.pagination import paginate
from postbag.previews import render_detail
from postbag.takedowns import gone_or_404, with_corrections_flag


@public_page("page")
def article_list(request):
    page = paginate(request, Article.objects.published().for_listing(), count_name="articles")
    return render(request, "articles/article_list.html", {"page": page})


@public_page
def article_detail(request, slug):
    articles = with_corrections_flag(Article.objects.for_pages().viewable_by(request.user))
    article = articles.filter(slug=slug).first()
    if article is None:
        return gone_or_404(request, Article, slug=slug)  # 410 once taken down
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
    # for_pages, not for_listing: each part's reading time is counted from its body.
    parts = list(
        Article.objects.published().filter(series=series).for_pages().order_by("series_part")
    )
    if not parts:
        raise Http404("This series has no published part yet.")
    return render(request, "articles/series_detail.html", {"series": series, "parts": parts})
