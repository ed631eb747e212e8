"""Every answer of the JSON API names its type and charset once:
`application/json; charset=utf-8`, the form clients and proxies parse."""

import pytest

pytestmark = pytest.mark.django_db

JSON_UTF8 = "application/json; charset=utf-8"


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/v1/tools", 200),
        ("/api/v1/cases", 200),
        ("/api/v1/partners", 200),
        ("/api/v1/tools/{public}", 200),
        ("/api/v1/tools/{secret}", 404),
        ("/api/v1/tools?sektor=findes-ikke", 400),
        ("/api/v1/tools?side=0", 422),
    ],
)
def test_content_type_names_the_charset_once(client, catalogue, path, status):
    url = path.format(public=catalogue["public"].pk, secret=catalogue["secret"].pk)
    response = client.get(url)

    assert response.status_code == status
    assert response["Content-Type"] == JSON_UTF8
    # UTF-8 as it is, and it decodes as what the header says.
    assert "\\u00e6" not in response.content.decode("utf-8")


def test_danish_text_is_sent_as_utf8(client, catalogue):
    response = client.get(f"/api/v1/tools/{catalogue['public'].pk}")

    assert "sidemandsoplæring".encode() in response.content
    assert response.json()["title"] == catalogue["public"].title
