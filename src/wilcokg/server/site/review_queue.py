"""What awaits review, as the `/curation` page shows it: the queue of `wilcokg curate list`, asked of the
server's graph, each item under the chapters it was read in with the sentences there that it rests on.

The items come from the curation package's fixed queries (`QUEUE_QUERIES`) and `review_items`, so that
the page and the command list the same things. Each sentence links to its place in the reader: a
discovered entity's to its mention there (`#m{start}-{end}`), an actor role's to the sentence the reader
underlines (`#e{start}-{end}`), and a stated value's, which the reader does not mark, to its paragraph.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import NamedNode

from wilcokg.curation.command_lines import STATEMENT_KINDS, CommandLine, command_lines
from wilcokg.curation.decisions import ID
from wilcokg.curation.queue import QUEUE_QUERIES, Evidence, ReviewItem, Rows, review_items
from wilcokg.search_index import chapter_id, reader_anchor, sentence_anchor
from wilcokg.server.engine.graph_reader import GraphReader
from wilcokg.server.linked_data.entity import Link
from wilcokg.server.linked_data.evidence import source_texts
from wilcokg.server.linked_data.roles import Sentence, chapter_mentions
from wilcokg.server.page_queries import CHAPTER_PARTS
from wilcokg.server.site.chapters import BookChapter
from wilcokg.source.sentences import sentence_bounds
from wilcokg.vocab import WILCO

_PARAGRAPH = WILCO("Paragraph").value
KIND_HEADINGS = {
    "org": "Organisations",
    "innovation": "Social innovations",
    "person": "People",
    "place": "Places",
    "role": "Actor roles",
    "value": "Stated values",
}


@dataclass(frozen=True, slots=True)
class Queue:
    """The items of the queue and what the page needs of the graph to show them."""

    items: tuple[ReviewItem, ...]
    parties: Mapping[str, frozenset[str]]
    """Each statement's innovation and actor: the names its sentences mark."""


@dataclass(frozen=True, slots=True)
class Entry:
    """An item as a chapter's part of the page shows it."""

    item: ReviewItem
    sentences: tuple[Sentence, ...]
    commands: tuple[CommandLine, ...]
    elsewhere: tuple[BookChapter, ...]
    """The other chapters it was read in."""


@dataclass(frozen=True, slots=True)
class ChapterQueue:
    """A chapter's items by kind; `chapter` is None for items no chapter states (curated roles)."""

    chapter: BookChapter | None
    kinds: tuple[tuple[str, tuple[Entry, ...]], ...]


async def read_queue(reader: GraphReader) -> Queue:
    rows: dict[str, Rows] = {}
    for name, query in QUEUE_QUERIES.items():
        rows[name] = [{key: term.value for key, term in row.items()} for row in await reader.select(query)]
    parties = {
        row["node"]: frozenset(row[part] for part in ("innovation", "actor") if part in row)
        for row in rows["statements"]
    }
    return Queue(tuple(review_items(rows)), parties)


def chapter_iri(identifier: str) -> str:
    return f"{ID}chapter/{identifier}"


def mention_href(chapter: str, start: int, end: int) -> str:
    """The reader's address of a mention, which it links with the id `m{start}-{end}`."""
    return f"/chapter/{chapter}#m{start}-{end}"


async def _paragraphs(reader: GraphReader, chapters: Iterable[str]) -> dict[str, list[tuple[int, int, str]]]:
    """Each chapter's paragraphs (by chapter id): where each starts and ends, and its IRI."""
    found = {}
    for chapter in chapters:
        rows = await reader.select(CHAPTER_PARTS, chapter=NamedNode(chapter_iri(chapter)))
        found[chapter] = [
            (int(row["start"].value), int(row["end"].value), row["part"].value)
            for row in rows
            if row["kind"].value == _PARAGRAPH
        ]
    return found


def _paragraph_href(paragraphs: Sequence[tuple[int, int, str]], evidence: Evidence) -> str:
    part = next((iri for start, end, iri in paragraphs if start <= evidence.start < end), None)
    return reader_anchor(part or chapter_iri(evidence.chapter))


async def evidence_hrefs(reader: GraphReader, items: Sequence[ReviewItem]) -> dict[tuple[str, Evidence], str]:
    """The reader's address of each item's each evidence."""
    values = {e.chapter for item in items if item.kind == "value" for e in item.evidence}
    paragraphs = await _paragraphs(reader, sorted(values))
    hrefs = {}
    for item in items:
        for e in item.evidence:
            if item.kind == "value":
                hrefs[(item.iri, e)] = _paragraph_href(paragraphs[e.chapter], e)
            elif item.kind == "role":
                hrefs[(item.iri, e)] = sentence_anchor(chapter_iri(e.chapter), e.start, e.end)
            else:
                hrefs[(item.iri, e)] = mention_href(e.chapter, e.start, e.end)
    return hrefs


async def _sentences(
    reader: GraphReader, dist: Path, queue: Queue, items: Sequence[ReviewItem], book: Mapping[str, BookChapter]
) -> dict[tuple[str, str], tuple[Sentence, ...]]:
    """Each item's sentences in each chapter (by item IRI and chapter id), the names in them marked: an
    entity's own, each sentence once however often it names it; a statement's innovation's and actor's."""
    chapters = {identifier: Link(chapter.iri, chapter.title) for identifier, chapter in book.items()}
    hrefs = await evidence_hrefs(reader, items)
    read_in = sorted({e.chapter for item in items for e in item.evidence})
    texts = await source_texts(dist, (chapter_iri(chapter) for chapter in read_in))
    stated_in = sorted({e.chapter for item in items if item.kind in STATEMENT_KINDS for e in item.evidence})
    names = await chapter_mentions(reader, [chapter_iri(chapter) for chapter in stated_in])
    found: dict[tuple[str, str], list[Sentence]] = defaultdict(list)
    for item in items:
        # (chapter, sentence start, sentence end) → the spans marked in it and the reader's address of the first.
        marked: dict[tuple[str, int, int], tuple[list[tuple[int, int]], str]] = {}
        for e in item.evidence:
            if item.kind in STATEMENT_KINDS:
                parties = queue.parties.get(item.iri, frozenset())
                spans = [
                    (start, end)
                    for who, start, end in names[chapter_iri(e.chapter)]
                    if who in parties and e.start <= start < end <= e.end
                ]
                marked[(e.chapter, e.start, e.end)] = (spans, hrefs[(item.iri, e)])
            else:
                first, last = sentence_bounds(texts[e.chapter].text, e.start, e.end)
                marked.setdefault((e.chapter, first, last), ([], hrefs[(item.iri, e)]))[0].append((e.start, e.end))
        for (chapter, first, last), (spans, href) in marked.items():
            quote = texts[chapter].excerpt(first, last, spans)
            found[(item.iri, chapter)].append(Sentence(chapters[chapter], href, quote))
    return {key: tuple(sentences) for key, sentences in found.items()}


async def chapter_queues(
    reader: GraphReader,
    dist: Path,
    queue: Queue,
    items: Sequence[ReviewItem],
    book: Sequence[BookChapter],
    only: str | None = None,
) -> tuple[ChapterQueue, ...]:
    """`items` under each chapter they were read in (`only` that one, by id), chapters in book order, then
    those read in none."""
    chapters = {chapter_id(chapter.iri): chapter for chapter in book}
    sentences = await _sentences(reader, dist, queue, items, chapters)
    grouped: dict[str | None, dict[str, list[Entry]]] = defaultdict(lambda: defaultdict(list))
    for item in sorted(items, key=lambda item: (item.label.casefold(), item.iri)):
        commands = command_lines(item)
        for chapter in item.chapters or (None,):
            if only is not None and chapter != only:
                continue
            elsewhere = tuple(chapters[other] for other in item.chapters if other != chapter)
            found = sentences.get((item.iri, chapter), ()) if chapter else ()
            grouped[chapter][item.kind].append(Entry(item, found, commands, elsewhere))
    order = [*chapters, None]
    return tuple(
        ChapterQueue(
            chapters[chapter] if chapter else None,
            tuple((kind, tuple(grouped[chapter][kind])) for kind in KIND_HEADINGS if kind in grouped[chapter]),
        )
        for chapter in sorted(grouped, key=order.index)
    )
