"""Strict, bounded YAML reading that keeps every value's position.

PyYAML's loaders silently keep the last of two equal keys, build arbitrary objects from tags
(with the unsafe loaders) and expand alias bombs without limit. argmap reads YAML from the
parser's event stream instead, which lets it refuse all of that with a located diagnostic:

* a duplicate key is an error naming both lines;
* tags other than the core scalar ones, and anchors and aliases, are errors;
* size, nesting depth and document count are bounded;
* bytes that are not UTF-8 text are reported at their line and column.

The result is plain data in :class:`YMap` and :class:`YList`, which remember where each
key and value stood, so that later checks can point at the exact place of a problem.
"""

from __future__ import annotations

import yaml

from .collector import paused_collector
from .diagnostics import ArgmapError, Diagnostics, Loc

try:  # libyaml's C parser: several times faster than the pure-Python one.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader

MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 32

_CORE_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}
_RESOLVER = yaml.resolver.Resolver()
_IMPLICIT_FIRST = frozenset(yaml.resolver.Resolver.yaml_implicit_resolvers) | {""}
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


class YMap(dict):
    """A mapping that remembers its own position and that of each key and value."""

    __slots__ = ("loc", "key_locs", "value_locs")

    def __init__(self, loc: Loc):
        super().__init__()
        self.loc = loc
        self.key_locs: dict[str, Loc] = {}
        self.value_locs: dict[str, Loc] = {}

    def loc_of(self, key: str) -> Loc:
        """Where the value of ``key`` stands, else the mapping itself."""
        return self.value_locs.get(key, self.loc)


class YList(list):
    """A list that remembers its own position and that of each item."""

    __slots__ = ("loc", "item_locs")

    def __init__(self, loc: Loc):
        super().__init__()
        self.loc = loc
        self.item_locs: list[Loc] = []


def _loc(path: str, mark) -> Loc:
    return Loc(path, mark.line + 1, mark.column + 1)


def _scalar(event, path: str):
    """Turn a scalar event into None, bool, int, float or str, as YAML 1.1 would."""
    tag = event.tag
    if tag is None:
        # Fast path for most values: quoted text, or plain text whose first character
        # no implicit type (number, bool, null...) can start with.
        if not event.implicit[0] or event.value[:1] not in _IMPLICIT_FIRST:
            return event.value
    if tag in (None, "!"):
        tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
    elif tag not in _CORE_TAGS:
        raise _Refused(_loc(path, event.start_mark), "tag", f"the tag `{tag}` is not allowed",
                       "argmap files hold plain data only: remove the tag")
    if tag == "tag:yaml.org,2002:int" or tag == "tag:yaml.org,2002:float":
        _check_number(event, tag, path)
    node = yaml.ScalarNode(tag, event.value)
    try:
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:bool":
            return _CONSTRUCTOR.construct_yaml_bool(node)
        if tag == "tag:yaml.org,2002:int":
            return _CONSTRUCTOR.construct_yaml_int(node)
        if tag == "tag:yaml.org,2002:float":
            return _CONSTRUCTOR.construct_yaml_float(node)
    except (ValueError, KeyError, TypeError):  # `!!int abc`, `!!bool maybe`, `!!float x`
        kind = tag.rsplit(":", 1)[-1]
        raise _Refused(_loc(path, event.start_mark), "bad-value",
                       f"`{_shown(event.value)}` is not a valid {kind}",
                       f"write a plain {kind}, or remove the `!!{kind}` tag") from None
    # Timestamps and everything else stay text: a date is data to show, not to compute with.
    return event.value


MAX_DIGITS = 20  # more than any line number, year or page needs


def _shown(value: str, limit: int = 40) -> str:
    value = "".join(c if c.isprintable() else "?" for c in value[: limit + 1])
    return value if len(value) <= limit else value[: limit - 3] + "..."


def _check_number(event, tag: str, path: str) -> None:
    """Refuse numbers whose conversion is costly and never meant: base 60, or too many digits.

    YAML 1.1 reads ``59:59:59`` as a base-60 integer and builds it digit by digit, which is
    quadratic on a long value; a long run of digits makes a huge integer for no purpose.
    """
    value = event.value
    if ":" in value:
        raise _Refused(_loc(path, event.start_mark), "bad-number",
                       f"`{_shown(value)}` is a YAML 1.1 base-60 (sexagesimal) number",
                       "argmap takes plain numbers; quote it if it is text")
    if tag.endswith(":int"):
        digits = sum(c.isalnum() for c in value.lstrip("+-").removeprefix("0x").removeprefix("0b").removeprefix("0o"))
        if digits > MAX_DIGITS:
            raise _Refused(_loc(path, event.start_mark), "bad-number",
                           f"a number of {digits:,} digits; argmap takes at most {MAX_DIGITS}",
                           "check this value; quote it if it is text")
    elif len(value) > 100:
        raise _Refused(_loc(path, event.start_mark), "bad-number",
                       f"a number written with {len(value):,} characters; argmap takes at most 100",
                       "check this value; quote it if it is text")


_DUPLICATE = object()  # marks the value of a duplicate key, which is read and dropped


class _Refused(Exception):
    def __init__(self, loc: Loc, code: str, message: str, hint: str = ""):
        self.loc, self.code, self.message, self.hint = loc, code, message, hint


_WIDE_BOMS = ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
              (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"))


def _decode(data: bytes, path: str) -> str:
    if not data.strip():
        raise _Refused(Loc(path, 1, 1), "empty-file", "the file is empty",
                       "start from `argmap new ID`, or remove the file")
    if len(data) > MAX_BYTES:
        raise _Refused(Loc(path, 1, 1), "too-large",
                       f"the file is {len(data):,} bytes; argmap reads at most {MAX_BYTES:,}",
                       "split it, or check that it is the right file")
    for bom, name in _WIDE_BOMS:  # before the NUL check: UTF-16/32 text is full of NUL bytes
        if data.startswith(bom):
            raise _Refused(Loc(path, 1, 1), "encoding", f"the file is {name} text; argmap reads UTF-8",
                           "save the file as UTF-8")
    if b"\0" in data:
        offset = data.index(b"\0")
        line = data.count(b"\n", 0, offset) + 1
        col = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
        raise _Refused(Loc(path, line, col), "binary", "the file holds binary data (a NUL byte)",
                       "argmap reads UTF-8 text files; check that this is a YAML file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _Refused(Loc(path, line, col), "encoding",
                       f"byte 0x{data[exc.start]:02x} is not valid UTF-8",
                       "save the file as UTF-8") from None
    return text[1:] if text.startswith("\ufeff") else text


def read_yaml(data: bytes, path: str, diags: Diagnostics) -> YMap | YList | object:
    """Parse one YAML document from ``data``; ``path`` is used in positions only.

    Duplicate keys are added to ``diags`` (the first value is kept, so that the rest of the
    file can still be checked). Raises :class:`ArgmapError` with a located diagnostic when
    the bytes are not a single, plain, well-formed YAML document within the limits above.
    """
    text = None
    try:
        text = _decode(data, path)
        # The reader allocates many small objects and no cycles: pausing the cycle
        # collector while it runs saves a third of the time on large files.
        with paused_collector():
            return _build(text, path, diags)
    except _Refused as r:
        diags = Diagnostics()
        diags.error(r.loc, r.code, r.message, r.hint)
        raise ArgmapError(diags) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        loc = _loc(path, mark) if mark else Loc(path, 1, 1)
        problem = " ".join(p for p in (exc.context, exc.problem) if p)
        diags = Diagnostics()
        if "nesting depth" in problem or "max depth" in problem:
            # libyaml 0.2.6+ (as bundled with PyYAML 6.0.3+) looks ahead in flow
            # collections and refuses nesting over 1000 levels before the event stream
            # reaches the depth check in _build: the same problem, so the same diagnostic.
            diags.error(loc, "too-deep", f"the data is nested more than {MAX_DEPTH} levels deep",
                        "argmap files are shallow; check the indentation here")
        else:
            hint = "check indentation, colons and quotes around this place"
            start = exc.context_mark
            if start is not None and mark is not None and start.line != mark.line:
                # An unclosed quote or bracket is found only where the file ends: say where it opened.
                hint += f"; it began at line {start.line + 1}, column {start.column + 1}"
            diags.error(loc, "yaml-syntax", f"YAML syntax error: {problem}", hint)
        raise ArgmapError(diags) from None
    except yaml.YAMLError as exc:  # e.g. a control character the reader refuses
        diags = Diagnostics()
        diags.error(Loc(path, 1, 1), "yaml-syntax", f"YAML error: {exc}")
        raise ArgmapError(diags) from None


def _anchor_refused(path: str, event) -> "_Refused":
    return _Refused(_loc(path, event.start_mark), "alias", "anchors and aliases (`&name`, `*name`) are not supported",
                    "write the value out in full where it is needed")


def _build(text: str, path: str, diags: Diagnostics):
    # The hot loop of every command: one pass over the parser's events, most frequent first
    # (scalars, then ends, then starts), names bound locally, positions made as plain tuples.
    # Containers under construction; each entry is [container, pending_key, pending_key_loc].
    stack: list[list] = []
    root = _NOTHING = object()
    documents = 0
    loader = _Loader(text)
    get_event = loader.get_event
    new_loc, implicit_first = tuple.__new__, _IMPLICIT_FIRST
    scalar_event, alias_event, document_start = yaml.ScalarEvent, yaml.AliasEvent, yaml.DocumentStartEvent
    mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    try:
        while True:
            event = get_event()
            if event is None:  # after the stream's end
                break
            kind = type(event)
            if kind is scalar_event:
                if event.anchor:
                    raise _anchor_refused(path, event)
                mark = event.start_mark
                loc = new_loc(Loc, (path, mark.line + 1, mark.column + 1))
                # Quoted text, or plain text whose first character no implicit type (number,
                # bool, null...) can start with, is text as it stands.
                if event.tag is None and (not event.implicit[0] or event.value[:1] not in implicit_first):
                    value = event.value
                else:
                    value = _scalar(event, path)
            elif kind is mapping_end or kind is sequence_end:
                value = stack.pop()[0]
                loc = value.loc
            elif kind is mapping_start or kind is sequence_start:
                if event.anchor:
                    raise _anchor_refused(path, event)
                mark = event.start_mark
                loc = new_loc(Loc, (path, mark.line + 1, mark.column + 1))
                if event.tag not in (None, "!") and event.tag not in _CORE_TAGS:
                    raise _Refused(loc, "tag", f"the tag `{event.tag}` is not allowed",
                                   "argmap files hold plain data only: remove the tag")
                if len(stack) >= MAX_DEPTH:
                    raise _Refused(loc, "too-deep",
                                   f"the data is nested more than {MAX_DEPTH} levels deep",
                                   "argmap files are shallow; check the indentation here")
                stack.append([YMap(loc) if kind is mapping_start else YList(loc), None, None])
                continue
            elif kind is alias_event:
                raise _anchor_refused(path, event)
            elif kind is document_start:
                documents += 1
                if documents > 1:
                    raise _Refused(_loc(path, event.start_mark), "multiple-documents",
                                   "the file holds more than one YAML document",
                                   "keep one thesis per file and remove the `---` separator")
                continue
            else:  # the stream's start and end, a document's end
                continue
            if not stack:
                root = value
                continue
            top = stack[-1]
            container = top[0]
            if type(container) is YList:
                container.append(value)
                container.item_locs.append(loc)
            elif top[1] is None:  # this value is a key
                if kind is not scalar_event:
                    raise _Refused(loc, "complex-key", "a mapping key must be plain text",
                                   "use a simple `name: value` pair")
                key = event.value
                if key in container or key in container.key_locs:
                    first = container.key_locs[key]
                    diags.error(loc, "duplicate-key",
                                f"duplicate key `{key}` (first given at line {first.line}); "
                                "YAML would silently keep only the last value",
                                "merge the two entries or rename one")
                    key = _DUPLICATE
                top[1], top[2] = key, loc
            else:
                key, key_loc = top[1], top[2]
                top[1] = top[2] = None
                if key is _DUPLICATE:
                    continue
                container[key] = value
                container.key_locs[key] = key_loc
                container.value_locs[key] = loc
    finally:
        loader.dispose()
    if root is _NOTHING:
        raise _Refused(Loc(path, 1, 1), "empty-file", "the file holds no YAML data",
                       "start from `argmap new ID`, or remove the file")
    return root
