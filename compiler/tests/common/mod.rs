//! What the command-line tests of `ioc` share: the binary, scratch folders
//! and output as text.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn ioc() -> Command {
    Command::new(env!("CARGO_BIN_EXE_ioc"))
}

/// A fresh folder for test `name` of the suite `suite`, in the target folder.
pub fn scratch(suite: &str, name: &str) -> PathBuf {
    let target = match std::env::var_os("CARGO_TARGET_DIR") {
        Some(d) if !d.is_empty() => PathBuf::from(d),
        _ => Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"),
    };
    let dir = target.join(suite).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create a scratch folder");
    dir
}

pub fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("start ioc")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
