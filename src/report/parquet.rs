//! Tables as Parquet files, through Apache Arrow: pandas (`pd.read_parquet`), Polars, DuckDB,
//! DataFusion and Spark read them with their types.

use super::tables::{Cell, ColumnType, Table, date_days};
use crate::error::{Error, Result};
use arrow_array::{ArrayRef, BooleanArray, Date32Array, Float64Array, Int64Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use std::io::Write;
use std::ops::Range;
use std::sync::Arc;

/// The rows of a Parquet row group: a table is converted and written this many rows at a
/// time, so that a large table is never held twice in memory. The rows of a table part
/// ([`TABLE_PART_ROWS`](super::TABLE_PART_ROWS)).
pub const PARQUET_ROW_GROUP_ROWS: usize = super::tables::TABLE_PART_ROWS;

/// One Parquet file written from the parts of a table, a part at a time
/// ([`diffusion_table_parts`](super::diffusion_table_parts)): it holds the parts' rows in
/// order, each part in row groups of its own (with parts of [`PARQUET_ROW_GROUP_ROWS`] rows,
/// the very bytes [`Table::write_parquet`] writes for the whole table), and a failing cell is
/// named by its row in the whole table.
///
/// ```
/// use policy_align::report::{Cell, Column, ParquetParts, Table, PARQUET_ROW_GROUP_ROWS};
/// const COLUMNS: &[Column] = &[Column::int("n")];
/// let mut whole = Table::new("t", COLUMNS);
/// whole.rows = (0..PARQUET_ROW_GROUP_ROWS as i64 + 5).map(|n| vec![Cell::Int(n)]).collect();
/// let mut writer = ParquetParts::new(&whole, Vec::new())?;
/// for rows in whole.rows.chunks(PARQUET_ROW_GROUP_ROWS) {
///     let mut part = Table::new("t", COLUMNS);
///     part.rows = rows.to_vec();
///     writer.write(&part)?;
/// }
/// assert_eq!(writer.finish()?, whole.write_parquet(Vec::new())?);
/// # Ok::<(), policy_align::Error>(())
/// ```
pub struct ParquetParts<W: Write + Send> {
    writer: ArrowWriter<W>,
    schema: Arc<Schema>,
    name: &'static str,
    columns: &'static [super::tables::Column],
    /// Rows written so far.
    written: usize,
}

impl<W: Write + Send> ParquetParts<W> {
    /// A file for the table of which `first` is the first part (its name and columns).
    pub fn new(first: &Table, out: W) -> Result<Self> {
        let schema = Arc::new(first.arrow_schema());
        let properties = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(PARQUET_ROW_GROUP_ROWS))
            .build();
        let writer = ArrowWriter::try_new(out, schema.clone(), Some(properties)).map_err(|e| failed(first.name, &e))?;
        Ok(ParquetParts {
            writer,
            schema,
            name: first.name,
            columns: first.columns,
            written: 0,
        })
    }

    /// Writes the rows of a part. Fails on a part of another table (name or columns), and as
    /// [`Table::write_parquet`] does.
    pub fn write(&mut self, part: &Table) -> Result<()> {
        if part.name != self.name || part.columns != self.columns {
            return Err(failed(self.name, &format!("given a part of table {}", part.name)));
        }
        let offset = self.written;
        let at_row = |e: Error| match e {
            Error::Cell {
                table,
                column,
                row,
                message,
            } => Error::Cell {
                table,
                column,
                row: row + offset,
                message,
            },
            e => e,
        };
        part.check_rows().map_err(at_row)?;
        let mut start = 0;
        while start < part.rows.len() {
            let rows = start..(start + PARQUET_ROW_GROUP_ROWS).min(part.rows.len());
            start = rows.end;
            let columns = (0..part.columns.len())
                .map(|c| part.arrow_column(c, rows.clone()))
                .collect::<Result<Vec<ArrayRef>>>()
                .map_err(at_row)?;
            let batch = RecordBatch::try_new(self.schema.clone(), columns).map_err(|e| failed(self.name, &e))?;
            self.writer.write(&batch).map_err(|e| failed(self.name, &e))?;
            self.writer.flush().map_err(|e| failed(self.name, &e))?;
        }
        self.written += part.rows.len();
        Ok(())
    }

    /// Closes the file and gives back the writer.
    pub fn finish(self) -> Result<W> {
        let name = self.name;
        self.writer.into_inner().map_err(|e| failed(name, &e))
    }
}

/// [`Error::Parquet`] for table `table`.
fn failed(table: &str, e: &dyn std::fmt::Display) -> Error {
    Error::Parquet {
        table: table.to_owned(),
        message: e.to_string(),
    }
}

impl Table {
    /// Writes the table to `out` as a Parquet file (Snappy-compressed, one row group per
    /// [`PARQUET_ROW_GROUP_ROWS`] rows) and returns `out`. Text columns are `utf8`, integers
    /// `int64`, floats `double` (the whole value, not the CSV's digits), booleans `bool`, dates
    /// `date32`; a null cell is a null.
    ///
    /// Fails with [`Error::Cell`] on a cell that does not fit its column (a date that is not a
    /// calendar date, a null in a column without nulls, a row of the wrong length), naming the
    /// table, the column and the row; with [`Error::Parquet`] when the writer fails.
    ///
    /// ```
    /// use policy_align::report::{Cell, Column, Table};
    ///
    /// const COLUMNS: &[Column] = &[Column::text("id"), Column::date("date").or_null()];
    /// let mut t = Table::new("documents", COLUMNS);
    /// t.rows.push(vec![Cell::text("plan"), Cell::date(Some("2021-10-12"))]);
    /// let bytes = t.write_parquet(Vec::new())?;
    /// assert!(bytes.starts_with(b"PAR1"));
    ///
    /// t.rows.push(vec![Cell::text("notice"), Cell::date(Some("2021-02-30"))]);
    /// let e = t.write_parquet(Vec::new()).unwrap_err();
    /// assert_eq!(
    ///     e.to_string(),
    ///     "table documents, column date, row 2: \"2021-02-30\" is not a calendar date (YYYY-MM-DD)"
    /// );
    /// # Ok::<(), policy_align::Error>(())
    /// ```
    pub fn write_parquet<W: Write + Send>(&self, out: W) -> Result<W> {
        let mut writer = ParquetParts::new(self, out)?;
        writer.write(self)?;
        writer.finish()
    }

    /// The table as a Parquet file in memory ([`Table::write_parquet`]).
    pub fn to_parquet(&self) -> Result<Vec<u8>> {
        self.write_parquet(Vec::new())
    }

    /// The Arrow schema: one field per column, of its type, nullable when the column is.
    fn arrow_schema(&self) -> Schema {
        let fields: Vec<Field> = self
            .columns
            .iter()
            .map(|c| {
                let ty = match c.ty {
                    ColumnType::Text => DataType::Utf8,
                    ColumnType::Int => DataType::Int64,
                    ColumnType::Float(_) => DataType::Float64,
                    ColumnType::Bool => DataType::Boolean,
                    ColumnType::Date => DataType::Date32,
                };
                Field::new(c.name, ty, c.nullable)
            })
            .collect();
        Schema::new(fields)
    }

    /// Fails on the first row that has not one cell per column.
    fn check_rows(&self) -> Result<()> {
        let n = self.columns.len();
        match self.rows.iter().position(|r| r.len() != n) {
            None => Ok(()),
            Some(i) => {
                let len = self.rows[i].len();
                let column = self.columns.get(len).map_or("(none)", |c| c.name);
                Err(self.cell_error(i, column, format!("{len} cells for {n} columns")))
            }
        }
    }

    /// Column `c` of `rows` as an Arrow array of its type.
    fn arrow_column(&self, c: usize, rows: Range<usize>) -> Result<ArrayRef> {
        let ty = self.columns[c].ty;
        let other = |cell: &Cell| format!("{} in a column of type {}", cell.kind(), ty.as_str());
        Ok(match ty {
            ColumnType::Text => Arc::new(StringArray::from(self.values(c, rows, |cell| match cell {
                Cell::Text(s) => Ok(s.as_str()),
                _ => Err(other(cell)),
            })?)),
            ColumnType::Int => Arc::new(Int64Array::from(self.values(c, rows, |cell| match cell {
                Cell::Int(n) => Ok(*n),
                _ => Err(other(cell)),
            })?)),
            ColumnType::Float(_) => Arc::new(Float64Array::from(self.values(c, rows, |cell| match cell {
                Cell::Float(x) => Ok(*x),
                _ => Err(other(cell)),
            })?)),
            ColumnType::Bool => Arc::new(BooleanArray::from(self.values(c, rows, |cell| match cell {
                Cell::Bool(b) => Ok(*b),
                _ => Err(other(cell)),
            })?)),
            ColumnType::Date => Arc::new(Date32Array::from(self.values(c, rows, |cell| {
                match cell {
                    Cell::Date(s) => date_days(s)
                        .and_then(|d| i32::try_from(d).ok())
                        .ok_or_else(|| format!("{s:?} is not a calendar date (YYYY-MM-DD)")),
                    _ => Err(other(cell)),
                }
            })?)),
        })
    }

    /// The values of column `c` over `rows`, `None` for a null cell; an error naming the cell
    /// for a null in a column without nulls, or for a cell `value` refuses.
    fn values<'a, V>(
        &'a self,
        c: usize,
        rows: Range<usize>,
        value: impl Fn(&'a Cell) -> Result<V, String>,
    ) -> Result<Vec<Option<V>>> {
        let column = &self.columns[c];
        rows.map(|i| match &self.rows[i][c] {
            Cell::Null if column.nullable => Ok(None),
            Cell::Null => Err(self.cell_error(i, column.name, "null in a column without nulls".into())),
            cell => value(cell).map(Some).map_err(|m| self.cell_error(i, column.name, m)),
        })
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::tables::{Column, Digits};

    const COLUMNS: &[Column] = &[
        Column::text("id"),
        Column::int("n").or_null(),
        Column::float("score").typed(ColumnType::Float(Digits::Exponent(3))),
        Column::bool("cites"),
        Column::date("date").or_null(),
    ];

    fn row(id: &str, date: Option<&str>) -> Vec<Cell> {
        vec![
            Cell::text(id),
            Cell::count(2),
            Cell::Float(0.25),
            Cell::Bool(true),
            Cell::date(date),
        ]
    }

    fn error(t: &Table) -> (String, String, usize, String) {
        match t.to_parquet() {
            Err(Error::Cell {
                table,
                column,
                row,
                message,
            }) => (table, column, row, message),
            other => panic!("expected a cell error, got {other:?}"),
        }
    }

    #[test]
    fn typed_columns_are_written() {
        let mut t = Table::new("t", COLUMNS);
        t.rows.push(row("a", Some("2021-10-12")));
        t.rows.push(row("b", None));
        let bytes = t.to_parquet().unwrap();
        assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"));
        let empty = Table::new("empty", COLUMNS).to_parquet().unwrap();
        assert!(empty.starts_with(b"PAR1"));
    }

    #[test]
    fn a_cell_that_does_not_fit_its_column_is_an_error_naming_it() {
        let mut t = Table::new("documents", COLUMNS);
        t.rows.push(row("a", Some("2021-10-12")));
        t.rows.push(row("b", Some("2021-02-30")));
        assert_eq!(
            error(&t),
            (
                "documents".into(),
                "date".into(),
                2,
                "\"2021-02-30\" is not a calendar date (YYYY-MM-DD)".into()
            )
        );
        t.rows[1] = row("b", None);
        t.rows[1][0] = Cell::Null;
        assert_eq!(error(&t).1, "id");
        assert_eq!(error(&t).3, "null in a column without nulls");
        t.rows[1] = row("b", None);
        t.rows[1][1] = Cell::text("3");
        assert_eq!(error(&t).3, "text in a column of type int");
        t.rows[1].pop();
        assert_eq!(
            error(&t),
            ("documents".into(), "date".into(), 2, "4 cells for 5 columns".into())
        );
    }
}
