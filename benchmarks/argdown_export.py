"""Write a thesis as Argdown (https://argdown.org), for timing the Argdown CLI on the same map.

The same statements and relations as `argmap render` draws: a statement per claim (titled by
its id, its text the factor's label and the claim), one for the outcome, one per rejected
view, and a relation per link: `+>` (supports) for a positive link, `->` (attacks) for a
negative one. Every statement is kept on the map, connected or not, as argmap draws them all.
A benchmark aid, not a user-facing export: markup characters in texts are blanked.

    python benchmarks/argdown_export.py ID [--corpus DIR] [-o FILE.argdown]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from argmap.loader import bundled_corpus_dir, load_thesis  # noqa: E402

_MARKUP = re.compile(r"[\[\]<>#@*_`\\{}=+\-]")
FRONT = "===\ntitle: {title}\nselection:\n  statementSelectionMode: all\n  excludeDisconnected: false\n===\n\n"


def _text(s: str) -> str:
    """One line without Argdown markup."""
    return " ".join(_MARKUP.sub(" ", s).split())


def to_argdown(thesis, taxonomy) -> str:
    def label(factor: str) -> str:
        f = taxonomy.factors.get(factor)
        return f.label if f else factor

    outcome = thesis.explains
    out = [FRONT.format(title=json.dumps(_text(f"{thesis.author}: {thesis.work}")))]
    by_source: dict[str, list] = {}
    for link in thesis.links:
        by_source.setdefault(link.source, []).append(link)
    for claim in thesis.claims:
        out.append(f"[{claim.id}]: {_text(label(claim.factor))}. {_text(claim.text)}")
        for link in by_source.get(claim.id, ()):
            out.append(f"  {'+>' if link.polarity > 0 else '->'} [{link.target}]")
        out.append("")
    out += [f"[{outcome}]: {_text(label(outcome))}.", ""]
    for r in thesis.rejects:
        out += [f"[{r.id}]: Rejected: {_text(label(r.factor))}. {_text(r.text)}", ""]
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("thesis_id")
    parser.add_argument("--corpus", type=Path, default=bundled_corpus_dir())
    parser.add_argument("-o", "--output", type=Path)
    args = parser.parse_args()
    corpus = load_thesis(args.thesis_id, args.corpus)
    text = to_argdown(corpus.theses[args.thesis_id], corpus.taxonomy)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
