//! `ioc bundle`: an Io program as a static web site.
//!
//! The site is three files that any static host serves: `index.html`, the
//! loader `io.js` (hand-written, no dependencies) and the program's module,
//! built by the same pipeline as `ioc build` but keeping the JavaScript
//! bridge (`BuildOptions::browser`). The loader gives the module a small
//! WASI of its own (output to the page and the console, clocks,
//! randomness), the bridge's import `io_js.op`, and drives it: the
//! program's top level, then Io timers and JavaScript's calls into Io
//! blocks. With `--repl` the page is a prompt whose lines the program's VM
//! evaluates. The module is tree-shaken as `ioc build`'s is, except with
//! `--repl`: `window.ioEval` on a site without the prompt runs Io that uses
//! what the program names.
//!
//! Every file is written into a folder beside the others and moved into
//! place once all of them exist, so a failed bundle leaves the output folder
//! as it was (and removes it if it made it).

use crate::build::{self, optimize::OptLevel, BuildError, BuildOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The loader, as shipped.
pub const LOADER: &str = include_str!("io.js");
/// The page of a program; `{{title}}` and `{{wasm}}` are filled in.
const APP_PAGE: &str = include_str!("index.html");
/// The REPL page; `{{title}}` and `{{wasm}}` are filled in.
const REPL_PAGE: &str = include_str!("repl.html");

/// The program a REPL page has when none is given (one expression: a
/// program of comments alone does not build).
const EMPTY_PROGRAM: &str =
    "// The program of a REPL page: the page's lines are evaluated in its VM.\nnil\n";

/// What `ioc bundle` was asked for.
pub struct BundleOptions {
    /// The program; may be absent with `repl`.
    pub input: Option<String>,
    /// The site's folder (made if missing).
    pub output: PathBuf,
    pub opt_level: OptLevel,
    /// Write a REPL page instead of the program's page.
    pub repl: bool,
    /// Print nothing but errors (the build's stage lines included).
    pub quiet: bool,
}

/// One file of a written site, and its sizes.
pub struct SiteFile {
    pub name: String,
    pub bytes: usize,
    /// The size gzip (best compression) makes of it: about what a server
    /// that compresses sends.
    pub gzip: usize,
}

/// What a finished bundle wrote.
pub struct Bundled {
    pub dir: PathBuf,
    /// The module first, then the loader and the page.
    pub files: Vec<SiteFile>,
    pub seconds: f64,
    /// Code chains of the program compiled to wasm, and left to the interpreter.
    pub compiled: usize,
    pub interpreted: usize,
}

/// Build the site. Nothing in `opts.output` changes unless every file was made.
pub fn bundle(opts: &BundleOptions) -> Result<Bundled, BuildError> {
    let start = Instant::now();
    if opts.input.is_none() && !opts.repl {
        return Err(BuildError::Failed(
            "no program to bundle (give a file, or --repl for a REPL page)".into(),
        ));
    }
    let out = &opts.output;
    // The folders made here (the output and any missing parents), deepest first.
    let made: Vec<&Path> = out
        .ancestors()
        .take_while(|p| !p.as_os_str().is_empty() && !p.exists())
        .collect();
    if made.is_empty() && !out.is_dir() {
        return Err(BuildError::Failed(format!(
            "{} exists and is not a folder",
            out.display()
        )));
    }
    std::fs::create_dir_all(out)
        .map_err(|e| BuildError::Failed(format!("cannot make {}: {e}", out.display())))?;
    let staging = out.join(format!(".ioc-bundle-{}", std::process::id()));
    let result = std::fs::create_dir(&staging)
        .map_err(|e| BuildError::Failed(format!("cannot make {}: {e}", staging.display())))
        .and_then(|()| write_site(opts, &staging))
        .and_then(|(files, built)| {
            move_into(&staging, out, &files)?;
            Ok((files, built))
        });
    let _ = std::fs::remove_dir_all(&staging);
    match result {
        Ok((files, built)) => Ok(Bundled {
            dir: out.clone(),
            files,
            seconds: start.elapsed().as_secs_f64(),
            compiled: built.compiled,
            interpreted: built.interpreted,
        }),
        Err(e) => {
            for dir in made {
                // (remove_dir: only while empty.)
                let _ = std::fs::remove_dir(dir);
            }
            Err(e)
        }
    }
}

/// Build the module and write the site's files into `dir`.
fn write_site(
    opts: &BundleOptions,
    dir: &Path,
) -> Result<(Vec<SiteFile>, build::Built), BuildError> {
    let (input, source) = match &opts.input {
        Some(path) => (path.clone(), None),
        None => ("repl.io".to_string(), Some(EMPTY_PROGRAM.to_string())),
    };
    let stem = site_name(opts.input.as_deref());
    let wasm_name = format!("{stem}.wasm");
    let built = build::build(&BuildOptions {
        input,
        source,
        output: Some(dir.join(&wasm_name)),
        opt_level: opts.opt_level,
        component: false,
        quiet: opts.quiet,
        report: false,
        wasm_opt_output: true,
        browser: true,
        keep_all: opts.repl,
    })?;
    let module = std::fs::read(&built.output)
        .map_err(|e| BuildError::Failed(format!("cannot read {}: {e}", built.output.display())))?;
    let page = if opts.repl {
        let title = match &opts.input {
            Some(_) => format!("{stem}: Io REPL"),
            None => "Io REPL".to_string(),
        };
        fill(REPL_PAGE, &title, &wasm_name)
    } else {
        fill(APP_PAGE, &stem, &wasm_name)
    };
    write_file(&dir.join("io.js"), LOADER.as_bytes())?;
    write_file(&dir.join("index.html"), page.as_bytes())?;
    let files = vec![
        site_file(&wasm_name, &module),
        site_file("io.js", LOADER.as_bytes()),
        site_file("index.html", page.as_bytes()),
    ];
    Ok((files, built))
}

/// Move the site's files from `staging` into `out`, the page last.
fn move_into(staging: &Path, out: &Path, files: &[SiteFile]) -> Result<(), BuildError> {
    for f in files {
        std::fs::rename(staging.join(&f.name), out.join(&f.name)).map_err(|e| {
            BuildError::Failed(format!("cannot write {}: {e}", out.join(&f.name).display()))
        })?;
    }
    Ok(())
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), BuildError> {
    std::fs::write(path, bytes)
        .map_err(|e| BuildError::Failed(format!("cannot write {}: {e}", path.display())))
}

fn site_file(name: &str, bytes: &[u8]) -> SiteFile {
    SiteFile {
        name: name.to_string(),
        bytes: bytes.len(),
        gzip: gzip_size(bytes),
    }
}

/// The name of the site's module (without `.wasm`) and the page's title:
/// the program's file name without its extension, in the characters that
/// need no escaping in a URL; `repl` without a program.
pub fn site_name(input: Option<&str>) -> String {
    let Some(input) = input else {
        return "repl".to_string();
    };
    let stem = Path::new(input)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if name.trim_matches(['-', '.']).is_empty() {
        "app".to_string()
    } else {
        name
    }
}

/// A page template with its title (escaped) and module name filled in.
fn fill(template: &str, title: &str, wasm: &str) -> String {
    template
        .replace("{{title}}", &escape_html(title))
        .replace("{{wasm}}", &escape_html(wasm))
}

fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The length of `bytes` gzipped at the best compression.
pub fn gzip_size(bytes: &[u8]) -> usize {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    // (Writing to a Vec cannot fail.)
    match enc.write_all(bytes).and_then(|()| enc.finish()) {
        Ok(v) => v.len(),
        Err(_) => 0,
    }
}

/// The size report: one line per file and the total, raw and gzipped.
pub fn report(b: &Bundled) -> Vec<String> {
    let mut rows: Vec<(String, usize, usize)> = b
        .files
        .iter()
        .map(|f| (f.name.clone(), f.bytes, f.gzip))
        .collect();
    rows.push((
        "total".to_string(),
        b.files.iter().map(|f| f.bytes).sum(),
        b.files.iter().map(|f| f.gzip).sum(),
    ));
    let cells: Vec<[String; 3]> = std::iter::once(["file".into(), "bytes".into(), "gzip".into()])
        .chain(
            rows.into_iter()
                .map(|(name, raw, gz)| [name, size(raw), size(gz)]),
        )
        .collect();
    let width = |i: usize| cells.iter().map(|c| c[i].len()).max().unwrap_or(0);
    let (w0, w1, w2) = (width(0), width(1), width(2));
    cells
        .iter()
        .map(|[name, raw, gz]| format!("  {name:w0$}  {raw:>w1$}  {gz:>w2$}"))
        .collect()
}

/// `2,693,120 (2.6 MiB)`-style sizes.
fn size(n: usize) -> String {
    let digits = n.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let unit = if n >= 1 << 20 {
        format!("{:.1} MiB", n as f64 / (1u64 << 20) as f64)
    } else {
        format!("{:.1} KiB", n as f64 / 1024.0)
    };
    format!("{grouped} ({unit})")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_loader_stays_small() {
        assert!(LOADER.len() < 10 * 1024, "io.js is {} bytes", LOADER.len());
        assert!(!LOADER.contains("http://") && !LOADER.contains("https://"));
    }

    #[test]
    fn site_names_are_safe_in_urls() {
        assert_eq!(site_name(Some("examples/site/app.io")), "app");
        assert_eq!(site_name(Some("my game.io")), "my-game");
        assert_eq!(site_name(Some("<x>.io")), "-x-");
        assert_eq!(site_name(Some("...")), "app");
        assert_eq!(site_name(None), "repl");
    }

    #[test]
    fn pages_are_filled_and_escaped() {
        let page = fill(APP_PAGE, "a<b>&\"c\"", "app.wasm");
        assert!(page.contains("<title>a&lt;b&gt;&amp;&quot;c&quot;</title>"));
        assert!(page.contains(r#"src="io.js" data-wasm="app.wasm""#));
        assert!(!page.contains("{{"));
        let repl = fill(REPL_PAGE, "Io REPL", "repl.wasm");
        assert!(repl.contains(r#"data-wasm="repl.wasm""#));
        assert!(repl.contains(r#"id="io-input""#) && repl.contains("ioEval"));
        assert!(!repl.contains("{{"));
    }

    #[test]
    fn sizes_read_well() {
        assert_eq!(size(0), "0 (0.0 KiB)");
        assert_eq!(size(1536), "1,536 (1.5 KiB)");
        assert_eq!(size(2_693_120), "2,693,120 (2.6 MiB)");
        let small = gzip_size(&[b'a'; 10_000]);
        assert!(small > 18 && small < 200, "{small}");
    }

    #[test]
    fn nothing_is_bundled_without_a_program() {
        let dir = std::env::temp_dir().join(format!("ioc-bundle-none-{}", std::process::id()));
        let r = bundle(&BundleOptions {
            input: None,
            output: dir.clone(),
            opt_level: OptLevel::O2,
            repl: false,
            quiet: true,
        });
        assert!(matches!(r, Err(BuildError::Failed(_))));
        assert!(!dir.exists());
    }
}
