"""The report as an OpenDocument text (.odt), written with the standard library.

A zip whose first entry is ``mimetype``, stored uncompressed (how office suites recognise the
format), then ``content.xml`` (the blocks), ``styles.xml`` (A4, headings in the organisation's
colour, page numbers), ``meta.xml``, the images under ``Pictures/`` as PNG, and
``META-INF/manifest.xml`` listing every part. LibreOffice and Word open it.
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape, quoteattr

from buurtpeil.reports.council.document import (
    Bullets,
    Document,
    Graphic,
    Heading,
    Paragraph,
    Table,
    TitlePage,
)
from buurtpeil.reports.council.odt_styles import styles_xml

MIMETYPE = "application/vnd.oasis.opendocument.text"
TEXT_WIDTH_CM = 17.0
MAX_HEIGHT_CM = 21.0
NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'office:version="1.3"'
)


def _text(value: str) -> str:
    return escape(str(value))


def _p(style: str, inner: str) -> str:
    """A paragraph; ``inner`` is XML already (escape text with ``_text``)."""
    return f'<text:p text:style-name="{style}">{inner}</text:p>'


class _Writer:
    def __init__(self, document: Document):
        self.document = document
        self.body: list[str] = []
        self.pictures: dict[str, bytes] = {}

    def picture(self, data: bytes, extension: str) -> str:
        name = f"Pictures/image{len(self.pictures) + 1}.{extension}"
        self.pictures[name] = data
        return name

    def frame(self, name: str, width_cm: float, height_cm: float, alt: str) -> str:
        number = len(self.pictures)
        return (
            f'<draw:frame draw:style-name="Graphic" draw:name="image{number}" text:anchor-type="as-char" '
            f'svg:width="{width_cm:.2f}cm" svg:height="{height_cm:.2f}cm" draw:z-index="0">'
            f'<draw:image xlink:href="{name}" xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/>'
            f"<svg:title>{_text(alt)}</svg:title></draw:frame>"
        )

    def add(self, block) -> None:
        if isinstance(block, TitlePage):
            self.title_page(block)
        elif isinstance(block, Heading):
            style = "Chapter" if block.level == 1 else f"Heading_20_{block.level}"  # after the title page
            level = block.level
            self.body.append(
                f'<text:h text:style-name="{style}" text:outline-level="{level}">{_text(block.text)}</text:h>'
            )
        elif isinstance(block, Paragraph):
            style = {"note": "Note", "caution": "Caution"}.get(block.style, "Text_20_body")
            self.body.append(_p(style, _text(block.text)))
        elif isinstance(block, Bullets):
            items = "".join(
                f"<text:list-item>{_p('List_20_Item', _text(item))}</text:list-item>" for item in block.items
            )
            self.body.append(f'<text:list text:style-name="Bullets">{items}</text:list>')
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Graphic):
            self.graphic(block)

    def title_page(self, block: TitlePage) -> None:
        if block.logo:
            extension = "png" if block.logo_type == "image/png" else "jpg"
            name = self.picture(block.logo, extension)
            self.body.append(_p("Text_20_body", self.frame(name, 5.0, 2.5, block.organisation)))
        self.body += [
            _p("Organisation", _text(block.organisation)),
            _p("Title", _text(block.title)),
            _p("Subtitle", _text(block.subtitle)),
            _p("Made", _text(block.made)),
        ]

    def table(self, block: Table) -> None:
        number = sum(1 for part in self.body if part.startswith("<table:table ")) + 1
        columns = len(block.header)
        cell_style = "CellSmall" if block.small else "Cell"

        def row(cells, header: bool) -> str:
            parts = []
            for k, cell in enumerate(cells):
                para = (
                    "Table_20_Heading"
                    if header
                    else ("Table_20_Number" if block.numeric[k] else "Table_20_Contents")
                )
                style = "HeaderCell" if header else "BodyCell"
                parts.append(
                    f'<table:table-cell table:style-name="{style}" office:value-type="string">'
                    f'<text:p text:style-name="{para}{"_Small" if block.small and not header else ""}">'
                    f"{_text(cell)}</text:p></table:table-cell>"
                )
            return "<table:table-row>" + "".join(parts) + "</table:table-row>"

        self.body.append(_p("Table_20_Caption", _text(block.caption)))
        self.body.append(
            f'<table:table table:name="Table{number}" table:style-name="Table">'
            f'<table:table-column table:number-columns-repeated="{columns}" table:style-name="{cell_style}"/>'
            f"<table:table-header-rows>{row(block.header, True)}</table:table-header-rows>"
            + "".join(row(cells, False) for cells in block.rows)
            + "</table:table>"
        )

    def graphic(self, block: Graphic) -> None:
        if not block.png or not block.width:
            return
        width = TEXT_WIDTH_CM if block.kind == "map" else min(TEXT_WIDTH_CM, block.width / 28.0)
        height = width * block.height / block.width
        if height > MAX_HEIGHT_CM:
            width, height = width * MAX_HEIGHT_CM / height, MAX_HEIGHT_CM
        name = self.picture(block.png, "png")
        self.body.append(
            f'<text:p text:style-name="Figure">{self.frame(name, width, height, block.alt)}</text:p>'
        )
        if block.caption:
            self.body.append(_p("Caption", _text(block.caption)))


def report_odt(document: Document) -> bytes:
    writer = _Writer(document)
    for block in document.blocks:
        writer.add(block)
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {NS}>'
        + _automatic_styles()
        + "<office:body><office:text>"
        + "".join(writer.body)
        + "</office:text></office:body></office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), MIMETYPE, compress_type=zipfile.ZIP_STORED)
        deflate = zipfile.ZIP_DEFLATED
        archive.writestr("content.xml", content, compress_type=deflate)
        archive.writestr("styles.xml", styles_xml(document, NS), compress_type=deflate)
        archive.writestr("meta.xml", _meta(document), compress_type=deflate)
        for name, data in writer.pictures.items():
            archive.writestr(name, data, compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", _manifest(writer.pictures), compress_type=deflate)
    return buffer.getvalue()


def _automatic_styles() -> str:
    return (
        "<office:automatic-styles>"
        '<style:style style:name="Chapter" style:family="paragraph" style:parent-style-name="Heading_20_1">'
        '<style:paragraph-properties fo:break-before="page"/></style:style>'
        '<style:style style:name="Table" style:family="table">'
        '<style:table-properties style:width="17cm" table:align="margins" fo:margin-bottom="0.3cm"/>'
        "</style:style>"
        '<style:style style:name="Cell" style:family="table-column"/>'
        '<style:style style:name="CellSmall" style:family="table-column"/>'
        '<style:style style:name="HeaderCell" style:family="table-cell">'
        '<style:table-cell-properties fo:background-color="#e8e8e8" fo:padding="0.08cm" '
        'fo:border-bottom="0.5pt solid #666666"/></style:style>'
        '<style:style style:name="BodyCell" style:family="table-cell">'
        '<style:table-cell-properties fo:padding="0.08cm" fo:border-bottom="0.5pt solid #aaaaaa"/>'
        "</style:style>"
        "</office:automatic-styles>"
    )


def _meta(document: Document) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta {NS}><office:meta>'
        f"<meta:generator>Buurtpeil</meta:generator><dc:title>{_text(document.title)}</dc:title>"
        f"<dc:language>{_text(document.language)}</dc:language>"
        f"<meta:initial-creator>{_text(document.organisation)}</meta:initial-creator>"
        "</office:meta></office:document-meta>"
    )


def _manifest(pictures: dict[str, bytes]) -> str:
    entries = [
        '<manifest:file-entry manifest:full-path="/" manifest:version="1.3" '
        f'manifest:media-type="{MIMETYPE}"/>',
        *(
            f'<manifest:file-entry manifest:full-path={quoteattr(name)} manifest:media-type="text/xml"/>'
            for name in ("content.xml", "styles.xml", "meta.xml")
        ),
        *(
            f"<manifest:file-entry manifest:full-path={quoteattr(name)} "
            f'manifest:media-type="image/{"png" if name.endswith(".png") else "jpeg"}"/>'
            for name in pictures
        ),
    ]
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.3">' + "".join(entries) + "</manifest:manifest>"
    )
