//! The table sets the tool writes (`--format csv|parquet --out DIR`) for a comparison (the
//! bundled pair), a corpus (synthetic documents and a fixture) and a diffusion study (the
//! labelled corpus): every Parquet file holds the rows and values of the CSV file of the same
//! table, in the columns and types the table declares.
//!
//! Read back from Rust (the parquet crate) on every run: each value, written as the CSV writes
//! its column, is the CSV's field, byte for byte. Read back with pyarrow
//! (`scripts/check_parquet.py`) and pandas (the README's snippet) where Python has them: `.ci/run`
//! installs them into `.venv-ci`. The test fails, rather than skips, when `.venv-ci` exists or
//! `CI` is set but pyarrow cannot be imported.

mod common;

use arrow_array::{Array, BooleanArray, Date32Array, Float64Array, Int64Array, RecordBatchReader, StringArray};
use arrow_schema::DataType;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use policy_align::report::{
    Cell, Column, ColumnType, Digits, PARQUET_ROW_GROUP_ROWS, Table, comparison_tables, corpus_tables, diffusion_tables,
};
use policy_align::{Document, Pipeline};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const XIANGSHAN: &str = "corpus/xiangshan_2021_ip_protection_plan.txt";
const HUIZHOU: &str = "corpus/huizhou_2021_ip_protection_measures.txt";
const BOLUO: &str = "corpus/diffusion/boluo_2022_ip_measures.txt";
const HUIDONG: &str = "corpus/diffusion/huidong_2022_ip_measures.txt";

/// Runs `policy-align ARGS` with `cargo run`, in the profile of this test, from the crate's root.
fn run(args: &[&str]) -> Output {
    common::cargo(&["--bin", "policy-align"], args)
        .output()
        .expect("policy-align runs")
}

fn ok(args: &[&str]) {
    let out = run(args);
    assert!(
        out.status.success(),
        "policy-align {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A directory of its own under the system's temporary directory, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(test: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("policy-align-tables-{test}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

/// The column type as `scripts/check_parquet.py` reads it: `text`, `int`, `float:4`,
/// `float:e3`, `bool`, `date`.
fn type_name(ty: ColumnType) -> String {
    match ty {
        ColumnType::Float(Digits::Fixed(n)) => format!("float:{n}"),
        ColumnType::Float(Digits::Exponent(n)) => format!("float:e{n}"),
        other => other.as_str().to_owned(),
    }
}

/// Days since 1970-01-01 as an ISO date (the inverse of Howard Hinnant's days_from_civil).
fn iso_date(days: i32) -> String {
    let z = i64::from(days) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Row `i` of an Arrow array as a table cell.
fn cell(a: &dyn Array, i: usize) -> Cell {
    if a.is_null(i) {
        return Cell::Null;
    }
    let any = a.as_any();
    match a.data_type() {
        DataType::Utf8 => Cell::text(any.downcast_ref::<StringArray>().unwrap().value(i)),
        DataType::Int64 => Cell::Int(any.downcast_ref::<Int64Array>().unwrap().value(i)),
        DataType::Float64 => Cell::Float(any.downcast_ref::<Float64Array>().unwrap().value(i)),
        DataType::Boolean => Cell::Bool(any.downcast_ref::<BooleanArray>().unwrap().value(i)),
        DataType::Date32 => Cell::Date(iso_date(any.downcast_ref::<Date32Array>().unwrap().value(i))),
        other => panic!("a column of type {other}"),
    }
}

fn arrow_type(ty: ColumnType) -> DataType {
    match ty {
        ColumnType::Text => DataType::Utf8,
        ColumnType::Int => DataType::Int64,
        ColumnType::Float(_) => DataType::Float64,
        ColumnType::Bool => DataType::Boolean,
        ColumnType::Date => DataType::Date32,
    }
}

/// Reads `NAME.parquet` of `dir` back: its schema is the table's declared columns, and each
/// value, written as CSV writes its column, is the field of `NAME.csv`. Returns the number of
/// rows and of non-null dates.
fn check_from_rust(dir: &Path, name: &str, columns: &[Column]) -> (usize, usize) {
    let file = std::fs::File::open(dir.join(format!("{name}.parquet"))).unwrap();
    let reader = ParquetRecordBatchReaderBuilder::try_new(file).unwrap().build().unwrap();
    let schema = reader.schema();
    let declared: Vec<(&str, DataType, bool)> =
        columns.iter().map(|c| (c.name, arrow_type(c.ty), c.nullable)).collect();
    let found: Vec<(&str, DataType, bool)> = schema
        .fields()
        .iter()
        .map(|f| (f.name().as_str(), f.data_type().clone(), f.is_nullable()))
        .collect();
    assert_eq!(found, declared, "{name}: schema");
    let csv_text = std::fs::read_to_string(dir.join(format!("{name}.csv"))).unwrap();
    let mut csv_reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = csv_reader.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(
        header,
        columns.iter().map(|c| c.name).collect::<Vec<_>>(),
        "{name}: CSV header"
    );
    let csv_rows: Vec<csv::StringRecord> = csv_reader.records().map(Result::unwrap).collect();
    let (mut row, mut dates) = (0, 0);
    for batch in reader {
        let batch = batch.unwrap();
        for i in 0..batch.num_rows() {
            let fields = csv_rows
                .get(row)
                .unwrap_or_else(|| panic!("{name}: more rows in Parquet"));
            for (k, c) in columns.iter().enumerate() {
                let value = cell(batch.column(k).as_ref(), i);
                dates += usize::from(c.ty == ColumnType::Date && value != Cell::Null);
                assert_eq!(
                    value.csv_text(c.ty),
                    &fields[k],
                    "{name}.{} row {}: {value:?}",
                    c.name,
                    row + 1
                );
            }
            row += 1;
        }
    }
    assert_eq!(row, csv_rows.len(), "{name}: rows in Parquet and in CSV");
    (row, dates)
}

/// A Python that can import pyarrow and pandas: `$POLICY_ALIGN_PYTHON`, else the CI's
/// `.venv-ci` when it exists, else `python3`. Panics when the one named or `.venv-ci` lacks
/// them, or when `CI` is set and none has them; `None` otherwise.
fn python_with_pyarrow() -> Option<PathBuf> {
    let venv = common::root().join(".venv-ci/bin/python3");
    let (python, required) = match std::env::var_os("POLICY_ALIGN_PYTHON") {
        Some(p) => (PathBuf::from(p), true),
        None if common::root().join(".venv-ci").exists() => (venv, true),
        None => (PathBuf::from("python3"), std::env::var_os("CI").is_some()),
    };
    let imports = Command::new(&python)
        .args(["-c", "import pyarrow, pandas"])
        .output()
        .is_ok_and(|o| o.status.success());
    match (imports, required) {
        (true, _) => Some(python),
        (false, true) => panic!(
            "{} cannot import pyarrow and pandas: run .ci/run, or {0} -m pip install pyarrow pandas",
            python.display()
        ),
        (false, false) => None,
    }
}

/// The declared columns of each table of a set, by table name.
fn columns(tables: &[Table]) -> BTreeMap<&'static str, &'static [Column]> {
    tables.iter().map(|t| (t.name, t.columns)).collect()
}

/// The library's table sets of the inputs the tool is run on below: the declared columns.
fn declared(corpus: &[PathBuf]) -> [BTreeMap<&'static str, &'static [Column]>; 3] {
    let root = common::root();
    let read = |p: &Path| Document::from_path(root.join(p)).unwrap();
    let pipeline = Pipeline::new();
    let comparison = pipeline
        .compare(read(Path::new(XIANGSHAN)), read(Path::new(HUIZHOU)))
        .unwrap();
    let corpus = pipeline.corpus(corpus.iter().map(|p| read(p)).collect()).unwrap();
    let docs = [HUIZHOU, XIANGSHAN, BOLUO, HUIDONG].map(|p| read(Path::new(p)));
    let study = pipeline.diffuse(docs.to_vec(), Some(0)).unwrap();
    [
        columns(&comparison_tables(&comparison.report()).unwrap()),
        columns(&corpus_tables(&corpus.report()).unwrap()),
        columns(&diffusion_tables(&study.report())),
    ]
}

/// Writes the schema file `scripts/check_parquet.py` reads.
fn write_schema(path: &Path, sets: &[(&Path, &BTreeMap<&'static str, &'static [Column]>)]) {
    let mut schema = serde_json::Map::new();
    for (dir, tables) in sets {
        let tables: serde_json::Map<String, serde_json::Value> = tables
            .iter()
            .map(|(name, cols)| {
                let cols: Vec<serde_json::Value> = cols
                    .iter()
                    .map(|c| serde_json::json!([c.name, type_name(c.ty), c.nullable]))
                    .collect();
                ((*name).to_owned(), cols.into())
            })
            .collect();
        schema.insert(s(dir).to_owned(), tables.into());
    }
    std::fs::write(path, serde_json::Value::Object(schema).to_string()).unwrap();
}

#[test]
fn parquet_tables_hold_what_the_csv_tables_hold() {
    let tmp = TempDir::new("sets");
    let docs = tmp.0.join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    for d in policy_align::corpus::synthetic(5, 11) {
        std::fs::write(docs.join(&d.name), d.text).unwrap();
    }
    std::fs::copy(common::fixture("prefecture_plan.txt"), docs.join("prefecture_plan.txt")).unwrap();
    let mut corpus_files: Vec<PathBuf> = std::fs::read_dir(&docs).unwrap().map(|e| e.unwrap().path()).collect();
    corpus_files.sort();

    let (compare, corpus, diffuse) = (tmp.0.join("compare"), tmp.0.join("tables"), tmp.0.join("diffuse"));
    for format in ["parquet", "csv"] {
        // CSV writes the table set when --out is a directory (it exists once Parquet made it).
        ok(&["-q", "compare", "--format", format, "--out", s(&compare)]);
        ok(&["-q", "corpus", "--format", format, "--out", s(&corpus), s(&docs)]);
        let base = ["-q", "diffuse", "--reference", HUIZHOU, XIANGSHAN, BOLUO, HUIDONG];
        ok(&[&base[..], &["--format", format, "--out", s(&diffuse)]].concat());
    }

    let sets = declared(&corpus_files);
    let expected = [
        vec!["documents", "measures", "mentions", "pairs"],
        vec!["agency_load", "clusters", "documents", "measures", "mentions"],
        vec![
            "additions",
            "adoption_spans",
            "adoptions",
            "documents",
            "dyads",
            "edges",
            "passages",
        ],
    ];
    for ((dir, tables), names) in [&compare, &corpus, &diffuse].into_iter().zip(&sets).zip(&expected) {
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        files.sort();
        let mut want: Vec<String> = names
            .iter()
            .flat_map(|n| [format!("{n}.csv"), format!("{n}.parquet")])
            .collect();
        want.sort();
        assert_eq!(files, want, "{}", dir.display());
        assert_eq!(tables.keys().copied().collect::<Vec<_>>(), *names);
        for (name, cols) in tables {
            let (rows, dates) = check_from_rust(dir, name, cols);
            assert!(rows > 0, "{name} of {} is empty", dir.display());
            if *name == "documents" {
                assert!(dates > 0, "no document dated in {}", dir.display());
            }
        }
    }

    match python_with_pyarrow() {
        Some(python) => {
            let schema = tmp.0.join("schema.json");
            write_schema(
                &schema,
                &[(&compare, &sets[0]), (&corpus, &sets[1]), (&diffuse, &sets[2])],
            );
            let out = Command::new(&python)
                .arg(common::root().join("scripts/check_parquet.py"))
                .args([&schema, &compare, &corpus, &diffuse])
                .output()
                .unwrap();
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(out.status.success(), "{text}{}", String::from_utf8_lossy(&out.stderr));
            assert_eq!(text.lines().filter(|l| l.starts_with("ok ")).count(), 16, "{text}");
            assert!(text.contains("ok compare/pairs: 26 rows, 22 typed columns"), "{text}");
            // The README's snippet runs as written on the corpus's tables.
            let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
            let snippet = common::python_after(&readme, "**Tables in Parquet");
            let out = Command::new(&python)
                .current_dir(&tmp.0)
                .args(["-c", snippet])
                .output()
                .unwrap();
            let printed = String::from_utf8_lossy(&out.stdout);
            assert!(
                out.status.success(),
                "{snippet}\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(
                printed.contains("resolved") && printed.contains("prefecture_plan"),
                "{printed}"
            );
        }
        None => eprintln!("no Python with pyarrow: checked from Rust only (run .ci/run to install it)"),
    }
}

/// A table is written in row groups of `PARQUET_ROW_GROUP_ROWS` rows, each read back whole.
#[test]
fn large_tables_are_written_in_row_groups() {
    const COLUMNS: &[Column] = &[Column::int("n"), Column::text("id").or_null()];
    let mut t = Table::new("large", COLUMNS);
    let n = PARQUET_ROW_GROUP_ROWS + 10;
    for i in 0..n {
        let id = if i % 7 == 0 {
            Cell::Null
        } else {
            Cell::text(format!("m{i}"))
        };
        t.rows.push(vec![Cell::count(i), id]);
    }
    let tmp = TempDir::new("large");
    let path = tmp.0.join("large.parquet");
    t.write_parquet(std::fs::File::create(&path).unwrap()).unwrap();
    let builder = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&path).unwrap()).unwrap();
    let groups: Vec<i64> = builder.metadata().row_groups().iter().map(|g| g.num_rows()).collect();
    assert_eq!(groups, [PARQUET_ROW_GROUP_ROWS as i64, 10]);
    let mut seen = 0;
    for batch in builder.build().unwrap() {
        let batch = batch.unwrap();
        for i in 0..batch.num_rows() {
            assert_eq!(cell(batch.column(0).as_ref(), i), t.rows[seen][0]);
            assert_eq!(cell(batch.column(1).as_ref(), i), t.rows[seen][1]);
            seen += 1;
        }
    }
    assert_eq!(seen, n);
}

/// `--format parquet` needs a directory, and takes no CSV or text options.
#[test]
fn parquet_needs_a_directory() {
    for (args, needle) in [
        (
            &["compare", "--format", "parquet"][..],
            "--format parquet writes one file per table: name a directory with --out",
        ),
        (
            &["diffuse", "--format", "parquet"][..],
            "--format parquet writes one file per table: name a directory with --out",
        ),
        (
            &["compare", "--format", "parquet", "--csv-bom", "--out", "x"][..],
            "--csv-bom applies to --format csv only, not parquet",
        ),
        (
            &["compare", "--format", "parquet", "--outlines", "--out", "x"][..],
            "--outlines applies to --format text only, not parquet",
        ),
    ] {
        let out = run(args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains(needle), "{args:?}: {err}");
    }
}

#[test]
fn iso_dates_from_days() {
    assert_eq!(iso_date(0), "1970-01-01");
    assert_eq!(iso_date(18_912), "2021-10-12");
    assert_eq!(iso_date(18_321), "2020-02-29");
    assert_eq!(iso_date(-1), "1969-12-31");
}
