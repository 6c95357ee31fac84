//! `ioc`: the Io compiler driver. `ioc run FILE` runs a program on the
//! interpreter; `ioc repl` starts the interactive prompt.

use clap::{Parser, Subcommand};
use io_compiler::cli;

#[derive(Parser)]
#[command(name = "ioc", version, about = "Io to WebAssembly compiler and runner")]
struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run an Io program on the interpreter
    Run {
        /// The program
        file: String,
        /// Arguments passed to the program (System args)
        args: Vec<String>,
        /// Print the bytecode of the program's top level before running it
        #[arg(long)]
        dump_bytecode: bool,
    },
    /// Start the interactive prompt
    Repl,
}

fn main() {
    let args = Args::parse();
    let code = match args.command {
        Command::Run {
            file,
            args,
            dump_bytecode,
        } => {
            if dump_bytecode {
                cli::dump_bytecode(&file)
            } else {
                cli::run_file(&file, &args)
            }
        }
        Command::Repl => cli::repl(),
    };
    std::process::exit(code);
}
