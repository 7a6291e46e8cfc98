#!/usr/bin/env python3
"""Score the peer pipeline's pairs against a gold alignment, as the crate's `eval` example does.

Usage: peer_quality.py GOLD.json < peer_stdout.txt

Reads the pairs that scripts/peer/py_baseline.py prints (score, A label, B label: a measure's
numbering and heading, cut at 28 characters), maps each label to its heading, and prints
precision, recall and F1 against GOLD (a JSON list of {"left": heading, "right": heading}, or
an object with "pairs" and, optionally, "decoys"), and how many decoys were paired.
Standard library only.
"""
import json
import re
import sys

NUMBERING = re.compile(r"^\s*(?:\d{1,3}\s*[.．、]|[（(]\s*[一二三四五六七八九十百]+\s*[）)])")


def heading(label):
    label = re.sub(r"^[AB]\d+\s+", "", label)  # the peer's own index
    label = NUMBERING.sub("", label)
    return label.rstrip("…")


def main():
    gold = json.load(open(sys.argv[1], encoding="utf-8"))
    decoys = set()
    if isinstance(gold, dict):
        decoys = {(d["left"], d["right"]) for d in gold.get("decoys", [])}
        gold = gold["pairs"]
    gold_pairs = {(g["left"], g["right"]) for g in gold}
    lefts = {g["left"] for g in gold}
    rights = {g["right"] for g in gold}

    def resolve(h, known):
        # A label is the heading, possibly cut short: match the gold heading it starts.
        hits = [k for k in known if k == h or (len(h) >= 4 and k.startswith(h))]
        return hits[0] if len(hits) == 1 else h

    predicted = []
    for line in sys.stdin:
        if line.startswith("#") or not line.strip():
            continue
        parts = line.rstrip("\n").split("\t")
        if len(parts) != 3:
            continue
        predicted.append((resolve(heading(parts[1]), lefts), resolve(heading(parts[2]), rights)))
    tp = sum(1 for p in predicted if p in gold_pairs)
    precision = tp / len(predicted) if predicted else 0.0
    recall = tp / len(gold_pairs) if gold_pairs else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    paired_decoys = sum(1 for p in predicted if p in decoys)
    print(f"pairs {len(predicted)}  true {tp}  precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}  decoys paired {paired_decoys}")
    for p in predicted:
        if p not in gold_pairs:
            print(f"  not in gold: {p[0]} ~ {p[1]}")
    for g in sorted(gold_pairs - set(predicted)):
        print(f"  missed: {g[0]} ~ {g[1]}")


if __name__ == "__main__":
    main()
