"""Password guessing is throttled at the site's, Wagtail's front-end and the
admin's login, which share one form (core.login.ThrottledLoginForm) and its
counters."""

from django.contrib.auth.views import LoginView
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.views.generic import RedirectView

import pytest

from core.login import ADDRESS_LIMIT, USERNAME_LIMIT, ThrottledLoginForm
from tests.factories import DEFAULT_PASSWORD, make_user

pytestmark = pytest.mark.django_db

LOGIN_URLS = ["/login/", "/_util/login/", "/admin/login/"]
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


def test_thirty_wrong_passwords_on_wagtails_front_end_login_are_refused(client, anna):
    """Issue 18: /_util/login/ was Django's LoginView with the default form,
    and answered every one of 30 guesses."""
    answers = [
        attempt(client, "/_util/login/", f"bruger-{n}", f"gæt-{n}") for n in range(30)
    ]

    assert answers.count("wrong") == ADDRESS_LIMIT
    assert answers[ADDRESS_LIMIT:] == ["throttled"] * (30 - ADDRESS_LIMIT)
    assert attempt(client, "/_util/login/", "anna", DEFAULT_PASSWORD) == "throttled"


def test_a_user_throttled_on_the_site_cannot_log_in_on_wagtails_login(client, anna):
    for n in range(USERNAME_LIMIT):
        attempt(client, "/login/", "anna", f"gæt-{n}")

    assert attempt(client, "/_util/login/", "anna", DEFAULT_PASSWORD) == "throttled"
    assert (
        attempt(client, "/_util/login/", "anna", DEFAULT_PASSWORD, OTHER_ADDRESS)
        == "throttled"
    )


def test_page_privacy_sends_visitors_to_the_throttled_login(client, site_tree):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(
        page=site_tree, restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/"


def _login_paths(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _login_paths(pattern, prefix + route)
        elif isinstance(pattern, URLPattern) and "login" in route:
            yield "/" + prefix + route.lstrip("^").rstrip("$")


def test_every_login_route_uses_the_throttled_form():
    """Any route with "login" in it, in any app's URLconf, answers with the
    throttled form or sends the visitor to a route that does."""
    paths = sorted(set(_login_paths()))
    assert "/_util/login/" in paths and "/django-admin/login/" in paths

    for path in paths:
        view = resolve(path).func
        if getattr(view, "view_class", None) is RedirectView:
            path = view.view_initkwargs["url"]
            view = resolve(path).func
        view_class = getattr(view, "view_class", None)
        assert view_class is not None and issubclass(view_class, LoginView), path
        instance = view_class(**view.view_initkwargs)
        instance.setup(RequestFactory().get(path))
        assert issubclass(instance.get_form_class(), ThrottledLoginForm), path
