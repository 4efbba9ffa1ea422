"""Import a WordPress export (WXR): column posts become letters with replies, the rest articles.

Reading, splitting and converting live in postbag.wordpress; this module writes. The file
is read twice, streaming: once to check all of it (a truncated or unsafe file is refused
with nothing written), then to import. Each batch of posts is one transaction and each
post a savepoint in it, so a post is imported whole or not at all and one bad post does
not stop the others. Rows remember the WordPress post ID and GUID they came from, so a
second run updates what changed and creates nothing twice.
"""

import re
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass, field
from itertools import islice
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.text import Truncator

from advice.models import Letter, Reply, Theme, default_columnist_sign_off
from articles.models import Article
from postbag import wordpress
from postbag.slugs import unique_slug

BATCH_SIZE = 200
LOG_EVERY = 500
STANDFIRST_LENGTH = 400  # Article.standfirst
PUBLIC_STATUSES = ("publish", "future")  # "future" is published with a date to come


class ImportConflict(Exception):
    """The post's WordPress ID belongs to a row imported from another site."""


class Command(BaseCommand):
    help = (
        "Import a WordPress export (Tools → Export → All content): posts in the column's "
        "category become letters with replies, other posts articles, categories and tags "
        "themes. Running it again with the same export updates what changed and duplicates "
        "nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE.xml", help="the WordPress export (WXR) file")
        parser.add_argument(
            "--letters-category",
            action="append",
            metavar="NAME",
            help="the category (name or slug) of the column's letters; may be repeated "
            f"(default: COLUMN_NAME, “{settings.COLUMN_NAME}”)",
        )
        parser.add_argument(
            "--reply-marker",
            metavar="REGEX",
            help="a line (matched in full, any case) after which the reply starts, for posts "
            "with neither a leading quotation nor a horizontal rule "
            f"(default: “{settings.COLUMNIST_NAME} replies:” and the like)",
        )
        parser.add_argument(
            "--theme-map",
            action="append",
            default=[],
            metavar="OLD=NEW,…",
            help="rename or merge categories and tags into themes, by slug",
        )
        parser.add_argument(
            "--only-themes",
            action="append",
            default=[],
            metavar="SLUG,…",
            help="keep only these themes (slugs, after --theme-map); drop the rest",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="read and report, but write nothing"
        )

    def handle(self, *args, **options):
        letters_categories = comma_list(options["letters_category"] or [settings.COLUMN_NAME])
        theme_map = parse_theme_map(options["theme_map"])
        only_themes = [wordpress.theme_slug(slug) for slug in comma_list(options["only_themes"])]
        reply_marker = compile_marker(options["reply_marker"])
        # The first pass reads the whole file before anything shows progress.
        self.stderr.write(f"Checking {options['file']}…", style_func=plain)
        try:
            export = wordpress.read_export(options["file"])
        except wordpress.WXRError as error:
            raise CommandError(f"{error} Nothing was imported.") from error

        importer = Importer(
            export=export,
            vocabulary=wordpress.Vocabulary(
                terms=export.terms,
                letters_categories=tuple(letters_categories),
                theme_map=theme_map,
                only_themes=frozenset(only_themes) if only_themes else None,
            ),
            reply_marker=reply_marker,
        )
        for slug in theme_map:
            if slug not in export.terms:
                importer.report.warnings.append(f"--theme-map: no category or tag “{slug}”.")
        progress = Progress(self.stderr, total=export.item_count)
        dry_run = options["dry_run"]
        try:
            # A dry run imports everything in one transaction and rolls it back, so that its
            # report is the real one: slugs, validation and all.
            with transaction.atomic() if dry_run else nullcontext():
                for batch in batched(wordpress.iter_posts(export.path), BATCH_SIZE):
                    with transaction.atomic():
                        for post in batch:
                            importer.import_post(post)
                            progress.advance()
                if dry_run:
                    transaction.set_rollback(True)
        except wordpress.WXRError as error:  # the file changed since it was checked
            raise CommandError(f"{error} Stopped after {progress.done} items.") from error
        finally:
            progress.finish()

        self.stdout.write("\n".join(importer.report.lines(export=export, dry_run=dry_run)))
        failures = importer.report.failures
        if failures:
            what = "nothing was written" if dry_run else "everything else was imported"
            raise CommandError(
                f"{len(failures)} of {export.item_count} items could not be imported "
                f"({what}):\n" + "\n".join(f"  {failure}" for failure in failures)
            )


class Importer:
    """Imports posts one at a time and keeps the tally for the closing report."""

    def __init__(self, *, export, vocabulary, reply_marker):
        self.export = export
        self.vocabulary = vocabulary
        self.reply_marker = reply_marker
        self.report = Report()
        self.local_timezone = timezone.get_default_timezone()
        self.site_host = urlsplit(settings.SITE_URL).hostname or ""
        self._themes = {}  # slug → Theme, so each is looked up once per run

    def import_post(self, post):
        """Import one item, or count it as skipped, or record why it failed."""
        if post.post_type != wordpress.IMPORTED_TYPE:
            self.report.skipped[post.post_type or "item without a type"] += 1
            return
        if post.status not in wordpress.IMPORTED_STATUSES or post.password:
            self.skip_hidden(post)
            return
        if post.wordpress_id is None:
            self.report.failures.append(f"{self.export.path}: {post}: it has no wp:post_id.")
            return
        themes_created = self.report.created["theme"]
        try:
            with transaction.atomic():
                kind, outcome, warnings, images = self.save(post)
        except (wordpress.ContentError, ValidationError, DatabaseError, ImportConflict) as error:
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
        content = wordpress.clean_content(post.content)
        images = self.images_elsewhere(content.html)
        warnings = []
        if content.removed_shortcodes:
            names = ", ".join(f"[{name}]" for name in content.removed_shortcodes)
            warnings.append(f"removed shortcodes {names}: add anything they showed by hand.")
        post_date = wordpress.publication_time(post, local_timezone=self.local_timezone)
        themes = [self.theme(choice) for choice in self.vocabulary.themes_for(post)]
        author = self.export.authors.get(post.creator) or post.creator
        if self.vocabulary.is_letter(post):
            parts = wordpress.split_letter(
                content.html,
                reply_marker=self.reply_marker,
                columnist_names=wordpress.columnist_names(settings.COLUMNIST_NAME, author),
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
        standfirst = wordpress.html_to_text(post.excerpt)
        if len(standfirst) > STANDFIRST_LENGTH:
            standfirst = Truncator(standfirst).chars(STANDFIRST_LENGTH)
            warnings.append(f"the excerpt was cut to {STANDFIRST_LENGTH} characters.")
        outcome = save_article(
            post=post,
            body=wordpress.html_to_markdown(content.html),
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
            for url in wordpress.image_sources(html_text)
            if wordpress.is_elsewhere(
                url, site_host=self.site_host, image_hosts=settings.IMAGE_HOSTS
            )
        ]

    def theme(self, choice):
        """The Theme for a ThemeChoice, made the first time it is needed."""
        if choice.slug not in self._themes:
            theme, created = save_theme(choice=choice)
            self.report.created["theme"] += created
            self._themes[choice.slug] = theme
        return self._themes[choice.slug]

    def skip_hidden(self, post):
        """Count a private, pending, trashed or password-protected post as skipped.

        One imported by an earlier run is left as it is, with a warning: whether it should
        go is for an editor to decide.
        """
        reason = "password-protected" if post.password else post.status or "unknown-status"
        self.report.skipped[f"{reason} post"] += 1
        if post.wordpress_id is None:
            return
        for model in (Letter, Article):
            if model.objects.filter(wordpress_id=post.wordpress_id).exists():
                self.report.warnings.append(
                    f"{post}: now {reason} in WordPress, but imported before as "
                    f"{model._meta.verbose_name}; left as it is."
                )


@dataclass
class Report:
    """What an import did, for the closing report."""

    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)
    unsplit: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    images_elsewhere: list = field(default_factory=list)
    failures: list = field(default_factory=list)

    def lines(self, *, export, dry_run):
        lines = [f"{export.path} (WXR {export.version}): {export.item_count} items."]
        for kind, heading in (("letter", "Letters"), ("article", "Articles")):
            lines.append(
                f"{heading}: {self.created[kind]} created, {self.updated[kind]} updated, "
                f"{self.unchanged[kind]} unchanged."
            )
        lines.append(f"Themes: {self.created['theme']} created.")
        skipped = ", ".join(f"{count} {what}" for what, count in sorted(self.skipped.items()))
        lines.append(f"Skipped: {skipped or 'nothing'}.")
        if self.unsplit:
            lines.append("Letters that could not be split into letter and reply (now articles):")
            lines.extend(f"  {post}" for post in self.unsplit)
        if self.warnings:
            lines.append("Warnings:")
            lines.extend(f"  {warning}" for warning in self.warnings)
        if self.images_elsewhere:
            lines.append(
                "Images on other hosts, which pages will not show: upload each one in the "
                "admin and use its new address, or add its host to IMAGE_HOSTS:"
            )
            lines.extend(f"  {image}" for image in self.images_elsewhere)
        if dry_run:
            lines.append("Dry run: nothing was written.")
        return lines


class Progress:
    """A bar on a terminal; elsewhere (cron, CI, a log file) a plain line now and then."""

    WIDTH = 30

    def __init__(self, out, *, total):
        self.out = out
        self.total = total
        self.done = 0
        self.is_terminal = out.isatty()
        self._percent_shown = None

    def advance(self):
        self.done += 1
        if self.is_terminal:
            percent = self.done * 100 // max(self.total, 1)
            if percent != self._percent_shown:  # redraw only when the bar moves
                self._percent_shown = percent
                filled = self.WIDTH * percent // 100
                bar = "#" * filled + "-" * (self.WIDTH - filled)
                self._write(f"\r[{bar}] {percent:3d}%  {self.done} of {self.total} items")
        elif self.done % LOG_EVERY == 0:
            self._write(f"Read {self.done} of {self.total} items.\n")

    def finish(self):
        if self.is_terminal and self.done:
            self._write("\n")

    def _write(self, text):
        # Progress is not an error: keep the plain colour stderr would otherwise get.
        self.out.write(text, style_func=plain, ending="")
        self.out.flush()


def plain(text):
    """No styling: OutputWrapper's style_func for text that is not an error."""
    return text


# --- Writes ---------------------------------------------------------------------------


@transaction.atomic
def save_theme(*, choice):
    """The theme for `choice`, found by slug or name, or made: (theme, created)."""
    theme = (
        Theme.objects.filter(slug=choice.slug).first()
        or Theme.objects.filter(name__iexact=choice.name).first()
    )
    if theme is not None:
        return theme, False
    theme = Theme(slug=choice.slug, name=choice.name, description=choice.description)
    theme.full_clean()
    theme.save()
    return theme, True


@transaction.atomic
def save_letter(*, post, parts, themes, post_date, columnist_name):
    """Create or update the letter and reply imported from `post`: its outcome.

    Published and scheduled posts are published letters (a scheduled one with its future
    date); drafts have a reply, so they are answered letters, waiting to be published. The
    post's date also stands for when the letter was received: the export knows no other.
    """
    letter = find_imported(Letter, post=post) or Letter()
    is_public = post.status in PUBLIC_STATUSES
    changed = assign(
        letter,
        wordpress_id=post.wordpress_id,
        wordpress_guid=post.guid,
        title=post.title,
        slug=unique_slug(letter, post.slug or post.title) if post.slug or post.title else None,
        original_text=parts.letter_text,
        original_sign_off=parts.sign_off,
        body=parts.letter,
        sign_off=parts.sign_off,
        status=Letter.Status.PUBLISHED if is_public else Letter.Status.ANSWERED,
        published_at=(post_date or letter.published_at or timezone.now()) if is_public else None,
        # Received no later than published; a scheduled letter has arrived already.
        received_at=min(post_date, letter.received_at) if post_date else letter.received_at,
    )
    created = letter.pk is None
    if changed:
        letter.full_clean()
        letter.save()
    reply = Reply.objects.filter(letter=letter).first() or Reply(letter=letter)
    reply_changed = assign(
        reply,
        body=parts.reply,
        columnist_name=columnist_name,
        sign_off=parts.reply_sign_off or default_columnist_sign_off(),
    )
    if reply_changed or reply.pk is None:
        reply.full_clean()
        reply.save()
    themes_changed = set_themes(letter, themes)
    replaced = forget_imported(Article, post=post)
    return outcome(created, changed or reply_changed or themes_changed or replaced)


@transaction.atomic
def save_article(*, post, body, standfirst, byline, themes, post_date):
    """Create or update the article imported from `post`: its outcome."""
    article = find_imported(Article, post=post) or Article()
    is_public = post.status in PUBLIC_STATUSES
    changed = assign(
        article,
        wordpress_id=post.wordpress_id,
        wordpress_guid=post.guid,
        title=post.title,
        slug=unique_slug(article, post.slug or post.title),
        byline=byline,
        standfirst=standfirst,
        body=body,
        status=Article.Status.PUBLISHED if is_public else Article.Status.DRAFT,
        published_at=(post_date or article.published_at or timezone.now()) if is_public else None,
    )
    created = article.pk is None
    if changed:
        article.full_clean()
        article.save()
    themes_changed = set_themes(article, themes)
    replaced = forget_imported(Letter, post=post)
    return outcome(created, changed or themes_changed or replaced)


def find_imported(model, *, post):
    """The row imported from `post` by an earlier run, by WordPress ID, else by GUID.

    The same ID with another GUID is another site's post: refused rather than overwritten.
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
    the other way round). Without this the site would show it twice.
    """
    previous = find_imported(model, post=post)
    if previous is None:
        return False
    previous.delete()
    return True


def assign(instance, **values):
    """Set the fields that differ; whether any did."""
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, values[name])
    return bool(changed) or instance.pk is None


def set_themes(item, themes):
    """Set the item's themes if they differ; whether they did."""
    wanted = {theme.pk for theme in themes}
    if set(item.themes.values_list("pk", flat=True)) == wanted:
        return False
    item.themes.set(themes)
    return True


def outcome(created, changed):
    """The report's word for what happened to a row."""
    if created:
        return "created"
    return "updated" if changed else "unchanged"


# --- Options --------------------------------------------------------------------------


def comma_list(values):
    """The items of a repeatable, comma-separated option: ["a,b", "c"] → ["a", "b", "c"]."""
    return [item.strip() for value in values for item in value.split(",") if item.strip()]


def parse_theme_map(values):
    """`--theme-map old=new,…` as {old slug: new slug}."""
    mapping = {}
    for item in comma_list(values):
        old, equals, new = item.partition("=")
        old, new = wordpress.theme_slug(old), wordpress.theme_slug(new)
        if not equals or not old or not new:
            raise CommandError(f"--theme-map takes OLD=NEW pairs of slugs, not “{item}”.")
        mapping[old] = new
    return mapping


def compile_marker(pattern):
    """The reply marker as a pattern; by default "Elizabeth replies:" and the like."""
    if pattern is None:
        name = re.escape(settings.COLUMNIST_NAME)
        pattern = rf"(?:{name}|the columnist)\s+(?:replies|answers|says|writes)\s*:?"
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as error:
        raise CommandError(f"--reply-marker is not a valid regular expression: {error}.") from error


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
