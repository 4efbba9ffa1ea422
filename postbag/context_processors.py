from django.conf import settings


def site(request):
    """The names every page shows in its header, title and footer."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "COLUMN_NAME": settings.COLUMN_NAME,
        "COLUMNIST_NAME": settings.COLUMNIST_NAME,
    }
