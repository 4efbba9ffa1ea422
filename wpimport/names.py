"""What a post is called on Postbag: the slug it keeps from WordPress, the title it shows.

WordPress's slug (wp:post_name, percent-encoded UTF-8 that wxr decodes) stays the post's
address wherever it has a letter or digit, in any script, so the column's addresses live
on; only a post without one gets a slug made from its title (postbag.slugs). WordPress
sets no limit on a title; one longer than a Postbag title can be
(postbag.validators.TITLE_LENGTH) is shortened at a word, with a warning, rather than
failing the post.
"""

from dataclasses import replace

from postbag.slugs import slugify
from postbag.validators import TITLE_LENGTH

# What may end a shortened title before its ellipsis is added.
TRAILING = " ,;:.-–—"


def named(post):
    """`post` (a wxr.Post) as Postbag names it, and the warnings that go with it (a list
    of sentences): its slug WordPress's where that is usable, else "" (the title's is made
    when it is saved); its title at most TITLE_LENGTH characters."""
    warnings = []
    slug = post.slug
    if post.broken_slug:
        warnings.append(
            f"WordPress's slug “{post.broken_slug}” is cut or broken (its percent-encoding "
            "stops inside a character), so it would lose letters: its address was made "
            "from the title."
        )
    elif slug and not slugify(slug):
        warnings.append(
            f"WordPress's slug “{slug}” has no letter or digit for an address: its address "
            "was made from the title."
        )
        slug = ""
    title = post.title
    if len(title) > TITLE_LENGTH:
        title = shorten_at_word(title, TITLE_LENGTH)
        warnings.append(
            f"the title is {len(post.title)} characters, more than the {TITLE_LENGTH} a "
            "title holds: it was shortened at a word."
        )
    return replace(post, slug=slug, title=title), warnings


def shorten_at_word(text, length):
    """`text` in at most `length` characters: cut after the last whole word that fits, with
    an ellipsis; a first word longer than that is cut where it must be."""
    if len(text) <= length:
        return text
    kept = text[: length - 1]  # room for the ellipsis
    if not text[length - 1].isspace():
        head, space, _ = kept.rpartition(" ")
        kept = head if space and head.strip() else kept
    return kept.rstrip(TRAILING) + "…"
