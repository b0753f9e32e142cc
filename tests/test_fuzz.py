"""Property-based fuzzing: no input ever makes the loader raise anything but located diagnostics,
and data the loader accepts without an error is loaded whole (nothing is silently dropped)."""

import re

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.diagnostics import ArgmapError, Diagnostics
from argmap.loader import load_corpus
from argmap.yamlread import read_yaml
from conftest import TAXONOMY, THESIS, write_yaml

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)


@FUZZ
@given(st.binary(max_size=400))
def test_arbitrary_bytes_give_data_or_diagnostics(data):
    diags = Diagnostics()
    try:
        read_yaml(data, "fuzz.yaml", diags)
    except ArgmapError as exc:
        assert exc.diagnostics and any(d.is_error for d in exc.diagnostics)
        diags = exc.diagnostics
    assert all(_located(d, "fuzz.yaml", data) for d in diags)


def _located(diag, name, data: bytes) -> bool:
    """The diagnostic names the file and a line (or the place just after its end) within it."""
    # YAML breaks lines at CR, LF, CRLF and the Unicode line breaks, as the reader counts them.
    breaks = len(re.findall("\r\n|[\r\n\x85\u2028\u2029]", data.decode("utf-8", "ignore")))
    return diag.file == name and 0 <= diag.line <= max(breaks, data.count(b"\n")) + 2 and diag.col >= 0 and diag.message


@FUZZ
@given(st.text(alphabet=st.sampled_from(list("ab:- \n\t[]{}&*!#'\",?|>%@`0.")), max_size=120))
def test_yaml_like_text_gives_data_or_diagnostics(text):
    diags = Diagnostics()
    try:
        read_yaml(text.encode(), "fuzz.yaml", diags)
    except ArgmapError as exc:
        assert any(d.is_error for d in exc.diagnostics)
        diags = exc.diagnostics
    assert all(_located(d, "fuzz.yaml", text.encode()) for d in diags)


def _mutate(value, data):
    """Replace one random part of ``value`` with arbitrary YAML data."""
    if isinstance(value, dict) and value and data.draw(st.booleans()):
        key = data.draw(st.sampled_from(sorted(value)))
        return {**value, key: _mutate(value[key], data)}
    if isinstance(value, list) and value and data.draw(st.booleans()):
        i = data.draw(st.integers(0, len(value) - 1))
        return value[:i] + [_mutate(value[i], data)] + value[i + 1:]
    return data.draw(yaml_values)


def _mutate_inside(document: dict, data):
    """Replace one random part of a document, never the whole of it (see the null test below)."""
    key = data.draw(st.sampled_from(sorted(document)))
    return {**document, key: _mutate(document[key], data)}


def _load(folder):
    diags = Diagnostics()
    corpus = load_corpus([folder], diags)
    for d in diags:
        assert _located(d, d.file, (folder / d.file.rsplit("/", 1)[-1]).read_bytes()), d
    return corpus, diags


@FUZZ
@given(st.data())
def test_mutated_theses_never_crash_or_drop_data(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("fuzz")
    write_yaml(folder / "factors.yaml", TAXONOMY)
    mutated = _mutate_inside(THESIS, data)
    write_yaml(folder / "t.yaml", mutated)
    corpus, diags = _load(folder)
    assert diags.sorted() == _load(folder)[1].sorted()  # the same verdict every time
    if diags.errors:
        return
    # Accepted without an error: the thesis is there whole, every claim, link and rejection.
    (loaded,) = corpus.theses.values()
    assert loaded.id == mutated["id"]
    listed = {key: mutated.get(key) or [] for key in ("claims", "links", "rejects")}  # null: none
    assert [c.id for c in loaded.claims] == [c["id"] for c in listed["claims"]]
    assert [(l.source, l.target) for l in loaded.links] == [(l["from"], l["to"]) for l in listed["links"]]
    assert [r.id for r in loaded.rejects] == [r["id"] for r in listed["rejects"]]
    assert sum(1 for _ in loaded.evidence()) == sum(len(x.get("evidence") or []) for items in listed.values()
                                                    for x in items)


@FUZZ
@given(st.data())
def test_mutated_taxonomies_never_crash_or_drop_data(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("fuzz")
    mutated = _mutate_inside(TAXONOMY, data)
    (folder / "factors.yaml").write_text(yaml.safe_dump(mutated))
    write_yaml(folder / "t.yaml", THESIS)
    corpus, diags = _load(folder)
    if diags.errors:
        return
    assert list(corpus.taxonomy.factors) == [f["id"] for f in mutated.get("factors") or []]
    assert list(corpus.taxonomy.categories) == [c["id"] for c in mutated.get("categories") or []]


@pytest.mark.parametrize("text", ["null\n", "~\n", "--- null\n"])
def test_a_document_that_is_only_null_is_an_error(tmp_path, text):
    write_yaml(tmp_path / "factors.yaml", TAXONOMY)
    (tmp_path / "t.yaml").write_text(text)
    _, diags = _load(tmp_path)
    assert [d.file.rsplit("/", 1)[-1] for d in diags.errors] == ["t.yaml"]
