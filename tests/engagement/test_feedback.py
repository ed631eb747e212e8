import pytest

from core.choices import Access
from tests.factories import make_partner_member, make_tool, make_user
from toolbox.engagement import FEEDBACK_LIMIT, wilson_lower_bound
from toolbox.models import ToolFeedback, ToolStats

pytestmark = pytest.mark.django_db


def feedback_url(tool):
    return f"/vaerktoejer/{tool.pk}/nyttig/"


def test_answer_is_stored_and_counted_without_the_ip(client):
    tool = make_tool()
    response = client.post(
        feedback_url(tool),
        {"helpful": "ja", "comment": "Brugte den på morgenmødet."},
        REMOTE_ADDR="203.0.113.7",
    )
    assert response.status_code == 302
    assert response["Location"] == tool.url + "#nyttig"
    feedback = ToolFeedback.objects.get()
    assert feedback.tool_id == tool.pk
    assert feedback.helpful is True
    assert feedback.comment == "Brugte den på morgenmødet."
    assert "203.0.113.7" not in feedback.client_key
    assert len(feedback.client_key) == 40
    stats = ToolStats.objects.get(tool=tool)
    assert (stats.helpful_yes, stats.helpful_no) == (1, 0)
    assert stats.helpful_score == pytest.approx(wilson_lower_bound(1, 1))


def test_thanks_are_shown_after_the_redirect(client):
    tool = make_tool()
    response = client.post(feedback_url(tool), {"helpful": "nej"}, follow=True)
    assert response.status_code == 200
    assert "Tak for din tilbagemelding!" in response.content.decode()


def test_score_ranks_many_yes_above_a_lucky_few():
    assert wilson_lower_bound(40, 45) > wilson_lower_bound(2, 2)
    assert wilson_lower_bound(0, 0) == 0.0
    assert 0 <= wilson_lower_bound(3, 10) < 0.3


def test_no_answers_lower_the_score(client):
    tool = make_tool()
    client.post(feedback_url(tool), {"helpful": "ja"}, REMOTE_ADDR="10.0.0.1")
    first = ToolStats.objects.get(tool=tool).helpful_score
    client.post(feedback_url(tool), {"helpful": "nej"}, REMOTE_ADDR="10.0.0.2")
    stats = ToolStats.objects.get(tool=tool)
    assert (stats.helpful_yes, stats.helpful_no) == (1, 1)
    assert stats.helpful_score < first


def test_javascript_clients_get_json(client):
    tool = make_tool()
    response = client.post(
        feedback_url(tool), {"helpful": "ja"}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 201
    assert response.json() == {"message": "Tak for din tilbagemelding!"}


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"helpful": "måske"},
        {"helpful": ""},
        {"helpful": "ja", "comment": "x" * 1001},
        {"helpful": "ja\x00"},
    ],
)
def test_invalid_answers_are_400_in_danish(client, data):
    tool = make_tool()
    response = client.post(feedback_url(tool), data)
    assert response.status_code == 400
    assert "Tilbagemeldingen kunne ikke gemmes" in response.content.decode()
    assert not ToolFeedback.objects.exists()


def test_rate_limit_per_client_and_tool(client):
    tool, other = make_tool(), make_tool()
    for _ in range(FEEDBACK_LIMIT):
        assert client.post(feedback_url(tool), {"helpful": "ja"}).status_code == 302
    response = client.post(feedback_url(tool), {"helpful": "ja"})
    assert response.status_code == 429
    assert "Prøv igen om en times tid" in response.content.decode()
    json_response = client.post(
        feedback_url(tool), {"helpful": "ja"}, HTTP_ACCEPT="application/json"
    )
    assert json_response.status_code == 429
    assert ToolFeedback.objects.filter(tool=tool).count() == FEEDBACK_LIMIT
    # Another tool, and another client, are not limited.
    assert client.post(feedback_url(other), {"helpful": "ja"}).status_code == 302
    response = client.post(
        feedback_url(tool), {"helpful": "ja"}, REMOTE_ADDR="198.51.100.4"
    )
    assert response.status_code == 302


def test_partners_only_tool_refuses_feedback_from_those_who_cannot_see_it(client):
    tool = make_tool(access=Access.PARTNERS)
    assert client.post(feedback_url(tool), {"helpful": "ja"}).status_code == 404
    client.force_login(make_user())
    assert client.post(feedback_url(tool), {"helpful": "ja"}).status_code == 404
    assert not ToolFeedback.objects.exists()
    client.force_login(make_partner_member())
    assert client.post(feedback_url(tool), {"helpful": "ja"}).status_code == 302
    assert ToolFeedback.objects.count() == 1


def test_drafts_and_unknown_tools_are_404(client):
    draft = make_tool(publish=False)
    assert client.post(feedback_url(draft), {"helpful": "ja"}).status_code == 404
    assert (
        client.post("/vaerktoejer/999999/nyttig/", {"helpful": "ja"}).status_code == 404
    )


def test_csrf_is_required(db):
    from django.test import Client

    tool = make_tool()
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(feedback_url(tool), {"helpful": "ja"}).status_code == 403
    assert not ToolFeedback.objects.exists()


def test_only_post_is_accepted(client):
    assert client.get(feedback_url(make_tool())).status_code == 405


def test_the_widget_renders_a_labelled_form_that_works_without_javascript(rf):
    from django.contrib.auth.models import AnonymousUser
    from django.template.loader import render_to_string

    tool = make_tool()
    request = rf.get(tool.url)
    request.user = AnonymousUser()
    html = render_to_string(
        "toolbox/includes/feedback.html", {"page": tool}, request=request
    )
    assert f'action="/vaerktoejer/{tool.pk}/nyttig/"' in html
    assert 'method="post"' in html
    assert "csrfmiddlewaretoken" in html
    assert "Var dette værktøj nyttigt?" in html
    assert 'for="nyttig-kommentar"' in html
