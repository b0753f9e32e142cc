"""The bundled NEP corpus: valid, faithful to its texts, and comparable."""

import re

import pytest
from click.testing import CliRunner

from argmap.compare import compare, profile
from argmap.diagnostics import Diagnostics
from argmap.loader import bundled_corpus_dir, load_corpus
from argmap.quotes import fold, verify_quotes
from cli import cli

CORE = ("international", "grain", "party", "ideology")
AUTHORS = {"synergy", "behrens", "bettelheim", "reiman", "hosking"}


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


def test_all_five_theses_are_bundled(corpus):
    assert set(corpus.theses) == AUTHORS


def test_corpus_is_valid_under_strict(corpus):
    result = CliRunner().invoke(cli, ["validate", "--strict"], obj={})
    assert result.exit_code == 0, result.output


def test_every_quote_verifies_against_the_source_texts(corpus, seeds):
    diags = Diagnostics()
    checked = verify_quotes(corpus, seeds, diags)
    assert checked > 300
    assert diags.sorted() == []


def test_claims_are_paraphrased_not_copied(corpus, seeds):
    """No run of 10 words outside a quote stands verbatim in the source text."""
    for thesis in corpus.theses.values():
        source = fold((seeds / thesis.source_file).read_text(encoding="utf-8"))
        texts = [thesis.thesis, thesis.notes or ""] + [c.text for c in thesis.claims] + [r.text for r in thesis.rejects]
        for text in texts:
            words = fold(text).split()
            for i in range(len(words) - 9):
                run = " ".join(words[i:i + 10])
                assert run not in source, f"{thesis.id}: copied from the source: {run!r}"


def test_quotes_are_short_and_located(corpus):
    for thesis in corpus.theses.values():
        for _, e in thesis.evidence():
            assert len(e.quote.split()) <= 80 and e.locator.line >= 1


def test_every_claim_and_stated_link_has_one_to_three_quotes(corpus):
    for thesis in corpus.theses.values():
        for c in thesis.claims:
            assert 1 <= len(c.evidence) <= 3, (thesis.id, c.id)
        for link in thesis.links:
            if not link.inferred:
                assert 1 <= len(link.evidence) <= 3, (thesis.id, link.source, link.target)


def test_core_categories_are_populated_and_positions_readable(corpus):
    c = compare([profile(t, corpus.taxonomy) for t in corpus.theses.values()], corpus.taxonomy)
    rows = {r["category"]: r["stances"] for r in c.categories}
    for category in CORE:
        assert any(s == "asserts" for s in rows[category].values()), category
        assert set(rows[category]) == AUTHORS


def test_scope_is_respected(corpus):
    # Hosking never mentions the 1927 war scare; Reiman's text stops in July 1926.
    assert all(c.factor != "war_scare_1927" for c in corpus["hosking"].claims)
    for c in corpus["reiman"].claims:
        years = [int(y) for y in re.findall(r"\b(19\d\d)\b", str(c.when or ""))]
        assert not years or min(years) <= 1926, c.id


def test_authors_own_weighting_is_kept(corpus):
    synergy = {c.role for c in corpus["synergy"].claims}
    assert {"root", "main", "direct"} <= synergy
    terms = " ".join((c.author_term or "").lower() for t in corpus.theses.values() for c in t.claims)
    assert "root cause" in terms and "direct cause" in terms and "main cause" in terms
    assert any(r.factor == "stalin_personal_power" for r in corpus["synergy"].rejects)


def test_bundled_corpus_dir_is_the_default():
    assert (bundled_corpus_dir() / "factors.yaml").is_file()


def test_corpus_doc_introduces_every_thesis_and_factor(corpus):
    """docs/corpus.md keeps up with the corpus: a section per thesis, every factor in the table."""
    doc = (bundled_corpus_dir().parent / "docs" / "corpus.md")
    if not doc.is_file():
        pytest.skip("docs/ is not shipped with an installed package")
    text = doc.read_text(encoding="utf-8")
    sections = set(re.findall(r"^### `(\w+)`", text, re.M))
    assert sections == set(corpus.theses)
    named = set(re.findall(r"\(`(\w+)`\)", text))
    assert named == set(corpus.taxonomy.factors)
