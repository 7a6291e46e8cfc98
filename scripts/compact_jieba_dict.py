#!/usr/bin/env python3
"""Write data/jieba_dict_compact.txt: the words of jieba's dictionary (as shipped in the
jieba-rs crate, MIT) with a frequency of at least MIN_FREQ, in the same `word freq tag` format.

Usage: compact_jieba_dict.py PATH/TO/jieba-rs-0.11.0/src/data/dict.txt [MIN_FREQ] > data/jieba_dict_compact.txt

The full dictionary has 349,046 words; most are rare compounds that the segmenter's HMM and the
crate's domain dictionary do without. Loading fewer words makes every process start faster and
smaller (see README, Speed).
"""
import sys

min_freq = int(sys.argv[2]) if len(sys.argv) > 2 else 20
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        parts = line.split()
        if len(parts) >= 2 and int(parts[1]) >= min_freq:
            sys.stdout.write(line if line.endswith("\n") else line + "\n")
