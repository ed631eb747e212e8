from django import template

from toolbox.saved import saved_ids

register = template.Library()


@register.simple_tag(takes_context=True)
def saved_tool_ids(context):
    """The ids in the visitor's Min værktøjskasse, read once per request
    however many cards ask:

        {% load saved_tags %}
        {% saved_tool_ids as saved_ids %}
    """
    request = context.get("request")
    if request is None or not hasattr(request, "session"):
        return frozenset()
    cached = getattr(request, "_saved_tool_ids", None)
    if cached is None:
        cached = frozenset(saved_ids(request))
        request._saved_tool_ids = cached
    return cached
