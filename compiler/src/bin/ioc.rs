//! `ioc`: the Io compiler driver. `ioc build FILE` writes a WebAssembly
//! module for a program; `ioc bundle FILE` writes a static web site that
//! runs it in a page; `ioc run FILE` runs a program on the interpreter, or
//! a built module on the embedded engine; `ioc repl` starts the prompt.

use clap::{Parser, Subcommand};
use io_compiler::build::{self, optimize::OptLevel, BuildError, BuildOptions};
use io_compiler::bundle::{self, BundleOptions};
use io_compiler::{cli, engine};
use std::path::PathBuf;

#[derive(Parser)]
#[command(name = "ioc", version, about = "Io to WebAssembly compiler and runner")]
struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build a program into one WASI (preview 1) WebAssembly module
    Build {
        /// The program
        file: String,
        /// Where to write the module (default: the program's name with .wasm)
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Optimisation level, of the compiled loops and of wasm-opt: 0 ships
        /// the interpreter alone; 1 to 4, s or z compile loops to wasm
        #[arg(short = 'O', long, value_enum, default_value = "2")]
        opt_level: OptLevel,
        /// Write a WASI preview-2 command component instead of a module
        #[arg(long)]
        component: bool,
        /// Print nothing but errors
        #[arg(short, long)]
        quiet: bool,
        /// Say, per method, block and top level, whether it was compiled to wasm and why not
        #[arg(long)]
        report: bool,
        /// Run wasm-opt once more over the finished module, compiled code
        /// included (slow: for measuring what it gains)
        #[arg(long)]
        wasm_opt_output: bool,
    },
    /// Build a program into a static web site: index.html, the loader io.js
    /// and the program's module, for any static host
    #[command(after_help = "Serve the folder with any static web server, e.g.\n  \
        python3 -m http.server -d site\n\
        The page shows what the program prints; the program reaches the page \
        through the JS bridge (see std/DOM.io).")]
    Bundle {
        /// The program (optional with --repl)
        #[arg(required_unless_present = "repl")]
        file: Option<String>,
        /// The site's folder, made if missing; other files in it are left alone
        #[arg(short, long, default_value = "site")]
        output: PathBuf,
        /// Optimisation level, of the compiled loops and of wasm-opt: 0 ships
        /// the interpreter alone; 1 to 4, s or z compile loops to wasm
        #[arg(short = 'O', long, value_enum, default_value = "2")]
        opt_level: OptLevel,
        /// Write a REPL page instead: each line entered is evaluated in the
        /// program's VM (with no file, an empty program's)
        #[arg(long)]
        repl: bool,
        /// Print nothing but errors
        #[arg(short, long)]
        quiet: bool,
    },
    /// Run a program on the interpreter, or a built .wasm on the embedded engine
    Run {
        /// A folder the module may use, HOST[::GUEST] (default: the current folder as .)
        #[arg(long = "dir", value_name = "HOST[::GUEST]")]
        dirs: Vec<String>,
        /// Print the bytecode of the program's top level before running it
        #[arg(long)]
        dump_bytecode: bool,
        /// The program (.io) or a module built by `ioc build` (.wasm)
        file: String,
        /// Arguments passed to the program (System args)
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Start the interactive prompt
    Repl,
}

fn main() {
    let args = Args::parse();
    let code = match args.command {
        Command::Build {
            file,
            output,
            opt_level,
            component,
            quiet,
            report,
            wasm_opt_output,
        } => run_build(BuildOptions {
            input: file,
            source: None,
            output,
            opt_level,
            component,
            quiet,
            report,
            wasm_opt_output,
            browser: false,
            keep_all: false,
        }),
        Command::Bundle {
            file,
            output,
            opt_level,
            repl,
            quiet,
        } => run_bundle(BundleOptions {
            input: file,
            output,
            opt_level,
            repl,
            quiet,
        }),
        Command::Run {
            dirs,
            dump_bytecode,
            file,
            args,
        } => {
            if dump_bytecode {
                cli::dump_bytecode(&file)
            } else if is_wasm(&file) {
                run_wasm(&file, args, &dirs)
            } else {
                cli::run_file(&file, &args)
            }
        }
        Command::Repl => cli::repl(),
    };
    std::process::exit(code);
}

fn run_build(opts: BuildOptions) -> i32 {
    match build::build(&opts) {
        Ok(b) => {
            for line in &b.report {
                println!("{line}");
            }
            if !opts.quiet {
                let wasm_opt = match &b.wasm_opt {
                    Some(w) => format!(
                        "; wasm-opt took {} from {} to {} KiB",
                        w.what,
                        w.before.div_ceil(1024),
                        w.after.div_ceil(1024)
                    ),
                    None => String::new(),
                };
                eprintln!(
                    "ioc: wrote {} ({} KiB) in {:.1} s; {} compiled to wasm, {} interpreted{wasm_opt}",
                    b.output.display(),
                    b.bytes.div_ceil(1024),
                    b.seconds,
                    b.compiled,
                    b.interpreted
                );
            }
            0
        }
        Err(BuildError::Syntax(d)) => {
            eprint!("{d}");
            1
        }
        Err(BuildError::Failed(m)) => {
            eprintln!("ioc: error: {m}");
            1
        }
    }
}

fn run_bundle(opts: BundleOptions) -> i32 {
    match bundle::bundle(&opts) {
        Ok(b) => {
            if !opts.quiet {
                let names: Vec<&str> = b.files.iter().map(|f| f.name.as_str()).collect();
                println!(
                    "ioc: wrote {} ({}) in {:.1} s; {} compiled to wasm, {} interpreted",
                    b.dir.display(),
                    names.join(", "),
                    b.seconds,
                    b.compiled,
                    b.interpreted
                );
                for line in bundle::report(&b) {
                    println!("{line}");
                }
            }
            0
        }
        Err(BuildError::Syntax(d)) => {
            eprint!("{d}");
            1
        }
        Err(BuildError::Failed(m)) => {
            eprintln!("ioc: error: {m}");
            1
        }
    }
}

/// A file that starts with the WebAssembly magic number.
fn is_wasm(path: &str) -> bool {
    use std::io::Read;
    let mut head = [0u8; 4];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .map(|_| &head == b"\0asm")
        .unwrap_or(false)
}

fn run_wasm(file: &str, args: Vec<String>, dirs: &[String]) -> i32 {
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("ioc: cannot read {file}: {e}");
            return 1;
        }
    };
    let mut dirs: Vec<(PathBuf, String)> = dirs
        .iter()
        .map(|d| match d.split_once("::") {
            Some((host, guest)) => (PathBuf::from(host), guest.to_string()),
            None => (PathBuf::from(d), d.clone()),
        })
        .collect();
    if dirs.is_empty() {
        dirs.push((PathBuf::from("."), ".".to_string()));
    }
    let mut argv = vec![file.to_string()];
    argv.extend(args);
    match engine::run(&bytes, &engine::RunOptions { args: argv, dirs }) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("ioc: {e}");
            1
        }
    }
}
