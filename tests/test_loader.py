"""Loading and checking theses: every diagnostic, with its message and its line."""

import copy

import pytest
import yaml

from argmap.diagnostics import ArgmapError, Diagnostics
from argmap.loader import bundled_corpus_dir, find_theses, load_corpus
from conftest import TAXONOMY, THESIS, ev, thesis, write_yaml


def check(tmp_path, data, taxonomy=TAXONOMY, name="t.yaml"):
    write_yaml(tmp_path / "factors.yaml", taxonomy)
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        write_yaml(path, data)
    diags = Diagnostics()
    corpus = load_corpus([tmp_path], diags)
    return corpus, diags.sorted()


def codes(diags):
    return [d.code for d in diags]


def line_of(tmp_path, text, name="t.yaml"):
    """The 1-based line of the first line of the file containing ``text``."""
    lines = (tmp_path / name).read_text().splitlines()
    return next(i for i, l in enumerate(lines, 1) if text in l)


def test_valid_thesis_builds_the_model(tmp_path):
    corpus, diags = check(tmp_path, THESIS)
    assert diags == []
    alpha = corpus["alpha"]
    assert [c.id for c in alpha.claims] == ["low_prices", "no_goods"]
    assert alpha.claims[0].role == "root" and alpha.claims[0].weight == 4  # root is heavier than main
    assert alpha.links[1].inferred is True and alpha.links[0].inferred is False
    assert alpha.rejects[0].factor == "leader"
    assert alpha.claims[0].evidence[0].locator.line == 1
    assert corpus.taxonomy.category_of("prices").label == "Economy"


def test_unknown_key_suggests_the_right_one(tmp_path):
    data = thesis()
    data["claims"][0]["evidnce"] = data["claims"][0].pop("evidence")
    _, diags = check(tmp_path, data)
    (d, *_) = [d for d in diags if d.code == "unknown-key"]
    assert "`evidnce`" in d.message and d.hint == "did you mean `evidence`?"
    assert d.line == line_of(tmp_path, "evidnce:")


def test_value_outside_vocabulary_lists_the_allowed_values(tmp_path):
    data = thesis()
    data["links"][0]["relation"] = "caused"
    _, diags = check(tmp_path, data)
    (d,) = [d for d in diags if d.code == "vocabulary"]
    assert "causes, contributes_to, enables, aggravates, undermines, prevents" in d.message
    assert d.hint == "did you mean `causes`?"
    assert d.line == line_of(tmp_path, "relation: caused")


def test_missing_required_keys_are_each_reported(tmp_path):
    data = thesis()
    del data["author"], data["scope"]
    _, diags = check(tmp_path, data)
    assert sorted(d.message for d in diags if d.code == "missing-key") == [
        "thesis is missing the required key `author`", "thesis is missing the required key `scope`"]


def test_wrong_types_are_located(tmp_path):
    data = thesis(year="nineteen", claims={"a": 1})
    _, diags = check(tmp_path, data)
    by_code = {(d.code, d.line) for d in diags}
    assert ("type", line_of(tmp_path, "year:")) in by_code
    assert ("type", line_of(tmp_path, "claims:") + 1) in by_code  # where the mapping value starts


def test_boolean_where_text_belongs_says_to_quote_it(tmp_path):
    data = thesis(author="no")
    text = (write_yaml(tmp_path / "x.yaml", data)).read_text().replace("author: 'no'", "author: no")
    _, diags = check(tmp_path, text)
    (d,) = [d for d in diags if d.code == "type"]
    assert "true/false" in d.message and d.hint == "put the value in quotes"


def test_bad_identifier(tmp_path):
    data = thesis()
    data["claims"][0]["id"] = "Low Prices"
    _, diags = check(tmp_path, data)
    assert "bad-id" in codes(diags)


def test_duplicate_ids_in_a_thesis(tmp_path):
    data = thesis()
    data["rejects"][0]["id"] = "low_prices"
    _, diags = check(tmp_path, data)
    (d,) = [d for d in diags if d.code == "duplicate-id"]
    assert "`low_prices` is used twice" in d.message
    lines = (tmp_path / "t.yaml").read_text().splitlines()
    second = [i for i, l in enumerate(lines, 1) if "id: low_prices" in l][1]
    assert d.line == second


def test_duplicate_thesis_ids_across_files(tmp_path):
    write_yaml(tmp_path / "a.yaml", THESIS)
    _, diags = check(tmp_path, THESIS, name="b.yaml")
    (d,) = [d for d in diags if d.code == "duplicate-id"]
    assert d.file.endswith("b.yaml") and "a.yaml" in d.message


def test_dangling_link_and_unknown_factor(tmp_path):
    data = thesis()
    data["links"][0]["to"] = "no_good"
    data["claims"][0]["factor"] = "price"
    _, diags = check(tmp_path, data)
    (dangling,) = [d for d in diags if d.code == "dangling-link"]
    assert "`to: no_good`" in dangling.message and dangling.hint == "did you mean `no_goods`?"
    (factor,) = [d for d in diags if d.code == "unknown-factor"]
    assert factor.message == "unknown factor `price`" and factor.hint == "did you mean `prices`?"
    assert factor.line == line_of(tmp_path, "factor: price")


def test_link_from_rejected_view_is_an_error(tmp_path):
    data = thesis()
    data["links"].append({"from": "ambition", "to": "the_end", "relation": "causes", "inferred": True})
    _, diags = check(tmp_path, data)
    (d,) = [d for d in diags if d.code == "dangling-link"]
    assert "rejected view" in d.message


def test_self_link_and_duplicate_link(tmp_path):
    data = thesis()
    data["links"].append({"from": "no_goods", "to": "no_goods", "relation": "causes", "inferred": True})
    data["links"].append(copy.deepcopy(data["links"][0]))
    _, diags = check(tmp_path, data)
    assert {"self-link", "duplicate-link"} <= set(codes(diags))


def test_warnings_unsourced_cycle_anachronism_unlinked(tmp_path):
    data = thesis()
    data["claims"][1]["evidence"] = []
    data["claims"][0]["when"] = "1928"  # a cause in 1928 of an effect in 1927
    data["links"].append({"from": "no_goods", "to": "low_prices", "relation": "aggravates", "inferred": True})
    data["links"][0]["evidence"] = []
    data["claims"].append({"id": "alone", "text": "x", "factor": "faction", "role": "contributing", "evidence": ev()})
    data["claims"].append({"id": "context", "text": "y", "factor": "famine", "role": "background", "evidence": ev()})
    _, diags = check(tmp_path, data)
    assert all(not d.is_error for d in diags)
    found = codes(diags)
    assert found.count("unsourced") == 2  # the claim and the stated link
    assert {"cycle", "anachronism", "unlinked"} <= set(found)
    unlinked = [d.message for d in diags if d.code == "unlinked"]
    assert unlinked == ["claim `alone` is not linked to anything"]  # a background condition may stand alone
    cycle = next(d for d in diags if d.code == "cycle")
    assert cycle.message == "links form a cycle: low_prices -> no_goods -> low_prices"


def test_taxonomy_errors(tmp_path):
    taxonomy = copy.deepcopy(TAXONOMY)
    taxonomy["factors"][1]["category"] = "econ"
    taxonomy["factors"].append(copy.deepcopy(taxonomy["factors"][2]))
    taxonomy["categories"][0]["colour"] = "green"
    _, diags = check(tmp_path, THESIS, taxonomy)
    assert {"unknown-category", "duplicate-id", "bad-colour"} <= set(codes(diags))
    assert all(d.file.endswith("factors.yaml") for d in diags if d.is_error)


def test_all_problems_in_all_files_are_reported_sorted(tmp_path):
    (tmp_path / "b.yaml").write_text("id: x\nid: y\n")
    _, diags = check(tmp_path, "{broken", name="a.yaml")
    files = [d.file.rsplit("/", 1)[-1] for d in diags]
    assert files == sorted(files) and {"a.yaml", "b.yaml"} <= set(files)


def test_missing_taxonomy(tmp_path, monkeypatch):
    write_yaml(tmp_path / "t.yaml", THESIS)
    monkeypatch.setattr("argmap.loader.bundled_corpus_dir", lambda: tmp_path / "nowhere")
    diags = Diagnostics()
    load_corpus([tmp_path / "t.yaml"], diags)
    assert "no-taxonomy" in codes(diags)


def test_load_corpus_without_diags_raises_on_errors(tmp_path):
    write_yaml(tmp_path / "factors.yaml", TAXONOMY)
    (tmp_path / "t.yaml").write_text("argmap: 3\n")
    with pytest.raises(ArgmapError) as info:
        load_corpus([tmp_path])
    assert any(d.code == "version" for d in info.value.diagnostics)


def test_find_theses_by_id_and_path(corpus_dir):
    corpus = load_corpus([corpus_dir])
    assert [t.id for t in find_theses(["alpha", str(corpus_dir / "alpha.yaml")], corpus)] == ["alpha", "alpha"]
    with pytest.raises(LookupError, match=r"no thesis `beta` in the corpus \(ids: alpha\)"):
        find_theses(["beta"], corpus)


def test_bundled_corpus_is_found():
    assert (bundled_corpus_dir() / "factors.yaml").is_file()


def test_folded_text_loses_its_trailing_newline(tmp_path):
    # `text: >` blocks end in a newline; left in, it split list items in briefs and reports.
    raw = yaml.safe_dump(THESIS, sort_keys=False, allow_unicode=True)
    claim_text = THESIS["claims"][0]["text"]
    folded = raw.replace(f"text: {claim_text}", f"text: >\n      {claim_text}\n", 1)
    assert folded != raw
    corpus, diags = check(tmp_path, folded.replace("thesis: ", "thesis: >\n  ", 1))
    assert diags == []
    thesis_ = next(iter(corpus.theses.values()))
    assert thesis_.claims[0].text == claim_text and not thesis_.thesis.endswith("\n")


# --- format version 2 -------------------------------------------------------------------

QUESTIONS = [
    {"id": "planned", "question": "Was the end planned from the start?"},
    {"id": "who", "question": "Who decided?", "answers": [{"id": "leader", "label": "The leader"},
                                                         {"id": "party", "label": "The party"}],
     "factors": ["leader", "faction"]},
]


def v2_taxonomy(**changes):
    data = copy.deepcopy(TAXONOMY)
    data["questions"] = copy.deepcopy(QUESTIONS)
    data.update(changes)
    return data


def position(**changes):
    data = {"question": "planned", "answer": "yes", "basis": "stated", "gloss": "It was planned.",
            "evidence": ev("Nothing could be bought.", 2)}
    data.update(changes)
    return data


def test_version_1_file_gets_one_located_error_saying_what_to_change(tmp_path):
    old = thesis(argmap=1)
    for r in old["rejects"]:
        del r["scope"]
    _, diags = check(tmp_path, old)
    assert len(diags) == 1
    (d,) = diags
    assert d.code == "version" and d.line == line_of(tmp_path, "argmap: 1")
    assert "format version 1" in d.message and "`argmap: 2`" in d.message and "scope:" in d.message
    assert "outcome: FACTOR_ID" in d.message


def test_version_1_taxonomy_gets_one_error(tmp_path):
    old = copy.deepcopy(TAXONOMY)
    old["argmap"] = 1
    del old["outcome"]
    write_yaml(tmp_path / "factors.yaml", old)
    diags = Diagnostics()
    load_corpus([tmp_path / "factors.yaml"], diags)
    assert [(d.code, d.file.endswith("factors.yaml"), d.line) for d in diags] == [("version", True, 1)]


def test_taxonomy_must_declare_its_outcome(tmp_path):
    data = copy.deepcopy(TAXONOMY)
    del data["outcome"]
    _, diags = check(tmp_path, THESIS, taxonomy=data)
    assert [d.message for d in diags if d.code == "missing-key"] == [
        "taxonomy is missing the required key `outcome`"]


def test_outcome_must_be_a_factor(tmp_path):
    _, diags = check(tmp_path, THESIS, taxonomy=v2_taxonomy(outcome="the_ned"))
    (d,) = [d for d in diags if d.code == "unknown-factor"]
    assert d.file.endswith("factors.yaml") and d.line == line_of(tmp_path, "outcome:", "factors.yaml")
    assert d.hint == "did you mean `the_end`?"


def test_thesis_must_explain_the_declared_outcome(tmp_path):
    _, diags = check(tmp_path, thesis(explains="prices"))
    (d,) = [d for d in diags if d.code == "not-the-outcome"]
    assert d.line == line_of(tmp_path, "explains:") and "`the_end`" in d.hint


def test_rejection_needs_a_scope_from_the_vocabulary(tmp_path):
    data = thesis()
    del data["rejects"][0]["scope"]
    _, diags = check(tmp_path, data)
    assert [d.message for d in diags] == ["rejection is missing the required key `scope`"]
    data["rejects"][0]["scope"] = "sole"
    _, diags = check(tmp_path, data)
    (d,) = diags
    assert d.code == "vocabulary" and "factor, sole_cause, reading" in d.message
    assert d.line == line_of(tmp_path, "scope: sole")


def test_rejecting_outright_a_factor_the_author_asserts_is_an_error(tmp_path):
    data = thesis()
    data["rejects"][0].update(factor="prices", scope="factor")
    _, diags = check(tmp_path, data)
    (d,) = [d for d in diags if d.code == "self-contradiction"]
    assert d.line == line_of(tmp_path, "scope: factor") and "scope: reading" in d.hint
    data["rejects"][0]["scope"] = "sole_cause"  # low_prices is a root cause
    _, diags = check(tmp_path, data)
    assert [d.code for d in diags] == ["self-contradiction"]
    data["rejects"][0]["scope"] = "reading"
    assert check(tmp_path, data)[1] == []


def test_questions_and_positions_load(tmp_path):
    corpus, diags = check(tmp_path, thesis(positions=[position(), position(question="who", answer="party",
                                                                           basis="inferred", evidence=[])]),
                          taxonomy=v2_taxonomy())
    assert diags == []
    q = corpus.taxonomy.questions
    assert q["planned"].answers == {"yes": "Yes", "no": "No"}
    assert q["who"].answers == {"leader": "The leader", "party": "The party"} and q["who"].factors == ["leader", "faction"]
    alpha = corpus["alpha"]
    assert [(p.question, p.answer, p.basis) for p in alpha.positions] == [("planned", "yes", "stated"),
                                                                           ("who", "party", "inferred")]
    # position evidence is verified like any other
    assert any(item is alpha.positions[0] for item, _ in alpha.evidence())


def test_plain_yes_and_no_read_as_answer_ids(tmp_path):
    text = yaml.safe_dump(thesis(), sort_keys=False) + (
        "positions:\n  - question: planned\n    answer: no\n    basis: inferred\n    gloss: Not planned.\n")
    corpus, diags = check(tmp_path, text, taxonomy=v2_taxonomy())
    assert diags == [] and corpus["alpha"].positions[0].answer == "no"
    tax = v2_taxonomy(questions=[{"id": "planned", "question": "Planned?",
                                  "answers": [{"id": True, "label": "Yes indeed"}, {"id": False, "label": "No"}]}])
    corpus, diags = check(tmp_path, text, taxonomy=tax)
    assert diags == [] and corpus.taxonomy.questions["planned"].answers == {"yes": "Yes indeed", "no": "No"}


def test_position_errors_are_located(tmp_path):
    data = thesis(positions=[position(question="planed"), position(answer="maybe"),
                             position(question="who", answer="party", evidence=[]), position(answer="no")])
    _, diags = check(tmp_path, data, taxonomy=v2_taxonomy())
    found = {(d.code, d.line) for d in diags}
    text = (tmp_path / "t.yaml").read_text().splitlines()
    question_lines = [i for i, l in enumerate(text, 1) if "question: plan" in l]
    assert ("unknown-question", question_lines[0]) in found
    assert ("unknown-answer", line_of(tmp_path, "answer: maybe")) in found
    assert ("unsourced-position", line_of(tmp_path, "answer: party") + 1) in found  # at `basis:`
    assert ("duplicate-position", question_lines[2]) in found
    (unknown,) = [d for d in diags if d.code == "unknown-question"]
    assert unknown.hint == "did you mean `planned`?"
    (answer,) = [d for d in diags if d.code == "unknown-answer"]
    assert "yes, no" in answer.message


def test_question_factors_must_exist(tmp_path):
    tax = v2_taxonomy()
    tax["questions"][1]["factors"] = ["leader", "leeder"]
    _, diags = check(tmp_path, THESIS, taxonomy=tax)
    (d,) = diags
    assert d.code == "unknown-factor" and d.line == line_of(tmp_path, "- leeder", "factors.yaml")
    assert d.hint == "did you mean `leader`?"


# --- reading with a size limit; no FIFOs or devices (issue 15, item 5) ---------------------

def _validate_in_a_child(*args, cwd):
    """Run `argmap validate` in its own process, memory-capped, so that a regression that
    reads /dev/zero whole or blocks on a FIFO fails this test instead of the machine."""
    import resource
    import subprocess
    import sys

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    code = "import sys; from cli import main; sys.argv = ['argmap', 'validate', *sys.argv[1:]]; main()"
    try:
        return subprocess.run([sys.executable, "-c", code, *map(str, args)], cwd=cwd, capture_output=True,
                              text=True, timeout=120, preexec_fn=limit)
    except subprocess.TimeoutExpired:
        pytest.fail(f"argmap validate {args} never returned (blocked on a FIFO?)")


ROOT = __import__("pathlib").Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_fifos_and_devices_are_refused_with_a_located_error(tmp_path, kind):
    import os

    write_yaml(tmp_path / "factors.yaml", TAXONOMY)
    if kind == "fifo":
        target = tmp_path / "pipe.yaml"
        os.mkfifo(target)
    else:
        target = "/dev/zero"
    done = _validate_in_a_child(target, "--corpus", tmp_path, cwd=ROOT)
    assert done.returncode == 1, done.stderr
    word = "FIFO" if kind == "fifo" else "device"
    assert f"{target}:1:1: error: this is a" in done.stdout and word in done.stdout
    assert "Traceback" not in done.stdout + done.stderr and "internal error" not in done.stdout + done.stderr


def test_fifo_in_a_corpus_folder_is_skipped_like_any_non_file(tmp_path):
    import os

    write_yaml(tmp_path / "factors.yaml", TAXONOMY)
    write_yaml(tmp_path / "alpha.yaml", THESIS)
    os.mkfifo(tmp_path / "pipe.yaml")
    corpus, diags = check(tmp_path, THESIS, name="alpha.yaml")
    assert "alpha" in corpus.theses and not [d for d in diags if d.is_error]


def test_oversized_file_is_refused_without_reading_it_whole(tmp_path, monkeypatch):
    import argmap.loader
    import argmap.safeio
    from argmap.yamlread import MAX_BYTES

    read, parsed = [], []
    real_read, real_parse = argmap.safeio.os.read, argmap.loader.read_yaml
    monkeypatch.setattr(argmap.safeio.os, "read", lambda fd, n: read.append(n) or real_read(fd, n))
    monkeypatch.setattr(argmap.loader, "read_yaml", lambda data, *a: parsed.append(len(data)) or real_parse(data, *a))
    big = "a: " + "x" * (4 * MAX_BYTES)
    corpus, diags = check(tmp_path, big)
    (d,) = [d for d in diags if d.file.endswith("t.yaml")]
    assert (d.code, d.line, d.col) == ("too-large", 1, 1)
    assert sum(read) <= MAX_BYTES + 1 and all(n <= MAX_BYTES + 1 for n in parsed)


def test_short_name_is_used_where_the_name_repeats(tmp_path):
    from argmap.compare import diff, profile

    data = thesis(author="Ada Lovelace (attributed)", short="Lovelace")
    corpus, diags = check(tmp_path, data)
    assert not [d for d in diags if d.is_error] and corpus.theses["alpha"].name == "Lovelace"
    assert thesis_name_default(tmp_path / "x") == "Ada Lovelace"  # up to the parenthesis
    p = profile(corpus.theses["alpha"], corpus.taxonomy)
    d = diff(p, p, corpus.taxonomy)
    assert d.a["name"] == "Lovelace" and d.a["author"] == "Ada Lovelace (attributed)"


def thesis_name_default(folder):
    folder.mkdir()
    corpus, _ = check(folder, thesis(author="Ada Lovelace (attributed)"))
    return corpus.theses["alpha"].name


def test_names_drawn_in_diagrams_have_a_length_limit(tmp_path):
    """Graphviz refuses strings over 16 KB: a 17,000-character label is an error at its place, not a failed drawing."""
    taxonomy = copy.deepcopy(TAXONOMY)
    taxonomy["factors"][0]["label"] = "x" * 17_000
    write_yaml(tmp_path / "factors.yaml", taxonomy)
    write_yaml(tmp_path / "alpha.yaml", thesis())
    diags = Diagnostics()
    load_corpus([tmp_path], diags)
    too_long = [d for d in diags if d.code == "too-long"]
    assert len(too_long) == 1 and too_long[0].file.endswith("factors.yaml") and too_long[0].line > 1
    assert "17,000 characters; at most 200" in too_long[0].message


@pytest.mark.parametrize("field, value, code", [("argmap", 2.0, "version"), ("argmap", True, "version")])
def test_the_format_version_is_the_integer_2(tmp_path, field, value, code):
    write_yaml(tmp_path / "factors.yaml", TAXONOMY)
    write_yaml(tmp_path / "alpha.yaml", thesis(**{field: value}))
    diags = Diagnostics()
    load_corpus([tmp_path], diags)
    assert any(d.code == code for d in diags)


def test_a_period_cannot_be_nan_or_infinite(tmp_path):
    write_yaml(tmp_path / "factors.yaml", TAXONOMY)
    (tmp_path / "alpha.yaml").write_text(yaml.safe_dump(thesis()).replace("when: '1926'", "when: .nan", 1))
    diags = Diagnostics()
    load_corpus([tmp_path], diags)
    assert any("`when` must be a year or a period" in d.message for d in diags), [str(d) for d in diags]
