#!/usr/bin/env bash
# Installs the Python packages that `diviml run` / `diviml profile` and the ONNX tests use
# (onnx, onnxruntime, numpy; with --ray also Ray, for `diviml run --engine ray`) into the
# project-local, git-ignored .venv, which works where pip refuses system-wide installs
# (PEP 668). Where no virtual environment can be made (Debian without python3-venv), it
# falls back to `pip install --target .pydeps` (used through PYTHONPATH). The Swift tool
# builds and plans without any of it; the tests that use them skip cleanly without them.
#
# With --gpu it makes a second environment, .venv-gpu, with onnxruntime-gpu and the CUDA 13
# and cuDNN 9 libraries from their nvidia-* wheels (the CPU and GPU builds of onnxruntime are
# one Python module, so they cannot share .venv); point diviml at it with
# DIVIML_PYTHON=.venv-gpu/bin/python. Needs an NVIDIA driver for CUDA 13 to run, not to install.
#
#   bash scripts/setup-python.sh [--ray | --gpu]
set -uo pipefail
cd "$(dirname "$0")/.."
packages=(onnx==1.23.2 onnxruntime==1.32.0)
modules="onnx, onnxruntime, numpy"
if [ "${1:-}" = "--ray" ]; then
  packages+=(ray==2.60.0)
  modules="$modules, ray"
fi
if [ "${1:-}" = "--gpu" ]; then
  # onnxruntime-gpu 1.31.1 is the newest GPU build on PyPI (built for CUDA 13).
  gpu=(onnx==1.23.2 "onnxruntime-gpu[cuda,cudnn]==1.31.1")
  if [ -x .venv-gpu/bin/python ] && .venv-gpu/bin/python -c "import onnx, onnxruntime, numpy" 2>/dev/null; then exit 0; fi
  if { [ -x .venv-gpu/bin/python ] || python3 -m venv .venv-gpu; } \
      && .venv-gpu/bin/python -m pip install -q --disable-pip-version-check "${gpu[@]}"; then
    echo "setup-python: onnxruntime-gpu is in .venv-gpu; use it with DIVIML_PYTHON=.venv-gpu/bin/python" >&2
    exit 0
  fi
  echo "setup-python: could not install ${gpu[*]} into .venv-gpu" >&2
  exit 1
fi

if [ -x .venv/bin/python ] && .venv/bin/python -c "import $modules" 2>/dev/null; then
  exit 0
fi
# `python -m pip`, not .venv/bin/pip: a copied .venv's pip script still names the original's python.
if [ -x .venv/bin/python ]; then
  if .venv/bin/python -m pip install -q --disable-pip-version-check "${packages[@]}"; then exit 0; fi
  echo "setup-python: could not install ${packages[*]} into .venv; the tests that need them will be skipped" >&2
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
echo "setup-python: could not install ${packages[*]}; the ONNX Runtime tests will be skipped" >&2
exit 0
