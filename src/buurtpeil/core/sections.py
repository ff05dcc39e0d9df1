"""Extra sections of the staff buurt page (``insights``' area page), registered by apps that sit
above ``insights`` and so cannot be imported by it (meetings in the area, for one)::

    @area_sections("meetings")
    class MeetingsSection(AreaSection):
        template = "meetings/_area_section.html"

        def context(self, *, organisation, area_code): ...  # None: nothing to show
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from buurtpeil.core.registry import Registry


class AreaSection:
    identifier: str
    template: str

    def context(self, *, organisation, area_code: str) -> dict | None:
        raise NotImplementedError


area_sections: Registry[AreaSection] = Registry()


def area_sections_render(request, *, organisation, area_code: str) -> list[SafeString]:
    """The registered sections for this area, rendered, in the order they were registered."""
    rendered = []
    for section in area_sections:
        context = section.context(organisation=organisation, area_code=area_code)
        if context is not None:
            context = {"organisation": organisation, "area_code": area_code, **context}
            rendered.append(SafeString(render_to_string(section.template, context, request=request)))
    return rendered
