"""Small display helpers for the public templates."""

from django import template

from portal.models.home import HomePage

register = template.Library()


@register.simple_tag
def choice_labels(instance, field_name):
    """The display labels of a ChoiceListField value, e.g. a tool's used_where."""
    field = instance._meta.get_field(field_name)
    return field.labels(getattr(instance, field_name))


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    request = context.get("request")
    if request is None or not url:
        return url
    return request.build_absolute_uri(url)


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    """The page's ancestors below the site root, in one query."""
    ancestors = page.get_ancestors().filter(depth__gt=2)
    return {
        "request": context.get("request"),
        "ancestors": list(ancestors),
        "page": page,
    }


@register.simple_tag
def footer_pages():
    """Live pages under the home page that editors put in the menus
    ("Om pagten", the accessibility statement, ...)."""
    home = HomePage.objects.first()
    if home is None:
        return []
    return list(home.get_children().live().in_menu().public())


@register.filter
def opens_with_heading(stream):
    """True when a StreamField section starts with the editor's own heading,
    so the template does not add a second one above it."""
    if not stream:
        return False
    first = stream[0]
    if first.block_type != "paragraph":
        return False
    return first.value.source.lstrip().lower().startswith("<h2")


@register.filter
def plain_text(html):
    """Rich text as one line of plain text, keeping words of adjacent
    paragraphs apart."""
    from django.utils.html import strip_tags

    return " ".join(strip_tags(str(html or "").replace("<", " <")).split())
