"""``exodus review ...`` and ``exodus audit``: human review from the command line."""

from __future__ import annotations

import getpass
import json
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from exodus.cli.common import DbOpt, ViewFormat, ViewFormatOpt, app, out, print_json
from exodus.config import load_settings

review_app = typer.Typer(
    help="Accept, reject or correct a fact, split a fact out of its claim, merge claims; every"
    " change is kept in the audit trail (exodus audit).",
    no_args_is_help=True,
)
app.add_typer(review_app, name="review")


def _default_reviewer() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # pragma: no cover - no user name on this system
        return "unknown"


ReviewerOpt = Annotated[
    str | None,
    typer.Option("--reviewer", help="Who makes the change (default: your user name)."),
]
WhyOpt = Annotated[str, typer.Option("--why", help="Why: kept in the audit trail.")]
FactArg = Annotated[str, typer.Argument(help="The fact's fact_uid (exodus facts --format json).")]


def _run(db: str | None, action: Any) -> None:
    from exodus.store import open_store

    with open_store(load_settings(db=db).db_url) as store:
        entry = action(store)
    print_json(entry.to_dict())


@review_app.command("accept")
def accept(fact: FactArg, why: WhyOpt, reviewer: ReviewerOpt = None, db: DbOpt = None) -> None:
    """Mark a fact as checked and right (a rejected fact comes back).

    Example: exodus review accept 01f22dc1... --why "checked against the ministry release"
    """
    from exodus import review

    who = reviewer or _default_reviewer()
    _run(db, lambda store: review.accept_fact(store, fact, reviewer=who, why=why))


@review_app.command("reject")
def reject(fact: FactArg, why: WhyOpt, reviewer: ReviewerOpt = None, db: DbOpt = None) -> None:
    """Mark a fact as wrong: it leaves facts, claims, timelines, alerts and exports.

    Example: exodus review reject 01f22dc1... --why "the figure is the size of the draft"
    """
    from exodus import review

    who = reviewer or _default_reviewer()
    _run(db, lambda store: review.reject_fact(store, fact, reviewer=who, why=why))


def _changes(pairs: list[str]) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for pair in pairs:
        field, sep, value = pair.partition("=")
        if not sep or not field.strip():
            raise typer.BadParameter(f"{pair!r} is not FIELD=VALUE", param_hint="--set")
        try:
            changes[field.strip()] = json.loads(value)
        except json.JSONDecodeError:
            changes[field.strip()] = value
    return changes


@review_app.command("correct")
def correct(
    fact: FactArg,
    why: WhyOpt,
    set_: Annotated[
        list[str],
        typer.Option(
            "--set",
            help="FIELD=VALUE, repeatable; VALUE is JSON when it parses (null, 5000,"
            ' {"name": "Upper Lars", "country": "GE"}), else text; places also take an alpha-2 code.',
        ),
    ],
    reviewer: ReviewerOpt = None,
    db: DbOpt = None,
) -> None:
    """Correct any field of a fact; earlier corrections stay.

    Example: exodus review correct 01f22dc1... --set value=98000 --set destination=KZ --why "misread"
    """
    from exodus import review

    changes = _changes(set_)
    who = reviewer or _default_reviewer()
    _run(db, lambda store: review.correct_fact(store, fact, changes, reviewer=who, why=why))


@review_app.command("split")
def split(fact: FactArg, why: WhyOpt, reviewer: ReviewerOpt = None, db: DbOpt = None) -> None:
    """Take a fact out of its claim: it becomes a claim of its own that nothing else joins.

    Example: exodus review split 01f22dc1... --why "another crossing"
    """
    from exodus import review

    who = reviewer or _default_reviewer()
    _run(db, lambda store: review.split_fact(store, fact, reviewer=who, why=why))


@review_app.command("merge")
def merge(
    claims: Annotated[list[str], typer.Argument(help="Two or more claim ids (exodus claims).")],
    why: WhyOpt,
    reviewer: ReviewerOpt = None,
    db: DbOpt = None,
) -> None:
    """Merge claims (same corridor, measure, unit, rate and modality) into one.

    Example: exodus review merge 0149184e1fd22c89 2055702c12b4d59d --why "same statement"
    """
    from exodus import review

    who = reviewer or _default_reviewer()
    _run(db, lambda store: review.merge_claims(store, claims, reviewer=who, why=why))


@app.command()
def audit(
    db: DbOpt = None,
    fact: Annotated[str | None, typer.Option(help="Only changes touching this fact_uid.")] = None,
    reviewer: Annotated[str | None, typer.Option(help="Only this reviewer's changes.")] = None,
    action: Annotated[
        str | None, typer.Option(help="Only accept, reject, correct, split or merge.")
    ] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many entries.")] = None,
    format: ViewFormatOpt = ViewFormat.table,
) -> None:
    """The audit trail of reviews, newest first: who changed what, when, before, after, why.

    Example: exodus audit --fact 01f22dc1... --format json
    """
    from exodus.serve import queries
    from exodus.store import open_store

    with open_store(load_settings(db=db).db_url) as store:
        page = queries.list_audit(
            store, fact_uid=fact, reviewer=reviewer, action=action, limit=limit
        )
    if format is ViewFormat.json:
        print_json([e.to_dict() for e in page.items])
        return
    t = Table(title=f"Audit trail ({page.total} entries)", title_justify="left")
    for col in ("#", "when", "who", "action", "target", "before", "after", "why"):
        t.add_column(col)
    for e in page.items:
        t.add_row(
            str(e.id),
            e.at[:19],
            Text(e.reviewer),
            e.action,
            Text(e.target[:16] + ("…" if len(e.target) > 16 else "")),
            Text(json.dumps(e.before, ensure_ascii=False)),
            Text(json.dumps(e.after, ensure_ascii=False)),
            Text(e.why),
        )
    out.print(t)
