"""Factories for the portal's own models: taxonomies, partners, users and
groups, images and documents, and the site-level pages. The tests
(tests/factories.py) and the demo data (portal/demo/) both build through
these, and the content apps' factories (toolbox, cases) build on
PublishedPageFactory.

Pages are added as drafts under `parent` and published through a revision,
as an editor would; `publish=False` leaves the draft with its one revision.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.utils.text import slugify

from wagtail.models import Collection, Site

import factory
import wagtail_factories
from factory.django import DjangoModelFactory, Password

from core.choices import PartnerType, SizeBand
from core.models.forms import PartnerFormPage
from core.models.images import PortalImage
from core.models.partners import PartnerIndexPage, PartnerPage
from core.models.taxonomy import (
    Audience,
    CompetenceArea,
    CompetenceLevel,
    Sector,
    Theme,
)
from portal.models.standard import SectorLandingPage, StandardPage

# Taxonomies


class TaxonomyFactory(DjangoModelFactory):
    """Get-or-create by slug; the slug follows the name unless given."""

    slug = factory.LazyAttribute(lambda term: slugify(term.name))

    class Meta:
        abstract = True
        django_get_or_create = ("slug",)


def taxonomy_factory(model, label):
    """A TaxonomyFactory for model that names new terms "<label> <n>"."""
    return factory.make_factory(
        model,
        FACTORY_CLASS=TaxonomyFactory,
        name=factory.Sequence(f"{label} {{}}".format),
    )


SectorFactory = taxonomy_factory(Sector, "Sektor")
ThemeFactory = taxonomy_factory(Theme, "Tema")
AudienceFactory = taxonomy_factory(Audience, "Målgruppe")
CompetenceLevelFactory = taxonomy_factory(CompetenceLevel, "Niveau")
CompetenceAreaFactory = taxonomy_factory(CompetenceArea, "Område")


# Users and groups


class GroupFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Gruppe {n}")

    class Meta:
        model = Group
        django_get_or_create = ("name",)


def as_group(group):
    """A Group from a group, a group name, or a PartnerPage (its editors)."""
    if isinstance(group, str):
        return GroupFactory(name=group)
    if isinstance(group, PartnerPage):
        return group.editor_group
    return group


class UserFactory(DjangoModelFactory):
    """A user in `groups` (see as_group). Without a password the user has
    an unusable one: known passwords belong to the caller."""

    username = factory.Sequence(lambda n: f"bruger{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.dk")
    password = Password(None)

    class Meta:
        model = settings.AUTH_USER_MODEL
        skip_postgeneration_save = True

    @factory.post_generation
    def groups(user, create, extracted, **kwargs):
        if create and extracted:
            user.groups.add(*(as_group(group) for group in extracted))


# Media


class ImageFactory(wagtail_factories.ImageFactory):
    """A PNG of one colour; `file__width` and `file__height` size it."""

    collection = factory.LazyFunction(Collection.get_first_root_node)
    title = factory.Sequence(lambda n: f"Billede {n}")
    description = "Abstrakt illustration"
    file = factory.django.ImageField(
        width=40, height=30, color=(31, 94, 120), format="PNG", filename="billede.png"
    )

    class Meta:
        model = PortalImage


class DocumentFactory(wagtail_factories.DocumentFactory):
    """A small text file; `file__data` and `file__filename` set its bytes
    and name."""

    collection = factory.LazyFunction(Collection.get_first_root_node)
    title = factory.Sequence(lambda n: f"Dokument {n}")
    file = factory.django.FileField(
        data=b"Indhold til download.\n", filename="dokument.txt"
    )


# Pages


def home_page():
    """The default site's root page: the HomePage from migration portal/0002."""
    return Site.objects.get(is_default_site=True).root_page.specific


def parental_m2m(field_name):
    """A ParentalManyToManyField, set after the page is added and before its
    first revision: the revision carries it, and publishing writes it."""

    def assign(page, create, extracted, **kwargs):
        if extracted is not None:
            getattr(page, field_name).set(extracted)

    return factory.PostGeneration(assign)


def cluster_tags():
    """Free keywords (a ClusterTaggableManager), given like parental_m2m."""

    def assign(page, create, extracted, **kwargs):
        if extracted:
            page.tags.add(*extracted)

    return factory.PostGeneration(assign)


class PublishedPageFactory(wagtail_factories.PageFactory):
    """Adds the page as a draft under `parent`, then publishes it through a
    revision (publish=False keeps the draft). Child rows (inline panels)
    are given to the constructor, so they are saved with the page."""

    live = False

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    @factory.post_generation
    def publish(page, create, extracted, **kwargs):
        return True if extracted is None else bool(extracted)

    @classmethod
    def _after_postgeneration(cls, page, create, results=None):
        # A page that get-or-create found has its revisions: leave it as it is.
        if not create or page.latest_revision_id is not None:
            return
        revision = page.save_revision()
        if results["publish"]:
            revision.publish()
            page.refresh_from_db()


class SitePageFactory(PublishedPageFactory):
    """A page with a fixed place under the home page (an index, a landing,
    the partner form): get-or-create by slug there."""

    parent = factory.LazyFunction(home_page)

    class Meta:
        abstract = True
        django_get_or_create = ("parent", "slug")


def site_page_factory(model, title, slug):
    """A SitePageFactory for the one page of model at /<slug>/."""
    return factory.make_factory(
        model, FACTORY_CLASS=SitePageFactory, title=title, slug=slug
    )


PartnerIndexPageFactory = site_page_factory(PartnerIndexPage, "Partnere", "partnere")


class PartnerPageFactory(PublishedPageFactory):
    parent = factory.SubFactory(PartnerIndexPageFactory)
    title = factory.Sequence(lambda n: f"Partner {n}")
    slug = factory.Sequence(lambda n: f"partner-{n}")
    partner_type = PartnerType.COMPANY
    size_band = SizeBand.MEDIUM
    website = factory.LazyAttribute(lambda page: f"https://{page.slug}.example.dk")
    sectors = parental_m2m("sectors")

    class Meta:
        model = PartnerPage

    @classmethod
    def _after_postgeneration(cls, page, create, results=None):
        super()._after_postgeneration(page, create, results)
        if create:
            page.refresh_from_db()  # the editor group the post_save signal made


class StandardPageFactory(PublishedPageFactory):
    parent = factory.LazyFunction(home_page)
    title = factory.Sequence(lambda n: f"Side {n}")
    slug = factory.Sequence(lambda n: f"side-{n}")

    class Meta:
        model = StandardPage


class SectorLandingPageFactory(SitePageFactory):
    sector = factory.SubFactory(SectorFactory)
    title = factory.LazyAttribute(lambda page: page.sector.name)
    slug = factory.LazyAttribute(lambda page: page.sector.slug)

    class Meta:
        model = SectorLandingPage


# Its fields come as `form_fields`, a list of unsaved PartnerFormField rows.
PartnerFormPageFactory = site_page_factory(
    PartnerFormPage, "Bliv partner", "bliv-partner"
)
