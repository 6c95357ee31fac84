//! Host I/O: the one trait through which the runtime reaches the outside world
//! (output, files, clock, environment). The runtime never calls std::fs or
//! std::io directly; each host (native std, WASI, browser) implements this.

use std::io;

pub trait Host {
    fn write_stdout(&mut self, bytes: &[u8]);
    fn write_stderr(&mut self, bytes: &[u8]);
    fn flush(&mut self) {}
    fn read_file(&mut self, path: &str) -> io::Result<Vec<u8>>;
    fn env_var(&mut self, name: &str) -> Option<String>;
    /// Seconds since some fixed point, monotonic.
    fn clock(&mut self) -> f64;
    /// Seconds since the Unix epoch.
    fn now(&mut self) -> f64;
    /// Block for `seconds` (the scheduler's only idle point). Hosts that
    /// cannot block return at once; the scheduler then checks the clock again.
    fn sleep(&mut self, _seconds: f64) {}
    fn random_u64(&mut self) -> u64;

    // ---- file system -----------------------------------------------------
    // Paths are given as the program wrote them: relative paths are taken from
    // the current directory. Hosts without a file system keep the defaults,
    // which fail with `Unsupported`.

    /// Facts about the entry at `path` (symbolic links followed).
    fn stat(&mut self, _path: &str) -> io::Result<FileInfo> {
        Err(unsupported())
    }
    /// Replaces the file's contents with `bytes`, creating it if missing.
    fn write_file(&mut self, _path: &str, _bytes: &[u8]) -> io::Result<()> {
        Err(unsupported())
    }
    /// Appends `bytes` to the file, creating it if missing.
    fn append_file(&mut self, _path: &str, _bytes: &[u8]) -> io::Result<()> {
        Err(unsupported())
    }
    fn remove_file(&mut self, _path: &str) -> io::Result<()> {
        Err(unsupported())
    }
    /// Moves a file or directory, replacing a destination file.
    fn rename(&mut self, _from: &str, _to: &str) -> io::Result<()> {
        Err(unsupported())
    }
    /// Names of the entries of a directory (not full paths), without `.` and
    /// `..`, sorted by bytes.
    fn list_dir(&mut self, _path: &str) -> io::Result<Vec<String>> {
        Err(unsupported())
    }
    /// Makes one directory (its parent must exist).
    fn create_dir(&mut self, _path: &str) -> io::Result<()> {
        Err(unsupported())
    }
    /// Removes an empty directory.
    fn remove_dir(&mut self, _path: &str) -> io::Result<()> {
        Err(unsupported())
    }
    fn current_dir(&mut self) -> io::Result<String> {
        Err(unsupported())
    }
    fn set_current_dir(&mut self, _path: &str) -> io::Result<()> {
        Err(unsupported())
    }

    // ---- JavaScript ------------------------------------------------------
    // The bridge to a JavaScript host (a bundled module in a page). Hosts
    // without one keep the default, which every `JS` method reports.

    /// Perform `op` on the host's value `target` (a handle the host gave
    /// out), with the property name `key` and the arguments `args`. When
    /// JavaScript calls an Io block meanwhile (an `Array.map` callback, an
    /// event that the request dispatched), the host runs it with `reenter`,
    /// lending itself back to the VM for that run.
    fn js(
        &mut self,
        _op: JsOp,
        _target: u32,
        _key: &str,
        _args: &[JsValue],
        _reenter: &mut Reenter<'_>,
    ) -> JsResult {
        Err(JsError::Unavailable)
    }
}

/// Runs an Io block that JavaScript calls during a `Host::js` request: given
/// the host itself, the block's callback id and the arguments, answers what
/// the block did.
pub type Reenter<'a> = dyn FnMut(&mut dyn Host, u32, Vec<JsValue>) -> JsCallback + 'a;

/// What a block called from JavaScript did, for the host to hand back.
#[derive(Clone, Debug, PartialEq)]
pub enum JsCallback {
    /// It answered this value.
    Value(JsValue),
    /// It raised: the exception's text (JavaScript throws an Error with it).
    Raised(String),
}

/// The host a VM has while it lends its own to a `Host::js` request: its
/// methods go to the lent host, for a run that JavaScript started during
/// the request (see `protos::js`). Without one, it is a host of nothing.
pub struct Lent(Option<*mut dyn Host>);

impl Lent {
    /// A placeholder for the time of a request.
    pub fn none() -> Lent {
        Lent(None)
    }

    /// # Safety
    /// `host` stays valid, and is used by nothing else, while the VM has
    /// this Lent as its host.
    pub unsafe fn new(host: &mut dyn Host) -> Lent {
        let p: *mut (dyn Host + '_) = host;
        // The lifetime is erased: the caller keeps the Lent no longer than
        // the borrow it came from.
        Lent(Some(unsafe {
            std::mem::transmute::<*mut (dyn Host + '_), *mut (dyn Host + 'static)>(p)
        }))
    }

    fn host(&mut self) -> Option<&mut dyn Host> {
        // SAFETY: see `Lent::new`.
        self.0.map(|p| unsafe { &mut *p })
    }
}

impl Host for Lent {
    fn write_stdout(&mut self, bytes: &[u8]) {
        if let Some(h) = self.host() {
            h.write_stdout(bytes)
        }
    }
    fn write_stderr(&mut self, bytes: &[u8]) {
        if let Some(h) = self.host() {
            h.write_stderr(bytes)
        }
    }
    fn flush(&mut self) {
        if let Some(h) = self.host() {
            h.flush()
        }
    }
    fn read_file(&mut self, path: &str) -> io::Result<Vec<u8>> {
        self.host()
            .map_or_else(|| Err(unsupported()), |h| h.read_file(path))
    }
    fn env_var(&mut self, name: &str) -> Option<String> {
        self.host()?.env_var(name)
    }
    fn clock(&mut self) -> f64 {
        self.host().map_or(0.0, |h| h.clock())
    }
    fn now(&mut self) -> f64 {
        self.host().map_or(0.0, |h| h.now())
    }
    fn sleep(&mut self, seconds: f64) {
        if let Some(h) = self.host() {
            h.sleep(seconds)
        }
    }
    fn random_u64(&mut self) -> u64 {
        self.host().map_or(4, |h| h.random_u64())
    }
    fn stat(&mut self, path: &str) -> io::Result<FileInfo> {
        self.host()
            .map_or_else(|| Err(unsupported()), |h| h.stat(path))
    }
    fn write_file(&mut self, path: &str, bytes: &[u8]) -> io::Result<()> {
        self.host()
            .map_or_else(|| Err(unsupported()), |h| h.write_file(path, bytes))
    }
    fn append_file(&mut self, path: &str, bytes: &[u8]) -> io::Result<()> {
        self.host()
            .map_or_else(|| Err(unsupported()), |h| h.append_file(path, bytes))
    }
    fn remove_file(&mut self, path: &str) -> io::Result<()> {
        self.host()
            .map_or_else(|| Err(unsupported()), |h| h.remove_file(path))
    }
    fn rename(&mut self, from: &str, to: &str) -> io::Result<()> {
        self.host()
            .map_or_else(|| Err(unsupported()), |h| h.rename(from, to))
    }
    fn list_dir(&mut self, path: &str) -> io::Result<Vec<String>> {
        self.host()
            .map_or_else(|| Err(unsupported()), |h| h.list_dir(path))
    }
    fn create_dir(&mut self, path: &str) -> io::Result<()> {
        self.host()
            .map_or_else(|| Err(unsupported()), |h| h.create_dir(path))
    }
    fn remove_dir(&mut self, path: &str) -> io::Result<()> {
        self.host()
            .map_or_else(|| Err(unsupported()), |h| h.remove_dir(path))
    }
    fn current_dir(&mut self) -> io::Result<String> {
        self.host()
            .map_or_else(|| Err(unsupported()), |h| h.current_dir())
    }
    fn set_current_dir(&mut self, path: &str) -> io::Result<()> {
        self.host()
            .map_or_else(|| Err(unsupported()), |h| h.set_current_dir(path))
    }
    fn js(
        &mut self,
        op: JsOp,
        target: u32,
        key: &str,
        args: &[JsValue],
        reenter: &mut Reenter<'_>,
    ) -> JsResult {
        match self.host() {
            Some(h) => h.js(op, target, key, args, reenter),
            None => Err(JsError::Unavailable),
        }
    }
}

/// A value crossing between Io and a JavaScript host.
#[derive(Clone, Debug, PartialEq)]
pub enum JsValue {
    Undefined,
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    /// A JavaScript value the host keeps, by its handle (never 0).
    Handle(u32),
    /// An Io block registered for the host to call back (see `protos::js`).
    Callback(u32),
}

/// What the JavaScript host is asked to do. The numbers are the ABI of the
/// browser host's `io_js.op` import.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum JsOp {
    /// The handle of `globalThis`.
    Global = 0,
    /// `target[key]`.
    Get = 1,
    /// `target[key] = args[0]`.
    Set = 2,
    /// `target[key](...args)`, with `this` bound to `target`.
    Call = 3,
    /// `target(...args)`.
    Apply = 4,
    /// `new target(...args)`.
    New = 5,
    /// Forget the handle `target` (its Io wrapper was collected).
    Release = 6,
    /// `typeof target`.
    TypeOf = 7,
    /// `target instanceof args[0]`.
    InstanceOf = 8,
    /// A message sent on to JavaScript: `target[key](...args)` when that is
    /// a function, else `target[key]` when there are no arguments, else
    /// `Invalid`.
    Send = 9,
}

/// Why a `Host::js` request failed.
#[derive(Clone, Debug, PartialEq)]
pub enum JsError {
    /// No JavaScript host: the module does not run in a page.
    Unavailable,
    /// JavaScript threw: `name: message`.
    Thrown(String),
    /// The request itself was bad (an unknown handle).
    Invalid(String),
}

pub type JsResult = Result<JsValue, JsError>;

/// What `Host::stat` reports about a file system entry.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FileInfo {
    pub is_dir: bool,
    pub is_file: bool,
    /// The path itself is a symbolic link (before following it).
    pub is_symlink: bool,
    pub size: u64,
    /// Last data change, in seconds since the Unix epoch (0 when unknown).
    pub modified: f64,
    /// Last access, in seconds since the Unix epoch (0 when unknown).
    pub accessed: f64,
    pub readonly: bool,
}

fn unsupported() -> io::Error {
    io::Error::new(
        io::ErrorKind::Unsupported,
        "file system not available on this host",
    )
}

/// Seconds since the Unix epoch of a file time, or 0 when unknown.
fn epoch_secs(t: io::Result<std::time::SystemTime>) -> f64 {
    match t {
        Ok(t) => match t.duration_since(std::time::UNIX_EPOCH) {
            Ok(d) => d.as_secs_f64(),
            Err(e) => -e.duration().as_secs_f64(),
        },
        Err(_) => 0.0,
    }
}

/// Host on Rust's std (native and wasm32-wasip1).
pub struct StdHost {
    start: std::time::Instant,
    out: io::BufWriter<io::Stdout>,
    seed: u64,
}

impl Default for StdHost {
    fn default() -> Self {
        StdHost::new()
    }
}

impl StdHost {
    pub fn new() -> StdHost {
        let seed = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(0x9E37_79B9_7F4A_7C15);
        StdHost {
            start: std::time::Instant::now(),
            out: io::BufWriter::with_capacity(1 << 16, io::stdout()),
            seed: seed | 1,
        }
    }
}

impl Host for StdHost {
    fn write_stdout(&mut self, bytes: &[u8]) {
        use io::Write;
        let _ = self.out.write_all(bytes);
    }
    fn write_stderr(&mut self, bytes: &[u8]) {
        use io::Write;
        let _ = self.out.flush();
        let _ = io::stderr().write_all(bytes);
    }
    fn flush(&mut self) {
        use io::Write;
        let _ = self.out.flush();
    }
    fn read_file(&mut self, path: &str) -> io::Result<Vec<u8>> {
        std::fs::read(path)
    }
    fn env_var(&mut self, name: &str) -> Option<String> {
        std::env::var(name).ok()
    }
    fn clock(&mut self) -> f64 {
        self.start.elapsed().as_secs_f64()
    }
    fn now(&mut self) -> f64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs_f64())
            .unwrap_or(0.0)
    }
    fn sleep(&mut self, seconds: f64) {
        if seconds.is_finite() && seconds > 0.0 {
            std::thread::sleep(std::time::Duration::from_secs_f64(seconds.min(1e9)));
        }
    }
    fn random_u64(&mut self) -> u64 {
        // xorshift64*
        let mut x = self.seed;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.seed = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn stat(&mut self, path: &str) -> io::Result<FileInfo> {
        let m = std::fs::metadata(path)?;
        let is_symlink = std::fs::symlink_metadata(path)
            .map(|l| l.file_type().is_symlink())
            .unwrap_or(false);
        Ok(FileInfo {
            is_dir: m.is_dir(),
            is_file: m.is_file(),
            is_symlink,
            size: m.len(),
            modified: epoch_secs(m.modified()),
            accessed: epoch_secs(m.accessed()),
            readonly: m.permissions().readonly(),
        })
    }
    fn write_file(&mut self, path: &str, bytes: &[u8]) -> io::Result<()> {
        std::fs::write(path, bytes)
    }
    fn append_file(&mut self, path: &str, bytes: &[u8]) -> io::Result<()> {
        use io::Write;
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .create(true)
            .open(path)?;
        f.write_all(bytes)
    }
    fn remove_file(&mut self, path: &str) -> io::Result<()> {
        std::fs::remove_file(path)
    }
    fn rename(&mut self, from: &str, to: &str) -> io::Result<()> {
        std::fs::rename(from, to)
    }
    fn list_dir(&mut self, path: &str) -> io::Result<Vec<String>> {
        let mut names = Vec::new();
        for entry in std::fs::read_dir(path)? {
            names.push(entry?.file_name().to_string_lossy().into_owned());
        }
        names.sort();
        Ok(names)
    }
    fn create_dir(&mut self, path: &str) -> io::Result<()> {
        std::fs::create_dir(path)
    }
    fn remove_dir(&mut self, path: &str) -> io::Result<()> {
        std::fs::remove_dir(path)
    }
    fn current_dir(&mut self) -> io::Result<String> {
        std::env::current_dir().map(|p| p.to_string_lossy().into_owned())
    }
    fn set_current_dir(&mut self, path: &str) -> io::Result<()> {
        std::env::set_current_dir(path)
    }
}

/// A host that captures output in memory (tests, embedding). Its file system
/// is in memory too: `files` maps absolute paths (`/dir/name`) to contents,
/// `dirs` holds the directories made by `create_dir` (a directory also exists
/// while some file lies below it), and relative paths are taken from the
/// current directory, initially `/`.
#[derive(Default)]
pub struct MemoryHost {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub files: std::collections::BTreeMap<String, Vec<u8>>,
    pub dirs: std::collections::BTreeSet<String>,
    cwd: String,
    ticks: f64,
    /// Seconds slept: the memory host's wall clock advances only by sleeping.
    slept: f64,
}

fn mem_error(kind: io::ErrorKind, text: &str) -> io::Error {
    io::Error::new(kind, text.to_string())
}

fn not_found() -> io::Error {
    mem_error(io::ErrorKind::NotFound, "No such file or directory")
}

impl MemoryHost {
    /// `path` as an absolute path without `.`, `..` or repeated separators.
    pub fn resolve(&self, path: &str) -> String {
        let mut parts: Vec<&str> = Vec::new();
        if !path.starts_with('/') {
            parts.extend(self.cwd.split('/').filter(|c| !c.is_empty()));
        }
        for c in path.split('/') {
            match c {
                "" | "." => {}
                ".." => {
                    parts.pop();
                }
                _ => parts.push(c),
            }
        }
        let mut out = String::new();
        for c in &parts {
            out.push('/');
            out.push_str(c);
        }
        if out.is_empty() {
            out.push('/');
        }
        out
    }

    fn child_prefix(p: &str) -> String {
        if p == "/" {
            "/".to_string()
        } else {
            format!("{p}/")
        }
    }

    fn is_dir_at(&self, p: &str) -> bool {
        if p == "/" || self.dirs.contains(p) {
            return true;
        }
        let prefix = Self::child_prefix(p);
        self.files.keys().any(|k| k.starts_with(&prefix))
            || self.dirs.iter().any(|d| d.starts_with(&prefix))
    }

    fn parent_ok(&self, p: &str) -> io::Result<()> {
        let parent = match p.rfind('/') {
            Some(0) | None => "/",
            Some(i) => &p[..i],
        };
        if self.is_dir_at(parent) {
            Ok(())
        } else if self.files.contains_key(parent) {
            Err(mem_error(io::ErrorKind::Other, "Not a directory"))
        } else {
            Err(not_found())
        }
    }

    /// Adds or replaces a file (path as `resolve` takes it).
    pub fn add_file(&mut self, path: &str, bytes: &[u8]) {
        let p = self.resolve(path);
        self.files.insert(p, bytes.to_vec());
    }
}

impl Host for MemoryHost {
    fn write_stdout(&mut self, bytes: &[u8]) {
        self.stdout.extend_from_slice(bytes);
    }
    fn write_stderr(&mut self, bytes: &[u8]) {
        self.stderr.extend_from_slice(bytes);
    }
    fn read_file(&mut self, path: &str) -> io::Result<Vec<u8>> {
        if let Some(b) = self.files.get(path) {
            return Ok(b.clone());
        }
        let p = self.resolve(path);
        if let Some(b) = self.files.get(&p) {
            return Ok(b.clone());
        }
        if self.is_dir_at(&p) {
            return Err(mem_error(io::ErrorKind::Other, "Is a directory"));
        }
        Err(not_found())
    }
    fn env_var(&mut self, _name: &str) -> Option<String> {
        None
    }
    fn clock(&mut self) -> f64 {
        self.ticks += 0.001;
        self.ticks
    }
    fn now(&mut self) -> f64 {
        self.slept
    }
    fn sleep(&mut self, seconds: f64) {
        if seconds.is_finite() && seconds > 0.0 {
            self.slept += seconds;
        }
    }
    fn random_u64(&mut self) -> u64 {
        4
    }
    fn stat(&mut self, path: &str) -> io::Result<FileInfo> {
        let p = self.resolve(path);
        if let Some(b) = self.files.get(&p) {
            return Ok(FileInfo {
                is_file: true,
                size: b.len() as u64,
                ..FileInfo::default()
            });
        }
        if self.is_dir_at(&p) {
            return Ok(FileInfo {
                is_dir: true,
                ..FileInfo::default()
            });
        }
        Err(not_found())
    }
    fn write_file(&mut self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let p = self.resolve(path);
        if self.is_dir_at(&p) {
            return Err(mem_error(io::ErrorKind::Other, "Is a directory"));
        }
        self.parent_ok(&p)?;
        self.files.insert(p, bytes.to_vec());
        Ok(())
    }
    fn append_file(&mut self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let p = self.resolve(path);
        if self.is_dir_at(&p) {
            return Err(mem_error(io::ErrorKind::Other, "Is a directory"));
        }
        self.parent_ok(&p)?;
        self.files.entry(p).or_default().extend_from_slice(bytes);
        Ok(())
    }
    fn remove_file(&mut self, path: &str) -> io::Result<()> {
        let p = self.resolve(path);
        if self.files.remove(&p).is_some() {
            return Ok(());
        }
        if self.is_dir_at(&p) {
            return Err(mem_error(io::ErrorKind::Other, "Is a directory"));
        }
        Err(not_found())
    }
    fn rename(&mut self, from: &str, to: &str) -> io::Result<()> {
        let a = self.resolve(from);
        let b = self.resolve(to);
        if a == b {
            return self.stat(&a).map(|_| ());
        }
        if let Some(bytes) = self.files.get(&a).cloned() {
            if self.is_dir_at(&b) {
                return Err(mem_error(io::ErrorKind::Other, "Is a directory"));
            }
            self.parent_ok(&b)?;
            self.files.remove(&a);
            self.files.insert(b, bytes);
            return Ok(());
        }
        if !self.is_dir_at(&a) || a == "/" {
            return Err(not_found());
        }
        let from_prefix = Self::child_prefix(&a);
        if b.starts_with(&from_prefix) {
            return Err(mem_error(io::ErrorKind::Other, "Invalid argument"));
        }
        if self.files.contains_key(&b) {
            return Err(mem_error(io::ErrorKind::Other, "Not a directory"));
        }
        if self.is_dir_at(&b) && !self.list_dir(&b)?.is_empty() {
            return Err(mem_error(io::ErrorKind::Other, "Directory not empty"));
        }
        self.parent_ok(&b)?;
        let to_prefix = Self::child_prefix(&b);
        let moved: Vec<String> = self
            .files
            .keys()
            .filter(|k| k.starts_with(&from_prefix))
            .cloned()
            .collect();
        for k in moved {
            if let Some(v) = self.files.remove(&k) {
                let nk = format!("{to_prefix}{}", &k[from_prefix.len()..]);
                self.files.insert(nk, v);
            }
        }
        let moved: Vec<String> = self
            .dirs
            .iter()
            .filter(|d| d.starts_with(&from_prefix))
            .cloned()
            .collect();
        for d in moved {
            self.dirs.remove(&d);
            self.dirs
                .insert(format!("{to_prefix}{}", &d[from_prefix.len()..]));
        }
        self.dirs.remove(&a);
        self.dirs.insert(b);
        Ok(())
    }
    fn list_dir(&mut self, path: &str) -> io::Result<Vec<String>> {
        let p = self.resolve(path);
        if !self.is_dir_at(&p) {
            if self.files.contains_key(&p) {
                return Err(mem_error(io::ErrorKind::Other, "Not a directory"));
            }
            return Err(not_found());
        }
        let prefix = Self::child_prefix(&p);
        let mut names: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
        for k in self.files.keys().chain(self.dirs.iter()) {
            if let Some(rest) = k.strip_prefix(&prefix) {
                if let Some(first) = rest.split('/').next() {
                    if !first.is_empty() {
                        names.insert(first.to_string());
                    }
                }
            }
        }
        Ok(names.into_iter().collect())
    }
    fn create_dir(&mut self, path: &str) -> io::Result<()> {
        let p = self.resolve(path);
        if self.files.contains_key(&p) || self.is_dir_at(&p) {
            return Err(mem_error(io::ErrorKind::AlreadyExists, "File exists"));
        }
        self.parent_ok(&p)?;
        self.dirs.insert(p);
        Ok(())
    }
    fn remove_dir(&mut self, path: &str) -> io::Result<()> {
        let p = self.resolve(path);
        if self.files.contains_key(&p) {
            return Err(mem_error(io::ErrorKind::Other, "Not a directory"));
        }
        if !self.is_dir_at(&p) {
            return Err(not_found());
        }
        if p == "/" || !self.list_dir(&p)?.is_empty() {
            return Err(mem_error(io::ErrorKind::Other, "Directory not empty"));
        }
        self.dirs.remove(&p);
        Ok(())
    }
    fn current_dir(&mut self) -> io::Result<String> {
        Ok(self.resolve("."))
    }
    fn set_current_dir(&mut self, path: &str) -> io::Result<()> {
        let p = self.resolve(path);
        if !self.is_dir_at(&p) {
            return Err(not_found());
        }
        self.cwd = p;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_host_file_system() {
        let mut h = MemoryHost::default();
        assert!(h.create_dir("/a/b").is_err());
        h.create_dir("a").unwrap();
        h.create_dir("/a/b").unwrap();
        h.write_file("a/f.txt", b"one").unwrap();
        h.append_file("a/f.txt", b"two").unwrap();
        assert_eq!(h.read_file("/a/./b/../f.txt").unwrap(), b"onetwo");
        assert_eq!(h.list_dir("a").unwrap(), vec!["b", "f.txt"]);
        assert!(h.stat("a").unwrap().is_dir);
        assert_eq!(h.stat("a/f.txt").unwrap().size, 6);
        assert!(h.remove_dir("a").is_err());
        h.set_current_dir("a").unwrap();
        assert_eq!(h.current_dir().unwrap(), "/a");
        h.rename("f.txt", "b/g.txt").unwrap();
        assert!(h.stat("/a/f.txt").is_err());
        h.rename("/a/b", "/c").unwrap();
        assert_eq!(h.read_file("/c/g.txt").unwrap(), b"onetwo");
        h.remove_file("/c/g.txt").unwrap();
        h.remove_dir("/c").unwrap();
        assert_eq!(h.list_dir("/").unwrap(), vec!["a"]);
        assert!(h.remove_file("nothing").is_err());
    }
}
