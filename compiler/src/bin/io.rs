//! `io`: a drop-in for the upstream Io command line.
//!
//! io [options] [file.io [args...]]
//!   -e CODE     evaluate CODE (the remaining arguments are joined by spaces)
//!   --max-steps N, --max-heap SIZE   limits for untrusted code
//!   -i          run the files, then start the REPL
//!   --version   print the version
//!   -h, --help  print this help
//! With no file, starts the REPL.

use io_compiler::cli;

const HELP: &str = "usage: io [options] [file.io [arguments...]]
  -e CODE      evaluate CODE and exit
  --max-steps N   stop evaluation (exit 1) after N sends and loop iterations
  --max-heap SIZE stop evaluation (exit 1) when the live heap passes SIZE
                  (bytes, or with K, M or G: 64M)
  -i           run the given files, then start the interactive prompt
  --version    print the version and exit
  -h, --help   print this help and exit
With no file, io starts an interactive prompt (Io> ).
";

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    // Limits come first, in any order.
    loop {
        match args.first().map(String::as_str) {
            Some("--max-steps") => match args.get(1).and_then(|n| n.parse::<u64>().ok()) {
                Some(n) => cli::set_max_steps(n),
                None => {
                    eprintln!("io: --max-steps needs a whole number\n{HELP}");
                    std::process::exit(2);
                }
            },
            Some("--max-heap") => match args.get(1).and_then(|n| cli::parse_size(n)) {
                Some(n) => cli::set_max_heap(n),
                None => {
                    eprintln!("io: --max-heap needs a size such as 1048576, 512K or 64M\n{HELP}");
                    std::process::exit(2);
                }
            },
            _ => break,
        }
        args.drain(..2);
    }
    let code = match args.first().map(String::as_str) {
        None => cli::repl(),
        Some("-h") | Some("--help") => {
            print!("{HELP}");
            0
        }
        Some("--version") => {
            println!("Io Programming Language, v. {}", env!("CARGO_PKG_VERSION"));
            0
        }
        Some("-e") => cli::run_expr(&args[1..].join(" "), &[]),
        Some("-i") => {
            let mut code = 0;
            for f in &args[1..] {
                code = cli::run_file(f, &[]);
            }
            if code == 0 {
                cli::repl()
            } else {
                code
            }
        }
        Some(opt) if opt.starts_with('-') && opt.len() > 1 => {
            eprintln!("io: unknown option '{opt}'\n{HELP}");
            2
        }
        Some(file) => cli::run_file(file, &args[1..]),
    };
    std::process::exit(code);
}
