"""The method chapter (sample and response, weighting, margins of error, small numbers,
indicative figures) and the annex with every key figure per wijk and buurt."""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from buurtpeil.insights.compute import MARK_HALF_WIDTH, SCALE_HALF_WIDTH
from buurtpeil.reports.council.content import Content
from buurtpeil.reports.council.document import Heading, Paragraph, Table
from buurtpeil.reports.council.sections import names, value_or_word
from buurtpeil.reports.council.texts import decimal, number


def method(content: Content) -> list:
    rules = content.rules
    blocks: list = [Heading(_("Method")), Heading(_("Sample and response"), 2)]
    for poll in content.polls:
        text = ngettext(
            "“%(poll)s” (%(date)s): %(n)s respondent with a complete answer.",
            "“%(poll)s” (%(date)s): %(n)s respondents with a complete answer.",
            poll.respondents,
        ) % {"poll": poll.title, "date": date_format(poll.created, "j F Y"), "n": poll.respondents}
        if poll.response_rate is not None:
            text += " " + _(
                "Panel members were invited at random from the panel; %(completed)s of %(invited)s "
                "completed the poll (%(rate)s)."
            ) % {
                "completed": poll.completed,
                "invited": poll.invited,
                "rate": number(poll.response_rate, True),
            }
        blocks.append(Paragraph(text))
    blocks.append(
        Paragraph(
            _(
                "Respondents are members of the municipality's citizen panel: residents who signed up "
                "themselves or after a letter to a random sample of addresses. People who join a panel "
                "differ from those who do not; weighting corrects this for wijk, age and sex, not for "
                "everything."
            )
        )
    )
    weighting = content.main.weighting
    blocks.append(Heading(_("Weighting"), 2))
    if weighting.get("weighted"):
        blocks.append(
            Paragraph(
                _(
                    "The answers are weighted (raking) so that the respondents match the adult population "
                    "of the wijken they live in, by three margins: wijk, age group (15-25, 25-45, 45-65, "
                    "65 and over) and sex, from CBS population figures. %(wijken)s wijken are covered; a "
                    "wijk without respondents is left out. Weights above five times the median are capped "
                    "where the margins can still be met."
                )
                % {"wijken": len(weighting.get("wijken", []))}
            )
        )
        blocks.append(
            Paragraph(
                _(
                    "Weighting makes the figures less precise: the design effect is %(deff)s, so the "
                    "%(n)s respondents count as %(neff)s independent ones (the effective n). The "
                    "intervals in this report take this into account."
                )
                % {
                    "deff": decimal(weighting.get("design_effect") or 1.0, 2),
                    "n": content.main.respondents,
                    "neff": round(weighting.get("n_effective") or 0),
                }
            )
        )
    else:
        blocks.append(
            Paragraph(
                _("The results are not weighted: %(reason)s. Every respondent counts the same.")
                % {
                    "reason": _("the respondents are key figures or partners, no sample of the population")
                    if content.main.audience != "residents"
                    else weighting.get("note") or _("no reason was recorded")
                }
            )
        )
    blocks += [Heading(_("Margins of error"), 2), Paragraph(_margins(content))]
    blocks += [
        Heading(_("Small numbers and privacy"), 2),
        Paragraph(
            _(
                "No figure is shown for fewer than %(privacy)s respondents. Where a hidden figure could be "
                "worked out from others (a wijk from its buurten, or a total from its groups), a second "
                "figure is hidden as well. Hidden figures are not stored at all, so they appear nowhere: "
                "not in this report, not on the pages, not in exports. The report holds no names, "
                "addresses, e-mail addresses or telephone numbers."
            )
            % {"privacy": rules.privacy_minimum}
        ),
        Heading(_("Model estimates for small buurten"), 2),
        Paragraph(
            _(
                "A buurt with too few respondents (or none) can still get a figure marked “(model)”: a "
                "model estimate. It is predicted from the figures of the buurten that are shown and from "
                "the population structure of every buurt (number of inhabitants, age groups, share of "
                "women), with a Fay-Herriot model; the buurt's own respondents do not count in it at all, "
                "so it reveals nothing about them. It shows what a buurt with this population would "
                "typically score, not what its residents said; its 95%% interval is wide. It is never "
                "compared with the municipality or an earlier wave."
            )
            % {}
        ),
        Heading(_("Indicative figures"), 2),
        Paragraph(
            _(
                "A figure marked * is indicative: it rests on fewer than %(reliable)s respondents, or its "
                "95%% interval is wider than ±%(width)s percentage points (±%(mark)s for a report mark, "
                "±%(scale)s for a 0-10 score). It gives a rough indication; do not base a decision on it "
                "alone."
            )
            % {
                "reliable": rules.reliability_minimum,
                "width": round(rules.max_half_width * 100),
                "mark": number(MARK_HALF_WIDTH, False),
                "scale": number(SCALE_HALF_WIDTH, False),
            }
        ),
    ]
    return blocks


def _margins(content: Content) -> str:
    """The widest interval of the municipality's key shares, and the range over the wijken."""

    def half(figure) -> float | None:
        return (figure["h"] - figure["l"]) / 2 * 100 if figure.get("e") is not None else None

    shares = [k for k in content.key if k.percent]
    municipality = [h for k in shares if (h := half(k.municipality.figure)) is not None]
    wijken = [h for k in shares for w in k.wijken if (h := half(w.figure)) is not None]
    text = (
        _(
            "Every figure is an estimate from a sample and comes with its 95%% interval: the range that "
            "holds the true value with 95%% certainty. A difference between areas or waves is called "
            "significant only when chance is an unlikely explanation (a test at the 5%% level)."
        )
        % {}
    )
    if municipality:
        text += " " + _(
            "For the municipality the intervals of the key shares are at most ±%(points)s percentage points."
        ) % {"points": round(max(municipality))}
    if wijken:
        text += " " + _("For a wijk they range from ±%(low)s to ±%(high)s percentage points.") % {
            "low": round(min(wijken)),
            "high": round(max(wijken)),
        }
    return text


def annex(content: Content) -> list:
    blocks: list = [
        Heading(_("Annex: key indicators per wijk and buurt")),
        Paragraph(
            _(
                "Every key figure with its 95%% interval. “Suppressed”: too few respondents to show it. "
                "“(model)”: a model estimate for a buurt with too few respondents of its own."
            )
            % {}
        ),
    ]
    header = [_("Area"), *(k.label for k in content.key)]
    numeric = [False] + [True] * len(content.key)
    wijken = content.key[0].wijken if content.key else []
    if wijken:
        blocks.append(
            Table(
                _("Key indicators per wijk"),
                header,
                [
                    [w.name] + [value_or_word(k.wijken[i].figure, k.percent) for k in content.key]
                    for i, w in enumerate(wijken)
                ],
                keys=[w.code for w in wijken],
                numeric=numeric,
                small=True,
            )
        )
    buurten = content.key[0].buurten if content.key else []
    listed = [
        i for i in range(len(buurten)) if any(k.buurten[i].figure.get("e") is not None for k in content.key)
    ]
    if listed:
        blocks.append(
            Table(
                _("Key indicators per buurt"),
                header,
                [
                    [buurten[i].name] + [value_or_word(k.buurten[i].figure, k.percent) for k in content.key]
                    for i in listed
                ],
                keys=[buurten[i].code for i in listed],
                numeric=numeric,
                small=True,
            )
        )
    hidden = [b.name for i, b in enumerate(buurten) if i not in listed]
    if hidden:
        blocks.append(
            Paragraph(
                _("Buurten with too few respondents (or none) for any key figure: %(names)s.")
                % {"names": names(sorted(hidden))},
                "note",
            )
        )
    shown = {w.code for w in wijken}
    hidden = [
        name for code, (name, level, _p) in content.areas.items() if level == "wijk" and code not in shown
    ]
    if hidden:
        blocks.append(
            Paragraph(
                _("Wijken with too few respondents (or none): %(names)s.") % {"names": names(sorted(hidden))},
                "note",
            )
        )
    return blocks
