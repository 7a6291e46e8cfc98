"""Reads policy-align's Parquet tables back with pyarrow and checks each against the CSV of the
same table: the same columns, each of the type the table declares, the same number of rows and
the same values (a null where the CSV has an empty field; floats within the CSV's digits).

Usage: check_parquet.py SCHEMA.json DIR...
Each DIR holds NAME.parquet and NAME.csv for each of its tables. SCHEMA.json maps each DIR, as
written on the command line, to its tables, and each table to its columns as declared:
[name, type, nullable] with type one of text, int, float:N (N decimals in CSV), float:eN
(scientific, N decimals), bool, date. Prints one line per table checked and exits non-zero at
the first difference.
"""
import csv
import json
import math
import os
import sys

import pyarrow as pa
import pyarrow.parquet as pq

ARROW_TYPES = {
    "text": pa.string(),
    "int": pa.int64(),
    "float": pa.float64(),
    "bool": pa.bool_(),
    "date": pa.date32(),
}


def fail(message):
    print("FAIL " + message)
    sys.exit(1)


def close(value, text, kind):
    """Whether a float is the one the CSV wrote with the digits of `kind` (float:4, float:e3)."""
    written = float(text)
    if math.isnan(value) or math.isinf(value):
        return math.isnan(written) if math.isnan(value) else value == written
    digits = kind.split(":")[1]
    if digits.startswith("e"):
        exponent = math.floor(math.log10(abs(written))) if written else 0
        unit = 10.0 ** (exponent - int(digits[1:]))
    else:
        unit = 10.0 ** -int(digits)
    return abs(value - written) <= unit / 2 * (1 + 1e-9) + 1e-15


def same(value, text, kind):
    """Whether a Parquet value is what the CSV wrote."""
    if value is None:
        return text == ""
    if kind == "text":
        return value == text
    if kind == "int":
        return str(value) == text
    if kind == "bool":
        return ("true" if value else "false") == text
    if kind == "date":
        return value.isoformat() == text
    return text != "" and close(value, text, kind)


def check(directory, name, columns):
    table = pq.read_table(os.path.join(directory, name + ".parquet"))
    with open(os.path.join(directory, name + ".csv"), encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    header, rows = rows[0], rows[1:]
    names = [c[0] for c in columns]
    if table.column_names != names or header != names:
        fail(f"{directory}/{name}: columns {table.column_names} (Parquet), {header} (CSV), {names} declared")
    for (column, kind, nullable), field in zip(columns, table.schema):
        expected = ARROW_TYPES[kind.split(":")[0]]
        if field.type != expected or field.nullable != nullable:
            fail(f"{directory}/{name}.{column}: {field.type} nullable={field.nullable}, declared {expected} nullable={nullable}")
    if table.num_rows != len(rows):
        fail(f"{directory}/{name}: {table.num_rows} rows in Parquet, {len(rows)} in CSV")
    for k, (column, kind, _) in enumerate(columns):
        for i, value in enumerate(table.column(k).to_pylist()):
            if not same(value, rows[i][k], kind):
                fail(f"{directory}/{name}.{column} row {i + 1}: {value!r} in Parquet, {rows[i][k]!r} in CSV")
    print(f"ok {os.path.basename(directory)}/{name}: {table.num_rows} rows, {len(columns)} typed columns")


def main(schema_path, directories):
    schema = json.load(open(schema_path, encoding="utf-8"))
    for directory in directories:
        tables = sorted(f[: -len(".parquet")] for f in os.listdir(directory) if f.endswith(".parquet"))
        if not tables:
            fail(f"{directory}: no Parquet files")
        for name in tables:
            check(directory, name, schema[directory][name])


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
