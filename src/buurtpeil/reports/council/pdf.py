"""The report as HTML with print CSS (A4, page numbers, the organisation's colour), and that
HTML as a tagged PDF (PDF/UA-1: headings, tables, image descriptions and the language for
screen readers) through WeasyPrint. Everything it shows is inside the HTML (images as data
URIs), so WeasyPrint may fetch nothing else."""

from django.template.loader import render_to_string

from buurtpeil.reports.council.document import Document


def report_html(document: Document) -> str:
    return render_to_string("reports/council/report.html", {"document": document})


def report_pdf(html: str) -> bytes:
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols=["data"], fail_on_errors=True)
    return HTML(string=html, url_fetcher=fetcher).write_pdf(pdf_variant="pdf/ua-1")
