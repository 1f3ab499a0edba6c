"""Run one build stage quietly: say what it does, keep its full output in _build/logs/<stage>.log,
show only its progress and its real warnings, and say how long it took.

    python3 tools/stage.py [--strict] NAME "what it does" -- command ...

With --strict a line that says WARNING or ERROR fails the stage even when the command exits 0,
unless HARMLESS below names it with its reason (tests/test_build.py judges the strict build's
log with the same list). On failure the last lines of the log are shown.
"""

import re
import subprocess
import sys
import time
from pathlib import Path

# Lines that say WARNING but are not about the book, each with the reason it is allowed.
HARMLESS = [
    (re.compile(r"^\[IPKernelApp\] WARNING \| Kernel is running over TCP without encryption"),
     "ipykernel's notice for every kernel it starts (nbclient talks to it over loopback TCP)"),
]
PROBLEM = re.compile(r"\bWARNING\b|\bERROR\b")
# jupyter-book colours Sphinx's output even into a pipe.
ANSI = re.compile(r"\x1b\[[0-9;]*m")
# A few short lines per page, enough to see the stage is alive and where the time goes: Sphinx
# reading a page, myst-nb's time to execute it, `kazbook.notebooks` finishing a chapter.
PROGRESS = re.compile(r"^reading sources\.\.\. \[\s*\d+%\] \S+|^notebooks: \S+: student and teacher written"
                      r"|: Executed notebook in [\d.]+ seconds")
TAIL = 60


def harmless_reason(line: str) -> str | None:
    for pattern, reason in HARMLESS:
        if pattern.search(line):
            return reason
    return None


def real_warnings(log: str) -> list[str]:
    """The WARNING/ERROR lines of a build log that HARMLESS does not explain."""
    return [line for line in ANSI.sub("", log).splitlines() if PROBLEM.search(line) and harmless_reason(line) is None]


def duration(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes} min {secs:02d} s" if minutes else f"{secs} s"


def run(name: str, what: str, command: list[str], strict: bool, log_dir: Path) -> int:
    log_dir.mkdir(parents=True, exist_ok=True)
    log_path = log_dir / f"{name}.log"
    print(f"[{name}] {what} ...", flush=True)
    start = time.monotonic()
    lines, filtered, shown = [], {}, []
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          errors="replace", bufsize=1) as proc, open(log_path, "w", encoding="utf-8", buffering=1) as log:
        for line in proc.stdout:
            line = ANSI.sub("", line.rstrip("\n")).replace(f"{Path.cwd()}/", "")
            log.write(line + "\n")
            lines.append(line)
            reason = harmless_reason(line)
            if reason:
                filtered[reason] = filtered.get(reason, 0) + 1
            elif strict and PROBLEM.search(line):
                shown.append(line)
                print(f"[{name}] {line}", flush=True)
            elif PROGRESS.search(line):
                print(f"[{name}]   {line}", flush=True)
    code = proc.returncode
    for reason, count in filtered.items():
        print(f"[{name}] filtered {count} harmless line(s): {reason}")
    if code == 0 and shown:
        print(f"[{name}] {len(shown)} warning(s) above fail the stage; full log: {log_path}")
        code = 1
    if code != 0:
        if not shown:
            print("\n".join(f"[{name}] | {line}" for line in lines[-TAIL:]))
        print(f"[{name}] FAILED after {duration(time.monotonic() - start)} (exit {code}); full log: {log_path}")
        return code
    seconds = time.monotonic() - start
    print(f"[{name}] done in {duration(seconds)} (log: {log_path})", flush=True)
    # For `make bench`'s newcomer timeline: every finished stage, appended.
    with open(log_dir / "timings.tsv", "a", encoding="utf-8") as timings:
        timings.write(f"{time.strftime('%Y-%m-%dT%H:%M:%S')}\t{name}\t{seconds:.1f}\n")
    return 0


def main(argv: list[str]) -> int:
    strict = argv[:1] == ["--strict"]
    if strict:
        argv = argv[1:]
    name, what, sep, *command = argv
    assert sep == "--" and command, __doc__
    return run(name, what, command, strict, Path("_build") / "logs")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
