"""Which WordPress categories and tags become which themes, and which posts are letters.

The command line's `--letters-category`, `--theme-map` and `--only-themes` become a
`Vocabulary`; the importer asks it, post by post, for the post's themes as `ThemeChoice`s
(slugs, with a name and description for a theme that doesn't exist yet), and for the terms
that become no theme, with why, for the report. Names and slugs are in any script: a slug
as WordPress writes it ("%d0%b4%d1%80…"), as it reads ("дружба") or a name ("Дружба")
all stand for the same category.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.utils.text import capfirst

from wpimport.wxr import Term, term_slug

# WordPress files every post without a category here; it says nothing about the post.
DEFAULT_CATEGORY = "uncategorized"
THEME_TAXONOMIES = ("category", "post_tag")


@dataclass(frozen=True)
class ThemeChoice:
    """A theme an imported post belongs to, by slug; name and description if it is new."""

    slug: str
    name: str
    description: str = ""
    full_name: str = ""  # the term's whole name, when `name` is shortened


@dataclass(frozen=True)
class Vocabulary:
    """Which categories and tags become which themes, and which category marks a letter.

    `letters_categories` are names or slugs; `theme_map` renames or merges (old → new, as
    `parse_theme_map` makes it), and finds a term by its slug or by its name; `only_themes`,
    when given, keeps just those slugs (after renaming; a term not renamed is kept by its
    name too). The letters categories and WordPress's "Uncategorized" never become themes.
    """

    terms: Mapping[str, Term]
    letters_categories: tuple[str, ...]
    theme_map: Mapping[str, str] = field(default_factory=dict)
    only_themes: frozenset[str] | None = None
    letters_categories_given: bool = True  # False: COLUMN_NAME, the default

    def is_letter(self, post):
        """Whether the post is filed in one of the column's letters categories."""
        return any(self._is_letters_category(term) for term in post.terms)

    def themes_for(self, post) -> list[ThemeChoice]:
        """The post's themes, each once, in the order WordPress lists its terms."""
        choices = {}
        for term in post.terms:
            slug, _ = self.theme_slug(term)
            if slug:
                choices.setdefault(slug, self._choice(slug, term))
        return list(choices.values())

    def dropped_terms(self, post) -> list[tuple[Term, str]]:
        """The post's categories and tags (and other terms) that become no theme, each with
        the reason, a sentence for the report."""
        return [(term, why) for term in post.terms if (why := self.theme_slug(term)[1])]

    def theme_slug(self, term) -> tuple[str, str]:
        """(the slug of the theme `term` becomes, "") or ("", why it becomes none)."""
        if term.taxonomy not in THEME_TAXONOMIES:
            return "", "not a category or tag."
        if not term.slug:
            return "", "no letter or digit for an address."
        if term.slug == DEFAULT_CATEGORY:
            return "", "WordPress's default category."
        if self._is_letters_category(term):
            return "", "the column's letters category, which marks letters."
        renamed = self._renamed(term)
        slug = renamed or term.slug
        if self.only_themes is not None and not (
            slug in self.only_themes
            or (renamed is None and term_slug(term.name) in self.only_themes)
        ):
            return "", "not in --only-themes."
        return slug, ""

    def unmatched_options(self, terms: Iterable[Term]) -> list[str]:
        """A sentence for each `--theme-map` and `--only-themes` item that none of `terms`
        (every category and tag of the export) matches, for the report."""
        terms = list(terms)
        keys = {term.slug for term in terms} | {term_slug(term.name) for term in terms}
        slugs = keys | {self.theme_map.get(key) for key in keys}
        return [
            f"--theme-map: no category or tag “{old}”." for old in self.theme_map if old not in keys
        ] + [
            f"--only-themes: no category or tag “{slug}”."
            for slug in sorted(self.only_themes or ())
            if slug not in slugs
        ]

    def unmatched_letters_categories(self, terms: Iterable[Term]) -> list[str]:
        """A sentence for each letters category (`--letters-category`, else COLUMN_NAME)
        that no category of `terms` has as its name or slug, for the report: with it no
        post became a letter."""
        terms = list(terms)
        option = "--letters-category" if self.letters_categories_given else "COLUMN_NAME"
        return [
            f"{option}: no category “{name}” in this export, so no post became a letter by "
            "it. Check its spelling, or give the letters category's name or slug."
            for name in self.letters_categories
            if not any(self._is_letters_category(term, names=(name,)) for term in terms)
        ]

    def _renamed(self, term):
        """The slug `--theme-map` gives the term (found by slug, else by name), or None."""
        for key in (term.slug, term_slug(term.name)):
            if key in self.theme_map:
                return self.theme_map[key]
        return None

    def _is_letters_category(self, term, *, names=None):
        if term.taxonomy != "category":
            return False
        names = names or self.letters_categories
        slugs = {term_slug(name) for name in names}
        named = (term.full_name or term.name).casefold()
        return named in {name.casefold() for name in names} or term.slug in slugs

    def _choice(self, slug, term):
        # A renamed theme takes the name of the category or tag it was renamed to, if any.
        named = self.terms.get(slug) or (term if slug == term.slug else None)
        if named is None:
            return ThemeChoice(slug=slug, name=capfirst(slug.replace("-", " ")))
        return ThemeChoice(
            slug=slug,
            name=named.name,
            description=named.description,
            full_name=named.full_name,
        )


def term_label(term):
    """How the report names a term: 'category “Дружба”', 'tag “💔”', 'post_format “Aside”'."""
    kind = {"post_tag": "tag"}.get(term.taxonomy, term.taxonomy or "term")
    return f"{kind} “{term.name}”"


def parse_theme_map(pairs) -> dict[str, str]:
    """`--theme-map` items ("old=new", names or slugs, in any script, slugs percent-encoded
    or not) as {old slug: new slug}.

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
