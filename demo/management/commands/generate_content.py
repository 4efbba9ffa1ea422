import time

from django.core.management.base import BaseCommand, CommandError

from demo.generator.writers import check_counts, generate


class Command(BaseCommand):
    help = (
        "For benchmarks only: generate letters (with replies), articles and themes of "
        "realistic length, published over 20 years, with slugs starting 'gen-'; --clear first "
        "deletes what was generated before. On PostgreSQL several writers work in parallel, "
        "each batch in its own transaction: an interrupted run leaves whole batches behind, "
        "which --clear removes. Run it on a benchmark database, not on a live site."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--letters", type=int, default=1000, help="Letters to make, each with a reply."
        )
        parser.add_argument("--articles", type=int, default=100, help="Articles to make.")
        parser.add_argument(
            "--themes", type=int, default=30, help="Themes to tag them with (at least 1)."
        )
        parser.add_argument("--clear", action="store_true", help="Delete generated content first.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (repeatable runs).")
        parser.add_argument(
            "--workers",
            type=int,
            default=2,
            help="Parallel writers on PostgreSQL (about one per CPU core); SQLite uses one.",
        )

    def handle(self, *args, letters, articles, themes, clear, seed, workers, verbosity, **options):
        try:
            check_counts(letters=letters, articles=articles, themes=themes)
        except ValueError as error:
            raise CommandError(error) from None
        started = time.monotonic()
        generate(
            letters=letters,
            articles=articles,
            themes=themes,
            clear=clear,
            seed=seed,
            workers=workers,
            on_step=lambda label, seconds: self.progress(verbosity, f"{label}: {seconds:.1f} s"),
        )
        self.progress(verbosity, f"Done in {time.monotonic() - started:.1f} s.")

    def progress(self, verbosity, line):
        """Timings are for whoever watches the run: none at -v 0 (a script's run)."""
        if verbosity >= 1:
            self.stdout.write(line)
