#!/usr/bin/env bash
# Runs the whole test suite from a fresh checkout: installs what the tests need into
# project-local, git-ignored folders (nothing system-wide), builds with warnings as errors,
# and runs every test. Fails when the solver libraries cannot be installed, since every
# exact-engine test needs them; with CI=true (as .ci/run sets) a library that is installed
# but does not load fails those tests too instead of skipping them.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! bash scripts/fetch-solvers.sh; then
    echo "error: scripts/fetch-solvers.sh could not install the solver libraries (CP-SAT, HiGHS);" >&2
    echo "       the exact-engine tests need them. Fix the error above (network access, python3 -m pip) and rerun." >&2
    exit 1
fi
bash scripts/setup-python.sh --ray
# The HTML report's browser tests need headless Chromium (Debian's package `chromium`):
# installed here when missing and run as root; otherwise, or when the install fails, the
# reason goes to the tests, which then skip saying why (under CI=true a missing browser
# without such a reason fails them).
if ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null && ! command -v google-chrome >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >/dev/null; then
            export DIVIML_CHROMIUM_UNAVAILABLE="apt-get install chromium failed (see the output above)"
        fi
    else
        export DIVIML_CHROMIUM_UNAVAILABLE="chromium is not installed and this is not a root shell with apt-get to install it"
    fi
fi
if [ -d .pydeps ]; then export PYTHONPATH="$PWD/.pydeps${PYTHONPATH:+:$PYTHONPATH}"; fi

# -warnings-as-errors reaches only this package's modules: SwiftPM builds remote
# dependencies with their warnings suppressed.
swift build --build-tests -Xswiftc -warnings-as-errors
swift test --skip-build
