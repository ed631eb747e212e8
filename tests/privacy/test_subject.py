"""Export and erase by e-mail address: `manage.py personal_data` and the
editors' admin view find everything tied to an address or an account, and
after erase nothing of it is left anywhere in the database."""

import json
from io import StringIO

from django.core.management import call_command

from wagtail.contrib.forms.models import FormSubmission
from wagtail.contrib.search_promotions.models import Query

import pytest

from core.roles import ensure_editorial_setup
from search.models import SearchAlert, ZeroResultQuery
from tests.factories import (
    make_editor,
    make_partner,
    make_partner_editor,
    make_sector,
    make_tool,
    make_user,
    tool_index,
)
from toolbox.models import SavedTool, ToolFeedback, ToolSuggestion

pytestmark = pytest.mark.django_db

ADDRESS = "Mette.Jensen@Smedjen.example.dk"
OTHER = "ole@andet.example.dk"
URL = "/admin/persondata/"


@pytest.fixture
def personal(client, form_page, django_capture_on_commit_callbacks):
    """The address in every place a visitor or a user can leave it, and
    another address alongside that must stay."""
    ensure_editorial_setup()
    tool_index()
    sector = make_sector("Metal")
    tool = make_tool(title="Svejseguide")
    for address in (ADDRESS, OTHER):
        SearchAlert.objects.create(email=address.lower(), query_string="q=svejs")
        client.post(form_page.url, {"navn": "Mette", "e_mail": address})
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                "/foreslaa-et-vaerktoej/",
                {
                    "title": f"Forslag {len(address)}",
                    "link": "https://smedjen.example.dk/guide",
                    "sector": str(sector.pk),
                    "reason": "Vi brugte den hver dag.",
                    "name": "Mette Jensen" if address == ADDRESS else "Ole",
                    "email": address,
                },
                REMOTE_ADDR=f"10.7.0.{len(address)}",
            )
    user = make_user("mettej", email=ADDRESS.lower(), first_name="Mette")
    SavedTool.objects.create(user=user, tool=tool)
    ToolFeedback.objects.create(
        tool=tool, helpful=True, comment=f"Skriv til {ADDRESS}", client_key="k"
    )
    # Logged before scrubbing existed: erase must find it still.
    Query.get(ADDRESS.lower()).add_hit()
    ZeroResultQuery.record(f"kontakt {ADDRESS.lower()}")
    assert FormSubmission.objects.count() == 2
    assert ToolSuggestion.objects.count() == 2
    return user


def everything():
    out = StringIO()
    call_command("dumpdata", stdout=out)
    return out.getvalue().lower()


def test_export_finds_everything_tied_to_the_address(personal):
    out = StringIO()
    call_command("personal_data", "export", ADDRESS.upper(), stdout=out)
    data = json.loads(out.getvalue())
    assert len(data["alerts"]) == 1
    assert [s["name"] for s in data["suggestions"]] == ["Mette Jensen"]
    assert len(data["form_submissions"]) == 1
    [account] = data["accounts"]
    assert account["username"] == "mettej"
    assert account["saved_tools"] == ["Svejseguide"]
    assert len(data["feedback_comments"]) == 1
    assert len(data["logged_searches"]) == 2
    assert OTHER not in out.getvalue()


def test_erase_leaves_nothing_of_the_address(personal):
    assert ADDRESS.lower() in everything()
    call_command("personal_data", "erase", ADDRESS, stdout=StringIO())
    dump = everything()
    assert ADDRESS.lower() not in dump
    assert "mette jensen" not in dump
    assert "mettej" not in dump
    out = StringIO()
    call_command("personal_data", "export", ADDRESS, stdout=out)
    data = json.loads(out.getvalue())
    assert not any(value for key, value in data.items() if key != "email")
    # The other address is untouched; the suggested draft stays.
    assert OTHER in dump
    assert SearchAlert.objects.filter(email=OTHER).exists()
    assert ToolSuggestion.objects.count() == 2
    assert ToolFeedback.objects.get().helpful is True


def test_editors_export_and_erase_in_the_admin(client, personal):
    client.force_login(make_editor())
    response = client.post(URL, {"email": ADDRESS, "action": "find"})
    assert response.status_code == 200
    assert "Forslag til værktøjer: 1" in response.content.decode()
    response = client.post(URL, {"email": ADDRESS, "action": "export"})
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content)["accounts"][0]["username"] == "mettej"
    response = client.post(URL, {"email": ADDRESS, "action": "erase"})
    assert "Sæt kryds" in response.content.decode()
    assert SearchAlert.objects.filter(email=ADDRESS.lower()).exists()
    response = client.post(URL, {"email": ADDRESS, "action": "erase", "confirm": "on"})
    assert response.status_code == 200
    assert "Der er intet gemt om denne adresse" in response.content.decode()
    assert ADDRESS.lower() not in everything()


def test_partner_editors_and_others_cannot_reach_it(client, personal):
    partner = make_partner()
    for user in (
        make_partner_editor(partner, is_staff=True),
        make_user(is_staff=True),
    ):
        client.force_login(user)
        for method in (client.get, client.post):
            response = method(URL, {"email": ADDRESS, "action": "export"})
            assert response.status_code in {302, 403}
            assert ADDRESS.lower().encode() not in response.content.lower()
        assert "/admin/persondata/" not in client.get("/admin/").content.decode()
    assert SearchAlert.objects.filter(email=ADDRESS.lower()).exists()
    client.logout()
    assert client.get(URL).status_code == 302
