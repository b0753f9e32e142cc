"""Format v2 on a small made-up debate (Livy against Sallust, conftest): one test per conflict
type, scoped rejections, mixed stances, questions, inferred links, and an outcome whose
category is not called "outcome"."""

import json

import pytest

from argmap.compare import compare, diff, profile
from argmap.diagnostics import Diagnostics
from argmap.format import CONFLICT_TYPES, RELATIONS, ROLES
from argmap.loader import load_corpus
from argmap.quotes import verify_quotes
from argmap.render import diagrams
from argmap.render.text import compare_markdown, compare_text, diff_markdown, diff_text, matrix_csv


@pytest.fixture
def run():
    from click.testing import CliRunner

    from cli import cli

    def invoke(*args):
        return CliRunner().invoke(cli, [str(a) for a in args], obj={})
    return invoke


@pytest.fixture
def debate(debate_dir):
    corpus = load_corpus([debate_dir])
    livy, sallust = (profile(corpus[i], corpus.taxonomy) for i in ("livy", "sallust"))
    return corpus, livy, sallust


def conflicts(d, ctype):
    return [c for c in d.conflicts if c["type"] == ctype]


def test_the_debate_is_valid_and_its_position_quotes_verify(debate_dir):
    diags = Diagnostics()
    corpus = load_corpus([debate_dir], diags)
    assert diags.sorted() == []
    assert corpus.taxonomy.outcome == "fall" and corpus.taxonomy.factors["fall"].category == "verdict"
    assert verify_quotes(corpus, debate_dir.parent / "sources", diags) > 0 and diags.sorted() == []


def test_a_position_quote_not_in_the_source_is_an_error(debate_dir):
    text = (debate_dir / "livy.yaml").read_text().replace("Nothing could be bought.", "Nothing at all was sold.")
    (debate_dir / "livy.yaml").write_text(text)
    diags = Diagnostics()
    corpus = load_corpus([debate_dir], diags)
    verify_quotes(corpus, debate_dir.parent / "sources", diags)
    (error,) = diags.errors
    lines = (debate_dir / "livy.yaml").read_text().splitlines()
    assert error.file.endswith("livy.yaml") and "quote not found" in error.message
    assert "Nothing at all was sold." in lines[error.line - 1]  # located at the position's quote


def test_contradicts_outright(debate):
    corpus, livy, sallust = debate
    (senate,) = [c for c in conflicts(diff(livy, sallust, corpus.taxonomy), "contradicts") if c["factor"] == "senate"]
    assert senate["summary"] == "Gaius Sallustius rejects a selfish senate outright; Titus Livius asserts it."
    assert senate["b"]["rejections"][0]["evidence"][0]["locator"] == {"line": 5}
    assert senate["a"]["claims"][0]["evidence"][0]["locator"] == {"line": 1}


def test_sole_cause_rejection_conflicts_with_a_main_cause_only(debate):
    corpus, livy, sallust = debate
    d = diff(livy, sallust, corpus.taxonomy)
    (generals,) = [c for c in conflicts(d, "contradicts") if c["factor"] == "generals"]
    assert generals["summary"] == ("Gaius Sallustius rejects ambitious generals as the sole or main cause; "
                                   "Titus Livius makes it a main cause.")
    assert generals["b"]["stance"] == "mixed"  # Sallust also calls the generals one cause among many
    # grain: Livy calls it contributing, Sallust rejects it as the sole cause: no conflict, common ground
    assert "grain" not in {c.get("factor") for c in d.conflicts}
    (grain,) = [i for i in d.shared if i["kind"] == "factor" and i["factor"] == "grain"]
    assert grain["agreement_label"] == "both discuss"
    assert grain["rejection_notes"] == [
        "Gaius Sallustius rejects grain shortages as the sole or main cause: Hunger alone brought it down."]


def test_rejected_reading_makes_a_mixed_stance_and_no_conflict(debate):
    corpus, livy, sallust = debate
    d = diff(livy, sallust, corpus.taxonomy)
    (mob,) = [i for i in d.shared if i.get("factor") == "mob"]
    assert mob["b"]["stance"] == "mixed" and mob["b"]["stance_label"] == "asserts, and rejects a reading"
    assert mob["rejection_notes"] == ["Gaius Sallustius rejects a reading of the urban mob: The mob was simply bribed."]
    assert "mob" not in {c.get("factor") for c in d.conflicts}
    c = compare([livy, sallust], corpus.taxonomy)
    assert {r["factor"]: r["cells"]["sallust"]["stance"] for r in c.matrix}["mob"] == "mixed"
    assert {r["category"]: r["stances"]["sallust"] for r in c.categories}["people"] == "mixed"


def test_weighs_differently_needs_both_weights_stated(debate):
    corpus, livy, sallust = debate
    d = diff(livy, sallust, corpus.taxonomy)
    (debt,) = conflicts(d, "weighs_differently")
    assert debt["factor"] == "debt" and debt["type_label"] == "weigh differently"
    assert "\u201cthe root of it all\u201d" in debt["summary"] and "\u201ca lesser matter\u201d" in debt["summary"]
    # mob: main (our reading) against contributing (stated): listed apart, never a conflict
    assert [r["factor"] for r in d.readings_differ] == ["mob"]
    assert "our reading" in d.readings_differ[0]["summary"]


def test_answers_differently_same_answer_and_one_side_silent(debate):
    corpus, livy, sallust = debate
    d = diff(livy, sallust, corpus.taxonomy)
    assert [(q["question"], q["type"]) for q in d.questions] == [
        ("planned", "different_answer"), ("crisis", "same_answer"), ("senate_resisted", "only_a")]
    (planned,) = conflicts(d, "answers_differently")
    assert planned["summary"] == ("Was the fall planned by one man? Titus Livius answers \u201cYes\u201d, "
                                  "Gaius Sallustius \u201cNo\u201d.")
    assert planned["a"]["gloss"] == "One man planned it." and planned["b"]["basis"] == "stated"
    assert planned["b"]["evidence"][0]["locator"] == {"line": 5}
    assert d.counts["conflict_types"]["answers_differently"] == 1
    assert "senate_resisted" not in {c.get("question") for c in d.conflicts}  # silence never conflicts


def test_reversed_links_are_shown_but_not_conflicts_and_opposite_effect_is(debate):
    corpus, livy, sallust = debate
    d = diff(livy, sallust, corpus.taxonomy)
    # Debt -> generals for one, generals -> debt for the other: both can hold, so no conflict.
    (reversed_,) = d.reversed_links
    assert (reversed_["a"]["from"], reversed_["a"]["to"]) == ("debt", "generals")
    assert (reversed_["b"]["from"], reversed_["b"]["to"]) == ("generals", "debt")
    assert reversed_["summary"].startswith("Titus Livius draws public debt \u2192 ambitious generals, "
                                           "Gaius Sallustius ambitious generals \u2192 public debt.")
    assert not any(c["kind"] == "link" and {c["from"], c["to"]} == {"debt", "generals"} for c in d.conflicts)
    assert d.counts["reversed_links"] == 1
    mirror = diff(sallust, livy, corpus.taxonomy)
    assert (mirror.reversed_links[0]["a"]["from"], mirror.reversed_links[0]["a"]["to"]) == ("generals", "debt")
    (effect,) = conflicts(d, "opposite_effect")
    assert effect["summary"] == ("Titus Livius says ambitious generals causes the fall of the Republic; "
                                 "Gaius Sallustius says it prevents it.")
    assert effect["inferred"] is False


def test_inferred_links_come_in_only_when_asked_and_labelled(debate):
    corpus, livy, sallust = debate
    keys = lambda items: {(i["from"], i["to"]) for i in items if i["kind"] == "link"}  # noqa: E731
    d = diff(livy, sallust, corpus.taxonomy)
    assert ("grain", "fall") not in keys(d.only_a) and ("mob", "fall") in keys(d.only_a)
    d = diff(livy, sallust, corpus.taxonomy, include_inferred=True)
    (mob,) = [i for i in d.shared if i["kind"] == "link" and i["from"] == "mob"]
    assert mob["inferred"] is True  # Sallust's mob -> fall is ours
    assert ("grain", "fall") in keys(d.only_a)
    text = diff_text(d)
    assert "The urban mob \u2192 The fall of the Republic (inferred by us)" in text
    assert "Links inferred by us are included and marked." in text


def test_text_diff_leads_with_a_summary_in_words(debate):
    corpus, livy, sallust = debate
    text = diff_text(diff(livy, sallust, corpus.taxonomy))
    lead = text.split("\n\n")[0].splitlines()
    assert lead[2] == "(Counted over factors, links and questions.)"
    assert lead[3] == "Conflicts: 2 contradicts, 1 answer differently, 1 weigh differently, 1 opposite effect."
    assert "They draw 1 link the other way round; not a conflict, since both directions can hold." in lead
    assert "  Was the fall planned by one man? Titus Livius: Yes; Gaius Sallustius: No." in lead
    assert len(lead) <= 12
    for word in ("answers_differently", "weighs_differently", "sole_cause", "contributes_to", "l_generals",
                 "s_not_senate", "livy", "sallust"):
        assert word not in text
    md = diff_markdown(diff(livy, sallust, corpus.taxonomy))
    assert "## Questions (3)" in md and "sole_cause" not in md


def test_compare_has_a_question_table_and_counts_question_conflicts(debate):
    corpus, livy, sallust = debate
    c = compare([livy, sallust], corpus.taxonomy)
    rows = {r["question"]: {i: cell["answer"] for i, cell in r["cells"].items()} for r in c.questions}
    assert rows == {"planned": {"livy": "yes", "sallust": "no"}, "crisis": {"livy": "fiscal", "sallust": "fiscal"},
                    "senate_resisted": {"livy": "yes", "sallust": None}}
    contested = {(x["kind"], x.get("factor") or x.get("question") or (x["from"], x["to"])) for x in c.contested}
    assert ("question", "planned") in contested and ("factor", "senate") in contested
    # the category holding only the outcome is not a causal family, whatever its name
    assert "verdict" not in {r["category"] for r in c.categories}
    text = compare_text(c)
    assert "Was the fall planned by one man?" in text and "Titus Livius: Yes" in text
    assert "Gaius Sallustius: -" in text  # silent on the senate question
    assert "| Was the fall planned by one man? | Yes | No |" in compare_markdown(c)
    assert "question,planned,Was the fall planned by one man?,,Yes,No" in matrix_csv(c).splitlines()
    back = json.loads(json.dumps(c.as_dict()))
    assert back["questions"][0]["answers"] == [{"id": "yes", "label": "Yes"}, {"id": "no", "label": "No"}]


def test_every_role_and_relation_has_a_diagram_style():
    assert set(diagrams.ROLE_STYLE) == set(ROLES) and set(diagrams.ROLE_NOTE) == set(ROLES)
    assert set(diagrams.RELATION_STYLE) == set(RELATIONS) and set(diagrams.RELATION_GLYPH) == set(RELATIONS)


def test_conflict_type_labels_are_words():
    assert all("_" not in label for label in CONFLICT_TYPES.values())


def test_new_skeleton_validates_against_a_corpus_whose_outcome_is_elsewhere(run, debate_dir, tmp_path):
    out = tmp_path / "new.yaml"
    assert run("new", "tacitus", "--corpus", debate_dir, "-o", out).exit_code == 0
    text = out.read_text()
    assert "explains: fall" in text and "argmap: 2" in text and "scope: factor" in text
    result = run("validate", out, "--corpus", debate_dir)
    assert result.exit_code == 0, result.output


def test_cli_diff_and_compare_on_the_debate(run, debate_dir):
    data = json.loads(run("diff", "livy", "sallust", "--corpus", debate_dir, "--format", "json").output)
    assert [c["type"] for c in data["conflicts"]] == ["contradicts", "contradicts", "answers_differently",
                                                      "weighs_differently", "opposite_effect"]
    assert [(r["a"]["from"], r["b"]["from"]) for r in data["reversed_links"]] == [("debt", "generals")]
    assert data["counts"]["readings_differ"] == 1
    with_inferred = json.loads(run("compare", "--corpus", debate_dir, "--format", "json", "--include-inferred").output)
    assert with_inferred["include_inferred"] is True
    assert run("report", "--corpus", debate_dir, "-o", debate_dir.parent / "site").exit_code == 0


def test_format_doc_declares_every_vocabulary_word():
    from argmap.format import FORMAT_VERSION, POSITION_BASES, REJECTION_SCOPES
    from argmap.loader import bundled_corpus_dir

    doc = bundled_corpus_dir().parent / "docs" / "format.md"
    if not doc.is_file():
        pytest.skip("docs/ is not shipped with an installed package")
    text = doc.read_text(encoding="utf-8")
    assert f"version {FORMAT_VERSION}" in text
    for role, weight in ROLES.items():
        assert f"| `{role}` | {weight} |" in text
    for word in [*REJECTION_SCOPES, *POSITION_BASES, *RELATIONS]:
        assert f"`{word}`" in text, word
    for ctype, label in CONFLICT_TYPES.items():
        assert f"| `{ctype}` | {label} |" in text


def test_matrix_cells_say_what_is_rejected():
    from argmap.render.text import cell_text

    base = {"stance": "rejects", "role_label": None}
    assert cell_text({**base, "scopes": ["reading"]}) == "rejects a reading"
    assert cell_text({**base, "scopes": ["sole_cause"]}) == "rejects as sole cause"
    assert cell_text({**base, "scopes": ["reading", "factor"]}) == "REJECTS"
    assert cell_text({"stance": "mixed", "role_label": "main cause", "scopes": ["reading"]}) == \
        "main cause; \u2717 a reading"
    assert cell_text({"stance": "mixed", "role_label": "contributing cause", "scopes": ["sole_cause"]}) == \
        "contributing cause; \u2717 as sole cause"
    assert cell_text({"stance": "silent", "scopes": []}) == "-"
    assert cell_text({"stance": "asserts", "role_label": "contributing cause", "restrains": True, "scopes": []}) == \
        "contributing cause: held it back"


def test_stance_labels_never_call_a_sole_cause_or_reading_rejection_a_rejection_of_the_factor():
    from argmap.format import stance_label

    assert stance_label("rejects", ["factor"]) == "rejects"
    assert stance_label("rejects", ["sole_cause"]) == "rejects as the sole or main cause"
    assert stance_label("rejects", ["reading", "sole_cause"]) == "rejects as the sole or main cause"
    assert stance_label("mixed", ["sole_cause"]) == "asserts, and rejects as the sole or main cause"
    assert stance_label("mixed", ["reading"]) == "asserts, and rejects a reading"
    assert stance_label("asserts") == "asserts" and stance_label("silent") == "silent"


def test_an_answer_that_includes_another_is_no_conflict(tmp_path):
    import copy

    from argmap.compare import diff, profile
    from argmap.diagnostics import Diagnostics
    from argmap.loader import load_corpus
    from conftest import TAXONOMY, thesis, write_yaml

    tax = copy.deepcopy(TAXONOMY)
    tax["questions"] = [{"id": "what", "question": "Was it about policy or power?", "answers": [
        {"id": "policy", "label": "Policy"}, {"id": "power", "label": "Power"},
        {"id": "both", "label": "Both", "includes": ["policy", "power"]}]}]
    write_yaml(tmp_path / "factors.yaml", tax)

    def position(answer):
        return [{"question": "what", "answer": answer, "basis": "stated", "gloss": "g",
                 "evidence": [{"quote": "The prices were too low.", "locator": {"line": 1}}]}]
    for tid, answer in (("alpha", "both"), ("beta", "power"), ("gamma", "policy")):
        write_yaml(tmp_path / f"{tid}.yaml", thesis(id=tid, positions=position(answer)))
    corpus = load_corpus([tmp_path])
    p = {i: profile(t, corpus.taxonomy) for i, t in corpus.theses.items()}
    both = diff(p["alpha"], p["beta"], corpus.taxonomy)
    assert [q["type"] for q in both.questions] == ["overlapping_answer"] and both.conflicts == []
    assert "Questions where one answer includes the other" in diff_text(both)
    apart = diff(p["beta"], p["gamma"], corpus.taxonomy)
    assert [c["type"] for c in apart.conflicts] == ["answers_differently"]

    tax["questions"][0]["answers"][2]["includes"] = ["policy", "neither"]
    write_yaml(tmp_path / "factors.yaml", tax)
    diags = Diagnostics()
    load_corpus([tmp_path], diags)
    (error,) = [d for d in diags if d.code == "unknown-answer"]
    assert "includes `neither`" in error.message and error.line > 0


def test_model_records_compare_by_value_without_positions_and_never_share_defaults():
    """The written-out model classes keep the dataclass behaviour the library relies on."""
    from argmap.diagnostics import Loc
    from argmap.model import Claim, Corpus, Evidence, Locator, Taxonomy, Thesis

    a = Claim("c1", "Prices fell.", "prices", "main", evidence=[Evidence("prices fell", Locator(3))],
              loc=Loc("a.yaml", 4, 5), locs={"text": Loc("a.yaml", 5, 7)})
    b = Claim("c1", "Prices fell.", "prices", "main", evidence=[Evidence("prices fell", Locator(3))])
    assert a == b  # where a record was read is not part of what it says
    assert a != Claim("c1", "Prices fell.", "prices", "root", evidence=a.evidence)
    assert a != ("c1", "Prices fell.", "prices", "main")
    assert repr(b).startswith("Claim(id='c1', text='Prices fell.'") and " loc=" not in repr(a) and "locs=" not in repr(a)
    with pytest.raises(TypeError):
        hash(a)  # mutable records are not hashable, as dataclasses with eq and not frozen
    one, two = Thesis("t1", "A", "W", "f", "c", "s", "o", "x"), Thesis("t2", "B", "W", "f", "c", "s", "o", "x")
    one.claims.append(a)
    assert two.claims == [] and two.locs == {} and one.locs is not two.locs
    assert Corpus(Taxonomy("d")).theses is not Corpus(Taxonomy("d")).theses
    with pytest.raises(AttributeError):
        a.colour = "red"  # slots: a misspelt field is an error, not a new attribute


def test_every_rejection_vocabulary_covers_every_scope():
    """The scope words are declared together in argmap.format; each table must know every scope."""
    from argmap.format import (ALSO_REJECTED_WORDS, REJECTION_CELL_WORDS, REJECTION_SCOPES, STANCE_BY_SCOPE,
                               STANCE_BY_WHOM)

    scopes = set(REJECTION_SCOPES)
    assert set(ALSO_REJECTED_WORDS) == set(REJECTION_CELL_WORDS) == scopes
    for stance in ("rejects", "mixed"):
        assert {s for st, s in STANCE_BY_SCOPE if st == stance} == scopes
        assert {s for st, s in STANCE_BY_WHOM if st == stance} == scopes
