//! Batch input: CSV (one enterprise per row, columns named by profile paths)
//! or JSON Lines (one `srdi-profile/1` object per line), read as a stream: one
//! record at a time from a [`BufRead`], never the whole file. A bad row is
//! reported with its line number and skipped; the run goes on. A record over
//! [`MAX_RECORD_BYTES`] is refused while it is read: its bytes are not kept.
//!
//! [`run`] turns records into output rows in input order: on the calling thread
//! when the input fits in one chunk, else on `jobs` worker threads, each with at
//! most two chunks in hand, so memory stays the same whatever the file's size.

use std::collections::VecDeque;
use std::io::{BufRead, Chain, Cursor, Read};
use std::sync::mpsc;

use srdi_engine::json::{Map, Value};
use srdi_engine::{PROFILE_FORMAT, Profile};

/// The most one record (a CSV record, a JSON line) may hold; a longer one is skipped unread.
pub const MAX_RECORD_BYTES: usize = 1024 * 1024;
/// Records per chunk handed to a worker thread (about 25 ms of assessments).
pub const CHUNK_ROWS: usize = 256;
/// Bytes of records per chunk; a chunk may go one record over.
const CHUNK_BYTES: usize = 1024 * 1024;
/// What a CSV field costs beyond its bytes, counted against [`MAX_RECORD_BYTES`].
const FIELD_COST: usize = std::mem::size_of::<String>();
const BOM: &[u8] = "\u{feff}".as_bytes();

/// One parsed row: its line number and the profile or the reason it was refused.
pub struct Row {
    pub line: usize,
    pub profile: Result<Profile, String>,
}

/// One record as read, before it becomes a profile.
pub enum Data {
    /// A JSON line.
    Json(String),
    /// A CSV record's fields.
    Csv(Vec<String>),
}

/// One record and the line it starts on, or why it cannot be read (too long, not UTF-8).
pub struct Record {
    pub line: usize,
    pub data: Result<Data, String>,
}

impl Record {
    /// Roughly the memory it holds.
    fn cost(&self) -> usize {
        match &self.data {
            Ok(Data::Json(s)) => s.len(),
            Ok(Data::Csv(fields)) => fields.iter().map(|f| f.len() + FIELD_COST).sum(),
            Err(e) => e.len(),
        }
    }
}

/// Why a batch stopped before the end of its input.
#[derive(Debug)]
pub enum Stop {
    /// The input could not be read.
    Read(std::io::Error),
    /// The input is not a batch file: a quoted field never closed, a bad CSV header.
    Input(String),
    /// The caller's `emit` refused, with its message (e.g. the output cannot be written).
    Emit(String),
    /// A worker thread ended without its results (a bug).
    Worker,
}

impl std::fmt::Display for Stop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Stop::Read(e) => write!(f, "cannot read: {e}"),
            Stop::Input(s) | Stop::Emit(s) => f.write_str(s),
            Stop::Worker => f.write_str("a worker thread stopped"),
        }
    }
}

fn too_long() -> String {
    format!("over {MAX_RECORD_BYTES} bytes (a row is at most 1 MiB); not read")
}

const NOT_UTF8: &str = "not valid UTF-8";

/// The reader's next bytes (empty at the end), retrying interrupted reads.
fn fill<R: BufRead>(r: &mut R) -> Result<&[u8], Stop> {
    loop {
        match r.fill_buf() {
            Ok(_) => break,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(Stop::Read(e)),
        }
    }
    // Buffered now: this call does not read again.
    r.fill_buf().map_err(Stop::Read)
}

/// JSON Lines, one non-blank line at a time, numbered as `str::lines` numbers them.
pub struct JsonLines<R> {
    r: R,
    line: usize,
    /// The next line is already known to be too long.
    over: bool,
}

impl<R: BufRead> JsonLines<R> {
    fn new(r: R, lines_before: usize, over: bool) -> Self {
        JsonLines {
            r,
            line: lines_before,
            over,
        }
    }

    pub fn next_record(&mut self) -> Result<Option<Record>, Stop> {
        loop {
            let mut buf = Vec::new();
            let mut over = std::mem::take(&mut self.over);
            let mut seen = over;
            loop {
                let chunk = fill(&mut self.r)?;
                if chunk.is_empty() {
                    break;
                }
                let (take, end) = match chunk.iter().position(|&b| b == b'\n') {
                    Some(i) => (i + 1, true),
                    None => (chunk.len(), false),
                };
                seen = true;
                // Room for the line and its CR LF.
                if !over && buf.len() + take > MAX_RECORD_BYTES + 2 {
                    over = true;
                    buf = Vec::new();
                }
                if !over {
                    buf.extend_from_slice(&chunk[..take]);
                }
                self.r.consume(take);
                if end {
                    break;
                }
            }
            if !seen {
                return Ok(None);
            }
            self.line += 1;
            let line = self.line;
            // As `str::lines`: "\n" ends a line, and a "\r" before it goes too.
            if buf.last() == Some(&b'\n') {
                buf.pop();
                if buf.last() == Some(&b'\r') {
                    buf.pop();
                }
            }
            let data = if over || buf.len() > MAX_RECORD_BYTES {
                Err(too_long())
            } else {
                match String::from_utf8(buf) {
                    Ok(s) if s.trim().is_empty() => continue,
                    Ok(s) => Ok(Data::Json(s)),
                    Err(_) => Err(NOT_UTF8.to_string()),
                }
            };
            return Ok(Some(Record { line, data }));
        }
    }
}

/// What one byte did to the record being read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    /// The record goes on.
    More,
    /// The byte ended the record.
    End,
    /// The record ended before the byte, which starts the next one.
    EndBefore,
    /// A quoted field ran past the record limit: it is taken as never closed.
    Unclosed,
}

/// Bytes of an open quoted field kept from its first line break on, so that if the
/// quote is never closed, the lines after the one it opened on can be read again as
/// records: one stray `"` costs one row, not the rest of the file.
enum Capture {
    /// No quoted field is open.
    Off,
    /// A quoted field is open and has had no line break yet.
    Wait,
    /// The bytes since the open field's first line break (that break included), and
    /// the line that break ends.
    On(Vec<u8>, usize),
}

/// A byte held back until the next one says what it means.
#[derive(Clone, Copy)]
enum Pending {
    /// A `"` inside quotes: `""` is a quote, anything else closes the field.
    Quote,
    /// A `\r` outside quotes: dropped before `\n`, kept otherwise.
    Cr,
}

/// The CSV record being read (RFC 4180: quotes, doubled quotes, commas and
/// newlines inside quotes, CRLF), byte by byte; its size is counted as it grows.
struct CsvState {
    /// The line the reader is on, and the one the current record started on.
    line: usize,
    start: usize,
    in_quotes: bool,
    pending: Option<Pending>,
    field: Vec<u8>,
    /// Bytes the current field has had (kept or not).
    field_len: usize,
    fields: Vec<String>,
    nfields: usize,
    size: usize,
    over: bool,
    bad_utf8: bool,
    capture: Capture,
}

/// Why a record with an unclosed quote is not read.
pub const UNCLOSED: &str = "a quoted field (starting with \") is not closed; \
                            this row is not read, the lines after it are";

impl CsvState {
    fn push(&mut self, b: u8) {
        self.field_len += 1;
        self.grow(1);
        if !self.over {
            self.field.push(b);
        }
    }

    fn grow(&mut self, n: usize) {
        self.size += n;
        if self.size > MAX_RECORD_BYTES && !self.over {
            self.over = true;
            self.field = Vec::new();
            self.fields = Vec::new();
        }
    }

    fn end_field(&mut self) {
        self.nfields += 1;
        self.grow(FIELD_COST);
        if !self.over {
            match String::from_utf8(std::mem::take(&mut self.field)) {
                Ok(s) => self.fields.push(s),
                Err(_) => self.bad_utf8 = true,
            }
        }
        self.field.clear();
        self.field_len = 0;
    }

    /// Takes one byte; whether it ends a record, and whether it belongs to the next one
    /// (a lone CR, the old Mac line ending, ends its record before the byte after it).
    fn byte(&mut self, b: u8) -> Step {
        if let Capture::On(bytes, _) = &mut self.capture {
            if bytes.len() > MAX_RECORD_BYTES {
                return Step::Unclosed;
            }
            bytes.push(b);
        }
        match self.pending.take() {
            Some(Pending::Quote) if b == b'"' => {
                self.push(b'"');
                return Step::More;
            }
            Some(Pending::Quote) => {
                self.in_quotes = false;
                self.capture = Capture::Off;
            }
            Some(Pending::Cr) if b == b'\n' => return self.end_line(),
            Some(Pending::Cr) => {
                self.end_line();
                return Step::EndBefore;
            }
            None => {}
        }
        if self.in_quotes {
            if matches!(self.capture, Capture::Wait) && (b == b'\n' || b == b'\r') {
                self.capture = Capture::On(vec![b], self.line);
            }
            match b {
                b'"' => self.pending = Some(Pending::Quote),
                b'\n' => {
                    self.line += 1;
                    self.push(b'\n');
                }
                _ => self.push(b),
            }
            return Step::More;
        }
        match b {
            b'"' if self.field_len == 0 => {
                self.in_quotes = true;
                self.capture = Capture::Wait;
            }
            b',' => self.end_field(),
            b'\r' => self.pending = Some(Pending::Cr),
            b'\n' => return self.end_line(),
            _ => self.push(b),
        }
        Step::More
    }

    fn end_line(&mut self) -> Step {
        self.end_field();
        self.line += 1;
        Step::End
    }

    /// At the end of the input: what a held-back byte meant (a CR at the very end ends the
    /// last line).
    fn finish(&mut self) {
        if let Some(Pending::Quote) = self.pending.take() {
            self.in_quotes = false;
            self.capture = Capture::Off;
        }
    }

    /// The record whose quoted field never closed, as an error on its first line, and
    /// the bytes to read again after it (from the field's first line break), with the
    /// reader put back on that line.
    fn unclosed(&mut self) -> (Record, Vec<u8>) {
        let again = match std::mem::replace(&mut self.capture, Capture::Off) {
            Capture::On(bytes, line) => {
                self.line = line;
                bytes
            }
            Capture::Off | Capture::Wait => Vec::new(),
        };
        let record = Record {
            line: self.start,
            data: Err(UNCLOSED.to_string()),
        };
        self.start = self.line;
        self.in_quotes = false;
        self.pending = None;
        self.field = Vec::new();
        self.field_len = 0;
        self.fields = Vec::new();
        self.nfields = 0;
        self.size = 0;
        self.over = false;
        self.bad_utf8 = false;
        (record, again)
    }

    /// The record just ended, and a fresh one starting on the current line.
    fn take(&mut self) -> Record {
        let data = if self.over {
            Err(too_long())
        } else if self.bad_utf8 {
            Err(NOT_UTF8.to_string())
        } else {
            Ok(Data::Csv(std::mem::replace(
                &mut self.fields,
                Vec::with_capacity(self.nfields),
            )))
        };
        let record = Record {
            line: self.start,
            data,
        };
        self.start = self.line;
        self.nfields = 0;
        self.size = 0;
        self.over = false;
        self.bad_utf8 = false;
        self.capture = Capture::Off;
        record
    }
}

/// CSV records, one at a time; blank lines are skipped.
pub struct CsvRecords<R> {
    r: R,
    st: CsvState,
    /// Bytes to read again before `r` (after a quote that never closed), and how many are read.
    again: Vec<u8>,
    again_at: usize,
}

impl<R: BufRead> CsvRecords<R> {
    /// `first_line`: the line the reader starts on; `carried`: bytes of that
    /// line already read and dropped (whitespace), which make its record too long.
    fn new(r: R, first_line: usize, carried: usize) -> Self {
        let mut st = CsvState {
            line: first_line,
            start: first_line,
            in_quotes: false,
            pending: None,
            field: Vec::new(),
            field_len: 0,
            fields: Vec::new(),
            nfields: 0,
            size: 0,
            over: false,
            bad_utf8: false,
            capture: Capture::Off,
        };
        if carried > 0 {
            st.field_len = carried;
            st.grow(carried.max(MAX_RECORD_BYTES + 1));
        }
        CsvRecords {
            r,
            st,
            again: Vec::new(),
            again_at: 0,
        }
    }

    /// A quote never closed: its record is an error, and what followed its first
    /// line break is read again (with any bytes still waiting to be read again).
    fn recover(&mut self) -> Record {
        let (record, mut again) = self.st.unclosed();
        again.extend_from_slice(&self.again[self.again_at..]);
        self.again = again;
        self.again_at = 0;
        record
    }

    /// Feeds bytes to the record; how many it used and whether the record ended.
    fn feed(st: &mut CsvState, bytes: &[u8]) -> (usize, Option<Step>) {
        let mut used = 0;
        for &b in bytes {
            match st.byte(b) {
                Step::More => used += 1,
                Step::End => return (used + 1, Some(Step::End)),
                step => return (used, Some(step)),
            }
        }
        (used, None)
    }

    /// The next record, blank or not.
    fn next_any(&mut self) -> Result<Option<Record>, Stop> {
        loop {
            let step = if self.again_at < self.again.len() {
                let (used, step) = Self::feed(&mut self.st, &self.again[self.again_at..]);
                self.again_at += used;
                step
            } else {
                self.again = Vec::new();
                self.again_at = 0;
                let buf = fill(&mut self.r)?;
                if buf.is_empty() {
                    let st = &mut self.st;
                    st.finish();
                    if st.in_quotes {
                        return Ok(Some(self.recover()));
                    }
                    if st.field_len == 0 && st.nfields == 0 {
                        return Ok(None);
                    }
                    st.end_field();
                    return Ok(Some(st.take()));
                }
                let (used, step) = Self::feed(&mut self.st, buf);
                self.r.consume(used);
                step
            };
            match step {
                None => {}
                Some(Step::Unclosed) => return Ok(Some(self.recover())),
                Some(_) => return Ok(Some(self.st.take())),
            }
        }
    }

    pub fn next_record(&mut self) -> Result<Option<Record>, Stop> {
        loop {
            match self.next_any()? {
                Some(Record {
                    data: Ok(Data::Csv(f)),
                    ..
                }) if f.len() == 1 && f[0].trim().is_empty() => {}
                r => return Ok(r),
            }
        }
    }
}

/// A cell's JSON value, read by what its column holds (the field table's kind
/// for the column's path): empty = unknown (left out); a yes/no as
/// true/false/是/否; a count as a whole number (人/项/件/名/个 accepted, 万 or ¥ refused);
/// an amount as people type it (1,234.5, ３０００, ¥1.5亿), kept exact; a
/// percentage or points in their range; a list (`awards`) as JSON; labels,
/// provinces, choices and months as the text they are, never as numbers.
fn cell(column: &str, s: &str) -> Result<Option<Value>, String> {
    use srdi_engine::fields::{FieldId, FieldKind};
    use srdi_engine::input::{Kind, parse};
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let flag = |t: &str| match t {
        "true" | "TRUE" | "是" => Some(Value::Bool(true)),
        "false" | "FALSE" | "否" => Some(Value::Bool(false)),
        _ => None,
    };
    let text = || Value::String(t.to_string());
    let number = |kind: Kind| -> Result<Value, String> {
        match parse(t, kind) {
            Ok(Some(d)) => {
                let text = d.to_string();
                Ok(match text.parse::<u64>() {
                    Ok(n) if kind == Kind::Count => Value::Number(n.into()),
                    _ => Value::String(text),
                })
            }
            Ok(None) => Ok(text()),
            Err(e) => Err(format!("{column}: {t:?}: {}", e.en())),
        }
    };
    let Some((field, _)) = FieldId::from_path(column) else {
        // Not a field of the table: a provincial item (yes/no or a choice's key),
        // or text (label, province); an unknown column is named by the profile reader.
        return Ok(Some(if column.starts_with("province_items.") {
            flag(t).unwrap_or_else(text)
        } else {
            text()
        }));
    };
    Ok(Some(match field.kind() {
        FieldKind::Flag => flag(t).unwrap_or_else(text),
        FieldKind::Count | FieldKind::Rank | FieldKind::Level | FieldKind::TitleYear => {
            number(Kind::Count)?
        }
        FieldKind::WanYuan => number(Kind::WanYuan)?,
        FieldKind::SignedWanYuan => number(Kind::SignedWanYuan)?,
        FieldKind::Percent => number(Kind::Percent)?,
        FieldKind::Points => number(Kind::Points)?,
        FieldKind::Awards => srdi_engine::json::parse(t).unwrap_or_else(|_| text()),
        FieldKind::Choice | FieldKind::Month => text(),
    }))
}

/// A CSV record's profile, its fields named by the header.
fn csv_profile(header: &[String], rec: &[String]) -> Result<Profile, String> {
    if rec.len() != header.len() {
        return Err(format!(
            "has {} fields, the header has {}",
            rec.len(),
            header.len()
        ));
    }
    let mut obj = Map::new();
    obj.insert("format".into(), Value::String(PROFILE_FORMAT.into()));
    for (h, v) in header.iter().zip(rec) {
        if h == "format" {
            continue;
        }
        if let Some(v) = cell(h, v)? {
            srdi_engine::profile::set_path(&mut obj, h, Some(v))?;
        }
    }
    let text = Value::Object(obj).to_string();
    Profile::from_json(&text).map_err(|e| e.to_string())
}

/// A header that names a column twice is refused, naming both columns (else
/// the later value would silently win).
fn check_header(header: &[String]) -> Result<(), String> {
    // Unnamed columns (a trailing comma) are no field: several may be empty.
    for (i, h) in header.iter().enumerate().filter(|(_, h)| !h.is_empty()) {
        if let Some(j) = header[..i].iter().position(|x| x == h) {
            return Err(format!(
                "the header names {h:?} twice (columns {} and {})",
                j + 1,
                i + 1
            ));
        }
    }
    Ok(())
}

/// How records become profiles: JSON Lines, or CSV with its (trimmed) header.
pub enum Format {
    Jsonl,
    Csv(Vec<String>),
}

impl Format {
    pub fn profile(&self, data: Data) -> Result<Profile, String> {
        match (self, data) {
            (_, Data::Json(line)) => Profile::from_json(&line).map_err(|e| e.to_string()),
            (Format::Csv(header), Data::Csv(rec)) => csv_profile(header, &rec),
            (Format::Jsonl, Data::Csv(rec)) => csv_profile(&[], &rec),
        }
    }
}

enum Records<R> {
    Jsonl(JsonLines<R>),
    Csv(CsvRecords<R>),
}

impl<R: BufRead> Records<R> {
    fn next_record(&mut self) -> Result<Option<Record>, Stop> {
        match self {
            Records::Jsonl(j) => j.next_record(),
            Records::Csv(c) => c.next_record(),
        }
    }
}

/// A batch input being read: its format and the records still to come.
pub struct Input<R> {
    pub format: Format,
    records: Records<R>,
}

impl<R: BufRead> Input<R> {
    pub fn next_record(&mut self) -> Result<Option<Record>, Stop> {
        self.records.next_record()
    }
}

/// CSV from `r` (a byte-order mark already dropped): the header is its first non-blank record.
fn csv_input<R: BufRead>(r: R, first_line: usize, carried: usize) -> Result<Input<R>, Stop> {
    let mut records = CsvRecords::new(r, first_line, carried);
    let header = match records.next_record()? {
        None => Vec::new(),
        Some(Record {
            data: Ok(Data::Csv(h)),
            line,
        }) => {
            let h: Vec<String> = h.iter().map(|h| h.trim().to_string()).collect();
            check_header(&h).map_err(|e| Stop::Input(format!("line {line}: {e}")))?;
            h
        }
        Some(Record { line, data: Err(e) }) => {
            return Err(Stop::Input(format!(
                "line {line}: the header cannot be read: {e}"
            )));
        }
        Some(Record { line, .. }) => {
            return Err(Stop::Input(format!("line {line}: no header")));
        }
    };
    Ok(Input {
        format: Format::Csv(header),
        records: Records::Csv(records),
    })
}

/// Appends the reader's next bytes to `buf`; false at the end of the input.
fn read_more<R: BufRead>(r: &mut R, buf: &mut Vec<u8>) -> Result<bool, Stop> {
    let bytes = fill(r)?;
    let n = bytes.len();
    buf.extend_from_slice(bytes);
    r.consume(n);
    Ok(n > 0)
}

/// A reader with the bytes [`open`] looked at put back in front.
pub type Reread<R> = Chain<Cursor<Vec<u8>>, R>;

/// CSV or JSON Lines, by content: JSON Lines start with `{` (after a byte-order
/// mark and whitespace). Reads only up to the first other character: the lines
/// of whitespace before it are counted and dropped, the rest is read again.
pub fn open<R: BufRead>(mut r: R) -> Result<Input<Reread<R>>, Stop> {
    let mut buf = Vec::new();
    while buf.len() < BOM.len() && read_more(&mut r, &mut buf)? {}
    if buf.starts_with(BOM) {
        buf.drain(..BOM.len());
    }
    // `pos`: whitespace read on the current line; `lines`: whole lines of it dropped;
    // `carried`: bytes of the current line dropped (it is over the limit then).
    // `csv_lines`: the same lines as CSV counts them (a lone CR ends a line too).
    let (mut pos, mut lines, mut carried, mut csv_lines) = (0, 0, 0, 0);
    let lone_crs = |seg: &[u8], next: Option<u8>| {
        let mut n = 0;
        for (i, &b) in seg.iter().enumerate() {
            if b == b'\r' && seg.get(i + 1).copied().or(next) != Some(b'\n') {
                n += 1;
            }
        }
        n
    };
    let first = loop {
        if pos == buf.len() && !read_more(&mut r, &mut buf)? {
            break None;
        }
        let width = match buf[pos] {
            0..=0x7f => 1,
            0xc2..=0xdf => 2,
            0xe0..=0xef => 3,
            0xf0..=0xf4 => 4,
            b => break Some(b),
        };
        while buf.len() < pos + width && read_more(&mut r, &mut buf)? {}
        let c = buf
            .get(pos..pos + width)
            .and_then(|s| std::str::from_utf8(s).ok())
            .and_then(|s| s.chars().next());
        if !c.is_some_and(char::is_whitespace) {
            break Some(buf[pos]);
        }
        pos += width;
        if buf[pos - 1] == b'\n' {
            lines += 1;
            csv_lines += 1 + lone_crs(&buf[..pos], None);
            buf.drain(..pos);
            (pos, carried) = (0, 0);
        } else if pos > MAX_RECORD_BYTES {
            carried += pos;
            csv_lines += lone_crs(&buf[..pos], buf.get(pos).copied());
            buf.drain(..pos);
            pos = 0;
        }
    };
    if first == Some(b'{') {
        let records = JsonLines::new(Cursor::new(buf).chain(r), lines, carried > 0);
        return Ok(Input {
            format: Format::Jsonl,
            records: Records::Jsonl(records),
        });
    }
    // A CSV file may have a second byte-order mark (the CSV reader drops one of its own).
    if lines == 0 && carried == 0 && buf.starts_with(BOM) {
        buf.drain(..BOM.len());
    }
    csv_input(Cursor::new(buf).chain(r), csv_lines + 1, carried)
}

/// Every row of an input, profiles made.
fn rows<R: BufRead>(mut input: Input<R>) -> Result<Vec<Row>, Stop> {
    let mut rows = Vec::new();
    while let Some(rec) = input.next_record()? {
        rows.push(Row {
            line: rec.line,
            profile: rec.data.and_then(|d| input.format.profile(d)),
        });
    }
    Ok(rows)
}

/// Splits CSV text into records of fields (RFC 4180: quotes, doubled quotes,
/// commas and newlines inside quotes, CRLF). Returns each record with the
/// line it starts on.
pub fn parse_csv(text: &str) -> Result<Vec<(usize, Vec<String>)>, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = CsvRecords::new(text.as_bytes(), 1, 0);
    let mut out = Vec::new();
    while let Some(rec) = records.next_record().map_err(|e| e.to_string())? {
        match rec.data {
            Ok(Data::Csv(fields)) => out.push((rec.line, fields)),
            Ok(Data::Json(_)) => {}
            Err(e) => return Err(format!("line {}: {e}", rec.line)),
        }
    }
    Ok(out)
}

/// Reads CSV batch text.
pub fn read_csv(text: &str) -> Result<Vec<Row>, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    csv_input(text.as_bytes(), 1, 0)
        .and_then(rows)
        .map_err(|e| e.to_string())
}

/// Reads JSON Lines batch text; blank lines are skipped.
pub fn read_jsonl(text: &str) -> Vec<Row> {
    let input = Input {
        format: Format::Jsonl,
        records: Records::Jsonl(JsonLines::new(text.as_bytes(), 0, false)),
    };
    // Reading from memory cannot fail, and JSON Lines have no whole-input errors.
    rows(input).unwrap_or_default()
}

/// CSV or JSON Lines, by content: JSON Lines start with `{`.
pub fn read(text: &str) -> Result<Vec<Row>, String> {
    open(text.as_bytes())
        .and_then(rows)
        .map_err(|e| e.to_string())
}

/// What became of one record: its output row, or why it was skipped.
pub struct Outcome {
    pub line: usize,
    pub row: Result<String, String>,
}

fn outcome(
    format: &Format,
    rec: Record,
    work: &impl Fn(usize, &Profile) -> Result<String, String>,
) -> Outcome {
    let line = rec.line;
    Outcome {
        line,
        row: rec
            .data
            .and_then(|d| format.profile(d))
            .and_then(|p| work(line, &p)),
    }
}

/// Up to [`CHUNK_ROWS`] records (or [`CHUNK_BYTES`]), whether more may follow,
/// and the error that ended the input, if one did (after the records before it).
fn next_chunk<R: BufRead>(records: &mut Records<R>) -> (Vec<Record>, bool, Option<Stop>) {
    let mut chunk = Vec::new();
    let mut bytes = 0;
    while chunk.len() < CHUNK_ROWS && bytes < CHUNK_BYTES {
        match records.next_record() {
            Ok(Some(rec)) => {
                bytes += rec.cost();
                chunk.push(rec);
            }
            Ok(None) => return (chunk, false, None),
            Err(e) => return (chunk, false, Some(e)),
        }
    }
    (chunk, true, None)
}

/// Reads every record of `input`, makes its profile and its output row with
/// `work(line, profile)`, and hands each outcome to `emit` in input order.
///
/// An input that fits in one chunk ([`CHUNK_ROWS`] records) is done on this
/// thread, as is every input when `jobs` is 1. Otherwise `jobs` worker threads
/// take chunks in turn, each with at most two in hand, and this thread reads
/// the next chunk and emits the oldest results: at most `2 × jobs + 1` chunks
/// exist at once, whatever the input's size.
pub fn run<R, W, E>(input: &mut Input<R>, jobs: usize, work: &W, emit: &mut E) -> Result<(), Stop>
where
    R: BufRead,
    W: Fn(usize, &Profile) -> Result<String, String> + Sync,
    E: FnMut(Outcome) -> Result<(), String>,
{
    let format = &input.format;
    let records = &mut input.records;
    let (mut chunk, mut more, mut stop) = next_chunk(records);
    if jobs <= 1 || !more {
        loop {
            for rec in chunk {
                emit(outcome(format, rec, work)).map_err(Stop::Emit)?;
            }
            if !more {
                break;
            }
            (chunk, more, stop) = next_chunk(records);
        }
    } else {
        std::thread::scope(|s| -> Result<(), Stop> {
            let mut to_workers = Vec::with_capacity(jobs);
            let mut from_workers = Vec::with_capacity(jobs);
            for _ in 0..jobs {
                let (tx, chunks) = mpsc::channel::<Vec<Record>>();
                let (results, rx) = mpsc::channel::<Vec<Outcome>>();
                s.spawn(move || {
                    for chunk in chunks {
                        let out = chunk.into_iter().map(|r| outcome(format, r, work));
                        if results.send(out.collect()).is_err() {
                            break;
                        }
                    }
                });
                to_workers.push(tx);
                from_workers.push(rx);
            }
            // The worker of each chunk in hand, oldest first; chunks go round in turn.
            let mut in_hand = VecDeque::with_capacity(2 * jobs);
            let mut emit_oldest = |in_hand: &mut VecDeque<usize>| -> Result<(), Stop> {
                let Some(w) = in_hand.pop_front() else {
                    return Ok(());
                };
                let results = from_workers[w].recv().map_err(|_| Stop::Worker)?;
                for o in results {
                    emit(o).map_err(Stop::Emit)?;
                }
                Ok(())
            };
            let mut next = 0;
            loop {
                if in_hand.len() == 2 * jobs {
                    emit_oldest(&mut in_hand)?;
                }
                to_workers[next].send(chunk).map_err(|_| Stop::Worker)?;
                in_hand.push_back(next);
                next = (next + 1) % jobs;
                if !more {
                    break;
                }
                (chunk, more, stop) = next_chunk(records);
            }
            while !in_hand.is_empty() {
                emit_oldest(&mut in_hand)?;
            }
            Ok(())
        })?;
    }
    stop.map_or(Ok(()), Err)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::io::BufReader;

    /// The readers before streaming (the whole text at once), kept as the reference.
    mod whole {
        use super::super::{Row, check_header, csv_profile};
        use srdi_engine::Profile;

        pub fn parse_csv(text: &str) -> Result<Vec<(usize, Vec<String>)>, String> {
            records(text)
                .into_iter()
                .map(|(line, r)| {
                    r.map(|r| (line, r))
                        .map_err(|e| format!("line {line}: {e}"))
                })
                .collect()
        }

        type Records = Vec<(usize, Result<Vec<String>, String>)>;

        /// Every record, or why it is not read; a quote never closed fails its record,
        /// and the text after the quoted field's first line break is read again.
        fn records(text: &str) -> Records {
            let text = text.strip_prefix('\u{feff}').unwrap_or(text);
            let mut records = Vec::new();
            let (mut from, mut line) = (0, 1);
            loop {
                let (mut done, again) = from_here(&text[from..], line);
                records.append(&mut done);
                match again {
                    Some((at, l)) => (from, line) = (from + at, l),
                    None => break,
                }
            }
            records.retain(|(_, r)| !matches!(r, Ok(r) if r.len() == 1 && r[0].trim().is_empty()));
            records
        }

        /// The records of `text` (starting on `line`) up to a quote that never closes,
        /// and where to read again then: the byte of the quoted field's first line break,
        /// and the line it ends.
        #[allow(clippy::type_complexity)]
        fn from_here(text: &str, mut line: usize) -> (Records, Option<(usize, usize)>) {
            let mut records = Vec::new();
            let mut field = String::new();
            let mut record = Vec::new();
            let mut in_quotes = false;
            let mut first_break = None;
            let mut start = line;
            let mut chars = text.char_indices().peekable();
            while let Some((i, c)) = chars.next() {
                if in_quotes {
                    if first_break.is_none() && (c == '\n' || c == '\r') {
                        first_break = Some((i, line));
                    }
                    match c {
                        '"' if chars.peek().map(|p| p.1) == Some('"') => {
                            chars.next();
                            field.push('"');
                        }
                        '"' => in_quotes = false,
                        '\n' => {
                            line += 1;
                            field.push('\n');
                        }
                        _ => field.push(c),
                    }
                    continue;
                }
                match c {
                    '"' if field.is_empty() => {
                        in_quotes = true;
                        first_break = None;
                    }
                    ',' => record.push(std::mem::take(&mut field)),
                    '\r' if chars.peek().map(|p| p.1) == Some('\n') => {}
                    '\r' | '\n' => {
                        record.push(std::mem::take(&mut field));
                        records.push((start, Ok(std::mem::take(&mut record))));
                        line += 1;
                        start = line;
                    }
                    _ => field.push(c),
                }
            }
            if in_quotes {
                records.push((start, Err(super::super::UNCLOSED.to_string())));
                return (records, first_break);
            }
            if !field.is_empty() || !record.is_empty() {
                record.push(field);
                records.push((start, Ok(record)));
            }
            (records, None)
        }

        pub fn read(text: &str) -> Result<Vec<Row>, String> {
            let body = text.strip_prefix('\u{feff}').unwrap_or(text);
            if body.trim_start().starts_with('{') {
                return Ok(body
                    .lines()
                    .enumerate()
                    .filter(|(_, l)| !l.trim().is_empty())
                    .map(|(i, l)| Row {
                        line: i + 1,
                        profile: Profile::from_json(l).map_err(|e| e.to_string()),
                    })
                    .collect());
            }
            let mut records = records(body).into_iter();
            let Some((at, header)) = records.next() else {
                return Ok(Vec::new());
            };
            let header =
                header.map_err(|e| format!("line {at}: the header cannot be read: {e}"))?;
            let header: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
            check_header(&header).map_err(|e| format!("line {at}: {e}"))?;
            Ok(records
                .map(|(line, rec)| Row {
                    line,
                    profile: rec.and_then(|rec| csv_profile(&header, &rec)),
                })
                .collect())
        }
    }

    type Rows = Result<Vec<(usize, Result<Profile, String>)>, String>;

    fn plain(rows: Result<Vec<Row>, String>) -> Rows {
        rows.map(|rows| rows.into_iter().map(|r| (r.line, r.profile)).collect())
    }

    /// Reads `text` as a stream whose reads return at most `cap` bytes.
    fn streamed(text: &str, cap: usize) -> Rows {
        plain(
            open(BufReader::with_capacity(cap, text.as_bytes()))
                .and_then(rows)
                .map_err(|e| e.to_string()),
        )
    }

    fn profile_line(label: &str, employees: u32) -> String {
        format!(
            "{{\"format\":\"srdi-profile/1\",\"label\":\"{label}\",\"industry\":\"industry\",\"staff\":{{\"employees\":{employees}}}}}"
        )
    }

    /// `run` with a `work` that shows the line and the label.
    fn run_all(text: &str, jobs: usize) -> Vec<(usize, Result<String, String>)> {
        let mut outcomes = Vec::new();
        let Ok(mut input) = open(text.as_bytes()) else {
            return outcomes;
        };
        let work = |line: usize, p: &Profile| {
            Ok(format!("{line}:{}", p.label.clone().unwrap_or_default()))
        };
        let done = run(&mut input, jobs, &work, &mut |o: Outcome| {
            outcomes.push((o.line, o.row));
            Ok(())
        });
        assert!(done.is_ok());
        outcomes
    }

    /// Text made of the characters that matter to the readers.
    fn batchy() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("\""),
                Just(","),
                Just("\n"),
                Just("\r"),
                Just("\r\n"),
                Just(" "),
                Just("{"),
                Just("}"),
                Just("a"),
                Just("label"),
                Just("staff.employees"),
                Just("12"),
                Just("\u{feff}"),
                Just("\u{3000}"),
                Just("甲"),
                Just("{\"format\":\"srdi-profile/1\"}"),
            ],
            0..40,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

        /// Any text: read as CSV or JSON Lines, every row either loads or says why, with its line.
        #[test]
        fn any_batch_text_gives_rows_or_an_error(text in "(?s).{0,300}") {
            if let Ok(rows) = read(&text) {
                for r in rows {
                    prop_assert!(r.line >= 1);
                    if let Err(e) = r.profile {
                        prop_assert!(!e.is_empty());
                    }
                }
            }
        }

        /// CSV built from real column names and odd cells.
        #[test]
        fn odd_cells_never_panic(cells in proptest::collection::vec("[0-9,.亿万元¥\\-]{0,8}|true|是|\\[\\]|<script>|1e400|NaN|", 4)) {
            let csv = format!("label,staff.employees,years.2025.revenue,awards\nx,{},{},{}\n", cells[0], cells[1], cells[2]);
            let rows = read_csv(&csv);
            prop_assert!(rows.is_ok());
        }

        /// Streaming reads what the whole-text readers read: the same records, rows, lines and errors.
        #[test]
        fn streaming_reads_what_the_whole_text_readers_read(text in batchy(), any in "(?s).{0,200}") {
            for t in [&text, &any] {
                prop_assert_eq!(parse_csv(t), whole::parse_csv(t));
                prop_assert_eq!(plain(read(t)), plain(whole::read(t)));
            }
        }

        /// However the input is split into reads, the rows are the same.
        #[test]
        fn any_read_size_gives_the_same_rows(text in batchy(), cap in 1usize..9) {
            prop_assert_eq!(streamed(&text, cap), plain(read(&text)));
        }
    }

    #[test]
    fn csv_handles_quotes_bom_and_crlf() {
        let recs = parse_csv("\u{feff}a,b\r\n\"x, \"\"y\"\"\",2\r\n").unwrap();
        assert_eq!(
            recs,
            vec![
                (1, vec!["a".into(), "b".into()]),
                (2, vec!["x, \"y\"".into(), "2".into()])
            ]
        );
        assert!(parse_csv("a\n\"open").is_err());
    }

    #[test]
    fn old_mac_line_endings_are_line_endings() {
        // CR alone ends a line, outside quotes; inside quotes it stays in the field.
        let text = "label,industry,staff.employees\rA,industry,120\r\"B\rC\",retail,5\r";
        let rows = streamed(text, 3).unwrap_or_else(|e| panic!("{e}"));
        let lines: Vec<usize> = rows.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [2, 3]);
        assert!(rows.iter().all(|(_, p)| p.is_ok()), "{rows:?}");
        assert_eq!(plain(read(text)), streamed(text, 64));
    }

    #[test]
    fn a_quoted_newline_across_a_read_boundary_stays_in_its_record() {
        let csv = "label,staff.employees\n\"甲\r\n公司, \"\"新\"\"\",12\nB,3\n";
        let want = plain(read(csv));
        let Ok(rows) = &want else {
            panic!("the CSV reads: {want:?}");
        };
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].0, 2);
        let label = rows[0].1.as_ref().ok().and_then(|p| p.label.clone());
        assert_eq!(label.as_deref(), Some("甲\r\n公司, \"新\""));
        assert_eq!(
            rows[1].0, 4,
            "B starts on line 4: the quoted newline counts"
        );
        // Every split of the input between reads, including inside "\r\n", `""` and 甲.
        for cap in 1..csv.len() {
            assert_eq!(streamed(csv, cap), want, "reads of {cap} bytes");
        }
    }

    #[test]
    fn a_bad_row_is_reported_and_the_rest_read() {
        let csv = "label,industry,staff.employees,years.2025.revenue\nA,industry,120,3000\nB,spaceships,5,1\nC,retail,,\n";
        let rows = read_csv(csv).unwrap();
        assert_eq!(rows.len(), 3);
        assert!(rows[0].profile.is_ok());
        assert_eq!(rows[1].line, 3);
        assert!(
            rows[1]
                .profile
                .as_ref()
                .err()
                .is_some_and(|e| e.contains("spaceships"))
        );
        let c = rows[2].profile.as_ref().unwrap();
        assert_eq!(c.staff.employees, None);
    }

    #[test]
    fn a_record_over_the_limit_is_refused_with_its_line_and_the_next_one_read() {
        let long = "x".repeat(MAX_RECORD_BYTES + 10);
        let jsonl = format!(
            "{}\n{{\"format\":\"srdi-profile/1\",\"label\":\"{long}\"}}\n{}\n",
            profile_line("A", 5),
            profile_line("C", 7)
        );
        let rows = read(&jsonl).unwrap_or_default();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1].line, 2);
        assert!(rows[1].profile.as_ref().is_err_and(|e| e.contains("1 MiB")));
        assert!(rows[2].profile.is_ok());

        let csv = format!("label,staff.employees\nA,1\n\"{long}\n\",2\nC,3\n");
        let rows = read(&csv).unwrap_or_default();
        let lines: Vec<usize> = rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 3, 5]);
        assert!(rows[1].profile.as_ref().is_err_and(|e| e.contains("1 MiB")));
        assert!(rows[2].profile.is_ok());
    }

    #[test]
    fn a_quote_open_past_the_record_limit_fails_its_row_and_the_rest_is_read() {
        // A stray `"` in row 3 of a long file: the open field would swallow every row
        // after it. Past the 1 MiB limit it is taken as unclosed, and the rows after
        // its line are read again, in every read size.
        let mut csv = String::from("label,staff.employees\nA,1\n\"B,2\n");
        let mut n = 0;
        while csv.len() < MAX_RECORD_BYTES + 4096 {
            n += 1;
            csv.push_str(&format!("firm {n},{}\n", n % 90));
        }
        for cap in [1000, 64 * 1024] {
            let Ok(rows) = streamed(&csv, cap) else {
                panic!("the CSV reads");
            };
            assert_eq!(rows.len(), n + 2, "reads of {cap} bytes");
            assert_eq!(rows[1].0, 3);
            assert!(rows[1].1.as_ref().is_err_and(|e| e.contains("not closed")));
            assert_eq!(rows[2].0, 4);
            assert_eq!(
                rows[2]
                    .1
                    .as_ref()
                    .ok()
                    .and_then(|p| p.label.clone())
                    .as_deref(),
                Some("firm 1")
            );
            assert!(rows[2..].iter().all(|(_, p)| p.is_ok()));
            assert_eq!(rows[n + 1].0, n + 3);
        }
    }

    #[test]
    fn a_line_that_is_not_utf8_is_skipped_and_the_rest_read() {
        let mut bytes = profile_line("A", 5).into_bytes();
        bytes.extend_from_slice(b"\n{\"label\":\"\xff\"}\n");
        bytes.extend_from_slice(profile_line("C", 7).as_bytes());
        let Ok(input) = open(bytes.as_slice()) else {
            panic!("JSON Lines open");
        };
        let rows = rows(input).unwrap_or_default();
        assert_eq!(rows.len(), 3);
        assert!(rows[1].profile.as_ref().is_err_and(|e| e.contains("UTF-8")));
        assert!(rows[2].profile.is_ok());
    }

    #[test]
    fn the_parallel_run_gives_the_sequential_output_in_input_order() {
        let mut text = String::from("\n");
        for i in 0..(CHUNK_ROWS * 5 + 17) {
            if i == CHUNK_ROWS * 2 + 3 {
                text.push_str("{broken\n\n");
            }
            text.push_str(&profile_line(&format!("firm {i}"), 1 + i as u32 % 300));
            text.push('\n');
        }
        let one = run_all(&text, 1);
        assert_eq!(one.len(), CHUNK_ROWS * 5 + 18);
        assert_eq!(one[0], (2, Ok("2:firm 0".to_string())));
        let bad = CHUNK_ROWS * 2 + 3;
        assert_eq!(one[bad].0, bad + 2);
        assert!(
            one[bad]
                .1
                .as_ref()
                .is_err_and(|e| e.contains("not valid JSON"))
        );
        assert_eq!(one[bad + 1].0, bad + 4, "the blank line after it counts");
        for jobs in [2, 3, 8] {
            assert_eq!(run_all(&text, jobs), one, "{jobs} threads");
        }
    }

    #[test]
    fn an_error_from_emit_stops_the_run() {
        let text: String = (0..CHUNK_ROWS * 4)
            .map(|i| profile_line("x", i as u32 + 1) + "\n")
            .collect();
        for jobs in [1, 2] {
            let Ok(mut input) = open(text.as_bytes()) else {
                panic!("opens");
            };
            let mut seen = 0;
            let done = run(
                &mut input,
                jobs,
                &|_, _: &Profile| Ok(String::new()),
                &mut |_| {
                    seen += 1;
                    if seen == 300 {
                        Err("full".into())
                    } else {
                        Ok(())
                    }
                },
            );
            assert!(matches!(done, Err(Stop::Emit(ref e)) if e == "full"));
            assert_eq!(seen, 300);
        }
    }
}
