"""The import's progress: a bar on a terminal, a plain line now and then elsewhere."""

from io import StringIO

from django.core.management.base import OutputWrapper

from wpimport.progress import LOG_EVERY, Progress


class Terminal(StringIO):
    def isatty(self):
        return True


def test_progress_draws_a_bar_on_a_terminal():
    terminal = Terminal()
    progress = Progress(OutputWrapper(terminal), total=4)
    for _ in range(4):
        progress.advance()
    progress.finish()

    assert terminal.getvalue().endswith(f"\r[{'#' * 30}] 100%  4 of 4 items\n")
    assert "\x1b[" not in terminal.getvalue()  # not coloured like an error


def test_progress_writes_a_plain_line_now_and_then_elsewhere():
    log = StringIO()
    progress = Progress(OutputWrapper(log), total=LOG_EVERY * 2 + 1)
    for _ in range(LOG_EVERY * 2 + 1):
        progress.advance()
    progress.finish()

    assert log.getvalue().splitlines() == [
        f"Read {LOG_EVERY} of {LOG_EVERY * 2 + 1} items.",
        f"Read {LOG_EVERY * 2} of {LOG_EVERY * 2 + 1} items.",
    ]
