"""The argmap file format, version 1, declared once.

:data:`THESIS` and :data:`TAXONOMY` describe every field of the two kinds of file. The same
declaration drives structural validation (:func:`check_record`, with located diagnostics and
"did you mean" hints) and the JSON Schema printed by ``argmap schema`` (:func:`json_schema`),
so the two cannot drift apart. docs/format.md explains the fields to people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .diagnostics import Diagnostics, Loc, did_you_mean
from .model import RELATIONS, ROLES
from .yamlread import YList, YMap

FORMAT_VERSION = 1
ID_PATTERN = r"^[a-z][a-z0-9_]*$"
COLOUR_PATTERN = r"^#[0-9A-Fa-f]{6}$"
_ID_RE = re.compile(ID_PATTERN)
_COLOUR_RE = re.compile(COLOUR_PATTERN)


@dataclass(frozen=True)
class Field:
    """One field of a record: its kind, whether it is required, and what it means.

    Kinds: ``text`` (non-empty string), ``id`` (identifier), ``version``, ``line``
    (positive integer), ``year`` (integer or null), ``period`` (text or integer, e.g.
    ``1927`` or ``1925-1927``), ``bool``, ``colour`` (``#RRGGBB``), ``choice`` (one of
    ``choices``), ``record`` (a nested :class:`Record`) and ``list`` (of ``of`` records).
    """

    kind: str
    doc: str
    required: bool = False
    choices: tuple = ()
    of: "Record | None" = None
    min_items: int = 0


@dataclass(frozen=True)
class Record:
    name: str
    doc: str
    fields: dict = field(default_factory=dict)


LOCATOR = Record("locator", "Where a quote stands in the source text.", {
    "line": Field("line", "Line of the source file where the quote starts (1-based).", True),
    "page": Field("period", "Page of the original edition, when the text shows it."),
    "chapter": Field("text", "Chapter or section heading."),
})
EVIDENCE = Record("evidence", "A verbatim quote from the source, with its locator.", {
    "quote": Field("text", "Verbatim words of the source, a sentence or two; `...` elides words.", True),
    "locator": Field("record", "Where the quote stands.", True, of=LOCATOR),
    "cites": Field("text", "The author's own source for the passage, when the text gives one."),
})
CLAIM = Record("claim", "One thing the author asserts about a cause or a step of the mechanism.", {
    "id": Field("id", "Identifier, unique within the thesis.", True),
    "text": Field("text", "The claim paraphrased in our words.", True),
    "factor": Field("id", "The taxonomy factor the claim is about.", True),
    "role": Field("choice", "Normalised weight the author gives the claim.", True, choices=tuple(ROLES)),
    "author_term": Field("text", "The author's own words for that weight."),
    "when": Field("period", "Period the claim concerns, e.g. 1927 or 1925-1927."),
    "evidence": Field("list", "1-3 quotes backing the claim.", of=EVIDENCE),
    "notes": Field("text", "Free text about the encoding."),
})
LINK = Record("link", "A causal link from one claim to another claim or to the outcome.", {
    "from": Field("id", "The cause: a claim id.", True),
    "to": Field("id", "The effect: a claim id, or the outcome factor named by `explains`.", True),
    "relation": Field("choice", "How the cause bears on the effect.", True, choices=tuple(RELATIONS)),
    "inferred": Field("bool", "True when the link is read between the lines, not stated."),
    "evidence": Field("list", "Quotes backing the link.", of=EVIDENCE),
    "notes": Field("text", "Free text about the encoding."),
})
REJECTION = Record("rejection", "A view the author argues against.", {
    "id": Field("id", "Identifier, unique within the thesis (shared with claims).", True),
    "text": Field("text", "The rejected view, in our words.", True),
    "factor": Field("id", "The factor the rejected view is about.", True),
    "evidence": Field("list", "Quotes showing the author rejects the view.", True, of=EVIDENCE, min_items=1),
    "notes": Field("text", "Free text about the encoding."),
})
SOURCE = Record("source", "The text the quotes come from.", {
    "file": Field("text", "File name of the source text, for quote verification.", True),
    "citation": Field("text", "A full reference a reader can look up.", True),
})
THESIS = Record("thesis", "One author's causal account of an outcome.", {
    "argmap": Field("version", "Format version: 1.", True),
    "id": Field("id", "Identifier, unique across the corpus; used on the command line.", True),
    "author": Field("text", "The author as the text gives them.", True),
    "work": Field("text", "Title of the work.", True),
    "year": Field("year", "Year of publication, or null when unknown."),
    "source": Field("record", "The source text.", True, of=SOURCE),
    "scope": Field("text", "What the text covers; silence outside it is not denial.", True),
    "explains": Field("id", "The outcome factor the thesis explains.", True),
    "thesis": Field("text", "The author's account in a paragraph, in our words.", True),
    "claims": Field("list", "What the author asserts.", True, of=CLAIM, min_items=1),
    "links": Field("list", "Causal links between claims and to the outcome.", of=LINK),
    "rejects": Field("list", "Views the author argues against.", of=REJECTION),
    "notes": Field("text", "Caveats about the encoding; justified warnings."),
})
CATEGORY = Record("category", "A group of factors with a colour.", {
    "id": Field("id", "Identifier.", True),
    "label": Field("text", "Human name.", True),
    "colour": Field("colour", "Fill colour, #RRGGBB, from a colour-blind-safe palette.", True),
})
FACTOR = Record("factor", "A cause or outcome that several authors can take positions on.", {
    "id": Field("id", "Identifier, unique in the taxonomy.", True),
    "label": Field("text", "Short human name, drawn in diagrams.", True),
    "category": Field("id", "A category id.", True),
    "description": Field("text", "One sentence on what the factor covers.", True),
    "period": Field("period", "When it applies, e.g. 1927 or 1925-1928."),
})
TAXONOMY = Record("taxonomy", "The shared categories and factors of a corpus.", {
    "argmap": Field("version", "Format version: 1.", True),
    "kind": Field("choice", "Marks the taxonomy file.", True, choices=("taxonomy",)),
    "debate": Field("text", "The question the corpus argues about.", True),
    "categories": Field("list", "Categories of factors.", True, of=CATEGORY, min_items=1),
    "factors": Field("list", "The factors.", True, of=FACTOR, min_items=1),
})

_TYPE_NAMES = {dict: "a mapping", list: "a list", str: "text", bool: "true/false",
               int: "a number", float: "a number", type(None): "nothing (null)"}


def _found(value) -> str:
    for t, name in _TYPE_NAMES.items():
        if isinstance(value, t):
            return name if t in (dict, list, type(None)) else f"{name} `{value}`"
    return type(value).__name__


def check_record(value, record: Record, loc: Loc, diags: Diagnostics):
    """Check ``value`` (read at ``loc``) against ``record``; return a clean dict or None.

    Every problem is added to ``diags``. The clean dict holds only the fields that passed
    (nested records likewise), plus ``_loc`` and ``_locs`` (field positions), so that a
    partly broken file still yields what is usable for further checks.
    """
    if not isinstance(value, YMap):
        diags.error(loc, "type", f"expected a {record.name} (a mapping of `key: value` pairs), "
                    f"found {_found(value)}", f"a {record.name}: {record.doc}")
        return None
    clean = {"_loc": value.loc, "_locs": value.value_locs}
    for key in value:
        if key not in record.fields:
            hint = did_you_mean(key, record.fields) or (
                "known keys: " + ", ".join(f"`{k}`" for k in record.fields))
            diags.error(value.key_locs[key], "unknown-key",
                        f"unknown key `{key}` in a {record.name}", hint)
    for name, spec in record.fields.items():
        if name not in value:
            if spec.required:
                diags.error(value.loc, "missing-key", f"{record.name} is missing the required key `{name}`",
                            f"add `{name}:` ({spec.doc})")
            continue
        ok, cleaned = _check_field(value[name], spec, name, value.loc_of(name), diags)
        if ok:
            clean[name] = cleaned
    return clean


def _check_field(value, spec: Field, name: str, loc: Loc, diags: Diagnostics):
    kind = spec.kind
    if kind == "record":
        cleaned = check_record(value, spec.of, loc, diags)
        return cleaned is not None, cleaned
    if kind == "list":
        if value is None and not spec.required:
            return True, []
        if not isinstance(value, YList):
            diags.error(loc, "type", f"`{name}` must be a list (items starting with `- `), found {_found(value)}")
            return False, None
        if len(value) < spec.min_items:
            diags.error(loc, "empty-list", f"`{name}` needs at least {spec.min_items} item(s)", spec.doc)
        items = [check_record(item, spec.of, item_loc, diags) for item, item_loc in zip(value, value.item_locs)]
        return True, [i for i in items if i is not None]
    if kind == "version":
        if value != FORMAT_VERSION or isinstance(value, bool):
            diags.error(loc, "version", f"unsupported format version {value!r}",
                        f"this argmap reads `argmap: {FORMAT_VERSION}`")
            return False, None
        return True, value
    if kind == "year":
        if value is None or (isinstance(value, int) and not isinstance(value, bool)):
            return True, value
        diags.error(loc, "type", f"`{name}` must be a year (a number) or null, found {_found(value)}")
        return False, None
    if kind == "line":
        if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
            return True, value
        diags.error(loc, "type", f"`{name}` must be a line number (1 or more), found {_found(value)}")
        return False, None
    if kind == "bool":
        if isinstance(value, bool):
            return True, value
        diags.error(loc, "type", f"`{name}` must be true or false, found {_found(value)}")
        return False, None
    if kind == "period":
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return True, str(value)
        kind = "text"
    # Everything else is text.
    if not isinstance(value, str):
        hint = "put the value in quotes" if value is not None else f"give a value ({spec.doc})"
        diags.error(loc, "type", f"`{name}` must be text, found {_found(value)}", hint)
        return False, None
    if not value.strip():
        diags.error(loc, "empty", f"`{name}` is empty", f"give a value ({spec.doc})")
        return False, None
    if kind == "id" and not _ID_RE.fullmatch(value):  # `$` alone would accept a final newline
        diags.error(loc, "bad-id", f"`{value}` is not a valid identifier",
                    "use lower case letters, digits and `_`, starting with a letter")
        return False, None
    if kind == "colour" and not _COLOUR_RE.fullmatch(value):
        diags.error(loc, "bad-colour", f"`{value}` is not a colour", "write it as #RRGGBB, e.g. #77AADD")
        return False, None
    if kind == "choice" and value not in spec.choices:
        hint = did_you_mean(value, spec.choices)
        allowed = ", ".join(spec.choices)
        diags.error(loc, "vocabulary", f"`{value}` is not an allowed {name}: use one of {allowed}", hint)
        return False, None
    # A folded block (`text: >`) ends in a newline; kept, it broke list items in briefs and reports.
    return True, value.strip()


# --- JSON Schema ------------------------------------------------------------------------

def _field_schema(spec: Field) -> dict:
    kind = spec.kind
    out: dict
    if kind == "record":
        out = {"$ref": f"#/$defs/{spec.of.name}"}
    elif kind == "list":
        out = {"type": "array", "items": {"$ref": f"#/$defs/{spec.of.name}"}}
        if spec.min_items:
            out["minItems"] = spec.min_items
        if not spec.required:
            out = {"anyOf": [out, {"type": "null"}]}
    elif kind == "version":
        out = {"const": FORMAT_VERSION}
    elif kind == "year":
        out = {"type": ["integer", "null"]}
    elif kind == "line":
        out = {"type": "integer", "minimum": 1}
    elif kind == "bool":
        out = {"type": "boolean"}
    elif kind == "period":
        out = {"anyOf": [{"type": "string", "minLength": 1}, {"type": "number"}]}
    elif kind == "choice":
        out = {"enum": list(spec.choices)}
    elif kind == "id":
        out = {"type": "string", "pattern": ID_PATTERN}
    elif kind == "colour":
        out = {"type": "string", "pattern": COLOUR_PATTERN}
    else:
        out = {"type": "string", "minLength": 1, "pattern": r"\S"}
    return {"description": spec.doc, **out}


def _record_schema(record: Record) -> dict:
    return {
        "type": "object",
        "description": record.doc,
        "additionalProperties": False,
        "required": [n for n, f in record.fields.items() if f.required],
        "properties": {n: _field_schema(f) for n, f in record.fields.items()},
    }


def json_schema() -> dict:
    """The JSON Schema (draft 2020-12) of both kinds of argmap file."""
    records = [THESIS, SOURCE, CLAIM, LINK, REJECTION, EVIDENCE, LOCATOR, TAXONOMY, CATEGORY, FACTOR]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:argmap:format:1",
        "title": f"argmap file, format version {FORMAT_VERSION}",
        "description": "A thesis (one author's causal account) or, with `kind: taxonomy`, "
                       "the shared factors of a corpus. See docs/format.md.",
        "if": {"type": "object", "properties": {"kind": {"const": "taxonomy"}}, "required": ["kind"]},
        "then": {"$ref": "#/$defs/taxonomy"},
        "else": {"$ref": "#/$defs/thesis"},
        "$defs": {r.name: _record_schema(r) for r in records},
    }
