//! The last rewrite of a built module (walrus): the compiled functions are
//! added (see backend::wasm), the exports that only the
//! build uses are removed, and the code that only they reached with them, so
//! the module exports its memory, `_start` and the runtime's entry points for
//! compiled code (`io_rt_*`); and the snapshot's memory is packed into one
//! data segment that the start function unpacks (see `pack`), or, where it
//! cannot be, its data segments are cut around their runs of zeros (a
//! module's memory starts zeroed).
//!
//! A module for a page keeps the runner's JavaScript bridge: the import
//! `io_js.op` and the exports the page's loader calls. A WASI module has
//! neither: the import becomes a function answering "no JavaScript host".

/// Exports of the runner that exist for `ioc build` and not for a run.
const BUILD_ONLY_EXPORTS: &[&str] = &[
    "io_image_reserve",
    "io_library_reserve",
    "io_boot",
    "__main_void",
];

/// Exports that only a page's loader calls (see runner/src/page.rs).
const PAGE_EXPORTS: &[&str] = &[
    "io_js_alloc",
    "io_js_callback",
    "io_js_release_callback",
    "io_browser_start",
    "io_browser_tick",
    "io_browser_eval",
];

/// The import module of the JavaScript bridge.
const JS_IMPORT_MODULE: &str = "io_js";

/// What `io_js.op` answers without a JavaScript host (runner/src/page.rs).
const STATUS_NO_HOST: i32 = 3;

/// `module` without the build's own exports and what only they reached,
/// nor the natives at `dead_natives` (function-table indices) that
/// tree-shaking found no code can reach; for a page (`browser`), with the
/// JavaScript bridge.
pub fn finish(
    module: &[u8],
    analysis: Option<&crate::passes::Analysis>,
    dead_natives: &[u32],
    browser: bool,
) -> Result<Vec<u8>, String> {
    let mut m =
        walrus::Module::from_buffer(module).map_err(|e| format!("reading the module: {e}"))?;
    crate::backend::wasm::link(&mut m, analysis)?;
    drop_natives(&mut m, dead_natives)?;
    if !browser {
        stub_js_imports(&mut m)?;
    }
    let drop: Vec<walrus::ExportId> = m
        .exports
        .iter()
        .filter(|e| {
            BUILD_ONLY_EXPORTS.contains(&e.name.as_str())
                || (!browser && PAGE_EXPORTS.contains(&e.name.as_str()))
        })
        .map(|e| e.id())
        .collect();
    for id in drop {
        m.exports.delete(id);
    }
    walrus::passes::gc::run(&mut m);
    if !super::pack::pack(&mut m) {
        drop_zero_runs(&mut m);
    }
    // (Which tools made the module, and the features it was built with:
    // nothing a host reads.)
    m.producers.clear();
    let features: Vec<_> = m
        .customs
        .iter()
        .filter(|(_, c)| c.name() == "target_features")
        .map(|(id, _)| id)
        .collect();
    for id in features {
        m.customs.delete(id);
    }
    Ok(m.emit_wasm())
}

/// Replace each import of the JavaScript bridge by a function that answers
/// "no JavaScript host".
fn stub_js_imports(m: &mut walrus::Module) -> Result<(), String> {
    let funcs: Vec<walrus::FunctionId> = m
        .imports
        .iter()
        .filter(|i| i.module == JS_IMPORT_MODULE)
        .filter_map(|i| match i.kind {
            walrus::ImportKind::Function(f) => Some(f),
            _ => None,
        })
        .collect();
    for f in funcs {
        let ty = m.types.get(m.funcs.get(f).ty());
        if ty.results() != [walrus::ValType::I32] {
            return Err("the runner's io_js import has an unexpected type".into());
        }
        m.replace_imported_func(f, |(body, _)| {
            body.i32_const(STATUS_NO_HOST);
        })
        .map_err(|e| format!("stubbing the JavaScript bridge: {e}"))?;
    }
    Ok(())
}

/// Point the function-table entries at `indices` to a function that traps
/// (one per function type), so that the natives they held, and the code
/// only those reached, are collected with the rest. Nothing calls them: no
/// object holds them any more.
fn drop_natives(m: &mut walrus::Module, indices: &[u32]) -> Result<(), String> {
    if indices.is_empty() {
        return Ok(());
    }
    let dead: std::collections::HashSet<u32> = indices.iter().copied().collect();
    let mut traps: std::collections::HashMap<walrus::TypeId, walrus::FunctionId> =
        Default::default();
    let segments: Vec<walrus::ElementId> = m.elements.iter().map(|e| e.id()).collect();
    for id in segments {
        let at = match &m.elements.get(id).kind {
            walrus::ElementKind::Active {
                offset: walrus::ConstExpr::Value(walrus::ir::Value::I32(at)),
                ..
            } => *at as u32,
            _ => continue,
        };
        let walrus::ElementItems::Functions(funcs) = &m.elements.get(id).items else {
            continue;
        };
        let mut funcs = funcs.clone();
        for (i, f) in funcs.iter_mut().enumerate() {
            if !dead.contains(&(at + i as u32)) {
                continue;
            }
            let ty = m.funcs.get(*f).ty();
            *f = match traps.get(&ty) {
                Some(&t) => t,
                None => {
                    let (params, results) = {
                        let t = m.types.get(ty);
                        (t.params().to_vec(), t.results().to_vec())
                    };
                    let mut b = walrus::FunctionBuilder::new(&mut m.types, &params, &results);
                    b.func_body().unreachable();
                    let args = params.iter().map(|&p| m.locals.add(p)).collect();
                    let t = b.finish(args, &mut m.funcs);
                    traps.insert(ty, t);
                    t
                }
            };
        }
        m.elements.get_mut(id).items = walrus::ElementItems::Functions(funcs);
    }
    if traps.is_empty() {
        return Err("tree-shaking named natives the module's table does not hold".into());
    }
    Ok(())
}

/// The most data segments a module may have in web engines (V8's limit).
const MAX_SEGMENTS: usize = 100_000;

/// Split the active data segments at every run of at least `gap` zero
/// bytes, with the smallest gap (from 8 bytes, about a segment header) that
/// keeps within `MAX_SEGMENTS`.
fn drop_zero_runs(m: &mut walrus::Module) {
    let mut segments = Vec::new();
    let mut kept = 0usize;
    for d in m.data.iter() {
        match (&d.kind, d.value.is_empty()) {
            (
                walrus::DataKind::Active {
                    memory,
                    offset: walrus::ConstExpr::Value(walrus::ir::Value::I32(at)),
                },
                false,
            ) => segments.push((d.id(), *memory, *at as u32, d.value.clone())),
            _ => kept += 1,
        }
    }
    let mut gap = 8;
    let pieces = loop {
        let pieces: Vec<(walrus::MemoryId, u32, &[u8])> = segments
            .iter()
            .flat_map(|(_, mem, at, bytes)| {
                nonzero_runs(bytes, gap)
                    .into_iter()
                    .map(move |(start, run)| (*mem, at + start as u32, run))
            })
            .collect();
        if kept + pieces.len() <= MAX_SEGMENTS {
            break pieces;
        }
        gap *= 2;
    };
    let pieces: Vec<(walrus::MemoryId, u32, Vec<u8>)> = pieces
        .into_iter()
        .map(|(mem, at, run)| (mem, at, run.to_vec()))
        .collect();
    for (id, ..) in &segments {
        m.data.delete(*id);
    }
    for (memory, at, bytes) in pieces {
        let offset = walrus::ConstExpr::Value(walrus::ir::Value::I32(at as i32));
        m.data
            .add(walrus::DataKind::Active { memory, offset }, bytes);
    }
}

/// The parts of `bytes` between runs of at least `gap` zeros, with their
/// offsets.
fn nonzero_runs(bytes: &[u8], gap: usize) -> Vec<(usize, &[u8])> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == 0 {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        let mut zeros = 0;
        while i < bytes.len() && zeros < gap {
            if bytes[i] == 0 {
                zeros += 1;
            } else {
                zeros = 0;
                end = i + 1;
            }
            i += 1;
        }
        runs.push((start, &bytes[start..end]));
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::nonzero_runs;

    #[test]
    fn runs_split_at_long_zero_gaps_only() {
        let bytes = [0, 0, 1, 2, 0, 3, 0, 0, 0, 0, 4, 0, 0];
        let runs = nonzero_runs(&bytes, 3);
        assert_eq!(runs, vec![(2, &[1, 2, 0, 3][..]), (10, &[4][..])]);
        assert!(nonzero_runs(&[0; 10], 2).is_empty());
    }
}
