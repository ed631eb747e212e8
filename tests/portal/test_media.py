"""Uploaded files under /media/: images are served in every mode, documents
in none (core.media). portal.urls is built once at import, so each test
rebuilds it under the DEBUG value it runs with, as `make run` (DEBUG) and
gunicorn (production) would."""

import importlib
from pathlib import Path

from django.conf import settings
from django.test import override_settings
from django.urls import clear_url_caches

import pytest

import portal.urls
from core.choices import Access
from tests.factories import make_document, make_image, make_tool

pytestmark = pytest.mark.django_db


def rebuild_urls():
    importlib.reload(portal.urls)
    clear_url_caches()


@pytest.fixture(params=[True, False], ids=["debug", "production"])
def debug_mode(request):
    with override_settings(DEBUG=request.param):
        rebuild_urls()
        yield request.param
    rebuild_urls()


@pytest.fixture
def production_mode():
    with override_settings(DEBUG=False):
        rebuild_urls()
        yield
    rebuild_urls()


def media_file(url):
    return Path(settings.MEDIA_ROOT, url.removeprefix(settings.MEDIA_URL))


def test_a_restricted_document_is_not_served_from_its_media_url(client, debug_mode):
    document = make_document(content=b"Kun for partnere.\n")
    make_tool(access=Access.PARTNERS, documents=[document])
    assert document.file.url.startswith("/media/documents/")
    assert media_file(document.file.url).is_file()

    response = client.get(document.file.url)

    assert response.status_code == 404


def test_a_path_out_of_the_image_folders_is_refused(client, debug_mode):
    document = make_document()
    name = Path(document.file.name).name

    for url in (
        f"/media/images/../documents/{name}",
        f"/media/original_images/../../media/documents/{name}",
        "/media/documents/",
        "/media/",
    ):
        assert client.get(url).status_code == 404, url


def test_original_image_and_rendition_are_served(client, debug_mode):
    image = make_image()
    rendition = image.get_rendition("fill-20x20")

    for url in (image.file.url, rendition.url):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "image/png"
        assert "max-age" in response["Cache-Control"]
        assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_an_unchanged_image_is_revalidated_with_304(client, production_mode):
    image = make_image()
    first = client.get(image.file.url)

    again = client.get(image.file.url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert again.status_code == 304


def test_a_non_image_file_in_an_image_folder_is_not_served(client, production_mode):
    folder = Path(settings.MEDIA_ROOT, "original_images")
    folder.mkdir(parents=True, exist_ok=True)
    page = folder / "side.html"
    page.write_text("<script>alert(1)</script>")
    try:
        assert client.get("/media/original_images/side.html").status_code == 404
    finally:
        page.unlink()
