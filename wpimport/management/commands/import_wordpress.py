"""Import a WordPress export (WXR): column posts become letters with replies, the rest articles.

Options, progress and exit status only: the file is read whole first (wpimport.wxr), then
imported by wpimport.importer.Importer, which keeps the report printed at the end. With -v 0
there is no progress, and the report is printed only when something in it needs a look.
"""

import io
import re

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, OutputWrapper

from wpimport.importer import Importer, KindChangesRefused
from wpimport.progress import Progress, plain
from wpimport.splitting import default_reply_marker
from wpimport.vocabulary import Vocabulary, parse_theme_map
from wpimport.wxr import WXRError, read_export, term_slug

# Exit statuses, besides 0 (everything imported from a sound file), Django's 1 for a refused
# file or a wrong option (nothing imported) and argparse's 2 for a command line it can't read.
REPAIRED = 3  # everything imported, from a file with damage that was repaired
IMPORTED_IN_PART = 4  # some posts failed, or the file can't be read to its end


class Command(BaseCommand):
    help = (
        "Import a WordPress export (Tools → Export → All content): posts in the column's "
        "category become letters with replies, other posts articles, categories and tags "
        "themes. Running it again with the same export updates what changed and duplicates "
        "nothing. Exit status: 0 when everything was imported from a sound file; 1 when "
        "nothing was (the file was refused, or an option is wrong); 2 when the command line "
        f"can't be read; {REPAIRED} when everything was imported, but the file had damage "
        "that was repaired or left out as it was read (wrong bytes, characters XML forbids, "
        "a mislabelled encoding, a PHP message printed before or after the export: the "
        f"report lists each one); {IMPORTED_IN_PART} when only part was imported: "
        "some posts failed, or the file can't be read to its end (cut short, or not "
        "well-formed there), and the posts before that point were imported."
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
            help="where the reply starts, in posts with neither a leading quotation nor a "
            "horizontal rule: the first line after the letter's first that starts with it, "
            "in any case, whatever punctuation ends the line (a regular expression; plain "
            "words work as they are). A line that is only a label (“Elizabeth replies:”) is "
            "dropped, and so is a label before a colon (“Elizabeth replies: It…” keeps "
            "“It…”); a line that is a sentence (“Thanks for writing!”, “Thanks for writing, "
            "it takes courage.”) stays as the reply's first line "
            f"(default: “{settings.COLUMNIST_NAME} replies:” and the like)",
        )
        parser.add_argument(
            "--theme-map",
            action="append",
            default=[],
            metavar="OLD=NEW,…",
            help="rename or merge categories and tags into themes, by name or slug, in any "
            "script and percent-encoded or not (--theme-map дружба=friendship)",
        )
        parser.add_argument(
            "--only-themes",
            action="append",
            default=[],
            metavar="NAME,…",
            help="keep only these themes (names or slugs, after --theme-map); drop the rest, "
            "each named in the report",
        )
        parser.add_argument(
            "--allow-kind-changes",
            action="store_true",
            help="let letters imported before become articles (their letters and replies "
            "are deleted). Without it, an import that would do so stops, having written "
            "nothing, and names them: usually --letters-category or --reply-marker is not "
            "the one used before",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="read and report, but write nothing"
        )

    def handle(self, *args, **options):
        letters_categories = comma_list(options["letters_category"] or [settings.COLUMN_NAME])
        only_themes = {term_slug(slug) for slug in comma_list(options["only_themes"])}
        try:
            theme_map = parse_theme_map(comma_list(options["theme_map"]))
        except ValueError as error:
            raise CommandError(error) from error
        pattern = options["reply_marker"] or default_reply_marker(settings.COLUMNIST_NAME)
        try:
            reply_marker = re.compile(pattern, re.IGNORECASE)
        except re.error as error:
            raise CommandError(
                f"--reply-marker is not a valid regular expression: {error}."
            ) from error

        quiet = options["verbosity"] == 0
        # The first pass reads the whole file before anything shows progress.
        if not quiet:
            self.stderr.write(f"Checking {options['file']}…", style_func=plain)
        try:
            export = read_export(options["file"])
        except WXRError as error:
            raise CommandError(f"{error} Nothing was imported.") from error
        vocabulary = Vocabulary(
            terms=export.terms,
            letters_categories=tuple(letters_categories),
            theme_map=theme_map,
            only_themes=frozenset(only_themes) if only_themes else None,
            letters_categories_given=bool(options["letters_category"]),
        )
        importer = Importer(
            export=export,
            vocabulary=vocabulary,
            reply_marker=reply_marker,
            allow_kind_changes=options["allow_kind_changes"],
        )
        # At -v 0 the items are still counted (for the error below), not shown.
        shown_to = OutputWrapper(io.StringIO()) if quiet else self.stderr
        progress = Progress(shown_to, total=export.item_count)
        dry_run = options["dry_run"]
        try:
            report = importer.run(dry_run=dry_run, on_item=progress.advance)
        except WXRError as error:  # the file changed since it was checked
            raise CommandError(f"{error} Stopped after {progress.done} items.") from error
        except KindChangesRefused as refused:
            raise CommandError(kind_changes_refused(refused.report)) from refused
        finally:
            progress.finish()

        needs_a_look = report.unsplit or report.warnings or report.images_elsewhere
        if not quiet or needs_a_look or export.repairs or export.stop:
            self.stdout.write("\n".join(report.lines(export=export, dry_run=dry_run)))
        problems = []
        if report.failures:
            what = "nothing was written" if dry_run else "everything else was imported"
            problems.append(
                f"{len(report.failures)} of {export.item_count} items could not be imported "
                f"({what}):\n" + "\n".join(f"  {failure}" for failure in report.failures)
            )
        if export.stop is not None:
            problems.append(read_in_part(export, dry_run=dry_run))
        if problems:
            raise CommandError("\n".join(problems), returncode=IMPORTED_IN_PART)
        if export.repairs:
            raise CommandError(
                f"{export.path} had damage, repaired as it was read: check the posts listed "
                "under “Repaired in the file” above.",
                returncode=REPAIRED,
            )


def read_in_part(export, *, dry_run):
    """What to say of an export that can't be read to its end (`export.stop`)."""
    count = export.item_count
    items = f"{count} complete item was" if count == 1 else f"{count} complete items were"
    done = "read (nothing was written: a dry run)" if dry_run else "imported as reported"
    if export.stop.at_the_end:
        remedy = "Download the export again"
    else:
        remedy = "Correct the file there (any text editor shows lines and columns)"
    return (
        f"{export.stop.message} Before that point, {items} {done}; whatever came after "
        f"it was not. {remedy} and run the command again: "
        "what is imported already is updated then, not duplicated."
    )


def kind_changes_refused(report):
    """What to say when letters imported before would have become articles."""
    lost = report.letters_lost
    what = (
        "1 letter imported before would become an article, and the letter, its reply and "
        "its text as received would be deleted:"
        if len(lost) == 1
        else f"{len(lost)} letters imported before would become articles, and each letter, "
        "its reply and its text as received would be deleted:"
    )
    return "\n".join(
        [
            what,
            *(f"  {post}" for post in lost),
            *report.letters_categories_unmatched,
            "Nothing was imported. Check --letters-category and --reply-marker against the "
            "last import; if the posts did change in WordPress, run the command again with "
            "--allow-kind-changes.",
        ]
    )


def comma_list(values):
    """The items of a repeatable, comma-separated option: ["a,b", "c"] → ["a", "b", "c"]."""
    return [item.strip() for value in values for item in value.split(",") if item.strip()]
