"""Template filters of the feedback pages."""

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

# An action's state as the sentence on a feedback page says it ("Lantaarns: under way, ...").
ACTION_STATES = {
    "planned": _("planned"),
    "running": _("under way"),
    "done": _("done"),
    "stopped": _("stopped"),
}


@register.filter
def action_state(action) -> str:
    return str(ACTION_STATES.get(action.status, action.status))
