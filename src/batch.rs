//! Many documents at once: read and extract in parallel, one result each,
//! in input order.

use std::path::{Path, PathBuf};

use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use crate::output::DocumentOutput;
use crate::{Error, Extraction, InputKind, extract};

/// One input document: where it is and the name its records carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub path: PathBuf,
    /// Relative: the file name for a file argument, the path below the
    /// directory for a file found in a directory argument.
    pub source: String,
}

/// Expands the command line's files and directories into inputs: a
/// directory is searched recursively for *.pdf and *.txt, sorted by path.
pub fn collect_inputs(args: &[PathBuf]) -> Result<Vec<Input>, Error> {
    let mut inputs = Vec::new();
    for arg in args {
        let meta = std::fs::metadata(arg).map_err(|source| Error::Io { path: arg.clone(), source })?;
        if meta.is_dir() {
            let mut found = Vec::new();
            walk(arg, &mut found)?;
            found.sort();
            for path in found {
                let rel = path.strip_prefix(arg).unwrap_or(&path);
                inputs.push(Input { source: slash_path(rel), path });
            }
        } else {
            let source = arg.file_name().map_or_else(|| slash_path(arg), |n| n.to_string_lossy().into_owned());
            inputs.push(Input { path: arg.clone(), source });
        }
    }
    Ok(inputs)
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>) -> Result<(), Error> {
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Io { path: dir.to_owned(), source })?;
    for entry in entries {
        let entry = entry.map_err(|source| Error::Io { path: dir.to_owned(), source })?;
        let path = entry.path();
        let kind = entry.file_type().map_err(|source| Error::Io { path: path.clone(), source })?;
        if kind.is_dir() {
            walk(&path, found)?;
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("pdf") || e.eq_ignore_ascii_case("txt"))
        {
            found.push(path);
        }
    }
    Ok(())
}

fn slash_path(p: &Path) -> String {
    p.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// Names the threads that run one document each, so a panic hook can
/// tell them apart.
pub const WORKER_PREFIX: &str = "odplan-doc ";

/// How a batch runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// Documents processed at once.
    pub jobs: usize,
    /// How long one document may take before it is given up as failed.
    pub timeout: Duration,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { jobs: std::thread::available_parallelism().map_or(1, |n| n.get()), timeout: Duration::from_secs(60) }
    }
}

/// Processes every input on `settings.jobs` threads, runs `prepare` on
/// each result there (the order-free part of writing it), and hands both
/// to `deliver` in input order, as soon as it and all before it are done.
/// Workers take documents in input order and stay within a window of the
/// last one delivered, so memory holds a few documents, not the batch.
/// Stops early with the first error `deliver` returns.
pub fn run_streaming<P: Send, E: Send>(
    inputs: &[Input],
    settings: Settings,
    prepare: impl Fn(&DocumentOutput) -> P + Sync,
    mut deliver: impl FnMut(usize, DocumentOutput, P) -> Result<(), E>,
) -> Result<(), E> {
    let names = json_names(inputs);
    let jobs = settings.jobs.max(1);
    let window = 4 * jobs + 8;
    let next = AtomicUsize::new(0);
    let delivered = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let (tx, rx) = mpsc::sync_channel::<(usize, DocumentOutput, P)>(window);
    let Ok(pool) = rayon::ThreadPoolBuilder::new().num_threads(jobs).build() else {
        // No threads to be had: one document after another.
        for (i, (input, name)) in inputs.iter().zip(&names).enumerate() {
            let doc = process(input, name, settings.timeout);
            let prepared = prepare(&doc);
            deliver(i, doc, prepared)?;
        }
        return Ok(());
    };
    let mut result = Ok(());
    pool.in_place_scope(|scope| {
        for _ in 0..jobs {
            let tx = tx.clone();
            let (next, delivered, stop, names, prepare) = (&next, &delivered, &stop, &names, &prepare);
            scope.spawn(move |_| {
                let mut executor = Executor::default();
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(input) = inputs.get(i) else { break };
                    while i >= delivered.load(Ordering::SeqCst) + window && !stop.load(Ordering::SeqCst) {
                        std::thread::sleep(Duration::from_millis(1));
                    }
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let doc = process_on(&mut executor, input, &names[i], settings.timeout);
                    let prepared = prepare(&doc);
                    if tx.send((i, doc, prepared)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut pending = std::collections::BTreeMap::new();
        let mut want = 0usize;
        while want < inputs.len() {
            let Ok((i, doc, prepared)) = rx.recv() else { break };
            pending.insert(i, (doc, prepared));
            while let Some((doc, prepared)) = pending.remove(&want) {
                if let Err(e) = deliver(want, doc, prepared) {
                    result = Err(e);
                    stop.store(true, Ordering::SeqCst);
                    // Unblock workers waiting to send: drain until they stop.
                    while rx.recv().is_ok() {}
                    return;
                }
                want += 1;
                delivered.store(want, Ordering::SeqCst);
            }
        }
    });
    result
}

/// Processes one document; whatever goes wrong, a panic or a hang in any
/// dependency included, is that document's failure alone.
pub fn process(input: &Input, json_name: &str, timeout: Duration) -> DocumentOutput {
    process_on(&mut Executor::default(), input, json_name, timeout)
}

fn process_on(executor: &mut Executor, input: &Input, json_name: &str, timeout: Duration) -> DocumentOutput {
    let mut out = DocumentOutput {
        source: input.source.clone(),
        json_name: json_name.to_owned(),
        pages: 0,
        records: Vec::new(),
        diagnostics: Vec::new(),
        error: None,
    };
    let job = input.clone();
    let work =
        move || read(&job.path).and_then(|bytes| extract(&bytes, InputKind::of(Some(&job.path), &bytes), &job.source));
    match executor.run(timeout, work) {
        Ok(x) => {
            out.pages = x.pages;
            out.records = x.records;
            out.diagnostics = x.diagnostics;
        }
        Err(e) => out.error = Some(e),
    }
    out
}

/// One document's bytes through [`extract`] as a batch runs it: a panic
/// or a hang past `timeout` is its failure, with the reason the CLI prints.
pub fn extract_guarded(bytes: Vec<u8>, kind: InputKind, source: &str, timeout: Duration) -> Result<Extraction, String> {
    let source = source.to_owned();
    Executor::default().run(timeout, move || extract(&bytes, kind, &source))
}

type Job<T> = Box<dyn FnOnce() -> Result<T, Error> + Send>;
type Outcome<T> = std::thread::Result<Result<T, Error>>;
/// The two ends an executor keeps of its thread.
type Channels<T> = (mpsc::Sender<Job<T>>, mpsc::Receiver<Outcome<T>>);

/// A thread that runs one job at a time, so that a job that never finishes
/// can be abandoned: the thread is left to finish or to die with the
/// process, and a fresh one takes the next job. Reusing the thread between
/// jobs keeps its allocator's memory warm.
struct Executor<T = Extraction> {
    thread: Option<Channels<T>>,
}

impl<T> Default for Executor<T> {
    fn default() -> Self {
        Executor { thread: None }
    }
}

impl<T: Send + 'static> Executor<T> {
    /// Runs `work`, turning a panic into an error and giving up after `timeout`.
    fn run(
        &mut self,
        timeout: Duration,
        work: impl FnOnce() -> Result<T, Error> + Send + 'static,
    ) -> Result<T, String> {
        if self.thread.is_none() {
            self.thread = Some(spawn_executor().map_err(|e| format!("cannot start a thread: {e}"))?);
        }
        let Some((jobs, results)) = self.thread.as_ref() else {
            return Err("internal error: no worker thread".into());
        };
        if jobs.send(Box::new(work)).is_err() {
            self.thread = None;
            return Err("internal error: worker thread ended".into());
        }
        match results.recv_timeout(timeout) {
            Ok(Ok(Ok(x))) => Ok(x),
            Ok(Ok(Err(e))) => Err(e.to_string()),
            Ok(Err(payload)) => Err(format!("internal error (please report): {}", panic_message(&*payload))),
            Err(mpsc::RecvTimeoutError::Timeout) => {
                // Abandon the busy thread; the next job gets a new one.
                self.thread = None;
                Err(format!("timed out after {} s", timeout.as_secs_f64()))
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                self.thread = None;
                Err("internal error: worker ended without a result".into())
            }
        }
    }
}

fn spawn_executor<T: Send + 'static>() -> std::io::Result<Channels<T>> {
    let (job_tx, job_rx) = mpsc::channel::<Job<T>>();
    let (result_tx, result_rx) = mpsc::channel();
    std::thread::Builder::new().name(format!("{WORKER_PREFIX}worker")).spawn(move || {
        for job in job_rx {
            let outcome = panic::catch_unwind(AssertUnwindSafe(job));
            // The caller may have given up waiting: then stop.
            if result_tx.send(outcome).is_err() {
                break;
            }
        }
    })?;
    Ok((job_tx, result_rx))
}

/// Files larger than this are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 1 << 30;

fn read(path: &Path) -> Result<Vec<u8>, Error> {
    let io = |source| Error::Io { path: path.to_owned(), source };
    let len = std::fs::metadata(path).map_err(io)?.len();
    if len > MAX_FILE_BYTES {
        return Err(Error::Limit(format!("{len} bytes, more than the {MAX_FILE_BYTES} allowed")));
    }
    std::fs::read(path).map_err(io)
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_owned())
}

/// `<stem>.json` per document; stems that repeat (same name in two
/// folders) get the folder path folded in so no output overwrites another.
fn json_names(inputs: &[Input]) -> Vec<String> {
    let stem =
        |i: &Input| i.path.file_stem().map_or_else(|| "document".to_owned(), |s| s.to_string_lossy().into_owned());
    let mut names: Vec<String> = inputs
        .iter()
        .map(|i| match stem(i).as_str() {
            // The run's own report must not be overwritten by a document's.
            "report" => "report.document.json".to_owned(),
            s => format!("{s}.json"),
        })
        .collect();
    let clashes: Vec<bool> =
        (0..names.len()).map(|i| names.iter().enumerate().any(|(j, n)| j != i && *n == names[i])).collect();
    for (i, clash) in clashes.into_iter().enumerate() {
        if clash {
            let src = &inputs[i].source;
            let without_ext = src.rsplit_once('.').map_or(src.as_str(), |(a, _)| a);
            names[i] = format!("{}.json", without_ext.replace(['/', '\\'], "__"));
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_is_the_documents_error() {
        let r: Result<(), String> = Executor::default().run(Duration::from_secs(5), || panic!("boom in a dependency"));
        assert_eq!(r, Err("internal error (please report): boom in a dependency".to_owned()));
    }

    #[test]
    fn a_hang_is_given_up_after_the_timeout() {
        let start = std::time::Instant::now();
        let mut executor = Executor::default();
        let r: Result<(), String> = executor.run(Duration::from_millis(200), || {
            std::thread::sleep(Duration::from_secs(30));
            Ok(())
        });
        assert_eq!(r, Err("timed out after 0.2 s".to_owned()));
        assert!(start.elapsed() < Duration::from_secs(5));
        // The executor carries on with a fresh thread.
        assert_eq!(executor.run(Duration::from_secs(5), || Ok(())), Ok(()));
    }

    #[test]
    fn errors_and_results_pass_through() {
        let mut executor = Executor::default();
        assert_eq!(executor.run(Duration::from_secs(5), || Err::<i32, _>(Error::Empty)), Err("empty file".to_owned()));
        assert_eq!(
            executor.run(Duration::from_secs(5), || panic!("once")),
            Err("internal error (please report): once".to_owned())
        );
        assert_eq!(executor.run(Duration::from_secs(5), || Ok(7)), Ok(7));
    }

    #[test]
    fn guarded_bytes_fail_with_the_clis_reason() {
        let r = extract_guarded(Vec::new(), InputKind::Pdf, "x.pdf", Duration::from_secs(5));
        assert_eq!(r.err(), Some(Error::Empty.to_string()));
        let r = extract_guarded(b"not a plan".to_vec(), InputKind::Text, "x.txt", Duration::from_secs(5));
        assert!(r.is_err_and(|e| e.starts_with("not recognised as an open data plan")));
    }

    #[test]
    fn clashing_stems_get_distinct_names() {
        let input = |p: &str, s: &str| Input { path: PathBuf::from(p), source: s.to_owned() };
        let names =
            json_names(&[input("a/x.pdf", "a/x.pdf"), input("b/x.pdf", "b/x.pdf"), input("report.txt", "report.txt")]);
        assert_eq!(names, ["a__x.json", "b__x.json", "report.document.json"]);
    }
}
