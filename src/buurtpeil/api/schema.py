"""Additions to the generated OpenAPI document: the ``API-Version`` header on every response
and the problem+json schema on every error (NL API Design Rules /core/version-header,
/core/error-handling/problem-details)."""

from buurtpeil.api.middleware import API_VERSION

PROBLEM_SCHEMA = {
    "type": "object",
    "description": "Een fout volgens RFC 9457 (application/problem+json).",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {
            "type": "string",
            "description": "Soort probleem: about:blank (de HTTP-status zegt genoeg) of "
            "urn:buurtpeil:probleem:<code>, bijvoorbeeld ongeldige-invoer, al-beantwoord, "
            "peiling-gesloten, peiling-beeindigd, peiling-niet-gepubliceerd.",
        },
        "title": {"type": "string", "description": "Korte omschrijving van de soort probleem."},
        "status": {"type": "integer", "description": "De HTTP-statuscode."},
        "detail": {"type": "string", "description": "Uitleg bij dit geval."},
        "instance": {"type": "string", "description": "Het gevraagde pad."},
        "invalidParams": {
            "type": "array",
            "description": "Alle ongeldige velden tegelijk (alleen bij 400).",
            "items": {
                "type": "object",
                "required": ["name", "code", "reason"],
                "properties": {
                    "name": {
                        "type": "string",
                        "description": "Het veld, als pad: antwoorden.<vraagcode>, taal, Idempotency-Key.",
                    },
                    "code": {
                        "type": "string",
                        "description": "Vaste code van de fout, bijvoorbeeld required.",
                    },
                    "reason": {"type": "string", "description": "De fout in woorden."},
                },
            },
        },
    },
}
VERSION_HEADER = {
    "description": "Versie van de API (semantic versioning).",
    "schema": {"type": "string", "example": API_VERSION},
}


def postprocess(result, generator, request, public):
    """drf-spectacular postprocessing hook."""
    components = result.setdefault("components", {})
    components.setdefault("schemas", {})["Probleem"] = PROBLEM_SCHEMA
    components.setdefault("headers", {})["API-Version"] = VERSION_HEADER
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            for status_code, response in operation.get("responses", {}).items():
                response.setdefault("headers", {})["API-Version"] = {
                    "$ref": "#/components/headers/API-Version"
                }
                if str(status_code).startswith(("4", "5")):
                    response["content"] = {
                        "application/problem+json": {"schema": {"$ref": "#/components/schemas/Probleem"}}
                    }
    return result
