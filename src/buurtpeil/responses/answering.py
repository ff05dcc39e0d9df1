"""The answering page's pieces: which content language, the screens (one per question group)
with the stored answers filled in, reading a posted group back into answers, and the buurt
points for map questions. The views stay thin; ``polls.definition`` stays the rule book."""

import json
import re
from dataclasses import dataclass, field
from typing import Any

import shapely
from django.utils.translation import gettext_lazy as _
from django.utils.translation.trans_real import parse_accept_lang_header

from buurtpeil.areas.selectors import buurt_map, lonlat_to_svg, svg_to_lonlat
from buurtpeil.polls.definition import DONT_KNOW, DONT_KNOW_LABEL, choice_values, question_visible, text

# answers_clean's reasons, in words for the resident.
ERRORS = {
    "required": _("Answer this question."),
    "not one of the choices": _("Choose one of the answers."),
    "expected an answer per item": _("Choose an answer for each line."),
    "unknown item": _("Choose an answer for each line."),
    "a whole number from 1 to 10": _("Choose a mark from 1 to 10."),
    "not a number": _("Enter a number, such as 12."),
    "below the minimum": _("The number is too low."),
    "above the maximum": _("The number is too high."),
    "not a text": _("Enter a text."),
    "a character that cannot be stored": _("The text contains a character that cannot be stored."),
    "expected a point": _("Tap a place on the map or choose your buurt."),
    "not a point on the map": _("Tap a place on the map or choose your buurt."),
}
LANGUAGE_NAMES = {
    "nl": "Nederlands",
    "en": "English",
    "de": "Deutsch",
    "fr": "Français",
    "tr": "Türkçe",
    "ar": "العربية",
    "pl": "Polski",
    "es": "Español",
    "pt": "Português",
    "uk": "Українська",
    "ru": "Русский",
    "so": "Soomaali",
    "ti": "ትግርኛ",
    "pap": "Papiamentu",
    "zh": "中文",
}
RTL = {"ar", "fa", "he", "ur"}
_NUMBER = re.compile(r"^\s*-?\d+(?:[.,]\d+)?\s*$")


def error_text(reason: str) -> str:
    if reason.startswith("longer than"):
        return str(_("The text is too long."))
    return str(ERRORS.get(reason, _("Check this answer.")))


def content_language(request, languages: list[str], stored: str = "") -> str:
    """The poll's language for this visit: ``?lang=``, else the one the resident answered in
    before, else the page's language (cookie, browser, organisation), else the browser's
    other wishes, else the poll's source language."""
    wanted = [request.GET.get("lang", ""), stored, getattr(request, "LANGUAGE_CODE", "")]
    wanted += [code for code, _q in parse_accept_lang_header(request.headers.get("Accept-Language", ""))]
    for code in wanted:
        code = (code or "").lower()
        for candidate in (code, code.split("-")[0]):
            if candidate in languages:
                return candidate
    return languages[0]


def language_links(languages: list[str], current: str) -> list[dict[str, str]]:
    return [
        {"code": code, "name": LANGUAGE_NAMES.get(code, code), "current": code == current}
        for code in languages
    ]


# --- reading a posted group -----------------------------------------------------------------


def _number(raw: str) -> Any:
    raw = (raw or "").strip()
    if not raw:
        return None
    return raw.replace(",", ".") if _NUMBER.match(raw) else raw


def posted_answers(group: dict, data, points: dict[str, tuple[float, float]]) -> dict[str, Any]:
    """The answers of one group's questions from a posted form; a question left empty is
    present with None, so a cleared answer is cleared in the stored response too."""
    answers: dict[str, Any] = {}
    for question in group["questions"]:
        code, kind = question["code"], question["type"]
        if kind == "multiple":
            answers[code] = data.getlist(code)
        elif kind == "grid":
            answers[code] = {
                item["code"]: data.get(f"{code}__{item['code']}") or None for item in question["items"]
            }
            answers[code] = {k: v for k, v in answers[code].items() if v} or None
        elif kind == "number":
            answers[code] = _number(data.get(code, ""))
        elif kind == "point":
            lon, lat = data.get(f"{code}__lon", ""), data.get(f"{code}__lat", "")
            buurt = data.get(f"{code}__buurt", "")
            if lon and lat:
                answers[code] = {"lon": lon, "lat": lat}
            elif buurt in points:
                answers[code] = dict(zip(("lon", "lat"), points[buurt], strict=True))
            else:
                answers[code] = None
        else:
            answers[code] = data.get(code) or None
    return answers


# --- map questions --------------------------------------------------------------------------


def _polygons(d: str) -> list[shapely.Polygon]:
    rings = []
    for part in d.split("M")[1:]:
        numbers = [float(n) for n in part.rstrip("Z").split()]
        if len(numbers) >= 6:
            rings.append(shapely.Polygon(list(zip(numbers[0::2], numbers[1::2], strict=False))))
    return rings


@dataclass
class MapData:
    view_box: str
    projection: dict
    buurten: list[dict] = field(default_factory=list)  # code, name, d, lon, lat

    @property
    def points(self) -> dict[str, tuple[float, float]]:
        return {b["code"]: (b["lon"], b["lat"]) for b in self.buurten}


def map_data(organisation) -> MapData | None:
    """The buurten to draw, each with the point that stands for it when chosen from the list."""
    drawn = buurt_map(organisation)
    projection = drawn["projection"]
    if not projection or not drawn["buurten"]:
        return None
    buurten = []
    for buurt in sorted(drawn["buurten"], key=lambda b: b["name"].casefold()):
        polygons = [p for p in _polygons(buurt["d"]) if p.is_valid and not p.is_empty]
        if not polygons:
            continue
        inside = max(polygons, key=lambda p: p.area).representative_point()
        lon, lat = svg_to_lonlat(projection, inside.x, inside.y)
        buurten.append({**buurt, "lon": round(float(lon), 6), "lat": round(float(lat), 6)})
    return MapData(view_box=drawn["view_box"], projection=projection, buurten=buurten)


# --- the screens ----------------------------------------------------------------------------


def _choices(question: dict, language: str, languages: list[str], value: Any) -> list[dict]:
    labels = {str(c["value"]): text(c.get("label"), language, languages) for c in question.get("choices", ())}
    labels[DONT_KNOW] = text(DONT_KNOW_LABEL, language, ["nl"])
    chosen = {str(v) for v in value} if isinstance(value, list) else {str(value)}
    return [{"value": v, "label": labels[v], "checked": v in chosen} for v in choice_values(question)]


def _nearest_buurt(map_: MapData, point: dict) -> str:
    if not isinstance(point, dict):
        return ""
    here = shapely.Point(lonlat_to_svg(map_.projection, point["lon"], point["lat"]))
    for buurt in map_.buurten:
        if any(polygon.contains(here) for polygon in _polygons(buurt["d"])):
            return buurt["code"]
    return ""


def _referenced(condition: Any) -> set[str]:
    if not isinstance(condition, dict):
        return set()
    clauses = condition.get("all") or condition.get("any") or [condition]
    return {str(clause.get("question")) for clause in clauses if isinstance(clause, dict)}


def _anchor(code: str, kind: str, question: dict) -> str:
    """The id of the first field of a question, where the error summary's link goes."""
    if kind in ("single", "likert", "multiple", "mark"):
        return f"a-{code}-1"
    if kind == "grid":
        return f"a-{code}-{question['items'][0]['code']}-1"
    return f"a-{code}"


def screens(
    definition: dict, answers: dict, language: str, errors: dict[str, str], map_: MapData | None
) -> list[dict]:
    """One screen per group: its questions with texts in ``language``, the stored answers
    filled in, errors in words, conditions as JSON for the page script, and whether the
    question is visible given the stored answers (the page without script relies on that)."""
    languages = definition["languages"]
    shown: dict[str, Any] = {}
    out = []
    for number, group in enumerate(definition["groups"], start=1):
        items = []
        here = {question["code"] for question in group["questions"]}
        for question in group["questions"]:
            code, kind = question["code"], question["type"]
            visible = question_visible(question, shown)
            # Without script a condition on the same screen cannot be followed live, so such
            # a question is shown; the server drops its answer if the condition fails.
            hidden = not visible and not (_referenced(question.get("condition")) & here)
            value = answers.get(code)
            if visible and value not in (None, "", [], {}):
                shown[code] = value
            entry = {
                "code": code,
                "type": kind,
                "text": text(question.get("text"), language, languages),
                "help": text(question.get("help"), language, languages),
                "required": bool(question.get("required")),
                "visible": visible,
                "hidden": hidden,
                "anchor": _anchor(code, kind, question),
                "condition": json.dumps(question["condition"]) if question.get("condition") else "",
                "value": "" if value is None else value,
                "error": error_text(errors[code]) if code in errors else "",
                "min": question.get("min"),
                "max": question.get("max"),
            }
            if kind in ("single", "likert", "multiple"):
                entry["choices"] = _choices(question, language, languages, value)
            elif kind == "mark":
                entry["choices"] = [
                    {"value": str(n), "label": str(n), "checked": str(n) == str(value)} for n in range(1, 11)
                ]
            elif kind == "grid":
                value = value if isinstance(value, dict) else {}
                entry["columns"] = _choices(question, language, languages, None)
                entry["items"] = [
                    {
                        "code": item["code"],
                        "text": text(item.get("text"), language, languages),
                        "choices": _choices(question, language, languages, value.get(item["code"])),
                    }
                    for item in question["items"]
                ]
            elif kind == "point":
                entry["map"] = map_
                entry["buurt"] = _nearest_buurt(map_, value) if map_ else ""
                if isinstance(value, dict) and map_:
                    entry["marker"] = lonlat_to_svg(map_.projection, value["lon"], value["lat"])
            items.append(entry)
        out.append(
            {
                "number": number,
                "id": group["id"],
                "title": text(group.get("title"), language, languages),
                "questions": items,
                "visible": any(not item["hidden"] for item in items),
            }
        )
    return out
