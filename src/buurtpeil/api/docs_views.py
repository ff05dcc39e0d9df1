"""The OpenAPI document (/api/v1/openapi.json) and its Swagger UI (/api/v1/docs).

The document is public and CORS-readable (NL API Design Rules /core/publish-openapi), made
once per process (it only changes with the code). Swagger UI comes from the
drf-spectacular sidecar package, served by our own static files: no CDN, and its start
script is a separate file, so the page needs no inline script (CSP).
"""

from drf_spectacular.renderers import OpenApiJsonRenderer
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

_document: dict | None = None


class OpenApiDocument(SpectacularAPIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    renderer_classes = [OpenApiJsonRenderer]

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        global _document
        if _document is None:
            generator = self.generator_class(
                urlconf=self.urlconf, api_version=self.api_version, patterns=None
            )
            _document = generator.get_schema(request=None, public=True)
        response = Response(_document, content_type="application/json")
        response["Access-Control-Allow-Origin"] = "*"
        response["Cache-Control"] = "public, max-age=300"
        return response


class ApiDocs(SpectacularSwaggerSplitView):
    authentication_classes = []
    permission_classes = [AllowAny]
    url_name = "api:openapi"
    template_name = "api/swagger_ui.html"
    title = "Buurtpeil API"
