"""Briefs that are brief: the one-page summary, the word budget, plain words only; motions by
the scope of each rejection; labels that read naturally inside sentences; list --questions."""

import copy
import itertools
import re

import pytest
from click.testing import CliRunner

from argmap.compare import AGREEMENTS, QUESTION_TYPES, READINGS_DIFFER, REVERSED, profile
from argmap.debate import POSITION_LABELS, motion_brief, position_on
from argmap.format import CONFLICT_TYPES, POSITION_BASES, REJECTION_SCOPES, RELATIONS
from argmap.loader import load_corpus
from argmap.words import in_sentence, proper_words, taxonomy_proper_words
from cli import cli
from conftest import TAXONOMY, THESIS, ev, write_yaml
from test_compare import BETA

BUNDLED = ["behrens", "bettelheim", "hosking", "reiman", "synergy"]
PAIRS = list(itertools.permutations(BUNDLED, 2))  # the ten pairs, each side's brief
SUMMARY = ["## At a glance", "### Your three strongest points", "### Their three strongest points",
           "### The questions that decide the round", "### Weak spots in", "## 1. The two theses",
           "## 2. The cruxes", "## 6. Questions to put to"]


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], obj={})


@pytest.fixture(scope="module")
def bundled_briefs():
    out = {}
    for a, b in PAIRS:
        result = run("debate", a, "--against", b)
        assert result.exit_code == 0, result.output
        out[a, b] = result.output
    return out


@pytest.fixture(scope="module")
def bundled():
    result = run("list")  # the bundled corpus loads
    assert result.exit_code == 0
    from pathlib import Path
    return load_corpus([Path(__file__).resolve().parents[1] / "arguments"])


def test_every_brief_opens_with_the_summary_in_order(bundled_briefs):
    for pair, md in bundled_briefs.items():
        places = [md.find(h) for h in SUMMARY]
        assert -1 not in places, (pair, [h for h, p in zip(SUMMARY, places) if p < 0])
        assert places == sorted(places), pair
        glance = md[md.index("## At a glance"):md.index("## 1. The two theses")]
        # Three strongest points, each with a quote and its line.
        mine = glance[glance.index("### Your three"):glance.index("### Their three")]
        assert len(re.findall(r"^- ", mine, re.M)) == 3, pair
        assert len(re.findall(r"^  - \*\u201c.+\u201d\* \(\w[^,]*, line \d+", mine, re.M)) == 3, pair
        theirs = glance[glance.index("### Their three"):glance.index("### The questions")]
        assert len(re.findall(r"^- ", theirs, re.M)) == 3, pair
        assert len(re.findall(r"^  - Your answer: ", theirs, re.M)) >= 3, pair


def test_default_briefs_stay_within_four_thousand_words_and_full_has_more(bundled_briefs):
    counts = {pair: len(md.split()) for pair, md in bundled_briefs.items()}
    assert max(counts.values()) <= 4000, counts
    for pair, md in bundled_briefs.items():
        glance = md[md.index("## At a glance"):md.index("## 1. The two theses")]
        assert len(glance.split()) <= 1100, pair  # about a page
    full = run("debate", "reiman", "--against", "synergy", "--full").output
    assert len(full.split()) > 2 * counts["reiman", "synergy"]
    assert "Link the text does not state" in full and "Link the text does not state" not in bundled_briefs[
        "reiman", "synergy"]


def test_briefs_name_no_id_or_enum_and_explain_what_is_at_stake(bundled_briefs, bundled):
    ids = set(bundled.taxonomy.factors) | set(bundled.taxonomy.questions)
    for t in bundled.theses.values():
        ids |= {c.id for c in t.claims} | {r.id for r in t.rejects}
    enums = {*RELATIONS, *CONFLICT_TYPES, *REJECTION_SCOPES, *POSITION_BASES, *AGREEMENTS, *QUESTION_TYPES,
             READINGS_DIFFER, REVERSED, *POSITION_LABELS}
    names = {n for n in ids | enums if "_" in n}
    for pair, md in bundled_briefs.items():
        words = set(re.findall(r"[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+", md))
        assert not words & names, (pair, words & names)
        assert not re.search(r"At stake: \d", md), pair
        assert "What rests on it:" in md or "do not conflict anywhere" in md, pair
        for t in bundled.theses.values():
            if t.short:
                assert t.author not in md.replace(t.work, ""), pair  # short names throughout


def test_the_scope_warning_leads_the_weak_spots(bundled_briefs):
    md = bundled_briefs["reiman", "synergy"]
    weak = md[md.index("### Weak spots in Reiman"):md.index("## 1. The two theses")]
    first = weak.split("\n- ")[1]
    assert first.startswith("Reiman's text stops before the end of NEP") and "1926" in first
    assert "our reading" in first
    assert weak.count("\n- ") <= 6  # the ones that matter, the mechanical ones as one count
    assert re.search(r"Besides: \d+ other links? between causes", weak)
    # A scope reaching "the mid-1930s" does not stop before 1928; most links inferred is still said.
    behrens = bundled_briefs["behrens", "reiman"]
    weak = behrens[behrens.index("### Weak spots in Behrens"):behrens.index("## 1. The two theses")]
    assert "stops before" not in weak and "4 of the 6 links from Behrens's account" in weak
    # A text whose links to the outcome are all stated gets no scope warning.
    synergy = bundled_briefs["synergy", "reiman"]
    weak = synergy[synergy.index("### Weak spots in Synergy"):synergy.index("## 1. The two theses")]
    assert "text stops before" not in weak and "never itself says what brought about" not in weak


# --- motions ---------------------------------------------------------------------------------

@pytest.fixture
def motion_corpus(tmp_path):
    write_yaml(tmp_path / "factors.yaml", TAXONOMY)
    write_yaml(tmp_path / "alpha.yaml", THESIS)  # rejects the leader outright
    write_yaml(tmp_path / "beta.yaml", BETA)     # the leader a main cause
    gamma = copy.deepcopy(THESIS)
    gamma.update(id="gamma", author="C. Critic")
    gamma["rejects"] = [{"id": "ambition_read", "text": "Ambition meant greed.", "factor": "leader",
                         "scope": "reading", "evidence": ev("It was not the ambition of one man.", 5)}]
    delta = copy.deepcopy(THESIS)
    delta.update(id="delta", author="D. Doubter")
    delta["rejects"] = [{"id": "ambition_sole", "text": "The leader alone did it.", "factor": "leader",
                         "scope": "sole_cause", "evidence": ev("It was not the ambition of one man.", 5)}]
    write_yaml(tmp_path / "gamma.yaml", gamma)
    write_yaml(tmp_path / "delta.yaml", delta)
    return tmp_path


def test_a_rejected_reading_or_sole_cause_opposes_only_what_it_denies(motion_corpus):
    corpus = load_corpus([motion_corpus])
    profs = [profile(t, corpus.taxonomy) for t in corpus.theses.values()]
    m = motion_brief("leader", profs, corpus.taxonomy)
    assert [x["id"] for x in m["opposition"]] == ["alpha"]
    assert {x["id"] for x in m["reserves"]} == {"gamma", "delta"}
    assert m["positions"]["gamma"] == "rejects_reading" and m["positions"]["delta"] == "rejects_main"
    main = motion_brief("leader", profs, corpus.taxonomy, main=True)
    assert main["motion"] == "Leader was the main cause of the end."
    assert {x["id"] for x in main["opposition"]} == {"alpha", "delta"}
    assert [x["id"] for x in main["reserves"]] == ["gamma"]
    assert [x["id"] for x in main["proposition"]] == ["beta"]
    by_id = {p.id: p for p in profs}
    assert position_on(by_id["gamma"], "leader", main=True) == "rejects_reading"
    md = run("debate", "--motion", "leader", "--corpus", motion_corpus).output
    assert "D. Doubter: rejects it as the sole or main cause only" in md
    assert "rejects_" not in md


def test_motion_refuses_the_outcome_and_unknown_factors(motion_corpus):
    for factor, why in (("the_end", "what the debate explains"), ("leaders", "unknown factor `leaders`")):
        result = run("debate", "--motion", factor, "--corpus", motion_corpus)
        assert result.exit_code == 2, result.output
        assert why in result.output
        assert "Valid factors: prices, famine, faction, leader" in result.output
        assert "Traceback" not in result.output
    assert run("debate", "--main-cause", "alpha", "--against", "beta", "--corpus", motion_corpus).exit_code == 2
    ok = run("debate", "--motion", "prices", "--main-cause", "--corpus", motion_corpus)
    assert ok.exit_code == 0 and "# Motion: Prices was the main cause of the end." in ok.output


# --- labels inside sentences -------------------------------------------------------------------

def test_labels_are_lower_cased_mid_sentence_unless_names_or_acronyms():
    proper = proper_words(["The policy of the New Economic Policy was Stalin's, in Russia, by Bukharin.",
                           "Lenin said \"The Retreat\" was over."])
    assert in_sentence("The end of NEP", proper) == "the end of NEP"
    assert in_sentence("Grain procurement crisis", proper) == "grain procurement crisis"
    assert in_sentence("NEP's incomplete theory", proper) == "NEP's incomplete theory"  # second letter upper
    assert in_sentence("USSR isolation", proper) == "USSR isolation"
    assert in_sentence("Stalin's policy choice", proper) == "Stalin's policy choice"  # a name in the text
    assert in_sentence("Russian autocratic tradition", proper) == "Russian autocratic tradition"  # from "Russia"
    assert in_sentence("Bukharinist views", proper) == "Bukharinist views"
    assert in_sentence("Economic isolation", proper) == "economic isolation"  # only part of a longer name
    assert in_sentence("Retreat and advance", proper) == "retreat and advance"  # capitalised only in a quote
    # A word seen only at the start of sentences is not known to be a name; seen mid-sentence, it is.
    assert "Lenin" not in proper
    assert in_sentence("Lenin's heirs", proper_words(["Lenin said so.", "as Lenin said"])) == "Lenin's heirs"
    assert in_sentence("1925 harvest", proper) == "1925 harvest" and in_sentence("", proper) == ""


def test_bundled_labels_in_sentences(bundled):
    proper = taxonomy_proper_words(bundled.taxonomy, bundled.theses.values())
    labels = {f.label: in_sentence(f.label, proper) for f in bundled.taxonomy.factors.values()}
    assert labels["The end of NEP"] == "the end of NEP"
    assert labels["Capitalist encirclement"] == "capitalist encirclement"
    assert labels["Stalin's apparatus"] == "Stalin's apparatus"
    assert labels["Leninist orthodoxy and the Lenin cult"] == "Leninist orthodoxy and the Lenin cult"
    assert labels["Bolshevik hostility to the market"] == "Bolshevik hostility to the market"
    md = run("debate", "--motion", "stalin_apparatus").output
    assert md.startswith("# Motion: Stalin's apparatus brought about the end of NEP.")


# --- list --questions ----------------------------------------------------------------------------

def test_list_questions_shows_the_cruxes_and_who_answers_what(motion_corpus, bundled):
    result = run("list", "--questions")
    assert result.exit_code == 0, result.output
    out = result.output
    assert f"Contested questions ({len(bundled.taxonomy.questions)})" in out
    first, table = out.split("Who answers what")
    q = bundled.taxonomy.questions["isolation_cause"] if "isolation_cause" in bundled.taxonomy.questions else \
        next(q for q in bundled.taxonomy.questions.values() if "isolation" in q.question)
    number = list(bundled.taxonomy.questions).index(q.id) + 1
    assert f"{number:>2}. Was the Soviet economy's isolation" in first
    assert "a) Imposed by hostile powers" in first and "b) Largely self-made" in first
    header = table.splitlines()[1]
    assert header.split()[:6] == ["#", "Behrens", "Bettelheim", "Hosking", "Reiman", "Synergy"]
    row = next(line for line in table.splitlines() if line.startswith(f"{number} "))
    cells = row.split()
    assert cells[1:6] == ["-", "-", "-", "b", "a"]  # Reiman: self-made; Synergy: imposed; Hosking gives no answer
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", out)  # no ids
    # A corpus with no questions says how to add them, and --factors with --questions is refused.
    empty = run("list", "--questions", "--corpus", motion_corpus)
    assert empty.exit_code == 0 and "declares no contested questions" in empty.output
    assert run("list", "--questions", "--factors").exit_code == 2
