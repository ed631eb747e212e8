from django.apps import AppConfig


class FiguresConfig(AppConfig):
    name = "figures"
    verbose_name = "Pagten i tal"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from figures import signals
        from figures.models import UpskillingPledge, UpskillingReport
        from figures.permissions import PartnerFiguresPolicy

        signals.connect()
        for model in (UpskillingPledge, UpskillingReport):
            register_permission_policy(model, PartnerFiguresPolicy(model))
