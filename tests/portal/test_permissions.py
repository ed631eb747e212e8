"""Partner publishing: subtree permissions, moderation, editorial rights."""

from django.core.management import call_command

from wagtail.models import WorkflowState

import pytest

from core.access import EDITORS_GROUP
from tests.factories import (
    home_page,
    make_editor,
    make_partner,
    make_partner_editor,
    make_sector,
    make_tool,
    make_user,
    tool_index,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_partners():
    partner_a = make_partner("Fabrik A")
    partner_b = make_partner("Fabrik B")
    return partner_a, partner_b


def test_each_partner_gets_its_own_editors_group(two_partners):
    partner_a, partner_b = two_partners
    assert partner_a.editor_group is not None
    assert partner_b.editor_group is not None
    assert partner_a.editor_group != partner_b.editor_group
    assert partner_a.editor_group.page_permissions.filter(page=partner_a).exists()
    assert not partner_a.editor_group.page_permissions.filter(page=partner_b).exists()


def test_partner_editor_edits_own_pages_but_not_another_partners(two_partners):
    partner_a, partner_b = two_partners
    own_tool = make_tool(partner_a)
    other_tool = make_tool(partner_b)
    editor_a = make_partner_editor(partner_a)

    assert own_tool.permissions_for_user(editor_a).can_edit()
    assert partner_a.permissions_for_user(editor_a).can_add_subpage()
    assert not other_tool.permissions_for_user(editor_a).can_edit()
    assert not partner_b.permissions_for_user(editor_a).can_add_subpage()
    assert not home_page().permissions_for_user(editor_a).can_edit()
    assert not tool_index().permissions_for_user(editor_a).can_add_subpage()


def test_partner_editor_cannot_publish_but_an_editor_can(two_partners):
    partner_a, _ = two_partners
    tool = make_tool(partner_a)
    editor_a = make_partner_editor(partner_a)
    pact_editor = make_editor()

    assert not tool.permissions_for_user(editor_a).can_publish()
    assert not partner_a.permissions_for_user(editor_a).can_publish_subpage()
    assert tool.permissions_for_user(pact_editor).can_publish()
    assert home_page().permissions_for_user(pact_editor).can_edit()


def test_admin_edit_views_follow_the_subtree(client, two_partners):
    partner_a, partner_b = two_partners
    own_tool = make_tool(partner_a)
    other_tool = make_tool(partner_b)
    client.force_login(make_partner_editor(partner_a))

    assert client.get(f"/admin/pages/{own_tool.pk}/edit/").status_code == 200
    other = client.get(f"/admin/pages/{other_tool.pk}/edit/")
    assert other.status_code in (302, 403)
    home = client.get(f"/admin/pages/{home_page().pk}/edit/")
    assert home.status_code in (302, 403)


def test_partner_editor_cannot_manage_taxonomies(client, two_partners):
    partner_a, _ = two_partners
    sector = make_sector("Byggeri")
    editor_a = make_partner_editor(partner_a)
    pact_editor = make_editor()
    for permission in ("add", "change", "delete"):
        assert not editor_a.has_perm(f"portal.{permission}_sector")
        assert pact_editor.has_perm(f"portal.{permission}_sector")
    client.force_login(editor_a)
    response = client.get(f"/admin/snippets/portal/sector/edit/{sector.pk}/")
    assert response.status_code in (302, 403)


def test_submission_goes_through_the_workflow_to_an_editors_approval(two_partners):
    partner_a, _ = two_partners
    tool = make_tool(partner_a, publish=False, title="Tjekliste til linjen")
    partner_editor = make_partner_editor(partner_a)
    pact_editor = make_editor()

    workflow = tool.get_workflow()
    assert workflow is not None and workflow.name == "Partnergodkendelse"
    tool.save_revision(user=partner_editor)
    state = workflow.start(tool, partner_editor)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    task = state.current_task_state.task.specific
    partner_actions = [name for name, *_ in task.get_actions(tool, partner_editor)]
    editor_actions = [name for name, *_ in task.get_actions(tool, pact_editor)]
    assert "approve" not in partner_actions
    assert "approve" in editor_actions

    tool.refresh_from_db()
    assert not tool.live
    task.on_action(state.current_task_state, pact_editor, "approve")
    tool.refresh_from_db()
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert tool.live


def test_invite_command_creates_a_partner_editor(two_partners, mailoutbox):
    partner_a, partner_b = two_partners
    call_command("invite_partner_editor", partner_a.slug, "Lise@Fabrik-a.dk")
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="lise@fabrik-a.dk")
    assert not user.has_usable_password()
    assert partner_a.editor_group in user.groups.all()
    assert len(mailoutbox) == 1
    assert "lise@fabrik-a.dk" in mailoutbox[0].to

    # An existing user is added, not duplicated, and gets no second mail.
    call_command("invite_partner_editor", str(partner_b.pk), "lise@fabrik-a.dk")
    assert get_user_model().objects.filter(email="lise@fabrik-a.dk").count() == 1
    assert partner_b.editor_group in user.groups.all()
    assert len(mailoutbox) == 1


def test_invite_command_rejects_an_unknown_partner():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Ingen partner"):
        call_command("invite_partner_editor", "findes-ikke", "a@b.dk")


def test_editors_group_may_curate_the_home_page():
    editor = make_user("redaktoer", groups=[EDITORS_GROUP], is_staff=True)
    assert home_page().permissions_for_user(editor).can_publish()
    assert editor.has_perm("wagtailadmin.access_admin")
