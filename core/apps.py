from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The foundation: access, taxonomy, partners, images, roles, blocks.

    Its label stays "portal", the label these models had before the
    foundation left the project package, so tables, migrations, content
    types and strings like "portal.PartnerPage" stay as they were."""

    name = "core"
    label = "portal"
    verbose_name = _("Portal")

    def ready(self):
        # Signal handlers import models: only once the app registry is ready.
        from core import signals

        signals.connect()
        post_migrate.connect(signals.setup_roles, sender=self)
