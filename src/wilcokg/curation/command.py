"""`wilcokg curate`: list what awaits review, and write decisions to the decisions file.

`list` reads a built `dist/` (its asserted graphs) and the decisions file; `accept`, `reject`, `merge`
and `rename` check a decision against both, the way the build will (`Facts.problem`, `conflicts`),
and append it only if it fits. Exit status 0 when done, 2 when refused.
"""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import asdict
from pathlib import Path

from pyoxigraph import NamedNode, Quad, RdfFormat, parse
from rich.console import Console
from rich.text import Text

from wilcokg.curation.decisions import (
    DEFAULT_FILE,
    Action,
    Decision,
    DecisionsFile,
    append_decision,
    conflicts,
    full_iri,
    next_line,
    read_decisions,
    short,
)
from wilcokg.curation.facts import Facts
from wilcokg.curation.queue import KINDS, STATUSES, ReviewItem, local_queue, selected
from wilcokg.dist_layout import TRIG
from wilcokg.reading.model import Role
from wilcokg.reading.triples import role_iri
from wilcokg.vocab import INFERRED_GRAPH
from wilcokg.wording import counted

EXIT_REFUSED = 2


class Refused(Exception):
    """A decision or listing the command will not make, with the reason."""


def add_curate_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="curate_action", required=True)

    def common(command: argparse.ArgumentParser) -> None:
        command.add_argument("--dist", type=Path, default=Path("dist"), help="the built dataset to check against")
        command.add_argument("--decisions", type=Path, default=Path(DEFAULT_FILE), help="the decisions file")

    listing = actions.add_parser("list", help="what awaits review, with the sentences it rests on")
    common(listing)
    listing.add_argument("--chapter", help="only what was read in this chapter (its id: 58-the-filur-project)")
    listing.add_argument("--type", choices=KINDS, help="only entities or statements of this kind")
    listing.add_argument(
        "--status", choices=(*STATUSES, "all"), default="extracted", help="review status; extracted awaits review"
    )
    listing.add_argument("--format", choices=("table", "json"), default="table", help="a table to read, or JSON")

    for action, help_text in (
        (Action.ACCEPT, "mark a discovered entity, an actor role or a stated value as reviewed and right"),
        (Action.REJECT, "take a discovered entity, an actor role or a stated value out of the graph for good"),
    ):
        verdict = actions.add_parser(action.value, help=help_text)
        verdict.add_argument("iri", nargs="?", help="what to decide about: org/portaal, a role or stated value IRI")
        verdict.add_argument("--innovation", help="an actor role by its parts: the innovation (its IRI or slug)")
        verdict.add_argument("--actor", help="… the actor (its IRI or slug)")
        verdict.add_argument("--role", choices=[role.value for role in Role], help="… and the role")
    merge = actions.add_parser(Action.MERGE.value, help="a discovered entity is another entity: move it there")
    merge.add_argument("iri", help="the discovered entity (org/hva)")
    merge.add_argument("into", help="the entity it is (org/hogeschool-van-amsterdam)")
    rename = actions.add_parser(Action.RENAME.value, help="give a discovered entity its right name")
    rename.add_argument("iri", help="the discovered entity")
    rename.add_argument("name", help="its name")
    for command in (actions.choices[action.value] for action in Action):
        common(command)
        command.add_argument("--note", help="why: published with the decision")


def _say(console: Console, text: str) -> None:
    """Plain text, never wrapped or coloured: file names, lines and IRIs stay whole for copying."""
    console.print(text, markup=False, highlight=False, soft_wrap=True)


def _asserted(dist: Path) -> list[Quad]:
    trig = dist / TRIG
    if not trig.is_file():
        raise Refused(f"{trig} does not exist: run `wilcokg build` first")
    return [quad for quad in parse(path=str(trig), format=RdfFormat.TRIG) if quad.graph_name != INFERRED_GRAPH]


def _decisions(path: Path) -> DecisionsFile:
    found = read_decisions(path)
    if found.problems:
        lines = "\n".join(str(problem) for problem in found.problems)
        raise Refused(f"{path} has lines that are no decision; fix them first:\n{lines}")
    return found


def _iri(written: str) -> str:
    iri = full_iri(written)
    if iri is None:
        raise Refused(
            f"{written} is not an IRI of the graph: write it as org/portaal or <https://w3id.org/wilcokg/id/…>"
        )
    return iri


def _slug(written: str) -> str:
    """The last segment of an innovation's or actor's IRI, all a role's IRI keeps of it: from the IRI or
    from the slug itself."""
    slug = _iri(written).rsplit("/", 1)[-1] if "/" in written or written.startswith("<") else written
    if not re.fullmatch(r"[a-z0-9-]+", slug):
        raise Refused(f"{written} is neither an IRI nor a slug (portaal) of the graph")
    return slug


def _target(args: argparse.Namespace) -> str:
    parts = (args.innovation, args.actor, args.role)
    if args.iri and not any(parts):
        return _iri(args.iri)
    if not args.iri and all(parts):
        return role_iri(_slug(args.innovation), _slug(args.actor), args.role).value
    raise Refused("name what to decide about by its IRI, or an actor role by --innovation, --actor and --role")


def _decision(args: argparse.Namespace, line: int) -> Decision:
    action, note, source = Action(args.curate_action), " ".join((args.note or "").split()), str(args.decisions)
    if action is Action.MERGE:
        return Decision(action, _iri(args.iri), _iri(args.into), note, source, line)
    if action is Action.RENAME:
        name = " ".join(args.name.split())
        if not name:
            raise Refused("the new name is empty")
        return Decision(action, _iri(args.iri), name, note, source, line)
    return Decision(action, _target(args), "", note, source, line)


def _decide(args: argparse.Namespace, out: Console) -> None:
    found = _decisions(args.decisions)
    decision = _decision(args, next_line(args.decisions))
    for problem in conflicts([*found.decisions, decision]):
        if problem.line == decision.line:
            raise Refused(problem.message)
    facts = Facts.of(_asserted(args.dist))
    if (reason := facts.problem(decision)) is not None:
        raise Refused(f"{decision.written(aligned=False)}: {reason}")
    append_decision(args.decisions, decision)
    _say(out, f"{decision.where()}: {decision.written(aligned=False)}")
    role = facts.roles.get(NamedNode(decision.target))
    if decision.action is Action.ACCEPT and role is not None:
        accepted = {d.target for d in found.decisions if d.action is Action.ACCEPT}
        for part in (role.innovation, role.actor):
            if facts.status.get(part) == "extracted" and part.value not in accepted:
                _say(
                    out,
                    f"{short(part.value)} is still extracted: the reviewed graph shows this role once it is accepted",
                )
    _say(out, "`wilcokg build` applies it.")


def _shown(item: ReviewItem) -> Text:
    """One item as a few lines: IRI, kind, status and chapters; its names; the sentence it rests on."""
    text = Text()
    text.append(item.short, style="bold").append(f"  {item.kind} · {item.status}")
    if item.chapters:
        text.append(f" · {', '.join(item.chapters)}")
    text.append("\n  " + (" | ".join(item.names) if item.names else item.label))
    if item.cue:
        text.append(f"  (cue: {item.cue})", style="dim")
    if item.evidence:
        first = item.evidence[0]
        text.append("\n  “")
        if item.kind in ("role", "value"):
            text.append(first.sentence)
        else:
            text.append(first.prefix).append(first.exact, style="bold underline").append(first.suffix)
        text.append("”")
        if first.rule:
            text.append(f"  (rule: {first.rule})", style="dim")
        if len(item.evidence) > 1:
            text.append(f"  (+{len(item.evidence) - 1} more)", style="dim")
    return text


def _list(args: argparse.Namespace, out: Console) -> None:
    found = _decisions(args.decisions)
    status = None if args.status == "all" else args.status
    items = selected(local_queue(_asserted(args.dist)), args.chapter, args.type, status)
    pending = {d.target for d in found.decisions if d.action is not Action.RENAME}
    waiting = [item for item in items if item.status == "extracted" and item.iri in pending]
    items = [item for item in items if item not in waiting]
    if args.format == "json":
        print(json.dumps([asdict(item) for item in items], ensure_ascii=False, indent=2))
        return
    for item in items:
        out.print(_shown(item), highlight=False)
    _say(out, counted(len(items), "item"))
    if waiting:
        _say(
            out,
            f"{counted(len(waiting), 'more item')} decided in {args.decisions} since the last build: "
            "`wilcokg build` applies the decisions",
        )
    if items and status == "extracted":
        _say(out, "decide with: wilcokg curate accept|reject IRI, merge IRI INTO, rename IRI NAME")


def run_curate(args: argparse.Namespace, out: Console, err: Console) -> int:
    try:
        if args.curate_action == "list":
            _list(args, out)
        else:
            _decide(args, out)
    except Refused as refusal:
        _say(err, f"curate {args.curate_action}: {refusal}")
        return EXIT_REFUSED
    return 0
