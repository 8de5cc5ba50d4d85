#!/usr/bin/env python3
"""Lists public symbols declared in Sources/ that have no `///` comment of their own.

Reads the symbol graphs that `swift package generate-documentation` extracts
(.build/*/extracted-symbols/*/<Target>/*.symbols.json). Symbols the compiler synthesises
(no source location, e.g. `hashValue` of an enum) are not ours to document and are skipped;
a symbol that only inherits a protocol's comment (`description`, `id`, `init(from:)`) counts
as undocumented. Prints one line per symbol and a count per module; exits 1 when any is found.
Usage: Scripts/undocumented.py [package-root]
"""
import glob
import json
import os
import sys

root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".")
sources = "file://" + os.path.join(root, "Sources") + "/"
pattern = os.path.join(root, ".build", "*", "extracted-symbols", "*", "*", "*.symbols.json")
seen, missing, total = set(), [], {}
for path in sorted(glob.glob(pattern)):
    graph = json.load(open(path))
    module = graph["module"]["name"]
    for symbol in graph["symbols"]:
        uri = symbol.get("location", {}).get("uri", "")
        if symbol["accessLevel"] not in ("public", "open") or not uri.startswith(sources):
            continue
        key = symbol["identifier"]["precise"]
        if key in seen:
            continue
        seen.add(key)
        owner = uri[len(sources):].split("/")[0]
        total[owner] = total.get(owner, 0) + 1
        comment = symbol.get("docComment")
        # A comment of the symbol's own has no "module" (or names the module it is in).
        if comment is None or comment.get("module", owner) != owner:
            line = symbol["location"]["position"]["line"] + 1
            missing.append((owner, uri[len(sources):], line, ".".join(symbol["pathComponents"])))
if not total:
    sys.exit("no symbol graphs under .build: run Scripts/docs.sh first")
for owner, file, line, name in sorted(missing):
    print(f"Sources/{file}:{line}: {name}")
counts = {}
for owner, *_ in missing:
    counts[owner] = counts.get(owner, 0) + 1
for owner in sorted(total):
    print(f"{owner}: {counts.get(owner, 0)} of {total[owner]} public symbols undocumented", file=sys.stderr)
sys.exit(1 if missing else 0)
