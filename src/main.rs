//! The command line: maps arguments onto the library and sets the exit code.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};

use odplan::output::{self, Formats};

/// Open data plan PDFs and text → normalised records (CSV, JSON, JSON Lines).
#[derive(Debug, Parser)]
#[command(name = "odplan", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Extract the dataset records of plans (PDF or text files, or folders of them).
    Extract(ExtractArgs),
    /// Print the text of a PDF, page by page (form feed between pages).
    Text(TextArgs),
    /// Merge the records of many runs into one catalogue, one dataset per line.
    Catalogue(CatalogueArgs),
    /// Compare two outputs or catalogues of different plan years.
    Diff(DiffArgs),
    /// Extract plans again and compare with the <stem>.expected.json beside each.
    Check(CheckArgs),
    /// Draw what the table finder saw on each page as SVG (columns, rows, dropped lines).
    Debug(DebugArgs),
}

#[derive(Debug, clap::Args)]
struct CheckArgs {
    /// Plan files or directories (searched recursively for *.pdf and *.txt).
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Write (or rewrite) each plan's <stem>.expected.json instead of comparing.
    #[arg(long)]
    update: bool,
    /// Also write a JUnit XML report, one test case a document.
    #[arg(long, value_name = "FILE")]
    junit: Option<PathBuf>,
    /// Documents processed at once (default: all cores).
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// Seconds one document may take before it is given up as failed.
    #[arg(long, default_value_t = 60.0, value_parser = parse_timeout)]
    timeout: f64,
}

#[derive(Debug, clap::Args)]
struct DebugArgs {
    /// The PDF or text file.
    file: PathBuf,
    /// A page to draw (1-based; repeat for more). Default: every page.
    #[arg(long = "page", value_parser = clap::value_parser!(u32).range(1..))]
    pages: Vec<u32>,
    /// Directory to write FILE-stem-pN.svg into (default: the current one).
    #[arg(short, long)]
    out: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
struct CatalogueArgs {
    /// Output directories of `odplan extract` (or records.jsonl files).
    #[arg(required = true)]
    runs: Vec<PathBuf>,
    /// The catalogue file to write [default: catalogue.jsonl, or catalogue.jsonld for dcat].
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// jsonl: one dataset per line; dcat: one DCAT-AP 3 JSON-LD catalogue.
    #[arg(long, value_enum, default_value_t = CatalogueFormat::Jsonl)]
    format: CatalogueFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum CatalogueFormat {
    Jsonl,
    Dcat,
}

#[derive(Debug, clap::Args)]
struct DiffArgs {
    /// The earlier output directory, records.jsonl or catalogue.
    old: PathBuf,
    /// The later output directory, records.jsonl or catalogue.
    new: PathBuf,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, clap::Args)]
struct TextArgs {
    /// The PDF file.
    file: PathBuf,
    /// Keep columns apart, like `pdftotext -layout`.
    #[arg(long)]
    layout: bool,
}

#[derive(Debug, clap::Args)]
struct ExtractArgs {
    /// Files or directories (searched recursively for *.pdf and *.txt).
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Output directory.
    #[arg(short, long, default_value = "odplan-out")]
    out: PathBuf,
    /// Output formats, comma-separated (csv, json, jsonl, dcat); report.json is always written.
    #[arg(long, value_enum, value_delimiter = ',', default_values_t = [Format::Csv, Format::Json, Format::Jsonl])]
    format: Vec<Format>,
    /// Documents processed at once (default: all cores).
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// Start records.csv with a UTF-8 byte order mark, so Excel reads Chinese correctly.
    #[arg(long)]
    bom: bool,
    /// No progress bar and no summary line (failures are still reported).
    #[arg(short, long)]
    quiet: bool,
    /// Seconds one document may take before it is given up as failed.
    #[arg(long, default_value_t = 60.0, value_parser = parse_timeout)]
    timeout: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Csv,
    Json,
    Jsonl,
    /// catalogue.jsonld, a DCAT-AP 3 JSON-LD catalogue
    Dcat,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => extract(args),
        Command::Text(args) => text(args),
        Command::Catalogue(args) => catalogue(args),
        Command::Diff(args) => diff(args),
        Command::Check(args) => check(args),
        Command::Debug(args) => debug(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("odplan: {err:#}");
            ExitCode::from(1)
        }
    }
}

fn extract(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let start = Instant::now();
    let inputs = odplan::batch::collect_inputs(&args.inputs)?;
    if inputs.is_empty() {
        anyhow::bail!(
            "no *.pdf or *.txt files in {}",
            args.inputs.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
        );
    }
    let mut settings = odplan::batch::Settings { timeout: Duration::from_secs_f64(args.timeout), ..Default::default() };
    if let Some(jobs) = args.jobs {
        settings.jobs = usize::from(jobs);
    }
    let formats = Formats {
        csv: args.format.contains(&Format::Csv),
        json: args.format.contains(&Format::Json),
        jsonl: args.format.contains(&Format::Jsonl),
        dcat: args.format.contains(&Format::Dcat),
    };
    quiet_worker_panics();
    let progress = if args.quiet || !std::io::stderr().is_terminal() {
        ProgressBar::hidden()
    } else {
        let bar = ProgressBar::new(inputs.len() as u64);
        bar.set_style(
            ProgressStyle::with_template("{bar:30} {pos}/{len} documents, {msg} [{elapsed}]")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    };
    let mut run = output::RunWriter::create(&args.out, formats, args.bom)
        .with_context(|| format!("creating {}", args.out.display()))?;
    let mut pages: u64 = 0;
    let out_dir = args.out.clone();
    odplan::batch::run_streaming(
        &inputs,
        settings,
        |doc| output::prepare(&out_dir, doc, formats),
        |i, doc, prepared| {
            if let Some(err) = &doc.error {
                progress.suspend(|| eprintln!("odplan: {}: {err}", inputs[i].path.display()));
            }
            pages += u64::from(doc.pages);
            progress.set_message(format!("{pages} pages"));
            progress.inc(1);
            run.append(&doc, &prepared?)
        },
    )
    .with_context(|| format!("writing to {}", args.out.display()))?;
    progress.finish_and_clear();
    let report = run.finish().with_context(|| format!("writing to {}", args.out.display()))?;
    let failed = report.iter().filter(|d| d.status == "failed").count();
    let records: usize = report.iter().map(|d| d.records).sum();
    if !args.quiet {
        eprintln!(
            "odplan: {} documents ({} ok, {failed} failed), {pages} pages, {records} records → {} in {:.2}s",
            report.len(),
            report.len() - failed,
            args.out.display(),
            start.elapsed().as_secs_f64()
        );
    }
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// A panic inside a document is reported as that document's failure;
/// the default hook would also print it mid-run.
fn quiet_worker_panics() {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !std::thread::current().name().is_some_and(|n| n.starts_with(odplan::batch::WORKER_PREFIX)) {
            default_hook(info);
        }
    }));
}

fn text(args: TextArgs) -> anyhow::Result<ExitCode> {
    let bytes = std::fs::read(&args.file).with_context(|| format!("{}", args.file.display()))?;
    let text = odplan::pdf_text(&bytes, args.layout).with_context(|| format!("{}", args.file.display()))?;
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn debug(args: DebugArgs) -> anyhow::Result<ExitCode> {
    let file = &args.file;
    let bytes = std::fs::read(file).with_context(|| format!("{}", file.display()))?;
    let source = file.file_name().map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned());
    let kind = odplan::InputKind::of(Some(file), &bytes);
    let svgs =
        odplan::debug::render(&bytes, kind, &source, &args.pages).with_context(|| format!("{}", file.display()))?;
    let stem = file.file_stem().map_or_else(|| "page".to_owned(), |s| s.to_string_lossy().into_owned());
    if let Some(dir) = &args.out {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let mut stdout = std::io::stdout().lock();
    for (page, svg) in svgs {
        let name = format!("{stem}-p{page}.svg");
        let path = args.out.as_ref().map_or_else(|| PathBuf::from(&name), |dir| dir.join(&name));
        std::fs::write(&path, svg).with_context(|| format!("writing {}", path.display()))?;
        writeln!(stdout, "{}", path.display())?;
    }
    stdout.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn read_rows(path: &std::path::Path) -> anyhow::Result<Vec<odplan::catalogue::Row>> {
    odplan::catalogue::read_rows(path).with_context(|| format!("reading records from {}", path.display()))
}

fn catalogue(args: CatalogueArgs) -> anyhow::Result<ExitCode> {
    let mut rows = Vec::new();
    for run in &args.runs {
        rows.extend(read_rows(run)?);
    }
    let datasets = odplan::catalogue::merge(&rows);
    let default_name = if args.format == CatalogueFormat::Dcat { "catalogue.jsonld" } else { "catalogue.jsonl" };
    let out = args.output.clone().unwrap_or_else(|| PathBuf::from(default_name));
    output::write_atomic(&out, |w| {
        if args.format == CatalogueFormat::Dcat {
            serde_json::to_writer(&mut *w, &odplan::catalogue::dcat::catalogue(&rows))?;
            return w.write_all(b"\n");
        }
        for d in &datasets {
            serde_json::to_writer(&mut *w, d)?;
            w.write_all(b"\n")?;
        }
        Ok(())
    })
    .with_context(|| format!("writing {}", out.display()))?;
    let bilingual = datasets.iter().filter(|d| d.name_zh.is_some() && d.name_en.is_some()).count();
    let disagreeing = datasets.iter().filter(|d| !d.disagreements.is_empty()).count();
    eprintln!(
        "odplan: {} records → {} datasets ({bilingual} in both languages, {disagreeing} whose languages disagree) → {}",
        rows.len(),
        datasets.len(),
        out.display()
    );
    for d in datasets.iter().filter(|d| !d.disagreements.is_empty()) {
        for x in &d.disagreements {
            let name = d.name_en.as_deref().or(d.name_zh.as_deref()).unwrap_or("?");
            eprintln!(
                "odplan: {} {} {}.{}: {} differs: zh {:?}, en {:?} ({name})",
                d.publisher, x.plan_period, x.section, x.item_no, x.field, x.zh, x.en
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn diff(args: DiffArgs) -> anyhow::Result<ExitCode> {
    let (old, new) = (read_rows(&args.old)?, read_rows(&args.new)?);
    let d = odplan::catalogue::diff::diff(&old, &new);
    let mut stdout = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut stdout, &d)?;
        stdout.write_all(b"\n")?;
    } else {
        stdout.write_all(odplan::catalogue::diff::render(&d).as_bytes())?;
    }
    stdout.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn check(args: CheckArgs) -> anyhow::Result<ExitCode> {
    use odplan::check::{Checked, Outcome};
    // Each plan is read under its own file name, as `extract FILE` would
    // name it, however its directory was given.
    let inputs: Vec<odplan::batch::Input> = odplan::batch::collect_inputs(&args.inputs)?
        .into_iter()
        .map(|i| {
            let source = i.path.file_name().map_or_else(|| i.source.clone(), |n| n.to_string_lossy().into_owned());
            odplan::batch::Input { source, ..i }
        })
        .collect();
    if inputs.is_empty() {
        anyhow::bail!("no *.pdf or *.txt files to check");
    }
    let mut settings = odplan::batch::Settings { timeout: Duration::from_secs_f64(args.timeout), ..Default::default() };
    if let Some(jobs) = args.jobs {
        settings.jobs = usize::from(jobs);
    }
    quiet_worker_panics();
    let mut results: Vec<Checked> = Vec::with_capacity(inputs.len());
    let mut stdout = std::io::stdout().lock();
    odplan::batch::run_streaming(
        &inputs,
        settings,
        |_| (),
        |i, doc, ()| -> anyhow::Result<()> {
            let path = inputs[i].path.clone();
            let expected = odplan::check::expected_path(&path);
            let outcome = match (&doc.error, args.update) {
                (None, true) => {
                    output::write_document_json(&expected, &doc)
                        .with_context(|| format!("writing {}", expected.display()))?;
                    Outcome::Updated { records: doc.records.len() }
                }
                _ => odplan::check::judge(&doc, &expected),
            };
            let checked = Checked { path, outcome };
            stdout.write_all(odplan::check::render(&checked).as_bytes())?;
            results.push(checked);
            Ok(())
        },
    )?;
    stdout.flush()?;
    if let Some(junit) = &args.junit {
        output::write_atomic(junit, |w| w.write_all(odplan::check::junit(&results).as_bytes()))
            .with_context(|| format!("writing {}", junit.display()))?;
    }
    let count = |f: fn(&Outcome) -> bool| results.iter().filter(|c| f(&c.outcome)).count();
    let failed = results.iter().filter(|c| !c.outcome.passed()).count();
    eprintln!(
        "odplan: {} documents checked: {} match, {} updated, {} differ, {} without expectation, {} unreadable",
        results.len(),
        count(|o| matches!(o, Outcome::Match { .. })),
        count(|o| matches!(o, Outcome::Updated { .. })),
        count(|o| matches!(o, Outcome::Differs(_))),
        count(|o| matches!(o, Outcome::NoExpectation)),
        count(|o| matches!(o, Outcome::Failed(_) | Outcome::BadExpectation(_))),
    );
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn parse_timeout(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v > 0.0 && v.is_finite() && v <= 1e9 => Ok(v),
        _ => Err(format!("expected a positive number of seconds, got {s:?}")),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn cli_is_well_formed() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
