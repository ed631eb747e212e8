"""The "Start her" learning paths: which steps a visitor may see, which
they have ticked off, and which path fits a result.

Progress is a list of step ids in the session, as Min værktøjskasse keeps
an anonymous visitor's tools (toolbox.saved); a step whose page the visitor
may not see (a partners-only tool for an outsider) is not shown at all."""

from django.db.models import Case, IntegerField, Value, When

from cases.models import CasePage
from competence.choices import RoleGroup
from competence.models import LearningPath, LearningPathStep
from toolbox.models import ToolPage

SESSION_KEY = "competence_path_steps"
MAX_TICKED = 500
# The role a result's path is chosen for when several apply: production
# first, as everywhere in the portal.
ROLE_PRIORITY = [
    RoleGroup.SHOP_FLOOR,
    RoleGroup.LEADERS,
    RoleGroup.HR,
    RoleGroup.WORKS_COUNCIL,
]


def visible_steps(path, user):
    """The path's steps whose page this user may see, with the specific
    page on each step (step.item)."""
    steps = list(path.steps.all())
    page_ids = [step.page_id for step in steps]
    pages = {
        page.pk: page
        for model in (ToolPage, CasePage)
        for page in model.objects.visible_to(user).filter(pk__in=page_ids)
    }
    shown = []
    for step in steps:
        item = pages.get(step.page_id)
        if item is not None:
            step.item = item
            shown.append(step)
    return shown


def ticked(session):
    ids = session.get(SESSION_KEY, [])
    return {pk for pk in ids if isinstance(pk, int)} if isinstance(ids, list) else set()


def toggle(session, step):
    done = ticked(session)
    if step.pk in done:
        done.discard(step.pk)
    elif len(done) < MAX_TICKED:
        done.add(step.pk)
    session[SESSION_KEY] = sorted(done)
    return step.pk in done


def find_step(path, step_id):
    return LearningPathStep.objects.filter(path=path, pk=step_id).first()


def path_for_result(result):
    """The path that fits a result's role groups, production first."""
    roles = [role for role in ROLE_PRIORITY if role in (result.role_groups or [])]
    if not roles:
        return LearningPath.objects.first()
    order = Case(
        *[When(role_group=role, then=Value(n)) for n, role in enumerate(roles)],
        output_field=IntegerField(),
    )
    return (
        LearningPath.objects.filter(role_group__in=roles)
        .annotate(fit=order)
        .order_by("fit", "sort_order", "title")
        .first()
    )
