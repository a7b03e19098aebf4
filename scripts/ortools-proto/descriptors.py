"""Helpers for scripts/regen-ortools-proto.sh; needs only the Python standard library.

dump OUT PB2.py...   writes a FileDescriptorSet holding the serialized descriptors that
                     the given *_pb2.py modules of the ortools wheel embed.
check OFFICIAL.txt SUBSET.txt
                     both are `protoc --decode=google.protobuf.FileDescriptorSet` text;
                     fails unless every field of every subset message exists upstream
                     with the same number, type and label (enum values likewise).
"""
import ast
import re
import sys


def embedded_descriptor(path):
    tree = ast.parse(open(path, encoding="utf-8").read())
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "AddSerializedFile":
            return ast.literal_eval(node.args[0])
    sys.exit(f"no serialized descriptor in {path}")


def varint(n):
    out = bytearray()
    while True:
        low, n = n & 0x7F, n >> 7
        out.append(low | (0x80 if n else 0))
        if not n:
            return bytes(out)


def dump(out_path, modules):
    blob = bytearray()
    for module in modules:
        data = embedded_descriptor(module)
        blob += b"\x0a" + varint(len(data)) + data  # FileDescriptorSet.file = 1
    open(out_path, "wb").write(blob)


def fields(text_path):
    """Maps 'Message.field' (nested names joined by '.') to (number, type, label)."""
    table, stack, current = {}, [], None
    for raw in open(text_path, encoding="utf-8"):
        line = raw.strip()
        if line.endswith("{"):
            stack.append([line[:-1].strip(), None])
            if stack[-1][0] in ("field", "value"):
                current = {}
        elif line == "}":
            kind, _ = stack.pop()
            if kind in ("field", "value"):
                scope = ".".join(name for k, name in stack if k in ("message_type", "nested_type", "enum_type"))
                table[f"{scope}.{current.get('name')}"] = (current.get("number"), current.get("type"), current.get("label"))
        else:
            match = re.match(r"(\w+): (.*)", line)
            if not match:
                continue
            key, value = match.group(1), match.group(2).strip('"')
            if stack and stack[-1][0] in ("field", "value"):
                current[key] = value
            elif key == "name" and stack and stack[-1][0] in ("message_type", "nested_type", "enum_type"):
                stack[-1][1] = value
    return table


def check(official_path, subset_path):
    official, subset = fields(official_path), fields(subset_path)
    bad = [f"{name}: subset {shape}, upstream {official.get(name)}"
           for name, shape in sorted(subset.items()) if official.get(name) != shape]
    if bad:
        sys.exit("subset does not match the upstream descriptor:\n  " + "\n  ".join(bad))
    print(f"checked {len(subset)} fields and enum values against the upstream descriptor")


if __name__ == "__main__":
    if sys.argv[1] == "dump":
        dump(sys.argv[2], sys.argv[3:])
    elif sys.argv[1] == "check":
        check(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
