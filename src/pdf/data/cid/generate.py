#!/usr/bin/env python3
"""Generates the Adobe character collections' CID -> Unicode tables.

Source: Adobe's `Adobe-<Ordering>-UCS2` CMaps (github.com/adobe-type-tools/
cmap-resources, BSD-3-Clause, see LICENSE-Adobe-cmap-resources.txt), as
Debian's poppler-data package installs them:

    apt-get install poppler-data
    python3 src/pdf/data/cid/generate.py /usr/share/poppler/cMap

Each CMap maps CIDs (bfchar / bfrange) to UTF-16. Variation selectors are
dropped (text extraction wants the base character); a CID that maps to more
than one character keeps the first, which is what a reader copying one
glyph shows in practice (the few such CIDs are ligature-like forms).
CID 0 (.notdef, U+FFFD in the CMaps) is left unmapped.

Output `<Ordering>.bin`: runs of consecutive CIDs mapping to consecutive
code points, each run three LEB128 varints: the gap in CIDs since the end
of the previous run, the run's length, and the zigzag-encoded difference
between its first code point and the previous run's last code point + 1.
"""

import os
import re
import sys

COLLECTIONS = ["Japan1", "GB1", "CNS1", "Korea1"]


def utf16(hexstr):
    units = bytes.fromhex(hexstr)
    text = units.decode("utf-16-be", errors="replace")
    # CID 0 (.notdef) maps to U+FFFD: left unmapped, like any unknown CID.
    return [
        c for c in text if not (0xFE00 <= ord(c) <= 0xFE0F or 0xE0100 <= ord(c) <= 0xE01EF or c in "\ufffd\0")
    ]


def parse(path):
    table = {}
    text = open(path, encoding="latin-1").read()
    for section in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for cid, dst in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", section):
            chars = utf16(dst)
            if chars:
                table[int(cid, 16)] = ord(chars[0])
    for section in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for lo, hi, dst in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", section):
            chars = utf16(dst)
            if not chars:
                continue
            for k in range(int(hi, 16) - int(lo, 16) + 1):
                table[int(lo, 16) + k] = ord(chars[0]) + k
    return table


def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def encode(table):
    out = bytearray()
    cids = sorted(table)
    prev_cid_end, prev_cp_end = 0, 0
    i = 0
    while i < len(cids):
        start = cids[i]
        j = i
        while j + 1 < len(cids) and cids[j + 1] == cids[j] + 1 and table[cids[j + 1]] == table[cids[j]] + 1:
            j += 1
        length = j - i + 1
        delta = table[start] - prev_cp_end
        out += varint(start - prev_cid_end) + varint(length) + varint((delta << 1) ^ (delta >> 63))
        prev_cid_end, prev_cp_end = start + length, table[start] + length
        i = j + 1
    return bytes(out)


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/poppler/cMap"
    here = os.path.dirname(os.path.abspath(__file__))
    for name in COLLECTIONS:
        table = parse(os.path.join(root, f"Adobe-{name}", f"Adobe-{name}-UCS2"))
        data = encode(table)
        with open(os.path.join(here, f"{name}.bin"), "wb") as f:
            f.write(data)
        print(f"Adobe-{name}: {len(table)} CIDs, max {max(table)}, {len(data)} bytes")


if __name__ == "__main__":
    main()
