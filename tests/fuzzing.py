"""Generated inputs for the fuzz tests of the importers: arbitrary bytes, and valid files broken
in the ways real files break (cut off, saved in another encoding, columns missing or added,
rows doubled, cells huge, formula-like or of the wrong type).

Every fuzz test uses ``FUZZ``: a bounded number of examples, derandomized so that CI runs
the same inputs every time. ``FUZZ_EXAMPLES=500`` makes a deeper local run.
"""

import copy
import csv
import io
import json
import os

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st


def fuzz_settings(examples: int):
    """``examples`` cases (or ``FUZZ_EXAMPLES``), the same ones on every run."""
    return settings(
        max_examples=int(os.environ.get("FUZZ_EXAMPLES", examples)),
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )


# Strings that break parsers and databases: control characters, a byte-order mark, quotes and
# separators, formula starters, numbers in other scripts and widths, too many digits, huge cells.
NASTY_STRINGS = [
    "", " ", "\x00", "a\x00b", "\ufeff", "\r", "\n", "\r\n", '"', "'", ";", ",", "\t",
    "=1+1", '=HYPERLINK("http://example.org","x")', "+31 70 123", "-1", "@SUM(A1)",
    "9" * 5000, "x" * 140_000, "١٢٣", "\uff11\uff12", "²", "1e400", "NaN", "-0", "12.5", "1,5", " 12 ",
    "null", "true", "é", "\u202e", "😀", "BU05180001", "GM0518",
]  # fmt: skip
nasty_text = st.one_of(st.sampled_from(NASTY_STRINGS), st.text(max_size=20))
ENCODINGS = ["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16", "utf-32"]


@st.composite
def byte_mutations(draw, data: bytes) -> bytes:
    """``data`` cut off, with bytes changed, inserted or removed."""
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        kind = draw(st.sampled_from(["cut", "flip", "insert", "delete"]))
        at = draw(st.integers(min_value=0, max_value=len(data)))
        if kind == "cut":
            data = data[:at]
        elif kind == "flip" and at < len(data):
            data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1 :]
        elif kind == "insert":
            insert = draw(
                st.one_of(st.binary(max_size=8), st.sampled_from([b"\x00", b"\xff\xfe", b"\xef\xbb\xbf"]))
            )
            data = data[:at] + insert + data[at:]
        elif kind == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 16)) :]
    return data


@st.composite
def mutated_table(draw, header: list[str], rows: list[list[str]], *, delimiter: str = ",") -> bytes:
    """A CSV file made from a valid table after a few cell, column and row changes, written
    with either delimiter and in one of several encodings."""
    header, rows = list(header), [list(row) for row in rows]
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        kind = draw(
            st.sampled_from(["cell", "cell", "drop column", "add column", "double row", "drop row", "ragged"])
        )
        width = len(header)
        if kind == "cell" and rows and width:
            row = draw(st.integers(0, len(rows) - 1))
            column = draw(st.integers(0, width - 1))
            if column < len(rows[row]):
                rows[row][column] = draw(nasty_text)
        elif kind == "drop column" and width:
            column = draw(st.integers(0, width - 1))
            header.pop(column)
            rows = [row[:column] + row[column + 1 :] for row in rows]
        elif kind == "add column":
            header.append(draw(st.sampled_from(["extra", "", header[0] if header else "x"])))
            rows = [[*row, draw(nasty_text)] for row in rows]
        elif kind == "double row" and rows:
            rows.append(list(rows[draw(st.integers(0, len(rows) - 1))]))
        elif kind == "drop row" and rows:
            rows.pop(draw(st.integers(0, len(rows) - 1)))
        elif kind == "ragged" and rows:
            row = draw(st.integers(0, len(rows) - 1))
            rows[row] = rows[row][: draw(st.integers(0, width))] + draw(st.lists(nasty_text, max_size=2))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=draw(st.sampled_from([delimiter, ",", ";"])), lineterminator="\n")
    writer.writerows([header, *rows])
    text = out.getvalue()
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    data = text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
    return draw(st.one_of(st.just(data), byte_mutations(data)))


DEEP = "__deeply nested__"
NASTY_JSON = st.one_of(
    st.sampled_from([None, True, False, 0, -1, 1e308, 10**30, -(10**30), 0.1, [], {}, [[]], DEEP]),
    st.sampled_from(NASTY_STRINGS),
    st.sampled_from(
        ["\ud800", "a\udfffb", "Polygon", "MultiPolygon", "Point", "Feature", "FeatureCollection"]
    ),
    st.lists(st.floats(allow_nan=False), max_size=3),
)


def _paths(node, path=()):
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*path, index))


def _at(node, path):
    for step in path:
        node = node[step]
    return node


@st.composite
def mutated_json(draw, document) -> bytes:
    """A JSON document after a few changes anywhere in its tree (a value replaced, removed or
    doubled), written as UTF-8 (or not), possibly nested far too deep, then maybe broken as bytes."""
    document = copy.deepcopy(document)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        path = draw(st.sampled_from(list(_paths(document))))
        if not path:
            continue
        parent, step = _at(document, path[:-1]), path[-1]
        kind = draw(st.sampled_from(["replace", "replace", "remove", "double", "wrap"]))
        if kind == "replace":
            parent[step] = draw(NASTY_JSON)
        elif kind == "remove":
            del parent[step]
        elif kind == "double" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[step]))
        elif kind == "wrap":
            parent[step] = [parent[step]]
    text = json.dumps(document, ensure_ascii=draw(st.booleans()))
    text = text.replace(json.dumps(DEEP), "[" * 3000 + "]" * 3000)
    data = text.encode("utf-8", errors="surrogatepass")
    return draw(st.one_of(st.just(data), st.just(data), byte_mutations(data)))


def readable(message) -> bool:
    """A message a person can read: words, not a Python error or a dump of the input."""
    text = str(message)
    tells = (
        "Traceback", "Error(", "object at 0x", "NoneType", "codec can't", "Expecting ", "Exceeds the limit",
        "field larger than", "unexpected end of data", "new-line character", "line contains NUL",
    )  # fmt: skip
    return 0 < len(text) <= 1500 and not any(tell in text for tell in tells)
