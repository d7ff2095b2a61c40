"""`/curation`: what awaits review, by chapter then kind, each item with the sentence it rests on (the name
marked, a link to the place in the reader) and the `wilcokg curate` commands that decide about it; the same
items as `wilcokg curate list`, filtered the same way, as HTML or JSON. Each command form the page shows is
run through the command line against a copy of the decisions file, and the decisions made with the page's
own commands, once built, leave nothing to review."""

from __future__ import annotations

import html
import json
import re
import shlex
import shutil
from pathlib import Path
from typing import Any

import httpx
import pytest

from conftest import BOOK_ORDER, DECISIONS, repository_inputs
from in_process import in_process_app, serving
from test_curation_end_to_end import captured
from wilcokg.build import build
from wilcokg.curation.command_lines import MERGE_TARGET
from wilcokg.curation.decisions import ID, Action, read_decisions

pytestmark = pytest.mark.anyio

FILUR = "58-the-filur-project"
FUND = "org/european-social-fund"
FUND_ROLE = "innovation/the-filur-project/actor/european-social-fund/funder"
FILUR_YEAR = "innovation/the-filur-project/start-year/2010"
MERGE_INTO = "org/sundbyberg-municipality"
"""A curated organisation, for a merge to go into."""
_JSON = {"accept": "application/json"}


def curate_list(dist: Path, *argv: str) -> list[dict[str, Any]]:
    """What `wilcokg curate list --format json` lists of `dist`."""
    status, out, err = captured(
        "curate", "list", "--dist", str(dist), "--decisions", str(DECISIONS), "--format", "json", *argv
    )
    assert status == 0, err
    listed: list[dict[str, Any]] = json.loads(out)
    return listed


async def page_items(async_client: httpx.AsyncClient, **params: str) -> list[dict[str, Any]]:
    response = await async_client.get("/curation", params=params, headers=_JSON)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def without_page_fields(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The items as `curate list` writes them: without the commands and the reader's addresses."""
    return [
        {key: value for key, value in item.items() if key != "commands"}
        | {"evidence": [{k: v for k, v in e.items() if k != "reader"} for e in item["evidence"]]}
        for item in items
    ]


def sections(page: str) -> dict[str, str]:
    """Each chapter's section of the page by the chapter's id (`` for items read in no chapter)."""
    found = {}
    for section in re.findall(r'<section class="chapter-queue">(.*?)</section>', page, re.S):
        heading = re.search(r'<h2><a href="/chapter/([^"]+)">', section)
        found[heading.group(1) if heading else ""] = section
    return found


def entries(section: str) -> dict[str, str]:
    """Each item's HTML in a section, by its IRI as decisions write it (org/european-social-fund)."""
    found = {}
    for entry in re.split(r'(?=<li class="review-item )', section)[1:]:
        iri = re.search(r'<code class="iri">([^<]+)</code>', entry)
        assert iri is not None
        found[iri.group(1)] = entry
    return found


def commands(entry: str) -> list[str]:
    """The commands of an item's HTML as a visitor copies them: the text of each <code> of its commands."""
    listed = re.search(r'<ul class="commands">(.*?)</ul>', entry, re.S)
    codes = re.findall(r"<code>(.*?)</code>", listed.group(1)) if listed else []
    return [html.unescape(re.sub(r"<[^>]+>", "", code)) for code in codes]


async def test_the_page_shows_what_awaits_review_by_chapter_then_kind(
    async_client: httpx.AsyncClient, dist: Path
) -> None:
    listed = curate_list(dist)
    response = await async_client.get("/curation")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    assert '<a href="/curation">Curation</a>' in page, "the site's navigation leads here"
    assert f"{len(listed)} items await review" in page
    read_in = {chapter for item in listed for chapter in item["chapters"]}
    assert list(sections(page)) == [chapter for chapter in BOOK_ORDER if chapter in read_in]
    filur = sections(page)[FILUR]
    assert re.findall(r"<h3>([^<]+)</h3>", filur) == ["Organisations", "Actor roles", "Stated values"]
    shown = entries(filur)
    assert set(shown) == {item["iri"].removeprefix(ID) for item in listed if FILUR in item["chapters"]}
    fund = shown[FUND]
    assert '<span class="status extracted"' in fund
    assert re.search(r"<q>[^<]*paid for jointly by the <mark>European Social Fund</mark>", fund)
    assert f'<a class="in-reader" href="/chapter/{FILUR}#m234-254">' in fund
    assert commands(fund) == [
        f"wilcokg curate accept {FUND}",
        f"wilcokg curate reject {FUND}",
        f"wilcokg curate merge {FUND} {MERGE_TARGET}",
        f"wilcokg curate rename {FUND} 'European Social Fund'",
    ]
    role = shown[FUND_ROLE]
    # A role's sentence marks its actor and its innovation, as the entity pages' role evidence does.
    assert "<mark>European Social Fund</mark>" in role
    assert f'<a class="in-reader" href="/chapter/{FILUR}#e172-293">' in role
    assert commands(role) == [f"wilcokg curate accept {FUND_ROLE}", f"wilcokg curate reject {FUND_ROLE}"]
    assert commands(shown[FILUR_YEAR]) == [f"wilcokg curate accept {FILUR_YEAR}", f"wilcokg curate reject {FILUR_YEAR}"]


async def test_an_item_read_in_two_chapters_is_under_each_with_that_chapter_s_sentence(
    async_client: httpx.AsyncClient,
) -> None:
    year = "innovation/le-temps-pour-toit/start-year/2005"
    chapters = sections((await async_client.get("/curation")).text)
    in_chapter = entries(chapters["13-le-temps-pour-toit"])[year]
    in_introduction = entries(chapters["nantes-introduction"])[year]
    assert "set up in 2005" in in_chapter and "set up in 2005" not in in_introduction
    assert "home-sharing since 2005" in in_introduction and "home-sharing since 2005" not in in_chapter
    assert 'Also read in <a href="/chapter/nantes-introduction">' in in_chapter


@pytest.mark.parametrize(
    ("params", "argv"),
    [
        ({}, ()),
        ({"status": "curated"}, ("--status", "curated")),
        ({"status": "all"}, ("--status", "all")),
        ({"chapter": FILUR, "type": "org"}, ("--chapter", FILUR, "--type", "org")),
        ({"type": "value", "status": "accepted"}, ("--type", "value", "--status", "accepted")),
    ],
)
async def test_the_json_twin_lists_what_curate_list_lists(
    async_client: httpx.AsyncClient, dist: Path, params: dict[str, str], argv: tuple[str, ...]
) -> None:
    items = await page_items(async_client, **params)
    assert without_page_fields(items) == curate_list(dist, *argv)
    by_format = await async_client.get("/curation", params=params | {"format": "json"})
    assert by_format.headers["content-type"] == "application/json"
    assert by_format.json()["items"] == items


async def test_the_json_twin_gives_each_item_its_commands_and_reader_links(async_client: httpx.AsyncClient) -> None:
    items = {item["iri"].removeprefix(ID): item for item in await page_items(async_client)}
    assert items[FUND]["commands"] == {
        "accept": f"wilcokg curate accept {FUND}",
        "reject": f"wilcokg curate reject {FUND}",
        "merge": f"wilcokg curate merge {FUND} {MERGE_TARGET}",
        "rename": f"wilcokg curate rename {FUND} 'European Social Fund'",
    }
    assert [e["reader"] for e in items[FUND]["evidence"]] == [f"/chapter/{FILUR}#m234-254"]
    assert [e["reader"] for e in items[FUND_ROLE]["evidence"]] == [f"/chapter/{FILUR}#e172-293"]
    # The reader marks no stated value: its link is to the paragraph that holds the sentence.
    assert re.fullmatch(rf"/chapter/{FILUR}#p\d+", items[FILUR_YEAR]["evidence"][0]["reader"])


def _text(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


async def test_every_reader_link_lands_on_its_marked_place(async_client: httpx.AsyncClient) -> None:
    items = await page_items(async_client, status="all")
    readers: dict[str, str] = {}
    checked = set()
    for item in items:
        for evidence in item["evidence"]:
            path, anchor = evidence["reader"].split("#")
            if path not in readers:
                response = await async_client.get(path)
                assert response.status_code == 200
                readers[path] = response.text
            reader = readers[path]
            if anchor.startswith("m"):
                assert re.search(rf'<a class="mention [^"]*" id="{anchor}"', reader), evidence["reader"]
            elif anchor.startswith("e"):
                assert re.search(rf'<span class="stated [^"]*" id="{anchor}"', reader), evidence["reader"]
            else:
                paragraph = re.search(rf'<p id="{anchor}">(.*?)</p>', reader, re.S)
                assert paragraph is not None, evidence["reader"]
                assert evidence["exact"][:30] in _text(paragraph.group(1)), evidence["reader"]
            checked.add(anchor[0])
    assert checked == {"m", "e", "p"}
    page = (await async_client.get("/curation", params={"status": "all"})).text
    linked = set(re.findall(r'<a class="in-reader" href="([^"]+)">', page))
    assert linked and linked <= {e["reader"] for item in items for e in item["evidence"]}


def _decision_of(command: str, target: str, dist: Path, decisions: Path) -> tuple[Action, str, str]:
    """Runs `command` as the shell would split it, against `dist` and a copy of the repository's decisions;
    the one decision it appended."""
    shutil.copyfile(DECISIONS, decisions)
    before = read_decisions(decisions).decisions
    words = shlex.split(command.replace(MERGE_TARGET, target))
    assert words[:2] == ["wilcokg", "curate"]
    status, _, err = captured(*words[1:], "--dist", str(dist), "--decisions", str(decisions))
    assert status == 0, err
    found = read_decisions(decisions)
    assert not found.problems and found.decisions[: len(before)] == before
    [decision] = found.decisions[len(before) :]
    return decision.action, decision.target.removeprefix(ID), decision.argument.removeprefix(ID)


async def test_each_command_form_the_page_shows_is_one_curate_takes(
    async_client: httpx.AsyncClient, dist: Path, tmp_path: Path
) -> None:
    items = {item["iri"].removeprefix(ID): item for item in await page_items(async_client)}
    decisions = tmp_path / "decisions.txt"
    made = {}
    for iri in (FUND, FUND_ROLE, FILUR_YEAR):
        for action, command in items[iri]["commands"].items():
            made[(iri, action)] = _decision_of(command, MERGE_INTO, dist, decisions)
    assert made == {
        (FUND, "accept"): (Action.ACCEPT, FUND, ""),
        (FUND, "reject"): (Action.REJECT, FUND, ""),
        (FUND, "merge"): (Action.MERGE, FUND, MERGE_INTO),
        (FUND, "rename"): (Action.RENAME, FUND, "European Social Fund"),
        (FUND_ROLE, "accept"): (Action.ACCEPT, FUND_ROLE, ""),
        (FUND_ROLE, "reject"): (Action.REJECT, FUND_ROLE, ""),
        (FILUR_YEAR, "accept"): (Action.ACCEPT, FILUR_YEAR, ""),
        (FILUR_YEAR, "reject"): (Action.REJECT, FILUR_YEAR, ""),
    }


async def test_the_filters_narrow_the_page_as_they_narrow_curate_list(async_client: httpx.AsyncClient) -> None:
    page = (await async_client.get("/curation", params={"chapter": FILUR, "type": "org"})).text
    assert list(sections(page)) == [FILUR]
    assert re.findall(r"<h3>([^<]+)</h3>", page) == ["Organisations"]
    # An item read in this chapter and another shows under this one only.
    nantes = sections((await async_client.get("/curation", params={"chapter": "nantes-introduction"})).text)
    assert list(nantes) == ["nantes-introduction"]
    assert "innovation/le-temps-pour-toit/start-year/2005" in entries(nantes["nantes-introduction"])
    assert '<option value="58-the-filur-project" selected>' in page
    assert '<option value="org" selected>' in page
    curated = sections((await async_client.get("/curation", params={"status": "curated"})).text)
    # Curated roles no sentence states come last; nothing curated is left to decide.
    assert list(curated)[-1] == ""
    assert 'class="unstated"' in curated[""]
    assert all('<ul class="commands">' not in section for section in curated.values())


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("chapter=no-such-chapter", "chapter=&#39;no-such-chapter&#39; is not the id of a chapter of the book"),
        ("type=organisation", "type=&#39;organisation&#39; is not a kind of entity or statement"),
        ("status=pending", "status=&#39;pending&#39; is not a review status; it may be extracted, accepted"),
        ("kind=org", "this page takes no parameter &#39;kind&#39;; it takes chapter, type, status, format"),
        ("type=org&type=role", "type is given 2 times: give it once"),
        ("format=xml", "format=&#39;xml&#39; is not a format of this page"),
        ("chapter=%3Cscript%3E", "chapter=&#39;&lt;script&gt;&#39; is not the id"),
    ],
)
async def test_a_bad_filter_is_a_400_that_says_why(async_client: httpx.AsyncClient, query: str, message: str) -> None:
    page = await async_client.get(f"/curation?{query}")
    assert page.status_code == 400
    assert page.headers["content-type"].startswith("text/html")
    assert "<h1>Bad filter</h1>" in page.text and message in page.text
    assert "<script>" not in page.text
    data = await async_client.get(f"/curation?{query}", headers=_JSON)
    assert data.status_code == 400
    assert html.unescape(message) in data.json()["error"]
    assert set(data.json()["parameters"]) == {"chapter", "type", "status", "format"}


async def test_when_every_item_is_decided_the_page_says_nothing_awaits_review(
    async_client: httpx.AsyncClient, dist: Path, tmp_path: Path
) -> None:
    """Every item accepted with the command the page shows for it, then built: the queue is empty."""
    decisions = tmp_path / "decisions.txt"
    shutil.copyfile(DECISIONS, decisions)
    items = await page_items(async_client)
    for item in items:
        words = shlex.split(item["commands"]["accept"])
        status, _, err = captured(*words[1:], "--dist", str(dist), "--decisions", str(decisions))
        assert status == 0, err
    decided = tmp_path / "dist"
    build(repository_inputs(decisions=decisions), decided)
    async with serving(in_process_app(decided)) as reviewed:
        response = await reviewed.get("/curation")
        assert response.status_code == 200
        assert "Nothing awaits review" in response.text
        assert "<code>wilcokg curate accept|reject|merge|rename</code>" in response.text
        assert 'class="review-item' not in response.text
        assert await page_items(reviewed) == []
        accepted = await page_items(reviewed, status="accepted")
        assert {item["iri"] for item in accepted} == {item["iri"] for item in items}
        # What is accepted can still be merged or renamed if it is an entity; a statement is done with.
        assert {tuple(item["commands"]) for item in accepted} == {("merge", "rename"), ()}
