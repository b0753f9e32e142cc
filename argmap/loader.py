"""Loading argmap files and corpora into the validated model.

``load_corpus`` is the main entry point: it reads a taxonomy and theses, checks them
(:mod:`argmap.checks`) and returns the :class:`~argmap.model.Corpus` together with every
diagnostic found, in all files, in one pass. Nothing here prints or exits.
"""

from __future__ import annotations

import os
from pathlib import Path

from . import checks
from .collector import paused_collector
from .diagnostics import ArgmapError, Diagnostics, Loc, did_you_mean
from .format import DEFAULT_ANSWERS, TAXONOMY, THESIS, V1_MESSAGE, check_record
from .model import (Category, Claim, Corpus, Evidence, Factor, Link, Locator, Position, Question, Rejection,
                    Taxonomy, Thesis)
from .safeio import ReadRefused, read_limited
from .yamlread import MAX_BYTES, YMap, read_yaml

TAXONOMY_FILE = "factors.yaml"
YAML_SUFFIXES = (".yaml", ".yml")


def bundled_corpus_dir() -> Path:
    """The NEP corpus shipped with argmap: ``arguments/`` in a checkout, ``argmap/corpus`` when installed."""
    here = Path(__file__).resolve().parent
    installed = here / "corpus"
    if (installed / TAXONOMY_FILE).is_file():
        return installed
    return here.parent / "arguments"


def display_path(path: Path | str) -> str:
    """A path as users should see it in messages: relative to the working directory when inside it."""
    path = Path(path)
    try:
        return os.path.relpath(path) if not os.path.relpath(path).startswith("..") else str(path)
    except ValueError:  # another drive on Windows
        return str(path)


def read_document(path: Path, diags: Diagnostics):
    """Read one YAML file into located plain data, or None when it cannot be read at all."""
    shown = display_path(path)
    try:
        # Never more than MAX_BYTES + 1 bytes, and nothing from a FIFO, device or folder:
        # `argmap validate /dev/zero` or a named pipe must be refused, not read or waited on.
        data = read_limited(path, MAX_BYTES)
    except ReadRefused as exc:
        diags.error(Loc(shown, 1, 1), exc.code, exc.message, exc.hint)
        return None
    try:
        document = read_yaml(data, shown, diags)
    except ArgmapError as exc:
        diags.extend(exc.diagnostics)
        return None
    if document is None:  # `null`, `~`: a file that says nothing must not pass as valid
        diags.error(Loc(shown, 1, 1), "empty-file", "the file holds no data (only `null`)",
                    "start from `argmap new ID`, or remove the file")
    return document


def is_taxonomy(document) -> bool:
    return isinstance(document, YMap) and document.get("kind") == "taxonomy"


def is_version_1(document, diags: Diagnostics) -> bool:
    """True (with one located error) for a file of format version 1: one error says what to change."""
    if isinstance(document, YMap) and type(document.get("argmap")) is int and document.get("argmap") == 1:
        diags.error(document.loc_of("argmap"), "version", V1_MESSAGE, "docs/format.md describes version 2")
        return True
    return False


# --- building the model from checked data ----------------------------------------------

def _evidence(items) -> list[Evidence]:
    out = []
    for e in items or []:
        if "quote" in e and "locator" in e and "line" in e["locator"]:
            loc = e["locator"]
            out.append(Evidence(e["quote"], Locator(loc["line"], loc.get("page"), loc.get("chapter")),
                                e.get("cites"), e["_loc"]))
    return out


def build_thesis(clean: dict, path: str) -> Thesis:
    source = clean.get("source") or {}
    locs = dict(clean["_locs"])
    if "file" in source.get("_locs", {}):  # where `source.file` stands, for quote verification
        locs["source.file"] = source["_locs"]["file"]
    thesis = Thesis(
        id=clean.get("id", ""), author=clean.get("author", ""), work=clean.get("work", ""),
        source_file=source.get("file", ""), citation=source.get("citation", ""),
        scope=clean.get("scope", ""), explains=clean.get("explains", ""), thesis=clean.get("thesis", ""),
        year=clean.get("year"), short=clean.get("short"), notes=clean.get("notes"), path=path, loc=clean["_loc"], locs=locs,
    )
    for c in clean.get("claims", []):
        if {"id", "text", "factor", "role"} <= c.keys():
            thesis.claims.append(Claim(c["id"], c["text"], c["factor"], c["role"], c.get("author_term"),
                                       c.get("when"), _evidence(c.get("evidence")), c.get("notes"),
                                       c["_loc"], c["_locs"]))
    for link in clean.get("links", []):
        if {"from", "to", "relation"} <= link.keys():
            thesis.links.append(Link(link["from"], link["to"], link["relation"], link.get("inferred", False),
                                     _evidence(link.get("evidence")), link.get("notes"),
                                     link["_loc"], link["_locs"]))
    for r in clean.get("rejects", []):
        if {"id", "text", "factor", "scope"} <= r.keys():
            thesis.rejects.append(Rejection(r["id"], r["text"], r["factor"], r["scope"], _evidence(r.get("evidence")),
                                            r.get("notes"), r["_loc"], r["_locs"]))
    for p in clean.get("positions", []):
        if {"question", "answer", "basis", "gloss"} <= p.keys():
            thesis.positions.append(Position(p["question"], p["answer"], p["basis"], p["gloss"],
                                             _evidence(p.get("evidence")), p.get("notes"), p["_loc"], p["_locs"]))
    return thesis


def build_taxonomy(clean: dict, path: str, diags: Diagnostics) -> Taxonomy:
    taxonomy = Taxonomy(clean.get("debate", ""), path=path, outcome=clean.get("outcome", ""),
                        loc=clean.get("_loc"), locs=clean.get("_locs") or {})
    for c in clean.get("categories", []):
        if {"id", "label", "colour"} <= c.keys():
            if c["id"] in taxonomy.categories:
                diags.error(c["_locs"]["id"], "duplicate-id", f"category `{c['id']}` is defined twice",
                            f"first at line {taxonomy.categories[c['id']].loc.line}; remove or rename one")
                continue
            taxonomy.categories[c["id"]] = Category(c["id"], c["label"], c["colour"], c["_loc"])
    for f in clean.get("factors", []):
        if {"id", "label", "category", "description"} <= f.keys():
            if f["id"] in taxonomy.factors:
                diags.error(f["_locs"]["id"], "duplicate-id", f"factor `{f['id']}` is defined twice",
                            f"first at line {taxonomy.factors[f['id']].loc.line}; remove or rename one")
                continue
            taxonomy.factors[f["id"]] = Factor(f["id"], f["label"], f["category"], f["description"],
                                               f.get("period"), f["_loc"], f["_locs"])
    for q in clean.get("questions", []):
        if not {"id", "question"} <= q.keys():
            continue
        if q["id"] in taxonomy.questions:
            diags.error(q["_locs"]["id"], "duplicate-id", f"question `{q['id']}` is defined twice",
                        f"first at line {taxonomy.questions[q['id']].loc.line}; remove or rename one")
            continue
        answers: dict[str, str] = {}
        if "answers" in q and q["answers"]:
            for a in q["answers"]:
                if {"id", "label"} <= a.keys():
                    if a["id"] in answers:
                        diags.error(a["_locs"]["id"], "duplicate-id",
                                    f"answer `{a['id']}` is given twice in question `{q['id']}`", "rename one")
                        continue
                    answers[a["id"]] = a["label"]
        elif "answers" not in q or q["answers"] == []:
            answers = dict(DEFAULT_ANSWERS)
        includes: dict[str, frozenset] = {}
        for a in q.get("answers") or []:
            if a.get("id") not in answers:
                continue
            for other, where in a.get("includes", []):
                if other not in answers or other == a["id"]:
                    diags.error(where, "unknown-answer",
                                f"answer `{a['id']}` includes `{other}`, which is not another answer of this question",
                                did_you_mean(other, answers) or "name one of: " + ", ".join(answers))
            includes[a["id"]] = frozenset(o for o, _ in a.get("includes", []) if o in answers and o != a["id"])
        question = Question(q["id"], q["question"], answers, [f for f, _ in q.get("factors", [])], q.get("notes"),
                            q["_loc"], q["_locs"], {k: v for k, v in includes.items() if v})
        question.locs = {**q["_locs"], "factor_items": q.get("factors", [])}
        taxonomy.questions[q["id"]] = question
    return taxonomy


# --- files and corpora ------------------------------------------------------------------

def corpus_files(directory: Path) -> list[Path]:
    """The YAML files of a corpus folder, in a stable order."""
    return sorted(p for p in directory.iterdir() if p.suffix in YAML_SUFFIXES and p.is_file())


def load_corpus(paths=None, diags: Diagnostics | None = None, taxonomy_path: Path | None = None) -> Corpus:
    """Load and check a corpus.

    ``paths`` may name folders (every YAML file in them) and files; by default the bundled
    corpus. The taxonomy is the ``factors.yaml`` among them, else ``taxonomy_path``, else the
    one beside the first thesis, else the bundled one. Diagnostics of every file go to
    ``diags``; when it is None, any error raises :class:`ArgmapError` instead.
    """
    # Loading builds many small objects that live on, and no cycles: with the cyclic collector
    # running, it would walk them again and again (a third of the time of a large corpus).
    with paused_collector():
        return _load_corpus(paths, diags, taxonomy_path)


def _load_corpus(paths, diags: Diagnostics | None, taxonomy_path: Path | None) -> Corpus:
    strict_errors = diags is None
    diags = Diagnostics() if diags is None else diags
    bundled = not paths  # only then may the bundled taxonomy be used: a corpus folder is self-contained
    roots = [Path(p) for p in (paths or [bundled_corpus_dir()])]
    files: list[Path] = []
    for p in roots:
        files.extend(corpus_files(p) if p.is_dir() else [p])
    seen: set[Path] = set()
    files = [f for f in files if not (f.resolve() in seen or seen.add(f.resolve()))]

    documents = [(f, read_document(f, diags)) for f in files]
    taxonomies = [(f, d) for f, d in documents if is_taxonomy(d)]
    theses = [(f, d) for f, d in documents if d is not None and not is_taxonomy(d)]
    if not taxonomies:
        candidates = [taxonomy_path] if taxonomy_path else []
        candidates += [f.parent / TAXONOMY_FILE for f, _ in theses]
        if bundled:
            candidates.append(bundled_corpus_dir() / TAXONOMY_FILE)
        found = next((c for c in candidates if c and Path(c).is_file()), None)
        if found is not None:
            taxonomies = [(Path(found), read_document(Path(found), diags))]
    for f, _ in taxonomies[1:]:
        diags.error(Loc(display_path(f), 1, 1), "second-taxonomy",
                    f"a second taxonomy file; this run uses {display_path(taxonomies[0][0])}",
                    "keep one `kind: taxonomy` file per corpus")

    taxonomy = Taxonomy("")
    if taxonomies and taxonomies[0][1] is not None and not is_version_1(taxonomies[0][1], diags):
        tax_file, tax_doc = taxonomies[0]
        clean = check_record(tax_doc, TAXONOMY, tax_doc.loc if isinstance(tax_doc, YMap)
                             else Loc(display_path(tax_file), 1, 1), diags)
        if clean is not None:
            taxonomy = build_taxonomy(clean, display_path(tax_file), diags)
            checks.check_taxonomy(taxonomy, diags)
    elif not taxonomies:
        folder = roots[0] if roots[0].is_dir() else roots[0].parent
        where = display_path(files[0]) if files else display_path(folder)
        diags.error(Loc(where, 1 if files else 0, 1 if files else 0), "no-taxonomy",
                    f"no {TAXONOMY_FILE} in {display_path(folder)}: every corpus folder needs its own taxonomy",
                    f"start one with `argmap init {display_path(folder)}`, or put the debate's "
                    f"{TAXONOMY_FILE} beside the theses (or pass --corpus DIR)")

    corpus = Corpus(taxonomy, directory=str(files[0].parent) if files else "")
    for f, doc in theses:
        shown = display_path(f)
        if is_version_1(doc, diags):
            continue
        clean = check_record(doc, THESIS, doc.loc if isinstance(doc, YMap) else Loc(shown, 1, 1), diags)
        if clean is None:
            continue
        thesis = build_thesis(clean, shown)
        if thesis.id in corpus.theses:
            other = corpus.theses[thesis.id]
            diags.error(thesis.locs.get("id", thesis.loc), "duplicate-id",
                        f"thesis id `{thesis.id}` is already used by {other.path}", "give each thesis its own id")
        elif thesis.id:
            corpus.theses[thesis.id] = thesis
        checks.check_thesis(thesis, taxonomy, diags)
    if strict_errors and diags.errors:
        raise ArgmapError(diags.sorted())
    return corpus


def load_thesis(ref: str, directory: Path | None = None) -> Corpus:
    """Load what one thesis needs: the corpus's taxonomy and that thesis's file.

    When ``<ref>.yaml`` (or ``.yml``) sits beside ``factors.yaml`` in ``directory`` (default:
    the bundled corpus) and declares the id ``ref``, only those two files are read, so that
    drawing one thesis of a large corpus does not wait on parsing all the others. Otherwise
    (a file named differently, or ``ref`` a path) the whole corpus is loaded. Either way the
    files read are checked as :func:`load_corpus` checks them, and an error raises
    :class:`ArgmapError`; problems confined to other files are left to ``argmap validate``.
    """
    directory = Path(directory) if directory else bundled_corpus_dir()
    taxonomy = directory / TAXONOMY_FILE
    if taxonomy.is_file() and Path(ref).name == ref:  # a bare id, not a path
        for candidate in (directory / f"{ref}{suffix}" for suffix in YAML_SUFFIXES):
            if candidate.is_file():
                corpus = load_corpus([taxonomy, candidate])
                if ref in corpus.theses:
                    return corpus
    return load_corpus([directory])


def find_theses(refs, corpus: Corpus) -> list[Thesis]:
    """Resolve ``refs`` (thesis ids, or paths of thesis files in the corpus) to theses.

    Raises :class:`LookupError` naming the available ids when a ref matches nothing.
    """
    by_path = {Path(t.path).resolve(): t for t in corpus.theses.values()}
    out = []
    for ref in refs:
        if ref in corpus.theses:
            out.append(corpus.theses[ref])
        elif Path(ref).resolve() in by_path:
            out.append(by_path[Path(ref).resolve()])
        else:
            ids = ", ".join(sorted(corpus.theses)) or "none"
            raise LookupError(f"no thesis `{ref}` in the corpus (ids: {ids})")
    return out
