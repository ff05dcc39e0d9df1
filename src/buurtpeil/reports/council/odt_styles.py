"""``styles.xml`` of the OpenDocument text: A4 pages with a footer (organisation, title, page
number), the paragraph styles the report uses, headings in the organisation's colour."""

from xml.sax.saxutils import escape

from buurtpeil.reports.council.document import Document

FONT_FACE = '<style:font-face style:name="DejaVu Sans" svg:font-family="\'DejaVu Sans\'"/>'
PAGE = (
    '<style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="21cm" '
    'fo:page-height="29.7cm" style:print-orientation="portrait" fo:margin-top="1.8cm" '
    'fo:margin-bottom="1.5cm" fo:margin-left="2cm" fo:margin-right="2cm"/><style:footer-style>'
    '<style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.3cm"/></style:footer-style>'
    "</style:page-layout>"
)
GRAPHIC = (
    '<style:style style:name="Graphic" style:family="graphic"><style:graphic-properties '
    'style:vertical-pos="top" style:vertical-rel="baseline"/></style:style>'
)
BULLETS = (
    '<text:list-style style:name="Bullets">'
    '<text:list-level-style-bullet text:level="1" text:bullet-char="•">'
    '<style:list-level-properties text:list-level-position-and-space-mode="label-alignment">'
    '<style:list-level-label-alignment text:label-followed-by="listtab" '
    'text:list-tab-stop-position="0.6cm" fo:text-indent="-0.4cm" fo:margin-left="0.6cm"/>'
    "</style:list-level-properties></text:list-level-style-bullet></text:list-style>"
)


def _font(size: float, extra: str = "") -> str:
    return (
        '<style:text-properties style:font-name="DejaVu Sans" '
        f'fo:font-family="\'DejaVu Sans\', Arial" fo:font-size="{size}pt"{extra}/>'
    )


def _paragraph(name: str, size: float, *, extra: str = "", para: str = "", attrs: str = "") -> str:
    display = name.replace("_20_", " ")
    properties = f"<style:paragraph-properties {para}/>" if para else ""
    parent = "" if name == "Standard" else ' style:parent-style-name="Standard"'
    return (
        f'<style:style style:name="{name}" style:display-name="{display}" style:family="paragraph"'
        f"{parent}{attrs}>{properties}{_font(size, extra)}</style:style>"
    )


def _heading(level: int, size: float, colour: str) -> str:
    return _paragraph(
        f"Heading_20_{level}",
        size,
        extra=f' fo:font-weight="bold" fo:color="{colour if level < 3 else "#222222"}"',
        para='fo:margin-top="0.45cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always"',
        attrs=f' style:next-style-name="Text_20_body" style:default-outline-level="{level}"',
    )


def styles_xml(document: Document, namespaces: str) -> str:
    colour = document.colour
    right = 'fo:text-align="end"'
    styles = [
        _paragraph("Standard", 10, extra=' fo:color="#222222"'),
        _paragraph("Text_20_body", 10, para='fo:margin-bottom="0.2cm" fo:line-height="125%"'),
        _heading(1, 18, colour),
        _heading(2, 13.5, colour),
        _heading(3, 11, colour),
        _paragraph(
            "Title", 26, extra=f' fo:font-weight="bold" fo:color="{colour}"', para='fo:margin-top="3cm"'
        ),
        _paragraph("Subtitle", 14, para='fo:margin-top="0.3cm"'),
        _paragraph("Organisation", 14, extra=' fo:font-weight="bold"', para='fo:margin-top="0.4cm"'),
        _paragraph("Made", 10, extra=' fo:color="#555555"', para='fo:margin-top="4cm"'),
        _paragraph("Note", 8.5, extra=' fo:color="#444444"', para='fo:margin-bottom="0.2cm"'),
        _paragraph(
            "Caution",
            10,
            para=f'fo:background-color="#f3f3f3" fo:padding="0.2cm" fo:border-left="3pt solid {colour}" '
            'fo:margin-top="0.2cm" fo:margin-bottom="0.3cm"',
        ),
        _paragraph("Caption", 8.5, extra=' fo:color="#444444"', para='fo:margin-bottom="0.3cm"'),
        _paragraph(
            "Table_20_Caption",
            9,
            extra=' fo:font-weight="bold"',
            para='fo:margin-top="0.25cm" fo:margin-bottom="0.1cm" fo:keep-with-next="always"',
        ),
        _paragraph("Figure", 10, para='fo:margin-top="0.2cm" fo:keep-with-next="always"'),
        _paragraph("List_20_Item", 10, para='fo:margin-bottom="0.1cm"'),
        _paragraph("Table_20_Contents", 9),
        _paragraph("Table_20_Number", 9, para=right),
        _paragraph("Table_20_Contents_Small", 7.5),
        _paragraph("Table_20_Number_Small", 7.5, para=right),
        _paragraph("Table_20_Heading", 8.5, extra=' fo:font-weight="bold"'),
        _paragraph("Footer", 8, extra=' fo:color="#555555"'),
        GRAPHIC,
        BULLETS,
    ]
    footer = escape(f"{document.organisation} · {document.title} · ")
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles {namespaces}>'
        f"<office:font-face-decls>{FONT_FACE}</office:font-face-decls>"
        f"<office:styles>{''.join(styles)}</office:styles>"
        f"<office:automatic-styles>{PAGE}</office:automatic-styles>"
        '<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="A4">'
        f'<style:footer><text:p text:style-name="Footer">{footer}'
        '<text:page-number text:select-page="current"/></text:p></style:footer>'
        "</style:master-page></office:master-styles></office:document-styles>"
    )
