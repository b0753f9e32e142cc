"""Debate briefs: everything a student needs to argue one historian's case against another.

Built only from the encoded data, deterministically: no text is generated beyond fixed
sentence templates filled with the theses' own claims, quotes and ids. :func:`brief` makes
the brief for A against B; :func:`motion_brief` splits the authors over a motion ("this
factor ended the outcome") and briefs both benches. Both return JSON-ready dicts that
:mod:`render.brief` turns into Markdown or HTML.
"""

from __future__ import annotations

import re

from .analysis import rank_causes, weak_spots
from .compare import MIXED, REJECTS, SILENT, WEIGHS, Profile, diff, evidence_dict
from .format import MAIN_ROLES, ROLES, REJECTION_SCOPES, RELATION_LABELS, ROLE_LABELS
from .model import Taxonomy
from .words import in_sentence, taxonomy_proper_words

TOP_POINTS = 6


def _who(p: Profile, taxonomy: Taxonomy | None = None) -> dict:
    t = p.thesis
    return {"id": t.id, "author": t.author, "name": t.name, "work": t.work, "year": t.year,
            "scope": _unid(t.scope, taxonomy), "thesis": _unid(" ".join(t.thesis.split()), taxonomy),
            "notes": " ".join((t.notes or "").split()) or None}


def _unid(text: str, taxonomy: Taxonomy | None) -> str:
    """Free text with any factor id written in it ("every link to nep_end") replaced by its label."""
    if taxonomy is None:
        return text
    ids = [f for f in taxonomy.factors if "_" in f]
    if not ids:
        return text
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, sorted(ids, key=len, reverse=True))) + r")\b")
    proper = taxonomy_proper_words(taxonomy)
    return pattern.sub(lambda m: in_sentence(taxonomy.factors[m.group(1)].label, proper), text)


def _best(evidence: list) -> list:
    """The quotes to show: an author's own cited passage first, then the rest, at most two."""
    ranked = sorted(evidence, key=lambda e: (not e.get("cites"), len(e["quote"])))
    return ranked[:2]


def _side_claims(side: dict, names: dict | None = None) -> list[dict]:
    """Claims, rejections or links of one side, each with its best evidence.

    ``names`` maps claim ids to their text so a link reads as a sentence, not as ids.
    """
    names = names or {}
    out = []
    if "answer" in side:
        out.append({"kind": "position", "id": "position", "text": side["gloss"],
                    "role": f"answers \u201c{side['answer_label']}\u201d, {side['basis_label']}", "author_term": None,
                    "evidence": _best(side["evidence"])})
    for c in side.get("claims", []):
        out.append({"kind": "claim", "id": c["id"], "text": c["text"], "role": ROLE_LABELS[c["role"]],
                    "author_term": c.get("author_term"), "evidence": _best(c["evidence"])})
    for r in side.get("rejections", []):
        scope = r.get("scope_label", "")
        out.append({"kind": "rejection", "id": r["id"], "text": r["text"], "role": f"rejects {scope}".strip(),
                    "author_term": None, "evidence": _best(r["evidence"])})
    for link in side.get("links", []):
        how = "inferred by the encoder" if link["inferred"] else "stated"
        source, target = names.get(link["from"], link["from"]), names.get(link["to"], link["to"])
        relation = RELATION_LABELS[link["relation"]]
        out.append({"kind": "link", "id": f"{link['from']}->{link['to']}", "role": relation,
                    "author_term": None, "text": f"{source} \u2192 {relation} \u2192 {target} ({how})",
                    "evidence": _best(link["evidence"])})
    return out


def _importance(p: Profile, item: dict, taxonomy: Taxonomy) -> float:
    if item["kind"] == "question":
        q = taxonomy.questions.get(item["question"])
        scores = [p.scores.get(f, 0.0) for f in (q.factors if q else [])]
        return max(scores + [0.5])
    if item["kind"] == "factor":
        return p.scores.get(item["factor"], 0.25 if p.stance(item["factor"]) == REJECTS else 0.0)
    return (p.scores.get(item["from"], 0.0) + p.scores.get(item["to"], 0.0)) / 2


def _allies(item: dict, a: Profile, b: Profile, others: list[Profile]) -> dict:
    """Which other authors side with A, and which with B, on a contested item."""
    with_a, with_b = [], []
    for o in others:
        if item["kind"] == "question":
            mine = o.answers.get(item["question"])
            if mine is not None:
                if mine.answer == item["a"]["answer"]:
                    with_a.append(o.id)
                elif mine.answer == item["b"]["answer"]:
                    with_b.append(o.id)
        elif item["kind"] == "factor":
            f = item["factor"]
            so = o.stance(f)
            if so == SILENT:
                continue
            if item["type"] == WEIGHS:
                wo, wa, wb = o.positions[f]["weight"], a.positions[f]["weight"], b.positions[f]["weight"]
                (with_a if abs(wo - wa) < abs(wo - wb) else with_b if abs(wo - wb) < abs(wo - wa) else []).append(o.id)
            elif so == a.stance(f):
                with_a.append(o.id)
            elif so == b.stance(f):
                with_b.append(o.id)
        else:
            for side, who in ((item["a"], with_a), (item["b"], with_b)):
                edge = o.links.get((side["from"], side["to"]))
                if edge and edge["polarity"] * side["polarity"] > 0:
                    who.append(o.id)
    return {"with_a": with_a, "with_b": with_b}


def brief(a: Profile, b: Profile, others: list[Profile], taxonomy: Taxonomy, include_inferred: bool = False,
          d=None) -> dict:
    """The brief for arguing A's case against B; ``others`` are the rest of the corpus.

    ``summary`` is the one-page summary (A's strongest points, B's strongest points with
    A's answers, the questions that decide the round); ``warnings`` the weak spots in A's
    case that matter and ``weak_counts`` the mechanical ones, counted. The other keys are
    the detail. ``d`` is the diff of A and B when the caller has it already.
    """
    d = d if d is not None else diff(a, b, taxonomy, include_inferred)
    everyone = list(others)
    others = [o for o in others if o.id not in (a.id, b.id)]
    proper = taxonomy_proper_words(taxonomy, [p.thesis for p in everyone + [a, b]])
    na, nb = _names(a, taxonomy), _names(b, taxonomy)
    an, bn = a.thesis.name, b.thesis.name

    agreed = [q for q in d.questions if q["type"] == "same_answer"]
    common = [{"title": _title(item), "kind": item["kind"], "agreement": item.get("agreement_label", "same answer"),
               "a": _side_claims(item["a"], na), "b": _side_claims(item["b"], nb)} for item in agreed + d.shared]

    cruxes = []
    for item in d.conflicts:
        weight_a, weight_b = _importance(a, item, taxonomy), _importance(b, item, taxonomy)
        cruxes.append({"title": _title(item), "kind": item["kind"], "type": item["type"],
                       "summary": item["summary"],  # the diff words labels as they read mid-sentence
                       "stake": round(weight_a + weight_b, 4), "stake_a": round(weight_a, 4),
                       "stake_b": round(weight_b, 4),
                       "stake_words": f"For {_rests(a, item, taxonomy, proper)}; for {_rests(b, item, taxonomy, proper)}.",
                       "a": _side_claims(item["a"], na), "b": _side_claims(item["b"], nb),
                       **_allies(item, a, b, others)})
    cruxes.sort(key=lambda c: (-c["stake"], c["title"]))

    unanswered = []
    for item in sorted((i for i in d.only_b if i["kind"] == "factor"),
                       key=lambda i: (-b.scores.get(i["factor"], 0.0), i["factor"])):
        if not b.asserts(item["factor"]):
            continue
        category = item["category"]
        answers = [{"id": c.id, "text": c.text, "role": c.role, "factor": c.factor,
                    "evidence": _best([evidence_dict(e) for e in c.evidence])}
                   for c in a.thesis.claims
                   if getattr(taxonomy.factors.get(c.factor), "category", None) == category
                   and c.factor != a.thesis.explains]
        answers.sort(key=lambda c: (-a.scores.get(c["factor"], 0.0), c["id"]))
        rejecters = []
        for o in others:
            node = o.positions.get(item["factor"])
            if node and node["stance"] in (REJECTS, MIXED):
                for r in node["rejections"]:
                    rejecters.append({"author": o.thesis.name, "id": o.id, "text": r.text,
                                      "scope": r.scope, "scope_label": REJECTION_SCOPES[r.scope],
                                      "evidence": _best([evidence_dict(e) for e in r.evidence])})
        unanswered.append({"title": item["label"], "factor": item["factor"], "category": category,
                           "importance": round(b.scores.get(item["factor"], 0.0), 4),
                           "b": _side_claims(item["b"], nb), "a_answers": answers[:3],
                           "allied_rejections": rejecters})
        if len(unanswered) >= TOP_POINTS:
            break

    graph_a = a.graph
    spots = []
    for s in weak_spots(graph_a):
        spot = s.as_dict()
        if " -> " in s.subject:
            source, target = s.subject.split(" -> ")
            spot["subject"] = f"{na.get(source, source)} \u2192 {na.get(target, target)}"
            relation = RELATION_LABELS[graph_a.edges[source, target]["relation"]]
            spot["detail"] = f"{relation}, {'read between the lines' if s.kind == 'inferred-link' else 'on one quote'}"
        else:
            spot["subject"] = na.get(s.subject, s.subject)
        spots.append(spot)
    silent = [{"factor": i["factor"], "title": i["label"], "b_role": i["b"].get("role_label"),
               "importance": round(b.scores.get(i["factor"], 0.0), 4)}
              for i in d.only_b if i["kind"] == "factor" and b.asserts(i["factor"])]
    silent.sort(key=lambda s: (-s["importance"], s["factor"]))

    questions = []
    for c in cruxes[:TOP_POINTS]:
        b_claim = next((x for x in c["b"]), None)
        a_claim = next((x for x in c["a"]), None)
        if b_claim and a_claim:
            questions.append(_question(c["title"], an, a_claim, b_claim, c["kind"]))
    for s in weak_spots(b.graph):
        if s.kind == "inferred-link":
            source, target = s.subject.split(" -> ")
            questions.append(f"Where does your text itself say that {nb.get(source, source)} leads to "
                             f"{in_sentence(nb.get(target, target), proper)}? (the encoding only infers it)")
        elif s.kind == "unsourced-claim":
            questions.append(f"What evidence backs your claim that \u201c{s.detail}\u201d?")
    for item in sorted((i for i in d.only_a if i["kind"] == "factor" and a.asserts(i["factor"])),
                       key=lambda i: (-a.scores.get(i["factor"], 0.0), i["factor"]))[:3]:
        questions.append(f"Why does your account leave out {in_sentence(item['label'], proper)}, which {an} treats "
                         f"as {_article(item['a']['role_label'])}?")
    for item in (q for q in d.questions if q["type"] == "only_a"):
        questions.append(f"{item['text']} {an} answers \u201c{item['a']['answer_label']}\u201d; "
                         "what is your answer?")

    summary = {"strongest": strongest_points(a, taxonomy, proper),
               "their_strongest": [dict(point, answers=_answers(point, a, b, d, others, taxonomy, proper))
                                   for point in strongest_points(b, taxonomy, proper)],
               "deciding": _deciding(d, cruxes)}
    warnings, counts = _warnings(a, b, graph_a, summary, taxonomy, proper)
    return {"a": _who(a, taxonomy), "b": _who(b, taxonomy), "agreement": d.agreement, "counts": d.counts,
            "summary": summary, "warnings": warnings, "weak_counts": counts,
            "common_ground": common, "cruxes": cruxes, "unanswered": unanswered,
            "weak_spots": spots, "silent_on": silent, "questions": questions}


# --- the one-page summary -------------------------------------------------------------------

SUMMARY_POINTS = 3
#: How many of the questions that decide the round the summary shows (the rest are in the cruxes).
SUMMARY_QUESTIONS = 3


_CONTENT = re.compile(r"[A-Za-z\u00c0-\u024f]{4,}")


def _content_words(text: str) -> set:
    return {w.lower() for w in _CONTENT.findall(text or "")}


def best_quote(evidence: list, term: str | None = None, text: str | None = None) -> dict | None:
    """The one quote to cite for a point: one carrying the author's own weight word if any,
    then one of a speakable length (8 to 32 words), then the one sharing most words with the
    point (``text``), then the nearest to 20 words."""
    point = _content_words(text)

    def key(e):
        n = len(e["quote"].split())
        has_term = bool(term) and term.lower() in e["quote"].lower()
        return (not has_term, not 8 <= n <= 32, -len(point & _content_words(e["quote"])), abs(n - 20), e["quote"])
    return min(evidence, key=key) if evidence else None


KERNEL_WORDS = 25


def kernel(text: str) -> str:
    """The core of a claim for the summary: its first clause (up to a colon or semicolon) when that
    is a statement of five words or more, else its first sentence."""
    text = " ".join(text.split())
    sentence = re.split(r"(?<=[.!?])\s+(?=[A-Z\u201c\"])", text, maxsplit=1)[0]
    clause = re.split(r"[;:]\s", sentence, maxsplit=1)[0].rstrip(".,")
    if clause != sentence.rstrip(".") and len(clause.split()) >= 5:
        return clause + "."
    words = sentence.split()
    if len(words) > KERNEL_WORDS:
        # Cut a long sentence at its last comma within the limit, and say so with an ellipsis.
        head = " ".join(words[:KERNEL_WORDS])
        cut = head.rfind(", ")
        if cut > 0 and len(head[:cut].split()) >= 10:
            return head[:cut] + " \u2026"
    return sentence


def _article(words: str) -> str:
    return ("an " if words[:1] in "aeiou" else "a ") + words


def _rank_words(p: Profile, factor: str) -> str | None:
    """Where ``factor`` stands in ``p``'s account, in words; None when p gives it no weight."""
    if factor not in p.scores:
        return None
    ranked = sorted(p.scores, key=lambda f: (-p.scores[f], f))
    rank, total, name = ranked.index(factor) + 1, len(ranked), p.thesis.name
    if rank == 1:
        return f"{name}'s strongest point"
    if rank <= SUMMARY_POINTS:
        return f"one of {name}'s three strongest points"
    if rank <= max(total // 3, SUMMARY_POINTS + 1):
        return f"an important part of {name}'s account"
    return f"a secondary point for {name}"


def _rests(p: Profile, item: dict, taxonomy: Taxonomy, proper: frozenset) -> str:
    """What of ``p``'s account rests on a crux, in words (replaces a bare importance score)."""
    name = p.thesis.name
    factors = []
    if item["kind"] == "factor":
        factors = [item["factor"]]
    elif item["kind"] == "question":
        q = taxonomy.questions.get(item["question"])
        factors = list(q.factors) if q else []
    else:
        factors = [item["from"], item["to"]]
    ranked = [(p.scores[f], f) for f in factors if f in p.scores]
    if not ranked:
        if item["kind"] == "factor" and p.stance(item["factor"]) == REJECTS:
            return f"{name}, a view the text argues against"
        if item["kind"] == "question":
            return f"{name}, a stated answer, not tied to a cause the text weighs"
        return f"{name}, a side issue"
    best = max(ranked)[1]
    words = _rank_words(p, best)
    if item["kind"] == "factor":
        return words
    return f"{name}, it bears on {in_sentence(taxonomy.factors[best].label, proper) if best in taxonomy.factors else best}, {words}"


def strongest_points(p: Profile, taxonomy: Taxonomy, proper: frozenset = frozenset(),
                     n: int = SUMMARY_POINTS) -> list[dict]:
    """An author's ``n`` strongest points: their most important claims on distinct factors, each
    with its single best quote. The heaviest weights come first, the author's own words before
    our reading at the same weight, then the claim's score in the author's causal structure (see
    :func:`argmap.analysis.rank_causes`); claims with no quote are left out."""
    out, seen = [], set()
    ranked = rank_causes(p.graph)
    claims = {c.id: c for c in p.thesis.claims}
    ranked.sort(key=lambda r: (-r.weight, not getattr(claims.get(r.claim), "stated", False), -r.score, r.claim))
    for r in ranked:
        claim = p.thesis.claim(r.claim)
        if r.factor in seen or r.factor == p.thesis.explains or claim is None or not claim.evidence:
            continue
        seen.add(r.factor)
        evidence = [evidence_dict(e) for e in claim.evidence]
        factor = taxonomy.factors.get(r.factor)
        out.append({"claim": claim.id, "factor": r.factor, "label": factor.label if factor else r.factor,
                    "text": claim.text, "role": claim.role, "role_label": ROLE_LABELS[claim.role],
                    "author_term": claim.author_term, "stated": claim.stated,
                    "kernel": kernel(claim.text),
                    "quote": best_quote(evidence, claim.author_term, claim.text), "quotes": len(evidence),
                    "importance": round(r.score, 4)})
        if len(out) == n:
            break
    return out


def _answers(point: dict, a: Profile, b: Profile, d, others: list[Profile], taxonomy: Taxonomy,
             proper: frozenset) -> list[dict]:
    """How A answers one of B's strongest points, from the evidence, strongest answer first.

    Each answer is ``{"how": sentence, "text": A's words or None, "quote": evidence or None,
    "by": author name}``: A rejects the factor (or the view B holds of it); A answers a
    question on it differently; A gives it less weight or draws a link against it; B's own
    text does not make it a cause (only our reading does); another author rejects it; what
    A puts in its place. At most two.
    """
    f, an, bn = point["factor"], a.thesis.name, b.thesis.name
    label = in_sentence(point["label"], proper)
    out = []
    node = a.positions.get(f)
    b_main = point["role"] in MAIN_ROLES
    for r in (node["rejections"] if node else []):
        ev = best_quote([evidence_dict(e) for e in r.evidence], text=r.text)
        kind = "rejects"
        # The rejected view is the view A denies, never A's own: say so before giving it.
        if r.scope == "factor":
            how = f"{an} rejects {label} outright; the view {an} rejects:"
        elif r.scope == "sole_cause" and b_main:
            how = f"{an} denies that {label} was the sole or main cause, which is what {bn} makes it; the view {an} rejects:"
        elif r.scope == "sole_cause":  # B does not claim it either: common ground, nothing to rebut
            kind = "concede"
            how = (f"{an} denies only that {label} was the sole or main cause, which {bn} does not claim either "
                   f"({point['role_label']}): common ground, concede it. The view {an} rejects:")
        else:
            how = f"{an} rejects one reading of {label}; the reading rejected:"
        out.append({"kind": kind, "how": how, "text": r.text, "quote": ev, "by": an})
    for q in d.questions:
        qdef = taxonomy.questions.get(q["question"])
        if q["type"] == "different_answer" and qdef and f in qdef.factors:
            out.append({"kind": "answers", "how": f"on \u201c{qdef.question}\u201d {an} answers \u201c{q['a']['answer_label']}\u201d "
                               f"({bn}: \u201c{q['b']['answer_label']}\u201d):",
                        "text": q["a"]["gloss"], "quote": best_quote(q["a"]["evidence"], text=q["a"]["gloss"]), "by": an})
    if node and a.asserts(f) and node["claims"]:
        claim = max(node["claims"], key=lambda c: (c.weight, len(c.evidence), c.id))
        ev = best_quote([evidence_dict(e) for e in claim.evidence], claim.author_term, claim.text)
        if node["weight"] < ROLES[point["role"]]:
            how = (f"{an} gives {label} a lesser part ({ROLE_LABELS[claim.role]}, not "
                   f"{point['role_label']}): concede it and argue what weighed more.")
        else:
            how = f"{an} agrees that {label} mattered ({ROLE_LABELS[claim.role]}): concede it, and contest what follows from it."
        lesser = node["weight"] < ROLES[point["role"]]
        # A concession needs no proof; a lesser weight does.
        out.append({"kind": "lesser" if lesser else "concede", "how": how,
                    "text": claim.text, "quote": ev if lesser else None, "by": an})
    against = [(s, e) for (s, t), e in a.links.items() if t == f and e["polarity"] < 0]
    for s, e in sorted(against, key=lambda x: x[0])[:1]:
        src = taxonomy.factors.get(s)
        out.append({"kind": "against", "how": f"{an} holds that {in_sentence(src.label if src else s, proper)} "
                           f"{' and '.join(RELATION_LABELS[r] for r in e['relations'])} {label}.",
                    "text": None, "quote": None, "by": an})
    graph_b = b.graph
    to_outcome = [graph_b.edges[point["claim"], t] for t in graph_b.successors(point["claim"])
                  if t == b.thesis.explains]
    if not point["stated"] and to_outcome and all(x["inferred"] for x in to_outcome):
        out.append({"kind": "ask", "how": f"Ask for the passage: {bn}'s text never says that this led to "
                           f"{in_sentence(taxonomy.outcome_label(), proper)}, and the weight given here is our "
                           "reading, not the author's.", "text": None, "quote": None, "by": None})
    if not out:
        for o in others:
            onode = o.positions.get(f)
            for r in (onode["rejections"] if onode else []):
                if r.scope != "reading":
                    out.append({"kind": "ally", "how": f"{an} says nothing on it; {o.thesis.name} rejects it"
                                       f"{'' if r.scope == 'factor' else ' as the sole or main cause'}:",
                                "text": r.text, "quote": best_quote([evidence_dict(e) for e in r.evidence], text=r.text),
                                "by": o.thesis.name})
                    break
            if out:
                break
    if not out:
        mine = next((x for x in strongest_points(a, taxonomy, proper, 1)), None)
        if mine is not None:
            out.append({"kind": "instead", "how": f"{an} is silent on {label} (silence is not denial): "
                                                 f"{an}'s account explains {in_sentence(taxonomy.outcome_label(), proper)} "
                                                 f"without it, leading with {in_sentence(mine['label'], proper)}.",
                        "text": None, "quote": None, "by": an})
    if not out:
        out.append({"kind": "none", "how": f"Nothing in the corpus answers this: {an} is silent on {label}. Prepare your own "
                           "reply; do not claim the author denies it.", "text": None, "quote": None, "by": None})
    for x in out:
        x["kernel"] = kernel(x["text"]) if x["text"] else None
    # A second answer only backs up a weak first one (a concession, another author, a request).
    return out[:2] if out[0]["kind"] in ("concede", "ally", "ask") else out[:1]


def _deciding(d, cruxes: list) -> dict:
    """The contested questions that decide the round: those A and B answer differently, most at
    stake first, with both answers and their best quotes; when there are none, the factors they
    contradict each other on; and the questions only B answers."""
    order = {c["title"]: i for i, c in enumerate(cruxes)}
    questions = []
    for q in sorted((q for q in d.questions if q["type"] == "different_answer"),
                    key=lambda q: (order.get(q["text"], len(order)), q["text"])):
        questions.append({"question": q["text"], **{
            side: {"answer": q[side]["answer_label"], "gloss": q[side]["gloss"], "kernel": kernel(q[side]["gloss"]),
                   "inferred": q[side]["basis"] == "inferred",
                   "quote": best_quote(q[side]["evidence"], text=q[side]["gloss"])}
            for side in ("a", "b")}})
    factors = [{"summary": c["summary"], "stake_words": c["stake_words"]} for c in cruxes
               if c["kind"] != "question"]
    open_questions = [{"question": q["text"], "answer": q["b"]["answer_label"]}
                      for q in d.questions if q["type"] == "only_b"]
    return {"questions": questions, "other_conflicts": factors, "only_b": open_questions}


_YEAR = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})(?=s?\b)")  # "1926", and "1930" in "the mid-1930s"


def _scope_end(scope: str) -> int | None:
    """The last year of a scope's opening period ("1920 to July 1926: ..." -> 1926)."""
    head = re.split(r"[:;.]\s", scope, maxsplit=1)[0]
    years = [int(y) for y in _YEAR.findall(head)]
    return max(years) if years else None


def _warnings(a: Profile, b: Profile, graph, summary: dict, taxonomy: Taxonomy, proper: frozenset):
    """The weak spots in A's case that matter, in words, and the mechanical ones counted.

    Matter: the thesis's scope (a text that stops before the outcome reaches it only by
    links we inferred), the links to the outcome that are our reading, answers to deciding
    questions and weights of the strongest points that are our reading, strongest points
    resting on one quote, claims with no quote. Counted: the other inferred links and links
    on one quote.
    """
    t, an = a.thesis, a.thesis.name
    outcome = taxonomy.factors.get(t.explains)
    outcome_words = in_sentence(outcome.label if outcome else "the outcome", proper)
    warnings = []
    to_outcome = [data for source, target, data in graph.edges(data=True)
                  if target == t.explains and graph.nodes[source].get("kind") == "claim"]
    inferred = sum(1 for x in to_outcome if x["inferred"])
    end = _scope_end(t.scope)
    start = _YEAR.search(outcome.period) if outcome and outcome.period else None
    head = re.split(r"[:;]\s", t.scope, maxsplit=1)[0]
    if end and start and end < int(start.group(0)):
        warnings.append({"kind": "scope", "text": (
            f"{an}'s text stops before {outcome_words}: its scope is {head} ({outcome_words}: {outcome.period}). "
            + (f"Every link from {an}'s account to {outcome_words} ({inferred} of them) is our reading of what the "
               "text foreshadows. " if to_outcome and inferred == len(to_outcome) else
               f"{inferred} of its {len(to_outcome)} links to {outcome_words} {'is' if inferred == 1 else 'are'} our "
               "reading. " if inferred else "")
            + f"Argue that {an}'s account explains why it came, not that {an} says so; "
              "expect the other side to point this out first.")})
    elif to_outcome and inferred == len(to_outcome):
        warnings.append({"kind": "scope", "text": (
            f"{an}'s text never itself says what brought about {outcome_words}: "
            + (f"all {inferred} links from its account to {outcome_words} are" if inferred > 1 else
               f"the one link from its account to {outcome_words} is")
            + f" our reading (its scope: {head}). Present {'them' if inferred > 1 else 'it'} as what the account "
            f"implies, not as {an}'s words.")})
    elif to_outcome and inferred * 2 > len(to_outcome):
        warnings.append({"kind": "scope", "text": (
            f"{inferred} of the {len(to_outcome)} links from {an}'s account to {outcome_words} are our reading, not "
            "stated in the text.")})
    read = [q for q in summary["deciding"]["questions"][:SUMMARY_QUESTIONS] if q["a"]["inferred"]]
    if read:
        which = "Your answer" if len(read) == 1 else f"Your answers to {len(read)} of the questions that decide the round"
        where = f" to \u201c{read[0]['question']}\u201d" if len(read) == 1 else ""
        warnings.append({"kind": "reading", "text": (
            f"{which}{where} {'is' if len(read) == 1 else 'are'} our reading of {an}, not stated in the text "
            "(marked above): argue from the quotes, not from what the author says outright.")})
    points = summary["strongest"]
    unstated = [p for p in points if not p["stated"]]
    if t.claims and not any(c.stated for c in t.claims):
        warnings.append({"kind": "reading", "text": (
            f"{an} never ranks the causes: every weight given for {an} here (root, main, contributing cause...) "
            f"is our reading. Argue from what the text shows; do not say that {an} calls anything "
            f"{_article(points[0]['role_label']) if points else 'a cause'}.")})
    elif unstated:
        names = [f"{in_sentence(p['label'], proper)} ({p['role_label']})" for p in unstated]
        warnings.append({"kind": "reading", "text": (
            f"The weight{'s' if len(names) > 1 else ''} of {' and '.join(names)} "
            f"{'are' if len(names) > 1 else 'is'} our reading, not {an}'s words: "
            f"do not say that {an} ranks {'them' if len(names) > 1 else 'it'} so.")})
    single = [p for p in points if p["quotes"] == 1]
    if single:
        parts = [f"{in_sentence(p['label'], proper)} ({_loc(p['quote'])})" for p in single]
        what = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        warnings.append({"kind": "one-quote", "text": (
            f"Your point{'s' if len(single) > 1 else ''} on {what} "
            f"{'each rest' if len(single) > 1 else 'rests'} on a single quote: have the passage ready.")})
    for c in t.claims:
        if c.weight >= 3 and len(c.evidence) == 1 and all(p["claim"] != c.id for p in points):
            warnings.append({"kind": "one-quote", "text": (
                f"{an}'s {ROLE_LABELS[c.role]} ({in_sentence(taxonomy.factors[c.factor].label, proper) if c.factor in taxonomy.factors else c.factor}) "
                f"rests on a single quote ({_loc(evidence_dict(c.evidence[0]))}).")})
    for c in t.claims:
        if not c.evidence:
            warnings.append({"kind": "unsourced", "text": f"No quote backs the claim \u201c{c.text.rstrip('.')}\u201d."})
    inferred_links = [l for l in t.links if l.inferred and l.target != t.explains]
    single = [l for l in t.links if not l.inferred and len(l.evidence) == 1]
    counts = {"inferred_links": len(inferred_links), "single_quote_links": len(single),
              "inferred_positions": sum(1 for p in t.positions if p.basis == "inferred"),
              "positions": len(t.positions)}
    return warnings, counts


def _loc(evidence: dict | None) -> str:
    if not evidence:
        return "no locator"
    loc = evidence["locator"]
    parts = [f"line {loc['line']}"]
    if loc.get("page") is not None:
        parts.append(f"p. {loc['page']}")
    return ", ".join(parts)


def _quoted(claim: dict) -> str:
    return claim["text"] if claim["kind"] == "link" else f"\u201c{kernel(claim['text']).rstrip('.')}\u201d"


def _question(title: str, a_author: str, a_claim: dict, b_claim: dict, kind: str = "factor") -> str:
    """A question for B on a crux, worded by which side rejects what."""
    if kind == "question":
        return (f"{title} You hold {_quoted(b_claim)}. How do you answer {a_author}, "
                f"{_quoted(a_claim)}?")
    if b_claim["kind"] == "rejection":
        return (f"On {title}: you reject the view {_quoted(b_claim)}. What do you say to the evidence "
                f"{a_author} gives for {_quoted(a_claim)}?")
    if a_claim["kind"] == "rejection":
        return (f"On {title}: you hold {_quoted(b_claim)}. How do you answer {a_author}, "
                f"who argues against the view {_quoted(a_claim)}?")
    return (f"On {title}: you hold {_quoted(b_claim)}. How do you answer {a_author}'s reading, "
            f"{_quoted(a_claim)}?")


def _names(p: Profile, taxonomy: Taxonomy) -> dict:
    """Claim ids (and the outcome) to readable text, for links."""
    names = {c.id: f"\u201c{c.text.rstrip('.')}\u201d" for c in p.thesis.claims}
    outcome = taxonomy.factors.get(p.thesis.explains)
    names[p.thesis.explains] = outcome.label if outcome else p.thesis.explains
    return names


def _title(item: dict) -> str:
    if item["kind"] == "factor":
        return item["label"]
    if item["kind"] == "question":
        return item["text"]
    return f"{item['from_label']} \u2192 {item['to_label']}"


BENCHES = ("central", "minor", "silent", "rejecting")
#: Every place an author can take on a motion, in words.
POSITION_LABELS = {
    "central": "central to their account",
    "main": "the main cause in their account",
    "minor": "a minor part in their account",
    "lesser": "a cause, but not the main one",
    "rejecting": "rejects it",
    "rejects_main": "rejects it as the sole or main cause only",
    "rejects_reading": "rejects one reading of it only",
    "silent": "silent",
}


def position_on(p: Profile, factor: str, main: bool = False) -> str:
    """How an author stands on the motion that ``factor`` brought about the outcome.

    central (weight 2 or more), minor (1), silent or rejecting. A rejection counts by its
    scope: one of a single reading (``reading``) never opposes the motion, and one of the
    factor as the sole or main cause (``sole_cause``) opposes only the motion that it was
    the main cause (``main``). Those authors, when they assert nothing of the factor, sit
    as ``rejects_reading`` or ``rejects_main``. An author who asserts the factor sits by
    the weight they give it; with ``main``, ``main`` (a root or main cause) or ``lesser``.
    """
    stance = p.stance(factor)
    if stance == SILENT:
        return "silent"
    scopes = set(p.scopes(factor))
    if "factor" in scopes or (main and "sole_cause" in scopes):
        if stance == REJECTS or "factor" in scopes:
            return "rejecting"
        return "rejects_main"  # asserts it as a lesser cause and denies it was the main one
    if stance == REJECTS:
        return "rejects_main" if "sole_cause" in scopes else "rejects_reading"
    node = p.positions[factor]
    if main:
        return "main" if node["role"] in MAIN_ROLES else "lesser"
    return "central" if node["weight"] >= 2 else "minor"


def motion_factors(taxonomy: Taxonomy, theses=()) -> list[str]:
    """The factors a motion can name: every factor but the outcome (the taxonomy's and the theses')."""
    outcomes = {taxonomy.outcome, *(t.explains for t in theses)}
    return [f for f in taxonomy.factors if f not in outcomes]


def motion_brief(factor: str, profiles: list[Profile], taxonomy: Taxonomy, main: bool = False) -> dict:
    """Split the authors over the motion "``factor`` brought about the outcome" and brief both benches.

    With ``main``, the motion is "``factor`` was the main cause of the outcome".
    Proposition: every author who makes the factor part of their causal account, centrally
    or in a minor part (with ``main``: a root or main cause). Opposition: those who reject it
    (by the scope of their rejection, see :func:`position_on`; with ``main``, also those who
    give it a lesser part). Reserves: those whose account explains the outcome without it
    (silent, which is not the same as denying it) and those who reject a view of it that the
    motion does not state (one reading; without ``main``, its being the sole cause).
    """
    if factor not in motion_factors(taxonomy, (p.thesis for p in profiles)):
        raise ValueError(f"no motion on {factor}: not a cause in the taxonomy")
    fac = taxonomy.factors[factor]
    proper = taxonomy_proper_words(taxonomy, [p.thesis for p in profiles])
    outcome = in_sentence(taxonomy.outcome_label(), proper)
    positions = {p.id: position_on(p, factor, main) for p in profiles}

    def member(p: Profile) -> dict:
        node = p.positions.get(factor)
        entry = {"id": p.id, "author": p.thesis.name, "position": positions[p.id],
                 "position_label": POSITION_LABELS[positions[p.id]],
                 "importance": round(p.scores.get(factor, 0.0), 4), "claims": []}
        if node:
            entry["claims"] = _side_claims({"claims": [
                {"id": c.id, "text": c.text, "role": c.role, "author_term": c.author_term,
                 "evidence": [evidence_dict(e) for e in c.evidence]} for c in node["claims"]],
                "rejections": [{"id": r.id, "text": r.text, "scope_label": REJECTION_SCOPES[r.scope],
                                "evidence": [evidence_dict(e) for e in r.evidence]} for r in node["rejections"]]})
        # What the author puts in the factor's place: their strongest other causes. A claim on the
        # outcome factor itself is scored but is no cause (it has no position): leave it out.
        alternatives = sorted((f for f in p.scores if f != factor and f in p.positions),
                              key=lambda f: (-p.scores[f], f))[:3]
        entry["alternatives"] = [{"factor": f, "label": taxonomy.factors[f].label if f in taxonomy.factors else f,
                                  "role": ROLE_LABELS[p.positions[f]["role"]]} for f in alternatives]
        return entry

    # A minor part is still a part: whoever asserts the factor at all holds that it caused the outcome.
    pro = ("main",) if main else ("central", "minor")
    con = ("rejecting", "lesser", "rejects_main") if main else ("rejecting",)
    proposition = [member(p) for p in profiles if positions[p.id] in pro]
    opposition = [member(p) for p in profiles if positions[p.id] in con]
    reserves = [member(p) for p in profiles if positions[p.id] not in pro + con]
    order = {name: i for i, name in enumerate(("rejecting", "rejects_main", "lesser", "minor", "rejects_reading",
                                               "silent", "main", "central"))}
    for bench in (proposition, opposition, reserves):
        bench.sort(key=lambda m: (order[m["position"]], -m["importance"], m["id"]))
    verb = "was the main cause of" if main else "brought about"
    return {"motion": f"{fac.label} {verb} {outcome}.", "main": main,
            "factor": factor, "label": fac.label, "description": fac.description,
            "positions": positions, "proposition": proposition, "opposition": opposition,
            "reserves": reserves}
