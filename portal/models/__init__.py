from .home import HomePage, HomePageFeaturedItem
from .standard import SectorLandingPage, SectorLandingPageFeaturedTool, StandardPage

__all__ = [
    "HomePage",
    "HomePageFeaturedItem",
    "SectorLandingPage",
    "SectorLandingPageFeaturedTool",
    "StandardPage",
]
