//! `difffuzz`: generate random Io programs, run them under `io` and as
//! modules built by `ioc`, and report every case where the two differ.

use clap::Parser;
use difffuzz::runner::{Session, Tools};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

#[derive(Parser, Debug)]
#[command(
    name = "difffuzz",
    about = "Differential fuzzing of io (the interpreter) against modules built by ioc"
)]
struct Args {
    /// Programs to check in all.
    #[arg(long, default_value_t = 20_000)]
    programs: u64,
    /// Programs per generated file (one build and two runs per file; the
    /// engine compiles each new module, in time that grows with its size).
    /// The file's top level counts the ops of every case: from about 45
    /// cases it passes the compiler's 20000-op limit and is interpreted;
    /// below, the compiled top level may exceed the engine's function size
    /// (see difffuzz/found/invalid-module-*).
    #[arg(long, default_value_t = 64)]
    batch: u64,
    /// Seed of the run: program i of seed s is always the same program.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Index of the first program (to go on with a run).
    #[arg(long, default_value_t = 0)]
    start: u64,
    /// Start no batch after this many seconds (0: no limit).
    #[arg(long, default_value_t = 0)]
    time_limit: u64,
    /// The interpreter (default: `io` next to this executable).
    #[arg(long)]
    io: Option<PathBuf>,
    /// The compiler (default: `ioc` next to this executable).
    #[arg(long)]
    ioc: Option<PathBuf>,
    /// Folder for reproductions of differing cases.
    #[arg(long, default_value = "difffuzz-found")]
    out: PathBuf,
    /// Keep generated files and modules (in the work folder, printed at start).
    #[arg(long)]
    keep: bool,
    /// Folder for generated files (default: a new folder in the temp dir).
    #[arg(long)]
    work: Option<PathBuf>,
    /// Print program `--start` of `--seed` as a file of its own and exit.
    #[arg(long)]
    print: bool,
    /// Look for the differing cases of this many differing batches at most
    /// (each search builds several files); later ones are written whole.
    #[arg(long, default_value_t = 5)]
    reduce_limit: usize,
    /// Seconds one run or build may take before it is killed.
    #[arg(long, default_value_t = 300)]
    timeout: u64,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("difffuzz: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(args: Args) -> Result<bool, String> {
    if args.print {
        print!(
            "{}",
            difffuzz::gen::standalone(args.seed, args.start, "printed by difffuzz --print")
        );
        return Ok(true);
    }
    if args.batch == 0 {
        return Err("--batch must be at least 1".into());
    }
    let exe_dir = std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(|d| d.to_path_buf()))
        .unwrap_or_else(|| PathBuf::from("."));
    let mut tools = Tools::in_dir(&exe_dir);
    if let Some(p) = args.io {
        tools.io = p;
    }
    if let Some(p) = args.ioc {
        tools.ioc = p;
    }
    tools.timeout = Duration::from_secs(args.timeout.max(1));
    tools.check()?;
    // The tools run in the work folder: make their paths absolute.
    for p in [&mut tools.io, &mut tools.ioc] {
        if let Ok(abs) = std::fs::canonicalize(&*p) {
            *p = abs;
        }
    }
    let own_work = args.work.is_none();
    let work = args.work.unwrap_or_else(|| {
        std::env::temp_dir().join(format!("difffuzz-{}-{}", std::process::id(), args.seed))
    });
    std::fs::create_dir_all(&work).map_err(|e| format!("cannot create {}: {e}", work.display()))?;
    let out = if args.out.is_absolute() {
        args.out.clone()
    } else {
        std::env::current_dir()
            .map_err(|e| format!("no current folder: {e}"))?
            .join(&args.out)
    };
    eprintln!(
        "difffuzz: seed {}, programs {}..{}, batches of {}, work folder {}",
        args.seed,
        args.start,
        args.start + args.programs,
        args.batch,
        work.display()
    );
    let mut session = Session {
        tools,
        seed: args.seed,
        work: work.clone(),
        out,
        keep: args.keep,
        max_per_batch: 3,
        reduce: true,
    };
    let mut reduced = 0usize;
    let began = Instant::now();
    let limit = Duration::from_secs(args.time_limit);
    let mut checked = 0u64;
    let mut mismatches = Vec::new();
    let mut last_batch = Duration::ZERO;
    let end = args.start + args.programs;
    let mut next = args.start;
    let mut stopped_by_time = false;
    while next < end {
        if args.time_limit > 0 && began.elapsed() + last_batch > limit {
            stopped_by_time = true;
            break;
        }
        let count = args.batch.min(end - next);
        let t = Instant::now();
        session.reduce = reduced < args.reduce_limit;
        let found = session.check_batch(next, count)?;
        if !found.is_empty() && session.reduce {
            reduced += 1;
        }
        last_batch = t.elapsed();
        for m in &found {
            eprintln!(
                "difffuzz: MISMATCH seed {} case {}{}: {}",
                m.seed,
                m.index,
                if m.alone {
                    ""
                } else {
                    " (with the cases before it)"
                },
                m.file
                    .as_ref()
                    .map(|f| f.display().to_string())
                    .unwrap_or_default()
            );
            for line in m.report.lines() {
                eprintln!("    {line}");
            }
        }
        mismatches.extend(found);
        checked += count;
        next += count;
        eprintln!(
            "difffuzz: {checked} programs checked, {} mismatches, {:.1} s (last batch {:.1} s)",
            mismatches.len(),
            began.elapsed().as_secs_f64(),
            last_batch.as_secs_f64()
        );
    }
    if own_work && !args.keep {
        let _ = std::fs::remove_dir_all(&work);
    }
    println!(
        "difffuzz: seed {}: {checked} programs checked (cases {}..{}) in {:.1} s{}: {} mismatches",
        args.seed,
        args.start,
        args.start + checked,
        began.elapsed().as_secs_f64(),
        if stopped_by_time {
            ", stopped by the time limit"
        } else {
            ""
        },
        mismatches.len()
    );
    Ok(mismatches.is_empty())
}
