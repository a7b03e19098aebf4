#!/usr/bin/env bash
# Regenerates Sources/DiviML/IO/ONNX/Generated/onnx.pb.swift from the onnx.proto that the
# pinned `onnx` wheel on PyPI ships. The generated Swift is committed; the .proto is not.
#
# Needs: pip (network access to PyPI), protoc (Debian: apt-get install protobuf-compiler),
# and a Swift toolchain to build protoc-gen-swift from the swift-protobuf version the
# package depends on. Set PROTOC_GEN_SWIFT=/path/to/protoc-gen-swift to skip that build,
# and SWIFT_PROTOBUF_GIT to clone swift-protobuf from somewhere else.
set -euo pipefail

ONNX_VERSION="1.23.2"          # the onnx release whose onnx.proto is compiled
SWIFT_PROTOBUF_TAG="1.39.0"    # must match the swift-protobuf version in Package.swift
SWIFT_PROTOBUF_GIT="${SWIFT_PROTOBUF_GIT:-/opt/swift-packages/apple/swift-protobuf.git}"
if [ ! -d "$SWIFT_PROTOBUF_GIT" ]; then SWIFT_PROTOBUF_GIT="https://github.com/apple/swift-protobuf.git"; fi

root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/Sources/DiviML/IO/ONNX/Generated"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

command -v protoc >/dev/null || { echo "protoc not found: apt-get install protobuf-compiler" >&2; exit 1; }

echo "fetching onnx==$ONNX_VERSION from PyPI"
python3 -m pip download --quiet --no-deps --only-binary=:all: "onnx==$ONNX_VERSION" -d "$work/wheel"
python3 - "$work" <<'PY'
import glob, sys, zipfile
work = sys.argv[1]
wheel = zipfile.ZipFile(glob.glob(work + "/wheel/*.whl")[0])
open(work + "/onnx.proto", "wb").write(wheel.read("onnx/onnx.proto"))
PY

plugin="${PROTOC_GEN_SWIFT:-}"
if [ -z "$plugin" ]; then
    echo "building protoc-gen-swift $SWIFT_PROTOBUF_TAG"
    git -c advice.detachedHead=false clone --quiet --depth 1 --branch "$SWIFT_PROTOBUF_TAG" "$SWIFT_PROTOBUF_GIT" "$work/swift-protobuf"
    (cd "$work/swift-protobuf" && swift build --product protoc-gen-swift >/dev/null)
    plugin="$work/swift-protobuf/.build/debug/protoc-gen-swift"
fi

mkdir -p "$out"
protoc --plugin=protoc-gen-swift="$plugin" --proto_path="$work" \
    --swift_opt=Visibility=Internal --swift_out="$out" "$work/onnx.proto"
echo "wrote $out/onnx.pb.swift (onnx $ONNX_VERSION, swift-protobuf $SWIFT_PROTOBUF_TAG)"
