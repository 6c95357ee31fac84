//! `--component`: the module wrapped as a WASI preview-2 command component,
//! its preview-1 imports served by the standard adapter.

use wasi_preview1_component_adapter_provider::WASI_SNAPSHOT_PREVIEW1_COMMAND_ADAPTER;

/// The component for a built module.
pub fn componentize(module: &[u8]) -> Result<Vec<u8>, String> {
    let fail = |e: anyhow::Error| format!("making the component failed: {e:?}");
    wit_component::ComponentEncoder::default()
        .module(module)
        .map_err(fail)?
        .adapter(
            "wasi_snapshot_preview1",
            WASI_SNAPSHOT_PREVIEW1_COMMAND_ADAPTER,
        )
        .map_err(fail)?
        .validate(true)
        .encode()
        .map_err(fail)
}
