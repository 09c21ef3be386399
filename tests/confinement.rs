//! No way out of the lab through main.js's `fs`: symlinks in the lab (dangling ones and
//! chains) are followed to their end before anything is written, and bad paths get Node's
//! own errors.

mod common;

use std::path::Path;

use common::*;

#[test]
fn fs_cannot_write_outside_the_lab_through_dangling_symlinks_and_bad_paths_get_nodes_errors() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let (lab, outside) = (root.join("lab"), root.join("outside"));
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::create_dir_all(&lab).unwrap();
    let source = test_lab("fs-escape").join("main.js");
    std::fs::copy(source, lab.join("main.js")).unwrap();
    let symlink = |target: &str, link: &str| std::os::unix::fs::symlink(target, lab.join(link));
    symlink("../outside/dangle.txt", "dangle").unwrap();
    symlink("link2", "chain").unwrap();
    symlink("../outside/chain.txt", "link2").unwrap();

    let run = LabRun::start(&lab, None, 30);
    let (status, journal, output) = run.finish();
    assert!(status.success(), "{output}");
    let said = |what: &str| -> String {
        journal
            .iter()
            .filter(|e| e["kind"] == "console")
            .find_map(|e| e["text"].as_str()?.strip_prefix(&format!("{what}: ")))
            .unwrap_or_else(|| panic!("no '{what}' line in {journal:#?}"))
            .to_string()
    };
    for (what, file) in [("dangle", "dangle.txt"), ("chain", "chain.txt")] {
        assert!(
            said(what).starts_with(&format!(
                "EACCES | EACCES: permission denied, open '{what}'"
            )),
            "{}",
            said(what)
        );
        assert!(
            !Path::new(&outside.join(file)).exists(),
            "{file} written outside"
        );
    }
    assert_eq!(
        said("nul"),
        "ERR_INVALID_ARG_VALUE | The argument 'path' must be a string, Uint8Array, or URL without null bytes. Received 'a\\x00b'"
    );
    assert_eq!(
        said("long"),
        format!(
            "ENAMETOOLONG | ENAMETOOLONG: name too long, open '{}'",
            "n".repeat(300)
        )
    );
    assert_eq!(
        said("nul kind"),
        "true | TypeError [ERR_INVALID_ARG_VALUE]: The argument 'path' must be a string, Uint8Array, or URL without null bytes. Received 'a\\x00b'",
        "a TypeError, as Node throws it"
    );
    assert_eq!(said("existsSync nul"), "false");
}
