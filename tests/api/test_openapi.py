"""The OpenAPI document: valid OAS 3, public and CORS-readable, in Dutch; and its Swagger UI."""

import re

import pytest

pytestmark = pytest.mark.django_db

DUTCH = re.compile(r"\b(de|het|een|van|en|per)\b")


@pytest.fixture
def document(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response


def test_the_document_is_valid_openapi_3(document):
    from drf_spectacular.validation import validate_schema

    schema = document.json()
    validate_schema(schema)
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {
        "/peilingen",
        "/peilingen/{id}",
        "/peilingen/{id}/aantallen",
        "/antwoorden",
    }
    assert schema["servers"][0]["url"].endswith("/api/v1")
    assert schema["info"]["version"] == "1.0.0"
    assert schema["info"]["contact"]["name"] and schema["info"]["contact"]["url"]
    assert {"medewerkerToken", "uitnodigingToken"} <= set(schema["components"]["securitySchemes"])


def test_the_document_is_public_and_readable_from_other_origins(document):
    assert document["Access-Control-Allow-Origin"] == "*"
    assert document["API-Version"] == "1.0.0"
    assert document["Content-Type"].startswith("application/json")


def test_only_the_document_is_open_to_other_origins(api, token):
    assert "Access-Control-Allow-Origin" not in api.get("/api/v1/peilingen", token=token)


def test_every_operation_is_described_in_dutch(document):
    schema = document.json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            where = f"{method.upper()} {path}"
            assert DUTCH.search(operation["description"]), where
            assert operation["summary"], where
            for parameter in operation.get("parameters", []):
                assert DUTCH.search(parameter["description"]), f"{where} {parameter['name']}"
            for status, response in operation["responses"].items():
                assert response["description"], f"{where} {status}"
                assert "API-Version" in response["headers"], f"{where} {status}"
                if status.startswith("4"):
                    assert "application/problem+json" in response["content"], f"{where} {status}"


def test_attribute_names_are_camel_case(document):
    def names(node):
        if isinstance(node, dict):
            for key, value in node.get("properties", {}).items():
                yield key
                yield from names(value)
            for value in node.values():
                yield from names(value)
        elif isinstance(node, list):
            for value in node:
                yield from names(value)

    found = set(names(document.json()["components"]["schemas"]))
    assert {"gestartOp", "voltooidOp", "perBuurt", "weetNiet", "invalidParams"} <= found
    assert all(re.fullmatch(r"[a-z][A-Za-z]*", name) for name in found), sorted(found)


def test_swagger_ui_is_served_from_our_own_static_files(client):
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.content.decode()
    assert "//cdn" not in html and "https://" not in html  # a random nonce may contain "cdn"
    nonce = re.search(r"'nonce-([^']+)'", page["Content-Security-Policy"])[1]
    assert f'<style nonce="{nonce}">' in html
    assert "<script>" not in html  # the start script is a separate file
    script = client.get("/api/v1/docs?script=")
    assert script.status_code == 200 and "/api/v1/openapi.json" in script.content.decode()


def test_the_document_names_every_refusal_and_bound(document):
    schema = document.json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert {"401", "403", "406"} <= set(operation["responses"]), f"{method} {path}"
    parameters = {p["name"]: p["schema"] for p in schema["paths"]["/peilingen"]["get"]["parameters"]}
    assert parameters["pagina"]["minimum"] == parameters["paginaGrootte"]["minimum"] == 1
    (key,) = schema["paths"]["/antwoorden"]["post"]["parameters"]
    assert key["name"] == "Idempotency-Key" and key["schema"]["maxLength"] == 100
