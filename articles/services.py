"""The write paths for articles loaded from elsewhere: the WordPress import, the demo.

Each function takes keyword-only arguments, validates with `full_clean()` and runs in a
transaction, as advice.services does for letters.
"""

from django.db import transaction

from articles.models import Article, Series
from postbag.upsert import CREATED, UNCHANGED, outcome, set_related, upsert


@transaction.atomic
def upsert_article(*, match, fields, create_fields=None, themes=None):
    """Create or update the article that `match` names, with its themes.

    `match` is the caller's natural key as field lookups (`{"slug": …}`,
    `{"wordpress_id": 7}`, `{"pk": 3}`; a new article takes its values too). `fields` are
    Article fields, set whether the article is new or not; `create_fields` only on a new
    article (a publication date that must not move when loaded again). `themes` (Theme
    rows) become its themes; None leaves them as they are. The article is saved only when
    a field differs, after `full_clean()`.

    Returns (article, outcome): "created"; "updated" when anything changed, the themes
    included; or "unchanged". Raises ValidationError, having written nothing.
    """
    article, article_outcome = upsert(
        Article, match=match, fields=fields, create_fields=create_fields
    )
    changed = article_outcome != UNCHANGED
    if themes is not None:
        changed |= set_related(article.themes, themes)
    return article, outcome(created=article_outcome == CREATED, changed=changed)


@transaction.atomic
def delete_article(*, article):
    """Delete the article for real, with its place in any series."""
    article.delete()


@transaction.atomic
def upsert_series(*, match, fields, create_fields=None):
    """Create or update the series that `match` names (`{"slug": "starting-over"}`).

    As `upsert_article`: `fields` (Series fields: title, description) are set on a new or
    existing series, `create_fields` on a new one only. Returns (series, outcome), the
    outcome "created", "updated" or "unchanged". Raises ValidationError, having written
    nothing.
    """
    return upsert(Series, match=match, fields=fields, create_fields=create_fields)
