"""The ``argmap`` command line: parses options and calls the library.

Every command reads the bundled NEP corpus unless told otherwise (``--corpus DIR``), and
accepts thesis ids or paths of thesis files. Exit codes: 0 success, 1 invalid data or a
failed check, 2 usage error, 3 internal error (run with ``--debug`` for a traceback).
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

import click

from argmap import __version__
from argmap.diagnostics import ArgmapError, Diagnostic, Diagnostics
# Text from the user's files is data: no escape sequence of it may reach the terminal (re only, no graphviz).
from argmap.render.escape import terminal, terminal_text

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class ArgmapGroup(click.Group):
    """A group that turns unexpected exceptions into a one-line message instead of a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, BrokenPipeError):
            raise
        except OSError as exc:  # a read-only target, a full disk, a folder where a file should be...
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"argmap: {_os_error(exc)}", err=True)
            ctx.exit(1)
        except ArgmapError as exc:
            _print_diagnostics(exc.diagnostics, err=True)
            click.echo("argmap: the data has errors; fix them (see `argmap validate`) and run again.", err=True)
            ctx.exit(1)
        except Exception as exc:  # noqa: BLE001 - the last line of defence against tracebacks
            if ctx.obj and ctx.obj.get("debug"):
                raise
            if isinstance(exc, RuntimeError) and "Symlink loop" in str(exc):  # Path.resolve() on a link to itself
                click.echo(f"argmap: {terminal(exc)}: too many levels of symbolic links; fix or remove the link",
                           err=True)
                ctx.exit(1)
            if isinstance(exc, UnicodeEncodeError) and "surrogates not allowed" in str(exc):
                click.echo("argmap: a name or text given on the command line is not valid UTF-8 "
                           "(a file name in another encoding?); rename it or give it in UTF-8", err=True)
                ctx.exit(2)
            click.echo(f"argmap: internal error: {type(exc).__name__}: {exc}", err=True)
            click.echo("Run again with --debug for the traceback, and please report it.", err=True)
            ctx.exit(3)


@click.group(cls=ArgmapGroup, context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="argmap")
@click.option("--debug", is_flag=True, help="Show a Python traceback on internal errors.")
@click.pass_context
def cli(ctx, debug):
    """Map and compare historians' causal arguments.

    Each author's thesis is a YAML file of claims, causal links, rejected views and
    verbatim evidence. With no paths, commands use the bundled corpus: five accounts of
    why the Soviet New Economic Policy ended in 1928-29.
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def corpus_option(func):
    return click.option(
        "--corpus", "corpus_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
        default=None, help="Corpus folder (a factors.yaml and thesis files). Default: the bundled corpus.",
    )(func)


def _os_error(exc: OSError) -> str:
    """One line naming the path and the OS's reason."""
    from argmap.render.output import OutputError

    if isinstance(exc, OutputError):
        return str(exc)
    reason = exc.strerror or str(exc)
    return f"{exc.filename}: {reason}" if exc.filename else reason


def _styled(diag) -> str:
    colour = "red" if diag.is_error else "yellow"
    head = f"{terminal(diag.file)}:{diag.line}:{diag.col}: " + click.style(diag.severity, fg=colour, bold=True)
    text = f"{head}: {terminal(diag.message)}"
    return f"{text}\n    {click.style(terminal(diag.hint), dim=True)}" if diag.hint else text


def _print_diagnostics(diagnostics, err=False) -> None:
    for diag in sorted(set(diagnostics), key=Diagnostic.sort_key):
        click.echo(_styled(diag), err=err)


def load(corpus_dir: Path | None):
    """The corpus, or exit 1 with its errors shown."""
    return _load_for_good([corpus_dir] if corpus_dir else None)


def _load_for_good(*args):
    """``load_corpus(*args)`` for a command, whose corpus then lives to the end of the process.

    What loading built is moved to the collector's permanent generation (``gc.freeze``)
    before the collector runs again: else its first run walks every object just loaded
    (half a second at 400 theses), and later runs walk them again and again, for nothing.
    """
    import gc

    from argmap.collector import paused_collector
    from argmap.loader import load_corpus

    with paused_collector():
        try:
            return load_corpus(*args)
        finally:
            gc.freeze()


def _engine_errors(func):
    """Turn a missing or failing Graphviz into a clear message and exit 1."""
    import functools

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        from argmap.render.engine import EngineError

        try:
            return func(*args, **kwargs)
        except EngineError as exc:
            raise click.ClickException(str(exc)) from None
    return wrapper


DIAGRAM_SUFFIXES = (".svg", ".png", ".pdf", ".dot", ".gv")


def _input_files(corpus) -> set[Path]:
    """The corpus's own files, which no output may overwrite."""
    from argmap.loader import corpus_files

    files = {Path(t.path).resolve() for t in corpus.theses.values()}
    if corpus.taxonomy.path:
        files.add(Path(corpus.taxonomy.path).resolve())
    # A partly loaded corpus (render of one thesis) must still protect its other files.
    if corpus.directory and Path(corpus.directory).is_dir():
        files.update(p.resolve() for p in corpus_files(Path(corpus.directory)))
    return files


def _check_output(output: Path, corpus, sources: Path | None = None) -> None:
    """Refuse an output that would overwrite an input: a corpus file, or a file in the --sources folder."""
    target = output.resolve()
    if target in _input_files(corpus) or (sources is not None and target.parent == sources.resolve()
                                          and (target.exists() or target.is_symlink())):
        raise click.UsageError(f"{output} is an input file; choose another output name")


# --- validate ----------------------------------------------------------------------------

@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@corpus_option
@click.option("--sources", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder of source texts: check every quote verbatim against its thesis's source file.")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format.")
def validate(paths, corpus_dir, sources, strict, fmt):
    """Check theses and taxonomy; report every problem with file:line:col.

    PATHS are thesis files or corpus folders (default: the bundled corpus). A thesis file
    outside a corpus folder is checked against the factors.yaml beside it, else the
    --corpus taxonomy, else the bundled one. Exit 0 when valid, 1 when not.
    """
    from argmap.loader import TAXONOMY_FILE

    diags = Diagnostics()
    taxonomy = corpus_dir / TAXONOMY_FILE if corpus_dir else None
    corpus = _load_for_good(list(paths) or ([corpus_dir] if corpus_dir else None), diags, taxonomy)
    checked = None
    if sources is not None:
        from argmap.quotes import verify_quotes

        checked = verify_quotes(corpus, sources, diags)
    ordered = diags.sorted()
    errors = sum(d.is_error for d in ordered)
    warnings = len(ordered) - errors
    failed = errors > 0 or (strict and warnings > 0)
    theses = list(corpus.theses.values())
    summary = {
        "theses": len(theses),
        "claims": sum(len(t.claims) for t in theses),
        "links": sum(len(t.links) for t in theses),
        "rejects": sum(len(t.rejects) for t in theses),
        "quotes": sum(1 for t in theses for _ in t.evidence()),
        "quotes_verified": checked,
    }
    if fmt == "json":
        import json

        click.echo(json.dumps({"valid": not failed, "errors": errors, "warnings": warnings, **summary,
                               "diagnostics": [d.as_dict() for d in ordered]}, indent=2))
    else:
        _print_diagnostics(ordered)
        counts = (f"{summary['theses']} theses, {summary['claims']} claims, {summary['links']} links, "
                  f"{summary['rejects']} rejected views, {summary['quotes']} quotes")
        if checked is not None:
            counts += f" ({checked} checked against {sources})"
        verdict = click.style("invalid" if failed else "valid", fg="red" if failed else "green", bold=True)
        click.echo(f"{verdict}: {counts}; {errors} error(s), {warnings} warning(s)")
    sys.exit(1 if failed else 0)


# --- schema, new, list -----------------------------------------------------------------

@cli.command()
def schema():
    """Print the JSON Schema of the format (for editors and tools)."""
    import json

    from argmap.format import json_schema

    click.echo(json.dumps(json_schema(), indent=2))


@cli.command()
@click.argument("thesis_id")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write. Default: THESIS_ID.yaml in the current folder.")
@corpus_option
def new(thesis_id, output, corpus_dir):
    """Write a commented skeleton thesis; never overwrites a file."""
    import re

    from argmap.format import ID_PATTERN, TAXONOMY, check_record
    from argmap.loader import TAXONOMY_FILE, build_taxonomy, bundled_corpus_dir, display_path, read_document
    from argmap.skeleton import skeleton

    if not re.fullmatch(ID_PATTERN, thesis_id):  # `$` alone would accept a final newline
        raise click.BadParameter("use lower case letters, digits and _, starting with a letter",
                                 param_hint="THESIS_ID")
    # With --corpus the thesis belongs in that folder, beside the taxonomy it is checked against.
    output = output or (corpus_dir or Path()) / f"{thesis_id}.yaml"
    if output.exists():
        raise click.ClickException(f"{output} already exists; argmap new never overwrites a file. "
                                   "Choose another name with -o.")
    diags = Diagnostics()
    taxonomy_file = (corpus_dir or bundled_corpus_dir()) / TAXONOMY_FILE
    if not taxonomy_file.is_file():
        raise click.ClickException(f"no {TAXONOMY_FILE} in {corpus_dir}: start the debate with "
                                   f"`argmap init {corpus_dir}` first")
    document = read_document(taxonomy_file, diags)
    clean = check_record(document, TAXONOMY, document.loc, diags) if document is not None else None
    taxonomy = build_taxonomy(clean, str(taxonomy_file), diags) if clean else None
    if taxonomy is None or not taxonomy.outcome:
        raise ArgmapError(diags.sorted() or [Diagnostic(str(taxonomy_file), 1, 1, "error", "no-outcome",
                                                        "the taxonomy declares no outcome")])
    outcome = taxonomy.outcome
    factor = next((f.id for f in taxonomy.factors.values() if f.id != outcome), outcome)
    schema_ref = _schema_ref(output.resolve().parent)
    from argmap.render.output import write_file

    try:  # atomic, and never over an existing file (even one created meanwhile)
        write_file(output, skeleton(thesis_id, outcome, factor, schema_ref), overwrite=False)
    except OSError as exc:
        if exc.errno != errno.EEXIST:
            raise
        raise click.ClickException(f"{output} already exists; argmap new never overwrites a file.") from None
    if corpus_dir and output.parent.resolve() == corpus_dir.resolve():
        check = f"argmap validate {corpus_dir}"
    else:  # outside its corpus folder, a thesis is checked against the taxonomy named with --corpus
        check = f"argmap validate {output} --corpus {display_path(corpus_dir or bundled_corpus_dir())}"
    click.echo(f"wrote {output}; fill it in, then run: {check}")


@cli.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--question", default="Why did it happen?", show_default=True,
              help="The question the debate argues about, e.g. \"Why did the Western Roman Empire fall?\"")
def init(folder, question):
    """Start a new debate in FOLDER: a commented factors.yaml and a sources/ folder.

    The taxonomy validates as it stands; rename its outcome, categories and factors to
    your debate's, then write a thesis per author with `argmap new ID --corpus FOLDER`.
    Never writes into a folder that already has files.
    """
    from argmap.loader import TAXONOMY_FILE
    from argmap.skeleton import SOURCES_README, taxonomy_skeleton

    question = " ".join(question.split())
    if not question:
        raise click.BadParameter("give the debate's question", param_hint="--question")
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise click.ClickException(f"{folder} already exists and is not empty; argmap init never writes "
                                   "over files. Choose a new folder.")
    from argmap.render.output import write_file

    try:  # whole files, never over an existing one
        (folder / "sources").mkdir(parents=True, exist_ok=True)
        write_file(folder / TAXONOMY_FILE, taxonomy_skeleton(question, str(folder), _schema_ref(folder)),
                   overwrite=False)
        write_file(folder / "sources" / "README.md", SOURCES_README, overwrite=False)
    except OSError as exc:
        if exc.errno != errno.EEXIST:
            raise
        raise click.ClickException(f"{exc.filename or folder} already exists; argmap init never overwrites a file.") \
            from None
    click.echo(f"started a debate in {folder}: {folder / TAXONOMY_FILE} and {folder / 'sources'}/")
    click.echo("Next: edit the taxonomy, add texts with `argmap source add FILE --sources "
               f"{folder / 'sources'}`, then `argmap new ID --corpus {folder} -o {folder / 'ID.yaml'}`.")


def _schema_ref(folder: Path) -> str:
    """The JSON Schema's path as seen from ``folder``, for the editor modeline."""
    schema_file = Path(__import__("argmap").__file__).resolve().parent / "argmap.schema.json"
    try:
        return os.path.relpath(schema_file, folder.resolve())
    except ValueError:  # another drive on Windows
        return schema_file.as_uri()


@cli.command(name="list")
@corpus_option
@click.option("--factors", "show_factors", is_flag=True, help="List the taxonomy's factors instead.")
@click.option("--questions", "show_questions", is_flag=True,
              help="List the debate's contested questions, their answers and which author answers what.")
def list_(corpus_dir, show_factors, show_questions):
    """Summarise the corpus (or, with --factors, its taxonomy; with --questions, its contested questions)."""
    import textwrap

    corpus = load(corpus_dir)
    if show_factors and show_questions:
        raise click.UsageError("give --factors or --questions, not both")
    if show_questions:
        from argmap.render.questions import questions_text

        click.echo(questions_text(corpus.taxonomy, corpus.theses.values()), nl=False)
        return
    if show_factors:
        taxonomy = corpus.taxonomy
        for category in taxonomy.categories.values():
            click.echo(click.style(f"{terminal(category.label)} ({category.id})", bold=True))
            for factor in taxonomy.factors.values():
                if factor.category == category.id:
                    period = f" [{terminal(factor.period)}]" if factor.period else ""
                    click.echo(f"  {factor.id:28} {terminal(factor.label)}{period}")
        return
    click.echo(click.style(terminal(corpus.taxonomy.debate), bold=True))
    rows = [("id", "author", "claims", "links", "rejects", "quotes", "scope")]
    for t in corpus.theses.values():
        rows.append((t.id, terminal(t.author), str(len(t.claims)), str(len(t.links)), str(len(t.rejects)),
                     str(sum(1 for _ in t.evidence())), textwrap.shorten(terminal(t.scope), 60, placeholder="\u2026")))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    for i, row in enumerate(rows):
        line = "  ".join(cell.ljust(w) if j < 2 else cell.rjust(w) for j, (cell, w) in enumerate(zip(row, widths)))
        click.echo((click.style(line, bold=True) if i == 0 else line) + "  " + row[-1])


# --- diff, compare ------------------------------------------------------------------------

def _theses(corpus, refs):
    """The theses ``refs`` name, or a usage error listing the ids there are."""
    from argmap.loader import bundled_corpus_dir, find_theses

    try:
        return find_theses(refs, corpus)
    except LookupError as exc:
        hint = ""
        if Path(corpus.directory or ".").resolve() == bundled_corpus_dir().resolve():
            hint = " - that is the bundled corpus: for your own, pass --corpus DIR or name the thesis files"
        raise click.UsageError(f"{exc}{hint}") from None


def _corpus_of(corpus_dir: Path | None, refs) -> Path | None:
    """--corpus, else the folder of the first thesis named by its file (with factors.yaml beside
    it, as `argmap validate FILE` reads it), else None for the bundled corpus."""
    from argmap.loader import TAXONOMY_FILE, YAML_SUFFIXES

    if corpus_dir is not None:
        return corpus_dir
    for ref in refs:
        path = Path(ref)
        if path.suffix in YAML_SUFFIXES and path.is_file() and (path.parent / TAXONOMY_FILE).is_file():
            return path.parent
    return None


def _study(corpus, refs=(), include_inferred: bool = False, each_once: bool = False):
    """The analysis of the theses ``refs`` name (default: all), computed as asked and kept.

    ``each_once``: a list of theses (compare, report, render --all) may not name one twice."""
    from argmap.study import Study

    ids = [t.id for t in _theses(corpus, refs)] if refs else None
    repeated = sorted({i for i in ids if ids.count(i) > 1}) if each_once and ids else []
    if repeated:
        raise click.UsageError(f"thesis {', '.join(repeated)} is named more than once; name each thesis once")
    return Study(corpus, ids, include_inferred)


def inferred_option(func):
    return click.option(
        "--include-inferred", is_flag=True,
        help="Count links we inferred (not stated by the author) too; every item resting on one is marked.",
    )(func)


def write_output(text: str, output: Path | None, corpus=None, sources: Path | None = None) -> None:
    """Print ``text``, or write it to ``output`` (refusing to overwrite an input file)."""
    if output is None:
        if sys.stdout.isatty():  # a terminal, not a pipe: whatever the format, no escape sequence from the data
            text = terminal_text(text)
        click.echo(text, nl=False)
        return
    from argmap.render.output import write_file

    if corpus is not None:
        _check_output(output, corpus, sources)
    write_file(output, text)  # atomic: a temporary file beside it, renamed into place
    click.echo(f"wrote {output}", err=True)


def _format_from(fmt, output, default="text"):
    """An explicit --format wins; otherwise the output file's extension decides."""
    if fmt:
        return fmt
    suffix = output.suffix.lower().lstrip(".") if output else ""
    return {"md": "md", "markdown": "md", "json": "json", "csv": "csv", "txt": "text"}.get(suffix, suffix or default)


@_engine_errors
def _draw_diff(result, corpus, output, full=False, slide=False, handout=False):
    from argmap.compare import one_line
    from argmap.render import diagrams, engine

    _check_output(output, corpus)
    tax = corpus.taxonomy
    if handout:
        if output.suffix.lower() != ".pdf":
            raise click.UsageError("a handout is a PDF: give -o FILE.pdf")
        dot = diagrams.handout_map(result, tax, tax.outcome)
    else:
        dot = diagrams.diff_map(result, tax, tax.outcome, full=full, look=diagrams.SLIDE if slide else diagrams.PAGE)
        if slide:
            diagrams.slide(dot)
    engine.write(dot.source, output, slide=slide)
    click.echo(terminal(one_line(result)))
    click.echo(f"wrote {output}")


@cli.command()
@click.argument("a")
@click.argument("b")
@corpus_option
@click.option("--format", "fmt", type=click.Choice(["text", "md", "json"]),
              help="Output format. Default: from the -o extension, else text.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to FILE instead of the terminal: .txt, .md, .json, or a diagram (.svg, .png, .pdf, .dot).")
@inferred_option
@click.option("--full", is_flag=True, help="Show everything: in text, every item with its evidence (default: the "
              "summary, the conflicts with their evidence, one line per other item); in a diagram, every point "
              "(default: the shared ones, the conflicts and their neighbours; the rest faded).")
@click.option("--slide", is_flag=True, help="Diagram: 16:9 slide size with large type, for a classroom.")
@click.option("--handout", is_flag=True, help="With -o FILE.pdf: a printable page, the focused diagram with the "
                                              "summary lines.")
def diff(a, b, corpus_dir, fmt, output, include_inferred, full, slide, handout):
    """Where two authors agree, differ and conflict, with the evidence on each side.

    A and B are thesis ids or paths. The text leads with a summary: conflicts per type and
    the questions the two answer differently. Silence is never a conflict: what only one
    author discusses is listed as theirs alone.
    """
    corpus = load(_corpus_of(corpus_dir, (a, b)))
    study = _study(corpus, [a, b], include_inferred)
    result = study.diff(*study.ids)
    if output is not None and output.suffix.lower() in DIAGRAM_SUFFIXES and not fmt:
        _draw_diff(result, corpus, output, full, slide, handout)
        return
    if slide or handout:
        raise click.UsageError("--slide and --handout draw a diagram: give -o FILE.svg, .png or .pdf")
    fmt = _format_from(fmt, output)
    if fmt not in ("text", "md", "json"):
        raise click.UsageError(f"cannot write a diff as .{fmt}; use .txt, .md or .json")
    if fmt == "json":
        import json

        text = json.dumps(result.as_dict(), indent=2, ensure_ascii=False) + "\n"
    else:
        from argmap.render.text import diff_markdown, diff_text

        text = diff_markdown(result) if fmt == "md" else diff_text(result, colour=output is None and _tty(),
                                                                   full=full or output is not None,
                                                                   width=_width() if output is None else 100)
    write_output(text, output, corpus)


def _tty() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _width() -> int:
    """The terminal's width for wrapping text, between 60 and 120 columns."""
    import shutil

    return max(60, min(shutil.get_terminal_size((100, 24)).columns, 120))


@cli.command()
@click.argument("ids", nargs=-1)
@corpus_option
@click.option("--format", "fmt", type=click.Choice(["text", "md", "json", "csv"]),
              help="Output format (csv: the factor x author matrix). Default: from -o, else text.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to FILE instead of the terminal (.txt, .md, .json, .csv).")
@inferred_option
@click.option("--pair-lists", is_flag=True,
              help="JSON: list every conflicting pair under each contested point (grows as the square of the "
                   "number of authors; by default only their count).")
@click.option("--indent", type=click.IntRange(0, 8), default=None,
              help="JSON: indent by N spaces (default: compact, one line).")
def compare(ids, corpus_dir, fmt, output, include_inferred, pair_lists, indent):
    """Compare many authors: the factor and question x author tables, agreement, consensus, contested points.

    IDS are thesis ids or paths (default: the whole corpus).
    """
    corpus = load(_corpus_of(corpus_dir, ids))
    study = _study(corpus, ids, include_inferred, each_once=True)
    if len(study.ids) < 2:
        raise click.UsageError("compare needs at least two theses")
    fmt = _format_from(fmt, output)
    if fmt not in ("text", "md", "json", "csv"):
        raise click.UsageError(f"cannot write a comparison as .{fmt}; use .txt, .md, .json or .csv")
    result = study.comparison(pair_lists=pair_lists and fmt == "json")
    from argmap.render.text import compare_markdown, compare_text, matrix_csv

    if fmt == "json":
        import json

        separators = None if indent is not None else (",", ":")
        text = json.dumps(result.as_dict(), indent=indent, separators=separators, ensure_ascii=False) + "\n"
    elif fmt == "csv":
        text = matrix_csv(result)
    elif fmt == "md":
        text = compare_markdown(result)
    else:
        text = compare_text(result, colour=output is None and _tty())
    write_output(text, output, corpus)


# --- coverage ----------------------------------------------------------------------------

@cli.command()
@click.argument("thesis_id")
@corpus_option
@click.option("--sources", type=click.Path(exists=True, file_okay=False, path_type=Path), required=True,
              help="Folder of source texts (the thesis's source.file is read from it).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]),
              help="Output format. Default: from the -o extension, else text.")
@click.option("--gaps", "gaps_only", is_flag=True, help="Text output: show only the long unquoted stretches.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to FILE (.txt, .json or .html) instead of the terminal.")
def coverage(thesis_id, corpus_dir, sources, fmt, gaps_only, output):
    """Show which passages of the source text the thesis quotes, and the long stretches nothing quotes.

    Paragraph by paragraph (one line of the prepared text each): how much is quoted and by
    which claim, link, rejected view or position. Omissions hide in the unquoted stretches,
    so a reader checking an encoding starts there.
    """
    from argmap.coverage import coverage as thesis_coverage
    from argmap.loader import load_thesis
    from argmap.quotes import SourceUnavailable, open_source

    corpus = load_thesis(thesis_id, _corpus_of(corpus_dir, [thesis_id]))
    (thesis,) = _theses(corpus, [thesis_id])
    try:
        source = open_source(sources, thesis.source_file)
    except SourceUnavailable as exc:
        raise click.UsageError(terminal(f"{thesis.source_loc}: {exc.message}; {exc.hint}")) from None
    result = thesis_coverage(thesis, source)
    fmt = _format_from(fmt, output)
    if fmt not in ("text", "json", "html"):
        raise click.UsageError(f"cannot write coverage as .{fmt}; use .txt, .json or .html")
    from argmap.render.coverage import coverage_html, coverage_text

    if fmt == "json":
        import json

        text = json.dumps(result.as_dict(), indent=2, ensure_ascii=False) + "\n"
    elif fmt == "html":
        text = coverage_html(result)
    else:
        text = coverage_text(result, colour=output is None and _tty(), gaps_only=gaps_only)
    write_output(text, output, corpus, sources)


# --- sources -----------------------------------------------------------------------------

@cli.group()
def source():
    """Prepare source texts for quote checking."""


@source.command(name="add")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--sources", "folder", type=click.Path(file_okay=False, path_type=Path), default=Path("sources"),
              show_default=True, help="Folder of prepared source texts to add it to.")
@click.option("--name", help="File name for the prepared text (default: FILE's name with .txt).")
@click.option("--format", "fmt", type=click.Choice(["html", "markdown", "pdf", "text"]),
              help="Read FILE as this format. Default: from its extension.")
def source_add(file, folder, name, fmt):
    """Turn a saved web page, Markdown, PDF or wrapped text into a prepared source text.

    Writes SOURCES/NAME.txt with one paragraph per line (markup removed, words untouched),
    which is what quotes are checked against: quote the author from it and give its line
    numbers as locators. Beside it, NAME.origin.json records the original file and its
    checksum. Never overwrites a file.
    """
    from argmap.sources import SourceFormatError, prepare

    target_name = name or (Path(file.name).stem + ".txt")
    if Path(target_name).name != target_name or target_name.startswith(".") or not target_name.isprintable():
        raise click.BadParameter("give a plain file name, without folders or control characters", param_hint="--name")
    if not target_name.endswith(".txt"):
        target_name += ".txt"
    target = folder / target_name
    record = folder / (target_name[:-4] + ".origin.json")
    for path in (target, record):
        if path.exists() or path.is_symlink():
            raise click.ClickException(f"{path} already exists; argmap never overwrites a source. "
                                       "Remove it first or choose another --name.")
    from argmap.safeio import ReadRefused, read_limited

    try:  # a regular file only: a FIFO would block for ever, a device never end
        data = read_limited(file, 50 * 1024 * 1024)
        prepared = prepare(data, file.name, fmt)
    except SourceFormatError as exc:
        raise click.ClickException(f"{file}: {exc}") from None
    except ReadRefused as exc:
        raise click.ClickException(f"{file}: {exc.message}") from None
    import json

    from argmap.render.output import write_file

    # Whole files or nothing, and never over an existing one (a FileExistsError is reported as such).
    write_file(target, prepared.text, overwrite=False)
    write_file(record, json.dumps(prepared.record(), indent=2, ensure_ascii=False) + "\n", overwrite=False)
    click.echo(f"wrote {target}: {len(prepared.paragraphs)} paragraphs from {file.name} ({prepared.converter})")
    from argmap.loader import TAXONOMY_FILE

    # The quotes of a corpus are checked against its sources: name the corpus, or the bundled one is checked.
    corpus = folder.parent if (folder.parent / TAXONOMY_FILE).is_file() else "CORPUS_DIR"
    click.echo(f"Name it in a thesis as `source: {{file: {target_name}}}` and check quotes with "
               f"`argmap validate {corpus} --sources {folder}`.")




# --- diagrams ----------------------------------------------------------------------------

@cli.command()
@click.argument("ids", nargs=-1)
@corpus_option
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="Diagram file (.svg, .png, .pdf, .dot); with --all, a folder.")
@click.option("--all", "all_", is_flag=True,
              help="Draw the whole debate into the -o folder: every thesis, aligned small multiples, "
                   "the consensus map, the factor x author matrix and the questions.")
@click.option("--format", "fmt", type=click.Choice(["svg", "png", "pdf", "dot"]), default="svg", show_default=True,
              help="With --all: the format of the files written.")
@click.option("--direction", type=click.Choice(["LR", "TB"]), default="LR", show_default=True,
              help="Causes to the left of the outcome (LR) or above it (TB).")
@click.option("--slide", is_flag=True, help="16:9 slide size with large type and claim titles only, for a classroom.")
@click.option("--one-author-links", is_flag=True,
              help="With --all: also draw, in the consensus map, the links only one author draws.")
@_engine_errors
def render(ids, corpus_dir, output, all_, fmt, direction, slide, one_author_links):
    """Draw a thesis as a causal map, or with --all the whole debate.

    The format follows the -o extension: svg (with tooltips carrying the quotes), png,
    pdf or dot. For one thesis whose file is named after its id, only that file and the
    taxonomy are read and checked; `argmap validate` checks the rest of the corpus.
    """
    if all_:
        from argmap.render.overview import write_overview

        corpus = load(_corpus_of(corpus_dir, ids))
        profiles = _study(corpus, ids, each_once=True).profiles
        for path in write_overview(profiles, corpus.taxonomy, output, fmt, direction, slide=slide,
                                   one_author_links=one_author_links):
            click.echo(f"wrote {path}")
        return
    if len(ids) != 1:
        raise click.UsageError("give one thesis id (or --all for the whole debate)")
    from argmap.graphs import plain_thesis_graph  # drawing one thesis needs no networkx
    from argmap.loader import load_thesis
    from argmap.render import diagrams, engine

    corpus = load_thesis(ids[0], _corpus_of(corpus_dir, ids))
    (thesis,) = _theses(corpus, ids)  # a map needs no comparison profile
    _check_output(output, corpus)
    dot = diagrams.thesis_map(plain_thesis_graph(thesis, corpus.taxonomy), corpus.taxonomy, thesis, direction,
                              look=diagrams.SLIDE if slide else diagrams.PAGE)
    if slide:
        diagrams.slide(dot)
    engine.write(dot.source, output, slide=slide)
    click.echo(f"wrote {output}")


# --- debate ------------------------------------------------------------------------------

@cli.command()
@click.argument("a", required=False)
@click.option("--against", "b", metavar="B", help="The author to argue against.")
@click.option("--motion", metavar="FACTOR",
              help="Instead of A against B: split all authors over the motion that FACTOR caused the outcome.")
@click.option("--main-cause", is_flag=True,
              help="With --motion: the motion is that FACTOR was the main cause, not merely one cause.")
@click.option("--full", is_flag=True, help="The complete brief: every point, quote and weak spot.")
@corpus_option
@click.option("--format", "fmt", type=click.Choice(["md", "html"]),
              help="Output format. Default: from the -o extension, else md.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to FILE (.md or .html) instead of the terminal.")
@inferred_option
def debate(a, b, motion, main_cause, full, corpus_dir, fmt, output, include_inferred):
    """Prepare a debate brief: argmap debate A --against B, or argmap debate --motion FACTOR.

    Built only from the encoded theses. It opens with a one-page summary (A's three
    strongest points, B's three and how A answers each, the questions that decide the
    round, the weak spots that matter), then the detail: the two theses, the cruxes, B's
    points A never addresses, common ground, weak spots and questions to put to B.
    --full gives every point and quote.
    """
    from argmap.debate import motion_brief, motion_factors
    from argmap.diagnostics import did_you_mean
    from argmap.render.brief import brief_blocks, motion_blocks, to_html, to_markdown

    corpus = load(_corpus_of(corpus_dir, [r for r in (a, b) if r]))
    fmt = fmt or ("html" if output is not None and output.suffix.lower() in (".html", ".htm") else "md")
    study = _study(corpus, (), include_inferred)
    profs = study.profiles
    if main_cause and not motion:
        raise click.UsageError("--main-cause goes with --motion FACTOR")
    if motion:
        if a or b:
            raise click.UsageError("--motion briefs all authors; give no A or --against with it")
        valid = motion_factors(corpus.taxonomy, corpus.theses.values())
        if motion not in valid:
            if motion in corpus.taxonomy.factors:
                why = f"`{motion}` is what the debate explains, not a cause: a motion names a cause of it"
            else:
                hint = did_you_mean(motion, valid)
                why = f"unknown factor `{motion}`" + (f"; {hint}" if hint else "")
            raise click.UsageError(f"{why}. Valid factors: {', '.join(valid)}")
        data = motion_brief(motion, profs, corpus.taxonomy, main=main_cause)
        blocks, title = motion_blocks(data), f"Motion: {data['motion']}"
    else:
        if not a or not b:
            raise click.UsageError("give A and --against B, or --motion FACTOR")
        pa, pb = (study.profile(t.id) for t in _theses(corpus, [a, b]))
        data = study.brief(pa.id, pb.id)
        names = {p.id: p.thesis.name for p in profs}
        blocks, title = brief_blocks(data, names, full=full), f"{pa.thesis.name} against {pb.thesis.name}"
    text = to_html(blocks, title) if fmt == "html" else to_markdown(blocks)
    write_output(text, output, corpus)


# --- report ------------------------------------------------------------------------------

@cli.command()
@click.argument("ids", nargs=-1)
@corpus_option
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=Path("report"),
              show_default=True, help="Folder to write the site into.")
@click.option("--sources", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder of source texts: each thesis page then links to its quote coverage.")
@inferred_option
@_engine_errors
def report(ids, corpus_dir, output, sources, include_inferred):
    """Build the comparison report: a static site to open in a browser.

    An overview (aligned small multiples, the factor x author matrix, agreement, the most
    contested points), a page per thesis with a clickable causal map, a page per pair of
    authors, and a debate brief for every ordered pair. Self-contained: it works offline
    from file:// and can be zipped and shared. IDS limit it to some theses.
    """
    from argmap.render.report import Report, check_folder

    corpus = load(_corpus_of(corpus_dir, ids))
    study = _study(corpus, ids, include_inferred, each_once=True)
    profiles = study.profiles
    if len(profiles) < 2:
        raise click.UsageError("a report needs at least two theses")
    try:
        check_folder(output, _input_files(corpus))
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    from argmap.render.engine import EngineError

    coverages = _coverages(corpus, profiles, sources) if sources is not None else None
    site = Report(study, output, coverages=coverages)
    existed = output.exists()
    try:
        if sys.stderr.isatty():
            with click.progressbar(length=site.steps, label="Building the report", file=sys.stderr) as bar:
                site.progress = bar.update
                index = site.build()
        else:
            index = site.build()
    except (OSError, EngineError) as exc:
        kept = f"the previous report in {output} is unchanged" if existed else "no report was written"
        message = _os_error(exc) if isinstance(exc, OSError) else str(exc)
        raise click.ClickException(f"{message}; {kept}") from None
    click.echo(f"Report written to {output}/ ({len(site.pages)} pages).")
    click.echo(f"Open it in a browser: {index.resolve().as_uri()}")


def _coverages(corpus, profiles, sources: Path) -> dict:
    """Quote coverage of each thesis whose source text is in ``sources``; a note for the others."""
    from argmap.coverage import coverage as thesis_coverage
    from argmap.quotes import SourceUnavailable, open_source

    out = {}
    for p in profiles:
        thesis = p.thesis
        try:
            source = open_source(sources, thesis.source_file)
        except SourceUnavailable as exc:
            where = thesis.source_loc
            click.echo(terminal(f"{where}: {exc.message}; no coverage page for {thesis.name}"), err=True)
            continue
        out[p.id] = thesis_coverage(thesis, source)
    return out


def main():
    """Console-script entry point."""
    import gc

    try:
        cli(obj={})
    except BrokenPipeError:  # e.g. `argmap list | head`: the reader left, which is fine
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
    finally:
        # The process ends here: spare the collector a last walk over everything still alive
        # (a sixth of `argmap validate`); the memory goes back to the system all the same.
        gc.freeze()


if __name__ == "__main__":
    main()
