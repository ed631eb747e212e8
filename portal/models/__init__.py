from .forms import PartnerFormField, PartnerFormPage
from .home import HomePage, HomePageFeaturedItem
from .images import PortalImage, PortalRendition
from .partners import PartnerIndexPage, PartnerPage
from .settings import OrganisationSettings
from .standard import SectorLandingPage, StandardPage
from .taxonomy import Audience, CompetenceArea, CompetenceLevel, Sector, Theme
from .workflow import EditorApprovalTask

__all__ = [
    "Audience",
    "CompetenceArea",
    "CompetenceLevel",
    "EditorApprovalTask",
    "HomePage",
    "HomePageFeaturedItem",
    "OrganisationSettings",
    "PartnerFormField",
    "PartnerFormPage",
    "PartnerIndexPage",
    "PartnerPage",
    "PortalImage",
    "PortalRendition",
    "Sector",
    "SectorLandingPage",
    "StandardPage",
    "Theme",
]
