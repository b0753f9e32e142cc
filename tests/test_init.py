"""Starting a new debate: argmap init, argmap new against it, and self-contained corpus folders."""

import yaml
from click.testing import CliRunner

from cli import cli
from conftest import TAXONOMY, write_yaml

NEP_WORDS = ("NEP", "Soviet", "Stalin", "Bolshevik", "kulak", "1921", "1927", "1928", "New Economic Policy")


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], obj={})


def test_init_writes_a_taxonomy_that_validates_and_nothing_of_nep(tmp_path):
    folder = tmp_path / "rome"
    result = run("init", folder, "--question", "Why did the Western Roman Empire fall?")
    assert result.exit_code == 0, result.output
    text = (folder / "factors.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert data["debate"] == "Why did the Western Roman Empire fall?"
    outcome = data["outcome"]
    categories = {f["id"]: f["category"] for f in data["factors"]}
    assert categories[outcome] != "outcome"  # the outcome's category is free, and here not called so
    assert data["questions"]
    assert (folder / "sources" / "README.md").read_text().startswith("# Source texts")
    for word in NEP_WORDS:
        assert word not in text, word
    check = run("validate", folder, "--strict")
    assert check.exit_code == 0, check.output


def test_new_writes_a_thesis_that_validates_against_the_new_debate(tmp_path):
    folder = tmp_path / "rome"
    run("init", folder)
    result = run("new", "gibbon", "--corpus", folder)
    assert result.exit_code == 0, result.output
    thesis = folder / "gibbon.yaml"
    text = thesis.read_text(encoding="utf-8")
    assert "explains: the_outcome" in text and "factor: economic_strain" in text
    for word in NEP_WORDS:
        assert word not in text, word
    check = run("validate", folder)
    assert check.exit_code == 0, check.output
    assert "1 theses" in check.output


def test_init_never_writes_into_a_folder_with_files(tmp_path):
    folder = tmp_path / "taken"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    result = run("init", folder)
    assert result.exit_code == 1 and "not empty" in result.output
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]


def test_init_escapes_the_question_for_yaml(tmp_path):
    folder = tmp_path / "d"
    question = 'Why: "really"? # not a comment'
    assert run("init", folder, "--question", question).exit_code == 0
    assert yaml.safe_load((folder / "factors.yaml").read_text())["debate"] == question
    assert run("validate", folder).exit_code == 0


def test_a_folder_without_a_taxonomy_never_borrows_the_bundled_one(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("list", "--corpus", empty)
    assert result.exit_code == 1
    assert "no factors.yaml in" in result.output and "argmap init" in result.output
    assert "New Economic Policy" not in result.output and "NEP" not in result.output


def test_theses_without_their_taxonomy_are_told_to_start_one(tmp_path, corpus_dir):
    lonely = tmp_path / "lonely"
    lonely.mkdir()
    (lonely / "alpha.yaml").write_text((corpus_dir / "alpha.yaml").read_text())
    result = run("validate", lonely)
    assert result.exit_code == 1
    assert "no factors.yaml in" in result.output and "arguments/factors.yaml" not in result.output


def test_new_without_a_taxonomy_says_to_init(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("new", "x", "--corpus", empty)
    assert result.exit_code == 1 and "argmap init" in result.output
    assert not (empty / "x.yaml").exists()


def test_unknown_factor_hint_names_the_corpus_own_taxonomy(tmp_path, corpus_dir):
    from conftest import thesis

    write_yaml(corpus_dir / "alpha.yaml", thesis(explains="the_end", claims=[
        {"id": "c", "text": "x", "factor": "no_such_factor", "role": "main"}], links=[], rejects=[]))
    result = run("validate", corpus_dir)
    assert "unknown factor `no_such_factor`" in result.output
    assert str(corpus_dir.name) in result.output and "arguments/factors.yaml" not in result.output
    assert TAXONOMY["debate"]  # the fixture corpus is the one checked
