"""Checks on uploaded images and documents, and the admin form bases that run
them (WAGTAILIMAGES_IMAGE_FORM_BASE, WAGTAILDOCS_DOCUMENT_FORM_BASE).

An upload is refused with a form error when its content is not what its
name says: an image that does not decode to the end, or a document whose
bytes do not match its extension. Documents are served under the portal's
own domain, so an HTML page passed off as a PDF or a text file must never be
stored.
"""

import re
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from PIL import Image as PILImage
from PIL import ImageSequence

IMAGE_UNREADABLE = _(
    "Billedet kan ikke læses: filen er ufuldstændig eller beskadiget. "
    "Gem billedet igen, og prøv igen."
)
DOCUMENT_TOO_LARGE = _(
    "Filen er for stor (%(file_size)s). Den må højst fylde %(max_filesize)s."
)
CONTENT_MISMATCH = _(
    "Filens indhold passer ikke til filtypen .%(extension)s. "
    "Gem filen i det rigtige format, og prøv igen."
)
NOT_PLAIN_TEXT = _(
    "En .%(extension)s-fil skal være almindelig tekst (UTF-8 eller Windows-1252)."
)
TEXT_WITH_MARKUP = _("En .%(extension)s-fil må ikke indeholde HTML eller script.")
UNCHECKED_TYPE = _(
    "Filtypen .%(extension)s kan ikke kontrolleres og kan derfor ikke uploades."
)

# Enough for every signature below.
HEAD_SIZE = 64
# Markup a browser could render or run, were a text file ever shown as HTML.
MARKUP = re.compile(
    r"<\s*(!doctype|html|head|body|script|iframe|svg|object|embed)\b", re.IGNORECASE
)
# Line breaks, tabs and form feeds are text; other control characters
# (NUL above all) mean a binary file.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def check_image_decodes(file):
    """Decodes every frame of the image to the end: Wagtail's checks read the
    header, so a truncated file passes them and fails later, when a
    rendition is made."""
    file.seek(0)
    try:
        with PILImage.open(file) as image:
            for frame in ImageSequence.Iterator(image):
                frame.load()
    except Exception as error:  # Pillow raises many types for bad data
        raise ValidationError(IMAGE_UNREADABLE, code="invalid_image") from error
    finally:
        file.seek(0)


def _starts_with(*signatures):
    def check(file, head):
        return head.startswith(signatures)

    return check


def _zip_names(file):
    """The archive's entry names, or None when file is not a readable zip.
    Reads only the central directory: no entry is decompressed."""
    try:
        with zipfile.ZipFile(file) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return None


def _office_open_xml(part_folder):
    """docx, xlsx and pptx: a zip with a content types part and the folder of
    the application's main part."""

    def check(file, head):
        if not head.startswith(b"PK\x03\x04"):
            return False
        names = _zip_names(file)
        return (
            names is not None
            and "[Content_Types].xml" in names
            and any(name.startswith(part_folder) for name in names)
        )

    return check


def _open_document(mimetype):
    """odt, ods and odp: a zip whose `mimetype` entry names the format."""

    def check(file, head):
        if not head.startswith(b"PK\x03\x04"):
            return False
        try:
            with zipfile.ZipFile(file) as archive:
                return archive.read("mimetype").strip() == mimetype
        except (zipfile.BadZipFile, KeyError, OSError, EOFError, ValueError):
            return False

    return check


def _zip(file, head):
    if not head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return False
    return _zip_names(file) is not None


def decode_text(data):
    """The text in data, or None when it is not text in an encoding a Danish
    office exports (UTF-8, UTF-16 with a byte order mark, Windows-1252)."""
    encodings = (
        ["utf-16"] if data.startswith((b"\xff\xfe", b"\xfe\xff")) else ["utf-8-sig"]
    )
    encodings.append("cp1252")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return None if CONTROL_CHARACTERS.search(text) else text
    return None


def _check_text(file, extension):
    text = decode_text(file.read())
    if text is None:
        raise ValidationError(
            NOT_PLAIN_TEXT, code="invalid_text", params={"extension": extension}
        )
    if MARKUP.search(text):
        raise ValidationError(
            TEXT_WITH_MARKUP, code="text_with_markup", params={"extension": extension}
        )


SIGNATURES = {
    "pdf": _starts_with(b"%PDF-"),
    "png": _starts_with(b"\x89PNG\r\n\x1a\n"),
    "jpg": _starts_with(b"\xff\xd8\xff"),
    "jpeg": _starts_with(b"\xff\xd8\xff"),
    "gif": _starts_with(b"GIF87a", b"GIF89a"),
    "docx": _office_open_xml("word/"),
    "xlsx": _office_open_xml("xl/"),
    "pptx": _office_open_xml("ppt/"),
    "odt": _open_document(b"application/vnd.oasis.opendocument.text"),
    "ods": _open_document(b"application/vnd.oasis.opendocument.spreadsheet"),
    "odp": _open_document(b"application/vnd.oasis.opendocument.presentation"),
    "zip": _zip,
}
TEXT_EXTENSIONS = {"txt", "csv"}


def check_document_content(file):
    """Refuses a document whose content does not match its extension. An
    extension outside WAGTAILDOCS_EXTENSIONS is left to Wagtail's own check;
    an allowed one that this module cannot check is refused, so that adding
    a type to the setting cannot open a way around the check."""
    extension = Path(file.name).suffix.lower().lstrip(".")
    allowed = getattr(settings, "WAGTAILDOCS_EXTENSIONS", None)
    if allowed is not None and extension not in allowed:
        return
    params = {"extension": extension}
    file.seek(0)
    try:
        if extension in TEXT_EXTENSIONS:
            _check_text(file, extension)
            return
        check = SIGNATURES.get(extension)
        if check is None:
            raise ValidationError(UNCHECKED_TYPE, code="unchecked_type", params=params)
        head = file.read(HEAD_SIZE)
        file.seek(0)
        if not check(file, head):
            raise ValidationError(
                CONTENT_MISMATCH, code="content_mismatch", params=params
            )
    finally:
        file.seek(0)


class DecodedImageField(WagtailImageField):
    """Wagtail's image field, with any decoding error turned into a form
    error instead of a server error."""

    def to_python(self, data):
        try:
            file = super().to_python(data)
        except ValidationError:
            raise
        except Exception as error:  # raised by Pillow inside Wagtail's checks
            raise ValidationError(IMAGE_UNREADABLE, code="invalid_image") from error
        if file is not None:
            check_image_decodes(file)
        return file


class PortalImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail builds the file field in a module-level callback that a form
        # base cannot override, so it is swapped here, keeping its widget.
        field = self.fields.get("file")
        if field is not None:
            self.fields["file"] = DecodedImageField(
                label=field.label,
                required=field.required,
                widget=field.widget,
                disabled=field.disabled,
            )


class PortalDocumentForm(BaseDocumentForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None:
            # WAGTAILDOCS_MAX_UPLOAD_SIZE is checked by Wagtail's field.
            field.error_messages["file_too_large"] = DOCUMENT_TOO_LARGE

    def clean_file(self):
        file = self.cleaned_data.get("file")
        # An edit that keeps the stored file has nothing new to check.
        if isinstance(file, UploadedFile):
            check_document_content(file)
        return file
