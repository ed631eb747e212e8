from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal import feeds, health, media, views
from portal.api import api
from portal.exports import tools_csv
from portal.login import ThrottledLoginForm

urlpatterns = [
    # One throttled login (portal.login) for the site and both admins.
    path(
        "django-admin/login/",
        RedirectView.as_view(url="/admin/login/", query_string=True),
    ),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("dokumenter/", include(wagtaildocs_urls)),
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="portal/login.html", authentication_form=ThrottledLoginForm
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("soeg/", include("search.urls")),
    # Open data and engagement; all before Wagtail's catch-all below.
    path("sundhed/", health.health, name="health"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path(
        "sitemap-<slug:section>.xml", views.sitemap_section, name="sitemap_section"
    ),
    path("feeds/vaerktoejer/", feeds.tools_rss, name="feed_tools"),
    path("feeds/vaerktoejer/atom/", feeds.tools_atom, name="feed_tools_atom"),
    path("feeds/cases/", feeds.cases_rss, name="feed_cases"),
    path("feeds/cases/atom/", feeds.cases_atom, name="feed_cases_atom"),
    path("api/v1/", api.urls),
    path("vaerktoejer/eksport.csv", tools_csv, name="tools_csv"),
    path("vaerktoejer/", include("toolbox.urls")),
    path("", include("toolbox.saved_urls")),
    path("foreslaa-et-vaerktoej/", include("toolbox.suggest_urls")),
    path("", include("competence.urls")),
    # Images only, in every mode; MEDIA_ROOT also holds the documents, which
    # must go through /dokumenter/ and its access hooks.
    path(
        f"{settings.MEDIA_URL.lstrip('/')}<path:path>",
        media.serve_image,
        name="media_image",
    ),
    path("", include(wagtail_urls)),
]
