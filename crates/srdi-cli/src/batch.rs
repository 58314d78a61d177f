//! Batch input: CSV (one enterprise per row, columns named by profile paths)
//! or JSON Lines (one `srdi-profile/1` object per line). A bad row is
//! reported with its line number and skipped; the run goes on.

use srdi_engine::json::{Map, Value};
use srdi_engine::{PROFILE_FORMAT, Profile};

/// One parsed row: its line number and the profile or the reason it was refused.
pub struct Row {
    pub line: usize,
    pub profile: Result<Profile, String>,
}

/// Splits CSV text into records of fields (RFC 4180: quotes, doubled quotes,
/// commas and newlines inside quotes, CRLF). Returns each record with the
/// line it starts on.
pub fn parse_csv(text: &str) -> Result<Vec<(usize, Vec<String>)>, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let mut field = String::new();
    let mut record = Vec::new();
    let mut in_quotes = false;
    let mut line = 1;
    let mut start = 1;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
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
            '"' if field.is_empty() => in_quotes = true,
            ',' => record.push(std::mem::take(&mut field)),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                record.push(std::mem::take(&mut field));
                records.push((start, std::mem::take(&mut record)));
                line += 1;
                start = line;
            }
            _ => field.push(c),
        }
    }
    if in_quotes {
        return Err(format!("line {start}: a quoted field is not closed"));
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push((start, record));
    }
    records.retain(|(_, r)| !(r.len() == 1 && r[0].trim().is_empty()));
    Ok(records)
}

/// A cell's JSON value: empty = unknown (left out), true/false, whole numbers
/// as numbers (counts), a JSON list as itself (`awards`: `[]` for none),
/// anything else as text (amounts stay exact decimals).
fn cell(s: &str) -> Option<Value> {
    let t = s.trim();
    if t.is_empty() {
        return None;
    }
    // A list (e.g. `awards`) is written as JSON inside the cell: `[]` for none.
    if t.starts_with('[')
        && let Ok(v) = srdi_engine::json::parse(t)
    {
        return Some(v);
    }
    match t {
        "true" | "TRUE" | "是" => return Some(Value::Bool(true)),
        "false" | "FALSE" | "否" => return Some(Value::Bool(false)),
        _ => {}
    }
    // Numbers as people type them in spreadsheets: 1,234.5, ３０００, ¥1.5亿.
    // Whole numbers become JSON numbers (counts take them, amounts too);
    // other text goes through unchanged and the profile reader says what is wrong.
    if let Ok(Some(d)) = srdi_engine::input::parse(t, srdi_engine::input::Kind::SignedWanYuan) {
        let text = d.to_string();
        return Some(match text.parse::<u64>() {
            Ok(n) => Value::Number(n.into()),
            Err(_) => Value::String(text),
        });
    }
    Some(Value::String(t.to_string()))
}

/// Reads CSV batch text.
pub fn read_csv(text: &str) -> Result<Vec<Row>, String> {
    let mut records = parse_csv(text)?.into_iter();
    let Some((_, header)) = records.next() else {
        return Ok(Vec::new());
    };
    let header: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
    let mut rows = Vec::new();
    for (line, rec) in records {
        let profile = (|| {
            if rec.len() != header.len() {
                return Err(format!(
                    "has {} fields, the header has {}",
                    rec.len(),
                    header.len()
                ));
            }
            let mut obj = Map::new();
            obj.insert("format".into(), Value::String(PROFILE_FORMAT.into()));
            for (h, v) in header.iter().zip(&rec) {
                if h == "format" {
                    continue;
                }
                if let Some(v) = cell(v) {
                    srdi_engine::profile::set_path(&mut obj, h, Some(v))?;
                }
            }
            let text = Value::Object(obj).to_string();
            Profile::from_json(&text).map_err(|e| e.to_string())
        })();
        rows.push(Row { line, profile });
    }
    Ok(rows)
}

/// Reads JSON Lines batch text; blank lines are skipped.
pub fn read_jsonl(text: &str) -> Vec<Row> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| Row {
            line: i + 1,
            profile: Profile::from_json(l).map_err(|e| e.to_string()),
        })
        .collect()
}

/// CSV or JSON Lines, by content: JSON Lines start with `{`.
pub fn read(text: &str) -> Result<Vec<Row>, String> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    if body.trim_start().starts_with('{') {
        Ok(read_jsonl(body))
    } else {
        read_csv(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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
}
