"""Passwords of Wagtail's privacy restrictions (pages and document
collections) are throttled like logins: per address and per restriction
(core.login.ThrottledPasswordViewRestrictionForm). Issue 18: 40 wrong
passwords to /_util/authenticate_with_password/ all got 200."""

from django.urls import reverse

from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

import pytest

from core.login import PASSWORD_ADDRESS_LIMIT, PASSWORD_RESTRICTION_LIMIT
from tests.factories import make_document, make_standard_page

pytestmark = pytest.mark.django_db

PASSWORD = "pagtens-hemmelighed"  # noqa: S105 - test-only password
ATTACKER = "198.51.100.7"
WRONG = "Adgangskoden er forkert. Prøv igen."
THROTTLED = "For mange forkerte adgangskoder. Prøv igen om 15 minutter."


@pytest.fixture
def protected_page(site_tree):
    page = make_standard_page(site_tree, title="Kun med adgangskode")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password=PASSWORD
    )
    url = reverse(
        "wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk]
    )
    return page, url


def attempt(client, url, password, return_url, address=ATTACKER):
    response = client.post(
        url, {"password": password, "return_url": return_url}, REMOTE_ADDR=address
    )
    if response.status_code == 302:
        assert response["Location"] == return_url
        return "ok"
    assert response.status_code == 200
    html = response.content.decode()
    if THROTTLED in html:
        return "throttled"
    assert WRONG in html
    return "wrong"


def test_the_right_password_opens_the_page(client, protected_page):
    page, url = protected_page
    assert client.get(page.url).status_code == 200
    assert PASSWORD not in client.get(page.url).content.decode()

    assert attempt(client, url, "forkert", page.url) == "wrong"
    assert attempt(client, url, PASSWORD, page.url) == "ok"
    assert "Kun med adgangskode" in client.get(page.url).content.decode()


def test_forty_wrong_passwords_from_one_address_are_refused(client, protected_page):
    page, url = protected_page
    answers = [attempt(client, url, f"gæt-{n}", page.url) for n in range(40)]

    assert answers == ["wrong"] * PASSWORD_ADDRESS_LIMIT + ["throttled"] * (
        40 - PASSWORD_ADDRESS_LIMIT
    )
    # Past the limit the password is not even checked.
    assert attempt(client, url, PASSWORD, page.url) == "throttled"
    assert attempt(client, url, PASSWORD, page.url, address="203.0.113.9") == "ok"


def test_guesses_from_many_addresses_lock_the_restriction(client, protected_page):
    page, url = protected_page
    answers = [
        attempt(client, url, f"gæt-{n}", page.url, address=f"203.0.113.{n}")
        for n in range(PASSWORD_RESTRICTION_LIMIT + 2)
    ]

    assert answers.count("wrong") == PASSWORD_RESTRICTION_LIMIT
    assert attempt(client, url, PASSWORD, page.url, address="192.0.2.1") == (
        "throttled"
    )


def test_the_count_is_shared_by_every_page_under_one_address(
    client, protected_page, site_tree
):
    page, url = protected_page
    other = make_standard_page(site_tree, title="Også beskyttet")
    restriction = PageViewRestriction.objects.create(
        page=other, restriction_type=PageViewRestriction.PASSWORD, password=PASSWORD
    )
    other_url = reverse(
        "wagtailcore_authenticate_with_password", args=[restriction.pk, other.pk]
    )
    for n in range(PASSWORD_ADDRESS_LIMIT):
        attempt(client, url, f"gæt-{n}", page.url)

    assert attempt(client, other_url, PASSWORD, other.url) == "throttled"


def test_document_collection_passwords_are_throttled_too(client, site_tree):
    collection = Collection.get_first_root_node().add_child(name="Hemmelig")
    document = make_document("Beskyttet fil")
    document.collection = collection
    document.save()
    restriction = CollectionViewRestriction.objects.create(
        collection=collection,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password=PASSWORD,
    )
    url = reverse("wagtaildocs_authenticate_with_password", args=[restriction.pk])
    answers = [
        attempt(client, url, f"gæt-{n}", document.url)
        for n in range(PASSWORD_ADDRESS_LIMIT + 5)
    ]

    assert answers[-5:] == ["throttled"] * 5
    assert attempt(client, url, PASSWORD, document.url, address="192.0.2.1") == "ok"
    assert client.get(document.url).status_code == 200
