#!/usr/bin/env bash
# Installs the Python packages the ONNX checker tests use (onnx, onnxruntime) into the
# project-local, git-ignored .venv, which works where pip refuses system-wide installs
# (PEP 668). Where no virtual environment can be made (Debian without python3-venv), it
# falls back to `pip install --target .pydeps` (used through PYTHONPATH). The Swift tool
# needs neither at run time; the tests that use them skip cleanly without them.
set -uo pipefail
cd "$(dirname "$0")/.."
packages=(onnx==1.23.2 onnxruntime==1.32.0)

if [ -x .venv/bin/python ] && .venv/bin/python -c "import onnx, onnxruntime" 2>/dev/null; then
  exit 0
fi
if python3 -m venv .venv 2>/dev/null && .venv/bin/python -m pip install -q --disable-pip-version-check "${packages[@]}"; then
  exit 0
fi
rm -rf .venv
echo "setup-python: no virtual environment available; installing into .pydeps instead" >&2
if python3 -m pip install -q --disable-pip-version-check --target .pydeps "${packages[@]}"; then
  exit 0
fi
echo "setup-python: could not install ${packages[*]}; the ONNX checker tests will be skipped" >&2
exit 0
