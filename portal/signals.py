"""The site's signal handlers: the home page's featured pages rank in
search, and synonyms and promotions change what a cached search answered."""

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.signals import page_published

from core.signals import watch_shown_content
from portal.models.home import HomePage
from search.backends.common import forget_featured_pages
from search.models import SynonymGroup


def connect():
    page_published.connect(
        home_published, sender=HomePage, dispatch_uid="home-published"
    )
    watch_shown_content(SynonymGroup, SearchPromotion)


def home_published(sender, instance, **kwargs):
    """A new set of featured pages ranks in search at once."""
    forget_featured_pages()
