"""Sitemaps for search engines: every published letter and article, and every theme.

/sitemap.xml is an index of one sitemap per section (/sitemap-letters.xml and so on),
each paged (?p=2) at PAGE_LENGTH addresses: the protocol allows 50,000 a file, but Django
takes seconds to write that many, and a twenty-year archive has more letters than that.
Every address is on SITE_URL, like the pages' canonical links, whatever host name a
request came in on. Like the pages, the responses are kept by the page cache
(postbag.pagecache) until content changes.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.db.models import OuterRef, Subquery
from django.template.response import TemplateResponse
from django.urls import reverse

from advice.models import Letter, Theme
from articles.models import Article
from postbag.templatetags.postbag import absolute_url

PAGE_LENGTH = 5000


class PublicSitemap(Sitemap):
    """Addresses on SITE_URL."""

    limit = PAGE_LENGTH

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class PublishedSitemap(PublicSitemap):
    model = None

    def items(self):
        return (
            self.model.objects.published()
            .order_by("-published_at", "-pk")
            .only("slug", "updated_at")
        )

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # The index gives no date for this section: finding the newest edit would read
        # every published row (Django's default loads them all). Each address has its own.
        return None


class LetterSitemap(PublishedSitemap):
    model = Letter


class ArticleSitemap(PublishedSitemap):
    model = Article


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


SITEMAPS = {"letters": LetterSitemap, "articles": ArticleSitemap, "themes": ThemeSitemap}


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
