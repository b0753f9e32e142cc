"""Comparing authors: where two theses agree, differ and conflict, and the whole debate.

Authors are compared on the taxonomy and on the debate's questions: each thesis becomes a
:class:`Profile`, its stance on every factor it discusses (asserts, rejects, or mixed: it
asserts the factor and rejects a view of it), the factor-to-factor links it draws and its
answers to the questions. Then

* :func:`diff` says, for two authors, what both hold, what only one discusses, and where
  they conflict. Conflict types (``format.CONFLICT_TYPES``): ``contradicts`` (one asserts
  what the other rejects, by the rejection's scope), ``answers_differently`` (a question),
  ``weighs_differently`` (both weights stated by the authors and far apart) and
  ``opposite_effect`` (the same stated link with the opposite sign). A weight difference
  resting on our reading goes to ``readings_differ``, and a factor link the other author
  draws the other way round to ``reversed_links``: never to conflicts, since both
  directions can hold (a feedback, or two mechanisms of different years);
* :func:`compare` builds the factor x author matrix, the question x author table, pairwise
  and ranking agreement, the consensus links and the most contested points.

Silence is never a conflict. Inferred links (ours, not the author's) are left out unless
``include_inferred`` is true, and then every item resting on one says so.
"""

from __future__ import annotations

import bisect
import itertools
from collections import Counter
from dataclasses import dataclass, field

from .analysis import factor_scores
from .collector import paused_collector
from .format import (CATEGORY_STANCES, CONFLICT_TYPES, MAIN_ROLES, POSITION_BASES, REJECTION_SCOPES, RELATION_LABELS,
                     ROLE_LABELS, ROLES, STANCES, WEIGHT_GAP, stance_label)
from .graphs import ASSERTS, MIXED, OUTCOME, REJECTS, SILENT, plain_factor_graph, plain_thesis_graph
from .model import Corpus, Evidence, Position, Taxonomy, Thesis
from .words import in_sentence, taxonomy_proper_words

CONTRADICTS, ANSWERS, WEIGHS, EFFECT = CONFLICT_TYPES  # in the order they are listed
READINGS_DIFFER = "readings_differ"
#: A factor link one author draws X -> Y and the other Y -> X. Not a conflict: the two texts
#: almost always describe different mechanisms or years (checked on the bundled corpus), and
#: both directions can hold at once; a real denial of a direction is a rejected view.
REVERSED = "reversed_links"
#: Kinds of agreement on a factor both authors discuss without conflict, and their words.
AGREEMENTS = {"both_assert": "both assert", "both_reject": "both reject", "both_discuss": "both discuss"}
#: How two authors stand on a question, and the words.
QUESTION_TYPES = {"same_answer": "same answer", "different_answer": "different answers",
                  "overlapping_answer": "one answer includes the other",
                  "only_a": "only the first answers", "only_b": "only the second answers"}
_TYPE_ORDER = {t: i for i, t in enumerate(CONFLICT_TYPES)}
_WEIGHTS = sorted(set(ROLES.values()))
_KIND_ORDER = {"question": 0, "factor": 1, "link": 2}


@dataclass
class Profile:
    """One thesis seen through the taxonomy: its stances, factor links, answers and scores."""

    thesis: Thesis
    positions: dict = field(default_factory=dict)   # factor id -> factor-graph node data
    links: dict = field(default_factory=dict)       # (factor, factor) -> factor-graph edge data (all)
    scores: dict = field(default_factory=dict)      # factor id -> importance 0..1
    answers: dict = field(default_factory=dict)     # question id -> Position

    outcome_label: str = "the outcome"
    graph: object = None  # the thesis as a plain graph (argmap.graphs.plain_thesis_graph), built once

    def __post_init__(self):
        self.stated_links = {k: e for k, e in self.links.items() if not e["inferred"]}

    @property
    def id(self) -> str:
        return self.thesis.id

    def stance(self, factor: str) -> str:
        node = self.positions.get(factor)
        return node["stance"] if node else SILENT

    def asserts(self, factor: str) -> bool:
        return self.stance(factor) in (ASSERTS, MIXED)

    def causes(self, factor: str) -> bool:
        """True when the author asserts the factor as a cause, not only as what held the outcome back."""
        node = self.positions.get(factor)
        return bool(node) and node["stance"] in (ASSERTS, MIXED) and not node["restrains"]

    def scopes(self, factor: str) -> list:
        node = self.positions.get(factor)
        return node["scopes"] if node else []

    def compared_links(self, include_inferred: bool = False) -> dict:
        """The links the comparison counts: stated ones, or all with ``include_inferred``."""
        return self.links if include_inferred else self.stated_links


def profile(thesis: Thesis, taxonomy: Taxonomy) -> Profile:
    # Plain graphs: the same nodes, edges and data as networkx's, several times cheaper to build.
    fgraph = plain_factor_graph(thesis, taxonomy)
    positions = {f: data for f, data in fgraph.nodes(data=True) if data["stance"] != OUTCOME}
    links = {(s, t): data for s, t, data in fgraph.edges(data=True)}
    answers = {p.question: p for p in thesis.positions}
    outcome = taxonomy.factors.get(thesis.explains)
    graph = plain_thesis_graph(thesis, taxonomy)
    return Profile(thesis, positions, links, factor_scores(graph), answers,
                   outcome.label if outcome else "the outcome", graph)


# --- classifying the differences of two profiles ----------------------------------------

def _contradictions(a: Profile, b: Profile, f: str) -> list[tuple[str, str]]:
    """``(rejecting side, scope)`` for every rejection of one author the other's claims contradict.

    Scope ``factor`` conflicts with any assertion of the factor; ``sole_cause`` only with one
    that makes it a root or main cause; ``reading`` never conflicts by itself.
    """
    out = []
    for side, r, o in (("a", a, b), ("b", b, a)):
        if not o.causes(f):  # saying it held the outcome back is no assertion that it caused it
            continue
        for scope in r.scopes(f):
            if scope == "factor" or (scope == "sole_cause" and o.positions[f]["role"] in MAIN_ROLES):
                out.append((side, scope))
    return out


def _classify(a: Profile, b: Profile, taxonomy: Taxonomy, include_inferred: bool = False):
    """Yield ``(group, kind, key, type)`` for every factor, link and question either discusses.

    ``group`` is shared, only_a, only_b, conflict, readings_differ, reversed_links or question. A
    weighs-differently conflict is yielded twice: as shared (both assert the factor) and as
    a conflict; a question answered differently is a question item and a conflict. Keys
    are sorted for a stable order.
    """
    for f in sorted(a.positions.keys() | b.positions.keys()):
        sa, sb = a.stance(f), b.stance(f)
        if sa == SILENT or sb == SILENT:
            yield ("only_a" if sb == SILENT else "only_b"), "factor", f, None
            continue
        if _contradictions(a, b, f):
            yield "conflict", "factor", f, CONTRADICTS
            continue
        both = a.causes(f) + b.causes(f)
        agreement = "both_assert" if both == 2 else "both_reject" if not (a.asserts(f) or b.asserts(f)) \
            else "both_discuss"
        yield "shared", "factor", f, agreement
        if both == 2 and abs(a.positions[f]["weight"] - b.positions[f]["weight"]) >= WEIGHT_GAP:
            if a.positions[f]["stated"] and b.positions[f]["stated"]:
                yield "conflict", "factor", f, WEIGHS
            else:
                yield READINGS_DIFFER, "factor", f, None
    la_all, lb_all = a.compared_links(include_inferred), b.compared_links(include_inferred)
    reversed_done = set()
    for key in sorted(la_all.keys() | lb_all.keys()):
        la, lb = la_all.get(key), lb_all.get(key)
        if la and lb:
            yield ("conflict", "link", key, EFFECT) if la["polarity"] * lb["polarity"] < 0 else \
                ("shared", "link", key, None)
            continue
        back = key[::-1]
        other = lb_all.get(back) if la else la_all.get(back)
        mine_back = la_all.get(back) if la else lb_all.get(back)
        if other is not None and mine_back is None:
            canonical = tuple(sorted(key))
            if canonical not in reversed_done:
                reversed_done.add(canonical)
                yield REVERSED, "link", canonical, None
            continue
        yield ("only_a" if la else "only_b"), "link", key, None
    for q in _questions(a, b, taxonomy):
        pa, pb = a.answers.get(q), b.answers.get(q)
        if pa is None or pb is None:
            yield "question", "question", q, ("only_a" if pb is None else "only_b")
        elif pa.answer == pb.answer:
            yield "question", "question", q, "same_answer"
        elif q in taxonomy.questions and taxonomy.questions[q].overlap(pa.answer, pb.answer):
            # "Both policy and power" against "power": they agree on the part one names; no conflict.
            yield "question", "question", q, "overlapping_answer"
        else:
            yield "question", "question", q, "different_answer"
            yield "conflict", "question", q, ANSWERS


def _questions(a: Profile, b: Profile, taxonomy: Taxonomy) -> list[str]:
    """Questions either author answers, in taxonomy order (unknown ones last, sorted)."""
    answered = a.answers.keys() | b.answers.keys()
    order = [q for q in taxonomy.questions if q in answered]
    return order + sorted(answered - set(order))


def _tally(stream) -> tuple[list, dict]:
    """Conflicts as ``(kind, key, type)`` and the counts of a classification stream."""
    conflicts, counts = [], {"shared": 0, "only_a": 0, "only_b": 0, "conflicts": 0, READINGS_DIFFER: 0, REVERSED: 0}
    by_type = dict.fromkeys(CONFLICT_TYPES, 0)
    for group, kind, key, kind_type in stream:
        if group == "conflict":
            conflicts.append((kind, key, kind_type))
            counts["conflicts"] += 1
            by_type[kind_type] += 1
        elif group == "question":
            if kind_type in ("same_answer", "overlapping_answer"):
                counts["shared"] += 1
            elif kind_type in ("only_a", "only_b"):
                counts[kind_type] += 1
        else:
            counts[group] += 1
    counts["conflict_types"] = by_type
    return sorted(conflicts, key=lambda c: (_TYPE_ORDER[c[2]], _KIND_ORDER[c[0]], c[1])), counts


def pair_conflicts(a: Profile, b: Profile, taxonomy: Taxonomy, include_inferred: bool = False) -> list[tuple]:
    """The conflicts of two authors as ``(kind, key, type)``, without building the evidence."""
    return _tally(_classify(a, b, taxonomy, include_inferred))[0]


def pair_counts(a: Profile, b: Profile, taxonomy: Taxonomy, include_inferred: bool = False) -> dict:
    """How many items of each group :func:`diff` reports (question items count in shared and only).

    ``conflict_types`` counts the conflicts of each type; ``readings_differ`` the weight
    differences that rest on our reading.
    """
    return _tally(_classify(a, b, taxonomy, include_inferred))[1]


class _Vector:
    """A profile as bit sets over small integers, for comparing it with many others.

    What :func:`_classify` looks up, built once per profile: factors and factor links are
    numbered through ``index`` (shared by all profiles of a comparison), and each set of
    them is a Python integer with those bits set, so that comparing a pair is a few ANDs,
    ORs and bit counts in C rather than a walk over every factor, link and question in
    Python (or set operations that allocate a set each). Questions, which are few, stay
    sets. ``ranks`` are the importance scores as dense ranks (equal scores, equal ranks),
    which give Kendall's tau exactly as the scores do.
    """

    __slots__ = ("factors", "asserts", "rejects_factor", "rejects_sole", "main", "by_weight", "far_from", "stated",
                 "links", "back", "positive", "negative", "questions", "answers", "answer_of", "includes", "ranks",
                 "tied", "orders")

    def __init__(self, p: Profile, include_inferred: bool, index: dict, taxonomy: Taxonomy | None = None):
        def number(key):
            i = index.get(key)
            if i is None:
                i = index[key] = len(index)
            return i

        def bits(numbers) -> int:
            out = 0
            for i in numbers:
                out |= 1 << i
            return out

        positions = {number(f): n for f, n in p.positions.items()}
        # Asserted as a cause (not only as what held the outcome back): what contradictions and weights use.
        asserted = [f for f, n in positions.items() if n["stance"] in (ASSERTS, MIXED) and not n["restrains"]]
        self.factors = bits(positions)
        self.asserts = bits(asserted)
        self.rejects_factor = bits(f for f, n in positions.items() if "factor" in n["scopes"])
        self.rejects_sole = bits(f for f, n in positions.items() if "sole_cause" in n["scopes"])
        self.main = bits(f for f in asserted if positions[f]["role"] in MAIN_ROLES)
        # Asserted factors by weight, and for each weight those whose weight is WEIGHT_GAP or more away.
        self.by_weight = {w: bits(f for f in asserted if positions[f]["weight"] == w) for w in _WEIGHTS}
        self.far_from = {w: bits(f for f in asserted if abs(positions[f]["weight"] - w) >= WEIGHT_GAP)
                         for w in _WEIGHTS}
        self.stated = bits(f for f in asserted if positions[f]["stated"])
        links = {(number(k), number(k[::-1])): e for k, e in p.compared_links(include_inferred).items()}
        self.links = bits(k for k, _ in links)
        self.back = bits(b for _, b in links)
        self.positive = bits(k for (k, _), e in links.items() if e["polarity"] > 0)
        self.negative = bits(k for (k, _), e in links.items() if e["polarity"] < 0)
        self.questions = frozenset(p.answers)
        self.answers = frozenset((q, pos.answer) for q, pos in p.answers.items())
        self.answer_of = {q: pos.answer for q, pos in p.answers.items()}
        questions = taxonomy.questions if taxonomy else {}
        # for each question answered, the answers this author's answer contains ("both" -> policy, power)
        self.includes = {q: questions[q].includes.get(a, frozenset()) for q, a in self.answer_of.items()
                         if q in questions}
        order = {v: r for r, v in enumerate(sorted(set(p.scores.values())))}
        self.ranks = {number(f): order[v] for f, v in p.scores.items()}
        self.tied = len(order) < len(self.ranks)  # some factors share a score
        self.orders = None  # set by _number_factor_pairs when the comparison's factors are few enough


#: Above this many scored factors in a comparison, the bit sets over factor pairs
#: (:func:`_number_factor_pairs`) would take more memory and time than sorting each pair.
MAX_FACTORS_FOR_PAIR_BITS = 256


def _number_factor_pairs(vectors: list) -> None:
    """Give each vector its order of every two factors it scores, as bit sets over factor pairs.

    The factors any vector scores are numbered 0..F-1 and their pairs (i, j), i < j, one
    after another (i's pairs from bit ``i * F - i * (i + 1) // 2``). ``orders`` is
    ``(higher, ordered, both)``: the pairs whose first factor this author scores above the
    second, those it does not tie, and those of which it scores both. Kendall's tau-b of two
    authors is then a handful of ANDs and bit counts in C (:func:`_rank_tau`), whatever the
    number of factors they share; the sort of each pair was half the cost of comparing all
    pairs. Left unset (and tau sorts) when the factors are more than
    :data:`MAX_FACTORS_FOR_PAIR_BITS`.
    """
    scored = sorted({f for v in vectors for f in v.ranks})
    width = len(scored)
    if width > MAX_FACTORS_FOR_PAIR_BITS:
        return
    position = {f: i for i, f in enumerate(scored)}
    for v in vectors:
        rank_at = {position[f]: r for f, r in v.ranks.items()}
        present = 0
        at_rank: dict = {}
        for i, r in rank_at.items():
            present |= 1 << i
            at_rank[r] = at_rank.get(r, 0) | 1 << i
        below: dict = {}  # rank -> the factors scored lower
        lower_so_far = 0
        for r in sorted(at_rank):
            below[r] = lower_so_far
            lower_so_far |= at_rank[r]
        higher = ordered = both = 0
        for i, r in rank_at.items():
            after = present >> (i + 1)  # the scored factors numbered after i, from bit 0
            start = i * width - i * (i + 1) // 2
            higher |= (after & below[r] >> (i + 1)) << start
            ordered |= (after & ~(at_rank[r] >> (i + 1))) << start
            both |= after << start
        v.orders = (higher, ordered, both)


def _fast_tally(a: _Vector, b: _Vector) -> tuple[tuple, dict]:
    """:func:`_tally` of :func:`_classify` for two profiles' vectors, by bit-set operations.

    The conflicts come by type: ``(contradicts, weighs, effect, answers)``, the first three
    bit sets of numbered keys (:func:`_members` lists them), the last a set of question ids;
    the counts are :func:`pair_counts`'s. Tests check both against :func:`_classify`."""
    n_both = (a.factors & b.factors).bit_count()
    contradicted = (a.rejects_factor & b.asserts) | (a.rejects_sole & b.main) \
        | (b.rejects_factor & a.asserts) | (b.rejects_sole & a.main)
    far = 0
    far_from = b.far_from
    for w, mine in a.by_weight.items():
        if mine:
            far |= mine & far_from[w]
    far &= ~contradicted
    weighs = far & a.stated & b.stated
    n_shared_links = (a.links & b.links).bit_count()
    effect = (a.positive & b.negative) | (a.negative & b.positive)
    turned = (a.links & b.back & ~b.links & ~a.back).bit_count()  # drawn by A one way and by B only the other
    n_same = len(a.answers & b.answers)
    answered = a.questions & b.questions
    differ = answered - {q for q, _ in a.answers & b.answers} if len(answered) != n_same else ()
    if differ:  # one answer containing the other ("both" and "power") is shared ground, not a conflict
        overlapping = {q for q in differ if a.answer_of[q] in b.includes.get(q, ()) or
                       b.answer_of[q] in a.includes.get(q, ())}
        differ -= overlapping
        n_same += len(overlapping)
    n_contradicted, n_weighs, n_effect = contradicted.bit_count(), weighs.bit_count(), effect.bit_count()
    n_conflicts = n_contradicted + n_weighs + n_effect + len(differ)
    by_type = dict.fromkeys(CONFLICT_TYPES, 0)
    by_type[CONTRADICTS], by_type[ANSWERS], by_type[WEIGHS], by_type[EFFECT] = \
        n_contradicted, len(differ), n_weighs, n_effect
    n_answered = len(answered)
    n_links_a, n_links_b = a.links.bit_count(), b.links.bit_count()
    counts = {"shared": n_both - n_contradicted + n_shared_links - n_effect + n_same,
              "only_a": a.factors.bit_count() - n_both + n_links_a - n_shared_links - turned + len(a.questions)
              - n_answered,
              "only_b": b.factors.bit_count() - n_both + n_links_b - n_shared_links - turned + len(b.questions)
              - n_answered,
              "conflicts": n_conflicts, READINGS_DIFFER: far.bit_count() - n_weighs, REVERSED: turned,
              "conflict_types": by_type}
    return (contradicted, weighs, effect, differ), counts


def _members(found) -> list:
    """The numbers in a bit set (lowest first), or the items of a set, as :func:`_fast_tally` gives them."""
    if not isinstance(found, int):
        return list(found)
    out = []
    while found:
        low = found & -found
        out.append(low.bit_length() - 1)
        found ^= low
    return out


def _rank_tau(a: _Vector, b: _Vector) -> float | None:
    """:func:`kendall_tau` of the two profiles' scores, from their ranks: the same value.

    Each shared factor's rank pair is packed into one integer (``x * width + y``), so the
    sort runs on plain integers; tied pairs are counted on sorted lists by binary searches
    run from C (``map``), and the y values come out sorted from the discordance count.
    With :func:`_number_factor_pairs`'s bit sets, the counts are bit counts instead."""
    if a.orders is not None and b.orders is not None:
        higher_a, ordered_a, both_a = a.orders
        higher_b, ordered_b, both_b = b.orders
        # Pairs of shared factors that each author does not tie: tau-b's n0 - n1 and n0 - n2.
        untied_a, untied_b = (ordered_a & both_b).bit_count(), (ordered_b & both_a).bit_count()
        if not (untied_a and untied_b):
            return None
        # Of the pairs neither ties, the discordant ones are those one puts higher and the other not.
        untied = ordered_a & ordered_b
        discordant = (untied & (higher_a ^ higher_b)).bit_count()
        return (untied.bit_count() - 2 * discordant) / (untied_a * untied_b) ** 0.5
    ra, rb = a.ranks, b.ranks
    keys = ra.keys() & rb.keys()
    n = len(keys)
    if n < 2:
        return None
    width = len(rb) + 1
    packed = [ra[k] * width + rb[k] for k in keys]
    packed.sort()
    total = n * (n - 1) // 2
    # Discordant pairs: for each y, how many earlier ones (in x order) are greater; that is all
    # earlier ones (n(n-1)/2 in total) less those not greater, counted by a binary search right
    # after inserting y (so it counts y itself: hence the - n).
    ys: list = []
    bisect_right, insort = bisect.bisect_right, bisect.insort
    discordant = total - sum([bisect_right(ys, y) for y in [v % width for v in packed] if insort(ys, y) is None]) + n
    x_ties = _tied_sorted([v // width for v in packed]) if a.tied else 0
    y_ties = _tied_sorted(ys) if b.tied else 0
    joint_ties = _tied_sorted(packed) if x_ties and y_ties else 0
    denominator = ((total - x_ties) * (total - y_ties)) ** 0.5
    if not denominator:
        return None
    return (total - x_ties - y_ties + joint_ties - 2 * discordant) / denominator


def _tied_sorted(values: list) -> int:
    """Pairs of equal values in a sorted list: for each value, the equal ones before it."""
    return len(values) * (len(values) - 1) // 2 - sum(map(bisect.bisect_left, itertools.repeat(values), values))


def agreement(a: Profile, b: Profile, taxonomy: Taxonomy, include_inferred: bool = False,
              counts: dict | None = None) -> float:
    """Agreement of two authors, 0..1.

    Over every factor, factor link and question either discusses: 1 for each they agree
    on, 0.5 for a factor both assert with weights the authors state far apart, 0 for a
    conflict or for what only one discusses. Silence lowers agreement without counting as
    conflict; a difference of our readings does not lower it.
    """
    c = counts or pair_counts(a, b, taxonomy, include_inferred)
    weighs = c["conflict_types"][WEIGHS]
    # A link drawn the other way round is no agreement on it, and no conflict either.
    units = c["shared"] + c["only_a"] + c["only_b"] + c["conflicts"] + c[REVERSED] - weighs
    return (c["shared"] - 0.5 * weighs) / units if units else 1.0


def kendall_tau(x: dict, y: dict) -> float | None:
    """Kendall's tau-b between two score maps over their shared keys (None under 2 keys or no variance).

    Knight's O(n log n) method, as in scipy.stats.kendalltau: sort by (x, y), count ties,
    and count discordant pairs as inversions of y (a binary search into the y values seen).
    """
    keys = x.keys() & y.keys()
    n = len(keys)
    if n < 2:
        return None
    pairs = sorted([(x[k], y[k]) for k in keys])
    total = n * (n - 1) // 2
    ys = [p[1] for p in pairs]
    x_ties = _tied_pairs([p[0] for p in pairs])
    joint_ties = _tied_pairs(pairs)
    y_ties = _tied_pairs(ys)
    discordant = 0
    seen: list = []
    bisect_right, insort = bisect.bisect_right, bisect.insort
    for i, yv in enumerate(ys):
        discordant += i - bisect_right(seen, yv)
        insort(seen, yv)
    denominator = ((total - x_ties) * (total - y_ties)) ** 0.5
    if not denominator:
        return None
    return (total - x_ties - y_ties + joint_ties - 2 * discordant) / denominator


def _tied_pairs(values: list) -> int:
    """Pairs of equal values in a list."""
    if len(set(values)) == len(values):
        return 0
    # How many values occur c times, for each c: counted in C, then a handful of terms.
    return sum(m * c * (c - 1) for c, m in Counter(Counter(values).values()).items()) // 2


def ranking_agreement(a: Profile, b: Profile) -> float | None:
    """Kendall's tau-b of the two authors' importance scores on the factors both assert."""
    # Scores exist exactly for the factors an author asserts, so their shared keys are the point.
    return kendall_tau(a.scores, b.scores)


# --- the diff of two authors, with evidence ----------------------------------------------

def evidence_dict(e: Evidence) -> dict:
    out = {"quote": e.quote, "locator": {"line": e.locator.line}}
    if e.locator.page is not None:
        out["locator"]["page"] = e.locator.page
    if e.locator.chapter:
        out["locator"]["chapter"] = e.locator.chapter
    if e.cites:
        out["cites"] = e.cites
    return out


def _factor_side(p: Profile, f: str) -> dict:
    node = p.positions.get(f)
    if node is None:
        return {"stance": SILENT, "stance_label": STANCES[SILENT]}
    return {
        "stance": node["stance"],
        "stance_label": stance_label(node["stance"], node["scopes"]),
        "restrains": node["restrains"],
        "role": node["role"],
        "role_label": ROLE_LABELS.get(node["role"]),
        "weight": node["weight"],
        "weight_stated": node["stated"] if node["role"] else None,
        "importance": round(p.scores.get(f, 0.0), 4),
        "claims": [{"id": c.id, "text": c.text, "role": c.role, "role_label": ROLE_LABELS[c.role],
                    "author_term": c.author_term, "stated": c.stated,
                    "evidence": [evidence_dict(e) for e in c.evidence]} for c in node["claims"]],
        "rejections": [{"id": r.id, "text": r.text, "scope": r.scope, "scope_label": REJECTION_SCOPES[r.scope],
                        "evidence": [evidence_dict(e) for e in r.evidence]} for r in node["rejections"]],
    }


def _link_side(p: Profile, key: tuple, include_inferred: bool) -> dict:
    edge = p.compared_links(include_inferred).get(key)
    if edge is None:
        return {"stance": SILENT, "stance_label": STANCES[SILENT]}
    return {
        "stance": ASSERTS,
        "stance_label": STANCES[ASSERTS],
        "from": key[0], "to": key[1],
        "relations": edge["relations"],
        "relation_labels": [RELATION_LABELS[r] for r in edge["relations"]],
        "polarity": edge["polarity"],
        "inferred": edge["inferred"],
        "links": [{"from": l.source, "to": l.target, "from_text": _end_text(p, l.source),
                   "to_text": _end_text(p, l.target), "relation": l.relation,
                   "relation_label": RELATION_LABELS[l.relation], "inferred": l.inferred,
                   "evidence": [evidence_dict(e) for e in l.evidence]} for l in edge["links"]],
    }


def _end_text(p: Profile, end: str) -> str:
    """A link's end in words: the claim's text, or the outcome's label."""
    claim = p.thesis.claim(end)
    if claim is not None:
        return claim.text
    return p.positions.get(end, {}).get("label") or p.outcome_label


def _question_side(position: Position | None, taxonomy: Taxonomy) -> dict:
    if position is None:
        return {"stance": SILENT, "stance_label": STANCES[SILENT]}
    q = taxonomy.questions.get(position.question)
    return {"stance": "answers", "stance_label": "answers", "answer": position.answer,
            "answer_label": q.label(position.answer) if q else position.answer,
            "basis": position.basis, "basis_label": POSITION_BASES[position.basis], "gloss": position.gloss,
            "evidence": [evidence_dict(e) for e in position.evidence]}


def _label(taxonomy: Taxonomy, f: str) -> str:
    factor = taxonomy.factors.get(f)
    return factor.label if factor else f


def _a(role: str | None) -> str:
    """A role's words with their article: "a root cause", "an ..."."""
    words = ROLE_LABELS.get(role, "cause")
    return ("an " if words[0] in "aeiou" else "a ") + words


def _weight_words(side: dict) -> str:
    how = next((f"stated: \u201c{c['author_term']}\u201d" for c in side["claims"]
                if c["role"] == side["role"] and c["author_term"]), "our reading")
    return f"{_a(side['role'])} ({how})"


def _rejection_notes(item: dict, an: str, bn: str, mid=str) -> list[str]:
    """Sentences for rejections that do not conflict: "X rejects a reading of Y"."""
    notes = []
    for side, who in (("a", an), ("b", bn)):
        for r in item[side].get("rejections", []):
            if r["scope"] == "reading":
                notes.append(f"{who} rejects a reading of {mid(item['label'])}: {r['text']}")
            elif r["scope"] == "sole_cause":
                notes.append(f"{who} rejects {mid(item['label'])} as the sole or main cause: {r['text']}")
            else:
                notes.append(f"{who} rejects {mid(item['label'])} outright: {r['text']}")
    return sorted(notes)


def _summary(ctype: str, item: dict, a: Profile, b: Profile, taxonomy: Taxonomy, mid=str) -> str:
    """One sentence in plain words: no ids, no names of types."""
    an, bn = a.thesis.name, b.thesis.name
    if ctype == CONTRADICTS:
        f, label = item["factor"], mid(item["label"])
        parts = []
        for side, (r, o, rn, on) in (("a", (a, b, an, bn)), ("b", (b, a, bn, an))):
            for s, scope in _contradictions(a, b, f):
                if s != side:
                    continue
                if scope == "factor":
                    parts.append(f"{rn} rejects {label} outright; {on} asserts it")
                else:
                    parts.append(f"{rn} rejects {label} as the sole or main cause; {on} makes it "
                                 f"{_a(o.positions[f]['role'])}")
        return "; and ".join(parts) + "."
    if ctype == WEIGHS:
        return (f"{an} and {bn} weigh {mid(item['label'])} differently: {an} calls it {_weight_words(item['a'])}, "
                f"{bn} {_weight_words(item['b'])}.")
    if ctype == ANSWERS:
        return (f"{item['text']} {an} answers \u201c{item['a']['answer_label']}\u201d, "
                f"{bn} \u201c{item['b']['answer_label']}\u201d.")
    inferred = " (inferred by us)" if item.get("inferred") else ""
    return (f"{an} says {mid(item['from_label'])} {' and '.join(item['a']['relation_labels'])} {mid(item['to_label'])}; "
            f"{bn} says it {' and '.join(item['b']['relation_labels'])} it{inferred}.")


def _reversed_summary(item: dict, an: str, bn: str, mid=str) -> str:
    x, y = mid(item["from_label"]), mid(item["to_label"])
    first, second = (f"{x} \u2192 {y}", f"{y} \u2192 {x}") if item["a"]["from"] == item["from"] else \
        (f"{y} \u2192 {x}", f"{x} \u2192 {y}")
    return (f"{an} draws {first}, {bn} {second}. Not counted as a conflict: both can hold "
            "(a feedback, or two different mechanisms); compare their claims.")


def _readings_summary(item: dict, an: str, bn: str, mid=str) -> str:
    return (f"Our readings differ on {mid(item['label'])}: {an} makes it {_weight_words(item['a'])}, "
            f"{bn} {_weight_words(item['b'])}. Not a conflict: at least one weight is our reading.")


@dataclass
class DiffResult:
    """The comparison of two authors. :meth:`as_dict` is the JSON contract (docs/format.md)."""

    a: dict
    b: dict
    include_inferred: bool
    counts: dict
    agreement: float
    ranking_agreement: float | None
    conflicts: list
    questions: list
    readings_differ: list
    reversed_links: list
    shared: list
    only_a: list
    only_b: list

    def as_dict(self) -> dict:
        return {"a": self.a, "b": self.b, "include_inferred": self.include_inferred, "counts": self.counts,
                "agreement": self.agreement, "ranking_agreement": self.ranking_agreement,
                "conflicts": self.conflicts, "questions": self.questions, "readings_differ": self.readings_differ,
                "reversed_links": self.reversed_links, "shared": self.shared, "only_a": self.only_a, "only_b": self.only_b}


def _item(kind: str, key, a: Profile, b: Profile, taxonomy: Taxonomy, include_inferred: bool, ctype=None,
          mid=str) -> dict:
    if kind == "factor":
        item = {"kind": "factor", "factor": key, "label": _label(taxonomy, key),
                "category": getattr(taxonomy.factors.get(key), "category", None),
                "a": _factor_side(a, key), "b": _factor_side(b, key)}
        item["rejection_notes"] = _rejection_notes(item, a.thesis.name, b.thesis.name, mid)
        return item
    if kind == "question":
        q = taxonomy.questions.get(key)
        return {"kind": "question", "question": key, "text": q.question if q else key,
                "answers": [{"id": i, "label": l} for i, l in (q.answers.items() if q else ())],
                "a": _question_side(a.answers.get(key), taxonomy), "b": _question_side(b.answers.get(key), taxonomy)}
    item = {"kind": "link", "from": key[0], "to": key[1],
            "from_label": _label(taxonomy, key[0]), "to_label": _label(taxonomy, key[1])}
    for side, p in (("a", a), ("b", b)):
        links = p.compared_links(include_inferred)
        item[side] = _link_side(p, key if ctype != REVERSED or key in links else key[::-1], include_inferred)
    item["inferred"] = any(item[s].get("inferred") for s in ("a", "b"))
    return item


def diff(a: Profile, b: Profile, taxonomy: Taxonomy, include_inferred: bool = False) -> DiffResult:
    """The full comparison of two authors, with both sides' evidence on every item.

    ``diff(b, a)`` is the mirror image of ``diff(a, b)``: sides and only-lists swap,
    nothing else changes (summaries name the authors in order).
    """
    an, bn = a.thesis.name, b.thesis.name
    # Labels inside sentences read as words ("rejects the end of NEP"), names and acronyms kept.
    proper = taxonomy_proper_words(taxonomy, (a.thesis, b.thesis))

    def mid(label: str) -> str:
        return in_sentence(label, proper)

    groups = {"shared": [], "only_a": [], "only_b": [], "conflicts": [], "questions": [], READINGS_DIFFER: [],
              REVERSED: []}
    stream = list(_classify(a, b, taxonomy, include_inferred))
    for group, kind, key, kind_type in stream:
        if group == "conflict":
            continue
        item = _item(kind, key, a, b, taxonomy, include_inferred, REVERSED if group == REVERSED else None, mid)
        if group == "question":
            groups["questions"].append({"type": kind_type, "type_label": QUESTION_TYPES[kind_type], **item})
        elif group == READINGS_DIFFER:
            groups[READINGS_DIFFER].append({**item, "summary": _readings_summary(item, an, bn, mid)})
        elif group == REVERSED:
            groups[REVERSED].append({**item, "summary": _reversed_summary(item, an, bn, mid)})
        elif group == "shared" and kind == "factor":
            groups["shared"].append({"agreement": kind_type, "agreement_label": AGREEMENTS[kind_type], **item})
        elif group == "shared":
            groups["shared"].append({"agreement": "both_assert", "agreement_label": AGREEMENTS["both_assert"], **item})
        else:
            groups[group].append(item)
    conflicts, counts = _tally(stream)
    for kind, key, ctype in conflicts:
        item = _item(kind, key, a, b, taxonomy, include_inferred, ctype, mid)
        item = {"type": ctype, "type_label": CONFLICT_TYPES[ctype], **item}
        item["summary"] = _summary(ctype, item, a, b, taxonomy, mid)
        groups["conflicts"].append(item)
    tau = ranking_agreement(a, b)
    return DiffResult(a=_who(a), b=_who(b), include_inferred=include_inferred, counts=counts,
                      agreement=round(agreement(a, b, taxonomy, include_inferred, counts), 4),
                      ranking_agreement=None if tau is None else round(tau, 4),
                      conflicts=groups["conflicts"], questions=groups["questions"],
                      readings_differ=groups[READINGS_DIFFER], reversed_links=groups[REVERSED],
                      shared=groups["shared"],
                      only_a=groups["only_a"], only_b=groups["only_b"])


def _who(p: Profile) -> dict:
    t = p.thesis
    return {"id": t.id, "author": t.author, "name": t.name, "work": t.work, "year": t.year, "scope": t.scope}


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def one_line(d: DiffResult) -> str:
    """``2 points in common, 1 only in Author A, ... 1 conflict; agreement 40%``."""
    c = d.counts
    return (f"{_n(c['shared'], 'point')} in common, {c['only_a']} only in {d.a['name']}, "
            f"{c['only_b']} only in {d.b['name']}, {_n(c['conflicts'], 'conflict')}; "
            f"agreement {d.agreement:.0%}")


def conflict_counts_words(counts: dict) -> str:
    """``2 contradicts, 1 answer differently`` style: the conflicts per type, in words."""
    parts = [f"{n} {CONFLICT_TYPES[t]}" for t, n in counts["conflict_types"].items() if n]
    return ", ".join(parts) or "no conflicts"


# --- the whole debate ------------------------------------------------------------------

def profiles(corpus: Corpus, ids=None) -> list[Profile]:
    theses = [corpus.theses[i] for i in ids] if ids else list(corpus.theses.values())
    return [profile(t, corpus.taxonomy) for t in theses]


@dataclass
class Comparison:
    """The debate at a glance. :meth:`as_dict` is the JSON contract (docs/format.md)."""

    authors: list
    ids: list
    include_inferred: bool
    matrix: list
    categories: list
    questions: list
    pairs: list
    consensus_links: list
    contested: list

    def as_dict(self) -> dict:
        return {"authors": self.authors, "ids": self.ids, "include_inferred": self.include_inferred,
                "matrix": self.matrix, "categories": self.categories, "questions": self.questions,
                "pairs": self.pairs, "consensus_links": self.consensus_links, "contested": self.contested}


def _cell(p: Profile, f: str) -> dict:
    node = p.positions.get(f)
    if not node:
        return {"stance": SILENT, "stance_label": STANCES[SILENT], "restrains": False, "role": None,
                "role_label": None, "weight": 0, "weight_stated": None, "scopes": []}
    return {"stance": node["stance"], "stance_label": stance_label(node["stance"], node["scopes"]),
            "restrains": node["restrains"], "role": node["role"], "role_label": ROLE_LABELS.get(node["role"]),
            "weight": node["weight"],
            "weight_stated": node["stated"] if node["role"] else None, "scopes": sorted(node["scopes"])}


def category_stance(stances: set) -> str:
    """An author's stance on a category from their stances on its factors."""
    stances = stances - {SILENT}
    if MIXED in stances or {ASSERTS, REJECTS} <= stances:
        return MIXED
    return ASSERTS if ASSERTS in stances else REJECTS if REJECTS in stances else SILENT


def compare(profs: list[Profile], taxonomy: Taxonomy, include_inferred: bool = False,
            pair_lists: bool = True) -> Comparison:
    """The factor x author matrix, the question x author table, agreement, consensus, contested points.

    ``matrix``: a row per factor any author discusses, in taxonomy order, each author's
    stance (asserts, rejects, mixed, silent), role and weight. ``categories``: each author's
    stance per causal category (a category holding only the outcome is not one).
    ``questions``: a row per question of the taxonomy with each author's answer.
    ``pairs``: agreement and ranking agreement of every pair. ``consensus_links``: factor
    links drawn the same way by two or more authors (stated links only unless
    ``include_inferred``). ``contested``: factors, links and questions that divide authors,
    most conflicting pairs first, each with the list of its conflicting ``pairs`` unless
    ``pair_lists`` is false (those lists grow as the square of the number of authors).

    Pairs are compared on per-profile vectors (sets built once per author), so the cost per
    pair is a few set operations; the cyclic garbage collector is paused meanwhile.
    """
    ids = [p.id for p in profs]
    order = {f: i for i, f in enumerate(taxonomy.factors)}
    discussed = sorted({f for p in profs for f in p.positions}, key=lambda f: (order.get(f, len(order)), f))
    matrix = [{"factor": f, "label": _label(taxonomy, f), "category": getattr(taxonomy.factors.get(f), "category", None),
               "cells": {p.id: _cell(p, f) for p in profs}} for f in discussed]

    categories = []
    for cat in taxonomy.categories.values():
        if taxonomy.is_outcome_only(cat.id):
            continue
        members = [f for f, fac in taxonomy.factors.items() if fac.category == cat.id and f != taxonomy.outcome]
        row = {p.id: category_stance({p.stance(f) for f in members}) for p in profs}
        categories.append({"category": cat.id, "label": cat.label, "stances": row,
                           "stance_labels": {i: CATEGORY_STANCES[s] for i, s in row.items()}})

    questions = []
    for q in taxonomy.questions.values():
        cells = {}
        for p in profs:
            side = _question_side(p.answers.get(q.id), taxonomy)
            cells[p.id] = {k: side.get(k) for k in ("answer", "answer_label", "basis", "basis_label", "gloss")}
        questions.append({"question": q.id, "text": q.question,
                          "answers": [{"id": i, "label": l} for i, l in q.answers.items()], "cells": cells})

    pairs = []
    index: dict = {}  # factor or factor link -> its number in the vectors
    vectors = [_Vector(p, include_inferred, index, taxonomy) for p in profs]
    _number_factor_pairs(vectors)
    keys = list(index)
    # How many pairs conflict on each point, per type of conflict: counted in C by Counter.
    tallies = {t: Counter() for t in (CONTRADICTS, WEIGHS, EFFECT, ANSWERS)}
    counters = (tallies[CONTRADICTS].update, tallies[WEIGHS].update, tallies[EFFECT].update, tallies[ANSWERS].update)
    kinds = ("factor", "factor", "link", "question")
    pair_list: dict[tuple, list] = {}  # (kind, key) -> the conflicting pairs, when asked for
    with paused_collector():  # all pairs allocate much and free it again, with no cycles
        for (a, va), (b, vb) in itertools.combinations(zip(profs, vectors), 2):
            by_type, counts = _fast_tally(va, vb)
            for update, kind, found in zip(counters, kinds, by_type):
                if found:
                    found = _members(found)
                    update(found)
                    if pair_lists:
                        for number in found:
                            pair_list.setdefault((kind, number), []).append([a.id, b.id])
            tau = _rank_tau(va, vb)
            pairs.append({"a": a.id, "b": b.id,
                          "agreement": round(agreement(a, b, taxonomy, include_inferred, counts), 4),
                          "ranking_agreement": None if tau is None else round(tau, 4),
                          "shared": counts["shared"], "only_a": counts["only_a"], "only_b": counts["only_b"],
                          "conflicts": counts["conflicts"], READINGS_DIFFER: counts[READINGS_DIFFER],
                          "conflict_types": counts["conflict_types"]})
    conflict_count: dict[tuple, list] = {}  # (kind, key) -> [conflicting pairs, types]
    for ctype, kind in zip((CONTRADICTS, WEIGHS, EFFECT, ANSWERS), kinds):
        for number, count in tallies[ctype].items():
            entry = conflict_count.setdefault((kind, number), [0, set()])
            entry[0] += count
            entry[1].add(ctype)

    by_link: dict[tuple, list] = {}
    for p in profs:
        for key, edge in sorted(p.compared_links(include_inferred).items()):
            if edge["polarity"] > 0:
                by_link.setdefault(key, []).append((p.id, edge["inferred"]))
    consensus = [{"from": k[0], "to": k[1], "from_label": _label(taxonomy, k[0]), "to_label": _label(taxonomy, k[1]),
                  "authors": [i for i, _ in v], "inferred_by": [i for i, inf in v if inf], "count": len(v)}
                 for k, v in by_link.items() if len(v) >= 2]
    consensus.sort(key=lambda c: (-c["count"], c["from"], c["to"]))

    contested = []
    for (kind, number), (count, ctypes) in conflict_count.items():
        key = number if kind == "question" else keys[number]
        types = sorted(ctypes, key=_TYPE_ORDER.get)
        item = {"kind": kind, "conflicting_pairs": count, "types": types,
                "type_labels": [CONFLICT_TYPES[t] for t in types]}
        if pair_lists:
            item["pairs"] = pair_list[(kind, number)]
        if kind == "factor":
            item.update(factor=key, label=_label(taxonomy, key),
                        **{s: [p.id for p in profs if p.stance(key) == s] for s in (ASSERTS, REJECTS, MIXED, SILENT)})
        elif kind == "question":
            q = taxonomy.questions.get(key)
            answers: dict[str, list] = {}
            for p in profs:
                if key in p.answers:
                    answers.setdefault(p.answers[key].answer, []).append(p.id)
            item.update(question=key, label=q.question if q else key,
                        answers=[{"answer": ans, "label": q.label(ans) if q else ans, "authors": who}
                                 for ans, who in answers.items()],
                        silent=[p.id for p in profs if key not in p.answers])
        else:
            item.update({"from": key[0], "to": key[1], "from_label": _label(taxonomy, key[0]),
                         "to_label": _label(taxonomy, key[1])})
        contested.append(item)
    contested.sort(key=lambda c: (-c["conflicting_pairs"], _KIND_ORDER[c["kind"]],
                                  c.get("factor") or c.get("question") or (c["from"], c["to"])))

    return Comparison(authors=[_who(p) for p in profs], ids=ids, include_inferred=include_inferred, matrix=matrix,
                      categories=categories, questions=questions, pairs=pairs, consensus_links=consensus,
                      contested=contested)
