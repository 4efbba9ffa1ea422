"""Every demo text rendered by the old renderer and the new one, and where they differ.

The old one is Python-Markdown (extensions extra, sane_lists, smarty), the site's renderer
until markdown-it-py replaced it; the new one is postbag.markdown. Both go through the same
nh3 call with the same allow-list, so what differs is the Markdown alone. Needs
Python-Markdown, which the site itself no longer does (django-markdownx still installs it):

    .venv/bin/python bench/compare_renderers.py            # a summary and every difference
    .venv/bin/python bench/compare_renderers.py --quiet    # the summary only

The texts are the ones readers see rendered: themes' descriptions, articles' bodies, the
letters for publication and the replies (demo/content/). Exits 1 when any text differs, so
that a change of either library shows up when this is run again.
"""

import argparse
import difflib
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import nh3  # noqa: E402

from demo import files  # noqa: E402
from postbag import markdown as site_markdown  # noqa: E402

try:
    import markdown
except ModuleNotFoundError:  # the site no longer needs it; comparing does
    markdown = None

OLD_EXTENSIONS = ["extra", "sane_lists", "smarty"]
BETWEEN_TAGS = re.compile(r">\s+<")


def old_html(text):
    """`text` as the site rendered it with Python-Markdown: the same nh3 call as now."""
    return nh3.clean(
        markdown.markdown(text, extensions=OLD_EXTENSIONS, output_format="html"),
        tags=site_markdown.ALLOWED_TAGS,
        attributes=site_markdown.ALLOWED_ATTRIBUTES,
        url_schemes=site_markdown.ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


def new_html(text):
    """`text` as the site renders it now (without the memo)."""
    return site_markdown.sanitised_html(text)


def comparable(html):
    """`html` one element a line, without the white space between tags, which no reader
    sees: (Python-Markdown and markdown-it break lines in different places)."""
    return BETWEEN_TAGS.sub("><", html.strip()).replace("><", ">\n<").split("\n")


def demo_texts(folder=files.CONTENT):
    """(name, Markdown) for every demo text that is rendered as Markdown on a page."""
    for theme in files.read_themes(folder):
        yield f"theme {theme['slug']}: description", theme["description"]
    for article in files.read_articles(folder):
        yield f"article {article['slug']}", article["body"]
    for letter in files.read_letters(folder):
        yield f"letter {letter['slug']}", letter["body"]
        yield f"letter {letter['slug']}: reply", letter["reply"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quiet", action="store_true", help="print the summary only")
    options = parser.parse_args()
    if markdown is None:
        sys.exit("Python-Markdown is needed to compare: .venv/bin/pip install Markdown")
    texts = list(demo_texts())
    differing = 0
    for name, text in texts:
        old, new = comparable(old_html(text)), comparable(new_html(text))
        if old == new:
            continue
        differing += 1
        if not options.quiet:
            print(f"== {name}")
            sys.stdout.writelines(
                line + "\n"
                for line in difflib.unified_diff(old, new, "Python-Markdown", "markdown-it-py", n=0)
            )
    print(f"{len(texts)} demo texts; {len(texts) - differing} identical, {differing} differ.")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
