//! Tables: what the CSV and Parquet outputs hold, one row per record, each column typed.
//!
//! A [`Table`] has a name (`pairs`, `measures`…), its [`Column`]s (a name, a [`ColumnType`] and
//! whether a cell may be null) and rows of [`Cell`]s. [`comparison_tables`], [`corpus_tables`]
//! and [`diffusion_tables`] build the table sets of the three kinds of report; the CSV renderer
//! writes its files from the same tables ([`Table::to_csv`]), and so does the Parquet writer
//! (`Table::write_parquet`, with the `parquet` feature), so that the two never disagree.
//!
//! A null cell stands for "none": a measure a document does not have, a date or a jurisdiction
//! not found, the other side of an unmatched measure. CSV writes it as an empty field, Parquet as
//! null. An empty text that is a value (a list of no citations, a group path of no headings) is
//! an empty string in both. CSV writes a float with the digits its column declares
//! ([`Digits`]); Parquet keeps the whole `f64`.

mod diffusion;
mod documents;

pub use diffusion::{diffusion_table_parts, diffusion_tables, diffusion_tables_lazily};
pub(super) use documents::{clusters_table, pairs_table};
pub use documents::{comparison_tables, corpus_table_parts, corpus_tables};

/// The rows of each part of a table made in parts ([`diffusion_table_parts`]) by a caller that
/// has no reason to choose another size: a Parquet row group, so that the file written from
/// the parts is the one written from the whole table.
pub const TABLE_PART_ROWS: usize = 64 * 1024;

use crate::error::{Error, Result};
use std::borrow::Cow;

/// How CSV writes the values of a float column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Digits {
    /// This many decimals: `Fixed(4)` writes `0.4860`.
    Fixed(usize),
    /// Scientific notation with this many decimals: `Exponent(3)` writes `1.234e-5`.
    Exponent(usize),
}

/// The type of a column's cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// UTF-8 text ([`Cell::Text`]).
    Text,
    /// A 64-bit integer ([`Cell::Int`]): counts, byte offsets, days.
    Int,
    /// A 64-bit float ([`Cell::Float`]), written in CSV with these digits.
    Float(Digits),
    /// `true` or `false` ([`Cell::Bool`]).
    Bool,
    /// A calendar date ([`Cell::Date`]), ISO 8601 in CSV, a date (days since 1970-01-01) in
    /// Parquet.
    Date,
}

impl ColumnType {
    /// The type's name: `text`, `int`, `float`, `bool`, `date`.
    pub fn as_str(self) -> &'static str {
        match self {
            ColumnType::Text => "text",
            ColumnType::Int => "int",
            ColumnType::Float(_) => "float",
            ColumnType::Bool => "bool",
            ColumnType::Date => "date",
        }
    }
}

/// A column: its name, its type, and whether a cell may be null.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The name, as the CSV header and the Parquet schema give it.
    pub name: &'static str,
    /// The type of its cells.
    pub ty: ColumnType,
    /// Whether a cell may be [`Cell::Null`].
    pub nullable: bool,
}

impl Column {
    /// A text column, never null.
    pub const fn text(name: &'static str) -> Column {
        Column {
            name,
            ty: ColumnType::Text,
            nullable: false,
        }
    }

    /// An integer column, never null.
    pub const fn int(name: &'static str) -> Column {
        Column {
            name,
            ty: ColumnType::Int,
            nullable: false,
        }
    }

    /// A float column with four decimals in CSV, never null.
    pub const fn float(name: &'static str) -> Column {
        Column {
            name,
            ty: ColumnType::Float(Digits::Fixed(4)),
            nullable: false,
        }
    }

    /// A boolean column, never null.
    pub const fn bool(name: &'static str) -> Column {
        Column {
            name,
            ty: ColumnType::Bool,
            nullable: false,
        }
    }

    /// A date column, never null.
    pub const fn date(name: &'static str) -> Column {
        Column {
            name,
            ty: ColumnType::Date,
            nullable: false,
        }
    }

    /// The same column, its cells allowed to be null.
    pub const fn or_null(self) -> Column {
        Column { nullable: true, ..self }
    }

    /// The same column with another type.
    pub const fn typed(self, ty: ColumnType) -> Column {
        Column { ty, ..self }
    }
}

/// One value of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// None: an empty CSV field, a Parquet null.
    Null,
    /// Text.
    Text(String),
    /// An integer.
    Int(i64),
    /// A float.
    Float(f64),
    /// A boolean, `true` or `false` in CSV.
    Bool(bool),
    /// A date, ISO 8601 as the document's metadata gives it (`2021-10-12`); the Parquet writer
    /// checks that it is a calendar date.
    Date(String),
}

impl Cell {
    /// A text cell.
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    /// A text cell, or null for `None`.
    pub fn opt(s: Option<&str>) -> Cell {
        s.map_or(Cell::Null, Cell::text)
    }

    /// An integer cell from a count or an offset.
    pub fn count(n: usize) -> Cell {
        Cell::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }

    /// A date cell, or null for `None`.
    pub fn date(s: Option<&str>) -> Cell {
        s.map_or(Cell::Null, |d| Cell::Date(d.to_owned()))
    }

    /// The cell as CSV writes it in a column of type `ty`: null as an empty field, a float
    /// with the column's digits, a boolean as `true` or `false`.
    pub fn csv_text(&self, ty: ColumnType) -> Cow<'_, str> {
        match self {
            Cell::Null => Cow::Borrowed(""),
            Cell::Text(s) | Cell::Date(s) => Cow::Borrowed(s),
            Cell::Int(n) => Cow::Owned(n.to_string()),
            Cell::Bool(b) => Cow::Borrowed(if *b { "true" } else { "false" }),
            Cell::Float(x) => Cow::Owned(match ty {
                ColumnType::Float(Digits::Fixed(d)) => format!("{x:.d$}"),
                ColumnType::Float(Digits::Exponent(d)) => format!("{x:.d$e}"),
                _ => x.to_string(),
            }),
        }
    }

    /// The name of the cell's kind, for messages.
    #[cfg_attr(not(feature = "parquet"), allow(dead_code))]
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Cell::Null => "null",
            Cell::Text(_) => "text",
            Cell::Int(_) => "an integer",
            Cell::Float(_) => "a float",
            Cell::Bool(_) => "a boolean",
            Cell::Date(_) => "a date",
        }
    }
}

/// A table: a name, typed columns, rows of cells (one per column).
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The name (`pairs`, `measures`); the file is `NAME.csv` or `NAME.parquet`.
    pub name: &'static str,
    /// The columns.
    pub columns: &'static [Column],
    /// The rows, each with one cell per column.
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// An empty table.
    pub fn new(name: &'static str, columns: &'static [Column]) -> Table {
        Table {
            name,
            columns,
            rows: Vec::new(),
        }
    }

    /// The column names, in order.
    pub fn column_names(&self) -> Vec<&'static str> {
        self.columns.iter().map(|c| c.name).collect()
    }

    /// The table as CSV: a header, then one record per row; with a UTF-8 byte-order mark first
    /// when `bom`, so that Excel reads the Chinese text.
    pub fn to_csv(&self, bom: bool) -> Result<String> {
        let mut bytes = Vec::new();
        self.write_csv(&mut bytes, bom)?;
        String::from_utf8(bytes).map_err(|e| Error::Csv {
            message: format!("{}: {e}", self.name),
        })
    }

    /// [`Table::to_csv`] written to `out` as it is made. Fails with [`Error::Output`] when
    /// `out` fails.
    pub fn write_csv(&self, out: &mut dyn std::io::Write, bom: bool) -> Result<()> {
        self.write_csv_records(out, bom, true)
    }

    /// The rows alone as CSV records, without header or byte-order mark: the next part of a
    /// table whose first part [`Table::write_csv`] wrote (see
    /// [`diffusion_table_parts`](super::diffusion_table_parts)).
    ///
    /// ```
    /// use policy_align::report::{Cell, Column, Table};
    /// const COLUMNS: &[Column] = &[Column::text("id")];
    /// let (mut first, mut next) = (Table::new("t", COLUMNS), Table::new("t", COLUMNS));
    /// first.rows.push(vec![Cell::text("a")]);
    /// next.rows.push(vec![Cell::text("b")]);
    /// let mut out = Vec::new();
    /// first.write_csv(&mut out, false)?;
    /// next.append_csv(&mut out)?;
    /// assert_eq!(String::from_utf8(out).unwrap(), "id\na\nb\n");
    /// # Ok::<(), policy_align::Error>(())
    /// ```
    pub fn append_csv(&self, out: &mut dyn std::io::Write) -> Result<()> {
        self.write_csv_records(out, false, false)
    }

    fn write_csv_records(&self, out: &mut dyn std::io::Write, bom: bool, header: bool) -> Result<()> {
        let err = |e: csv::Error| {
            let message = format!("{}: {e}", self.name);
            match e.into_kind() {
                csv::ErrorKind::Io(source) => Error::Output { source },
                _ => Error::Csv { message },
            }
        };
        if bom {
            out.write_all("\u{feff}".as_bytes())
                .map_err(|source| Error::Output { source })?;
        }
        let mut w = csv::Writer::from_writer(out);
        if header {
            w.write_record(self.columns.iter().map(|c| c.name)).map_err(err)?;
        }
        for row in &self.rows {
            let cells = row.iter().zip(self.columns).map(|(cell, c)| cell.csv_text(c.ty));
            w.write_record(cells.map(|t| t.into_owned())).map_err(err)?;
        }
        w.flush().map_err(|source| Error::Output { source })
    }

    /// An [`Error::Cell`] for the cell of row `row` (0-based) in `column`.
    #[cfg_attr(not(feature = "parquet"), allow(dead_code))]
    pub(crate) fn cell_error(&self, row: usize, column: &str, message: String) -> Error {
        Error::Cell {
            table: self.name.to_owned(),
            column: column.to_owned(),
            row: row + 1,
            message,
        }
    }
}

/// Days since 1970-01-01 of a calendar date written `YYYY-MM-DD`; `None` for anything else
/// (`2021-02-30`, `2021-6-1`, `2021`).
#[cfg_attr(not(feature = "parquet"), allow(dead_code))]
pub(crate) fn date_days(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !digits(0..4) || !digits(5..7) || !digits(8..10) {
        return None;
    }
    let (y, m, d): (i64, i64, i64) = (
        text[..4].parse().ok()?,
        text[5..7].parse().ok()?,
        text[8..].parse().ok()?,
    );
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let last = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return None,
    };
    if !(1..=last).contains(&d) {
        return None;
    }
    crate::lexicon::dates::days_since_epoch(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLUMNS: &[Column] = &[
        Column::text("id"),
        Column::int("n").or_null(),
        Column::float("score"),
        Column::float("p").typed(ColumnType::Float(Digits::Exponent(3))),
        Column::bool("cites"),
        Column::date("date").or_null(),
    ];

    #[test]
    fn csv_writes_cells_as_their_columns_say() {
        let mut t = Table::new("t", COLUMNS);
        t.rows.push(vec![
            Cell::text("m1.1"),
            Cell::count(3),
            Cell::Float(0.486_12),
            Cell::Float(0.000_012_341),
            Cell::Bool(true),
            Cell::date(Some("2021-10-12")),
        ]);
        t.rows.push(vec![
            Cell::text("m1.2"),
            Cell::Null,
            Cell::Float(1.0),
            Cell::Float(0.5),
            Cell::Bool(false),
            Cell::date(None),
        ]);
        assert_eq!(
            t.to_csv(false).unwrap(),
            "id,n,score,p,cites,date\nm1.1,3,0.4861,1.234e-5,true,2021-10-12\nm1.2,,1.0000,5.000e-1,false,\n"
        );
        assert!(t.to_csv(true).unwrap().starts_with("\u{feff}id,"));
    }

    #[test]
    fn dates_are_calendar_dates() {
        assert_eq!(date_days("1970-01-01"), Some(0));
        assert_eq!(date_days("2021-10-12"), Some(18_912));
        assert_eq!(date_days("2020-02-29"), Some(18_321));
        for bad in [
            "2021-02-29",
            "2021-02-30",
            "2021-04-31",
            "2021-13-01",
            "2021-6-1",
            "2021",
            "",
            "二〇二一-01-01",
        ] {
            assert_eq!(date_days(bad), None, "{bad}");
        }
    }
}
