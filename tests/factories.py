"""Small factory functions shared by the test suite.

Every helper builds only what it is asked for, with unique titles and slugs,
and publishes pages through revisions (like an editor would) unless told not
to. The site tree comes from migrations: the home page (portal/0002) exists;
the index pages and the production landing are created on demand by the
``*_index()`` / ``production_landing()`` helpers (get-or-create).

    partner = make_partner(sectors=[make_sector(is_focus=True)])
    tool = make_tool(partner, access=Access.PARTNERS)
    case = make_case(partner, tools=[tool])
    user = make_user("anna", groups=[MEMBERS_GROUP])
"""

import datetime
import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils.text import slugify

from wagtail.documents import get_document_model

from portal.access import EDITORS_GROUP, MEMBERS_GROUP
from portal.choices import Access, PartnerType, SizeBand

DEFAULT_PASSWORD = "test-adgang-2026"  # noqa: S105 - test-only password

_counter = itertools.count(1)


def _next():
    return next(_counter)


def _unique(prefix):
    number = _next()
    return f"{prefix} {number}", f"{slugify(prefix)}-{number}"


# Taxonomies


def make_sector(name=None, *, is_focus=False, slug=None, **fields):
    from portal.models import Sector

    if name is None:
        name, default_slug = _unique("Sektor")
    else:
        default_slug = slugify(name)
    sector, _ = Sector.objects.get_or_create(
        slug=slug or default_slug,
        defaults={"name": name, "is_focus": is_focus, **fields},
    )
    return sector


def make_theme(name=None, *, slug=None, **fields):
    from portal.models import Theme

    if name is None:
        name, default_slug = _unique("Tema")
    else:
        default_slug = slugify(name)
    theme, _ = Theme.objects.get_or_create(
        slug=slug or default_slug, defaults={"name": name, **fields}
    )
    return theme


def make_audience(name=None, *, slug=None, **fields):
    from portal.models import Audience

    if name is None:
        name, default_slug = _unique("Målgruppe")
    else:
        default_slug = slugify(name)
    audience, _ = Audience.objects.get_or_create(
        slug=slug or default_slug, defaults={"name": name, **fields}
    )
    return audience


# Site tree


def home_page():
    from portal.models import HomePage

    return HomePage.objects.get()


def _get_or_add(parent, model, slug, **fields):
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing
    page = model(slug=slug, **fields)
    return _add(parent, page, publish=True)


def tool_index():
    """The ToolIndexPage at /vaerktoejer/."""
    from toolbox.models import ToolIndexPage

    return _get_or_add(home_page(), ToolIndexPage, "vaerktoejer", title="Værktøjer")


def case_index():
    """The CaseIndexPage at /cases/."""
    from cases.models import CaseIndexPage

    return _get_or_add(home_page(), CaseIndexPage, "cases", title="Cases")


def partner_index():
    """The PartnerIndexPage at /partnere/."""
    from portal.models import PartnerIndexPage

    return _get_or_add(home_page(), PartnerIndexPage, "partnere", title="Partnere")


def production_landing(sector=None):
    """The SectorLandingPage at /produktion/ for the focus sector."""
    from portal.models import SectorLandingPage

    if sector is None:
        sector = make_sector(
            "Produktion og fremstilling", slug="produktion", is_focus=True
        )
    return _get_or_add(
        home_page(),
        SectorLandingPage,
        "produktion",
        title="Produktion",
        sector=sector,
    )


def make_standard_page(parent=None, *, title=None, publish=True, **fields):
    from portal.models import StandardPage

    default_title, slug = _unique("Side")
    page = StandardPage(
        title=title or default_title,
        slug=fields.pop("slug", slug),
        **fields,
    )
    return _add(parent or home_page(), page, publish=publish)


def _add(parent, page, *, publish=True, m2m=None, tags=None):
    """Adds page under parent and publishes it through a revision (or leaves
    a draft with publish=False)."""
    page.live = False
    parent.add_child(instance=page)
    for name, values in (m2m or {}).items():
        if values is not None:
            getattr(page, name).set(values)
    if tags:
        page.tags.add(*tags)
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page


# Partners, tools, cases


def make_partner(
    title=None,
    *,
    partner_type=PartnerType.COMPANY,
    sectors=None,
    size_band=SizeBand.MEDIUM,
    publish=True,
    **fields,
):
    from portal.models import PartnerPage

    default_title, slug = _unique("Partner")
    page = PartnerPage(
        title=title or default_title,
        slug=fields.pop("slug", slug),
        partner_type=partner_type,
        size_band=size_band,
        website=fields.pop("website", f"https://{slug}.example.dk"),
        **fields,
    )
    page = _add(partner_index(), page, publish=publish, m2m={"sectors": sectors})
    page.refresh_from_db()  # picks up editor_group set by the post_save signal
    return page


def make_tool(
    parent=None,
    *,
    title=None,
    access=Access.PUBLIC,
    sectors=None,
    themes=None,
    audiences=None,
    tags=None,
    documents=None,
    publish=True,
    **fields,
):
    """A ToolPage under a PartnerPage, or under the ToolIndexPage when
    parent is None (a tool owned by the pact itself)."""
    from toolbox.models import ToolFormat, ToolPage, ToolPageDocument

    default_title, slug = _unique("Værktøj")
    fields.setdefault("summary", "Et værktøj til at komme i gang med AI i praksis.")
    fields.setdefault("tool_format", ToolFormat.GUIDE)
    fields.setdefault("last_reviewed", datetime.date.today())
    page = ToolPage(
        title=title or default_title,
        slug=fields.pop("slug", slug),
        access=access,
        **fields,
    )
    for document in documents or []:
        page.documents.add(ToolPageDocument(document=document))
    return _add(
        parent or tool_index(),
        page,
        publish=publish,
        m2m={"sectors": sectors, "themes": themes, "audiences": audiences},
        tags=tags,
    )


def make_case(
    partner=None,
    *,
    title=None,
    tools=None,
    sectors=None,
    themes=None,
    tags=None,
    effects=None,
    publish=True,
    **fields,
):
    """A CasePage under partner (a new partner when None). tools are linked
    as CasePageTool rows; effects is a list of (label, value) pairs."""
    from cases.models import CasePage, CasePageEffect, CasePageTool, TrainingFormat

    default_title, slug = _unique("Case")
    fields.setdefault("summary", "Sådan kom vi i gang med AI på gulvet.")
    fields.setdefault("training_format", TrainingFormat.ON_THE_JOB)
    page = CasePage(
        title=title or default_title, slug=fields.pop("slug", slug), **fields
    )
    for tool in tools or []:
        page.tool_links.add(CasePageTool(tool=tool))
    for label, value in effects or []:
        page.effects.add(CasePageEffect(label=label, value=value))
    return _add(
        partner or make_partner(),
        page,
        publish=publish,
        m2m={"sectors": sectors, "themes": themes},
        tags=tags,
    )


# Media


def make_document(title=None, *, content=b"Indhold til download.\n", filename=None):
    Document = get_document_model()
    default_title, slug = _unique("Dokument")
    document = Document(title=title or default_title)
    document.file.save(filename or f"{slug}.txt", ContentFile(content), save=False)
    document.save()
    return document


def make_image(title=None, *, description="Abstrakt illustration", size=(40, 30)):
    from io import BytesIO

    from PIL import Image as PILImage

    from portal.models import PortalImage

    default_title, slug = _unique("Billede")
    buffer = BytesIO()
    PILImage.new("RGB", size, (31, 94, 120)).save(buffer, format="PNG")
    return PortalImage.objects.create(
        title=title or default_title,
        description=description,
        file=ImageFile(buffer, name=f"{slug}.png"),
    )


# Users


def make_user(
    username=None,
    *,
    groups=(),
    password=DEFAULT_PASSWORD,
    is_staff=False,
    is_superuser=False,
    **fields,
):
    """A user in the named groups (names or Group objects; a PartnerPage
    adds its editor group)."""
    User = get_user_model()
    if username is None:
        username = f"bruger{_next()}"
    fields.setdefault("email", f"{username}@example.dk")
    user = User.objects.create_user(
        username=username,
        password=password,
        is_staff=is_staff,
        is_superuser=is_superuser,
        **fields,
    )
    for group in groups:
        if isinstance(group, str):
            group, _ = Group.objects.get_or_create(name=group)
        elif hasattr(group, "editor_group"):
            group = group.editor_group
        user.groups.add(group)
    return user


def make_editor(username=None, **fields):
    return make_user(username, groups=[EDITORS_GROUP], is_staff=True, **fields)


def make_partner_member(username=None, **fields):
    return make_user(username, groups=[MEMBERS_GROUP], **fields)


def make_partner_editor(partner, username=None, **fields):
    return make_user(username, groups=[partner.editor_group], **fields)
