"""The addresses imported pieces had on the WordPress site, so that they keep working.

A column that moves keeps its readers' bookmarks and its search ranking only if its old
addresses still lead somewhere. The import records each post's permalink (its <link>:
"/2019/05/when-he-leaves/") and WordPress's own short form ("/?p=123", from the post ID
and the GUID) as OldAddress rows, each pointing at the letter or article the post became;
wpimport.middleware answers a request for one with a permanent redirect to the piece's
page as it is now, so a later change of slug still lands.

Standard library and content models only: a web server loads this app (its middleware
and admin) without the importer's parsers (the `import` extra).
"""

import unicodedata
from urllib.parse import parse_qs, unquote, urlsplit

from django.db import models
from django.db.models import Q

from advice.models import Letter
from articles.models import Article

ADDRESS_LENGTH = 500  # longer than any permalink of a real site; a longer one is skipped
# Casefolding may lengthen a path ("ß" is "ss", "ﬃ" is "ffi"): never more than threefold.
KEY_LENGTH = 3 * ADDRESS_LENGTH
# WordPress's query forms, answered on any path: ?p=<post ID>, ?page_id=<page ID>.
QUERY_FORMS = ("p", "page_id")


def _plain_path(path):
    """A path as Django reads a request's: percent-decoded (UTF-8), in Unicode's NFC form,
    so that "/%D0%B4%D1%80/", "/%d0%b4%d1%80/" and "/др/" are one address."""
    return unicodedata.normalize("NFC", unquote(path, errors="replace"))


def address_key(path) -> str:
    """The form in which addresses are compared: casefolded, as WordPress (on MySQL's
    case-insensitive collation) answered "/2019/05/Brackets/" for "/2019/05/brackets/".
    Python's casefold, not the database's, so SQLite (ASCII only) and PostgreSQL agree."""
    return path.casefold()


def query_address(name, value) -> str | None:
    """The stored form of WordPress's query form `?name=value` ("/?p=123"), or None when
    it is not one (another name, or a value that is not a post ID)."""
    value = value.strip()
    if name not in QUERY_FORMS or not value.isascii() or not value.isdigit():
        return None
    return f"/?{name}={int(value)}"


def old_address(url) -> str | None:
    """The address `url` (a permalink or GUID from an export) stands for, as stored:
    "/?p=123" for WordPress's query forms, whatever their path; otherwise the path,
    decoded, as WordPress served it ("/2019/05/when-he-leaves/"). None for an address
    that names no piece (the site's home page, an empty or unreadable URL) or one longer
    than ADDRESS_LENGTH.
    """
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    for name, values in parse_qs(parts.query).items():
        found = query_address(name, values[-1])
        if found:
            return found
    path = _plain_path(parts.path)
    if not path.startswith("/") or not path.strip("/") or len(path) > ADDRESS_LENGTH:
        return None
    return path


def request_addresses(path, query) -> list[str]:
    """The stored addresses a request for `path` (Django's path_info, decoded) with the
    `query` (a QueryDict) may stand for: the path with and without its trailing slash,
    and WordPress's query form when the query has one."""
    addresses = [query_address(name, query[name]) for name in QUERY_FORMS if name in query]
    path = _plain_path(path)
    if path.strip("/"):
        bare = path.rstrip("/")
        addresses += [bare, f"{bare}/"]
    return [address for address in addresses if address]


class OldAddressQuerySet(models.QuerySet):
    def public(self):
        """Only the addresses of pieces readers may see now (letters.published(),
        articles.published()): a draft's or a scheduled piece's address stays a 404."""
        return self.filter(
            Q(letter__in=Letter.objects.published()) | Q(article__in=Article.objects.published())
        )


class OldAddress(models.Model):
    """An address a letter or article had on the WordPress site it was imported from."""

    path = models.CharField(
        max_length=ADDRESS_LENGTH,
        unique=True,
        help_text="As WordPress served it, decoded: /2019/05/when-he-leaves/, or /?p=123.",
    )
    # address_key(path), kept by save(): a request in another letter case finds it, by index.
    path_key = models.CharField(max_length=KEY_LENGTH, db_index=True, editable=False)
    letter = models.ForeignKey(
        Letter, null=True, blank=True, on_delete=models.CASCADE, related_name="old_addresses"
    )
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.CASCADE, related_name="old_addresses"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OldAddressQuerySet.as_manager()

    class Meta:
        verbose_name = "old WordPress address"
        verbose_name_plural = "old WordPress addresses"
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(letter__isnull=True, article__isnull=False)
                | Q(letter__isnull=False, article__isnull=True),
                name="old_address_of_one_piece",
            )
        ]

    def __str__(self):
        return self.path

    def save(self, *args, **kwargs):
        self.path_key = address_key(self.path)
        super().save(*args, **kwargs)

    @property
    def piece(self):
        """The letter or article this address leads to."""
        return self.letter or self.article


def is_too_long(url) -> bool:
    """Whether the address `url` names is longer than an OldAddress can keep."""
    try:
        return len(_plain_path(urlsplit(url.strip()).path)) > ADDRESS_LENGTH
    except ValueError:
        return False


def record_old_addresses(*, piece, urls):
    """Point each address of `urls` (permalinks, "/?p=123"; "" is left out) at `piece`
    (a Letter or an Article), taking it from any piece it led to before.

    Addresses recorded before for `piece` and not among `urls` are kept: a permalink that
    changed in WordPress still has readers. An address `old_address` can't keep (the
    home page, one longer than ADDRESS_LENGTH: see `is_too_long`) is left out. Returns
    (address, the piece it led to) for each address taken from another piece.
    """
    kind = "letter" if isinstance(piece, Letter) else "article"
    other = "article" if kind == "letter" else "letter"
    taken = []
    for address in dict.fromkeys(old_address(url) for url in urls if url):
        if address is None:
            continue
        found = OldAddress.objects.filter(path=address).select_related(kind, other).first()
        if found is None:
            OldAddress.objects.create(path=address, **{kind: piece})
        elif found.piece != piece:
            taken.append((address, found.piece))
            setattr(found, kind, piece)
            setattr(found, other, None)
            found.save()
    return taken
