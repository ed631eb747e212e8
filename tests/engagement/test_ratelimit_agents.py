"""Rate limits follow the client's address: a new User-Agent per request
does not buy new attempts (which would let anyone push a tool up "Mest
nyttige")."""

import pytest

from tests.factories import make_tool
from toolbox.engagement import FEEDBACK_LIMIT
from toolbox.models import ToolFeedback, ToolStats

pytestmark = pytest.mark.django_db

ADDRESS = "198.51.100.23"


def agent(number):
    return f"Mozilla/5.0 (X11; Linux x86_64; rv:{100 + number}.0) Firefox/{number}"


def test_feedback_with_rotating_user_agents_is_limited(client):
    tool = make_tool()
    url = f"/vaerktoejer/{tool.pk}/nyttig/"

    statuses = [
        client.post(
            url, {"helpful": "ja"}, REMOTE_ADDR=ADDRESS, HTTP_USER_AGENT=agent(n)
        ).status_code
        for n in range(FEEDBACK_LIMIT * 4)
    ]

    assert statuses == [302] * FEEDBACK_LIMIT + [429] * (FEEDBACK_LIMIT * 3)
    assert ToolFeedback.objects.filter(tool=tool).count() == FEEDBACK_LIMIT
    assert ToolStats.objects.get(tool=tool).helpful_yes == FEEDBACK_LIMIT
    # The answers from one address carry one client key, so editors can see
    # in the admin that they came from the same client.
    assert (
        ToolFeedback.objects.filter(tool=tool)
        .values_list("client_key", flat=True)
        .distinct()
        .count()
        == 1
    )


def test_another_address_still_has_its_own_allowance(client):
    tool = make_tool()
    url = f"/vaerktoejer/{tool.pk}/nyttig/"
    for n in range(FEEDBACK_LIMIT + 1):
        client.post(
            url, {"helpful": "ja"}, REMOTE_ADDR=ADDRESS, HTTP_USER_AGENT=agent(n)
        )

    response = client.post(
        url, {"helpful": "nej"}, REMOTE_ADDR="203.0.113.99", HTTP_USER_AGENT=agent(0)
    )
    assert response.status_code == 302
