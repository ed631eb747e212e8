"""The editorial set-up: groups, their permissions and the moderation
workflow. Everything here is idempotent and runs after every migrate."""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from core.access import EDITORS_GROUP, MEMBERS_GROUP
from core.models.partners import PartnerPage
from core.models.workflow import EditorApprovalTask

WORKFLOW_NAME = "Partnergodkendelse"
APPROVAL_TASK_NAME = "Redaktørgodkendelse"
EDITOR_PAGE_PERMISSIONS = ["add", "change", "publish", "bulk_delete", "lock", "unlock"]
PARTNER_PAGE_PERMISSIONS = ["add", "change"]
# Wagtail checks image rights against wagtailimages.Image whatever the image
# model (its permission policy's auth_model), so PortalImage's own
# permissions would grant nothing.
MEDIA_MODELS = [("wagtailimages", "image"), ("wagtaildocs", "document")]


def permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def page_permission(kind):
    return permission("wagtailcore", f"{kind}_page")


def grant_collection_permissions(group, collection, actions):
    for app_label, model in MEDIA_MODELS:
        for action in actions:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=collection,
                permission=permission(app_label, f"{action}_{model}"),
            )


@transaction.atomic
def ensure_editorial_setup():
    root = Page.get_first_root_node()
    if root is None:
        return
    editors, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    Group.objects.get_or_create(name=MEMBERS_GROUP)

    editors.permissions.add(permission("wagtailadmin", "access_admin"))
    snippet_types = ContentType.objects.filter(
        app_label__in=[
            "portal",
            "search",
            "portal_search",
            "competence",
            "wagtailsearchpromotions",
            "wagtailforms",
            "wagtailredirects",
        ]
    )
    editors.permissions.add(*Permission.objects.filter(content_type__in=snippet_types))
    for kind in EDITOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=editors, page=root, permission=page_permission(kind)
        )
    grant_collection_permissions(
        editors, Collection.get_first_root_node(), ["add", "change", "choose", "delete"]
    )

    task = EditorApprovalTask.objects.filter(name=APPROVAL_TASK_NAME).first()
    if task is None:
        task = EditorApprovalTask.objects.create(name=APPROVAL_TASK_NAME)
    task.groups.set([editors])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    # Earlier versions used Wagtail's plain group approval task, which
    # publishes an incomplete revision with a server error.
    WorkflowTask.objects.filter(
        workflow=workflow, task__name=APPROVAL_TASK_NAME
    ).exclude(task=task.task_ptr).delete()
    GroupApprovalTask.objects.filter(name=APPROVAL_TASK_NAME).exclude(
        pk=task.pk
    ).update(active=False)
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=task.task_ptr, defaults={"sort_order": 0}
    )
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})

    # Rights granted on PortalImage's permissions by earlier versions: they
    # never took effect, and would only mislead whoever reads the groups.
    GroupCollectionPermission.objects.filter(
        permission__content_type__app_label="portal",
        permission__codename__endswith="_portalimage",
    ).delete()
    # Partners created before a change to their rights get it here.
    for partner in PartnerPage.objects.filter(editor_group__isnull=False):
        ensure_partner_editor_group(partner)


@transaction.atomic
def ensure_partner_editor_group(partner):
    """Creates the partner's editors group, with rights on its subtree and its
    own media collection only. Partner editors add and edit; they submit to
    the workflow instead of publishing."""
    group = partner.editor_group
    if group is None:
        group, _ = Group.objects.get_or_create(
            name=f"Partnerredaktører: {partner.title} ({partner.pk})"
        )
        type(partner).objects.filter(pk=partner.pk).update(editor_group=group)
        partner.editor_group = group
    group.permissions.add(permission("wagtailadmin", "access_admin"))
    for kind in PARTNER_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group, page=partner.page_ptr, permission=page_permission(kind)
        )
    grant_collection_permissions(
        group, partner_collection(partner, group), ["add", "change", "choose"]
    )
    return group


def partner_collection(partner, group):
    """The partner's image and document collection: the one its editors
    already hold rights on (so a renamed partner keeps its collection), else
    one named after the partner."""
    collection = (
        Collection.objects.filter(group_permissions__group=group, depth__gt=1)
        .order_by("path")
        .first()
    )
    if collection is not None:
        return collection
    root_collection = Collection.get_first_root_node()
    collection = root_collection.get_children().filter(name=partner.title).first()
    if collection is None:
        collection = root_collection.add_child(name=partner.title)
    return collection
