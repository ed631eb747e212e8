from .forms import PartnerFormField, PartnerFormPage
from .generation import ContentGeneration
from .images import PortalImage, PortalRendition
from .partners import PartnerIndexPage, PartnerPage
from .ratelimit import RateLimitCounter
from .settings import OrganisationSettings
from .taxonomy import Audience, CompetenceArea, CompetenceLevel, Sector, Theme
from .workflow import EditorApprovalTask

__all__ = [
    "Audience",
    "CompetenceArea",
    "CompetenceLevel",
    "ContentGeneration",
    "EditorApprovalTask",
    "OrganisationSettings",
    "PartnerFormField",
    "PartnerFormPage",
    "PartnerIndexPage",
    "PartnerPage",
    "PortalImage",
    "PortalRendition",
    "RateLimitCounter",
    "Sector",
    "Theme",
]
