"""Sitemaps for search engines: the index of every section, and the themes' section.

/sitemap.xml is an index of one sitemap per section (/sitemap-letters.xml and so on),
each paged (?p=2): the letters', articles' and series' sitemaps are their apps' own
(advice/sitemaps.py, articles/sitemaps.py); the themes', which dates each theme by its
newest letter or article, is composed here. Like the pages, the responses are kept by the
page cache (postbag.pagecache) until content changes.
"""

from django.contrib.sitemaps import views as sitemap_views
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.db.models import OuterRef, Subquery
from django.template.response import TemplateResponse
from django.urls import reverse

from advice.models import Letter, Theme
from advice.sitemaps import LetterSitemap
from articles.models import Article
from articles.sitemaps import ArticleSitemap, SeriesSitemap
from postbag.links import absolute_url
from postbag.sitemaps import PublicSitemap


class ThemeSitemap(PublicSitemap):
    def items(self):
        """Each theme with `lastmod`: when something about it was last published."""

        def newest(model):
            latest = (
                model.objects.published()
                .filter(themes=OuterRef("pk"))
                .order_by("-published_at")
                .values("published_at")[:1]
            )
            return Subquery(latest)

        return Theme.objects.annotate(letters_at=newest(Letter), articles_at=newest(Article))

    def lastmod(self, theme):
        return max(filter(None, [theme.letters_at, theme.articles_at]), default=None)

    def get_latest_lastmod(self):
        return max(filter(None, map(self.lastmod, self.items())), default=None)  # one query


SITEMAPS = {
    "letters": LetterSitemap,
    "articles": ArticleSitemap,
    "series": SeriesSitemap,
    "themes": ThemeSitemap,
}


def section(request, section):
    """One section's sitemap (a page of it with ?p=N): Django's view."""
    return sitemap_views.sitemap(request, SITEMAPS, section=section)


@x_robots_tag
def index(request):
    """Django's sitemap index view, with the sections' addresses on SITE_URL too."""
    entries = []
    for section, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        location = absolute_url(reverse("sitemap_section", kwargs={"section": section}))
        lastmod = sitemap.get_latest_lastmod()
        entries.append(SitemapIndexItem(location, lastmod))
        entries += [
            SitemapIndexItem(f"{location}?p={page}", lastmod)
            for page in range(2, sitemap.paginator.num_pages + 1)
        ]
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )
