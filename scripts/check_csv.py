"""Loads policy-align's CSV outputs with pandas' default settings and joins them back to the
JSON outputs on their ids: every id must stay a string and every row must find its JSON record.

Usage: check_csv.py COMPARE.csv COMPARE.json CORPUS.csv CORPUS.json
Prints one line per check and exits non-zero on the first failure.
"""
import json
import sys

import pandas as pd


def fail(message):
    print("FAIL " + message)
    sys.exit(1)


def strings(frame, column):
    values = frame[column].dropna()
    if pd.api.types.is_numeric_dtype(frame[column]) or not all(isinstance(v, str) for v in values):
        fail(f"{column} is read as {frame[column].dtype}, not text")


def main(compare_csv, compare_json, corpus_csv, corpus_json):
    pairs = pd.read_csv(compare_csv)
    comparison = json.load(open(compare_json, encoding="utf-8"))
    for column in ["left_id", "right_id", "left_document", "right_document"]:
        strings(pairs, column)
    # Labels are as written (`1.` reads as a number): read them as text, as the README does.
    labels = pd.read_csv(compare_csv, dtype={"left_label": str, "right_label": str})
    json_labels = {(s, m["id"]): m["label"] for s in ["left", "right"] for m in comparison[s]["measures"]}
    for side in ["left", "right"]:
        rows = labels[labels[f"{side}_id"].notna()]
        if any(json_labels[(side, i)] != l for i, l in zip(rows[f"{side}_id"], rows[f"{side}_label"])):
            fail(f"{side}_label differs from the JSON")
    made = pairs[pairs.kind == "pair"]
    json_pairs = pd.DataFrame(comparison["pairs"])[["left", "right", "score"]]
    joined = made.merge(json_pairs, left_on=["left_id", "right_id"], right_on=["left", "right"], how="left")
    if joined.score_y.isna().any() or len(joined) != len(json_pairs):
        fail(f"{joined.score_y.isna().sum()} pairs of the CSV are not in the JSON")
    if (abs(joined.score_x - joined.score_y) > 1e-4).any():
        fail("scores differ between CSV and JSON")
    for side in ["left", "right"]:
        csv_ids = set(pairs[pairs.kind == f"unmatched_{side}"][f"{side}_id"])
        if csv_ids != set(comparison[f"unmatched_{side}"]):
            fail(f"unmatched_{side} differs: {sorted(csv_ids ^ set(comparison[f'unmatched_{side}']))}")
        ids = {m["id"] for m in comparison[side]["measures"]}
        if not set(pairs[f"{side}_id"].dropna()) <= ids:
            fail(f"{side}_id values not among the JSON's measures")
    print(f"ok compare: {len(made)} pairs and {len(pairs) - len(made)} unmatched rows join the JSON")

    corpus = pd.read_csv(corpus_csv)
    data = json.load(open(corpus_json, encoding="utf-8"))
    for column in ["cluster", "measure_id", "document"]:
        strings(corpus, column)
    members = pd.DataFrame(
        [(c["id"], d, m) for c in data["clusters"] for d, m in c["members"]],
        columns=["cluster", "doc", "measure_id"],
    )
    joined = corpus.merge(members, on=["cluster", "measure_id"], how="outer", indicator=True)
    if (joined._merge != "both").any():
        fail(f"{(joined._merge != 'both').sum()} corpus rows do not join the JSON clusters")
    print(f"ok corpus: {len(corpus)} rows join {len(data['clusters'])} clusters of the JSON")


if __name__ == "__main__":
    main(*sys.argv[1:5])
