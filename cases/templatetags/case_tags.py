from django import template

from cases.models import CasePage

register = template.Library()


@register.simple_tag
def cases_using(tool):
    """The live cases that tell how a tool was used, by title:

    {% load case_tags %}
    {% cases_using page as cases %}
    """
    return list(CasePage.objects.using_tool(tool).select_related("partner"))
