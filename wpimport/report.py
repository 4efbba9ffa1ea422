"""What an import did, told at its end: counts, and every post that needs a look, by name.

The importer (wpimport.importer) fills a `Report` post by post; the command prints its
`lines`. Nothing an import changes or leaves behind goes unnamed: skipped items, terms that
became no theme, posts that changed kind since the last import, what WordPress had that
Postbag doesn't import (reader comments, featured images), warnings and repairs.
"""

from collections import Counter
from dataclasses import dataclass, field


def plural(count, singular, plural_form=None):
    """ "1 item", "2 items": `count` with the noun that fits it."""
    return f"{count} {singular if count == 1 else plural_form or singular + 's'}"


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
    # Posts imported before as the other kind: "post 1 “…” was a letter and is now …".
    kind_changes: list = field(default_factory=list)
    letters_lost: list = field(default_factory=list)  # of those, letters that became articles
    letters_categories_unmatched: list = field(default_factory=list)  # warnings about them
    comments: dict = field(default_factory=dict)  # "post 3 “…”" → its reader comments
    featured_images: list = field(default_factory=list)  # posts that had one
    warnings: list = field(default_factory=list)
    images_elsewhere: list = field(default_factory=list)
    failures: list = field(default_factory=list)

    def skip(self, reason, post):
        """Count `post` as skipped for `reason` ("private post"), and name it."""
        self.skipped[reason] += 1
        self.skipped_items.append(f"{reason}: {post}")

    def not_imported(self, post):
        """Note what `post` (a wxr.Post being imported) had that no Postbag piece keeps."""
        if post.comment_count:
            self.comments[str(post)] = post.comment_count
        if post.featured_image:
            self.featured_images.append(str(post))

    def not_imported_line(self):
        """One sentence naming the reader comments and featured images left behind, or ""."""
        parts = []
        if self.comments:
            count = sum(self.comments.values())
            each = ", ".join(f"{post}: {n}" for post, n in self.comments.items())
            parts.append(
                f"{plural(count, 'reader comment')} on {plural(len(self.comments), 'post')} "
                f"({each})"
            )
        if self.featured_images:
            posts = ", ".join(self.featured_images)
            parts.append(
                f"the featured images of {plural(len(self.featured_images), 'post')} ({posts})"
            )
        return f"Not imported: {'; '.join(parts)}." if parts else ""

    def lines(self, *, export, dry_run):
        """The report as lines of text, for the command to print."""
        lines = [f"{export.path} (WXR {export.version}): {plural(export.item_count, 'item')}."]
        for kind, heading in (("letter", "Letters"), ("article", "Articles")):
            lines.append(
                f"{heading}: {self.created[kind]} created, {self.updated[kind]} updated, "
                f"{self.unchanged[kind]} unchanged."
            )
        lines.append(f"Themes: {self.created['theme']} created.")
        skipped = ", ".join(f"{count} {what}" for what, count in sorted(self.skipped.items()))
        lines.append(f"Skipped: {skipped or 'nothing'}.")
        lines.extend(f"  {item}" for item in self.skipped_items)
        if not_imported := self.not_imported_line():
            lines.append(not_imported)
        if self.dropped_terms:
            lines.append("Categories and tags that became no theme:")
            lines.extend(f"  {term}: {why}" for term, why in self.dropped_terms.items())
        if self.kind_changes:
            lines.append("Changed kind since the last import:")
            lines.extend(f"  {change}" for change in self.kind_changes)
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
