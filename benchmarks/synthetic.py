"""A synthetic corpus generator for benchmarks: N theses of M claims over K factors.

Deterministic for a given seed. Theses are written as YAML files in the argmap format, so
benchmarks measure the same path users take. With --chain N: one thesis whose N claims form
a single causal chain, and one ordinary thesis beside it.

    python benchmarks/synthetic.py OUT_DIR [--theses 200] [--claims 100] [--factors 120] [--chain N]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import yaml

ROLES = ["root", "main", "direct", "trigger", "contributing", "background"]
RELATIONS = ["causes", "contributes_to", "enables", "aggravates", "undermines", "prevents"]
CATEGORIES = ["international", "grain", "party", "ideology", "economy", "society"]
PALETTE = ["#77AADD", "#EEDD88", "#EE8866", "#FFAABB", "#44BB99", "#BBCC33"]


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    def ignore_aliases(self, data):  # argmap refuses aliases: write every value out
        return True


def taxonomy(factors: int) -> dict:
    return {
        "argmap": 2, "kind": "taxonomy", "debate": "A synthetic debate.", "outcome": "outcome",
        "categories": [{"id": c, "label": c.title(), "colour": p} for c, p in zip(CATEGORIES, PALETTE)]
        + [{"id": "outcome", "label": "Outcome", "colour": "#DDDDDD"}],
        "factors": [{"id": "outcome", "label": "Outcome", "category": "outcome", "description": "The outcome."}]
        + [{"id": f"f{i:03d}", "label": f"Factor {i}", "category": CATEGORIES[i % len(CATEGORIES)],
            "description": f"Synthetic factor {i}.", "period": str(1920 + i % 10)} for i in range(factors)],
    }


def thesis(index: int, claims: int, factors: int, rng: random.Random) -> dict:
    ids = [f"c{i:03d}" for i in range(claims)]
    quote = [{"quote": f"Synthetic quote {index}.", "locator": {"line": 1 + index}}]
    data = {
        "argmap": 2, "id": f"t{index:03d}", "author": f"Author {index}", "work": f"Work {index}",
        "year": 1950 + index % 70, "source": {"file": f"t{index:03d}.txt", "citation": "Synthetic."},
        "scope": "1920-1930", "explains": "outcome", "thesis": "A synthetic thesis.",
        "claims": [{"id": c, "text": f"Claim {c}.", "factor": f"f{rng.randrange(factors):03d}",
                    "role": rng.choice(ROLES), "evidence": quote} for c in ids],
        "links": [],
        "rejects": [{"id": f"r{j}", "text": "A rejected view.", "factor": f"f{rng.randrange(factors):03d}",
                     "scope": rng.choice(["factor", "sole_cause", "reading"]), "evidence": quote} for j in range(3)],
    }
    seen = set()
    # A forward-only chain of links keeps the argument acyclic, as most real ones are.
    for i, c in enumerate(ids):
        targets = rng.sample(ids[i + 1:], min(len(ids) - i - 1, rng.randint(0, 2))) if i + 1 < len(ids) else []
        if rng.random() < 0.15 or not targets:
            targets.append("outcome")
        for t in targets:
            rel = rng.choice(RELATIONS)
            if (c, t, rel) not in seen:
                seen.add((c, t, rel))
                data["links"].append({"from": c, "to": t, "relation": rel, "evidence": quote})
    asserted = {c["factor"] for c in data["claims"]}
    data["rejects"] = [r for r in data["rejects"] if r["factor"] not in asserted]
    return data


def chain(index: int, claims: int, factors: int) -> dict:
    """A valid thesis whose claims form one long causal chain to the outcome (issue 15's hostile case)."""
    quote = [{"quote": "Q.", "locator": {"line": 1}}]
    ids = [f"c{i}" for i in range(claims)]
    return {
        "argmap": 2, "id": f"t{index:03d}", "author": f"Author {index}", "work": f"Work {index}",
        "year": 1950, "source": {"file": f"t{index:03d}.txt", "citation": "Synthetic."},
        "scope": "1920-1930", "explains": "outcome", "thesis": "A synthetic chain.",
        "claims": [{"id": c, "text": f"{c}.", "factor": f"f{i % factors:03d}",
                    "role": "root" if i == 0 else "contributing", "evidence": quote} for i, c in enumerate(ids)],
        "links": [{"from": a, "to": b, "relation": "causes", "evidence": quote}
                  for a, b in zip(ids, ids[1:] + ["outcome"])],
    }


def write_chain_corpus(out: Path, claims: int, factors: int = 120, seed: int = 1) -> Path:
    """A corpus of one ``claims``-long chain and one ordinary synthetic thesis to compare it with."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    dump = lambda d: yaml.dump(d, Dumper=_Dumper, sort_keys=False)  # noqa: E731
    (out / "factors.yaml").write_text(dump(taxonomy(factors)))
    # Flow style for the items keeps a 10,000-claim chain under argmap's 2 MB limit per file.
    (out / "t000.yaml").write_text(yaml.dump(chain(0, claims, factors), Dumper=_Dumper, sort_keys=False,
                                             default_flow_style=None, width=200))
    (out / "t001.yaml").write_text(dump(thesis(1, 100, factors, rng)))
    return out


def write_corpus(out: Path, theses: int = 200, claims: int = 100, factors: int = 120, seed: int = 1) -> Path:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    dump = lambda d: yaml.dump(d, Dumper=_Dumper, sort_keys=False)  # noqa: E731
    (out / "factors.yaml").write_text(dump(taxonomy(factors)))
    for i in range(theses):
        (out / f"t{i:03d}.yaml").write_text(dump(thesis(i, claims, factors, rng)))
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--theses", type=int, default=200)
    parser.add_argument("--claims", type=int, default=100)
    parser.add_argument("--factors", type=int, default=120)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--chain", type=int, help="write one chain of this many claims and one ordinary thesis")
    a = parser.parse_args()
    if a.chain:
        print(write_chain_corpus(a.out, a.chain, a.factors, a.seed))
    else:
        print(write_corpus(a.out, a.theses, a.claims, a.factors, a.seed))
