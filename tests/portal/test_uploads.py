"""Uploads through the admin: who may upload images, and which files the
image and document forms refuse (core.uploads, core.roles)."""

import io
import zipfile

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.documents import get_document_model
from wagtail.models import Collection, GroupCollectionPermission

import pytest
from PIL import Image as PILImage

from core.models import PortalImage
from core.roles import ensure_editorial_setup, partner_collection, permission
from core.uploads import check_document_content
from tests.factories import make_editor, make_partner, make_partner_editor

pytestmark = pytest.mark.django_db

Document = get_document_model()


def image_bytes(image_format="PNG", size=(64, 48)):
    buffer = io.BytesIO()
    # Noise, so that a JPEG has enough scan data to cut in half.
    PILImage.effect_noise(size, 80).convert("RGB").save(buffer, format=image_format)
    return buffer.getvalue()


def pdf_bytes():
    buffer = io.BytesIO()
    PILImage.new("RGB", (20, 20), "white").save(buffer, format="PDF")
    return buffer.getvalue()


def zip_bytes(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def add_image(client, name, content, **fields):
    return client.post(
        "/admin/images/add/",
        {
            "title": "Maskinhal",
            "description": "Robotarm ved samlebåndet",
            "file": upload(name, content, "image/png"),
            **fields,
        },
    )


def add_document(client, name, content, **fields):
    return client.post(
        "/admin/documents/add/",
        {
            "title": "Tjekliste",
            "file": upload(name, content),
            "collection": Collection.get_first_root_node().pk,
            **fields,
        },
    )


def form_errors(response):
    return " ".join(
        str(error)
        for form in [response.context["form"]]
        for errors in form.errors.values()
        for error in errors
    )


# Who may upload images


def test_a_partner_editor_uploads_an_image_into_the_partners_collection(client):
    partner = make_partner()
    client.force_login(make_partner_editor(partner))

    response = add_image(client, "maskinhal.png", image_bytes())

    assert response.status_code == 302, form_errors(response)
    image = PortalImage.objects.get(title="Maskinhal")
    assert image.collection == partner_collection(partner, partner.editor_group)


def test_an_editor_uploads_an_image(client):
    client.force_login(make_editor())

    response = add_image(
        client,
        "maskinhal.png",
        image_bytes(),
        collection=Collection.get_first_root_node().pk,
    )

    assert response.status_code == 302, form_errors(response)
    assert PortalImage.objects.filter(title="Maskinhal").exists()


def test_rights_granted_on_the_image_model_wagtail_checks():
    partner = make_partner()
    editor = make_partner_editor(partner)
    collection = partner_collection(partner, partner.editor_group)
    granted = set(
        GroupCollectionPermission.objects.filter(
            group=partner.editor_group, collection=collection
        ).values_list("permission__content_type__app_label", "permission__codename")
    )
    assert {
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
    } <= granted
    assert not editor.is_superuser


def test_setup_after_migrate_mends_an_existing_partners_rights():
    partner = make_partner()
    group = partner.editor_group
    collection = partner_collection(partner, group)
    # A partner as the old setup left it: rights on PortalImage only.
    GroupCollectionPermission.objects.filter(
        group=group, permission__content_type__app_label="wagtailimages"
    ).delete()
    GroupCollectionPermission.objects.create(
        group=group,
        collection=collection,
        permission=permission("portal", "add_portalimage"),
    )

    ensure_editorial_setup()
    ensure_editorial_setup()

    rights = GroupCollectionPermission.objects.filter(group=group)
    add_image = permission("wagtailimages", "add_image")
    assert rights.filter(permission=add_image).count() == 1
    assert not rights.filter(permission__content_type__app_label="portal").exists()
    assert set(rights.values_list("collection", flat=True)) == {collection.pk}
    editors = Group.objects.get(name="Redaktører")
    assert GroupCollectionPermission.objects.filter(
        group=editors, permission=add_image
    ).exists()


# Images that do not decode


def truncated_jpeg():
    data = image_bytes("JPEG", size=(400, 300))
    return data[: len(data) // 2]


def test_a_truncated_jpeg_is_a_form_error_not_a_server_error(client):
    client.force_login(make_editor())

    response = add_image(
        client,
        "halv.jpg",
        truncated_jpeg(),
        collection=Collection.get_first_root_node().pk,
    )

    assert response.status_code == 200
    assert "Billedet kan ikke læses" in form_errors(response)
    assert not PortalImage.objects.exists()


def test_a_truncated_jpeg_in_the_multiple_uploader_is_refused(client):
    client.force_login(make_editor())

    response = client.post(
        "/admin/images/multiple/add/",
        {"files[]": upload("halv.jpg", truncated_jpeg(), "image/jpeg")},
    )

    assert response.status_code == 200
    data = response.json()
    assert data["success"] is False
    assert "Billedet kan ikke læses" in data["error_message"]
    assert not PortalImage.objects.exists()


# Documents: size and content


def test_a_document_over_25_mb_is_refused(client):
    client.force_login(make_editor())
    content = pdf_bytes()
    content += b"\0" * (25 * 1024 * 1024 + 1 - len(content))

    response = add_document(client, "stor.pdf", content)

    assert response.status_code == 200
    assert "Filen er for stor" in form_errors(response)
    assert not Document.objects.exists()


def test_html_renamed_to_pdf_is_refused(client):
    client.force_login(make_editor())

    response = add_document(
        client,
        "faktura.pdf",
        b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>",
    )

    assert response.status_code == 200
    assert "passer ikke til filtypen .pdf" in form_errors(response)
    assert not Document.objects.exists()


def test_a_real_pdf_is_accepted(client):
    client.force_login(make_editor())

    response = add_document(client, "tjekliste.pdf", pdf_bytes())

    assert response.status_code == 302, form_errors(response)
    document = Document.objects.get(title="Tjekliste")
    assert document.file.name.endswith(".pdf")


DOCX = zip_bytes(
    {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"}
)
ODS = zip_bytes(
    {"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "x.xml": ""}
)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("rapport.pdf", pdf_bytes()),
        ("skabelon.docx", DOCX),
        ("budget.ods", ODS),
        ("pakke.zip", zip_bytes({"a.txt": "a"})),
        ("billede.png", image_bytes()),
        ("billede.jpg", image_bytes("JPEG")),
        ("data.csv", "navn;by\nSøren;Århus\n".encode()),
        ("data.csv", "navn;by\nSøren;Århus\n".encode("cp1252")),
        ("noter.txt", "Første linje\r\nAnden linje\n".encode("utf-16")),
    ],
)
def test_documents_whose_content_matches_their_extension_pass(name, content):
    check_document_content(upload(name, content))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("rapport.pdf", b"<html><body>Hej</body></html>", "passer ikke"),
        ("skabelon.docx", zip_bytes({"word/document.xml": ""}), "passer ikke"),
        ("skabelon.xlsx", DOCX, "passer ikke"),
        ("budget.ods", DOCX, "passer ikke"),
        ("pakke.zip", b"PK\x03\x04 not really a zip", "passer ikke"),
        ("billede.png", b"GIF89a", "passer ikke"),
        ("noter.txt", b"<!doctype html><p>Hej", "HTML eller script"),
        ("data.csv", b"navn\n<script src=//evil.example></script>\n", "HTML"),
        ("data.csv", b"navn\x00\x01\x02", "almindelig tekst"),
    ],
)
def test_documents_whose_content_does_not_match_are_refused(name, content, message):
    with pytest.raises(ValidationError) as raised:
        check_document_content(upload(name, content))
    assert message in " ".join(raised.value.messages)


def test_an_allowed_extension_without_a_content_check_is_refused(settings):
    settings.WAGTAILDOCS_EXTENSIONS = [*settings.WAGTAILDOCS_EXTENSIONS, "html"]
    with pytest.raises(ValidationError, match="kan ikke kontrolleres"):
        check_document_content(upload("side.html", b"<html></html>"))
