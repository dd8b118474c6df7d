#!/usr/bin/env python3
"""Size figures of the Java code, to compare with the anchors in ../shared/STYLE.md.

Usage: scripts/method-stats.py [repo root, default: this script's parent folder]

Prints, for src/main/java: the method count and the median, p95 and max method length, the share
of methods over 26 and over 30 lines, the files over 400 lines, the comment share, and the
test:main line ratio.

Definitions (plain text scanning, no compiler):
- A method is a method, constructor or compact record constructor with a body, anonymous and
  local classes included; lambdas and initializer blocks are not methods.
- Its length counts the lines from its opening brace to its closing brace, both included, blank
  and comment lines too (as Checkstyle's MethodLength does): `void f() {` + one statement + `}`
  is 3 lines.
- Comment share: comment-only lines / non-blank lines. Test:main: non-blank lines of
  src/test/java / non-blank lines of src/main/java.
"""

import re
import statistics
import sys
from pathlib import Path

CONTROL = {"if", "for", "while", "switch", "catch", "synchronized", "try", "return", "throw", "new"}
NOT_A_METHOD_HEAD = {"else", "try", "finally", "do", "static", "default"}
TYPE_KEYWORDS = re.compile(r"\b(class|interface|enum|record)\b")
COMPACT_CTOR = re.compile(r"^(?:@\w+\s+)*(?:(?:public|protected|private)\s+)?[A-Z]\w*$")


def blank_out(src):
    """The source with comments, strings and chars replaced by spaces, line breaks kept."""
    out = []
    i, n = 0, len(src)
    while i < n:
        c = src[i]
        if src.startswith("//", i):
            j = src.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif src.startswith("/*", i):
            j = src.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", src[i:j]))
            i = j
        elif src.startswith('"""', i):
            j = src.find('"""', i + 3)
            j = n if j < 0 else j + 3
            out.append(re.sub(r"[^\n]", " ", src[i:j]))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and src[j] != c:
                j += 2 if src[j] == "\\" else 1
            out.append(" " * (j + 1 - i))
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def is_method_head(head):
    """Whether the text before a '{' (since the last ; { or }) declares a method body."""
    head = " ".join(head.split())
    if not head or head.endswith("->") or TYPE_KEYWORDS.search(head):
        return False
    head = re.sub(r"\s+throws\s+[\w.,\s<>]+$", "", head)
    if head.endswith(")"):
        depth, k = 0, len(head) - 1
        while k >= 0:
            depth += {")": 1, "(": -1}.get(head[k], 0)
            if depth == 0:
                break
            k -= 1
        before = head[:k].rstrip()
        name = re.search(r"(\w+)$", before)
        if not name or name.group(1) in CONTROL:
            return False
        return not re.search(r"(^|[\s(=,])new\s+[\w.<>]+$", before) and "=" not in before
    return head not in NOT_A_METHOD_HEAD and bool(COMPACT_CTOR.match(head))


def method_lengths(src):
    """Lengths of the methods in one file's source, brace line to brace line."""
    text = blank_out(src)
    lengths, stack, head_start = [], [], 0
    for i, c in enumerate(text):
        if c == "{":
            stack.append((is_method_head(text[head_start:i]), text.count("\n", 0, i)))
            head_start = i + 1
        elif c == "}":
            if stack:
                method, open_line = stack.pop()
                if method:
                    lengths.append(text.count("\n", 0, i) - open_line + 1)
            head_start = i + 1
        elif c == ";":
            head_start = i + 1
    return lengths


def line_counts(src):
    """(non-blank lines, comment-only lines) of one file."""
    code = blank_out(src).splitlines()
    lines = src.splitlines()
    non_blank = [k for k, line in enumerate(lines) if line.strip()]
    comments = [k for k in non_blank if not code[k].strip()]
    return len(non_blank), len(comments)


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main():
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent
    main_files = sorted((root / "src/main/java").rglob("*.java"))
    test_files = sorted((root / "src/test/java").rglob("*.java"))
    lengths, long_files, main_lines, comment_lines = [], [], 0, 0
    for f in main_files:
        src = f.read_text(encoding="utf-8")
        lengths += method_lengths(src)
        non_blank, comments = line_counts(src)
        main_lines += non_blank
        comment_lines += comments
        total = len(src.splitlines())
        if total > 400:
            long_files.append((total, f.relative_to(root)))
    test_lines = sum(line_counts(f.read_text(encoding="utf-8"))[0] for f in test_files)
    over = lambda n: 100 * sum(1 for x in lengths if x > n) / len(lengths)
    print(f"main files:            {len(main_files)}")
    print(f"methods:               {len(lengths)}")
    print(f"method length median:  {statistics.median(lengths):g}")
    print(f"method length p95:     {percentile(lengths, 95)}")
    print(f"method length max:     {max(lengths)}")
    print(f"methods over 26 lines: {over(26):.1f} %")
    print(f"methods over 30 lines: {over(30):.1f} %")
    print(f"files over 400 lines:  {len(long_files)}")
    for total, name in sorted(long_files, reverse=True):
        print(f"  {total:5d}  {name}")
    print(f"comment share:         {100 * comment_lines / main_lines:.1f} %")
    print(f"test:main lines:       {test_lines / main_lines:.2f}")


if __name__ == "__main__":
    main()
