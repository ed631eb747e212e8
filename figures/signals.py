"""A published, unpublished or deleted report or pledge changes the figures:
a new content generation retires their cached copy and every cached
fragment that shows them."""

from django.db.models.signals import post_delete

from wagtail.signals import published, unpublished

from core.fragments import content_changed
from figures.models import UpskillingPledge, UpskillingReport


def connect():
    for model in (UpskillingPledge, UpskillingReport):
        uid = f"figures-{model._meta.model_name}"
        published.connect(content_changed, sender=model, dispatch_uid=f"{uid}-pub")
        unpublished.connect(content_changed, sender=model, dispatch_uid=f"{uid}-unpub")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"{uid}-del")
