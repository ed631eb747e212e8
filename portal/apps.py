from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        # Signal handlers import models: only once the app registry is ready.
        from portal import signals

        signals.connect()
        post_migrate.connect(signals.setup_roles, sender=self)
