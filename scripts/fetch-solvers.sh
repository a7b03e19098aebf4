#!/usr/bin/env bash
# Fetches the solver libraries DiviML's exact engines load at run time (CP-SAT in
# libortools.so.9, HiGHS in libhighs.so.1) into the project-local, git-ignored folder
# .solvers/site/ortools/.libs, where `diviml` finds them without any environment variable.
# The wheel's layout is kept (ortools/.libs next to ortools.libs, whose auditwheel-renamed
# dependencies the libraries find through their RUNPATH).
#
# Works on a stock Debian/Ubuntu python3 where pip refuses system-wide installs (PEP 668):
# it only *downloads* the pinned OR-Tools wheel (no install, no dependencies) and unpacks
# its ortools/.libs folder. Python is needed for this step only, never at run time.
#
# Usage: scripts/fetch-solvers.sh [DEST]      (DEST defaults to <repo>/.solvers)
# Then:  swift run diviml doctor
set -euo pipefail

ORTOOLS_PIN="9.15.6755"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="${1:-$root/.solvers}"
python="${PYTHON:-python3}"

libs="$dest/site/ortools/.libs"
if [[ -e "$libs/libortools.so.9" && -e "$libs/libhighs.so.1" && -e "$dest/VERSION" \
      && "$(cat "$dest/VERSION")" == "$ORTOOLS_PIN" ]]; then
    echo "solver libraries already present in $libs (OR-Tools $ORTOOLS_PIN)"
    exit 0
fi

if ! "$python" -m pip --version >/dev/null 2>&1; then
    echo "error: '$python -m pip' is not available; install it first (Debian/Ubuntu: apt-get install python3-pip)," >&2
    echo "       or install the libraries in a virtual environment: python3 -m venv .venv && .venv/bin/pip install ortools==$ORTOOLS_PIN" >&2
    exit 1
fi

mkdir -p "$dest/wheel"
rm -f "$dest"/wheel/ortools-*.whl
echo "downloading ortools==$ORTOOLS_PIN (wheel only, no install) into $dest/wheel"
if ! "$python" -m pip download --quiet --no-deps --only-binary=:all: -d "$dest/wheel" "ortools==$ORTOOLS_PIN"; then
    # No wheel for this interpreter (too new or too old): the shared libraries are the
    # same in every wheel of one release, so take the CPython 3.12 one.
    arch="$(uname -m)"
    echo "no wheel for this python; fetching the cp312 $arch wheel instead"
    "$python" -m pip download --quiet --no-deps --only-binary=:all: -d "$dest/wheel" \
        --python-version 3.12 --implementation cp \
        --platform "manylinux_2_28_$arch" --platform "manylinux_2_27_$arch" --platform "manylinux_2_17_$arch" \
        "ortools==$ORTOOLS_PIN"
fi

wheel="$(ls "$dest"/wheel/ortools-*.whl | head -n 1)"
rm -rf "$dest/site" "$dest/unpacked"
# Unpack only the shared libraries (ortools/.libs and ortools.libs) and the sat descriptor
# modules that scripts/regen-ortools-proto.sh reads; zipfile avoids needing `unzip`.
"$python" - "$wheel" "$dest" <<'PY'
import os, shutil, sys, zipfile
wheel, dest = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as z:
    for name in z.namelist():
        if name.startswith(("ortools/.libs/", "ortools.libs/")) and not name.endswith("/"):
            target = os.path.join(dest, "site", name)
        elif name.startswith("ortools/sat/") and name.endswith("_pb2.py"):
            target = os.path.join(dest, "unpacked", name)
        else:
            continue
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with z.open(name) as src, open(target, "wb") as out:
            shutil.copyfileobj(src, out)
        mode = (z.getinfo(name).external_attr >> 16) & 0o777
        os.chmod(target, mode or 0o644)
PY
echo "$ORTOOLS_PIN" > "$dest/VERSION"
for lib in libortools.so.9 libhighs.so.1; do
    [[ -e "$libs/$lib" ]] || { echo "error: $lib is not in $wheel" >&2; exit 1; }
done
echo "solver libraries ready in $libs"
