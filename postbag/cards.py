"""Social card images: the picture a link preview shows when someone shares a page.

`card_png(title, label)` draws a 1200×630 PNG (the size Open Graph and X/Twitter's
`summary_large_image` expect, 1.91:1) with Pillow: the column's envelope and name
(settings.COLUMN_NAME), the piece's title as large as fits in up to five lines, and a short
`label` ("A reader's letter, answered"). Nothing is fetched: the face is DejaVu Sans Bold,
shipped in postbag/fonts/ under its own free licence (LICENSE-DejaVu.txt).

Scripts: DejaVu Sans draws Latin, Greek, Cyrillic, Armenian, Georgian, Hebrew and Arabic;
right-to-left titles are set right-aligned, shaped and reordered by libraqm (which Pillow's
wheels include; it needs FriBiDi on the system). A title with a character the face lacks
(Devanagari, Thai, Chinese, Japanese, Korean, emoji…), or a right-to-left title where
libraqm is missing, is not drawn as empty boxes: the card then shows the column's name,
and the label large where the title would be. Control and formatting characters (bidi
overrides…) are dropped.

Drawing takes some tens of milliseconds, so finished cards are kept in Django's cache,
keyed by a digest of everything drawn (`card_digest`): a card is redrawn only when its
title, label or the column's name changes.
"""

import hashlib
import io
import unicodedata
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from PIL import Image, ImageDraw, ImageFont, features

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
FONT_FILE = Path(__file__).resolve().parent / "fonts" / "DejaVuSans-Bold.ttf"
PAPER, INK, ACCENT, MUTED = (253, 251, 247), (31, 29, 26), (138, 43, 43), (92, 86, 78)
TITLE_SIZES = (76, 68, 60, 54, 48)  # the largest whose lines fit TITLE_HEIGHT wins
TITLE_TOP, TITLE_HEIGHT, MAX_LINES = 200, 320, 5
LINE_SPACING = 1.22
DESIGN = "1"  # bump when the drawing changes, so that cached cards are redrawn
CACHE_SECONDS = 30 * 24 * 3600
RAQM = features.check("raqm")
KEPT_FORMAT_CHARACTERS = {"\u200c", "\u200d"}  # zero-width (non-)joiners shape words


@lru_cache(maxsize=16)
def _font(size):
    return ImageFont.truetype(str(FONT_FILE), size)


@lru_cache(maxsize=1)
def _missing_glyph():
    return _glyph_mask("\U0010fffd")  # a private-use point: no font has it


def _glyph_mask(character):
    mask = _font(32).getmask(character)
    return mask.size, bytes(mask)


@lru_cache(maxsize=4096)
def _drawable(character):
    """Whether the face has a glyph for `character` (a str of one code point)."""
    return character.isspace() or _glyph_mask(character) != _missing_glyph()


def _is_rtl(text):
    """Whether the first strongly directional character of `text` is right-to-left."""
    for character in text:
        direction = unicodedata.bidirectional(character)
        if direction in {"L", "R", "AL"}:
            return direction != "L"
    return False


def clean_text(text):
    """`text` (a str) without control, formatting, private or unassigned characters (the
    zero-width joiners stay), its whitespace runs made single spaces."""
    kept = (
        c
        for c in text
        if c.isspace()
        or unicodedata.category(c) not in {"Cc", "Cf", "Cs", "Co", "Cn"}
        or c in KEPT_FORMAT_CHARACTERS
    )
    return " ".join("".join(kept).split())


def legible(text):
    """Whether `text` can be drawn as readers would read it: every character in the face,
    and libraqm present for right-to-left text."""
    return all(_drawable(c) for c in text) and (RAQM or not _is_rtl(text))


def _wrap(text, font, width):
    """`text` in lines no wider than `width` pixels, broken between words (inside a word
    only when the word alone is wider)."""
    lines, line = [], ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if font.getlength(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for character in word:
            if font.getlength(line + character) > width:
                lines.append(line)
                line = ""
            line += character
    if line:
        lines.append(line)
    return lines


def _title_lines(title):
    """(font, lines) for `title`: the largest size that fits, else the smallest, cut off
    with an ellipsis after MAX_LINES lines."""
    width = WIDTH - 2 * MARGIN
    for size in TITLE_SIZES:
        font = _font(size)
        lines = _wrap(title, font, width)
        if len(lines) * size * LINE_SPACING <= TITLE_HEIGHT:
            return font, lines
    if len(lines) > MAX_LINES:
        lines = lines[:MAX_LINES]
        while lines[-1] and font.getlength(lines[-1] + "…") > width:
            lines[-1] = lines[-1][:-1]
        lines[-1] = lines[-1].rstrip() + "…"
    return font, lines


def _text(draw, position, text, font, fill, *, right_to_left=False):
    """Draw one line; a right-to-left one anchored at its right end, laid out by libraqm."""
    if right_to_left:
        x, y = position
        draw.text((WIDTH - MARGIN, y), text, font=font, fill=fill, anchor="ra", direction="rtl")
    else:
        draw.text(position, text, font=font, fill=fill, anchor="la")


def _envelope(draw, left, top, size):
    """The site's icon (static/icons/favicon.svg), `size` pixels square at (left, top)."""
    unit = size / 64
    draw.rounded_rectangle((left, top, left + size, top + size), radius=12 * unit, fill=ACCENT)
    box = (left + 12 * unit, top + 19 * unit, left + 52 * unit, top + 45 * unit)
    draw.rounded_rectangle(box, radius=3 * unit, fill=PAPER)
    flap = [(left + x * unit, top + y * unit) for x, y in ((12, 21), (32, 36), (52, 21))]
    draw.line(flap, fill=ACCENT, width=round(3.5 * unit), joint="curve")


def draw_card(title, label, column_name):
    """The card as a Pillow RGB image of WIDTH×HEIGHT pixels (see the module's docstring)."""
    title, label, column_name = clean_text(title), clean_text(label), clean_text(column_name)
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, HEIGHT - 14, WIDTH, HEIGHT), fill=ACCENT)
    _envelope(draw, MARGIN, 72, 72)
    if legible(column_name):
        draw.text((MARGIN + 96, 108), column_name, font=_font(44), fill=ACCENT, anchor="lm")
    if not (title and legible(title)):  # the label, large, stands in for the title
        title, label = (label, "") if legible(label) else ("", "")
    if title:
        font, lines = _title_lines(title)
        rtl = _is_rtl(title)
        step = round(font.size * LINE_SPACING)
        for number, line in enumerate(lines):
            _text(draw, (MARGIN, TITLE_TOP + number * step), line, font, INK, right_to_left=rtl)
    if label and legible(label):
        _text(draw, (MARGIN, HEIGHT - 100), label, _font(32), MUTED, right_to_left=_is_rtl(label))
    return image


def card_digest(title, label):
    """A short hex digest of everything the card for `title` and `label` shows."""
    parts = (DESIGN, settings.COLUMN_NAME, label, title)
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:16]


def card_png(title, label):
    """The card for `title` and `label` as PNG bytes, from the cache when drawn before."""
    key = f"card:{card_digest(title, label)}"
    png = cache.get(key)
    if png is None:
        buffer = io.BytesIO()
        draw_card(title, label, settings.COLUMN_NAME).save(buffer, format="PNG", optimize=True)
        png = buffer.getvalue()
        cache.set(key, png, CACHE_SECONDS)
    return png
