#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""tests/libxl/extract.py - copy C definitions out of a source file, by name.

    extract.py OUT SPEC...

Each SPEC is one of
    FILE:func:NAME        the definition of function NAME (its return-type
                          lines, signature and balanced body)
    FILE:define:NAME      the #define of NAME (with continuation lines)
    FILE:block:FROM:TO    the lines from the one that reads FROM through the
                          one that reads TO (both compared without leading and
                          trailing blanks; FROM must occur once)

Every piece is written to OUT verbatim, preceded by a #line directive naming
FILE and its line, so that compiler messages point into the Xen source.  A
name that is missing or occurs twice is an error: the test then stops at
build time instead of silently comparing against something else.  Nothing
from the source is ever kept in the repository; OUT lives in the build tree.
"""
import re
import sys


def die(msg):
    sys.stderr.write("extract.py: %s\n" % msg)
    sys.exit(1)


def strip_code(text):
    """text with comments, strings and character literals blanked (same
    length, newlines kept), so braces and names in them do not count."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(c + " " * (j - i - 2) + c if j - i >= 2 else c)
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def line_of(text, pos):
    return text.count("\n", 0, pos) + 1


def closing(code, i, open_c, close_c):
    """The index of the bracket closing the one at code[i], or -1."""
    depth = 0
    for j in range(i, len(code)):
        if code[j] == open_c:
            depth += 1
        elif code[j] == close_c:
            depth -= 1
            if depth == 0:
                return j
    return -1


def find_func(path, text, code, name):
    # A definition: NAME( at the start of a line or after its return type
    # on the same line, not indented, and followed by a body, not ';'.
    pat = re.compile(r"^(?:[A-Za-z_][\w \t\*]*[\s\*])?%s[ \t]*\(" %
                     re.escape(name), re.M)
    found = []
    for m in pat.finditer(code):
        j = closing(code, m.end() - 1, "(", ")")    # the parameters
        if j < 0:
            continue
        k = j + 1
        while k < len(code) and code[k] in " \t\n":
            k += 1
        if k < len(code) and code[k] == "{":
            found.append((m.start(), k))
    if len(found) != 1:
        die("%s: function %s: %d definitions found (expected 1)" %
            (path, name, len(found)))
    start, brace = found[0]
    # The return type on the lines just above ("static int\nname(...)").
    while start > 0:
        prev = text.rfind("\n", 0, start - 1) + 1
        line = code[prev:start - 1]
        if (not line.strip() or line[0] in " \t#" or
                line.rstrip().endswith((";", "}", "{", ")", ",", "/"))):
            break
        start = prev
    j = closing(code, brace, "{", "}")
    if j < 0:
        die("%s: function %s: unbalanced braces" % (path, name))
    return start, j + 1


def find_define(path, text, name):
    pat = re.compile(r"^[ \t]*#[ \t]*define[ \t]+%s\b" % re.escape(name), re.M)
    found = list(pat.finditer(text))
    if len(found) != 1:
        die("%s: #define %s: %d found (expected 1)" %
            (path, name, len(found)))
    start = found[0].start()
    end = start
    while True:
        nl = text.find("\n", end)
        if nl < 0:
            return start, len(text)
        if not text[end:nl].rstrip().endswith("\\"):
            return start, nl + 1
        end = nl + 1


def find_block(path, text, first, last):
    lines = text.split("\n")
    hits = [i for i, l in enumerate(lines) if l.strip() == first]
    if len(hits) != 1:
        die("%s: block from '%s': %d such lines (expected 1)" %
            (path, first, len(hits)))
    for j in range(hits[0], len(lines)):
        if lines[j].strip() == last:
            start = sum(len(l) + 1 for l in lines[:hits[0]])
            end = sum(len(l) + 1 for l in lines[:j + 1])
            return start, end
    die("%s: block from '%s': no line '%s' after it" % (path, first, last))


def main(argv):
    if len(argv) < 3:
        die("usage: extract.py OUT FILE:func:NAME|FILE:define:NAME|"
            "FILE:block:FROM:TO ...")
    pieces = []
    cache = {}
    for spec in argv[2:]:
        parts = spec.split(":", 3)
        if len(parts) < 3 or parts[1] not in ("func", "define", "block"):
            die("bad spec '%s'" % spec)
        path, kind = parts[0], parts[1]
        if path not in cache:
            try:
                with open(path, encoding="utf-8") as f:
                    t = f.read()
            except OSError as e:
                die("%s: %s" % (path, e.strerror))
            cache[path] = (t, strip_code(t))
        text, code = cache[path]
        if kind == "func":
            s, e = find_func(path, text, code, parts[2])
        elif kind == "define":
            s, e = find_define(path, text, parts[2])
        else:
            if len(parts) != 4:
                die("bad block spec '%s' (FILE:block:FROM:TO)" % spec)
            s, e = find_block(path, text, parts[2], parts[3])
        pieces.append('#line %d "%s"\n%s\n' % (line_of(text, s), path,
                                              text[s:e].rstrip("\n")))
    tmp = argv[1] + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("/* Generated by tests/libxl/extract.py from Debian's Xen "
                "source; not in the repository. */\n")
        f.write("\n".join(pieces))
    import os
    os.replace(tmp, argv[1])


if __name__ == "__main__":
    main(sys.argv)
