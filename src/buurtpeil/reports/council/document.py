"""A report as a list of plain blocks (headings, paragraphs, lists, tables, graphics), written
once in the report's language and laid out twice: as HTML for the PDF (``council.pdf``) and as
an OpenDocument text (``council.odt``). So both say exactly the same."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import Any, ClassVar


@dataclass
class TitlePage:
    block: ClassVar[str] = "title"
    organisation: str
    title: str
    subtitle: str
    made: str
    logo: bytes | None = None
    logo_type: str = ""  # image/png | image/jpeg (a WebP logo is converted to PNG)

    @property
    def logo_uri(self) -> str:
        return f"data:{self.logo_type};base64,{base64.b64encode(self.logo).decode()}" if self.logo else ""


@dataclass
class Heading:
    block: ClassVar[str] = "heading"
    text: str
    level: int = 1  # 1 starts a new page in the PDF


@dataclass
class Paragraph:
    block: ClassVar[str] = "paragraph"
    text: str
    style: str = ""  # "" | "note" (small print) | "caution" (boxed)


@dataclass
class Bullets:
    block: ClassVar[str] = "bullets"
    items: list[str]


@dataclass
class Table:
    block: ClassVar[str] = "table"
    caption: str
    header: list[str]
    rows: list[list[str]]
    keys: list[str] = field(default_factory=list)  # what each row is about (an area code), or ""
    numeric: list[bool] = field(default_factory=list)  # right-aligned columns
    small: bool = False

    def __post_init__(self) -> None:
        self.keys = self.keys or [""] * len(self.rows)
        self.numeric = self.numeric or [False] * len(self.header)

    @property
    def lines(self) -> list[tuple[str, list[tuple[str, bool]]]]:
        """(key, [(cell, numeric)]) per row, for templates."""
        return [
            (key, list(zip(row, self.numeric, strict=True)))
            for key, row in zip(self.keys, self.rows, strict=True)
        ]


@dataclass
class Graphic:
    """A chart (a Vega-Lite ``spec``) or a map (``map``: areas and legend), drawn by
    ``council.graphics`` into ``svg`` (for the PDF) and ``png`` (for the ODT)."""

    block: ClassVar[str] = "graphic"
    kind: str  # "chart" | "map"
    alt: str
    caption: str = ""
    spec: dict[str, Any] | None = None
    map: dict[str, Any] | None = None
    svg: str = ""
    png: bytes = b""
    width: float = 0.0  # of the drawing, in its own units (px); the layout scales it
    height: float = 0.0

    @property
    def svg_uri(self) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode()).decode()


Block = TitlePage | Heading | Paragraph | Bullets | Table | Graphic


@dataclass
class Document:
    title: str
    language: str
    organisation: str
    colour: str  # the organisation's main colour, #rrggbb
    blocks: list[Block]

    def graphics(self) -> list[Graphic]:
        return [block for block in self.blocks if isinstance(block, Graphic)]
