"""Gives the default Wagtail Site the host and port of PUBLIC_BASE_URL, so
the admin's "view live" links and Wagtail's own full URLs agree with the
address visitors use. The Docker entrypoint and load_demo run it."""

from urllib.parse import urlparse

from django.conf import settings
from django.core.management.base import BaseCommand

from wagtail.models import Site


def set_site_address():
    """The default site's (hostname, port), updated from PUBLIC_BASE_URL;
    None when there is no site yet."""
    address = urlparse(settings.PUBLIC_BASE_URL)
    port = address.port or (443 if address.scheme == "https" else 80)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    if (site.hostname, site.port) != (address.hostname, port):
        site.hostname, site.port = address.hostname, port
        site.save(update_fields=["hostname", "port"])
    return site.hostname, site.port


class Command(BaseCommand):
    help = "Sætter standardsitets adresse ud fra PUBLIC_BASE_URL."

    def handle(self, *args, **options):
        address = set_site_address()
        if address is None:
            self.stdout.write("Intet standardsite endnu.")
        else:
            self.stdout.write(f"Standardsitet: {address[0]}:{address[1]}")
