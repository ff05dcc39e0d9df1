from django import template

from buurtpeil.plans.services import value_text

register = template.Library()


@register.filter
def value(number, indicator):
    """A figure of ``indicator`` as printed: a share as a percentage, else one decimal."""
    return value_text(number, indicator)
