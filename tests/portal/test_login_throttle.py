"""Password guessing is throttled at the site's and the admin's login, which
share one form (core.login.ThrottledLoginForm) and its counters."""

import pytest

from core.login import ADDRESS_LIMIT, USERNAME_LIMIT
from tests.factories import DEFAULT_PASSWORD, make_user

pytestmark = pytest.mark.django_db

LOGIN_URLS = ["/login/", "/admin/login/"]
ATTACKER = "198.51.100.7"
OTHER_ADDRESS = "203.0.113.20"
WRONG = "Brugernavn eller adgangskode er forkert. Prøv igen."
THROTTLED = "For mange mislykkede loginforsøg. Prøv igen om 15 minutter."


@pytest.fixture
def anna(db):
    return make_user("anna", is_staff=True, is_superuser=True)


def attempt(client, url, username, password, address=ATTACKER):
    """The message the login form answers with, or "ok" for a login."""
    response = client.post(
        url, {"username": username, "password": password}, REMOTE_ADDR=address
    )
    if response.status_code == 302:
        assert "_auth_user_id" in client.session
        client.logout()
        return "ok"
    assert response.status_code == 200
    html = response.content.decode()
    assert "_auth_user_id" not in client.session
    if THROTTLED in html:
        return "throttled"
    assert WRONG in html
    return "wrong"


@pytest.mark.parametrize("url", LOGIN_URLS)
def test_wrong_passwords_are_refused_after_the_limit(client, anna, url):
    answers = [attempt(client, url, "anna", f"gæt-{n}") for n in range(20)]

    assert answers == ["wrong"] * USERNAME_LIMIT + ["throttled"] * (20 - USERNAME_LIMIT)
    # Now even the right password is refused, from this address ...
    assert attempt(client, url, "anna", DEFAULT_PASSWORD) == "throttled"
    # ... and from any other: the username itself is locked for the window.
    assert (
        attempt(client, url, "anna", DEFAULT_PASSWORD, address=OTHER_ADDRESS)
        == "throttled"
    )


@pytest.mark.parametrize("url", LOGIN_URLS)
def test_another_user_from_another_address_is_unaffected(client, anna, url):
    make_user("bo", is_staff=True, is_superuser=True)
    for n in range(20):
        attempt(client, url, "anna", f"gæt-{n}")

    assert attempt(client, url, "bo", DEFAULT_PASSWORD, address=OTHER_ADDRESS) == "ok"


@pytest.mark.parametrize("url", LOGIN_URLS)
def test_answers_do_not_tell_whether_the_user_exists(client, anna, url):
    existing = [attempt(client, url, "anna", f"gæt-{n}") for n in range(8)]
    unknown = [
        attempt(client, url, "ingen-sådan", f"gæt-{n}", address=OTHER_ADDRESS)
        for n in range(8)
    ]

    assert existing == unknown


def test_one_address_guessing_many_usernames_is_refused(client, anna):
    answers = [
        attempt(client, "/login/", f"bruger-{n}", "gæt") for n in range(ADDRESS_LIMIT)
    ]
    assert set(answers) == {"wrong"}

    assert attempt(client, "/login/", "anna", DEFAULT_PASSWORD) == "throttled"
    assert (
        attempt(client, "/login/", "anna", DEFAULT_PASSWORD, address=OTHER_ADDRESS)
        == "ok"
    )


def test_a_successful_login_clears_the_username_count(client, anna):
    for _round in range(3):
        for n in range(USERNAME_LIMIT - 1):
            assert attempt(client, "/login/", "anna", f"gæt-{n}") == "wrong"
        assert attempt(client, "/login/", "anna", DEFAULT_PASSWORD) == "ok"


def test_site_and_admin_share_the_count(client, anna):
    for n in range(USERNAME_LIMIT):
        attempt(client, "/login/", "anna", f"gæt-{n}")

    assert attempt(client, "/admin/login/", "anna", DEFAULT_PASSWORD) == "throttled"
    assert (
        attempt(client, "/admin/login/", "Anna", DEFAULT_PASSWORD, OTHER_ADDRESS)
        == "throttled"
    )


def test_the_django_admin_login_goes_through_the_throttled_login(client):
    response = client.get("/django-admin/login/", {"next": "/django-admin/"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=%2Fdjango-admin%2F"
