"""CPU time to render each demo text and each pathological input: the site's renderer
(markdown-it-py), and Python-Markdown, the renderer before it, where it is installed.

    .venv/bin/python bench/render_bench.py               # both renderers
    .venv/bin/python bench/render_bench.py --new-only    # markdown-it-py alone (quick)

Each figure is CPU time (time.process_time), not the clock, rendered past the memo and
sanitised by nh3 as a page is: the least of --runs renders for a demo text, of 3 for a
pathological input (the old renderer takes seconds on some: once; "Recursion" where it
fails with a RecursionError). The pathological inputs are tests/test_markdown.py's, each at
most a letter's 5,000 characters.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import compare_renderers  # noqa: E402
from compare_renderers import demo_texts, new_html, old_html  # noqa: E402

from tests.test_markdown import PATHOLOGICAL  # noqa: E402


def cpu_ms(render, text, runs):
    """The least CPU time, in milliseconds, of `runs` calls of render(text)."""
    times = []
    for _ in range(runs):
        start = time.process_time()
        render(text)
        times.append(time.process_time() - start)
    return min(times) * 1000


def table(rows, renderers, runs):
    """Print one line per (name, text): its length and each renderer's time; return the
    times per renderer."""
    totals = {name: [] for name in renderers}
    for name, text in rows:
        figures = []
        for renderer_name, render in renderers.items():
            try:
                milliseconds = cpu_ms(render, text, runs)
            except RecursionError:  # Python-Markdown on deeply nested lists: a 500
                figures.append(f"{'Recursion':>10}")
                continue
            totals[renderer_name].append(milliseconds)
            figures.append(f"{milliseconds:10.2f}")
        print(f"{name[:58]:58} {len(text):6} {''.join(figures)}")
    return totals


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--new-only", action="store_true", help="markdown-it-py alone")
    parser.add_argument("--runs", type=int, default=20, help="renders of each demo text")
    options = parser.parse_args()
    renderers = {"markdown-it": new_html}
    if compare_renderers.markdown is not None and not options.new_only:
        renderers["Python-Markdown"] = old_html
    header = f"{'text':58} {'chars':>6} " + "".join(f"{name[:10]:>10}" for name in renderers)

    print(f"Demo texts: CPU ms, the least of {options.runs} renders\n{header}")
    totals = table(list(demo_texts()), renderers, options.runs)
    for name, times in totals.items():
        print(f"{name}: mean {statistics.mean(times):.2f} ms, max {max(times):.2f} ms a text")

    print(f"\nPathological inputs: CPU ms\n{header}")
    rows = list(PATHOLOGICAL.items())
    totals = table(rows, {"markdown-it": new_html}, 3)
    if "Python-Markdown" in renderers:
        print("\nThe same with Python-Markdown (once each; some take seconds)")
        old = table(rows, {"Python-Markdown": old_html}, 1)["Python-Markdown"]
        print(f"Python-Markdown: worst {max(old):.0f} ms")
    print(f"markdown-it: worst {max(totals['markdown-it']):.1f} ms")


if __name__ == "__main__":
    main()
