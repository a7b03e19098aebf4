#!/usr/bin/env bash
# Regenerates Sources/DiviML/Solvers/Exact/Proto/*.pb.swift from the hand-written subset
# protos in scripts/ortools-proto/, after checking every field of the subset against the
# descriptors embedded in the pinned ortools wheel (so a wrong field number cannot slip in).
#
# Needs: scripts/fetch-solvers.sh run once (it unpacks the wheel's ortools/sat/*_pb2.py
# into .solvers/unpacked), protoc (Debian/Ubuntu: apt-get install protobuf-compiler),
# python3 (standard library only). protoc-gen-swift is built from the swift-protobuf
# package this project already depends on (about 20 s the first time).
#
# Usage: scripts/regen-ortools-proto.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
protos="$root/scripts/ortools-proto"
out="$root/Sources/DiviML/Solvers/Exact/Proto"
sat="$root/.solvers/unpacked/ortools/sat"
include="${PROTOC_INCLUDE:-/usr/include}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

[[ -f "$sat/cp_model_pb2.py" ]] || { echo "error: run scripts/fetch-solvers.sh first" >&2; exit 1; }
command -v protoc >/dev/null || { echo "error: protoc not found (apt-get install protobuf-compiler)" >&2; exit 1; }

python3 "$protos/descriptors.py" dump "$work/official.pb" "$sat/sat_parameters_pb2.py" "$sat/cp_model_pb2.py"
protoc -I"$protos" --include_imports --descriptor_set_out="$work/subset.pb" \
    cp_model_subset.proto sat_parameters_subset.proto
for set in official subset; do
    protoc -I"$include" --decode=google.protobuf.FileDescriptorSet google/protobuf/descriptor.proto \
        < "$work/$set.pb" > "$work/$set.txt"
done
python3 "$protos/descriptors.py" check "$work/official.txt" "$work/subset.txt"

(cd "$root" && swift package resolve >/dev/null)
swift build -c release --package-path "$root/.build/checkouts/swift-protobuf" \
    --scratch-path "$root/.build/protoc-gen-swift" --product protoc-gen-swift >/dev/null
plugin="$root/.build/protoc-gen-swift/release/protoc-gen-swift"

mkdir -p "$out"
protoc -I"$protos" --plugin=protoc-gen-swift="$plugin" \
    --swift_opt=Visibility=Internal --swift_opt=FileNaming=DropPath --swift_out="$out" \
    cp_model_subset.proto sat_parameters_subset.proto
echo "generated:"; ls "$out" | sed 's/^/  /'
