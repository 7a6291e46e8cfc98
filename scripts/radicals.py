"""Writes data/radicals.tsv: each CJK radical or stroke character (Kangxi Radicals, CJK Radicals
Supplement, CJK Strokes) with the unified ideograph it stands for, from the Unicode Character
Database's EquivalentUnifiedIdeograph.txt (Debian package unicode-data, or unicode.org).

PDF extractors return these characters when a CJK font maps a glyph to the radical's code point
(相⼭区⼈⺠政府 for 相山区人民政府); the normalizer folds them back.

    python3 scripts/radicals.py /usr/share/unicode/EquivalentUnifiedIdeograph.txt > data/radicals.tsv
"""
import sys

path = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/unicode/EquivalentUnifiedIdeograph.txt"
version = "?"
rows = []
for line in open(path, encoding="utf-8"):
    if line.startswith("# EquivalentUnifiedIdeograph-"):
        version = line.split("-")[1].split(".txt")[0]
    line = line.split("#")[0].strip()
    if not line:
        continue
    codes, target = [x.strip() for x in line.split(";")]
    lo, _, hi = codes.partition("..")
    for cp in range(int(lo, 16), int(hi or lo, 16) + 1):
        rows.append((cp, int(target, 16)))
print(f"# radical\tideograph (Unicode {version} EquivalentUnifiedIdeograph.txt; made by scripts/radicals.py)")
for cp, target in sorted(rows):
    print(f"{chr(cp)}\t{chr(target)}")
