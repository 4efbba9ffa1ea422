"""Slugs, the words of an address (/letters/<slug>/), in whatever script the title is in.

A slug is made of letters, combining marks, digits, "_" and "-", in Unicode's NFKC form:
"привет-мир", "γειά-σου", "رسالة-مشكلة", "हिन्दी-में-पत्र", "తెలుగు-లేఖ". Marks are
letters' parts in Devanagari, Telugu and most scripts of India (vowel signs, viramas): Django's
`slugify(allow_unicode=True)` and its slug validator go by `\\w`, which has no marks, and turn
"हिन्दी" into "हनद"; so this module says what a slug is, once, for the models
(`UnicodeSlugField`), the addresses (postbag.converters) and the WordPress import.

Latin letters lose their accents ("crème" is "creme", "Łódź" is "lodz"), as WordPress's own
slugs do, so a column in a Latin script keeps the plain addresses it always had; every other
script keeps its letters.

The admin doesn't fill slugs in as the title is typed (`prepopulated_fields`): its script
keeps letters and digits only, as `\\w` does. A slug left empty is made here on saving.
"""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

# Latin letters that no decomposition takes to a plain one (WordPress's remove_accents()).
LATIN_LETTERS = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "ŧ": "t", "ŀ": "l", "ß": "ss",
     "æ": "ae", "œ": "oe", "þ": "th", "ð": "d"}
)  # fmt: skip
UNTITLED = "untitled"


def is_slug_character(character):
    """Whether `character` may be in a slug: a letter, mark or digit of any script, - or _."""
    return character in "-_" or unicodedata.category(character)[0] in "LMN"


def is_slug(text):
    """Whether `text` (a str) is a slug as it is stored: non-empty, NFKC, slug characters."""
    return (
        bool(text)
        and unicodedata.normalize("NFKC", text) == text
        and all(map(is_slug_character, text))
    )


def slugify(text):
    """`text` as a slug, "" when it holds no letter or digit ("💔", "!!!").

    Like Django's slugify for ASCII text (lower case; punctuation and symbols removed;
    spaces and hyphens made one hyphen; no hyphen or underscore at either end), but keeping
    the letters and marks of every script, and folding Latin accents away (see the module).
    """
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", str(text)).lower())
    kept, latin_base = [], False
    for character in text:
        if unicodedata.category(character).startswith("M"):
            if not latin_base:  # a mark on a Latin letter is an accent: dropped
                kept.append(character)
        elif character.isspace():
            kept.append(" ")
            latin_base = False
        elif is_slug_character(character):
            kept.append(character.translate(LATIN_LETTERS))
            latin_base = character.isascii()
        # Anything else (punctuation, symbols, emoji, invisible characters) is left out.
    words = unicodedata.normalize("NFKC", "".join(kept)).replace("-", " ").split()
    return "-".join(words).strip("-_")


def unique_slug(instance, text, *, field="slug", reserved=()):
    """A slug made from `text` that no other row of the instance's model uses yet, and not
    one of `reserved` (slugs whose address is a page of its own, such as /letters/updates/).

    At most the field's max_length, with "-2", "-3", … added for a text that another row's
    slug was made from already; "untitled" when `text` has nothing to make one from.
    """
    max_length = instance._meta.get_field(field).max_length
    base = cut(slugify(text), max_length) or UNTITLED
    others = type(instance)._default_manager.exclude(pk=instance.pk)
    slug, suffix = base, 2
    while slug in reserved or others.filter(**{field: slug}).exists():
        tail = f"-{suffix}"
        slug = cut(base, max_length - len(tail)) + tail
        suffix += 1
    return slug


def cut(slug, length):
    """`slug` in at most `length` characters, never parting a letter from its marks (a
    Devanagari consonant from its vowel sign), without a hyphen or underscore at its end."""
    if len(slug) > length:
        while length > 0 and unicodedata.category(slug[length]).startswith("M"):
            length -= 1
        slug = slug[:length]
    return slug.strip("-_")


def validate_slug(value):
    """Refuse (ValidationError) a value that is not a slug (`is_slug`)."""
    if not is_slug(value):
        raise ValidationError(
            "Use letters (of any alphabet), numbers, hyphens and underscores only.",
            code="invalid",
        )


class SlugFormField(forms.CharField):
    """A form's slug: any script, checked by `validate_slug`."""

    default_validators = [validate_slug]


class UnicodeSlugField(models.SlugField):
    """Django's SlugField with `allow_unicode`, checked by `validate_slug`, which, unlike
    Django's `validate_unicode_slug`, lets the marks of Indic scripts in."""

    default_validators = [validate_slug]

    def __init__(self, *args, **kwargs):
        # Said after Django's __init__, which would put its own validator in place of ours.
        kwargs.pop("allow_unicode", None)
        super().__init__(*args, **kwargs)
        self.allow_unicode = True

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("allow_unicode", None)  # always on
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        # CharField's, as Django's SlugField would pass allow_unicode to its own form field.
        return models.CharField.formfield(self, **{"form_class": SlugFormField, **kwargs})
