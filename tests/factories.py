"""The test suite's short-hands over the apps' factories (portal/factories.py,
portal/factories/tools.py, portal/factories/cases.py), which hold the page-building
logic that the demo data uses too.

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

from core.access import EDITORS_GROUP, MEMBERS_GROUP
from core.choices import Access, PartnerType, SizeBand
from portal.factories import (
    AudienceFactory,
    DocumentFactory,
    ImageFactory,
    PartnerIndexPageFactory,
    PartnerPageFactory,
    SectorFactory,
    SectorLandingPageFactory,
    StandardPageFactory,
    ThemeFactory,
    UserFactory,
)
from portal.factories import home_page as home_page
from portal.factories.cases import CaseIndexPageFactory, CasePageFactory
from portal.factories.tools import ToolIndexPageFactory, ToolPageFactory

DEFAULT_PASSWORD = "test-adgang-2026"  # noqa: S105 - test-only password


def _given(**values):
    """The arguments the caller gave: None means "the factory's default"."""
    return {name: value for name, value in values.items() if value is not None}


# Taxonomies


def make_sector(name=None, *, is_focus=False, slug=None, **fields):
    return SectorFactory(**_given(name=name, slug=slug), is_focus=is_focus, **fields)


def make_theme(name=None, *, slug=None, **fields):
    return ThemeFactory(**_given(name=name, slug=slug), **fields)


def make_audience(name=None, *, slug=None, **fields):
    return AudienceFactory(**_given(name=name, slug=slug), **fields)


# Site tree (home_page() comes from portal.factories)


def tool_index():
    """The ToolIndexPage at /vaerktoejer/."""
    return ToolIndexPageFactory()


def case_index():
    """The CaseIndexPage at /cases/."""
    return CaseIndexPageFactory()


def partner_index():
    """The PartnerIndexPage at /partnere/."""
    return PartnerIndexPageFactory()


def production_landing(sector=None):
    """The SectorLandingPage at /produktion/ for the focus sector."""
    if sector is None:
        sector = make_sector(
            "Produktion og fremstilling", slug="produktion", is_focus=True
        )
    return SectorLandingPageFactory(
        slug="produktion", title="Produktion", sector=sector
    )


def make_standard_page(parent=None, *, title=None, publish=True, **fields):
    return StandardPageFactory(
        **_given(parent=parent, title=title), publish=publish, **fields
    )


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
    return PartnerPageFactory(
        **_given(title=title),
        partner_type=partner_type,
        sectors=sectors,
        size_band=size_band,
        publish=publish,
        **fields,
    )


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
    return ToolPageFactory(
        **_given(parent=parent, title=title),
        access=access,
        sectors=sectors,
        themes=themes,
        audiences=audiences,
        tags=tags,
        documents=documents,
        publish=publish,
        **fields,
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
    return CasePageFactory(
        **_given(parent=partner, title=title),
        tools=tools,
        effects=effects,
        sectors=sectors,
        themes=themes,
        tags=tags,
        publish=publish,
        **fields,
    )


# Media


def make_document(title=None, *, content=b"Indhold til download.\n", filename=None):
    return DocumentFactory(
        **_given(title=title, file__filename=filename), file__data=content
    )


def make_image(title=None, *, description="Abstrakt illustration", size=(40, 30)):
    width, height = size
    return ImageFactory(
        **_given(title=title),
        description=description,
        file__width=width,
        file__height=height,
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
    return UserFactory(
        **_given(username=username),
        groups=groups,
        password=password,
        is_staff=is_staff,
        is_superuser=is_superuser,
        **fields,
    )


def make_editor(username=None, **fields):
    return make_user(username, groups=[EDITORS_GROUP], is_staff=True, **fields)


def make_partner_member(username=None, **fields):
    return make_user(username, groups=[MEMBERS_GROUP], **fields)


def make_partner_editor(partner, username=None, **fields):
    return make_user(username, groups=[partner.editor_group], **fields)


def published_long_ago(page, days=400):
    """The page as if first published `days` ago (review rules, feeds)."""
    import datetime as _dt

    from django.utils import timezone

    type(page).objects.filter(pk=page.pk).update(
        first_published_at=timezone.now() - _dt.timedelta(days=days)
    )
    page.refresh_from_db()
    return page
