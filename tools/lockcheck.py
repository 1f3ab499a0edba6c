"""Does requirements.txt resolve under each Python the book supports? For each interpreter: a
throw-away venv, then pip's real resolver on the lock (`pip install --dry-run --ignore-installed
--report`, nothing installed), then a check that every package pip would install is pinned by
the lock, so no Python gets an unpinned dependency through a marker.

    python3 tools/lockcheck.py [PYTHON ...]   default: one 3.11, 3.12 and 3.13 found on this machine
"""

from __future__ import annotations

import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "requirements.txt"
MINORS = (11, 12, 13)


def find_interpreters() -> dict[int, str]:
    """One interpreter per supported minor version: the distribution's own first (Debian 12's
    /usr/bin/python3.11 is 3.11.2, the oldest patch release the lock must serve), then PATH,
    then pyenv's."""
    found = {}
    for minor in MINORS:
        candidates = [f"/usr/bin/python3.{minor}", shutil.which(f"python3.{minor}") or ""]
        candidates += sorted(glob.glob(os.path.expanduser(f"~/.pyenv/versions/3.{minor}.*/bin/python")))
        for c in candidates:
            if c and os.access(c, os.X_OK) and _runs_as(c, minor):
                found[minor] = c
                break
    return found


def _runs_as(python: str, minor: int) -> bool:
    """pyenv's shims exist for versions that are installed but not selected, and then fail."""
    probe = subprocess.run([python, "-c", "import sys; print(sys.version_info[1])"], capture_output=True, text=True)
    return probe.returncode == 0 and probe.stdout.strip() == str(minor)


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked_pins(lock: Path = LOCK) -> dict[str, set[str]]:
    pins: dict[str, set[str]] = {}
    for line in lock.read_text().splitlines():
        m = re.match(r"^([A-Za-z0-9_.-]+)==(\S+)", line)
        if m:
            pins.setdefault(_norm(m[1]), set()).add(m[2])
    return pins


def resolve(python: str, lock: Path = LOCK) -> dict:
    """Resolve the lock with `python`; return its full version, exit code, pip's output tail, and
    the packages it would install that the lock does not pin."""
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="lockcheck-") as tmp:
        venv = Path(tmp) / "venv"
        made = subprocess.run([python, "-m", "venv", str(venv)], capture_output=True, text=True)
        if made.returncode != 0:
            return {"python": python, "version": "?", "ok": False, "seconds": 0.0,
                    "output": made.stderr[-2000:], "unpinned": []}
        report = Path(tmp) / "report.json"
        run = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--dry-run",
                              "--ignore-installed", "--quiet", "--report", str(report), "-r", str(lock)],
                             capture_output=True, text=True, timeout=1200)
        result = {"python": python, "ok": run.returncode == 0, "seconds": time.monotonic() - start,
                  "output": "\n".join(l for l in (run.stdout + run.stderr).splitlines()
                                      if "is ignored: it is neither a file" not in l)[-3000:],
                  "unpinned": [], "packages": 0, "version": "?"}
        if report.exists():
            data = json.loads(report.read_text())
            result["version"] = data["environment"]["python_full_version"]
            pins = locked_pins(lock)
            installs = {_norm(i["metadata"]["name"]): i["metadata"]["version"] for i in data["install"]}
            result["packages"] = len(installs)
            # Not an error, but a source build needs a compiler and headers on the reader's machine.
            result["sdists"] = sorted(i["metadata"]["name"] for i in data["install"]
                                      if not i["download_info"]["url"].endswith(".whl"))
            result["unpinned"] = sorted(f"{n}=={v}" for n, v in installs.items() if v not in pins.get(n, ()))
        return result


def main(argv: list[str]) -> int:
    pythons = argv or list(find_interpreters().values())
    with ThreadPoolExecutor(max_workers=len(pythons) or 1) as pool:
        results = list(pool.map(resolve, pythons))
    failed = 0
    for r in results:
        good = r["ok"] and not r["unpinned"]
        failed += not good
        print(f"{'ok  ' if good else 'FAIL'} Python {r['version']} ({r['python']}): "
              f"{r.get('packages', 0)} packages resolve from the lock in {r['seconds']:.0f} s, "
              + (f"built from source: {', '.join(r['sdists'])}" if r.get("sdists") else "all as wheels"))
        if not r["ok"]:
            print("     " + r["output"].replace("\n", "\n     "))
        if r["unpinned"]:
            print(f"     not pinned by the lock: {', '.join(r['unpinned'])}")
    return 1 if failed or not results else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
