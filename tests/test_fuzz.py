"""Property-based fuzzing: no input ever makes the loader raise anything but diagnostics."""

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
    try:
        read_yaml(data, "fuzz.yaml", Diagnostics())
    except ArgmapError as exc:
        assert exc.diagnostics and all(d.file == "fuzz.yaml" and d.line >= 0 for d in exc.diagnostics)


@FUZZ
@given(st.text(alphabet=st.sampled_from(list("ab:- \n\t[]{}&*!#'\",?|>%@`0.")), max_size=120))
def test_yaml_like_text_gives_data_or_diagnostics(text):
    try:
        read_yaml(text.encode(), "fuzz.yaml", Diagnostics())
    except ArgmapError as exc:
        assert exc.diagnostics


def _mutate(value, data):
    """Replace one random part of ``value`` with arbitrary YAML data."""
    if isinstance(value, dict) and value and data.draw(st.booleans()):
        key = data.draw(st.sampled_from(sorted(value)))
        return {**value, key: _mutate(value[key], data)}
    if isinstance(value, list) and value and data.draw(st.booleans()):
        i = data.draw(st.integers(0, len(value) - 1))
        return value[:i] + [_mutate(value[i], data)] + value[i + 1:]
    return data.draw(yaml_values)


@FUZZ
@given(st.data())
def test_mutated_theses_never_crash_the_loader(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("fuzz")
    write_yaml(folder / "factors.yaml", TAXONOMY)
    write_yaml(folder / "t.yaml", _mutate(THESIS, data))
    diags = Diagnostics()
    corpus = load_corpus([folder], diags)
    assert all(d.line >= 0 and d.message for d in diags)
    for t in corpus.theses.values():
        assert isinstance(t.claims, list)


@FUZZ
@given(st.data())
def test_mutated_taxonomies_never_crash_the_loader(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "factors.yaml").write_text(yaml.safe_dump(_mutate(TAXONOMY, data)))
    write_yaml(folder / "t.yaml", THESIS)
    load_corpus([folder], Diagnostics())
