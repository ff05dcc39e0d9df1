"""The network poll: staff open a round and see the network (/staff/<org>/partners/network/);
partners answer through their personal link (/p/<org>/network/<token>/)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from buurtpeil.areas.models import Area
from buurtpeil.organisations.access import staff_view
from buurtpeil.organisations.models import Membership
from buurtpeil.organisations.selectors import organisation_by_code, role_at_least
from buurtpeil.partners import selectors, services
from buurtpeil.partners.models import NetworkTie, Partner

# Okabe-Ito, readable for colour-blind readers; the table beside the drawing names each sector.
SECTOR_COLOURS = dict(
    zip(
        Partner.Sector.values,
        [
            "#0072B2",
            "#000000",
            "#E69F00",
            "#009E73",
            "#CC79A7",
            "#56B4E9",
            "#D55E00",
            "#F0E442",
            "#999999",
            "#666666",
        ],
        strict=True,
    )
)
WIDTH, HEIGHT, MARGIN = 720, 460, 40


def _wijk_partners(organisation, partners) -> list[tuple[Area, list[int]]]:
    """Per wijk, the partners working there: named for the wijk or one of its buurten, or for
    the whole municipality (no areas)."""
    wijken = {w.pk: w for w in Area.objects.filter(organisation=organisation, level=Area.Level.DISTRICT)}
    everywhere, per_wijk = [], {pk: set() for pk in wijken}
    for partner in partners:
        areas = list(partner.areas.all())
        if not areas:
            everywhere.append(partner.pk)
        for area in areas:
            wijk = area.pk if area.level == Area.Level.DISTRICT else area.parent_id
            if wijk in per_wijk:
                per_wijk[wijk].add(partner.pk)
    return [(wijken[pk], sorted(ids | set(everywhere))) for pk, ids in per_wijk.items() if ids]


@staff_view(Membership.Role.VIEWER)
@require_http_methods(["GET", "POST"])
def network_page(request, org_code):
    organisation = request.organisation
    if request.method == "POST":
        if not role_at_least(request.membership, Membership.Role.ANALYST):
            raise PermissionDenied
        title = request.POST.get("title", "").strip()[:200] or _("Network poll %(date)s") % {
            "date": timezone.localdate().isoformat()
        }
        _round, sent = services.network_round_open(organisation=organisation, title=title)
        messages.success(request, _("The network poll is sent to %(count)d partners.") % {"count": sent})
        return redirect("partners:network", organisation.code)
    from buurtpeil.partners import network as nw  # networkx takes a second to import

    rounds = list(selectors.network_rounds(organisation))
    chosen = next(
        (r for r in rounds if str(r.pk) == request.GET.get("round")), rounds[-1] if rounds else None
    )
    context = {
        "organisation": organisation,
        "rounds": rounds,
        "round": chosen,
        "can_edit": role_at_least(request.membership, Membership.Role.ANALYST),
    }
    if chosen is None:
        return render(request, "partners/network.html", context)
    partners = list(selectors.partners_for(organisation).prefetch_related("areas"))
    sectors = {p.pk: p.sector for p in partners}
    graph = nw.network(sectors, selectors.round_answers(chosen))
    result = nw.measures(graph)
    at = nw.scaled(result.positions, WIDTH, HEIGHT, MARGIN)
    labels = dict(Partner.Sector.choices)
    nodes = [
        {
            "partner": p,
            "sector": labels[p.sector],
            "colour": SECTOR_COLOURS[p.sector],
            "x": at[p.pk][0],
            "y": at[p.pk][1],
            "ties": graph.degree(p.pk),
            "degree": result.degree[p.pk],
            "betweenness": result.betweenness[p.pk],
            "central": p.pk in result.central,
            "bridging": p.pk in result.bridging,
            "isolated": p.pk in result.isolated,
        }
        for p in partners
    ]
    edges = [
        {"x1": at[a][0], "y1": at[a][1], "x2": at[b][0], "y2": at[b][1], "width": data["weight"]}
        for a, b, data in graph.edges(data=True)
    ]
    names = {p.pk: p.name for p in partners}
    earlier = [r for r in rounds if r.created_at < chosen.created_at]
    difference = None
    if earlier:
        difference = nw.change(nw.network(sectors, selectors.round_answers(earlier[-1])), graph)
    invited = chosen.invitations.count()
    context.update(
        measures=result,
        nodes=nodes,
        edges=edges,
        width=WIDTH,
        height=HEIGHT,
        legend=[(labels[s], SECTOR_COLOURS[s]) for s in sorted({p.sector for p in partners})],
        gaps=[(labels[a], labels[b]) for a, b in result.sector_gaps],
        wijk_gaps=[
            (wijk, [(labels[a], labels[b]) for a, b in nw.sector_gaps(graph, ids)])
            for wijk, ids in _wijk_partners(organisation, partners)
        ],
        names=names,
        previous=earlier[-1] if earlier else None,
        difference=difference,
        gained=[(names[a], names[b]) for a, b in difference.gained] if difference else [],
        lost=[(names[a], names[b]) for a, b in difference.lost] if difference else [],
        answered=chosen.invitations.exclude(answered_at=None).count(),
        invited=invited,
    )
    return render(request, "partners/network.html", context)


@require_http_methods(["GET", "POST"])
def network_answer(request, org_code, token):
    organisation = organisation_by_code(org_code)
    invitation = selectors.invitation_by_token(organisation, token) if organisation else None
    if invitation is None:
        raise Http404(_("This link is not valid. Ask the municipality for a new one."))
    others = list(selectors.partners_for(organisation).exclude(pk=invitation.partner_id))
    given = {
        t.target_id: t for t in NetworkTie.objects.filter(round=invitation.round, source=invitation.partner)
    }
    if request.method == "POST":
        ties = {}
        for partner in others:
            value = request.POST.get(f"frequency_{partner.pk}", "")
            if value.isdigit() and int(value) in NetworkTie.Frequency.values:
                ties[partner.pk] = (int(value), request.POST.getlist(f"topics_{partner.pk}"))
        services.network_answer_save(invitation=invitation, ties=ties)
        messages.success(request, _("Thank you. Your answer is saved; you can change it with the same link."))
        return redirect(request.path)
    rows = [
        {
            "partner": p,
            "frequency": given[p.pk].frequency if p.pk in given else None,
            "topics": given[p.pk].topics if p.pk in given else [],
        }
        for p in others
    ]
    return render(
        request,
        "partners/network_answer.html",
        {
            "organisation": organisation,
            "invitation": invitation,
            "rows": rows,
            "frequencies": NetworkTie.Frequency.choices,
            "topics": NetworkTie.Topic.choices,
        },
    )
