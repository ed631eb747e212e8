"""Query-string filters for the tool and case listings."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator

PAGE_SIZE = 24


def selected(params, name, allowed):
    """The values of a repeated query parameter that are known; unknown
    values are dropped rather than answered with an error."""
    return [value for value in params.getlist(name) if value in allowed]


def paginate(queryset, params, per_page=PAGE_SIZE):
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(params.get("side", 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)
