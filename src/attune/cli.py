"""``attune`` on the command line: a thin shell over :mod:`attune`'s five core functions.

Each command reads its texts (inline, ``@file`` or ``-`` for stdin), calls one library function
and renders the result, as JSON with ``--json`` or as a readable Rich view. Errors become exit
codes in one place, :func:`command`.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, NoReturn, ParamSpec

import typer
from rich.console import Console, RenderableType
from rich.text import Text

from attune import __version__
from attune import analyze as _analyze
from attune import assess as _assess
from attune import draft as _draft
from attune import rewrite as _rewrite
from attune import suggest as _suggest
from attune.cli_inputs import parse_facts, read_inputs
from attune.errors import AttuneError, UsageError
from attune.views import render_analysis, render_assessment, render_draft, render_rewrite, render_suggestions

EXIT_CODES = {
    0: "success",
    1: "unexpected error (a bug in attune: please report it)",
    2: "bad input or usage (error codes E1xx, E3xx)",
    3: "invalid data file (error codes E2xx)",
}

EPILOG = "\n\n".join(
    ["[bold]Exit codes[/bold]"]
    + [f"{code}  {what}" for code, what in EXIT_CODES.items()]
    + ["Errors print one line to stderr, such as: error: \\[E101] reply is empty; ..."]
)

app = typer.Typer(
    name="attune",
    help="An empathy engine for customer support: explained judgments of customer messages and "
    "agent replies.\n\nEvery TEXT may be given inline, as @path to read a UTF-8 file, or as - to "
    "read stdin (write @@ for text that starts with @).",
    epilog=EPILOG,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)

P = ParamSpec("P")

_TEXT_FORMS = "Inline text, @path to read a UTF-8 file, or - for stdin."

# Shared options: the same declaration (and so the same flags and help) in every command.
JsonOption = Annotated[bool, typer.Option("--json", help="Print the result as JSON (to_dict()) and nothing else.")]
CustomerArgument = Annotated[
    str | None,
    typer.Argument(help=f"The customer's message. {_TEXT_FORMS}", show_default="stdin"),
]
CustomerOption = Annotated[str | None, typer.Option("--customer", help=f"The customer's message. {_TEXT_FORMS}")]
ReplyOption = Annotated[str | None, typer.Option("--reply", help=f"The agent's reply so far. {_TEXT_FORMS}")]
CustomerNameOption = Annotated[
    str | None,
    typer.Option("--customer-name", help="The customer's name, when the message does not say."),
]


def named(name: str) -> Callable[[Callable[P, None]], Callable[P, None]]:
    """Register a command under ``name`` (for names that are Python keywords or builtins)."""
    return functools.partial(command, name=name)


def command(fn: Callable[P, None], name: str | None = None, on: typer.Typer | None = None) -> Callable[P, None]:
    """Register ``fn`` as a command (of group ``on``); the one place where exceptions become exit codes."""

    @functools.wraps(fn)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            fn(*args, **kwargs)
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except AttuneError as exc:
            _fail(str(exc), exc.exit_code)
        except Exception as exc:
            _fail(f"unexpected {type(exc).__name__}: {exc} (this is a bug; please report it)", 1)

    (on or app).command(name=name)(run)
    return run


def _fail(message: str, code: int) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"attune {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """An empathy engine for customer support."""


# ---------------------------------------------------------------------------------- commands


@named("eval")
def eval_(
    task: Annotated[str, typer.Argument(help="emotions, situations, stance, mechanisms or pairs.")],
    path: Annotated[Path, typer.Argument(help="Labelled data: JSONL, GoEmotions TSV, EPITOME folder, Bitext CSV.")],
    fmt: Annotated[str | None, typer.Option("--format", help="jsonl, goemotions, epitome or bitext (guessed).")] = None,
    label_key: Annotated[str, typer.Option("--labels", help="JSONL field holding the labels.")] = "labels",
    limit: Annotated[int | None, typer.Option("--limit", help="Judge at most this many records.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Measure attune on labelled data: per-label precision/recall/F1, macro-F1, confusion."""
    from attune.evaluate.commands import render_report, run_eval

    _emit(run_eval(task, path, fmt, label_key, limit), as_json, render_report)


@command
def train(
    model: Annotated[
        str,
        typer.Argument(help="emotions, situations, stance, mechanisms, neural (attune[neural])."),
    ],
    data: Annotated[Path, typer.Option("--data", help="Folder with goemotions/ and bitext/.")] = Path("../shared/data"),
    corpus: Annotated[Path, typer.Option("--corpus", help="The project-written corpus folder.")] = Path("corpus"),
    out: Annotated[Path, typer.Option("--out", help="Where to write the weights.")] = Path("src/attune/data/models"),
    as_json: JsonOption = False,
) -> None:
    """Train a learned model (needs the train extra); deterministic, seed 13."""
    from attune.evaluate.commands import run_train

    result = run_train(model, data, corpus, out)
    _emit(result, as_json, lambda r: Text("\n".join(f"{k}: {v}" for k, v in r.items())))


@command
def analyze(
    text: CustomerArgument = None,
    customer_name: CustomerNameOption = None,
    as_json: JsonOption = False,
) -> None:
    """Read a customer's message: emotions, situations, urgency, escalation, with evidence."""
    message, _ = read_inputs(text, "customer message")
    _emit(_analyze(message, customer_name=customer_name), as_json, render_analysis)


@command
def assess(
    reply: Annotated[str, typer.Argument(help=f"The agent's reply. {_TEXT_FORMS}")],
    customer: CustomerOption = None,
    customer_name: CustomerNameOption = None,
    as_json: JsonOption = False,
) -> None:
    """Judge a reply: stance, a 0..100 score and a checklist of ten dimensions, with evidence.

    Without --customer the reply is judged on its own.
    """
    reply_text, customer_text = read_inputs(reply, "reply", customer, "customer message")
    result = _assess(reply_text, customer=customer_text, customer_name=customer_name)
    _emit(result, as_json, render_assessment)


@command
def suggest(
    customer: CustomerArgument = None,
    reply: ReplyOption = None,
    n: Annotated[int, typer.Option("-n", help="How many statements (1..20).")] = 3,
    seed: Annotated[int, typer.Option(help="Picks among statements of equal fit.")] = 0,
    as_json: JsonOption = False,
) -> None:
    """Statements that fit the customer's situation; with --reply, what the reply lacks first."""
    customer_text, reply_text = read_inputs(customer, "customer message", reply, "reply")
    _emit(_suggest(customer_text, reply=reply_text, n=n, seed=seed), as_json, render_suggestions)


@command
def rewrite(
    reply: Annotated[str, typer.Argument(help=f"The agent's reply. {_TEXT_FORMS}")],
    customer: CustomerOption = None,
    as_json: JsonOption = False,
) -> None:
    """A warmer version of a reply and the edits that make it, each with its reason."""
    reply_text, customer_text = read_inputs(reply, "reply", customer, "customer message")
    _emit(_rewrite(reply_text, customer=customer_text), as_json, render_rewrite)


@command
def draft(
    customer: CustomerArgument = None,
    agent_name: Annotated[str | None, typer.Option(help="Your name, to sign the reply.")] = None,
    fact: Annotated[
        list[str] | None,
        typer.Option(
            help="A fact that fills a placeholder, as key=value (repeatable); keys: action, when, next_step.",
            metavar="KEY=VALUE",
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """A complete reply built from the customer's message, with placeholders left to fill."""
    customer_text, _ = read_inputs(customer, "customer message")
    result = _draft(customer_text, agent_name=agent_name, facts=parse_facts(fact or []))
    _emit(result, as_json, render_draft)


@command
def qa(
    exports: Annotated[
        list[Path] | None,
        typer.Argument(help="Helpdesk exports: Zendesk, Freshdesk or Intercom JSON; CSV, JSONL or Parquet rows."),
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Folder for the report and tables (created).")] = None,
    demo: Annotated[bool, typer.Option("--demo", help="Score the packaged sample (out: ./attune-qa-demo).")] = False,
    engine: Annotated[str, typer.Option(help="local (every core) or dask (needs attune\\[dask]).")] = "local",
    workers: Annotated[int | None, typer.Option(help="Worker processes \\[default: every core].")] = None,
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler address \\[default: a local cluster].")] = None,
    shape: Annotated[
        str | None, typer.Option("--format", help="zendesk, freshdesk, intercom, csv, jsonl or parquet (guessed).")
    ] = None,
    period: Annotated[str, typer.Option(help="Trends by day, week or month, or auto.")] = "auto",
    chunk_size: Annotated[int, typer.Option(help="Conversations per unit of work.")] = 32,
    title: Annotated[str | None, typer.Option(help="The report's title.")] = None,
    save: Annotated[bool, typer.Option("--save", help="Also save to attune serve's database.")] = False,
    team: Annotated[str, typer.Option("--team", help="The team --save files the conversations under.")] = "default",
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress bar.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Score every conversation of helpdesk exports: a report, per-agent scorecards, per-reply scores.

    Writes report.html (self-contained), turns/conversations/promises as Parquet and CSV, issues.csv
    (every row that could not be read, with file, line, field and reason) and summary.json to --out.
    """
    from attune.qa.commands import run_command

    run_command(
        exports or [],
        out=out,
        demo=demo,
        engine=engine,
        workers=workers,
        scheduler=scheduler,
        shape=shape,
        period=period,
        chunk_size=chunk_size,
        title=title,
        save=save,
        team=team,
        as_json=as_json,
        quiet=quiet,
    )


# ---------------------------------------------------------------------------------- output


def _emit(result: Any, as_json: bool, render: Callable[[Any], RenderableType]) -> None:
    if as_json:
        data: Any = result
        if not isinstance(result, dict):
            data = [r.to_dict() for r in result] if isinstance(result, list) else result.to_dict()
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        Console(highlight=False).print(render(result), crop=False)


# ------------------------------------------------------------ attune serve (the server extra)

db_app = typer.Typer(help="The server's database: apply migrations, show the schema revision.", no_args_is_help=True)
keys_app = typer.Typer(help="API keys of the server: create (shown once), list, revoke.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(keys_app, name="keys")


def in_group(group: typer.Typer, name: str) -> Callable[[Callable[P, None]], Callable[P, None]]:
    """Register a command of a sub-group (``attune db upgrade``), with the same error mapping."""
    return functools.partial(command, name=name, on=group)


def _server() -> Any:
    try:
        from attune.server import commands
    except ImportError as exc:
        raise UsageError(
            f"this command needs the server extra ({exc.name} is missing): pip install 'attune[server]'"
        ) from None
    return commands


@command
def serve(
    host: Annotated[str | None, typer.Option(help="Address to listen on [default: ATTUNE_HOST or 127.0.0.1].")] = None,
    port: Annotated[int | None, typer.Option(help="Port [default: ATTUNE_PORT or 8000].")] = None,
    demo: Annotated[bool, typer.Option("--demo", help="Create a demo team, sample data and a key to print.")] = False,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Uvicorn worker processes.")] = 1,
    migrate: Annotated[bool, typer.Option(help="Apply pending migrations at start.")] = True,
    log_level: Annotated[str, typer.Option(help="debug, info, warning or error.")] = "info",
) -> None:
    """Run the REST API, helpdesk webhooks and the live coach (needs attune[server]).

    The database is ATTUNE_DATABASE_URL (a SQLite file attune.db by default; its path is printed).
    """
    _server().serve(host=host, port=port, demo=demo, workers=workers, migrate=migrate, log_level=log_level)


@in_group(db_app, "upgrade")
def db_upgrade(as_json: JsonOption = False) -> None:
    """Apply the database migrations of this attune (ATTUNE_DATABASE_URL)."""
    result = _server().db_upgrade()
    _emit(result, as_json, lambda r: Text(f"{r['database']}: schema {r['from']} -> {r['to']}"))


@in_group(db_app, "status")
def db_status(as_json: JsonOption = False) -> None:
    """Show the database's schema revision against this attune's."""
    result = _server().db_status()
    _emit(result, as_json, lambda r: Text(f"{r['database']}: {r['state']} (at {r['revision']}, code at {r['head']})"))


TeamOption = Annotated[str, typer.Option("--team", help="The team's name.")]


@in_group(keys_app, "create")
def keys_create(
    team: TeamOption,
    role: Annotated[str, typer.Option("--role", help="agent, lead or admin.")] = "agent",
    name: Annotated[str, typer.Option("--name", help="A note on who or what uses the key.")] = "",
    as_json: JsonOption = False,
) -> None:
    """Create an API key (the team is created when new); the key is shown only this once."""
    result = _server().keys_create(team, role, name)
    if as_json:
        typer.echo(json.dumps({k: result[k] for k in ("key", "id", "team", "role")}))
    else:
        typer.echo(result["key"])
        typer.echo(
            f"key {result['id']} of team {result['team']} with role {result['role']}; store it now, it is "
            "not shown again",
            err=True,
        )


@in_group(keys_app, "list")
def keys_list(team: TeamOption, as_json: JsonOption = False) -> None:
    """List a team's keys (their prefixes, never the keys)."""
    rows = _server().keys_list(team)
    if as_json:
        typer.echo(json.dumps(rows, indent=2))
        return
    for r in rows:
        typer.echo(f"{r['id']}\t{r['prefix']}…\t{r['role']}\t{'revoked' if r['revoked'] else 'active'}\t{r['name']}")


@in_group(keys_app, "revoke")
def keys_revoke(team: TeamOption, key_id: Annotated[int, typer.Argument(help="The key's id.")]) -> None:
    """Revoke a key; servers stop accepting it within 30 seconds."""
    _server().keys_revoke(team, key_id)
    typer.echo(f"revoked key {key_id} of team {team}")


def main() -> None:
    """Run the ``attune`` command line."""
    app(prog_name="attune")


if __name__ == "__main__":  # pragma: no cover
    main()
