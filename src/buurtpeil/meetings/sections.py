"""The meetings section of the staff buurt page (``core.sections``)."""

from buurtpeil.core.sections import AreaSection, area_sections
from buurtpeil.meetings.selectors import area_meetings


@area_sections("meetings")
class MeetingsSection(AreaSection):
    template = "meetings/_area_section.html"

    def context(self, *, organisation, area_code):
        found = area_meetings(organisation, area_code)
        if found is None:
            return None
        upcoming, held = found
        return {"upcoming_meetings": upcoming, "held_meetings": held}
