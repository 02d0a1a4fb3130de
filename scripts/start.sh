#!/usr/bin/env bash
# README command 1: install what is missing, build, and serve the demo page.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
exec node scripts/serve.mjs "${PORT:-8000}"
