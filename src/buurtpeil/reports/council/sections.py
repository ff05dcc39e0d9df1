"""The chapters of a council report, written from its ``Content`` in the active language:
summary, key indicators with charts and maps, changes since the previous wave, Tafel van 12
priorities per wijk, method, and an annex with every key figure per wijk and buurt."""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from buurtpeil.insights import charts
from buurtpeil.reports.council.content import Content, KeyIndicator
from buurtpeil.reports.council.document import Bullets, Graphic, Heading, Paragraph, Table
from buurtpeil.reports.council.texts import interval, number

MAX_FINDINGS = 5
ROW_HEIGHT = 18  # px per bar in the report's charts (the pages use 26)


def names(items: list[str]) -> str:
    """ "A, B and C" """
    if len(items) <= 1:
        return "".join(items)
    return _("%(list)s and %(last)s") % {"list": ", ".join(items[:-1]), "last": items[-1]}


def value_or_word(figure, percent: bool) -> str:
    text = interval(figure, percent)
    if not text:
        return _("suppressed") if figure else "\u2013"
    if figure.get("s") == "model":
        return text + " (" + _("model") + ")"
    return text + ("*" if figure.get("s") == "indicative" else "")


def summary(content: Content) -> list:
    main = content.main
    lead = ngettext(
        "%(n)s resident answered “%(poll)s” (%(date)s).",
        "%(n)s residents answered “%(poll)s” (%(date)s).",
        main.respondents,
    ) % {"n": main.respondents, "poll": main.title, "date": date_format(main.created, "F Y")}
    if main.response_rate is not None:
        lead += " " + _(
            "%(completed)s of the %(invited)s invited panel members completed the poll: "
            "a response of %(rate)s."
        ) % {
            "completed": main.completed,
            "invited": main.invited,
            "rate": number(main.response_rate, True),
        }
    else:
        lead += " " + _("The response rate is not known: the poll was not sent through invitations.")
    if len(content.polls) > 1:
        lead += " " + _("The report covers %(n)s polls; its figures are those of the last.") % {
            "n": len(content.polls)
        }
    return [Heading(_("Summary")), Paragraph(lead), Heading(_("Key findings"), 2), Bullets(findings(content))]


def _level_sentence(key: KeyIndicator) -> str:
    return _("%(indicator)s: %(value)s in the municipality (95%% interval %(low)s to %(high)s).") % {
        "indicator": key.label,
        "value": number(key.municipality.figure["e"], key.percent),
        "low": number(key.municipality.figure["l"], key.percent),
        "high": number(key.municipality.figure["h"], key.percent),
    }


def _difference_sentence(key: KeyIndicator) -> str:
    higher = [w.name for w in key.wijken if w.difference == "higher"]
    lower = [w.name for w in key.wijken if w.difference == "lower"]
    words = {"indicator": key.label, "higher": names(higher), "lower": names(lower)}
    if higher and lower:
        return (
            _(
                "%(indicator)s: significantly higher than in the municipality as a whole in %(higher)s, "
                "and significantly lower in %(lower)s."
            )
            % words
        )
    if higher:
        return (
            _("%(indicator)s: significantly higher than in the municipality as a whole in %(higher)s.")
            % words
        )
    if lower:
        return (
            _("%(indicator)s: significantly lower than in the municipality as a whole in %(lower)s.") % words
        )
    return _("%(indicator)s: no wijk differs significantly from the municipality as a whole.") % words


def _change_sentence(key: KeyIndicator, previous: str) -> str:
    words = {"indicator": key.label, "previous": previous}
    if key.municipality.change == "up":
        return _("%(indicator)s: significantly up in the municipality since “%(previous)s”.") % words
    return _("%(indicator)s: significantly down in the municipality since “%(previous)s”.") % words


def findings(content: Content) -> list[str]:
    """3 to 5 findings: the municipality's first key figures, the wijken that differ
    significantly, and a significant change since the previous wave."""
    shown = [k for k in content.key if k.municipality.figure.get("e") is not None]
    levels = [_level_sentence(k) for k in shown]
    differences = [_difference_sentence(k) for k in shown if any(w.difference for w in k.wijken)]
    previous = content.wave_labels[-2] if len(content.wave_labels) > 1 else ""
    changes = [_change_sentence(k, previous) for k in shown if k.municipality.change]
    chosen = levels[:2] + differences[:2] + changes[:1]
    chosen += [s for s in levels[2:] if s not in chosen][: max(0, 3 - len(chosen))]
    if not chosen:
        chosen = [_("There are too few respondents to show the key indicators for the municipality.")]
    return chosen[:MAX_FINDINGS]


def key_indicators(content: Content) -> list:
    blocks: list = [
        Heading(_("Key indicators")),
        Paragraph(
            _(
                "Each key indicator for the municipality with its 95%% interval: the range that holds "
                "the true value with 95%% certainty. A figure marked * is indicative (see the method)."
            )
            % {}
        ),
        Table(
            _("Key indicators for the municipality"),
            [
                _("Indicator"),
                _("Municipality (95%% interval)") % {},
                _("Respondents"),
                _("Since the previous wave"),
            ],
            [
                [
                    k.label,
                    value_or_word(k.municipality.figure, k.percent),
                    str(k.municipality.figure.get("n", "\u2013")),
                    _change_word(k.municipality.change, len(content.wave_labels)),
                ]
                for k in content.key
            ],
            keys=[k.municipality.code for k in content.key],
            numeric=[False, True, True, False],
        ),
    ]
    for key in content.key:
        blocks += [Heading(key.label, 2), Paragraph(_indicator_paragraph(key))]
        rows = [
            {
                "label": area.name,
                "value": area.figure["e"],
                "low": area.figure["l"],
                "high": area.figure["h"],
                "text": number(area.figure["e"], key.percent),
                "tooltip": "",
            }
            for area in (key.municipality, *key.wijken)
            if area.figure.get("e") is not None
        ]
        if len(rows) > 1:
            spec = charts.bar_chart(
                key.label,
                rows,
                axis_title=key.label,
                percent=key.percent,
                domain=(0, 1) if key.percent else None,
            )
            spec["height"] = ROW_HEIGHT * len(rows)
            spec["layer"][0]["mark"]["height"] = ROW_HEIGHT - 6
            blocks.append(
                Graphic(
                    "chart",
                    alt=_("Bar chart of %(indicator)s per wijk with the 95%% intervals.")
                    % {"indicator": key.label},
                    caption=_(
                        "%(indicator)s per wijk, with the municipality first; the line is the 95%% interval. "
                        "Wijken with too few respondents are left out; the annex has every figure."
                    )
                    % {"indicator": key.label},
                    spec=spec,
                )
            )
        blocks.append(
            Graphic(
                "map",
                alt=_("Map of %(indicator)s per buurt.") % {"indicator": key.label},
                caption=(
                    _(
                        "%(indicator)s per buurt. Hatched: too few respondents, no figure shown; "
                        "white: no respondents."
                    )
                    % {"indicator": key.label}
                )
                + (
                    " " + _("Dotted: a model estimate for a buurt with too few respondents of its own.")
                    if any(a.state == "model" for a in key.map_areas)
                    else ""
                ),
                map={"areas": key.map_areas, "legend": key.legend, "percent": key.percent},
            )
        )
    return blocks


def _indicator_paragraph(key: KeyIndicator) -> str:
    if key.municipality.figure.get("e") is None:
        return _("Too few respondents to show this indicator for the municipality.")
    return _level_sentence(key) + " " + _difference_sentence(key)


def _change_word(change: str, waves: int) -> str:
    if waves < 2:
        return "\u2013"
    return {"up": _("significantly up"), "down": _("significantly down")}.get(
        change, _("no significant change")
    )


def changes(content: Content) -> list:
    blocks: list = [Heading(_("Changes since the previous wave"))]
    if len(content.wave_labels) < 2:
        return [
            *blocks,
            Paragraph(
                _("There is no earlier wave with results to compare with yet.")
                if len(content.polls) == 1
                else _("The period has one poll with results: there is nothing to compare within it.")
            ),
        ]
    previous, current = content.wave_labels[-2], content.wave_labels[-1]
    blocks.append(
        Paragraph(
            _(
                "“%(current)s” against “%(previous)s”, for the municipality and every wijk. Only changes "
                "that are statistically significant (at 95%%) are listed."
            )
            % {"current": current, "previous": previous}
        )
    )
    rows, keys = [], []
    for key in content.key:
        for area in (key.municipality, *key.wijken):
            if not area.change:
                continue
            rows.append(
                [
                    area.name,
                    key.label,
                    value_or_word(area.previous, key.percent),
                    value_or_word(area.figure, key.percent),
                    _change_word(area.change, 2),
                ]
            )
            keys.append(area.code)
    if rows:
        blocks.append(
            Table(
                _("Significant changes since the previous wave"),
                [_("Area"), _("Indicator"), previous, current, _("Significant change")],
                rows,
                keys=keys,
                numeric=[False, False, True, True, False],
            )
        )
    else:
        blocks.append(
            Paragraph(_("No key indicator changed significantly, in the municipality or in any wijk."))
        )
    blocks.append(
        Paragraph(
            _(
                "Read these changes with care. With many comparisons, some come out significant by "
                "chance (about one in twenty when nothing changed); the panel's make-up can differ "
                "between waves; and a change in an indicative figure rests on few respondents. A change "
                "that lasts over several waves says more than one between two."
            ),
            "caution",
        )
    )
    for key in content.key:
        shown = [(label, f) for label, f in key.waves if f.get("e") is not None]
        if len(shown) < 2:
            continue
        rows = [
            {
                "wave": label,
                "value": f["e"],
                "low": f["l"],
                "high": f["h"],
                "text": number(f["e"], key.percent),
            }
            for label, f in shown
        ]
        blocks.append(
            Graphic(
                "chart",
                alt=_("Line chart of %(indicator)s in the municipality over the waves.")
                % {"indicator": key.label},
                caption=_("%(indicator)s in the municipality per wave, with the 95%% interval: %(figures)s.")
                % {
                    "indicator": key.label,
                    "figures": "; ".join(f"{label}: {value_or_word(f, key.percent)}" for label, f in shown),
                },
                spec=_trend_spec(key, rows),
            )
        )
    return blocks


def _trend_spec(key: KeyIndicator, rows: list[dict]) -> dict:
    """The pages' trend chart, with the wave names level and cut short to fit a page."""
    axis = _("Share of respondents") if key.percent else _("Mean")
    spec = charts.trend_chart(key.label, rows, axis_title=axis, percent=key.percent)
    spec["encoding"]["x"]["axis"] = {"labelAngle": 0, "labelLimit": max(60, 400 // len(rows))}
    return spec


def priorities(content: Content) -> list:
    blocks: list = [
        Heading(_("Tafel van 12: where to start per wijk")),
        Paragraph(
            _(
                "The Tafel van 12 (CCV) names twelve factors that shape how safe residents feel. For each "
                "wijk, the factors below are suggested as priorities: where the wijk scores worse than "
                "the municipality, or the factor that weighs most on feeling unsafe. They are a start "
                "for the conversation with residents and partners, not a conclusion."
            )
        ),
    ]
    for wijk in content.tafel:
        blocks.append(
            Heading(
                ngettext("%(name)s (%(n)s respondent)", "%(name)s (%(n)s respondents)", wijk.n)
                % {"name": wijk.name, "n": wijk.n},
                3,
            )
        )
        if wijk.reasons:
            blocks.append(Bullets([f"{label}: {reason}" for label, reason in wijk.reasons]))
        else:
            blocks.append(Paragraph(_("Too few respondents per factor to suggest priorities.")))
    if not content.tafel:
        blocks.append(Paragraph(_("No wijk has enough respondents to suggest priorities.")))
    return blocks
