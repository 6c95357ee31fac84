//! The last rewrite of a built module (walrus): the exports that only the
//! build uses are removed, and the code that only they reached with them, so
//! the module exports its memory and `_start` alone.

/// Exports of the runner that exist for `ioc build` and not for a run.
const BUILD_ONLY_EXPORTS: &[&str] = &["io_image_reserve", "__main_void"];

/// `module` without the build's own exports and what only they reached.
pub fn finish(module: &[u8]) -> Result<Vec<u8>, String> {
    let mut m =
        walrus::Module::from_buffer(module).map_err(|e| format!("reading the module: {e}"))?;
    let drop: Vec<walrus::ExportId> = m
        .exports
        .iter()
        .filter(|e| BUILD_ONLY_EXPORTS.contains(&e.name.as_str()))
        .map(|e| e.id())
        .collect();
    for id in drop {
        m.exports.delete(id);
    }
    walrus::passes::gc::run(&mut m);
    Ok(m.emit_wasm())
}
