"""`wilcokg publish`: progress bar and report. Exit 0 when the store holds the dataset,
1 when the store failed or disagrees, 2 when the command cannot start (no dump, no password)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import httpx
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from wilcokg.dist_layout import TRIG
from wilcokg.remote.dump import DumpError, read_graphs
from wilcokg.remote.http import Retries, StoreError, choose_auth
from wilcokg.remote.options import STATE_NAME
from wilcokg.remote.store import StoreTarget
from wilcokg.remote.upload import UploadReport, upload
from wilcokg.wording import counted

EXIT_FAILED = 1
EXIT_BAD_INPUT = 2
REQUEST_SECONDS = 300.0


def run_publish(args: argparse.Namespace, out: Console, err: Console) -> int:
    problem = _bad_input(args)
    if problem:
        err.print(f"publish: {problem}", markup=False, highlight=False)
        return EXIT_BAD_INPUT
    try:
        graphs = read_graphs(args.dist / TRIG)
    except DumpError as error:
        err.print(f"publish: {error}", markup=False, highlight=False)
        return EXIT_BAD_INPUT
    with httpx.Client(timeout=REQUEST_SECONDS, follow_redirects=True) as client:
        try:
            if args.user:
                client.auth = choose_auth(client, args.store, args.user, os.environ[args.password_env])
        except StoreError as error:
            err.print(f"publish: cannot reach the store: {error}", markup=False, highlight=False)
            return EXIT_FAILED
        retries = Retries(attempts=max(1, args.retries))
        target = StoreTarget(args.store, client, args.graph_store, args.query_endpoint, retries)
        state = args.state or args.dist / STATE_NAME
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=err, transient=True, disable=args.quiet) as bar:
            task = bar.add_task("triples", total=sum(len(graph) for graph in graphs))
            report = upload(
                args.dist,
                graphs,
                target,
                state,
                batch_triples=args.batch_triples,
                progress=lambda iri, sent: bar.update(task, advance=sent, description=iri.rsplit("/", 1)[-1]),
            )
    return _report(report, args.store, state, out, err)


def _bad_input(args: argparse.Namespace) -> str | None:
    if args.batch_triples < 1:
        return "--batch-triples must be at least 1"
    if bool(args.user) != bool(args.password_env):
        return "--user and --password-env go together"
    if args.password_env and args.password_env not in os.environ:
        return f"the environment variable {args.password_env} (--password-env) is not set"
    return None


def _report(report: UploadReport, store: str, state: Path, out: Console, err: Console) -> int:
    for note in report.notes:
        err.print(f"publish: {note}", markup=False, highlight=False)
    if report.error is not None:
        for iri in [*report.resumed, *report.replaced]:
            err.print(f"  replaced      {iri}", markup=False, highlight=False)
        for iri in report.not_replaced:
            mark = "FAILED       " if iri == report.failed else "not replaced "
            err.print(f"  {mark} {iri}", markup=False, highlight=False)
        where = f"at <{report.failed}>" if report.failed else "after loading"
        done = len(report.resumed) + len(report.replaced)
        err.print(
            f"publish failed {where}: {report.error}; {done} of {len(report.graphs)} graphs replaced, "
            f"progress kept in {state}: rerun to resume",
            markup=False,
            highlight=False,
        )
        return EXIT_FAILED
    for mismatch in report.mismatches:
        err.print(
            f"  count differs {mismatch.iri}: ours {mismatch.ours}, the store's {mismatch.theirs}",
            markup=False,
            highlight=False,
        )
    if report.mismatches:
        err.print(
            f"publish: the number of triples differs in {counted(len(report.mismatches), 'graph')} of {store}",
            markup=False,
            highlight=False,
        )
        return EXIT_FAILED
    resumed = f" ({len(report.resumed)} by an earlier run)" if report.resumed else ""
    out.print(
        f"published {len(report.graphs)} graphs to {store}{resumed}; triple counts match", markup=False, highlight=False
    )
    return 0
