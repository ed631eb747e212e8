"""The foundation's signal handlers: partner editor groups, a page's owning
partner, and the content generation behind the cached fragments."""

from django.db.models.signals import post_delete, post_save

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.fragments import content_changed
from core.models.partners import PartnerPage, owning_partner
from core.models.settings import OrganisationSettings
from core.models.taxonomy import Taxonomy
from core.roles import ensure_editorial_setup, ensure_partner_editor_group


def setup_roles(sender, **kwargs):
    """Runs after the foundation's migrations, which come before those of
    apps listed later; their permissions are created here first."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    ensure_editorial_setup()


def connect():
    post_save.connect(
        create_partner_editor_group,
        sender=PartnerPage,
        dispatch_uid="partner-editor-group",
    )
    post_page_move.connect(update_owning_partner, dispatch_uid="owning-partner-moved")
    # What cached fragments show (core.fragments) changes with these.
    page_published.connect(content_changed, dispatch_uid="fragments-published")
    page_unpublished.connect(content_changed, dispatch_uid="fragments-unpublished")
    post_page_move.connect(content_changed, dispatch_uid="fragments-moved")
    post_delete.connect(page_deleted, dispatch_uid="fragments-deleted")
    # Documents and images are shown on cached pages (titles, links, logos).
    watch_shown_content(
        PageViewRestriction,
        *Taxonomy.__subclasses__(),
        get_document_model(),
        get_image_model(),
        OrganisationSettings,
    )


def watch_shown_content(*models):
    """Starts a new content generation whenever one of these models is saved
    or deleted: cached pages show them."""
    for model in models:
        for signal in (post_save, post_delete):
            signal.connect(
                shown_content_changed,
                sender=model,
                dispatch_uid=f"fragments-{model._meta.label}",
            )


# While a page is rendered, Wagtail stores a file's hash and size the first
# time they are asked for, and creates a site's settings row with its
# defaults: nothing shown changes.
FILE_FACTS = {"file_hash", "file_size"}


def shown_content_changed(sender, update_fields=None, created=False, **kwargs):
    if update_fields and set(update_fields) <= FILE_FACTS:
        return
    if created and sender is OrganisationSettings:
        return
    content_changed()


def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        content_changed()


def create_partner_editor_group(sender, instance, created, raw=False, **kwargs):
    if raw or instance.editor_group_id:
        return

    ensure_partner_editor_group(instance)


def update_owning_partner(sender, instance, **kwargs):
    """A tool or case moved to another partner changes owner."""
    model = instance.specific_class
    if model is not None and any(f.name == "partner" for f in model._meta.fields):
        model.objects.filter(pk=instance.pk).update(partner=owning_partner(instance))
