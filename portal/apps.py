from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The site: settings, urls, the home page, standard pages, the sector
    landings, open data, SEO and the demo."""

    name = "portal"
    label = "portal_site"
    verbose_name = _("Websted")

    def ready(self):
        # Signal handlers import models: only once the app registry is ready.
        from portal import signals

        signals.connect()
