from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "portal_search"
    verbose_name = _("Søgning")

    def ready(self):
        from django.core.signals import request_finished

        # Signal handlers import models: only once the app registry is ready.
        from search import signals
        from search.service import flush_pending_logs

        signals.connect()
        request_finished.connect(flush_pending_logs, dispatch_uid="search-query-log")
