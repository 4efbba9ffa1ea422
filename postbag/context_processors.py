from django.conf import settings

from postbag.links import site_origin


def site(request):
    """The names every page shows in its header, title and footer."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": site_origin(),
        "COLUMN_NAME": settings.COLUMN_NAME,
        "COLUMNIST_NAME": settings.COLUMNIST_NAME,
    }
