"""The demo content files under demo/content/, read into plain dictionaries.

The files are for the person who writes the demo column (demo/content/README.md says how
to edit them): themes and series are TOML lists, and each letter, article and inbox
letter is a Markdown file with TOML front matter between two `+++` lines, its slug being
the file's name. Only the standard library reads them (`tomllib`). Every text comes back
exactly as written, without the blank lines around it.
"""

import re
import tomllib
from pathlib import Path

# `](images/<file>`: a drawing of the demo's own in a text (demo.images uploads it).
DEMO_IMAGE = re.compile(r"(?<=\]\()images/[A-Za-z0-9_.-]+(?=[\s)])")

CONTENT = Path(__file__).resolve().parent / "content"

FRONT_MATTER_FENCE = "+++"
# A letter file's three texts, each under a first-level heading of its own, in this order
# (the names of the admin's boxes, so the editor knows which is which).
LETTER_SECTIONS = {
    "As received": "original_text",
    "For publication": "body",
    "Reply": "reply",
}

# Optional, after the reply: what the writer sent afterwards, as published under the letter
# (`update_days_ago` in the front matter says when).
UPDATE_SECTION = "Update from the letter writer"

LETTER_KEYS = {
    "title",
    "status",
    "days_ago",
    "themes",
    "sign_off_as_received",
    "sign_off",
    "reply_sign_off",
}
# After publication (postbag.after_publication), for letters and articles alike: a content
# note, and `rerun_days_ago` for a classic re-run that many days ago.
AFTER_PUBLICATION_KEYS = {"content_note", "rerun_days_ago"}
LETTER_OPTIONAL_KEYS = AFTER_PUBLICATION_KEYS | {"update_days_ago"}
ARTICLE_KEYS = {"title", "byline", "standfirst", "status", "days_ago", "themes"}
ARTICLE_OPTIONAL_KEYS = AFTER_PUBLICATION_KEYS | {"series", "series_part"}
INBOX_KEYS = {"sign_off", "days_ago"}
ABOUT_KEYS = {"name", "portrait", "portrait_description"}
ABOUT_SECTIONS = {"Introduction": "introduction", "How to write in": "how_to_write"}
THEME_KEYS = {"name", "slug", "description"}
THEME_OPTIONAL_KEYS = {"section", "show_crisis_notice"}
SERIES_KEYS = {"title", "slug", "description"}


class ContentError(ValueError):
    """A demo content file that can't be read as the format says; the message names the
    file and what is wrong with it."""


def read_themes(folder=CONTENT):
    """themes.toml's `[[theme]]` tables, in file order: dicts of name, slug, description,
    and `section` (the slug of another theme in the file) for a theme in a section;
    `show_crisis_notice = true` for a theme whose pieces show the crisis notice.

    Raises ContentError for a section that isn't in the file or is itself in a section
    (sections go one level deep)."""
    path = folder / "themes.toml"
    themes = _read_list(path, "theme", THEME_KEYS, THEME_OPTIONAL_KEYS)
    sections = {theme["slug"]: theme for theme in themes if "section" not in theme}
    for theme in themes:
        section = theme.get("section")
        if section is not None and section not in sections:
            raise ContentError(
                f"{path}: theme {theme['slug']}: its section '{section}' must be a theme in "
                "this file without a section of its own"
            )
    return themes


def read_series(folder=CONTENT):
    """series.toml's `[[series]]` tables, in file order: dicts of title, slug, description."""
    return _read_list(folder / "series.toml", "series", SERIES_KEYS)


def read_articles(folder=CONTENT):
    """articles/*.md, by file name: the front matter (ARTICLE_KEYS, and `series` and
    `series_part` for a part of a series), with `slug` (the file's name) and `body`.
    An image in the body may name a drawing in images/ (demo.images): `images/<file>`."""
    articles = []
    for path in _markdown_files(folder / "articles"):
        front, body = split_front_matter(path)
        _check_keys(path, front, ARTICLE_KEYS, ARTICLE_OPTIONAL_KEYS)
        _check_images(path, folder, body)
        articles.append({"slug": path.stem, **front, "body": _required_text(path, body)})
    return articles


def read_letters(folder=CONTENT):
    """letters/*.md, by file name: the front matter (LETTER_KEYS, and LETTER_OPTIONAL_KEYS),
    with `slug` (the file's name) and the three texts as `original_text`, `body` and `reply`
    (LETTER_SECTIONS), and `update` for a letter with an UPDATE_SECTION after its reply.

    Raises ContentError for an update without `update_days_ago`, or the other way round."""
    letters = []
    for path in _markdown_files(folder / "letters"):
        front, text = split_front_matter(path)
        _check_keys(path, front, LETTER_KEYS, LETTER_OPTIONAL_KEYS)
        expected = LETTER_SECTIONS
        if f"# {UPDATE_SECTION}" in text.split("\n"):
            expected = {**LETTER_SECTIONS, UPDATE_SECTION: "update"}
        sections = split_sections(path, text, expected)
        if ("update" in sections) != ("update_days_ago" in front):
            raise ContentError(f"{path}: '# {UPDATE_SECTION}' and update_days_ago go together")
        letters.append({"slug": path.stem, **front, **sections})
    return letters


def read_inbox(folder=CONTENT):
    """inbox/*.md, by file name: letters as a reader sends them, dicts of `sign_off`,
    `days_ago` (when it arrived) and `text`."""
    letters = []
    for path in _markdown_files(folder / "inbox"):
        front, text = split_front_matter(path)
        _check_keys(path, front, INBOX_KEYS)
        letters.append({**front, "text": _required_text(path, text)})
    return letters


def split_front_matter(path):
    """(front matter as a dict, the Markdown after it) of the file at `path`.

    Raises ContentError when the file doesn't open with a `+++` line, has no closing one,
    or holds TOML that doesn't parse.
    """
    lines = path.read_text(encoding="utf-8").split("\n")
    if lines[0] != FRONT_MATTER_FENCE:
        raise ContentError(f"{path}: the first line must be {FRONT_MATTER_FENCE}")
    try:
        end = lines.index(FRONT_MATTER_FENCE, 1)
    except ValueError:
        raise ContentError(f"{path}: the front matter has no closing line") from None
    try:
        front = tomllib.loads("\n".join(lines[1:end]))
    except tomllib.TOMLDecodeError as error:
        raise ContentError(f"{path}: the front matter is not valid TOML ({error})") from None
    return front, "\n".join(lines[end + 1 :])


def split_sections(path, text, expected=LETTER_SECTIONS):
    """A file's Markdown cut at its `expected` headings ({heading: field name}; a letter's
    LETTER_SECTIONS unless told): {field name: text}.

    Raises ContentError unless the headings are there, once each, in order, and each has
    some text under it.
    """
    lines = text.split("\n")
    headings = {f"# {heading}": heading for heading in expected}
    starts = [n for n, line in enumerate(lines) if line in headings]
    found = [headings[lines[n]] for n in starts]
    if found != list(expected):
        names = ", ".join(f"'# {heading}'" for heading in expected)
        raise ContentError(f"{path}: the file has the headings {names}, in this order")
    if "\n".join(lines[: starts[0]]).strip():
        raise ContentError(f"{path}: text before '# {found[0]}'")
    sections = {}
    for heading, start, end in zip(found, starts, [*starts[1:], len(lines)], strict=True):
        text = _required_text(path, "\n".join(lines[start + 1 : end]), heading)
        sections[expected[heading]] = text
    return sections


def read_about(folder=CONTENT):
    """about.md, the About page: its front matter (ABOUT_KEYS; `portrait`, the name of an
    image file beside it, becomes its Path) and the texts under ABOUT_SECTIONS as
    `introduction` and `how_to_write`. None when there is no about.md."""
    path = folder / "about.md"
    if not path.is_file():
        return None
    front, text = split_front_matter(path)
    _check_keys(path, front, ABOUT_KEYS)
    portrait = folder / front["portrait"]
    if portrait.parent != folder or not portrait.is_file():
        raise ContentError(f"{path}: no portrait file {front['portrait']!r} beside it")
    return {**front, "portrait": portrait, **split_sections(path, text, ABOUT_SECTIONS)}


def _read_list(path, name, keys, optional=frozenset()):
    try:
        items = tomllib.loads(path.read_text(encoding="utf-8")).get(name, [])
    except tomllib.TOMLDecodeError as error:
        raise ContentError(f"{path}: not valid TOML ({error})") from None
    for item in items:
        _check_keys(path, item, keys, optional)
    return items


def _markdown_files(folder):
    return sorted(folder.glob("*.md"))


def _check_keys(path, data, required, optional=frozenset()):
    missing = sorted(required - data.keys())
    unknown = sorted(data.keys() - required - optional)
    if missing or unknown:
        problems = [f"missing {', '.join(missing)}"] if missing else []
        problems += [f"unknown {', '.join(unknown)}"] if unknown else []
        raise ContentError(f"{path}: {'; '.join(problems)}")


def _check_images(path, folder, body):
    for reference in DEMO_IMAGE.findall(body):
        if not (folder / reference).is_file():
            raise ContentError(f"{path}: no image file {reference} in {folder}")


def _required_text(path, text, what="the text"):
    # Only blank lines around a text are the file's; spaces inside a line are the text's.
    text = text.strip("\n")
    if not text.strip():
        raise ContentError(f"{path}: {what} is empty")
    return text
