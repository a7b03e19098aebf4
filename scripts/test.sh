#!/usr/bin/env bash
# Runs the whole test suite from a fresh checkout: installs what the tests need into
# project-local, git-ignored folders (nothing system-wide), builds, and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/fetch-solvers.sh || echo "warning: solver libraries unavailable; exact-engine tests are skipped" >&2
bash scripts/setup-python.sh
if [ -d .pydeps ]; then export PYTHONPATH="$PWD/.pydeps${PYTHONPATH:+:$PYTHONPATH}"; fi

swift build --build-tests
swift test --skip-build
