"""Timing whole commands for the benchmarks: medians of alternating runs, peak memory.

Every benchmark times a command against an anchor in the same run, alternating their order
round by round (A B, B A, A B, ...) so that the machine's drift hits both alike, and reports
the ratio of the medians. Peak memory is the child's maximum resident set (``ru_maxrss``).
"""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class Installed:
    """argmap as a user's ``pip install TREE`` leaves it, in a throwaway virtual environment.

    What users run is the installed ``argmap`` script: a non-editable install, byte-compiled
    by pip, on a Python whose start-up imports nothing of argmap's. The development
    environment is not that: its editable install adds an import finder to every Python
    process (~13 ms here), and ``python TREE/cli.py`` compiles cli.py on every run (~6 ms).
    So each benchmark installs TREE (default: this checkout) into a fresh venv whose
    dependencies (click, PyYAML, graphviz...) come from the running environment through a
    ``.pth`` line, and times ``argmap`` and its anchors on that venv's ``python``.
    """

    def __init__(self, tree: Path | None = None):
        import atexit
        import site
        import sysconfig
        import tempfile

        self.tree = Path(tree or ROOT).resolve()
        self.home = Path(tempfile.mkdtemp(prefix="argmap-bench-venv-"))
        atexit.register(shutil.rmtree, self.home, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(self.home)], check=True)
        self.python = str(self.home / "bin" / "python")
        purelib = subprocess.run([self.python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                 check=True, capture_output=True, text=True).stdout.strip()
        deps = [*site.getsitepackages(), sysconfig.get_paths()["purelib"]]
        Path(purelib, "benchmark-deps.pth").write_text("\n".join(dict.fromkeys(deps)) + "\n", encoding="utf-8")
        pip = [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", purelib, str(self.tree)]
        done = subprocess.run(pip, capture_output=True, text=True)
        if done.returncode != 0:  # no index to fetch setuptools from: build with the one installed here
            done = subprocess.run([*pip, "--no-build-isolation"], capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"could not install {self.tree}: {done.stderr.strip()[-600:]}")
        self.argmap = [self.python, str(Path(purelib) / "bin" / "argmap")]

    def describe(self) -> str:
        return f"argmap from {self.tree}, installed with pip into {self.home} (run as {' '.join(self.argmap)})"


def tree_option(parser) -> None:
    parser.add_argument("--tree", type=Path, help="time the argmap of this source tree instead of this one "
                                                  "(e.g. `git archive OLD | tar -x -C /tmp/old`)")


def run(cmd: list[str], cwd: Path | None = None, timeout: float | None = None) -> tuple[float, float, float]:
    """Wall seconds, peak resident MB and CPU seconds (user + system) of one run of ``cmd``.

    Raises RuntimeError if it fails, TimeoutError (after killing it) if it runs past ``timeout``."""
    start = time.perf_counter()
    child = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG if timeout else 0)
        if pid:
            break
        if time.perf_counter() - start > timeout:
            child.kill()
            os.wait4(child.pid, 0)
            child.stderr.close()
            raise TimeoutError(f"killed after {timeout:.0f} s")
        time.sleep(0.05)
    elapsed = time.perf_counter() - start
    err = child.stderr.read().decode("utf-8", "replace")
    child.stderr.close()
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0,):
        raise RuntimeError(f"{' '.join(cmd)} exited {child.returncode}: {err.strip()[-400:]}")
    return elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def alternate(commands: dict[str, list[str]], rounds: int, cwd: Path | None = None,
              warmup: bool = True) -> dict[str, dict]:
    """Run every command ``rounds`` times, alternating their order.

    For each: the ``median`` wall seconds, the median ``cpu`` seconds (user + system: less
    sensitive than wall time to other work on the machine) and the largest ``peak_mb``."""
    names = list(commands)
    if warmup:  # fill the page cache and Python's bytecode cache; not counted
        for name in names:
            run(commands[name], cwd)
    times = {n: [] for n in names}
    peaks = {n: [] for n in names}
    cpus = {n: [] for n in names}
    for r in range(rounds):
        for name in (names if r % 2 == 0 else names[::-1]):
            seconds, peak, cpu = run(commands[name], cwd)
            times[name].append(seconds)
            cpus[name].append(cpu)
            peaks[name].append(peak)
    return {n: {"median": statistics.median(times[n]), "cpu": statistics.median(cpus[n]), "peak_mb": max(peaks[n]),
                "runs": times[n]} for n in names}


def machine() -> str:
    """nproc, the CPU model and the Python version, for the record."""
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    dot = shutil.which("dot")
    version = ""
    if dot:
        out = subprocess.run([dot, "-V"], capture_output=True, text=True)
        version = (out.stderr or out.stdout).strip()
    return (f"nproc {len(os.sched_getaffinity(0))} ({model}), Python {platform.python_version()}, "
            f"{version or 'no Graphviz'}")
