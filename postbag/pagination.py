from django.conf import settings
from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import QuerySet
from django.http import Http404
from django.utils.functional import cached_property

from postbag.versioning import remember


class ArchivePaginator(Paginator):
    """Django's paginator, made to cost the same on page 5,000 as on page 1.

    - The total is remembered until content changes (`count_name`), instead of counting
      the archive on every request.
    - For a queryset, a page first takes only the ids at its offset (an index-only scan
      over the listing index), then loads those rows: skipping 60,000 rows of ids is cheap,
      skipping 60,000 whole rows is not.
    """

    def __init__(self, object_list, per_page, *, count_name=None, count=None):
        super().__init__(object_list, per_page)
        self.count_name = count_name
        self.known_count = count

    @cached_property
    def count(self):
        if self.known_count is not None:
            return self.known_count
        if self.count_name is None:
            return super().count
        return remember(f"count:{self.count_name}", lambda: Paginator.count.func(self))

    def page(self, number):
        number = self.validate_number(number)
        if not isinstance(self.object_list, QuerySet) or self.object_list.query.combinator:
            return super().page(number)  # light rows (UNION) are cheap to skip already
        bottom = (number - 1) * self.per_page
        ids = list(self.object_list.values_list("pk", flat=True)[bottom : bottom + self.per_page])
        loaded = self.object_list.order_by().in_bulk(ids)
        return Page([loaded[pk] for pk in ids], number, self)


def paginate(request, object_list, *, per_page=None, count_name=None, count=None):
    """The page that `?page=N` asks for; a non-number or out-of-range page is a 404.

    A number is what int() reads, as Django's Paginator does (and the page cache's key):
    "٢" or "２" is page 2; "²", a digit to str.isdigit() but not to int(), is a 404.

    `count_name` names the list (e.g. "letters") so that its total can be remembered;
    `count`, the total when the caller knows it already (no query at all).
    """
    paginator = ArchivePaginator(
        object_list, per_page or settings.PAGE_SIZE, count_name=count_name, count=count
    )
    try:
        return paginator.page(request.GET.get("page", 1))
    except InvalidPage as error:
        raise Http404(str(error)) from None
