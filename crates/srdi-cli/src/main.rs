//! `srdi`: the SRDI Check rule engine on the command line.
//!
//! ```text
//! srdi assess FILE|-   [options]   result JSON (or --format text)
//! srdi batch FILE      [options]   CSV or JSON Lines in, one summary row per enterprise out
//! srdi rules           [--format text|json]   every rule with its citation
//! ```
//! Options: --rules auto|VERSION (a version the rule files carry, e.g. 2022, 2026), --path new|review|TIER=new|review (repeatable),
//! --province NAME,
//! --date YYYY-MM-DD (default: today), --growth mean|cagr, --pack FILE, --amend FILE (repeatable),
//! --format json|text (assess), csv|jsonl (batch), --lang zh|en (text), --jobs N (batch).

/// mimalloc instead of the system allocator: an assessment makes and frees a
/// few hundred small blocks, and `srdi batch` does that on every core.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

use srdi_cli::batch;
mod text;

use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::process::ExitCode;

use srdi_engine::profile::MAX_PROFILE_BYTES;
use srdi_engine::rules::{ApplicantPath, RuleBook};
use srdi_engine::{Date, GrowthFormula, Options, Profile, RulesChoice, assess};

const USAGE: &str = "\
usage:
  srdi assess FILE|- [--format json|text] [options]
  srdi batch FILE|- [--format csv|jsonl] [--jobs N] [options]
  srdi rules [--format text|json]
  srdi digital FILE|- [--format text|json] [--lang zh|en]
                           the 数字化水平 self-test's estimate from a profile's
                           digital_selftest answers (2024, manufacturing; not official)
options:
  --rules auto|VERSION     rule version: auto (default, by date and path) or a version
                           the rule files carry (2022, 2026, …; `srdi rules` lists them)
  --path new|review        every tier as a new application (新申报) or re-review (复核);
                           default: per tier, 复核 when the firm holds that tier's title
  --path TIER=new|review   one tier's path (wins over the above); repeatable or
                           comma-separated, e.g. --path specialized_sme=review,little_giant=new
                           TIER: innovative_sme tech_sme specialized_sme little_giant single_champion
  --province NAME          province for pass marks and 特色化 packs (e.g. 四川)
  --date YYYY-MM-DD        assessment date (default: today)
  --growth mean|cagr       formula for 近2年主营业务收入平均增长率 (default: mean)
  --pack FILE              load a provincial pack (srdi-pack/2, or /1); repeatable
  --amend FILE             load a dated amendment (srdi-amend/1); repeatable
  --lang zh|en             language of --format text and of batch's reasons and missing
                           columns (default: zh)
  --jobs N                 batch: threads for a large input (default: every core)
  --no-bom                 batch CSV without the UTF-8 byte-order mark (by default the
                           file starts with one, so that Excel and WPS read Chinese right)";

struct Args {
    command: String,
    input: Option<String>,
    format: Option<String>,
    lang: String,
    opts: Options,
    packs: Vec<String>,
    jobs: Option<usize>,
    amendments: Vec<String>,
    /// `--no-bom`: batch CSV without the UTF-8 byte-order mark.
    no_bom: bool,
    /// `--rules` as given: checked against the versions once the rules are loaded.
    rules: String,
}

fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    let fallback = Date {
        year: 2026,
        month: 1,
        day: 1,
    };
    Date::new(
        i32::try_from(y).unwrap_or(2026),
        u32::try_from(m).unwrap_or(1),
        u32::try_from(d).unwrap_or(1),
    )
    .unwrap_or(fallback)
}

fn parse_args(argv: &[String]) -> Result<Args, String> {
    let mut it = argv.iter().skip(1);
    let command = it.next().ok_or("no command given")?.clone();
    if matches!(command.as_str(), "-h" | "--help" | "help") {
        return Err(String::new());
    }
    let mut a = Args {
        command,
        input: None,
        format: None,
        lang: "zh".into(),
        opts: Options::new(today()),
        packs: Vec::new(),
        jobs: None,
        amendments: Vec::new(),
        no_bom: false,
        rules: "auto".into(),
    };
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().cloned().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--rules" => a.rules = value("--rules")?,
            "--path" => parse_path(&value("--path")?, &mut a.opts)?,
            "--province" => a.opts.province = Some(value("--province")?),
            "--date" => {
                let v = value("--date")?;
                a.opts.date =
                    Date::parse(&v).ok_or(format!("--date takes YYYY-MM-DD, not {v:?}"))?;
            }
            "--growth" => {
                a.opts.growth = match value("--growth")?.as_str() {
                    "mean" => GrowthFormula::Mean,
                    "cagr" => GrowthFormula::Cagr,
                    v => return Err(format!("--growth takes mean or cagr, not {v:?}")),
                }
            }
            "--format" => a.format = Some(value("--format")?),
            "--lang" => {
                a.lang = value("--lang")?;
                if a.lang != "zh" && a.lang != "en" {
                    return Err(format!("--lang takes zh or en, not {:?}", a.lang));
                }
            }
            "--pack" => a.packs.push(value("--pack")?),
            "--jobs" => {
                let v = value("--jobs")?;
                let n = v.parse::<usize>().ok().filter(|n| *n > 0);
                a.jobs = Some(n.ok_or(format!("--jobs takes a number, 1 or more, not {v:?}"))?);
            }
            "--amend" => a.amendments.push(value("--amend")?),
            "--no-bom" => a.no_bom = true,
            "-h" | "--help" => return Err(String::new()),
            s if s.starts_with("--") => return Err(format!("unknown option {s}")),
            s => {
                if a.input.replace(s.to_string()).is_some() {
                    return Err(format!("more than one input file ({s})"));
                }
            }
        }
    }
    Ok(a)
}

/// `--path new|review` for every tier, or `TIER=new|review[,TIER=…]` for some.
fn parse_path(v: &str, opts: &mut Options) -> Result<(), String> {
    let path = |p: &str| match p.trim() {
        "new" => Ok(ApplicantPath::New),
        "review" => Ok(ApplicantPath::Review),
        p => Err(format!(
            "--path takes new or review (or TIER=new|review), not {p:?}"
        )),
    };
    if !v.contains('=') {
        opts.path = Some(path(v)?);
        return Ok(());
    }
    for part in v.split(',').filter(|s| !s.trim().is_empty()) {
        let (tier, p) = part
            .split_once('=')
            .ok_or(format!("--path: {part:?} is not TIER=new|review"))?;
        let tier = tier.trim();
        let Some(tier) =
            srdi_engine::Tier::from_key(tier).filter(|t| *t != srdi_engine::Tier::SmeSize)
        else {
            return Err(format!(
                "--path: unknown tier {tier:?} (innovative_sme, tech_sme, specialized_sme, little_giant or single_champion)"
            ));
        };
        opts.paths.push((tier, path(p)?));
    }
    Ok(())
}

/// The largest pack or amendment file read (a pack of the largest province is about 50 KB).
const MAX_RULE_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// A whole input file (or standard input) as text, read no further than `limit` bytes: a
/// larger input is refused after `limit + 1` bytes, never read to its end. A UTF-8 byte-order
/// mark is dropped; bytes that are not UTF-8 are an error naming where, never replaced.
fn read_input(path: &str, limit: u64) -> Result<String, String> {
    let mut bytes = Vec::new();
    let read = if path == "-" {
        std::io::stdin()
            .lock()
            .take(limit + 1)
            .read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
    };
    let name = if path == "-" { "standard input" } else { path };
    read.map_err(|e| format!("cannot read {name}: {e}"))?;
    if bytes.len() as u64 > limit {
        return Err(format!("{name} is over {limit} bytes: refused"));
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    String::from_utf8(body.to_vec()).map_err(|e| {
        format!(
            "{name} is not UTF-8 text (at byte {}); save it as UTF-8",
            e.utf8_error().valid_up_to()
        )
    })
}

/// Refuses a profile whose figures cannot all be true (a part over its whole, a month
/// after the assessment date), naming each.
fn consistent(p: &Profile, opts: &Options) -> Result<(), String> {
    let found = srdi_engine::conflicts::conflicts(p, opts.date);
    if found.is_empty() {
        return Ok(());
    }
    Err(found
        .iter()
        .map(|c| format!("{}: {}", c.path(), c.message(false)))
        .collect::<Vec<_>>()
        .join("; "))
}

/// The built-in rules with the `--amend` and `--pack` files, validated; and
/// `--rules` read against the versions they carry.
fn book(a: &mut Args) -> Result<RuleBook, String> {
    let mut book = RuleBook::embedded().map_err(|e| format!("built-in rules are invalid: {e}"))?;
    for p in &a.amendments {
        let text = read_input(p, MAX_RULE_FILE_BYTES)?;
        book.add_amendment(p, &text).map_err(|e| e.to_string())?;
    }
    for p in &a.packs {
        let text = read_input(p, MAX_RULE_FILE_BYTES)?;
        // A pack for a province the book already has a pack for replaces it, and says so.
        for old in book.replace_pack(p, &text).map_err(|e| e.to_string())? {
            eprintln!("srdi: {p} replaces the built-in pack {old}");
        }
    }
    book.validate().map_err(|e| e.to_string())?;
    a.opts.rules = RulesChoice::parse(&a.rules, &book).map_err(|e| format!("--rules: {e}"))?;
    Ok(book)
}

/// Exit status: every row (or the one profile) assessed.
const EXIT_OK: u8 = 0;
/// Exit status: `batch` ran to the end but skipped rows it could not read (each named on stderr).
const EXIT_SKIPPED: u8 = 1;
/// Exit status: nothing assessed: a usage error, an unreadable input, a bad profile or rule file.
const EXIT_ERROR: u8 = 2;

fn run(argv: &[String]) -> Result<u8, String> {
    let mut a = parse_args(argv).map_err(|e| {
        if e.is_empty() {
            e
        } else {
            format!("{e}\n{USAGE}")
        }
    })?;
    let mut out = std::io::stdout().lock();
    let w = |out: &mut std::io::StdoutLock<'_>, s: &str| -> Result<(), String> {
        out.write_all(s.as_bytes())
            .map_err(|e| format!("cannot write output: {e}"))
    };
    match a.command.as_str() {
        "assess" => {
            let (input, profile) = read_profile(&a, "assess")?;
            let input = input.as_str();
            consistent(&profile, &a.opts).map_err(|e| format!("{input}: {e}"))?;
            let book = book(&mut a)?;
            let result = assess(&book, &profile, &a.opts);
            match a.format.as_deref().unwrap_or("json") {
                "json" => w(&mut out, &(result.to_json() + "\n")),
                "text" => w(&mut out, &text::assessment(&result, &book, &a.lang)),
                f => Err(format!("assess --format takes json or text, not {f:?}")),
            }
            .map(|()| EXIT_OK)
        }
        "batch" => {
            let book = book(&mut a)?;
            let input = a
                .input
                .as_deref()
                .ok_or("batch needs a CSV or JSON Lines file")?;
            let skipped = batch_command(input, &a, &book, &mut out)?;
            Ok(if skipped > 0 { EXIT_SKIPPED } else { EXIT_OK })
        }
        "rules" => {
            let book = book(&mut a)?;
            match a.format.as_deref().unwrap_or("text") {
                "text" => w(&mut out, &text::rules(&book)),
                "json" => {
                    let all = serde_json::json!({ "rules": book.files, "amendments": book.amendments, "packs": book.packs });
                    w(
                        &mut out,
                        &(serde_json::to_string_pretty(&all).unwrap_or_default() + "\n"),
                    )
                }
                f => Err(format!("rules --format takes text or json, not {f:?}")),
            }
            .map(|()| EXIT_OK)
        }
        "digital" => {
            let (input, profile) = read_profile(&a, "digital")?;
            let book = book(&mut a)?;
            let format = a.format.as_deref().unwrap_or("text");
            let text = digital_command(&profile, &book, a.opts.date, format, words_lang(&a))
                .map_err(|e| format!("{input}: {e}"))?;
            w(&mut out, &text).map(|()| EXIT_OK)
        }
        c => Err(format!("unknown command {c:?}")),
    }
}

/// The profile named by the command's input (a file, or - for standard input), read strictly.
fn read_profile(a: &Args, command: &str) -> Result<(String, Profile), String> {
    let input = a
        .input
        .clone()
        .ok_or_else(|| format!("{command} needs a profile file, or - for standard input"))?;
    let profile = Profile::from_json(&read_input(&input, MAX_PROFILE_BYTES as u64)?)
        .map_err(|e| format!("{input}: {e}"))?;
    Ok((input, profile))
}

/// The language of the words: `--lang`.
fn words_lang(a: &Args) -> srdi_words::Lang {
    if a.lang == "en" {
        srdi_words::Lang::En
    } else {
        srdi_words::Lang::Zh
    }
}

/// `srdi digital`: the self-test's estimate from the profile's answers, as text or JSON. Only
/// the 2024 manufacturing questionnaire is known: a firm of another industry gets no estimate,
/// only the advice to take the platform's test.
fn digital_command(
    profile: &Profile,
    book: &RuleBook,
    date: Date,
    format: &str,
    lang: srdi_words::Lang,
) -> Result<String, String> {
    use srdi_engine::digital::{Raise, Reading};
    use srdi_words::digital as words;
    if format != "text" && format != "json" {
        return Err(format!(
            "digital --format takes text or json, not {format:?}"
        ));
    }
    let answers = profile.digital_selftest.clone().unwrap_or_default();
    let platform = profile.quality.digital_level;
    let Some(q) = book.selftest_questionnaire(profile, date) else {
        let why = lang.pick(
            "数字化水平自测估算只有2024年版制造业评测表（2024年9月4日起）；其他行业请以平台评测结果为准（zjtx.miit.gov.cn）。",
            "The estimate exists for the 2024 manufacturing questionnaire only (from 2024-09-04); other industries: take the platform's test (zjtx.miit.gov.cn).",
        );
        return Ok(match format {
            "json" => serde_json::json!({ "questionnaire": null, "estimate": null, "platform_level": platform, "why": why }).to_string() + "\n",
            _ => format!("{why}\n"),
        });
    };
    let e = q
        .estimate(&answers)
        .map_err(|e| format!("digital_selftest: {e}"))?;
    let plans = q
        .raise(&answers)
        .map_err(|e| format!("digital_selftest: {e}"))?;
    if format == "text" {
        let mut lines = words::estimate(q, &e, platform, lang);
        lines.extend(plans.iter().map(|p| words::raise(q, p, lang)));
        return Ok(lines.join("\n") + "\n");
    }
    let reading = |r: Reading| match r {
        Reading::Score => "score",
        Reading::Scenes => "scenes",
    };
    let step = |s: &Raise| match s {
        Raise::Question { id, from, to, gain } => {
            serde_json::json!({ "question": id.to_string(), "from": from, "to": to, "gain": words::points(*gain) })
        }
        Raise::Scene { id, from, to } => {
            serde_json::json!({ "scene": id.to_string(), "from": from, "to": to })
        }
    };
    let v = serde_json::json!({
        "questionnaire": q.id.to_string(),
        "estimate": {
            "dimensions": e.dimensions.iter().map(|d| serde_json::json!({ "id": d.id.to_string(), "points": words::points(d.points), "open": words::points(d.open), "max": words::points(d.max) })).collect::<Vec<_>>(),
            "total": words::points(e.total),
            "open": words::points(e.open),
            "level_by_score": e.by_score,
            "level_by_scenes": e.by_scenes,
            "scenes_missing": e.scenes_missing,
        },
        "raise": plans.iter().map(|p| serde_json::json!({ "reading": reading(p.reading), "to_level": p.to_level, "steps": p.steps.iter().map(step).collect::<Vec<_>>() })).collect::<Vec<_>>(),
        "platform_level": platform,
    });
    Ok(serde_json::to_string_pretty(&v).unwrap_or_default() + "\n")
}

/// `srdi batch`: reads, assesses and writes one record at a time (see `batch::run`);
/// the number of rows skipped.
fn batch_command(
    input: &str,
    a: &Args,
    book: &RuleBook,
    out: &mut impl Write,
) -> Result<usize, String> {
    let source: Box<dyn BufRead> = if input == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        let file = std::fs::File::open(input).map_err(|e| format!("cannot read {input}: {e}"))?;
        Box::new(BufReader::with_capacity(1 << 16, file))
    };
    let stopped = |e: batch::Stop| match e {
        batch::Stop::Read(e) => format!("cannot read {input}: {e}"),
        batch::Stop::Emit(e) => e,
        e => format!("{input}: {e}"),
    };
    let mut rows = batch::open(source).map_err(stopped)?;
    let format = a.format.as_deref().unwrap_or("csv");
    if format != "csv" && format != "jsonl" {
        return Err(format!("batch --format takes csv or jsonl, not {format:?}"));
    }
    let csv = format == "csv";
    let jobs = a.jobs.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    let mut out = BufWriter::with_capacity(1 << 16, out);
    let write_err = |e: std::io::Error| format!("cannot write output: {e}");
    if csv {
        // A byte-order mark first, so that Excel opens the file as UTF-8 (Chinese intact).
        let bom = if a.no_bom { "" } else { "\u{feff}" };
        writeln!(out, "{bom}{}", text::SUMMARY_HEADER).map_err(write_err)?;
    }
    let lang = words_lang(a);
    let work = |line: usize, p: &Profile| {
        // Figures that cannot all be true are refused, never scored.
        consistent(p, &a.opts)?;
        let r = assess(book, p, &a.opts);
        Ok(if csv {
            text::summary_csv(line, p, &r, book, lang)
        } else {
            text::summary_json(line, p, &r, book, lang)
        })
    };
    let (mut ok, mut bad) = (0usize, 0usize);
    let done = batch::run(&mut rows, jobs, &work, &mut |o: batch::Outcome| {
        match o.row {
            Ok(row) => {
                ok += 1;
                writeln!(out, "{row}").map_err(write_err)
            }
            Err(e) => {
                bad += 1;
                // Rows before this one first, as when the two streams share a file.
                out.flush().map_err(write_err)?;
                eprintln!("{input}: line {}: skipped: {e}", o.line);
                Ok(())
            }
        }
    });
    out.flush().map_err(write_err)?;
    done.map_err(stopped)?;
    eprintln!("{ok} assessed, {bad} skipped");
    Ok(bad)
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().collect();
    match run(&argv) {
        Ok(code) => ExitCode::from(code),
        Err(e) if e.is_empty() => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("srdi: {e}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}
