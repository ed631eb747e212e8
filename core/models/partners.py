from django import forms
from django.contrib.auth.models import Group
from django.core.paginator import Paginator
from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from modelcluster.fields import ParentalManyToManyField

from core.choices import PartnerType, SizeBand


class PartnerIndexPage(Page):
    intro = RichTextField(
        _("introduktion"), blank=True, features=["bold", "italic", "link"]
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["portal_site.HomePage"]
    subpage_types = ["portal.PartnerPage"]
    max_count = 1

    class Meta:
        verbose_name = _("partneroversigt")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        partners = (
            PartnerPage.objects.live()
            .public()
            .child_of(self)
            .select_related("logo")
            .prefetch_related("sectors", "logo__renditions")
            .order_by("title")
        )
        partner_type = request.GET.get("type")
        if partner_type in PartnerType.values:
            partners = partners.filter(partner_type=partner_type)
        else:
            partner_type = None
        context["partners"] = partners
        context["partner_types"] = PartnerType.choices
        context["active_type"] = partner_type
        return context


class PartnerPage(Page):
    """One organisation in the pact. Its tools and cases live below it, so
    Wagtail's subtree permissions confine its editors to them."""

    logo = models.ForeignKey(
        "portal.PortalImage",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    partner_type = models.CharField(
        _("type"),
        max_length=20,
        choices=PartnerType.choices,
        default=PartnerType.COMPANY,
    )
    sectors = ParentalManyToManyField(
        "portal.Sector", verbose_name=_("sektorer"), related_name="partners", blank=True
    )
    size_band = models.CharField(
        _("størrelse"), max_length=10, choices=SizeBand.choices, blank=True
    )
    website = models.URLField(_("hjemmeside"), blank=True)
    description = RichTextField(
        _("beskrivelse"), blank=True, features=["bold", "italic", "link", "ul"]
    )
    contact_name = models.CharField(_("kontaktperson"), max_length=120, blank=True)
    contact_email = models.EmailField(_("kontakt-e-mail"), blank=True)
    editor_group = models.OneToOneField(
        Group,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="partner_page",
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("partner_type"), FieldPanel("size_band")]),
                FieldPanel("sectors", widget=forms.CheckboxSelectMultiple),
                FieldPanel("logo"),
                FieldPanel("website"),
            ],
            heading=_("Organisation"),
        ),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_email")])],
            heading=_("Kontakt"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("description")]

    parent_page_types = ["portal.PartnerIndexPage"]
    subpage_types = ["toolbox.ToolPage", "cases.CasePage"]

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partnere")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The reverse relations of ToolPage.partner and CasePage.partner: the
        # partner's own content, without this model importing the content apps.
        # A partner may own thousands of items: each list is paged on its own.
        # Lazy: the template caches the lists (core.fragments) by the page
        # numbers asked for.
        context["tools"] = SimpleLazyObject(
            lambda: page_of(
                request,
                self.owned_tools.visible_to(request.user)
                .with_listing_data()
                .order_by("title", "pk"),
                TOOLS_PAGE_PARAM,
            )
        )
        context["cases"] = SimpleLazyObject(
            lambda: page_of(
                request,
                self.owned_cases.visible_to(request.user)
                .with_listing_data()
                .prefetch_related("hero_image__renditions")
                .order_by("-first_published_at", "pk"),
                CASES_PAGE_PARAM,
            )
        )
        context["pages_asked"] = "-".join(
            str(page_number(request, param))
            for param in (TOOLS_PAGE_PARAM, CASES_PAGE_PARAM)
        )
        return context


PARTNER_PAGE_SIZE = 24
TOOLS_PAGE_PARAM = "vaerktoejer-side"
CASES_PAGE_PARAM = "cases-side"


def page_number(request, param):
    """The page number asked for, as the paginator will read it (a cache key
    part: junk in the query string must not make new keys)."""
    value = request.GET.get(param, "")
    return min(int(value), 100_000) if value.isdigit() and int(value) > 0 else 1


def page_of(request, queryset, param, per_page=PARTNER_PAGE_SIZE):
    """One page of a list, numbered by ?<param>=; a number that is not one,
    or out of range, gives the first or last page instead of an error."""
    page = Paginator(queryset, per_page).get_page(request.GET.get(param))

    def url_for(number):
        query = request.GET.copy()
        query[param] = number
        return f"?{query.urlencode()}"

    page.previous_url = url_for(page.number - 1) if page.has_previous() else ""
    page.next_url = url_for(page.number + 1) if page.has_next() else ""
    return page


def owning_partner(page):
    """The partner a tool or case belongs to: its nearest PartnerPage ancestor,
    or None for content owned by the pact itself."""
    if not page.path:
        return None
    ancestor_paths = [
        page.path[:i] for i in range(page.steplen, len(page.path), page.steplen)
    ]
    return PartnerPage.objects.filter(path__in=ancestor_paths).first()


class PartnerOwnedMixin:
    """For page types with a `partner` field: it follows the page's place in
    the tree on every save, so moving a page moves its ownership."""

    def save(self, *args, **kwargs):
        self.partner = owning_partner(self)
        super().save(*args, **kwargs)
