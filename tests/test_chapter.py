"""The parser on the seed, the development corpus and chapters written for the tests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, REPORTS, SEED
from wilcokg.source.chapter import ChapterError, ChapterKind, parse_chapter, parse_title
from wilcokg.source.corpus import load_corpus, place_file


def parse(path):
    return parse_chapter(path.read_text(encoding="utf-8"), str(path))


def test_seed_header_title_and_kind():
    chapter = parse(SEED)
    assert chapter.kind is ChapterKind.INTRODUCTION
    assert chapter.identifier == "lille-introduction"
    assert chapter.title.text == "Lille – Introduction"
    assert chapter.title.city == "Lille"
    assert chapter.title_line == 5
    header = chapter.header
    assert (header.country_code, header.country_name, header.city) == ("FR", "France", None)
    assert [a.name for a in header.authors] == ["Laurent Fraisse"]
    [affiliation] = header.authors[0].affiliations
    assert (affiliation.text, affiliation.name, affiliation.place) == ("CRIDA, Paris", "CRIDA", "Paris")
    assert header.contributors == ()


def test_seed_sections_in_document_order():
    chapter = parse(SEED)
    assert [s.title for s in chapter.sections] == [
        "Local background of the social innovations",
        "An unequal distribution of responsibilities between national and local governments in the WILCO "
        "policy fields:",
        "Predominance of quantitative issues over qualitative and innovative actions:",
        "Social innovations in the age of public spending restrictions:",
        "The end of the of civil society monopoly over social innovation discourse and actions?",
        "Local policies dedicated to social and solidarity-based economy (SSE) – a window of opportunity for "
        "social innovation:",
    ]
    assert [len(s.paragraphs) for s in chapter.sections] == [0, 1, 1, 2, 1, 3]
    assert chapter.preamble == ()


def test_seed_trailer_lists_85_keywords():
    chapter = parse(SEED)
    assert len(chapter.listed_keywords) == 85
    assert chapter.listed_keywords[0] == "Activation"
    assert chapter.listed_keywords[-1] == "Youth unemployment"
    assert "Social and solidarity-based economy (SSE)" in chapter.listed_keywords
    assert chapter.categories == ("Introduction",)
    assert chapter.keywords_line == 38


def test_seed_footnotes_are_recorded_and_stripped():
    chapter = parse(SEED)
    assert [f.number for f in chapter.footnotes] == [1, 2, 3]
    for footnote in chapter.footnotes:
        assert chapter.text[footnote.start : footnote.end] == str(footnote.number)
    paragraph = chapter.sections[2].paragraphs[0]
    assert paragraph.footnotes == (1, 2, 3)
    assert "Beyond general objectives, Lille" in paragraph.text
    assert "“participative habitat”;" in paragraph.text
    assert "a consensus conference on housing" in paragraph.text
    assert "groups of 8-10 owners" in paragraph.text
    assert "5,000 new dwellings" in paragraph.text


def test_paragraph_offsets_index_the_source():
    chapter = parse(SEED)
    for paragraph in chapter.paragraphs:
        source = chapter.text[paragraph.start : paragraph.end]
        assert source.startswith(paragraph.text[:20])
        assert chapter.text.splitlines()[paragraph.line - 1] == source


EVERY_CHAPTER = sorted([*REPORTS.glob("*/*.txt"), *(FIXTURES / "chapters").glob("*/*.txt")])


@pytest.mark.parametrize("path", EVERY_CHAPTER, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_cleaned_text_is_the_source_without_its_markers(path):
    chapter = parse(path)
    assert all(chapter.text[f.start : f.end] == str(f.number) for f in chapter.footnotes)
    for paragraph in chapter.paragraphs:
        inside = [f for f in chapter.footnotes if paragraph.start <= f.start < f.end <= paragraph.end]
        source = list(chapter.text[paragraph.start : paragraph.end])
        for f in inside:
            source[f.start - paragraph.start : f.end - paragraph.start] = [""] * (f.end - f.start)
        lines = "".join(source).split("\n")
        assert "\n".join(line.strip(" \t") for line in lines) == paragraph.text
        assert paragraph.footnotes == tuple(f.number for f in inside)


EXPECTED_CORPUS = {
    "fr-lille/09-support-for-housing-self-renovation.txt": (
        ChapterKind.INNOVATION,
        9,
        "Support for housing self-renovation in Lille Metropolis",
        None,
        [4],
        8,
        "Housing",
    ),
    "fr-lille/11-potes-en-ciel.txt": (
        ChapterKind.INNOVATION,
        11,
        "Potes en Ciel",
        "Children’s Café",
        [8, 9],
        10,
        "Child care",
    ),
    "fr-lille/99-conclusions.txt": (ChapterKind.CONCLUSIONS, None, None, None, [10], 9, "Conclusions"),
    "fr-nantes/00-introduction.txt": (ChapterKind.INTRODUCTION, None, None, None, [1, 2], 9, "Introduction"),
    "fr-nantes/13-le-temps-pour-toit.txt": (
        ChapterKind.INNOVATION,
        13,
        "Le temps pour toit",
        "Time for Roof",
        [3],
        6,
        "Housing",
    ),
    "se-stockholm/00-introduction.txt": (
        ChapterKind.INTRODUCTION,
        None,
        None,
        None,
        [1, 2, 3],
        9,
        "Introduction",
    ),
    "se-stockholm/58-the-filur-project.txt": (
        ChapterKind.INNOVATION,
        58,
        "The Filur Project",
        None,
        [4, 5],
        8,
        "Labour market",
    ),
    "hr-zagreb/00-introduction.txt": (ChapterKind.INTRODUCTION, None, None, None, [1, 2], 7, "Introduction"),
}


@pytest.mark.parametrize("name", sorted(EXPECTED_CORPUS))
def test_corpus_chapter(name):
    kind, number, title_name, gloss, footnotes, keyword_count, category = EXPECTED_CORPUS[name]
    chapter = parse(REPORTS / name)
    assert chapter.kind is kind
    assert chapter.title.number == number
    assert chapter.title.name == title_name
    assert chapter.title.gloss == gloss
    assert [f.number for f in chapter.footnotes] == footnotes
    assert len(chapter.listed_keywords) == keyword_count
    assert chapter.categories == (category,)
    if kind is ChapterKind.INNOVATION:
        assert [s.number for s in chapter.sections] == [f"{number}.{i}" for i in range(1, 5)]
        assert chapter.sections[0].title == "Short description"


def test_glued_numbered_heading_and_real_numbers_survive():
    filur = parse(REPORTS / "se-stockholm/58-the-filur-project.txt")
    assert filur.sections[0].number == "58.1"
    text = " ".join(p.text for p in filur.paragraphs)
    assert "(interview 1)" in text and "(utl. 2007: 117)" in text and "90 per cent" in text
    renovation = parse(REPORTS / "fr-lille/09-support-for-housing-self-renovation.txt")
    first = renovation.sections[0].paragraphs[0].text
    assert "Local Housing Plan (PLMH2, 2008-2012)" in first
    stockholm = parse(REPORTS / "se-stockholm/00-introduction.txt")
    text = " ".join(p.text for p in stockholm.paragraphs)
    assert "17,000 inhabitants" in text and "Boverket 2012a" in text and "than in Malmö." in text


def test_marker_after_closing_quote():
    chapter = parse(REPORTS / "fr-lille/11-potes-en-ciel.txt")
    assert "“cafés des enfants” to Lyon" in chapter.sections[0].paragraphs[1].text


def test_bullet_list_is_one_paragraph_with_items():
    chapter = parse(REPORTS / "fr-nantes/13-le-temps-pour-toit.txt")
    listing = next(p for p in chapter.paragraphs if p.items)
    assert listing.text.startswith("The association sums up its aims as follows:")
    assert len(listing.items) == 4
    assert listing.items[0].startswith("to offer students and young workers")


def test_three_authors_with_shared_affiliation_and_diacritics():
    chapter = parse(REPORTS / "hr-zagreb/00-introduction.txt")
    assert [a.name for a in chapter.header.authors] == [
        "Gojko Bežovan",
        "Jelena Matančević",
        "Danijel Baturina",
    ]
    assert {a.affiliations[0].text for a in chapter.header.authors} == {"Faculty of law, Zagreb"}


def test_fixture_with_city_line_five_authors_preamble_and_glued_year():
    chapter = parse(FIXTURES / "chapters/ch-bern/00-introduction.txt")
    assert chapter.title.text == "Bern - Introduction" and chapter.title.city == "Bern"
    header = chapter.header
    assert (header.country_code, header.country_name, header.city) == ("SW", "Switzerland", "Bern")
    assert len(header.authors) == 5 and all(a.affiliations == () for a in header.authors)
    assert len(chapter.preamble) == 1 and chapter.preamble[0].footnotes == (2,)
    assert [s.title for s in chapter.sections] == [
        "Housing and child care in a federal state.",
        "What changed after 2010?",
    ]
    assert [f.number for f in chapter.footnotes] == [2, 10]
    assert "In August 2008 the city council adopted a plan for 2008-2012" in chapter.sections[0].paragraphs[0].text
    assert "(interview 3)" in chapter.sections[0].paragraphs[0].text
    assert len(chapter.sections[1].paragraphs[0].items) == 3


def test_fixture_hyphen_title_and_both_numbered_heading_forms():
    placed = place_file(FIXTURES / "chapters/uk-dover/31-the-dover-pilot.txt")
    chapter = placed.chapter
    assert (chapter.title.number, chapter.title.name, chapter.title.gloss) == (
        31,
        "The Dover Pilot",
        "Working Together",
    )
    assert chapter.identifier == "31-the-dover-pilot"
    assert [(s.number, s.title) for s in chapter.sections] == [
        ("31.1", "Short description"),
        ("31.2", "Conception and ways of addressing users"),
    ]
    assert [f.number for f in chapter.footnotes] == [4, 5]
    assert "called it “a bridge” and counted 120 families in its first year." in chapter.paragraphs[0].text
    assert (placed.placement.city, placed.placement.country_code) == ("Dover", "UK")


def test_headerless_chapter_is_placed_by_its_folder_introduction():
    corpus = load_corpus(REPORTS)
    assert not corpus.problems
    placements = {p.identifier: p.placement for p in corpus.chapters}
    assert placements["58-the-filur-project"].city == "Stockholm"
    assert placements["58-the-filur-project"].country_code == "SE"
    assert placements["lille-conclusions"].country_name == "France"
    assert len(corpus.chapters) == 9


def test_amsterdam_bilingual_title_with_acronym_and_no_header():
    placed = place_file(FIXTURES / "chapters/nl-amsterdam/37-boot.txt")
    chapter = placed.chapter
    title = chapter.title
    assert (title.number, title.name, title.acronym, title.gloss) == (
        37,
        "Buurtwinkels voor Onderzoek, Onderwijs en Talentontwikkeling",
        "BOOT",
        "Neighbourhood Stores for Education, Research and Talent Development",
    )
    assert chapter.identifier == "37-boot"
    assert chapter.header is None
    assert (placed.placement.city, placed.placement.country_code) == ("Amsterdam", "NL")
    assert [(s.number, s.title) for s in chapter.sections] == [
        ("37.1", "Short description"),
        ("37.2", "Conception and ways of addressing users"),
        ("37.3", "Internal organisation and modes of working"),
        ("37.4", "Interaction with the local welfare system"),
    ]
    assert [len(s.paragraphs) for s in chapter.sections] == [1, 2, 1, 1]
    assert [(f.number, f.line) for f in chapter.footnotes] == [(3, 5), (4, 16)]
    assert "neighbourhoods needing special attention. The first BOOT opened in 2008" in chapter.paragraphs[0].text
    assert chapter.paragraphs[3].text.endswith("refer residents to them when a problem needs professional help.")
    assert (len(chapter.listed_keywords), chapter.categories) == (6, ("Housing",))


def test_amsterdam_indented_interview_quotation_and_its_attribution():
    chapter = parse(FIXTURES / "chapters/nl-amsterdam/37-boot.txt")
    lead_in, quoted = chapter.sections[1].paragraphs
    assert lead_in.text.endswith("One coordinator described the approach as follows:")
    assert lead_in.quotation is None
    assert quoted.line == 11
    assert quoted.quotation.text == (
        "“People do not go to an office in the city centre with a problem they are ashamed of. "
        "Here they meet a student from the neighbourhood school, and that is different.”"
    )
    assert quoted.quotation.attribution == "Interview 4, Amsterdam. Coordinator of a BOOT store"
    assert quoted.text == quoted.quotation.text + "\nInterview 4, Amsterdam. Coordinator of a BOOT store"
    source = chapter.text[quoted.start : quoted.end]
    assert source.startswith("    “People do not go") and source.endswith("Coordinator of a BOOT store")
    assert [p for p in chapter.paragraphs if p.quotation] == [quoted]


def test_nijmegen_introduction():
    chapter = parse(FIXTURES / "chapters/nl-nijmegen/00-introduction.txt")
    assert (chapter.title.text, chapter.title.city, chapter.title_line) == ("Nijmegen – Introduction", "Nijmegen", 5)
    header = chapter.header
    assert (header.country_code, header.country_name, header.city) == ("NL", "The Netherlands", None)
    assert [a.name for a in header.authors] == ["Joost Fledderus", "Francesca Broersma", "Taco Brandsen"]
    assert {(f.name, f.place) for a in header.authors for f in a.affiliations} == {
        ("Radboud Universiteit Nijmegen", None)
    }
    assert header.contributors == ()
    assert [s.title for s in chapter.sections] == [
        "Local background of the social innovations",
        "Welfare innovations in the three policy fields:",
    ]
    assert [len(s.paragraphs) for s in chapter.sections] == [2, 4]
    assert [(f.number, f.line) for f in chapter.footnotes] == [(1, 9), (2, 17)]
    assert chapter.paragraphs[0].text.endswith("tenants’ associations and neighbourhood groups.")
    assert "a grant from the province of Gelderland for its first years." in chapter.paragraphs[3].text
    assert not any(p.quotation or p.items for p in chapter.paragraphs)
    assert (len(chapter.listed_keywords), chapter.categories) == (8, ("Introduction",))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Lille – Introduction", ("introduction", "Lille", None, None, None, None)),
        ("Malmö - Conclusions", ("conclusions", "Malmö", None, None, None, None)),
        ("10. Parler Bambins – Toddler Talk", ("innovation", None, 10, "Parler Bambins", None, "Toddler Talk")),
        ("58. The Filur Project", ("innovation", None, 58, "The Filur Project", None, None)),
        (
            "31. The Dover Pilot - Working Together",
            ("innovation", None, 31, "The Dover Pilot", None, "Working Together"),
        ),
        (
            "37. Buurtwinkels voor Onderzoek, Onderwijs en Talentontwikkeling, BOOT – Neighbourhood Stores",
            (
                "innovation",
                None,
                37,
                "Buurtwinkels voor Onderzoek, Onderwijs en Talentontwikkeling",
                "BOOT",
                "Neighbourhood Stores",
            ),
        ),
        ("12. Local Housing Plan (PLMH) – Housing", ("innovation", None, 12, "Local Housing Plan", "PLMH", "Housing")),
        ("12. Jobs, Youth and Care", ("innovation", None, 12, "Jobs, Youth and Care", None, None)),
        ("12. Buurtwinkel, HvA", ("innovation", None, 12, "Buurtwinkel", "HvA", None)),
        ("12. Jobs for All, Lille", ("innovation", None, 12, "Jobs for All, Lille", None, None)),
        ("12. Plan (PLMH", ("innovation", None, 12, "Plan (PLMH", None, None)),
    ],
)
def test_title_forms(line, expected):
    title = parse_title(line)
    assert (title.kind.value, title.city, title.number, title.name, title.acronym, title.gloss) == expected


def chapter_quoting(block: str):
    """A chapter whose second paragraph is `block`, between a lead-in and a closing sentence."""
    return parse_chapter(
        f"12. Example\n\nThe tenants met. One of them said:\n\n{block}\n\nThen the city gave in.", "q.txt"
    )


@pytest.mark.parametrize(
    ("text", "quotation", "attribution"),
    [
        ("    “We stay.”\n    Interview 2, Malmö", "“We stay.”", "Interview 2, Malmö"),
        ('\t"We stay,\n\tand we fight."\n\tA tenant, Lille', '"We stay,\nand we fight."', "A tenant, Lille"),
        ("    “We stay.”", "“We stay.”", None),
        ("    “We stay,\n    and we fight.", "“We stay,\nand we fight.", None),
        ("    « On reste. »\n    Entretien 3", "« On reste. »", "Entretien 3"),
    ],
)
def test_indented_quotations(text, quotation, attribution):
    chapter = chapter_quoting(text)
    quoted = [p.quotation for p in chapter.paragraphs if p.quotation]
    assert [(q.text, q.attribution) for q in quoted] == [(quotation, attribution)]


@pytest.mark.parametrize(
    "text",
    [
        "“We stay,” the tenants said, and the city gave in.",
        "    The city gave in after a year of protest.",
    ],
)
def test_quoted_words_without_an_indented_quotation_mark_are_plain_paragraphs(text):
    chapter = chapter_quoting(text)
    assert [p.quotation for p in chapter.paragraphs] == [None, None, None]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("Just some text\n\nMore text without a title.", 1, "expected a chapter title"),
        ("Lille – Introduction\n\nBody.\n\n\nContent keywords\n", 6, "truncated trailer"),
        (
            "Lille – Introduction\n\nBody.\n\n\nContent keywords\n\nKeywords: A | B\n",
            8,
            "expected the title repeated",
        ),
        (
            "Lille – Introduction\n\nBody.\n\nKeywords: A | B\n\nLille – Introduction\n",
            7,
            "expected 'Categories: …'",
        ),
        (
            "Lille – Introduction\n\nBody.\n\nKeywords: A || B\n\nLille – Introduction\n\nCategories: X",
            5,
            "found an empty one",
        ),
        ("   \n\n", 1, "empty chapter"),
        ("Keywords Search\nFR France\nAnn One (Alpha\n\nLille – Introduction\n\nBody.", 3, "expected ')' to close"),
        ("FR France\nAnn One and the CAF\n\nLille – Introduction\n\nBody.", 2, "expected a person's name"),
    ],
)
def test_bad_chapters_name_line_and_expectation(text, line, message):
    with pytest.raises(ChapterError) as caught:
        parse_chapter(text, "bad.txt")
    assert caught.value.line == line
    assert message in caught.value.message
    assert str(caught.value).startswith(f"bad.txt:{line}: ")


def test_short_sentences_stay_paragraphs_while_short_stopped_headings_are_headings():
    text = (
        "12. Example Project\n\n12.1. Short description\n\n"
        "Malmö is a city in Skåne with a young population.\n\n"
        "Funding and partners.\n\n"
        "The city and the European Social Fund pay for the project jointly, for three years.\n\n"
        "The cooperative employs about 20 women (interview 2).\n\n\n"
        "Content keywords\n\nKeywords: Labour market\n\n12. Example Project\n\nCategories: Labour market"
    )
    chapter = parse_chapter(text, "example.txt")
    assert [s.title for s in chapter.sections] == ["Short description", "Funding and partners."]
    assert [len(s.paragraphs) for s in chapter.sections] == [1, 2]
    assert chapter.sections[1].paragraphs[1].text == "The cooperative employs about 20 women (interview 2)."


_LINES = st.sampled_from(
    [
        "Keywords Search",
        "FR France",
        "Ann One (CRIDA, Paris) and Bob Two",
        "With contributions from Cy Three",
        "Lille – Introduction",
        "37. Buurtwinkels, BOOT – Stores",
        "37.1. Short description",
        "    “We stay.”",
        "    Interview 4, Lille",
        "In August 200810 the city2 (2009)3 met.4",
        "Content keywords",
        "Keywords: A | B",
        "Categories: Housing",
        "",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINES | st.text(max_size=12), max_size=16).map("\n".join))
def test_any_text_is_a_chapter_or_a_chapter_error(text):
    try:
        chapter = parse_chapter(text, "any.txt")
    except ChapterError as error:
        assert str(error).startswith(f"any.txt:{error.line}: ") and 1 <= error.line <= text.count("\n") + 1
    else:
        assert all(text[f.start : f.end] == str(f.number) for f in chapter.footnotes)
