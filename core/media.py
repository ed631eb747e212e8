"""Serves uploaded images from MEDIA_ROOT, in every mode.

Only Wagtail's image folders are public. Documents live beside them in
MEDIA_ROOT/documents, but are served solely by Wagtail's document view
(/dokumenter/...), which runs the access hooks; a URL under /media/ must
never reach them, so this view knows the image folders and nothing else.
"""

from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, Http404
from django.utils._os import safe_join
from django.views.decorators.http import condition, require_safe

# Where AbstractImage.get_upload_to and AbstractRendition.get_upload_to put
# originals and renditions.
IMAGE_FOLDERS = ("original_images", "images")
# Anything else in those folders (an SVG, a stray HTML file) is not served:
# it could run script on the portal's origin.
IMAGE_CONTENT_TYPES = {
    ".avif": "image/avif",
    ".gif": "image/gif",
    ".jpeg": "image/jpeg",
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
}
# Renditions are named after their source file and filter, so a changed image
# gets a new URL; a day is still short enough for a replaced file to show.
CACHE_CONTROL = "public, max-age=86400"


def image_file(path):
    """The file under an image folder that path names, or Http404. Joined
    against the folder itself, so `images/../documents/x.pdf` and symlinks
    out of the folder are refused too."""
    folder, _, rest = path.partition("/")
    if folder not in IMAGE_FOLDERS or not rest:
        raise Http404
    root = Path(settings.MEDIA_ROOT, folder).resolve()
    try:
        candidate = Path(safe_join(root, rest)).resolve()
    except SuspiciousFileOperation:
        raise Http404 from None
    if not candidate.is_relative_to(root) or not candidate.is_file():
        raise Http404
    if candidate.suffix.lower() not in IMAGE_CONTENT_TYPES:
        raise Http404
    return candidate


def _last_modified(request, path):
    # Lets a browser revalidate with If-Modified-Since and get a 304.
    try:
        return datetime.fromtimestamp(image_file(path).stat().st_mtime, tz=UTC)
    except Http404:
        return None


@require_safe
@condition(last_modified_func=_last_modified)
def serve_image(request, path):
    file_path = image_file(path)
    response = FileResponse(
        file_path.open("rb"),
        content_type=IMAGE_CONTENT_TYPES[file_path.suffix.lower()],
    )
    response["Cache-Control"] = CACHE_CONTROL
    return response
