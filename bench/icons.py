"""Draws the site's PNG icons from the same envelope as static/icons/favicon.svg.

    .venv/bin/python bench/icons.py

Writes static/icons/favicon-32.png (for browsers without SVG favicons) and
apple-touch-icon.png (180×180, square: iOS rounds the corners itself and would paint
transparent ones black). The drawing is the SVG's, on its 64-unit grid, scaled.
"""

from pathlib import Path

from PIL import Image, ImageDraw

ICONS = Path(__file__).resolve().parent.parent / "static" / "icons"
ACCENT = (138, 43, 43)
PAPER = (253, 251, 247)
OVERSAMPLE = 4  # drawn larger, then scaled down: smooth edges without anti-aliasing support


def envelope(size, *, rounded):
    """The icon at `size`×`size` pixels: an RGBA image."""
    big = size * OVERSAMPLE
    unit = big / 64
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle(
        (0, 0, big - 1, big - 1), radius=12 * unit if rounded else 0, fill=ACCENT
    )
    draw.rounded_rectangle(
        (12 * unit, 19 * unit, 52 * unit, 45 * unit), radius=3 * unit, fill=PAPER
    )
    flap = [(12 * unit, 21 * unit), (32 * unit, 36 * unit), (52 * unit, 21 * unit)]
    draw.line(flap, fill=ACCENT, width=round(3.5 * unit), joint="curve")
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main():
    envelope(32, rounded=True).save(ICONS / "favicon-32.png", optimize=True)
    envelope(180, rounded=False).convert("RGB").save(ICONS / "apple-touch-icon.png", optimize=True)


if __name__ == "__main__":
    main()
