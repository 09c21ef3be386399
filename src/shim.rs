//! The init script every renderer runs before the page: the value codec, Node helpers, the
//! `require('electron')` shim (`preload/shim.js`) and the lab's preload, in one closure so the
//! page can reach none of them.

use serde_json::json;

use crate::value::CODEC_JS;

const SHIM_JS: &str = include_str!("../preload/shim.js");
const NODE_JS: &str = include_str!("runtime/js/node.js");

pub struct ShimConfig<'a> {
    pub token: &'a str,
    pub deliver: &'a str,
    pub web_contents_id: u32,
    pub process_id: u32,
    /// Path and source of the lab's preload.js.
    pub preload: Option<(String, &'a str)>,
}

pub fn init_script(config: &ShimConfig) -> String {
    let shim_config = json!({
        "token": config.token,
        "deliver": config.deliver,
        "webContentsId": config.web_contents_id,
        "processId": config.process_id,
        "preload": config.preload.as_ref().map(|(path, source)| json!({"path": path, "source": source})),
    });
    format!("(function () {{\nconst shimConfig = {shim_config};\n{CODEC_JS}\n{NODE_JS}\n{SHIM_JS}\n}})();\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_preload_travels_as_data_so_its_syntax_errors_cannot_break_the_shim() {
        let script = init_script(&ShimConfig {
            token: "t",
            deliver: "d",
            web_contents_id: 1,
            process_id: 2,
            preload: Some(("/lab/preload.js".into(), "this is not }} javascript")),
        });
        assert!(script.contains(r#""source":"this is not }} javascript""#));
        assert!(script.starts_with("(function () {"));
    }
}
