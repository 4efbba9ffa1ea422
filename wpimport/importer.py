"""Importing the posts of a WordPress export as letters with replies and articles.

The export has been read once already (`wxr.read_export`), so the file is known to be
readable (up to `export.stop`, where it ends early); `Importer.run` streams it again and
imports post by post. Each batch of posts is one transaction and each post a savepoint in
it, so a post is imported whole or not at all and one bad post does not stop the others.
Rows remember the WordPress post ID and GUID they came from, so a second run updates what
changed and creates nothing twice. Rows are written through the content apps' write
functions (advice.services, articles.services); what is WordPress's own (finding a row by
post ID or GUID, the post that changed kind) stays here.
"""

from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass, field
from itertools import islice
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.text import Truncator

from advice.models import Letter, Theme, default_columnist_sign_off
from advice.services import upsert_letter, upsert_theme, withdraw_letter
from articles.models import Article
from articles.services import delete_article, upsert_article
from postbag.links import site_origin
from postbag.slugs import unique_slug
from postbag.upsert import UNCHANGED, UPDATED
from wpimport import conversion, splitting
from wpimport.models import is_too_long, record_old_addresses
from wpimport.names import named
from wpimport.vocabulary import term_label
from wpimport.wxr import iter_posts, publication_time

# Only posts are imported, and only in these states; every other item is skipped and counted.
IMPORTED_TYPE = "post"
IMPORTED_STATUSES = ("publish", "future", "draft")
PUBLIC_STATUSES = ("publish", "future")  # "future" is published with a date to come
BATCH_SIZE = 200
STANDFIRST_LENGTH = 400  # Article.standfirst


class ImportConflict(Exception):
    """The post's WordPress ID belongs to a row imported from another site."""


class Importer:
    """Imports an export's posts one at a time and keeps the tally in `report`.

    `export` is what `wxr.read_export` returned, `vocabulary` a `vocabulary.Vocabulary`,
    `reply_marker` a compiled pattern for `splitting.split_letter`.
    """

    def __init__(self, *, export, vocabulary, reply_marker):
        self.export = export
        self.vocabulary = vocabulary
        self.reply_marker = reply_marker
        self.report = Report()
        self.local_timezone = timezone.get_default_timezone()
        self.site_host = urlsplit(site_origin()).hostname or ""
        self._themes = {}  # slug → Theme, so each is looked up once per run
        self._terms = set(export.terms.values())  # and those of posts: for unmatched options

    def run(self, *, dry_run=False, on_item=None):
        """Import every item of the export, calling `on_item()` after each: the report.

        A dry run imports everything in one transaction and rolls it back, so that its
        report is the real one: slugs, validation and all. Raises wxr.WXRError when the
        file can no longer be read as it was when checked.
        """
        with transaction.atomic() if dry_run else nullcontext():
            posts = iter_posts(self.export.path, until=self.export.stop)
            for batch in batched(posts, BATCH_SIZE):
                with transaction.atomic():
                    for post in batch:
                        self.import_post(post)
                        if on_item is not None:
                            on_item()
            self.report.warnings.extend(self.vocabulary.unmatched_options(self._terms))
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
            self.report.created["theme"] = themes_created
            self.report.failures.append(f"{self.export.path}: {post}: {describe(error)}")
            return
        getattr(self.report, outcome)[kind] += 1
        if kind == "article" and self.vocabulary.is_letter(post):
            self.report.unsplit.append(str(post))
        self.report.warnings.extend(f"{post}: {warning}" for warning in warnings)
        self.report.images_elsewhere.extend(f"{post}: {url}" for url in images)

    def save(self, post):
        """Write the post as a letter or an article: (kind, outcome, warnings, images), the
        last the addresses of its images that pages can't show (`images_elsewhere`)."""
        content = conversion.clean_content(post.content)
        images = self.images_elsewhere(content.html)
        post, warnings = named(post)  # WordPress's slug, if usable; a title that fits
        if content.removed_shortcodes:
            names = ", ".join(f"[{name}]" for name in content.removed_shortcodes)
            warnings.append(f"removed shortcodes {names}: add anything they showed by hand.")
        if post.link and is_too_long(post.link):
            warnings.append(f"its WordPress address is too long to redirect: {post.link}")
        if content.linked_shortcodes:
            names = ", ".join(f"[{name}]" for name in content.linked_shortcodes)
            warnings.append(
                f"{names} became a link to what it showed: embed it by hand if it should play."
            )
        post_date = publication_time(post, local_timezone=self.local_timezone)
        themes = [self.theme(choice) for choice in self.vocabulary.themes_for(post)]
        author = self.export.authors.get(post.creator) or post.creator
        if self.vocabulary.is_letter(post):
            parts = splitting.split_letter(
                content.html,
                reply_marker=self.reply_marker,
                columnist_names=splitting.columnist_names(settings.COLUMNIST_NAME, author),
            )
            if parts is not None:
                outcome = save_letter(
                    post=post,
                    parts=parts,
                    themes=themes,
                    post_date=post_date,
                    columnist_name=author or settings.COLUMNIST_NAME,
                )
                return "letter", outcome, warnings, images
        standfirst, source = conversion.html_to_text(post.excerpt), "the excerpt"
        body = None
        if not standfirst and content.teaser:  # the text before <!--more-->, when no excerpt
            standfirst, body = conversion.teaser_standfirst(content, room=STANDFIRST_LENGTH)
            source = "the text before <!--more-->"
        if len(standfirst) > STANDFIRST_LENGTH:
            standfirst = Truncator(standfirst).chars(STANDFIRST_LENGTH)
            warnings.append(f"{source} was cut to {STANDFIRST_LENGTH} characters.")
        outcome = save_article(
            post=post,
            body=body if body is not None else conversion.html_to_markdown(content.html),
            standfirst=standfirst,
            byline=author or settings.COLUMNIST_NAME,
            themes=themes,
            post_date=post_date,
        )
        return "article", outcome, warnings, images

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
        """The Theme for a ThemeChoice: one with its slug or name, used as it is, or new."""
        if choice.slug not in self._themes:
            theme = (
                Theme.objects.filter(slug=choice.slug).first()
                or Theme.objects.filter(name__iexact=choice.name).first()
            )
            if theme is None:
                theme, _ = upsert_theme(
                    match={"slug": choice.slug},
                    fields={},
                    create_fields={"name": choice.name, "description": choice.description},
                )
                self.report.created["theme"] += 1
            self._themes[choice.slug] = theme
        return self._themes[choice.slug]

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


def save_letter(*, post, parts, themes, post_date, columnist_name):
    """Create or update the letter and reply imported from `post`: its outcome.

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
    letter, outcome = upsert_letter(
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
    keep_old_addresses(piece=letter, post=post)
    replaced = forget_imported(Article, post=post)
    return UPDATED if replaced and outcome == UNCHANGED else outcome


def save_article(*, post, body, standfirst, byline, themes, post_date):
    """Create or update the article imported from `post`: its outcome."""
    existing = find_imported(Article, post=post)
    current = existing or Article()
    is_public = post.status in PUBLIC_STATUSES
    published_at = (post_date or current.published_at or timezone.now()) if is_public else None
    article, outcome = upsert_article(
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
    keep_old_addresses(piece=article, post=post)
    replaced = forget_imported(Letter, post=post)
    return UPDATED if replaced and outcome == UNCHANGED else outcome


def keep_old_addresses(*, piece, post):
    """Record the addresses `post` had on WordPress, its permalink and ?p=<post ID>, as
    `piece`'s (wpimport.models): they answer with a redirect to its page while public."""
    record_old_addresses(piece=piece, urls=[post.link, f"/?p={post.wordpress_id}"])


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


def forget_imported(model, *, post):
    """Delete what `post` was imported as before, when it has changed kind since.

    A column post that could not be split was an article; once it can, it is a letter (or
    the other way round). Without this the site would show it twice. Whether it did.
    """
    previous = find_imported(model, post=post)
    if previous is None:
        return False
    if model is Letter:
        withdraw_letter(letter=previous)
    else:
        delete_article(article=previous)
    return True


@dataclass
class Report:
    """What an import did, for the closing report: counts by kind ("letter", "article",
    "theme") for each outcome, and lists of posts and messages."""

    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)
    skipped_items: list = field(default_factory=list)  # "private post: post 8 “Notes”"
    dropped_terms: dict = field(default_factory=dict)  # "tag “💔”" → why it is no theme
    unsplit: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    images_elsewhere: list = field(default_factory=list)
    failures: list = field(default_factory=list)

    def skip(self, reason, post):
        """Count `post` as skipped for `reason` ("private post"), and name it."""
        self.skipped[reason] += 1
        self.skipped_items.append(f"{reason}: {post}")

    def lines(self, *, export, dry_run):
        """The report as lines of text, for the command to print."""
        lines = [f"{export.path} (WXR {export.version}): {export.item_count} items."]
        for kind, heading in (("letter", "Letters"), ("article", "Articles")):
            lines.append(
                f"{heading}: {self.created[kind]} created, {self.updated[kind]} updated, "
                f"{self.unchanged[kind]} unchanged."
            )
        lines.append(f"Themes: {self.created['theme']} created.")
        skipped = ", ".join(f"{count} {what}" for what, count in sorted(self.skipped.items()))
        lines.append(f"Skipped: {skipped or 'nothing'}.")
        lines.extend(f"  {item}" for item in self.skipped_items)
        if self.dropped_terms:
            lines.append("Categories and tags that became no theme:")
            lines.extend(f"  {term}: {why}" for term, why in self.dropped_terms.items())
        if self.unsplit:
            lines.append("Letters that could not be split into letter and reply (now articles):")
            lines.extend(f"  {post}" for post in self.unsplit)
        if self.warnings:
            lines.append("Warnings:")
            lines.extend(f"  {warning}" for warning in self.warnings)
        if export.repairs:
            lines.append("Repaired in the file as it was read (check these posts):")
            lines.extend(f"  {repair}" for repair in export.repairs)
        if self.images_elsewhere:
            lines.append(
                "Images on other hosts, which pages will not show: upload each one in the "
                "admin and use its new address, or add its host to IMAGE_HOSTS:"
            )
            lines.extend(f"  {image}" for image in self.images_elsewhere)
        if dry_run:
            lines.append("Dry run: nothing was written.")
        return lines


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
