"""Tables of the article: "Table N: title" blocks of tab-separated rows, and their legend.

Comparative Connections prints a table as a title line, a header row, one line
per row (cells separated by tabs) and legend lines such as "n = naval". This
module finds them with the offsets of every row and cell in the seed text, reads
the exercise table (Table 1 of the China-Russia article) into `Exercise`
records (pure), and emits those as RDF (`exercises_graph`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from bilateral.graph.anchor import cite
from bilateral.graph.dates import DateRange, parse_date_range, year_of
from bilateral.graph.mint import resource, slugify
from bilateral.graph.namespaces import BL
from bilateral.graph.recognise import LabelIndex
from bilateral.graph.seeds import Seed

_TITLE = re.compile(r"^Table (\d+):[ \t]*(.+?)[ \t]*$", re.MULTILINE)
_LEGEND = re.compile(r"^[ \t]*(\S{1,3})[ \t]*=[ \t]*(.+?)[ \t]*$")


@dataclass(frozen=True)
class Cell:
    """One cell: its text (stripped) and offsets in the seed text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Row:
    """One line of a table: its number (1 for the first data row), offsets and cells."""

    number: int
    start: int
    end: int
    cells: tuple[Cell, ...]

    def cell(self, column: int) -> Cell:
        """The cell of a column, or an empty cell at the row's end when the row is short."""
        return self.cells[column] if column < len(self.cells) else Cell("", self.end, self.end)


@dataclass(frozen=True)
class Table:
    """A table: number, title, header, data rows, legend (marker -> meaning)."""

    number: int
    title: str
    start: int
    end: int
    header: Row
    rows: tuple[Row, ...]
    legend: dict[str, str] = field(default_factory=dict)

    def column(self, *keywords: str) -> int | None:
        """The first column whose header contains one of `keywords` (case-insensitive)."""
        for index, cell in enumerate(self.header.cells):
            if any(k.lower() in cell.text.lower() for k in keywords):
                return index
        return None


def find_tables(text: str) -> list[Table]:
    """Every "Table N:" block of `text` that has a header row and at least one data row.

    >>> text = "Intro\\nTable 2: Trade\\n\\nYear\\tValue\\n2013\\t89\\n\\nx = estimate\\n\\nMore."
    >>> table = find_tables(text)[0]
    >>> table.number, table.title, [c.text for c in table.rows[0].cells], table.legend
    (2, 'Trade', ['2013', '89'], {'x': 'estimate'})
    >>> text[table.rows[0].start:table.rows[0].end], text[table.start:table.end].splitlines()[-1]
    ('2013\\t89', 'x = estimate')
    """
    tables = []
    for title in _TITLE.finditer(text):
        lines = list(_lines(text, title.end()))
        rows = _tab_rows(lines)
        if len(rows) < 2:
            continue
        legend, legend_end = _legend(lines[lines.index(rows[-1]) + 1 :])
        header = _row(0, *rows[0])
        body = tuple(_row(n, *line) for n, line in enumerate(rows[1:], start=1))
        end = max(body[-1].end, legend_end)
        tables.append(
            Table(int(title.group(1)), title.group(2), title.start(), end, header, body, legend)
        )
    return tables


def _lines(text: str, offset: int) -> Iterator[tuple[int, int, str]]:
    """(start, end, content) of each line after `offset`, newline excluded."""
    position = text.find("\n", offset)
    while position != -1 and position < len(text):
        start = position + 1
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        yield start, end, text[start:end]
        position = end if end < len(text) else -1


def _tab_rows(lines: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The consecutive tab-separated lines after any blank lines that open the block."""
    rows = []
    for line in lines:
        if "\t" in line[2]:
            rows.append(line)
        elif rows or line[2].strip():
            break
    return rows


def _legend(lines: list[tuple[int, int, str]]) -> tuple[dict[str, str], int]:
    """Legend lines ("n = naval") right after the rows, blank lines between them allowed."""
    legend, end = {}, 0
    for start, _stop, content in lines:
        if not content.strip():
            continue
        match = _LEGEND.match(content)
        if match is None:
            break
        legend[match.group(1)] = match.group(2)
        end = start + match.end(2)
    return legend, end


def _row(number: int, start: int, end: int, content: str) -> Row:
    """Split one line into cells at tabs, keeping each stripped cell's offsets."""
    cells, position = [], start
    for raw in content.split("\t"):
        lead = len(raw) - len(raw.lstrip())
        stripped = raw.strip()
        cells.append(Cell(stripped, position + lead, position + lead + len(stripped)))
        position += len(raw) + 1
    stripped_end = start + len(content.rstrip())
    return Row(number, start, stripped_end, tuple(cells))


# --- The exercise table ---

KINDS = {"infantry": "infantry", "naval": "naval"}  # legend keyword -> kind
DEFAULT_LEGEND = {"*": "Infantry with aerial support", "n": "naval"}
_FORCE = re.compile(r"(?P<n>\d[\d,]*)\s*(?P<unit>[A-Za-z]+)?")
_PARTS = re.compile(r"[^&]+")


@dataclass(frozen=True)
class Location:
    """One place of a location cell ("Chelyabinsk, Russia": place and country)."""

    text: str
    start: int
    end: int
    place: str
    country: str | None


@dataclass(frozen=True)
class Exercise:
    """One row of the exercise table, read but not yet resolved to IRIs."""

    name: str
    row: Row
    framework: str
    kinds: frozenset[str]
    dates: DateRange
    locations: tuple[Location, ...]
    troops: int | None
    warships: int | None
    force: Cell


def is_exercise_table(table: Table) -> bool:
    """Whether a table lists exercises: code names, a time and a location column."""
    return None not in (
        table.column("code"),
        table.column("time", "date"),
        table.column("location"),
    )


def parse_exercises(table: Table) -> list[Exercise]:
    """The exercises of an exercise table.

    :raises ValueError: naming the table and row when a row cannot be read.
    """
    columns = {
        "name": table.column("code"),
        "sco": table.column("sco"),
        "bilateral": table.column("russ", "bilateral"),
        "time": table.column("time", "date"),
        "location": table.column("location"),
        "force": table.column("force", "size"),
    }
    missing = [key for key, column in columns.items() if column is None]
    if missing:
        raise ValueError(f"Table {table.number}: no column for {', '.join(missing)}")
    legend = table.legend or DEFAULT_LEGEND
    exercises = []
    for row in table.rows:
        try:
            exercises.append(_exercise(row, columns, legend))
        except ValueError as exc:
            raise ValueError(f"Table {table.number}, row {row.number}: {exc}") from None
    return exercises


def _exercise(row: Row, columns: dict, legend: dict[str, str]) -> Exercise:
    """One exercise from its row."""
    name = row.cell(columns["name"]).text
    sco, bilateral = row.cell(columns["sco"]).text, row.cell(columns["bilateral"]).text
    if bool(sco) == bool(bilateral):
        raise ValueError(
            f"{name!r}: a marker is needed in exactly one of the SCO and Russ-Ch columns"
        )
    kinds = frozenset(_kind(marker, legend) for marker in (sco or bilateral).split())
    time = row.cell(columns["time"])
    year = year_of(name)
    if year is None:
        raise ValueError(f"{name!r}: no year at the end of the code name to date {time.text!r}")
    force = row.cell(columns["force"])
    troops, warships = parse_force(force.text)
    return Exercise(
        name=name,
        row=row,
        framework="SCO" if sco else "Bilateral",
        kinds=kinds,
        dates=parse_date_range(time.text, year),
        locations=split_locations(row.cell(columns["location"])),
        troops=troops,
        warships=warships,
        force=force,
    )


def _kind(marker: str, legend: dict[str, str]) -> str:
    """The kind ("infantry", "naval") a marker stands for, per the legend."""
    meaning = legend.get(marker)
    if meaning is None:
        raise ValueError(f"marker {marker!r} is not in the legend {sorted(legend)}")
    for keyword, kind in KINDS.items():
        if keyword in meaning.lower():
            return kind
    raise ValueError(f"legend {marker!r} = {meaning!r} names no known kind ({', '.join(KINDS)})")


def parse_force(text: str) -> tuple[int | None, int | None]:
    """(troops, warships) of a force-size cell; a bare number counts troops.

    >>> parse_force("1,300"), parse_force("6 warships"), parse_force("")
    ((1300, None), (None, 6), (None, None))
    """
    if not text:
        return None, None
    match = _FORCE.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"force size {text!r} is not 'N' or 'N warships'")
    number, unit = int(match.group("n").replace(",", "")), (match.group("unit") or "").lower()
    if unit in ("warship", "warships", "ship", "ships"):
        return None, number
    if unit in ("", "troops", "soldiers", "men"):
        return number, None
    raise ValueError(f"force size {text!r}: unknown unit {unit!r}")


def split_locations(cell: Cell) -> tuple[Location, ...]:
    """The places of a location cell: "A & B" is two places, "A, B" a place in a country.

    >>> [(p.place, p.country) for p in split_locations(Cell("Kazakhstan & Xinjiang", 0, 21))]
    [('Kazakhstan', None), ('Xinjiang', None)]
    >>> split_locations(Cell("Chelyabinsk, Russia", 10, 29))
    (Location(text='Chelyabinsk, Russia', start=10, end=29, place='Chelyabinsk', country='Russia'),)
    """
    locations = []
    for part in _PARTS.finditer(cell.text):
        raw = part.group(0)
        text = raw.strip()
        if not text:
            continue
        start = cell.start + part.start() + len(raw) - len(raw.lstrip())
        place, _, country = (s.strip() for s in text.partition(","))
        locations.append(Location(text, start, start + len(text), place, country or None))
    return tuple(locations)


# --- RDF ---

FRAMEWORKS = {"SCO": BL.SCOFramework, "Bilateral": BL.BilateralFramework}
KIND_CLASSES = {"infantry": BL.InfantryExercise, "naval": BL.NavalExercise}
SCO = resource("Shanghai_Cooperation_Organization")
_PAIR = re.compile(r"\b([A-Z]\w+(?:-[A-Z]\w+)+)\b")


def title_participants(title: str, index: LabelIndex) -> list[URIRef]:
    """The actors a table title names as a pair ("China-Russia Joint ..." -> China, Russia)."""
    match = _PAIR.search(title)
    names = match.group(1).split("-") if match else []
    return [iri for iri in (index.lookup(n) for n in names) if index.is_a(iri, BL.Actor)]


def resolve_country(name: str, index: LabelIndex) -> URIRef | None:
    """The country a label or an abbreviation of it ("Russ") names, if exactly one."""
    iri = index.lookup(name)
    if index.is_a(iri, BL.Country):
        return iri
    hits = {
        i
        for label, iris in index.labels.items()
        if label.startswith(name)
        for i in iris
        if index.is_a(i, BL.Country)
    }
    return hits.pop() if len(hits) == 1 else None


def exercises_graph(
    table: Table, exercises: list[Exercise], seed: Seed, index: LabelIndex
) -> tuple[Graph, list[str]]:
    """The RDF of an exercise table's rows, and warnings about what it could not resolve."""
    graph, warnings = Graph(), []
    # The table lists joint exercises of the pair its title names ("China-Russia"),
    # so both countries take part in every row even though no cell names them.
    participants = title_participants(table.title, index)
    if not participants:
        warnings.append(f"{seed.path.name}: Table {table.number}: no known actors in the title")
    series = _series(graph, table, seed, index)
    for exercise in exercises:
        iri = resource(slugify(exercise.name))
        for triple in _exercise_triples(iri, exercise, participants):
            graph.add(triple)
        graph.add((iri, BL.inSeries, series))
        for location in exercise.locations:
            warnings += _add_location(graph, iri, location, seed, index)
        cite(graph, iri, seed, exercise.row.start, exercise.row.end)
    return graph, warnings


def _series(graph: Graph, table: Table, seed: Seed, index: LabelIndex) -> URIRef:
    """The series the table lists: the resource its title names, or one minted from the title."""
    series = index.lookup(table.title)
    if series is None:
        series = resource(slugify(table.title))
        graph.add((series, RDF.type, BL.EventSeries))
        graph.add((series, RDFS.label, Literal(table.title, lang="en")))
        cite(graph, series, seed, table.start, seed.text.index("\n", table.start))
    return series


def _exercise_triples(iri: URIRef, exercise: Exercise, participants: list[URIRef]):
    """The triples stated by the row itself."""
    yield iri, RDF.type, BL.MilitaryExercise
    for kind in sorted(exercise.kinds):
        yield iri, RDF.type, KIND_CLASSES[kind]
    yield iri, RDFS.label, Literal(exercise.name, lang="en")
    yield iri, BL.framework, FRAMEWORKS[exercise.framework]
    if exercise.framework == "SCO":
        yield iri, BL.organizedBy, SCO
    for actor in participants:
        yield iri, BL.participant, actor
    start, end = exercise.dates.start, exercise.dates.end
    yield iri, BL.startDate, Literal(start.isoformat(), datatype=XSD.date)
    yield iri, BL.endDate, Literal(end.isoformat(), datatype=XSD.date)
    yield iri, BL.dateText, Literal(exercise.dates.text)
    yield iri, BL.year, Literal(str(start.year), datatype=XSD.gYear)
    yield iri, BL.tableRow, Literal(exercise.row.number)
    if exercise.troops is not None:
        yield iri, BL.troopCount, Literal(exercise.troops)
    if exercise.warships is not None:
        yield iri, BL.warshipCount, Literal(exercise.warships)


def _add_location(
    graph: Graph, iri: URIRef, location: Location, seed: Seed, index: LabelIndex
) -> list[str]:
    """Link a recognised place (and its country); mint and warn about an unknown one."""
    warnings = []
    place = index.lookup(location.place)
    country = resolve_country(location.country, index) if location.country else None
    if location.country and country is None:
        warnings.append(f"{seed.path.name}@{location.start}: unknown country {location.country!r}")
    if place is None:
        # Keep the fact: a new place with the cell as evidence; curators add an
        # altLabel to the existing node if this is another spelling of one.
        place = resource(slugify(location.place))
        graph.add((place, RDF.type, BL.Place))
        graph.add((place, RDFS.label, Literal(location.place, lang="en")))
        cite(graph, place, seed, location.start, location.end)
        warnings.append(
            f"{seed.path.name}@{location.start}: unknown place {location.place!r}, minted {place}"
        )
    graph.add((iri, BL.location, place))
    if country is not None and country != place:
        graph.add((place, BL.locatedIn, country))
    return warnings

