"""Keeps the index in step with publishing. Connected in apps.ready()."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save, pre_delete

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from cases.models import CasePage, CasePageTool
from core.models.partners import PartnerPage
from core.models.taxonomy import (
    Audience,
    CompetenceArea,
    CompetenceLevel,
    Sector,
    Theme,
)
from search.backends.common import PROMOTIONS_CACHE_KEY
from search.documents import doc_id
from search.tasks import schedule_sync
from search.types import CASE, TOOL, clear_facet_choices
from toolbox.models import ToolPage, ToolStats


def _keys_for_page(page):
    # Move signals may carry a generic Page; its specific class decides.
    model = getattr(page, "specific_class", None) or type(page)
    if issubclass(model, ToolPage):
        return [doc_id(TOOL, page.pk)]
    if issubclass(model, CasePage):
        # A case changes how often its tools are used ("most used").
        tool_ids = CasePageTool.objects.filter(page_id=page.pk).values_list(
            "tool_id", flat=True
        )
        return [doc_id(CASE, page.pk)] + [doc_id(TOOL, pk) for pk in tool_ids]
    if issubclass(model, PartnerPage):
        return _partner_dependents(page)
    return []


def _partner_dependents(partner):
    """Every tool and case below a page (a partner, or any restricted page)."""
    tools = ToolPage.objects.descendant_of(partner).values_list("pk", flat=True)
    cases = CasePage.objects.descendant_of(partner).values_list("pk", flat=True)
    return [doc_id(TOOL, pk) for pk in tools] + [doc_id(CASE, pk) for pk in cases]


def page_changed(sender, instance, **kwargs):
    schedule_sync(_keys_for_page(instance))


def case_deleting(sender, instance, **kwargs):
    # The case's links to its tools are deleted before the case itself.
    instance._used_tools = list(
        CasePageTool.objects.filter(page_id=instance.pk).values_list(
            "tool_id", flat=True
        )
    )


def page_deleted(sender, instance, **kwargs):
    """A deleted case changes how often its tools are used: they are synced
    once its links are gone."""
    kind = CASE if isinstance(instance, CasePage) else TOOL
    tools = getattr(instance, "_used_tools", [])
    schedule_sync([doc_id(kind, instance.pk)] + [doc_id(TOOL, pk) for pk in tools])


def partner_saved(sender, instance, raw=False, **kwargs):
    """A renamed partner changes the partner name in its tools and cases."""
    if not raw and instance.pk:
        schedule_sync(_partner_dependents(instance))


def taxonomy_saved(sender, instance, raw=False, **kwargs):
    """A renamed sector or theme changes the names in its tools and cases."""
    clear_facet_choices()
    if raw:
        return
    keys = []
    tools = getattr(instance, "tools", None)
    if tools is not None:
        keys += [doc_id(TOOL, pk) for pk in tools.values_list("pk", flat=True)]
    cases = getattr(instance, "cases", None)
    if cases is not None:
        keys += [doc_id(CASE, pk) for pk in cases.values_list("pk", flat=True)]
    schedule_sync(keys)


def taxonomy_deleted(sender, instance, **kwargs):
    clear_facet_choices()


def view_restriction_changed(sender, instance, raw=False, **kwargs):
    """Wagtail privacy on a page hides it and everything below it from
    search; lifting it brings them back."""
    if raw:
        return

    try:
        page = Page.objects.get(pk=instance.page_id)
    except Page.DoesNotExist:
        return
    keys = _keys_for_page(page)
    keys += _partner_dependents(page)
    schedule_sync(keys)


def tool_stats_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    """A new "was this useful?" answer moves the tool in the "most useful" sort."""
    if raw or (update_fields is not None and "helpful_score" not in update_fields):
        return
    schedule_sync([doc_id(TOOL, instance.tool_id)])


def promotions_changed(sender, **kwargs):
    cache.delete(PROMOTIONS_CACHE_KEY)


def connect():
    for model in (ToolPage, CasePage):
        label = model._meta.label_lower
        page_published.connect(
            page_changed, sender=model, dispatch_uid=f"search-index-published-{label}"
        )
        page_unpublished.connect(
            page_changed, sender=model, dispatch_uid=f"search-index-unpublished-{label}"
        )
        post_page_move.connect(
            page_changed, sender=model, dispatch_uid=f"search-index-moved-{label}"
        )
        post_delete.connect(
            page_deleted, sender=model, dispatch_uid=f"search-index-deleted-{label}"
        )
    pre_delete.connect(
        case_deleting, sender=CasePage, dispatch_uid="search-index-case-deleting"
    )
    page_unpublished.connect(
        page_changed,
        sender=PartnerPage,
        dispatch_uid="search-index-partner-unpublished",
    )
    post_page_move.connect(
        page_changed, sender=PartnerPage, dispatch_uid="search-index-partner-moved"
    )
    post_save.connect(
        partner_saved, sender=PartnerPage, dispatch_uid="search-index-partner-saved"
    )
    for model in (Sector, Theme, Audience, CompetenceLevel, CompetenceArea):
        label = model._meta.label_lower
        post_save.connect(
            taxonomy_saved, sender=model, dispatch_uid=f"search-taxonomy-saved-{label}"
        )
        post_delete.connect(
            taxonomy_deleted,
            sender=model,
            dispatch_uid=f"search-taxonomy-deleted-{label}",
        )
    post_save.connect(
        view_restriction_changed,
        sender=PageViewRestriction,
        dispatch_uid="search-index-view-restriction-saved",
    )
    post_delete.connect(
        view_restriction_changed,
        sender=PageViewRestriction,
        dispatch_uid="search-index-view-restriction-deleted",
    )
    post_save.connect(
        tool_stats_saved, sender=ToolStats, dispatch_uid="search-index-tool-stats-saved"
    )
    post_save.connect(
        promotions_changed,
        sender=SearchPromotion,
        dispatch_uid="search-promotions-saved",
    )
    post_delete.connect(
        promotions_changed,
        sender=SearchPromotion,
        dispatch_uid="search-promotions-deleted",
    )
