import datetime
from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

import pytest
from PIL import Image as PILImage

from cases.models import CasePage
from core.access import can_view, sees_partner_content
from core.choices import Access
from portal.models.home import live_figures
from tests.factories import (
    make_case,
    make_editor,
    make_partner,
    make_partner_editor,
    make_partner_member,
    make_tool,
    make_user,
    partner_index,
    tool_index,
)
from toolbox.models import ToolPage

pytestmark = pytest.mark.django_db


def test_tool_requires_summary_and_format():
    tool = ToolPage(title="Uden resumé", slug="uden-resume")
    with pytest.raises(ValidationError) as error:
        tool.full_clean()
    assert "summary" in error.value.message_dict
    assert "tool_format" in error.value.message_dict


def test_shop_floor_choices_reject_unknown_values():
    tool = make_tool()
    tool.used_where = ["linjen", "maanen"]
    with pytest.raises(ValidationError) as error:
        tool.full_clean()
    assert "maanen" in str(error.value.message_dict["used_where"])
    tool.used_where = ["linjen", "print"]
    tool.full_clean()


def test_owner_follows_the_page_tree():
    partner = make_partner()
    other = make_partner()
    tool = make_tool(partner)
    pact_tool = make_tool()
    assert tool.partner == partner
    assert pact_tool.partner is None

    tool.move(other, pos="last-child")
    tool.refresh_from_db()
    assert tool.partner == other


def test_used_in_cases_counts_only_live_cases():
    tool = make_tool()
    partner = make_partner()
    make_case(partner, tools=[tool])
    make_case(partner, tools=[tool])
    make_case(partner, tools=[tool], publish=False)
    listed = ToolPage.objects.live().with_listing_data().get(pk=tool.pk)
    assert listed.case_count == 2
    assert CasePage.objects.using_tool(tool).count() == 2


def test_needs_review_after_a_year():
    today = datetime.date.today()
    assert make_tool(last_reviewed=today - datetime.timedelta(days=400)).needs_review
    assert not make_tool(last_reviewed=today - datetime.timedelta(days=30)).needs_review


def test_live_figures_are_computed_from_published_content():
    before = live_figures()
    partner = make_partner()
    make_tool(partner)
    make_tool(partner, access=Access.PARTNERS)
    make_case(partner, employees_upskilled=120)
    make_case(partner, employees_upskilled=30)
    make_case(partner, employees_upskilled=999, publish=False)
    after = live_figures()
    assert after["partners"] == before["partners"] + 1
    assert after["tools"] == before["tools"] + 2
    assert after["cases"] == before["cases"] + 2
    assert after["employees_upskilled"] == before["employees_upskilled"] + 150


def test_live_figures_on_the_home_page(client):
    partner = make_partner()
    make_case(partner, employees_upskilled=4321)
    response = client.get("/")
    assert response.status_code == 200
    assert response.context["live_figures"]["employees_upskilled"] == 4321


def test_who_sees_partner_content():
    partner = make_partner()
    from django.contrib.auth.models import AnonymousUser

    assert not sees_partner_content(AnonymousUser())
    assert not sees_partner_content(make_user())
    assert sees_partner_content(make_partner_member())
    assert sees_partner_content(make_partner_editor(partner))
    assert sees_partner_content(make_editor())
    assert sees_partner_content(make_user(is_superuser=True))
    inactive = make_partner_member()
    inactive.is_active = False
    assert not sees_partner_content(inactive)


def test_partners_only_tool_is_hidden_from_anonymous_and_shown_to_partners(client):
    partner = make_partner()
    secret = make_tool(partner, access=Access.PARTNERS, title="Intern tjekliste")
    public = make_tool(partner, title="Åben guide")

    response = client.get(secret.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")
    assert "Intern tjekliste" not in client.get(public.url).content.decode()

    outsider = make_user()
    assert not can_view(outsider, secret)
    client.force_login(outsider)
    response = client.get(secret.url)
    assert response.status_code == 403
    assert "Ingen adgang" in response.content.decode()
    assert "Intern tjekliste" not in response.content.decode()
    client.logout()
    assert list(ToolPage.objects.visible_to(outsider)) == [public]

    client.force_login(make_partner_member())
    response = client.get(secret.url)
    assert response.status_code == 200
    assert "Intern tjekliste" in response.content.decode()


def test_partner_pages_list_only_visible_tools(client):
    partner = make_partner()
    make_tool(partner, access=Access.PARTNERS, title="Intern tjekliste")
    make_tool(partner, title="Åben guide")
    response = client.get(partner.url)
    titles = [tool.title for tool in response.context["tools"]]
    assert titles == ["Åben guide"]


def test_page_type_rules():
    assert CasePage.can_create_at(make_partner())
    assert not CasePage.can_create_at(tool_index())
    assert ToolPage.can_create_at(tool_index())
    assert not ToolPage.can_create_at(partner_index())


def png_bytes(size):
    buffer = BytesIO()
    PILImage.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def editor_client(client):
    client.force_login(make_user("admin", is_superuser=True, is_staff=True))
    return client


def upload_image(client, content, name="billede.png", description="Et rødt felt"):
    return client.post(
        "/admin/images/add/",
        {
            "title": "Testbillede",
            "description": description,
            "file": SimpleUploadedFile(name, content, content_type="image/png"),
            "collection": 1,
        },
    )


def test_image_upload_requires_alt_text(editor_client):
    from core.models import PortalImage

    response = upload_image(editor_client, png_bytes((20, 20)), description="")
    assert response.status_code == 200
    assert "description" in response.context["form"].errors
    assert not PortalImage.objects.exists()


@override_settings(WAGTAILIMAGES_MAX_IMAGE_PIXELS=100)
def test_image_upload_refuses_too_many_pixels(editor_client):
    from core.models import PortalImage

    response = upload_image(editor_client, png_bytes((20, 20)))
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert not PortalImage.objects.exists()


@override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=100)
def test_image_upload_refuses_too_large_files(editor_client):
    response = upload_image(editor_client, png_bytes((200, 200)))
    assert response.status_code == 200
    assert "file" in response.context["form"].errors


def test_image_upload_refuses_a_broken_file(editor_client):
    response = upload_image(editor_client, b"not an image at all")
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
