"""Shared helpers for Loupe's evaluation harnesses (standard library only).

Paths can be overridden with environment variables:
  LOUPE_BIN   the CLI to evaluate (default: <repo>/target/release/loupe)
  EVAL_DEV    the development sets (default: /work/shared/eval-dev, else ../shared/eval-dev)
  EVAL_OUT    where predictions and scores go (default: <repo>/eval/out, gitignored)
"""
import json
import os
import subprocess
import sys
import time
from pathlib import Path

EVAL_DIR = Path(__file__).resolve().parent
REPO = EVAL_DIR.parent


def eval_dev() -> Path:
    env = os.environ.get("EVAL_DEV")
    if env:
        return Path(env)
    for cand in (Path("/work/shared/eval-dev"), REPO.parent / "shared" / "eval-dev"):
        if cand.is_dir():
            return cand
    sys.exit("eval-dev not found: set EVAL_DEV to the folder holding keywords/, ner/, extraction/")


def out_dir(task: str) -> Path:
    d = Path(os.environ.get("EVAL_OUT", EVAL_DIR / "out")) / task
    d.mkdir(parents=True, exist_ok=True)
    return d


def loupe_bin() -> Path:
    return Path(os.environ.get("LOUPE_BIN", REPO / "target" / "release" / "loupe"))


def require_loupe() -> Path:
    """Return the CLI path, or exit with status 3 ("skipped") when it is not built."""
    b = loupe_bin()
    if not (b.is_file() and os.access(b, os.X_OK)):
        print(f"SKIP: {b} not built (cargo build --release), or set LOUPE_BIN", file=sys.stderr)
        sys.exit(3)
    return b


def write_jsonl(path: Path, rows):
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def read_jsonl(path: Path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def write_json(path: Path, obj):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=1)


def _parse_lines(stdout: str):
    out = []
    for line in stdout.splitlines():
        line = line.strip()
        if not line:
            continue
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError:
            print(f"warning: loupe printed a non-JSON line: {line[:120]!r}", file=sys.stderr)
    return out


def _match(files, objs):
    """Map input path -> output object, by the `source` field (as given, absolute or
    real path), else by order when the counts agree."""
    keys = {}
    for f in files:
        for k in (str(f), os.path.abspath(f), os.path.realpath(f)):
            keys.setdefault(k, str(f))
    res, unmatched = {}, []
    for o in objs:
        src = o.get("source")
        f = None
        if isinstance(src, str):
            f = keys.get(src) or keys.get(os.path.abspath(src)) or keys.get(os.path.realpath(src))
        if f is None or f in res:
            unmatched.append(o)
        else:
            res[str(f)] = o
    if unmatched and len(objs) == len(files) and len(res) == 0:
        res = {str(f): o for f, o in zip(files, objs)}
        unmatched = []
    return res, unmatched


def run_loupe(files, lang="fr", timeout=1800, extra_args=()):
    """Run `loupe analyze --lang LANG FILE...` once over all files (in chunks so the
    command line stays short). Returns ({path: output object}, seconds, failures).
    A chunk that fails is retried file by file so one bad input costs one result."""
    b = require_loupe()
    files = [str(f) for f in files]
    results, failures = {}, []
    t0 = time.perf_counter()
    chunk = 500

    def call(batch):
        cmd = [str(b), "analyze", "--lang", lang, *extra_args, *batch]
        p = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", timeout=timeout)
        return p.returncode, _parse_lines(p.stdout), p.stderr

    for i in range(0, len(files), chunk):
        batch = files[i:i + chunk]
        rc, objs, err = call(batch)
        got, _ = _match(batch, objs)
        results.update(got)
        missing = [f for f in batch if f not in got]
        if missing and (rc != 0 or len(batch) > 1):
            if rc != 0:
                print(f"warning: loupe exited {rc} on a batch of {len(batch)}: {err.strip()[:300]}", file=sys.stderr)
            for f in missing:
                rc1, objs1, err1 = call([f])
                got1, _ = _match([f], objs1)
                if f in got1:
                    results[f] = got1[f]
                else:
                    failures.append({"file": f, "rc": rc1, "stderr": err1.strip()[:300]})
    secs = time.perf_counter() - t0
    if failures:
        print(f"warning: loupe produced no output for {len(failures)} file(s), e.g. {failures[0]}", file=sys.stderr)
    return results, secs, failures


def file_size_mb(path) -> float:
    p = Path(path)
    if p.is_file():
        return p.stat().st_size / 1e6
    return sum(f.stat().st_size for f in p.rglob("*") if f.is_file()) / 1e6
