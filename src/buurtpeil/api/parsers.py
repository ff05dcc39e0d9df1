"""The request body as JSON, refused in the user's language when it is not.

DRF's own JSON parser answers in English with Python's words ("JSON parse error - Expecting
':' delimiter"), and fails with a server error on a body nested thousands of levels deep.
This one says what is wrong in words for the client, with the place in the body, and refuses
what JSON allows but no answer needs: NaN and Infinity, numbers beyond a float and integers of
thousands of digits. A byte-order mark before the body is ignored.
"""

import json

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser, get_encoding


class _NotANumber(ValueError):
    pass


def _refuse_constant(name: str):
    raise _NotANumber(name)


def _finite_float(text: str) -> float:
    number = float(text)
    if number in (float("inf"), float("-inf")):
        raise _NotANumber(text)
    return number


def _integer(text: str) -> int:
    try:
        return int(text)
    except ValueError:  # more digits than Python converts
        raise _NotANumber(text[:20]) from None


class JsonParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            encoding = get_encoding(parser_context or {})
        except ParseError:
            message = _("The charset in the Content-Type header is not supported; send UTF-8.")
            raise ParseError(message) from None
        try:
            text = stream.read().decode(encoding)
        except UnicodeDecodeError:
            raise ParseError(_("The body is not valid %(encoding)s text.") % {"encoding": encoding}) from None
        try:
            return json.loads(
                text.removeprefix("\ufeff"),
                parse_constant=_refuse_constant,
                parse_float=_finite_float,
                parse_int=_integer,
            )
        except RecursionError:
            raise ParseError(_("The body is nested too deeply.")) from None
        except _NotANumber as error:
            raise ParseError(
                _("The body holds a number that cannot be used: %(number)s.") % {"number": str(error)[:20]}
            ) from None
        except json.JSONDecodeError as error:
            raise ParseError(
                _("The body is not valid JSON (line %(line)d, column %(column)d).")
                % {"line": error.lineno, "column": error.colno}
            ) from None
