from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToolboxConfig(AppConfig):
    name = "toolbox"
    verbose_name = _("Værktøjer")

    def ready(self):
        # Signal handlers import models: only once the app registry is ready.
        from toolbox import signals

        signals.connect()
