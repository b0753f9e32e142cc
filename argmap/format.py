"""The argmap file format, version 2, declared once.

The vocabularies (roles and their weights, relations and their polarity, stances, rejection
scopes, position bases, conflict types), each with the plain words people read, are
declared here and nowhere else: the loader, the JSON Schema, the skeleton thesis, the
docs and the diagram styles all take them from this module.

:data:`THESIS` and :data:`TAXONOMY` describe every field of the two kinds of file. The same
declaration drives structural validation (:func:`check_record`, with located diagnostics and
"did you mean" hints) and the JSON Schema printed by ``argmap schema`` (:func:`json_schema`),
so the two cannot drift apart. docs/format.md explains the fields to people.
"""

from __future__ import annotations

import math
import re
from typing import NamedTuple

from .diagnostics import Diagnostics, Loc, did_you_mean
from .yamlread import YList, YMap

FORMAT_VERSION = 2

# --- vocabularies -------------------------------------------------------------------------

#: Normalised weights, strongest first, with their numeric weight. Root is heavier than main.
ROLES: dict[str, int] = {
    "root": 4,
    "main": 3,
    "direct": 2,
    "trigger": 2,
    "contributing": 1,
    "background": 1,
}
#: The words people read for each role.
ROLE_LABELS: dict[str, str] = {
    "root": "root cause",
    "main": "main cause",
    "direct": "direct cause",
    "trigger": "trigger",
    "contributing": "contributing cause",
    "background": "background condition",
}
#: What each role means (docs, schema).
ROLE_DOCS: dict[str, str] = {
    "root": "the deepest cause the author traces the outcome back to",
    "main": "the principal or decisive cause in the author's account",
    "direct": "the immediate cause that brought the outcome about",
    "trigger": "a specific event that set the outcome off",
    "contributing": "one cause among several, not singled out; also a step of a mechanism",
    "background": "a condition that made the outcome possible without driving it",
}
#: Roles that make a factor the sole or main cause (what a `sole_cause` rejection denies).
MAIN_ROLES = ("root", "main")
#: Causal relations and their polarity: +1 pushes the effect on, -1 holds it back.
RELATIONS: dict[str, int] = {
    "causes": 1,
    "contributes_to": 1,
    "enables": 1,
    "aggravates": 1,
    "undermines": -1,
    "prevents": -1,
}
RELATION_LABELS: dict[str, str] = {
    "causes": "causes",
    "contributes_to": "contributes to",
    "enables": "enables",
    "aggravates": "aggravates",
    "undermines": "undermines",
    "prevents": "prevents",
}
#: A relation as the plain words on a diagram's arrow, read along it from cause to effect
#: ("Grain crisis -- made worse --> Scissors crisis"); the diagrams' link labels.
RELATION_EDGE_WORDS: dict[str, str] = {
    "causes": "led to",
    "contributes_to": "helped cause",
    "enables": "made possible",
    "aggravates": "made worse",
    "undermines": "weakened",
    "prevents": "held back",
}
#: An author's stance on a factor, and the words people read. What a rejecting stance rejects is
#: said by the strongest scope of its rejected views (STANCE_BY_SCOPE, below).
STANCES: dict[str, str] = {
    "asserts": "asserts",
    "rejects": "rejects",
    "mixed": "asserts, and rejects a view of it",
    "silent": "silent",
}
#: An author's stance on a causal category (all its factors together).
CATEGORY_STANCES: dict[str, str] = {
    "asserts": "asserts",
    "rejects": "rejects",
    "mixed": "asserts some, rejects some",
    "silent": "silent",
}
#: What a rejected view rejects.
REJECTION_SCOPES: dict[str, str] = {
    "factor": "the factor outright",
    "sole_cause": "the factor as the sole or main cause",
    "reading": "one specific reading of the factor",
}
#: A rejection in a matrix cell, by what it rejects; only an outright rejection is shouted. Ordered
#: strongest first: where an author rejects a factor in several ways, the first that applies is shown.
REJECTION_CELL_WORDS: dict[str, str] = {
    "factor": "REJECTS",
    "sole_cause": "rejects as sole cause",
    "reading": "rejects a reading",
}
#: A stance that rejects something, in words, by the strongest scope rejected: rejecting a factor
#: as the sole cause, or one reading of it, is not rejecting the factor.
STANCE_BY_SCOPE: dict[tuple[str, str], str] = {
    ("rejects", "factor"): "rejects",
    ("rejects", "sole_cause"): "rejects as the sole or main cause",
    ("rejects", "reading"): "rejects a reading",
    ("mixed", "factor"): "asserts, and rejects a view of it outright",
    ("mixed", "sole_cause"): "asserts, and rejects as the sole or main cause",
    ("mixed", "reading"): "asserts, and rejects a reading",
}


#: What an author who asserts a factor also rejects of it, short enough for a matrix cell after the role.
ALSO_REJECTED_WORDS: dict[str, str] = {"factor": "a view of it", "sole_cause": "as sole cause", "reading": "a reading"}
#: Who holds what of a factor, as a list names them ("rejected as the sole or main cause by B"):
#: by stance and the strongest scope rejected (None where nothing is rejected).
STANCE_BY_WHOM: dict[tuple, str] = {
    ("asserts", None): "asserted",
    ("rejects", "factor"): "rejected",
    ("rejects", "sole_cause"): "rejected as the sole or main cause",
    ("rejects", "reading"): "a reading of it rejected",
    ("mixed", "factor"): "asserted, a view of it rejected",
    ("mixed", "sole_cause"): "asserted, and rejected as the sole or main cause",
    ("mixed", "reading"): "asserted with a reading rejected",
}


def strongest_scope(scopes) -> str:
    """The strongest of the scopes an author rejects a factor in: outright, then as the sole
    cause, then one reading (``factor`` when none is given)."""
    return next((s for s in REJECTION_CELL_WORDS if s in scopes), "factor")


def stance_label(stance: str, scopes=()) -> str:
    """A stance in words; a rejecting one says what it rejects (``rejects as the sole or main cause``)."""
    return STANCE_BY_SCOPE.get((stance, strongest_scope(scopes)), STANCES[stance])
#: How an author's answer to a question is known.
POSITION_BASES: dict[str, str] = {
    "stated": "stated by the author",
    "inferred": "inferred by us",
}
#: Conflict types in the diff JSON, and the words people read.
CONFLICT_TYPES: dict[str, str] = {
    "contradicts": "contradicts",
    "answers_differently": "answer differently",
    "weighs_differently": "weigh differently",
    "opposite_effect": "opposite effect",
}
#: Answers of a question that declares none.
DEFAULT_ANSWERS: tuple = (("yes", "Yes"), ("no", "No"))
#: Weights that differ this much (root vs direct, main vs contributing) weigh differently.
WEIGHT_GAP = 2

V1_MESSAGE = ("format version 1: this argmap reads version 2; set `argmap: 2`, add `scope:` to each "
              "rejected view (factor | sole_cause | reading) and, in factors.yaml, `outcome: FACTOR_ID`")
ID_PATTERN = r"^[a-z][a-z0-9_]*$"
COLOUR_PATTERN = r"^#[0-9A-Fa-f]{6}$"
_ID_RE = re.compile(ID_PATTERN)
_COLOUR_RE = re.compile(COLOUR_PATTERN)


class Field(NamedTuple):
    """One field of a record: its kind, whether it is required, and what it means.

    Kinds: ``text`` (non-empty string), ``id`` (identifier), ``ids`` (a list of
    identifiers), ``answer`` (an answer id; YAML's booleans true/false read as ``yes``/``no``),
    ``version``, ``line``
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
    max_chars: int = 0  # for names drawn in diagrams: Graphviz refuses a string over 16 KB; 0 is no limit


class Record(NamedTuple):
    """A kind of record (a thesis, a claim, a locator...): its name, what it is, its fields by key."""

    name: str
    doc: str
    fields: dict


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
    "scope": Field("choice", "What the author rejects: " + "; ".join(
        f"`{k}`: {v}" for k, v in REJECTION_SCOPES.items()) + ".", True, choices=tuple(REJECTION_SCOPES)),
    "evidence": Field("list", "Quotes showing the author rejects the view.", True, of=EVIDENCE, min_items=1),
    "notes": Field("text", "Free text about the encoding."),
})
POSITION = Record("position", "The author's answer to one of the debate's questions.", {
    "question": Field("id", "A question id from the taxonomy's `questions`.", True),
    "answer": Field("answer", "One of the question's answer ids.", True),
    "basis": Field("choice", "`stated`: the author says it; `inferred`: we read it between the lines.", True,
                   choices=tuple(POSITION_BASES)),
    "gloss": Field("text", "The position in our words.", True),
    "evidence": Field("list", "Quotes backing the position; at least one when `basis: stated`.", of=EVIDENCE),
    "notes": Field("text", "Free text about the encoding."),
})
SOURCE = Record("source", "The text the quotes come from.", {
    "file": Field("text", "File name of the source text, for quote verification.", True),
    "citation": Field("text", "A full reference a reader can look up.", True),
})
THESIS = Record("thesis", "One author's causal account of an outcome.", {
    "argmap": Field("version", f"Format version: {FORMAT_VERSION}.", True),
    "id": Field("id", "Identifier, unique across the corpus; used on the command line.", True),
    "author": Field("text", "The author as the text gives them.", True, max_chars=200),
    "short": Field("text", "A short name for the author (a surname), used where the name repeats: diffs, "
                           "briefs, the report. Default: the author up to any parenthesis.", max_chars=100),
    "work": Field("text", "Title of the work.", True, max_chars=300),
    "year": Field("year", "Year of publication, or null when unknown."),
    "source": Field("record", "The source text.", True, of=SOURCE),
    "scope": Field("text", "What the text covers; silence outside it is not denial.", True),
    "explains": Field("id", "The outcome factor the thesis explains: the taxonomy's `outcome`.", True),
    "thesis": Field("text", "The author's account in a paragraph, in our words.", True),
    "claims": Field("list", "What the author asserts.", True, of=CLAIM, min_items=1),
    "links": Field("list", "Causal links between claims and to the outcome.", of=LINK),
    "rejects": Field("list", "Views the author argues against.", of=REJECTION),
    "positions": Field("list", "The author's answers to the debate's questions.", of=POSITION),
    "notes": Field("text", "Caveats about the encoding; justified warnings."),
})
CATEGORY = Record("category", "A group of factors with a colour.", {
    "id": Field("id", "Identifier.", True),
    "label": Field("text", "Human name.", True, max_chars=200),
    "colour": Field("colour", "Fill colour, #RRGGBB, from a colour-blind-safe palette.", True),
})
FACTOR = Record("factor", "A cause or outcome that several authors can take positions on.", {
    "id": Field("id", "Identifier, unique in the taxonomy.", True),
    "label": Field("text", "Short human name, drawn in diagrams.", True, max_chars=200),
    "category": Field("id", "A category id.", True),
    "description": Field("text", "One sentence on what the factor covers.", True),
    "period": Field("period", "When it applies, e.g. 1927 or 1925-1928."),
})
ANSWER = Record("answer", "One possible answer to a question.", {
    "id": Field("answer", "Identifier, unique within the question (`yes`/`no` may be written unquoted).", True),
    "label": Field("text", "The answer in words.", True, max_chars=200),
    "includes": Field("ids", "Other answers of the question this one contains (`both` includes `policy` and "
                             "`power`): two authors giving it and an answer it includes do not answer differently."),
})
QUESTION = Record("question", "A contested question of the debate that authors answer.", {
    "id": Field("id", "Identifier, unique in the taxonomy.", True),
    "question": Field("text", "The question, as one sentence.", True, max_chars=500),
    "answers": Field("list", "Possible answers (two or more); default: yes / no.", of=ANSWER, min_items=2),
    "factors": Field("ids", "Factor ids the question bears on."),
    "notes": Field("text", "Free text."),
})
TAXONOMY = Record("taxonomy", "The shared categories, factors and questions of a corpus.", {
    "argmap": Field("version", f"Format version: {FORMAT_VERSION}.", True),
    "kind": Field("choice", "Marks the taxonomy file.", True, choices=("taxonomy",)),
    "debate": Field("text", "The question the corpus argues about.", True, max_chars=300),
    "outcome": Field("id", "The factor the theses explain.", True),
    "categories": Field("list", "Categories of factors.", True, of=CATEGORY, min_items=1),
    "factors": Field("list", "The factors.", True, of=FACTOR, min_items=1),
    "questions": Field("list", "Contested questions authors take positions on.", of=QUESTION),
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
    if kind == "ids":
        if value is None:
            return True, []
        if not isinstance(value, YList):
            diags.error(loc, "type", f"`{name}` must be a list of identifiers, found {_found(value)}")
            return False, None
        out = []
        for item, item_loc in zip(value, value.item_locs):
            ok, cleaned = _check_field(item, Field("id", spec.doc), name, item_loc, diags)
            if ok:
                out.append((cleaned, item_loc))
        return True, out
    if kind == "answer":
        if isinstance(value, bool):  # YAML 1.1 reads a plain yes/no as a boolean
            return True, "yes" if value else "no"
        kind = "id"
    if kind == "version":
        if isinstance(value, int) and not isinstance(value, bool) and value == 1:
            diags.error(loc, "version", V1_MESSAGE, "docs/format.md describes version 2")
            return False, None
        if type(value) is not int or value != FORMAT_VERSION:  # 2.0 and true are not the version 2
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
        if isinstance(value, float) and not math.isfinite(value):  # .nan and .inf read as floats
            diags.error(loc, "type", f"`{name}` must be a year or a period such as 1925-1927, found {value!r}",
                        "write the period as text, e.g. 1927 or 1925-1927")
            return False, None
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
    if spec.max_chars and len(value.strip()) > spec.max_chars:
        diags.error(loc, "too-long", f"`{name}` is {len(value.strip()):,} characters; at most {spec.max_chars:,}",
                    "keep names short: they are drawn in diagrams (put the rest in a description or notes)")
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
    elif kind == "ids":
        out = {"anyOf": [{"type": "array", "items": {"type": "string", "pattern": ID_PATTERN}}, {"type": "null"}]}
    elif kind == "answer":
        out = {"anyOf": [{"type": "string", "pattern": ID_PATTERN}, {"type": "boolean"}]}
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
        if spec.max_chars:
            out["maxLength"] = spec.max_chars
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
    records = [THESIS, SOURCE, CLAIM, LINK, REJECTION, POSITION, EVIDENCE, LOCATOR, TAXONOMY, CATEGORY, FACTOR,
               QUESTION, ANSWER]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:argmap:format:{FORMAT_VERSION}",
        "title": f"argmap file, format version {FORMAT_VERSION}",
        "description": "A thesis (one author's causal account) or, with `kind: taxonomy`, "
                       "the shared factors of a corpus. See docs/format.md.",
        "if": {"type": "object", "properties": {"kind": {"const": "taxonomy"}}, "required": ["kind"]},
        "then": {"$ref": "#/$defs/taxonomy"},
        "else": {"$ref": "#/$defs/thesis"},
        "$defs": {r.name: _record_schema(r) for r in records},
    }
