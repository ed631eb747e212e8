"""Images drawn with Pillow and small documents written byte by byte:
the demo downloads nothing."""

import csv
import io
import random
import textwrap
import zlib

from django.core.files.images import ImageFile

from PIL import Image, ImageDraw, ImageFont

from . import data


def _png(image):
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False, compress_level=3)
    buffer.seek(0)
    return buffer


def draw_hero(number, size=(800, 450)):
    """An abstract illustration: a gradient with overlapping shapes."""
    rng = random.Random(number)  # noqa: S311 - shapes, not security
    dark, mid, light = data.PALETTES[number % len(data.PALETTES)]
    width, height = size
    # A vertical gradient built from one column, then stretched.
    column = Image.new("RGB", (1, height))
    for y in range(height):
        t = y / max(height - 1, 1)
        column.putpixel(
            (0, y), tuple(int(a + (b - a) * t) for a, b in zip(dark, mid, strict=True))
        )
    image = column.resize(size)
    draw = ImageDraw.Draw(image, "RGBA")
    for _ in range(6):
        x, y = rng.randrange(width), rng.randrange(height)
        radius = rng.randint(40, 200)
        colour = (*rng.choice([light, mid, dark]), rng.randint(60, 160))
        if rng.random() < 0.5:
            draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour)
        else:
            draw.rectangle((x - radius, y - radius // 2, x + radius, y), fill=colour)
    for _ in range(4):
        y = rng.randrange(height)
        draw.line(
            (0, y, width, y + rng.randint(-120, 120)), fill=(*light, 180), width=4
        )
    return image


def draw_logo(initials, palette, size=200):
    dark, mid, light = data.PALETTES[palette % len(data.PALETTES)]
    image = Image.new("RGB", (size, size), light)
    draw = ImageDraw.Draw(image)
    margin = size // 10
    draw.ellipse((margin, margin, size - margin, size - margin), fill=dark)
    draw.arc(
        (margin, margin, size - margin, size - margin), 200, 340, fill=mid, width=8
    )
    font = ImageFont.load_default(size=size // 3)
    draw.text((size / 2, size / 2), initials, fill=light, font=font, anchor="mm")
    return image


def image_file(image, name):
    return ImageFile(_png(image), name=name)


# Documents ----------------------------------------------------------------


def _pdf_text(text):
    encoded = text.encode("cp1252", errors="replace")
    return encoded.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def minimal_pdf(title, lines):
    """A one-page PDF with Helvetica text (WinAnsi covers æ, ø and å)."""
    content = [b"BT /F1 18 Tf 56 780 Td (" + _pdf_text(title) + b") Tj ET"]
    y = 740
    for line in lines:
        content.append(b"BT /F1 11 Tf 56 %d Td (" % y + _pdf_text(line) + b") Tj ET")
        y -= 18
    stream = zlib.compress(b"\n".join(content))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream)
        + stream
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
        b"/Encoding /WinAnsiEncoding >>",
        b"<< /Title (" + _pdf_text(title) + b") /Producer (Vaerktoejskassen) >>",
    ]
    output = io.BytesIO()
    output.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(output.tell())
        output.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = output.tell()
    output.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        output.write(b"%010d 00000 n \n" % offset)
    output.write(
        b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, xref)
    )
    return output.getvalue()


def document_content(spec):
    """(extension, bytes) of a download that fits the tool's format."""
    title = spec["title"]
    steps = [
        "1. Læs værktøjet igennem, og vælg hvem der skal være med.",
        "2. Tilpas eksemplerne til jeres egne opgaver.",
        "3. Afprøv det i en uge, og saml erfaringerne op.",
        "4. Del resultatet på næste tavlemøde eller afdelingsmøde.",
    ]
    if spec["tool_format"] in ("skabelon", "tjekliste"):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow(
            ["Medarbejdergruppe", "Kompetence", "Niveau i dag", "Mål", "Ansvarlig"]
        )
        for group in ("Operatører", "Teknikere", "Teamledere", "Administration"):
            for skill in ("Grundlæggende AI-forståelse", "Prompting", "Datasikkerhed"):
                writer.writerow([group, skill, "", "", ""])
        return "csv", buffer.getvalue().encode("utf-8-sig")
    if spec["tool_format"] in ("guide", "metode", "workshopkit", "kursus"):
        lines = textwrap.wrap(spec["summary"], 90)
        return "pdf", minimal_pdf(
            title, [*lines, "", *steps, "", "AI-kompetencepagten"]
        )
    text = "\n".join(
        [
            title,
            "=" * len(title),
            "",
            spec["summary"],
            "",
            *steps,
            "",
            f"Kontakt: {spec['contact_name']} <{spec['contact_email']}>",
            "",
        ]
    )
    return "txt", text.encode("utf-8")
