"""Debate briefs: everything a student needs to argue one historian's case against another.

Built only from the encoded data, deterministically: no text is generated beyond fixed
sentence templates filled with the theses' own claims, quotes and ids. :func:`brief` makes
the brief for A against B; :func:`motion_brief` splits the authors over a motion ("this
factor ended the outcome") and briefs both benches. Both return JSON-ready dicts that
:mod:`render.brief` turns into Markdown or HTML.
"""

from __future__ import annotations

from .analysis import weak_spots
from .compare import MIXED, REJECTS, SILENT, WEIGHS, Profile, diff, evidence_dict
from .format import REJECTION_SCOPES, RELATION_LABELS, ROLE_LABELS
from .graphs import thesis_graph
from .model import Taxonomy

TOP_POINTS = 6


def _who(p: Profile) -> dict:
    t = p.thesis
    return {"id": t.id, "author": t.author, "name": t.name, "work": t.work, "year": t.year, "scope": t.scope,
            "thesis": " ".join(t.thesis.split()), "notes": " ".join((t.notes or "").split()) or None}


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


def brief(a: Profile, b: Profile, others: list[Profile], taxonomy: Taxonomy, include_inferred: bool = False) -> dict:
    """The brief for arguing A's case against B; ``others`` are the rest of the corpus."""
    d = diff(a, b, taxonomy, include_inferred)
    others = [o for o in others if o.id not in (a.id, b.id)]
    na, nb = _names(a, taxonomy), _names(b, taxonomy)

    agreed = [q for q in d.questions if q["type"] == "same_answer"]
    common = [{"title": _title(item), "kind": item["kind"], "agreement": item.get("agreement_label", "same answer"),
               "a": _side_claims(item["a"], na), "b": _side_claims(item["b"], nb)} for item in agreed + d.shared]

    cruxes = []
    for item in d.conflicts:
        weight_a, weight_b = _importance(a, item, taxonomy), _importance(b, item, taxonomy)
        cruxes.append({"title": _title(item), "type": item["type"], "summary": item["summary"],
                       "stake": round(weight_a + weight_b, 4), "stake_a": round(weight_a, 4),
                       "stake_b": round(weight_b, 4), "a": _side_claims(item["a"], na), "b": _side_claims(item["b"], nb),
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
                   if getattr(taxonomy.factors.get(c.factor), "category", None) == category]
        rejecters = []
        for o in others:
            node = o.positions.get(item["factor"])
            if node and node["stance"] in (REJECTS, MIXED):
                for r in node["rejections"]:
                    rejecters.append({"author": o.thesis.name, "id": o.id, "text": r.text,
                                      "evidence": _best([evidence_dict(e) for e in r.evidence])})
        unanswered.append({"title": item["label"], "factor": item["factor"], "category": category,
                           "importance": round(b.scores.get(item["factor"], 0.0), 4),
                           "b": _side_claims(item["b"], nb), "a_answers": answers[:3],
                           "allied_rejections": rejecters})
        if len(unanswered) >= TOP_POINTS:
            break

    spots = []
    for s in weak_spots(thesis_graph(a.thesis, taxonomy)):
        spot = s.as_dict()
        if " -> " in s.subject:
            source, target = s.subject.split(" -> ")
            spot["subject"] = f"{na.get(source, source)} \u2192 {na.get(target, target)}"
        else:
            spot["subject"] = na.get(s.subject, s.subject)
        spots.append(spot)
    silent = [{"factor": i["factor"], "title": i["label"], "b_role": i["b"].get("role_label")}
              for i in d.only_b if i["kind"] == "factor" and b.asserts(i["factor"])]

    questions = []
    for c in cruxes[:TOP_POINTS]:
        b_claim = next((x for x in c["b"]), None)
        a_claim = next((x for x in c["a"]), None)
        if b_claim and a_claim:
            questions.append(_question(c["title"], a.thesis.name, a_claim, b_claim))
    for s in weak_spots(thesis_graph(b.thesis, taxonomy)):
        if s.kind == "inferred-link":
            source, target = s.subject.split(" -> ")
            questions.append(f"Where does your text itself say that {nb.get(source, source)} leads to "
                             f"{nb.get(target, target)}? (the encoding only infers it)")
        elif s.kind == "unsourced-claim":
            questions.append(f"What evidence backs your claim that \u201c{s.detail}\u201d?")
    for item in sorted((i for i in d.only_a if i["kind"] == "factor" and a.asserts(i["factor"])),
                       key=lambda i: (-a.scores.get(i["factor"], 0.0), i["factor"]))[:3]:
        questions.append(f"Why does your account leave out {item['label']}, which {a.thesis.name} treats as "
                         f"a {item['a']['role_label']}?")
    for item in (q for q in d.questions if q["type"] == "only_a"):
        questions.append(f"{item['text']} {a.thesis.name} answers \u201c{item['a']['answer_label']}\u201d; "
                         "what is your answer?")

    return {"a": _who(a), "b": _who(b), "agreement": d.agreement, "counts": d.counts,
            "common_ground": common, "cruxes": cruxes, "unanswered": unanswered,
            "weak_spots": spots, "silent_on": silent, "questions": questions}


def _quoted(claim: dict) -> str:
    return claim["text"] if claim["kind"] == "link" else f"\u201c{claim['text'].rstrip('.')}\u201d"


def _question(title: str, a_author: str, a_claim: dict, b_claim: dict) -> str:
    """A question for B on a crux, worded by which side rejects what."""
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


def position_on(p: Profile, factor: str) -> str:
    """How an author stands on a factor: central (weight 2 or more), minor (1), silent or rejecting.

    An author who asserts the factor and rejects a reading of it (mixed) sits by the weight they give it.
    """
    stance = p.stance(factor)
    if stance == REJECTS:
        return "rejecting"
    if stance == SILENT:
        return "silent"
    return "central" if p.positions[factor]["weight"] >= 2 else "minor"


def motion_brief(factor: str, profiles: list[Profile], taxonomy: Taxonomy) -> dict:
    """Split the authors over the motion "``factor`` brought about the outcome" and brief both benches.

    Proposition: authors for whom the factor is central. Opposition: those who reject it,
    those who give it only a minor part, and, as reserves, those whose account explains the
    outcome without it (silent, which is not the same as denying it).
    """
    fac = taxonomy.factors[factor]
    outcome = taxonomy.factors.get(taxonomy.outcome)
    positions = {p.id: position_on(p, factor) for p in profiles}

    def member(p: Profile) -> dict:
        node = p.positions.get(factor)
        entry = {"id": p.id, "author": p.thesis.name, "position": positions[p.id],
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

    proposition = [member(p) for p in profiles if positions[p.id] == "central"]
    opposition = [member(p) for p in profiles if positions[p.id] in ("rejecting", "minor")]
    reserves = [member(p) for p in profiles if positions[p.id] == "silent"]
    order = {name: i for i, name in enumerate(("rejecting", "minor", "silent", "central"))}
    for bench in (proposition, opposition, reserves):
        bench.sort(key=lambda m: (order[m["position"]], -m["importance"], m["id"]))
    return {"motion": f"{fac.label} brought about {outcome.label if outcome else 'the outcome'}.",
            "factor": factor, "label": fac.label, "description": fac.description,
            "positions": positions, "proposition": proposition, "opposition": opposition,
            "reserves": reserves}
