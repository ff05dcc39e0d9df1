"""A council report is made in the background from the stored results: a PDF and an ODT with the
chapters, the municipality's key figures, maps and charts; never a hidden figure nor anyone's
contact data."""

import io
import re
import zipfile
from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest
from django.core.exceptions import ValidationError

from tests.reports.conftest import CONTACT, SMALL, odt_parts, pdf_text

pytestmark = pytest.mark.django_db
TEXT_NS = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE_NS = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
FIGURE = re.compile(r"\d+(?:[.,]\d+)?\s*%|\d+[.,]\d")  # "34%", "34 %", "7,2" or "7.2"


def _top_figure(results, column):
    from buurtpeil.insights.selectors import result_parts

    top = next(code for code, _n, level, _p in results.summary["areas"] if level == "gemeente")
    return result_parts(results, [f"cell:{top}::"])[f"cell:{top}::"]["columns"][column]


def test_a_requested_report_reaches_100_percent_and_its_requester_is_mailed(made):
    from buurtpeil.organisations.models import AuditEvent

    report, analyst = made.report, made.user
    assert (report.status, report.progress, report.step, report.error) == ("done", 100, "finished", "")
    assert report.started_at <= report.finished_at
    assert bytes(report.pdf).startswith(b"%PDF-") and bytes(report.pdf).rstrip().endswith(b"%%EOF")
    assert report.pdf_size == len(bytes(report.pdf)) and report.odt_size == len(bytes(report.odt))
    [mail] = made.mails
    assert mail.to == [analyst.email] and "Veiligheid 2026" in mail.subject
    assert f"/staff/GM9518/reports/{report.pk}/" in mail.body
    audit = AuditEvent.objects.get(organisation=report.organisation)
    assert audit.actor == analyst and f"council report {report.pk} requested" in audit.subject


def test_the_pdf_has_every_chapter_and_the_municipality_figure_of_a_key_indicator(made):
    text = pdf_text(made.html)
    for heading in (
        "Samenvatting",
        "Belangrijkste bevindingen",
        "Kernindicatoren",
        "Veranderingen sinds de vorige meting",
        "Tafel van 12",
        "Methode",
        "Weging",
        "Foutmarges",
    ):
        assert heading in text, heading
    assert "'s-Gravenhage" in text and "Veiligheid 2026" in text
    figure = _top_figure(made.results, "i.buurt_unsafe")
    expected = f"{round(figure['e'] * 100)}% ({round(figure['l'] * 100)}\u2013{round(figure['h'] * 100)}%)"
    assert f"Voelt zich weleens onveilig in de buurt: {round(figure['e'] * 100)}% in de gemeente" in text
    assert expected in text


def test_an_english_report_is_in_english_in_the_house_style(computed, request_report):
    """The organisation's name, logo (a WebP one becomes a PNG for office suites) and main colour."""
    from django.core.files.base import ContentFile
    from PIL import Image

    organisation = computed.organisation
    logo = io.BytesIO()
    Image.new("RGB", (120, 40), "#aa3300").save(logo, "WEBP")
    organisation.logo.save("logo.webp", ContentFile(logo.getvalue()))
    organisation.design_tokens = {"--basis-color-action-1-inverse-bg-default": "#00689e"}
    organisation.save()
    report = request_report(poll=computed.poll, language="en")
    text = pdf_text(report.html)
    assert "Summary" in text and "Key indicators" in text and "Ever feels unsafe in own neighbourhood" in text
    assert "Samenvatting" not in text and "Safety in 's-Gravenhage" in text
    assert "h1, h2, h3 { color: #00689e;" in report.html
    assert '<img class="logo" src="data:image/png;base64,' in report.html
    odt = odt_parts(bytes(report.odt))
    assert odt.archive.read("Pictures/image1.png").startswith(b"\x89PNG")  # the logo, first
    assert 'fo:color="#00689e"' in odt.archive.read("styles.xml").decode()


class _Rows(HTMLParser):
    """Text of every table row with a data-area, and of every paragraph or list item."""

    def __init__(self):
        super().__init__()
        self.rows: dict[str, str] = {}
        self.texts: list[str] = []
        self._area = None
        self._text = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr" and attrs.get("data-area"):
            self._area = attrs["data-area"]
            self.rows[self._area] = ""
        if tag in ("p", "li", "td", "th", "figcaption", "caption", "h1", "h2", "h3"):
            self._text = ""

    def handle_endtag(self, tag):
        if tag == "tr":
            self._area = None
        if (
            tag in ("p", "li", "td", "th", "figcaption", "caption", "h1", "h2", "h3")
            and self._text is not None
        ):
            self.texts.append(self._text)
            self._text = None

    def handle_data(self, data):
        if self._area:
            self.rows[self._area] += data + "|"
        if self._text is not None:
            self._text += data


def _hidden_buurten(results):
    """Buurten whose every key figure is hidden in the stored results."""
    from buurtpeil.insights.selectors import result_parts
    from buurtpeil.reports.council.content import key_indicators

    keys = [f"map:i.{code}" for code in key_indicators(results.summary["indicators"])]
    parts = result_parts(results, keys)
    buurten = [code for code, _n, level, _p in results.summary["areas"] if level == "buurt"]
    return {b for b in buurten if all(parts[k].get(b, {}).get("e") is None for k in keys)}


def test_a_buurt_below_the_privacy_minimum_has_no_figure_anywhere(made):
    from buurtpeil.areas.selectors import buurt_map

    computed, report = made.results, made.report
    hidden = _hidden_buurten(computed)
    assert SMALL in hidden and len(hidden) > 1  # the small buurt, and a partner that protects it
    names = {code: name for code, name, _l, _p in computed.summary["areas"]}
    parser = _Rows()
    parser.feed(made.html)
    assert not hidden & set(parser.rows), "a hidden buurt has a row of figures"
    for text in parser.texts:
        for code in hidden:
            if names[code] in text and not text.startswith(("Buurten met te weinig", "Wijken met te weinig")):
                raise AssertionError(f"{names[code]} named with figures: {text}")
    # On the maps the hidden buurten are white under the hatching: no colour class gives them away.
    paths = {b["code"]: b["d"] for b in buurt_map(computed.organisation)["buurten"]}
    maps = [svg for svg in _svgs(made.html) if "bp-hatch" in svg]
    assert len(maps) == 5
    for svg in maps:
        for code in hidden:
            fill = re.search(rf'<path d="{re.escape(paths[code])}" fill="([^"]+)"', svg)
            assert fill and fill[1] == "#ffffff", (code, fill and fill[1])
    # In the ODT, every table row of a hidden buurt is without figures too (there are none).
    content = odt_parts(bytes(report.odt)).content
    for code in hidden:
        for paragraph in re.findall(r"<text:p[^>]*>([^<]*)</text:p>", content):
            if names[code] in paragraph and "te weinig respondenten" not in paragraph:
                raise AssertionError(paragraph)
    small_name = names[SMALL]
    listed = next(t for t in parser.texts if small_name in t)
    assert not FIGURE.search(listed.replace(small_name, ""))


def _svgs(html: str) -> list[str]:
    import base64

    return [
        base64.b64decode(data).decode()
        for data in re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', html)
    ]


def test_no_contact_data_of_panel_members_is_in_the_report(made):
    odt = odt_parts(bytes(made.report.odt))
    everything = made.html + "".join(
        odt.archive.read(name).decode() for name in odt.archive.namelist() if name.endswith(".xml")
    )
    everything = re.sub(r"base64,[A-Za-z0-9+/=]+", "", everything)  # the images
    for secret in (*CONTACT.values(), "0612345678", "Jansje", str(made.member.key)):
        assert secret not in everything
    assert not re.search(r"[\w.+-]+@[\w-]+\.\w+", everything)  # no e-mail address at all


def test_the_odt_is_an_opendocument_text_with_headings_tables_and_images(made):
    report = made.report
    archive = zipfile.ZipFile(io.BytesIO(bytes(report.odt)))
    first = archive.infolist()[0]
    assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
    assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"
    assert bytes(report.odt)[30:38] == b"mimetype"  # right after the first local header
    trees = {
        name: ElementTree.fromstring(archive.read(name))  # noqa: S314 (our own output)
        for name in archive.namelist()
        if name.endswith(".xml")
    }
    assert {"content.xml", "styles.xml", "meta.xml", "META-INF/manifest.xml"} <= set(trees)
    manifest_ns = "{urn:oasis:names:tc:opendocument:xmlns:manifest:1.0}"
    listed = {e.get(f"{manifest_ns}full-path") for e in trees["META-INF/manifest.xml"]}
    assert set(archive.namelist()) - {"mimetype", "META-INF/manifest.xml"} <= listed
    content = trees["content.xml"]
    headings = ["".join(h.itertext()) for h in content.iter(f"{TEXT_NS}h")]
    assert "Samenvatting" in headings and "Methode" in headings
    assert len(list(content.iter(f"{TABLE_NS}table"))) >= 3
    pictures = [n for n in archive.namelist() if n.startswith("Pictures/")]
    assert len(pictures) >= 10  # a chart and a map per key indicator
    assert all(archive.read(n).startswith(b"\x89PNG") for n in pictures)


def test_a_report_that_cannot_be_made_is_marked_failed_with_the_reason(
    computed, request_report, monkeypatch, mailoutbox
):
    from buurtpeil.reports.council import graphics

    def broken(graphic, the_map):
        raise RuntimeError("the chart renderer is missing")

    monkeypatch.setattr(graphics, "draw", broken)
    report = request_report(poll=computed.poll)
    assert report.status == "failed" and "the chart renderer is missing" in report.error
    assert report.pdf is None and report.finished_at is not None
    [mail] = mailoutbox
    assert "mislukt" in mail.subject


def test_a_period_report_compares_its_polls(den_haag, computed, request_report):
    from django.utils import timezone

    from buurtpeil.insights.services import poll_results_compute
    from tests.reports.conftest import BIG_LEANING, add_responses, make_poll

    poll, version = make_poll(den_haag)
    add_responses(version, BIG_LEANING, seed=11, lean=1.2)
    later = poll_results_compute(poll=poll)
    today = timezone.localdate()
    report = request_report(period=(today, today))
    assert report.status == "done", report.error
    text = pdf_text(report.html)
    assert "2 peilingen" in text
    assert "significant" in text and "Lees deze veranderingen met zorg" in text
    assert later.respondents and str(later.respondents) in text


def test_a_report_needs_computed_results_and_a_sensible_period(answered_poll, analyst):
    from datetime import date

    from buurtpeil.reports.council.models import CouncilReport
    from buurtpeil.reports.council.services import council_report_request

    organisation = answered_poll.organisation
    cases = [
        {"poll": answered_poll},
        {"period": (date(2020, 1, 1), date(2020, 12, 31))},
        {"period": (date(2026, 12, 31), date(2026, 1, 1))},
        {},
    ]
    for case in cases:
        with pytest.raises(ValidationError):
            council_report_request(organisation=organisation, actor=analyst, language="nl", **case)
    assert not CouncilReport.objects.filter(organisation=organisation).exists()


def test_a_model_estimate_is_dotted_on_the_report_map_and_marked_in_its_tables():
    from buurtpeil.insights.maps import LegendClass, MapArea
    from buurtpeil.reports.council.graphics import DOT_RADIUS, map_svg
    from buurtpeil.reports.council.sections import value_or_word

    left, right = "M0 0 100 0 100 100 0 100Z", "M100 0 200 0 200 100 100 100Z"
    areas = [
        MapArea("A", "A", "A", "A", left, "#08519c", "shown", "", "#08519c"),
        MapArea("B", "B", "B", "B", right, "url(#bp-model-1)", "model", "", "#bdd7e7"),
    ]
    legend = [LegendClass("#bdd7e7", "20%", "30%"), LegendClass("#08519c", "30%", "40%")]
    svg, _width, _height = map_svg({"view_box": "0 0 200 100"}, {"areas": areas, "legend": legend})
    assert f'<path d="{right}" fill="#bdd7e7"/>' in svg  # its class colour, under the dots
    dots = re.search(r'<path d="(M[^"]+)" fill="#ffffff" stroke="#222222"', svg)
    starts = [float(x) for x in re.findall(r"M([\d.]+) [\d.]+a", dots.group(1))]
    assert starts and all(100 <= x + DOT_RADIUS <= 200 for x in starts)  # on the model area only
    assert "gestippeld: modelschatting" in svg
    figure = {"s": "model", "e": 0.3, "l": 0.2, "h": 0.4, "se": 0.05}
    assert value_or_word(figure, True) == "30% (20\u201340%) (model)"
