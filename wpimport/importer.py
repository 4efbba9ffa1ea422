"""Importing the posts of a WordPress export as letters with replies and articles.

The export has been read once already (`wxr.read_export`), so the file is known to be
readable (up to `export.stop`, where it ends early); `Importer.run` streams it again and
imports post by post. Each batch of posts is one transaction and each post a savepoint in
it, so a post is imported whole or not at all and one bad post does not stop the others.
Rows remember the WordPress post ID and GUID they came from, so a second run updates what
changed and creates nothing twice (wpimport.saving writes them). What the run did is kept
in a `wpimport.report.Report`, post by post.
"""

import unicodedata
from contextlib import nullcontext
from itertools import islice
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.encoding import uri_to_iri
from django.utils.text import Truncator

from advice.models import Letter, Theme
from advice.services import upsert_theme
from articles.models import Article
from postbag.links import site_origin
from postbag.upsert import UNCHANGED, UPDATED
from wpimport import conversion, splitting
from wpimport.models import is_too_long
from wpimport.names import named
from wpimport.report import Report
from wpimport.saving import (
    ImportConflict,
    keep_old_addresses,
    replace_other_kind,
    save_article,
    save_letter,
    slug_taken,
)
from wpimport.vocabulary import term_label
from wpimport.wxr import TERM_LENGTH, iter_posts, publication_time

# Only posts are imported, and only in these states; every other item is skipped and counted.
IMPORTED_TYPE = "post"
IMPORTED_STATUSES = ("publish", "future", "draft")
BATCH_SIZE = 200
STANDFIRST_LENGTH = 400  # Article.standfirst


class KindChangesRefused(Exception):
    """Letters imported before would become articles, and `--allow-kind-changes` was not
    given: nothing was written. `report` is the run's, `letters_lost` in it names them."""

    def __init__(self, report):
        super().__init__("letters imported before would become articles")
        self.report = report


class Importer:
    """Imports an export's posts one at a time and keeps the tally in `report`.

    `export` is what `wxr.read_export` returned, `vocabulary` a `vocabulary.Vocabulary`,
    `reply_marker` a compiled pattern for `splitting.split_letter`. Without
    `allow_kind_changes`, a letter imported before that would now become an article (its
    letter and reply deleted) stops the run with nothing written (`KindChangesRefused`).
    """

    def __init__(self, *, export, vocabulary, reply_marker, allow_kind_changes=False):
        self.export = export
        self.vocabulary = vocabulary
        self.reply_marker = reply_marker
        self.allow_kind_changes = allow_kind_changes
        self.report = Report()
        self.local_timezone = timezone.get_default_timezone()
        self.site_host = urlsplit(site_origin()).hostname or ""
        self._themes = {}  # slug → Theme, so each is looked up once per run
        self._theme_names = None  # name_key(name) → Theme, loaded once per run
        self._terms = set(export.terms.values())  # and those of posts: for unmatched options
        self._imported = {}  # post ID → the post imported with it, to name a repeated ID

    def run(self, *, dry_run=False, on_item=None):
        """Import every item of the export, calling `on_item()` after each: the report.

        A dry run imports everything in one transaction and rolls it back, so that its
        report is the real one: slugs, validation and all. So does a run that may have to
        be refused (letters were imported before and kind changes are not allowed): it
        raises KindChangesRefused, everything rolled back, when a letter would become an
        article. Raises wxr.WXRError when the file can no longer be read as it was when
        checked.
        """
        guarded = not self.allow_kind_changes and Letter.objects.exclude(wordpress_id=None).exists()
        with transaction.atomic() if dry_run or guarded else nullcontext():
            posts = iter_posts(self.export.path, until=self.export.stop)
            for batch in batched(posts, BATCH_SIZE):
                with transaction.atomic():
                    for post in batch:
                        self.import_post(post)
                        if on_item is not None:
                            on_item()
            unmatched = self.vocabulary.unmatched_letters_categories(self._terms)
            self.report.letters_categories_unmatched = unmatched
            self.report.warnings.extend(unmatched)
            self.report.warnings.extend(self.vocabulary.unmatched_options(self._terms))
            if guarded and self.report.letters_lost:
                raise KindChangesRefused(self.report)  # the transaction rolls back
            if dry_run:
                transaction.set_rollback(True)
        return self.report

    def import_post(self, post):
        """Import one item, or count it as skipped, or record why it failed."""
        self._terms.update(post.terms)
        if post.post_type != IMPORTED_TYPE:
            self.report.skip(post.post_type or "item without a type", post)
            return
        if post.status not in IMPORTED_STATUSES or post.password:
            self.skip_hidden(post)
            return
        if post.wordpress_id is None:
            self.report.failures.append(f"{self.export.path}: {post}: it has no wp:post_id.")
            return
        for term, why in self.vocabulary.dropped_terms(post):
            self.report.dropped_terms.setdefault(term_label(term), why)
        themes_created = self.report.created["theme"]
        try:
            with transaction.atomic():
                kind, outcome, warnings, images = self.save(post)
        except (conversion.ContentError, ValidationError, DatabaseError, ImportConflict) as error:
            # The savepoint's rollback took any theme made for this post with it.
            self._themes.clear()
            self._theme_names = None
            self.report.created["theme"] = themes_created
            self.report.failures.append(f"{self.export.path}: {post}: {describe(error)}")
            return
        getattr(self.report, outcome)[kind] += 1
        self.report.not_imported(post)
        if kind == "article" and self.vocabulary.is_letter(post):
            self.report.unsplit.append(str(post))
        if (earlier := self._imported.get(post.wordpress_id)) is not None:
            warnings.insert(
                0,
                f"its post ID is that of {earlier}, earlier in the file (one ID names one "
                "post on a WordPress site: was the file joined from two?): it was imported "
                "over that one, which is gone.",
            )
        self._imported[post.wordpress_id] = str(post)
        self.report.warnings.extend(f"{post}: {warning}" for warning in warnings)
        self.report.images_elsewhere.extend(f"{post}: {url}" for url in images)

    def save(self, post):
        """Write the post as a letter or an article: (kind, outcome, warnings, images), the
        last the addresses of its images that pages can't show (`images_elsewhere`)."""
        content = conversion.clean_content(post.content)
        images = self.images_elsewhere(content.html)
        post, warnings = named(post)  # WordPress's slug, if usable; a title that fits
        warnings.extend(content.warnings())
        if post.link and is_too_long(post.link):
            warnings.append(f"its WordPress address is too long to redirect: {post.link}")
        post_date = publication_time(post, local_timezone=self.local_timezone)
        themes = [self.theme(choice) for choice in self.vocabulary.themes_for(post)]
        author = self.export.authors.get(post.creator) or post.creator
        why = "it is in no letters category now"
        if self.vocabulary.is_letter(post):
            parts = splitting.split_letter(
                content.html,
                reply_marker=self.reply_marker,
                columnist_names=splitting.columnist_names(settings.COLUMNIST_NAME, author),
            )
            if parts is not None:
                piece, outcome = save_letter(
                    post=post,
                    parts=parts,
                    themes=themes,
                    post_date=post_date,
                    columnist_name=author or settings.COLUMNIST_NAME,
                )
                return "letter", self.saved(piece, outcome, post, warnings), warnings, images
            why = "its reply can't be found now: no leading quotation, rule or reply marker"
        standfirst, source = conversion.html_to_text(post.excerpt), "the excerpt"
        body = None
        if not standfirst and content.teaser:  # the text before <!--more-->, when no excerpt
            standfirst, body = conversion.teaser_standfirst(content, room=STANDFIRST_LENGTH)
            source = "the text before <!--more-->"
        if len(standfirst) > STANDFIRST_LENGTH:
            standfirst = Truncator(standfirst).chars(STANDFIRST_LENGTH)
            warnings.append(f"{source} was cut to {STANDFIRST_LENGTH} characters.")
        piece, outcome = save_article(
            post=post,
            body=body if body is not None else conversion.html_to_markdown(content.html),
            standfirst=standfirst,
            byline=author or settings.COLUMNIST_NAME,
            themes=themes,
            post_date=post_date,
        )
        return "article", self.saved(piece, outcome, post, warnings, why=why), warnings, images

    def saved(self, piece, outcome, post, warnings, *, why=""):
        """After `piece` (a Letter or Article) was written for `post`: its old addresses,
        what it was before (the other kind, removed), the warnings for its slug and
        addresses. Returns the outcome to count."""
        kind = piece._meta.verbose_name
        if slug := slug_taken(piece, post):
            holder = type(piece).objects.filter(slug=slug).exclude(pk=piece.pk).first()
            holder = piece_label(holder) if holder else f"another {kind}"
            warnings.append(
                f"its slug “{slug}” belongs to {holder} already, so this {kind} is at "
                f"{uri_to_iri(piece.get_absolute_url())}."
            )
        for path, other in keep_old_addresses(piece=piece, post=post):
            warnings.append(
                f"its WordPress address {path} was also that of {piece_label(other)}, "
                f"which it led to until now: it leads to this {kind}."
            )
        previous = replace_other_kind(piece=piece, post=post)
        if previous is None:
            return outcome
        old = previous._meta.verbose_name
        removed = "the letter and its reply were" if old == "letter" else "the article was"
        because = f" ({why})" if why else ""
        self.report.kind_changes.append(
            f"{post} was {article_of(old)} and is now {article_of(kind)}{because}: {removed} "
            f"removed; its address {uri_to_iri(previous.get_absolute_url())} leads to the "
            f"{kind}."
        )
        if old == "letter" and post.wordpress_id not in self._imported:  # not this run's
            self.report.letters_lost.append(f"{post}: {why}.")
        return UPDATED if outcome == UNCHANGED else outcome

    def images_elsewhere(self, html_text):
        """The images in the post that point to another host than the site's and those of
        IMAGE_HOSTS: the Content-Security-Policy keeps pages from showing them."""
        return [
            url
            for url in conversion.image_sources(html_text)
            if conversion.is_elsewhere(
                url, site_host=self.site_host, image_hosts=settings.IMAGE_HOSTS
            )
        ]

    def theme(self, choice):
        """The Theme for a ThemeChoice: one with its slug or name, used as it is, or new.

        Names are compared as Python casefolds them ("Дружба" is "дружба"), not by the
        database, so that SQLite (whose case-insensitive match is ASCII only) and
        PostgreSQL make the same themes. A theme found by its name under another slug is
        named in the report: two WordPress terms become one theme there.
        """
        if choice.slug in self._themes:
            return self._themes[choice.slug]
        if self._theme_names is None:
            self._theme_names = {}
            for theme in Theme.objects.order_by("pk"):
                self._theme_names.setdefault(name_key(theme.name), theme)
        theme = Theme.objects.filter(slug=choice.slug).first()
        if theme is None and (theme := self._theme_names.get(name_key(choice.name))):
            self.report.warnings.append(
                f"“{choice.name}” ({choice.slug}) became the theme “{theme.name}” "
                f"({theme.slug}), which has its name: WordPress kept them apart (a category "
                "and a tag, or two categories under different parents). To keep them apart "
                f"here, give one a theme of its own with --theme-map {choice.slug}=NEW-SLUG."
            )
        if theme is None:
            theme, _ = upsert_theme(
                match={"slug": choice.slug},
                fields={},
                create_fields={"name": choice.name, "description": choice.description},
            )
            self.report.created["theme"] += 1
            self._theme_names.setdefault(name_key(theme.name), theme)
            if choice.full_name:
                self.report.warnings.append(
                    f"“{choice.full_name}” is {len(choice.full_name)} characters, more than "
                    f"the {TERM_LENGTH} a theme's name holds: the theme is named "
                    f"“{choice.name}”, cut at a word; rename it in the admin if you like."
                )
        self._themes[choice.slug] = theme
        return theme

    def skip_hidden(self, post):
        """Count a private, pending, trashed or password-protected post as skipped.

        One imported by an earlier run is left as it is, with a warning: whether it should
        go is for an editor to decide.
        """
        reason = "password-protected" if post.password else post.status or "unknown-status"
        self.report.skip(f"{reason} post", post)
        if post.wordpress_id is None:
            return
        for model in (Letter, Article):
            if model.objects.filter(wordpress_id=post.wordpress_id).exists():
                self.report.warnings.append(
                    f"{post}: now {reason} in WordPress, but imported before as "
                    f"{model._meta.verbose_name}; left as it is."
                )


def name_key(name):
    """A theme name as names are compared: NFC, casefolded ("Дружба" and "дружба" match)."""
    return unicodedata.normalize("NFC", name).casefold()


def piece_label(piece):
    """A letter or article as the report names it: by its WordPress post if it has one."""
    if piece.wordpress_id is not None:
        return f"post {piece.wordpress_id} “{piece.title}”"
    return f"the {piece._meta.verbose_name} “{piece.title}”"


def article_of(kind):
    """ "a letter", "an article"."""
    return f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}"


def batched(items, size):
    """Lists of up to `size` items (itertools.batched arrives with Python 3.12)."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def describe(error):
    """A validation error as "field: message" text; any other error as it reads."""
    if isinstance(error, ValidationError) and hasattr(error, "message_dict"):
        return "; ".join(
            " ".join(messages) if name == "__all__" else f"{name}: {' '.join(messages)}"
            for name, messages in error.message_dict.items()
        )
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)
