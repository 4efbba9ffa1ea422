from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404


def paginate(request, object_list, *, per_page=None):
    """The page that `?page=N` asks for; a non-number or out-of-range page is a 404."""
    paginator = Paginator(object_list, per_page or settings.PAGE_SIZE)
    try:
        return paginator.page(request.GET.get("page", 1))
    except InvalidPage as error:
        raise Http404(str(error)) from None
