"""Writing one imported post as a letter or an article, and what it was imported as before.

Rows are written through the content apps' write functions (advice.services,
articles.services); what is WordPress's own stays here: finding the row a post was
imported as by its post ID or GUID, the addresses the post had on WordPress, and the post
that changed kind since the last import.
"""

from django.utils import timezone

from advice.models import Letter, default_columnist_sign_off
from advice.services import upsert_letter, withdraw_letter
from articles.models import Article
from articles.services import delete_article, upsert_article
from postbag.slugs import UNTITLED, cut, slugify, unique_slug
from wpimport.models import record_old_addresses

PUBLIC_STATUSES = ("publish", "future")  # "future" is published with a date to come


class ImportConflict(Exception):
    """The post's WordPress ID belongs to a row imported from another site."""


def save_letter(*, post, parts, themes, post_date, columnist_name):
    """Create or update the letter and reply imported from `post`: (letter, outcome).

    Published and scheduled posts are published letters (a scheduled one with its future
    date); drafts have a reply, so they are answered letters, waiting to be published. The
    post's date also stands for when the letter was received: the export knows no other.
    """
    existing = find_imported(Letter, post=post)
    current = existing or Letter()  # a new letter's defaults are what it holds so far
    is_public = post.status in PUBLIC_STATUSES
    text = post.slug or post.title
    published_at = (post_date or current.published_at or timezone.now()) if is_public else None
    # Received no later than published; a scheduled letter has arrived already.
    received_at = min(post_date, current.received_at) if post_date else current.received_at
    return upsert_letter(
        match=_key(existing, post),
        fields={
            "wordpress_id": post.wordpress_id,
            "wordpress_guid": post.guid,
            "title": post.title,
            "slug": unique_slug(current, text) if text else None,
            "original_text": parts.letter_text,
            "original_sign_off": parts.sign_off,
            "body": parts.letter,
            "sign_off": parts.sign_off,
            "status": Letter.Status.PUBLISHED if is_public else Letter.Status.DRAFTED,
            "published_at": published_at,
            "received_at": received_at,
        },
        reply={
            "body": parts.reply,
            "columnist_name": columnist_name,
            "sign_off": parts.reply_sign_off or default_columnist_sign_off(),
        },
        themes=themes,
    )


def save_article(*, post, body, standfirst, byline, themes, post_date):
    """Create or update the article imported from `post`: (article, outcome)."""
    existing = find_imported(Article, post=post)
    current = existing or Article()
    is_public = post.status in PUBLIC_STATUSES
    published_at = (post_date or current.published_at or timezone.now()) if is_public else None
    return upsert_article(
        match=_key(existing, post),
        fields={
            "wordpress_id": post.wordpress_id,
            "wordpress_guid": post.guid,
            "title": post.title,
            "slug": unique_slug(current, post.slug or post.title),
            "byline": byline,
            "standfirst": standfirst,
            "body": body,
            "status": Article.Status.PUBLISHED if is_public else Article.Status.DRAFT,
            "published_at": published_at,
        },
        themes=themes,
    )


def slug_taken(piece, post) -> str:
    """The slug `post` asked for when another piece had it already, so that `piece` got
    another ("brackets" → "brackets-2"); else ""."""
    text = post.slug or post.title
    wanted = cut(slugify(text), type(piece)._meta.get_field("slug").max_length) or UNTITLED
    return wanted if text and piece.slug != wanted else ""


def keep_old_addresses(*, piece, post):
    """Record the addresses `post` had on WordPress, its permalink and ?p=<post ID>, as
    `piece`'s (wpimport.models): they answer with a redirect to its page while public.

    Returns the addresses taken from a piece imported from another post, with it:
    [("/2019/05/friendship/", <Article …>)].
    """
    taken = record_old_addresses(piece=piece, urls=[post.link, f"/?p={post.wordpress_id}"])
    return [(path, other) for path, other in taken if other.wordpress_id != post.wordpress_id]


def _key(existing, post):
    """The natural key for the write: the row found earlier, else the post's ID."""
    return {"pk": existing.pk} if existing else {"wordpress_id": post.wordpress_id}


def find_imported(model, *, post):
    """The row imported from `post` by an earlier run, by WordPress ID, else by GUID.

    The same ID with another GUID is another site's post: refused (ImportConflict) rather
    than overwritten.
    """
    found = model.objects.filter(wordpress_id=post.wordpress_id).first()
    if found is not None:
        if found.wordpress_guid and post.guid and found.wordpress_guid != post.guid:
            raise ImportConflict(
                f"WordPress post {post.wordpress_id} was imported before from another site "
                f"(GUID {found.wordpress_guid}); it is not overwritten."
            )
        return found
    if post.guid:
        return model.objects.filter(wordpress_guid=post.guid).first()
    return None


def replace_other_kind(*, piece, post):
    """Delete what `post` was imported as before when that was the other kind (a letter
    for `piece`, an article, or the other way round), and let the old piece's Postbag
    address ("/letters/<slug>/") lead to `piece` from now on. Returns the old piece, or
    None when there was none.

    A column post that could not be split was an article; once it can, it is a letter (or
    the other way round). Without this the site would show it twice.
    """
    model = Article if isinstance(piece, Letter) else Letter
    previous = find_imported(model, post=post)
    if previous is None:
        return None
    address = previous.get_absolute_url()
    if model is Letter:
        withdraw_letter(letter=previous)
    else:
        delete_article(article=previous)
    record_old_addresses(piece=piece, urls=[address])
    return previous
