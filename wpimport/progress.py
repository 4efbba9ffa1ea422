"""Progress of a long import: a bar on a terminal, a plain line now and then elsewhere."""

LOG_EVERY = 500  # items between two lines of progress where there is no terminal


class Progress:
    """A bar on a terminal; elsewhere (cron, CI, a log file) a plain line now and then.

    `out` is a management command's OutputWrapper (its stderr); `total` the item count.
    """

    WIDTH = 30

    def __init__(self, out, *, total):
        self.out = out
        self.total = total
        self.done = 0
        self.is_terminal = out.isatty()
        self._percent_shown = None

    def advance(self):
        """One more item done."""
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
        """End the bar's line, so that what follows starts on a line of its own."""
        if self.is_terminal and self.done:
            self._write("\n")

    def _write(self, text):
        # Progress is not an error: keep the plain colour stderr would otherwise get.
        self.out.write(text, style_func=plain, ending="")
        self.out.flush()


def plain(text):
    """No styling: OutputWrapper's style_func for text that is not an error."""
    return text
