#!/usr/bin/env python3
"""Import circles between files of src/, and files over the size limit.

Reads every `use crate::…`, `use super::…` and inline `crate::a::b` path,
resolves it to the file that defines the module, and reports every strongly
connected group of two or more files (an import circle). A file's own
`#[cfg(test)] mod tests` is part of it; a child module's `use super::*` in
tests is not an arrow (children may see their parent).

Usage: scripts/check-imports.py [--max-lines N]   (exit 1 on a circle or an oversized file)
"""
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src")
MAX_LINES = int(sys.argv[sys.argv.index("--max-lines") + 1]) if "--max-lines" in sys.argv else 700
# Generated or data-only files the size limit does not apply to.
SIZE_EXEMPT = {"store/schema.rs"}


def module_of(rel):
    """src-relative file path -> module path list."""
    parts = rel[:-3].split("/")
    if parts[-1] in ("mod", "lib", "main"):
        parts = parts[:-1]
    return parts


files = {}
for dirpath, _, names in os.walk(ROOT):
    for n in names:
        if n.endswith(".rs"):
            rel = os.path.relpath(os.path.join(dirpath, n), ROOT).replace(os.sep, "/")
            files[rel] = open(os.path.join(dirpath, n), encoding="utf-8").read()
by_module = {tuple(module_of(f)): f for f in files if not f.endswith("main.rs")}


REEXPORT = re.compile(r"\bpub(?:\([a-z]+\))?\s+use\s+(?:self::)?([a-z_][a-z0-9_]*)::(?:\{([^}]*)\}|([A-Za-z_][A-Za-z0-9_]*))")
# Names a module file re-exports from a child: `pub use child::{A, B}`.
reexports = {}
for f, src in files.items():
    me = module_of(f)
    for m in REEXPORT.finditer(src):
        names = [n.strip().split(" as ")[-1] for n in (m.group(2) or m.group(3)).split(",") if n.strip()]
        for n in names:
            reexports[(tuple(me), n)] = tuple(me + [m.group(1)])


def resolve(path):
    """The file defining `path`: its longest module prefix that is a file,
    followed through a re-export to the child that defines the name."""
    for k in range(len(path), 0, -1):
        f = by_module.get(tuple(path[:k]))
        if f:
            if k < len(path) and (tuple(path[:k]), path[k]) in reexports:
                child = reexports[(tuple(path[:k]), path[k])]
                return by_module.get(child, f)
            return f
    return None


def strip_tests(src):
    """Code without its test module and comments (doc links are no imports)."""
    i = src.find("#[cfg(test)]\nmod ")
    src = src if i < 0 else src[:i]
    return re.sub(r"//[^\n]*", "", src)


USE = re.compile(r"\buse\s+((?:crate|super|self|[a-z_][a-z0-9_]*)(?:::[A-Za-z_][A-Za-z0-9_]*)*)(?:::\{([^;]*)\})?")
INLINE = re.compile(r"\b((?:crate|super)(?:::super)*)((?:::[a-z_][a-z0-9_]*)+(?:::[A-Z][A-Za-z0-9_]*)?)")

edges = {f: set() for f in files}
for f, src in files.items():
    me = module_of(f)
    body = strip_tests(src)
    targets = []
    for m in USE.finditer(body):
        head = m.group(1).split("::")
        group = [g.strip().split("::")[0] for g in (m.group(2) or "").split(",") if g.strip()]
        if head[0] == "crate":
            base = head[1:]
        elif head[0] == "self":
            base = me + head[1:]
        elif head[0] != "super":
            # `use child::…` from a module file, else an external crate.
            if tuple(me + [head[0]]) not in by_module:
                continue
            base = me + head
        else:
            base = list(me)
            while head and head[0] == "super":
                base = base[:-1]
                head = head[1:]
            base += head
        names = [g for g in group if g not in ("self", "*")]
        if names:
            targets += [base + [g] for g in names]
        else:
            targets.append(base)
    for m in INLINE.finditer(body):
        rest = m.group(2).strip(":").split("::")
        if m.group(1) == "crate":
            targets.append(rest)
        else:
            ups = m.group(1).count("super")
            targets.append(me[: len(me) - ups] + rest)
    for t in targets:
        g = resolve(t)
        # A parent's `mod child;` and a child's reach into its parent are one module tree.
        if g and g != f:
            edges[f].add(g)

# Tarjan's strongly connected components.
index, low, stack, on, sccs, counter = {}, {}, [], set(), [], [0]


def visit(v):
    index[v] = low[v] = counter[0]
    counter[0] += 1
    stack.append(v)
    on.add(v)
    for w in edges[v]:
        if w not in index:
            visit(w)
            low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop()
            on.discard(w)
            comp.append(w)
            if w == v:
                break
        if len(comp) > 1:
            sccs.append(sorted(comp))


sys.setrecursionlimit(10000)
for v in sorted(files):
    if v not in index:
        visit(v)

bad = False
for comp in sccs:
    bad = True
    print(f"circle of {len(comp)} files:")
    for a in comp:
        for b in sorted(edges[a] & set(comp)):
            print(f"  src/{a} -> src/{b}")
for f, src in sorted(files.items()):
    n = src.count("\n")
    if n > MAX_LINES and f not in SIZE_EXEMPT:
        bad = True
        print(f"src/{f}: {n} lines (limit {MAX_LINES})")
print(f"{len(files)} files, {sum(len(e) for e in edges.values())} file imports, {len(sccs)} circles")
if os.environ.get("DEBUG_EDGES"):
    for a in sorted(edges):
        print(a, "->", sorted(edges[a]))
sys.exit(1 if bad else 0)
