from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response


class Pagination(PageNumberPagination):
    """``?pagina=2&paginaGrootte=20``; the body says how many there are in all and links the
    neighbouring pages."""

    page_size = 50
    page_query_param = "pagina"
    page_size_query_param = "paginaGrootte"
    max_page_size = 100
    page_query_description = "Het nummer van de pagina (vanaf 1)."
    page_size_query_description = "Het aantal resultaten per pagina (standaard 50, ten hoogste 100)."

    def get_paginated_response(self, data):
        return Response(
            {
                "aantal": self.page.paginator.count,
                "volgende": self.get_next_link(),
                "vorige": self.get_previous_link(),
                "resultaten": data,
            }
        )

    def get_schema_operation_parameters(self, view):
        """The query parameters with their bounds: a page from 1, a page size from 1 to 100 (a
        larger one is read as 100)."""
        bounds = {self.page_query_param: {"minimum": 1}, self.page_size_query_param: {"minimum": 1}}
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"].update(bounds.get(parameter["name"], {}))
        return parameters

    def get_paginated_response_schema(self, schema):
        link = {"type": "string", "format": "uri", "nullable": True}
        return {
            "type": "object",
            "required": ["aantal", "volgende", "vorige", "resultaten"],
            "properties": {
                "aantal": {"type": "integer", "description": "Het aantal resultaten in totaal."},
                "volgende": {**link, "description": "De volgende pagina, of null op de laatste."},
                "vorige": {**link, "description": "De vorige pagina, of null op de eerste."},
                "resultaten": schema,
            },
        }
