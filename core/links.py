"""Absolute links, the one way to build them.

Wagtail's Page.get_full_url() joins the page's path to the Site record's
hostname and port ("http://localhost" after a fresh install), whatever host
the visitor used. Open data builds links from the request instead, so a
feed or an API answer read at https://vaerktoejskassen.dk links there.
Mails and tasks have no request: they use PUBLIC_BASE_URL, the one
configured public address (production refuses to start without it)."""

from django.conf import settings


def public_base_url():
    return settings.PUBLIC_BASE_URL.rstrip("/")


def absolute_url(path, request=None):
    """path ("/vaerktoejer/…") made absolute: on the request's scheme and
    host when there is a request, else on PUBLIC_BASE_URL."""
    if request is not None:
        return request.build_absolute_uri(path)
    return public_base_url() + path


def page_path(page, request=None):
    """The page's path on its site, without scheme or host."""
    parts = page.get_url_parts(request=request)
    return parts[2] if parts else "/"


def page_url(page, request=None):
    return absolute_url(page_path(page, request), request)
