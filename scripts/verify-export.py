#!/usr/bin/env python3
"""Verify a Learnlytics JSON export: prints OK (exit 0) or MISMATCH (exit 1).

The checksum is "sha256:" + the SHA-256 of the export without its "checksum" member, serialised by
the JSON Canonicalization Scheme (RFC 8785): members sorted by UTF-16 code units, no whitespace, and
numbers written as ECMAScript writes them (0.00001, 1e-7, 1e+21) -- which json.dumps does not do,
so they are formatted here. Standard library only:  python3 verify-export.py EXPORT.json
"""
import hashlib
import json
import sys


def number(x):
    if isinstance(x, int) and abs(x) < 2**53:
        return str(x)
    x = float(x)
    if x == 0:
        return "0"
    sign = "-" if x < 0 else ""
    mantissa, _, exp = repr(abs(x)).partition("e")  # repr: the shortest round-trip digits
    whole, _, frac = mantissa.partition(".")
    digits, n = whole + frac, len(whole) + (int(exp) if exp else 0)  # value = 0.digits * 10^n
    stripped = digits.lstrip("0")
    n -= len(digits) - len(stripped)
    digits = stripped.rstrip("0") or "0"
    k = len(digits)
    if k <= n <= 21:
        text = digits + "0" * (n - k)
    elif 0 < n <= 21:
        text = digits[:n] + "." + digits[n:]
    elif -6 < n <= 0:
        text = "0." + "0" * -n + digits
    else:
        e = n - 1
        text = digits[0] + ("." + digits[1:] if k > 1 else "") + "e" + ("+" if e >= 0 else "-") + str(abs(e))
    return sign + text


def canonical(v):
    if v is None or isinstance(v, bool):
        return json.dumps(v)
    if isinstance(v, (int, float)):
        return number(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list):
        return "[" + ",".join(canonical(i) for i in v) + "]"
    keys = sorted(v, key=lambda k: k.encode("utf-16-be"))
    return "{" + ",".join(canonical(k) + ":" + canonical(v[k]) for k in keys) + "}"


def main(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    stated = doc.pop("checksum", None)
    computed = "sha256:" + hashlib.sha256(canonical(doc).encode("utf-8")).hexdigest()
    print("OK" if stated == computed else "MISMATCH")
    return 0 if stated == computed else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
