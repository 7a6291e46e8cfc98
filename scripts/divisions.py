"""Writes data/divisions.tsv, the administrative divisions of China (GB/T 2260 codes and names),
from the adcodes table the `cpca` package ships (MIT licence, https://github.com/DQinYuan/chinese_province_city_area_mapper).

Usage: pip download cpca --no-deps && unzip cpca-*.whl -d cpca && python3 scripts/divisions.py cpca/cpca/resources/adcodes.csv
"""
import csv
import sys

rows = csv.DictReader(open(sys.argv[1], encoding="utf-8"))
codes = {}
for r in rows:
    code, name = r["adcode"][:6], r["name"].strip()
    if name in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
        continue
    codes[code] = name
with open("data/divisions.tsv", "w", encoding="utf-8") as out:
    out.write("# The administrative divisions of China: GB/T 2260 code and name (province, prefecture,\n")
    out.write("# county level), from the adcodes table of the cpca package (MIT licence). Made by\n")
    out.write("# scripts/divisions.py.\n")
    for code in sorted(codes):
        out.write(f"{code}\t{codes[code]}\n")
print(len(codes), "divisions")
