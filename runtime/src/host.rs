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
    fn random_u64(&mut self) -> u64;
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
    fn random_u64(&mut self) -> u64 {
        // xorshift64*
        let mut x = self.seed;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.seed = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

/// A host that captures output in memory (tests, embedding).
#[derive(Default)]
pub struct MemoryHost {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub files: std::collections::HashMap<String, Vec<u8>>,
    ticks: f64,
}

impl Host for MemoryHost {
    fn write_stdout(&mut self, bytes: &[u8]) {
        self.stdout.extend_from_slice(bytes);
    }
    fn write_stderr(&mut self, bytes: &[u8]) {
        self.stderr.extend_from_slice(bytes);
    }
    fn read_file(&mut self, path: &str) -> io::Result<Vec<u8>> {
        self.files
            .get(path)
            .cloned()
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "No such file or directory"))
    }
    fn env_var(&mut self, _name: &str) -> Option<String> {
        None
    }
    fn clock(&mut self) -> f64 {
        self.ticks += 0.001;
        self.ticks
    }
    fn now(&mut self) -> f64 {
        0.0
    }
    fn random_u64(&mut self) -> u64 {
        4
    }
}
