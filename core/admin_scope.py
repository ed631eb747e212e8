"""What of other people's work an admin user may see listed: in the page,
document and image choosers and the admin API behind them, and in the
admin's reports.

Wagtail confines editing by permissions, but its choosers list the whole
page tree and its admin API every document, drafts and partners' files
included. Editors and superusers see everything; anyone else sees their
own partner's pages and media, and the pages the public sees.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.models import Page, get_page_models
from wagtail.permissions import policy_registry

from core.access import EDITORS_GROUP
from core.choices import Access
from core.models.partners import PartnerPage


def sees_all_content(user):
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.groups.filter(name=EDITORS_GROUP).exists()


def partners_edited_by(user):
    if not (user.is_authenticated and user.is_active):
        return PartnerPage.objects.none()
    return PartnerPage.objects.filter(editor_group__in=user.groups.all())


def partners_only_q():
    """Pages of any type with an access level set to partners only."""
    q = Q(pk__in=[])
    for model in get_page_models():
        if any(field.name == "access" for field in model._meta.concrete_fields):
            q |= Q(
                pk__in=model._default_manager.filter(access=Access.PARTNERS).values(
                    "pk"
                )
            )
    return q


def pages_in_scope(pages, user):
    """Narrows a page queryset to what user may see listed in the admin:
    everything for editors, else the user's partners' subtrees (drafts
    included) and pages that are live, outside any Wagtail privacy
    restriction and not partners-only."""
    if sees_all_content(user):
        return pages
    own = Q(pk__in=[])
    for partner in partners_edited_by(user):
        own |= Q(path__startswith=partner.path)
    public = Q(live=True) & ~Page.objects.private_q() & ~partners_only_q()
    return pages.filter(own | public)


def page_in_scope(page_id, user):
    return pages_in_scope(Page.objects.filter(pk=page_id), user).exists()


def media_in_scope(items, user):
    """Narrows a queryset of documents or images to the collections user may
    choose from: the partner's own collection for a partner editor, every
    collection for editors (granted on the root) and superusers."""
    policy = policy_registry.get_by_type(items.model)
    return items.filter(
        collection__in=policy.collections_user_has_permission_for(user, "choose")
    )


# The admin's reports: locked pages, workflows, aging pages and the site
# history list only pages the user has rights on. The page types report
# names the most recently edited page of every type, site-wide: drafts,
# login-restricted pages and visitors' suggestions included.
# The menu items (MenuItem.name) of the reports kept for editors.
EDITORS_ONLY_REPORTS = {"page-types-usage"}


class EditorsPageTypesUsageReportView(PageTypesUsageReportView):
    def dispatch(self, request, *args, **kwargs):
        if not sees_all_content(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
