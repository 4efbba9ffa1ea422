"""Which WordPress categories and tags become which themes, and which posts are letters.

The command line's `--letters-category`, `--theme-map` and `--only-themes` become a
`Vocabulary`; the importer asks it, post by post, for the post's themes as `ThemeChoice`s
(slugs, with a name and description for a theme that doesn't exist yet).
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.text import capfirst

from wpimport.wxr import Term, term_slug

# WordPress files every post without a category here; it says nothing about the post.
DEFAULT_CATEGORY = "uncategorized"


@dataclass(frozen=True)
class ThemeChoice:
    """A theme an imported post belongs to, by slug; name and description if it is new."""

    slug: str
    name: str
    description: str = ""


@dataclass(frozen=True)
class Vocabulary:
    """Which categories and tags become which themes, and which category marks a letter.

    `letters_categories` are names or slugs; `theme_map` renames or merges by slug (old →
    new); `only_themes`, when given, keeps just those slugs (after renaming). The letters
    categories and WordPress's "Uncategorized" never become themes.
    """

    terms: Mapping[str, Term]
    letters_categories: tuple[str, ...]
    theme_map: Mapping[str, str] = field(default_factory=dict)
    only_themes: frozenset[str] | None = None

    def is_letter(self, post):
        """Whether the post is filed in one of the column's letters categories."""
        return any(self._is_letters_category(term) for term in post.terms)

    def themes_for(self, post) -> list[ThemeChoice]:
        """The post's themes, each once, in the order WordPress lists its terms."""
        choices = {}
        for term in post.terms:
            if (
                term.taxonomy not in ("category", "post_tag")
                or term.slug == DEFAULT_CATEGORY
                or self._is_letters_category(term)
            ):
                continue
            slug = self.theme_map.get(term.slug, term.slug)
            if self.only_themes is not None and slug not in self.only_themes:
                continue
            choices.setdefault(slug, self._choice(slug, term))
        return list(choices.values())

    def _is_letters_category(self, term):
        if term.taxonomy != "category":
            return False
        names = {name.casefold() for name in self.letters_categories}
        slugs = {term_slug(name) for name in self.letters_categories}
        return term.name.casefold() in names or term.slug in slugs

    def _choice(self, slug, term):
        # A renamed theme takes the name of the category or tag it was renamed to, if any.
        named = self.terms.get(slug) or (term if slug == term.slug else None)
        if named is None:
            return ThemeChoice(slug=slug, name=capfirst(slug.replace("-", " ")))
        return ThemeChoice(slug=slug, name=named.name, description=named.description)


def parse_theme_map(pairs) -> dict[str, str]:
    """`--theme-map` items ("old=new", names or slugs) as {old slug: new slug}.

    Raises ValueError naming the first item that is not such a pair.
    """
    mapping = {}
    for item in pairs:
        old, equals, new = item.partition("=")
        old, new = term_slug(old), term_slug(new)
        if not equals or not old or not new:
            raise ValueError(f"--theme-map takes OLD=NEW pairs of slugs, not “{item}”.")
        mapping[old] = new
    return mapping
