"""Speed work changes no output: every text, JSON, Markdown, CSV and DOT argmap writes for the
bundled corpus and for a synthetic one, byte for byte, against digests recorded in
tests/snapshots/outputs.sha256.

The outputs are Graphviz's input, not its drawings (whose bytes vary with its version), and
are made through the command line as a user makes them. When an output changes on purpose
(the corpus is re-read, a wording improves), look at the change, then record the new digests:

    ARGMAP_UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/test_snapshots.py
"""

from __future__ import annotations

import hashlib
import itertools
import os
import sys

import pytest
from click.testing import CliRunner

from cli import cli
from conftest import ROOT
from argmap.loader import load_corpus

RECORD = ROOT / "tests" / "snapshots" / "outputs.sha256"
BUNDLED_IDS = sorted(load_corpus(None).theses)


def _outputs(tmp_path) -> dict[str, bytes]:
    """Every output to pin, by a name that says how it was made."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synthetic import write_corpus

    runner = CliRunner()
    out: dict[str, bytes] = {}

    def run(name: str, *args: str, file: str | None = None) -> None:
        args = [str(a) for a in args]
        if file:
            args += ["-o", str(tmp_path / file)]
        result = runner.invoke(cli, args, obj={}, env={"COLUMNS": "100", "NO_COLOR": "1"})
        assert result.exit_code == 0, (name, result.output)
        out[name] = (tmp_path / file).read_bytes() if file else result.output.encode("utf-8")

    run("validate json", "validate", "--format", "json")
    for what in ((), ("--factors",), ("--questions",)):
        run(f"list {' '.join(what)}".strip(), "list", *what)
    for inferred in ((), ("--include-inferred",)):
        tag = " --include-inferred" if inferred else ""
        run(f"compare json{tag}", "compare", "--format", "json", "--indent", "2", "--pair-lists", *inferred)
        for fmt in ("text", "md", "csv"):
            run(f"compare {fmt}{tag}", "compare", "--format", fmt, *inferred)
    for i in BUNDLED_IDS:
        run(f"render {i} dot", "render", i, file=f"{i}.dot")
    for a, b in itertools.permutations(BUNDLED_IDS, 2):
        for fmt in ("text", "md", "json"):
            run(f"diff {a} {b} {fmt}", "diff", a, b, "--format", fmt)
        run(f"debate {a} --against {b} md", "debate", a, "--against", b)
    for a, b in itertools.combinations(BUNDLED_IDS, 2):
        run(f"diff {a} {b} dot", "diff", a, b, file=f"{a}-{b}.dot")
    synthetic = write_corpus(tmp_path / "synthetic", theses=12, claims=40, factors=50)
    for inferred in ((), ("--include-inferred",)):
        tag = " --include-inferred" if inferred else ""
        run(f"synthetic compare json{tag}", "compare", "--corpus", synthetic, "--format", "json", "--indent", "2",
            "--pair-lists", *inferred)
    return out


def _digests(outputs: dict[str, bytes]) -> dict[str, str]:
    return {name: hashlib.sha256(data).hexdigest() for name, data in outputs.items()}


def _read_record() -> dict[str, str]:
    lines = RECORD.read_text(encoding="utf-8").splitlines() if RECORD.exists() else []
    return {name: digest for digest, name in (line.split("  ", 1) for line in lines if line.strip())}


def test_outputs_are_byte_identical_to_the_recorded_ones(tmp_path):
    digests = _digests(_outputs(tmp_path))
    if os.environ.get("ARGMAP_UPDATE_SNAPSHOTS") == "1":
        RECORD.write_text("".join(f"{d}  {n}\n" for n, d in sorted(digests.items())), encoding="utf-8")
    recorded = _read_record()
    assert recorded, f"no recorded digests in {RECORD}: record them (see this module's docstring)"
    changed = sorted(n for n in digests.keys() & recorded.keys() if digests[n] != recorded[n])
    assert not changed, (f"{len(changed)} outputs changed, e.g. {changed[:5]}; if on purpose, record them again "
                         "(ARGMAP_UPDATE_SNAPSHOTS=1, see tests/test_snapshots.py)")
    assert digests.keys() == recorded.keys(), ("outputs added or gone: "
                                                f"{sorted(digests.keys() ^ recorded.keys())[:5]}")
