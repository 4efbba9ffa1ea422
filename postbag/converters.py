"""The path converter for slugs in addresses: `<unicode_slug:slug>`, registered at start-up
(postbag.apps).

Django's own `<slug:…>` matches ASCII only, and `[-\\w]+` would refuse the vowel signs of
Hindi and Telugu; this one takes any path segment and lets the view see it only if it is a
slug as postbag.slugs defines it. A browser sends the address percent-encoded; Django has
decoded it by the time it reaches here, and `reverse()` encodes it again in every link.
"""

import unicodedata

from postbag.slugs import is_slug

NAME = "unicode_slug"


class UnicodeSlugConverter:
    """A slug in any script. What isn't one is no match, so the address is a 404."""

    regex = "[^/]+"

    def to_python(self, value):
        # The same letters typed in another normal form (a Mac's decomposed é) are the slug.
        value = unicodedata.normalize("NFKC", value)
        if not is_slug(value):
            raise ValueError(value)
        return value

    def to_url(self, value):
        return value
