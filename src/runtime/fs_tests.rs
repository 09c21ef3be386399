use super::*;

/// A lab in a folder of its own, so what the tests look for beside it (`../x`) is theirs
/// alone and not whatever the system's temp folder holds.
fn lab() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().canonicalize().unwrap().join("lab");
    std::fs::create_dir(&real).unwrap();
    std::fs::write(real.join("a.txt"), "你好").unwrap();
    (dir, real)
}

#[test]
fn reads_a_file_of_the_lab_by_relative_path() {
    let (_dir, lab) = lab();
    let b64 = handle(&lab, &json!({"fn": "read", "path": "a.txt"})).unwrap();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(b64.as_str().unwrap())
        .unwrap();
    assert_eq!(String::from_utf8(bytes).unwrap(), "你好");
}

#[test]
fn a_missing_file_gets_nodes_enoent_message() {
    let (_dir, lab) = lab();
    let err = handle(&lab, &json!({"fn": "read", "path": "b.txt"})).unwrap_err();
    assert_eq!(
        err.to_json()["message"],
        "ENOENT: no such file or directory, open 'b.txt'"
    );
    assert_eq!(err.to_json()["errno"], -2);
}

#[test]
fn nothing_outside_the_lab_is_reachable() {
    let (_dir, lab) = lab();
    for path in ["/etc/passwd", "../outside.txt", "sub/../../x"] {
        let err = handle(&lab, &json!({"fn": "read", "path": path})).unwrap_err();
        assert_eq!(err.code, "EACCES", "{path}");
        assert!(err.to_json()["message"]
            .as_str()
            .unwrap()
            .contains("inside the lab folder"));
    }
    let err = handle(&lab, &json!({"fn": "write", "path": "../x", "base64": ""})).unwrap_err();
    assert_eq!(err.code, "EACCES");
    assert!(!lab.parent().unwrap().join("x").exists());
}

#[test]
fn a_symlink_pointing_out_of_the_lab_is_refused() {
    let (_dir, lab) = lab();
    std::os::unix::fs::symlink("/etc", lab.join("etc")).unwrap();
    let err = handle(&lab, &json!({"fn": "read", "path": "etc/hostname"})).unwrap_err();
    assert_eq!(err.code, "EACCES");
}

/// A lab with an `outside` folder beside it (the lab is `root/lab`).
fn lab_with_outside() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let (lab, outside) = (root.join("lab"), root.join("outside"));
    std::fs::create_dir_all(&lab).unwrap();
    std::fs::create_dir_all(outside.join("sub")).unwrap();
    std::fs::write(outside.join("secret.txt"), "secret").unwrap();
    (dir, lab, outside)
}

fn write(lab: &Path, path: &str) -> Result<Value, FsError> {
    let b64 = base64::engine::general_purpose::STANDARD.encode("pwned");
    handle(lab, &json!({"fn": "write", "path": path, "base64": b64}))
}

#[test]
fn a_dangling_symlink_to_outside_cannot_be_written_through() {
    let (_dir, lab, outside) = lab_with_outside();
    std::os::unix::fs::symlink(outside.join("new.txt"), lab.join("dangle")).unwrap();
    let err = write(&lab, "dangle").unwrap_err();
    assert_eq!(err.code, "EACCES");
    assert!(!outside.join("new.txt").exists(), "nothing written outside");
    // Relative targets, and a dangling folder link with more path after it.
    std::os::unix::fs::symlink("../outside/rel.txt", lab.join("rel")).unwrap();
    std::os::unix::fs::symlink("../outside/nodir", lab.join("nodir")).unwrap();
    for path in ["rel", "nodir/x.txt", "./rel", "sub/../rel"] {
        assert_eq!(write(&lab, path).unwrap_err().code, "EACCES", "{path}");
    }
    assert!(!outside.join("rel.txt").exists() && !outside.join("nodir").exists());
    let mkdir = handle(
        &lab,
        &json!({"fn": "mkdir", "path": "nodir/a", "recursive": true}),
    );
    assert_eq!(mkdir.unwrap_err().code, "EACCES");
}

#[test]
fn a_chain_of_symlinks_is_followed_to_its_end() {
    let (_dir, lab, outside) = lab_with_outside();
    // one -> two -> three (all in the lab) -> outside, the last one dangling.
    std::os::unix::fs::symlink("two", lab.join("one")).unwrap();
    std::os::unix::fs::symlink("./three", lab.join("two")).unwrap();
    std::os::unix::fs::symlink(outside.join("far.txt"), lab.join("three")).unwrap();
    assert_eq!(write(&lab, "one").unwrap_err().code, "EACCES");
    assert!(!outside.join("far.txt").exists());
    // A chain that stays inside works, and creates the file at its end.
    std::os::unix::fs::symlink("b-link", lab.join("a-link")).unwrap();
    std::os::unix::fs::symlink("data/target.txt", lab.join("b-link")).unwrap();
    std::fs::create_dir(lab.join("data")).unwrap();
    write(&lab, "a-link").unwrap();
    assert_eq!(
        std::fs::read_to_string(lab.join("data/target.txt")).unwrap(),
        "pwned"
    );
    // A loop gets Node's ELOOP.
    std::os::unix::fs::symlink("loop-b", lab.join("loop-a")).unwrap();
    std::os::unix::fs::symlink("loop-a", lab.join("loop-b")).unwrap();
    let err = write(&lab, "loop-a").unwrap_err();
    assert_eq!(
        err.message(),
        "ELOOP: too many symbolic links encountered, open 'loop-a'"
    );
}

#[test]
fn dot_dot_after_a_symlinked_folder_climbs_from_where_the_link_leads() {
    let (_dir, lab, outside) = lab_with_outside();
    // `up/..` is outside/, not the lab, as the OS resolves it.
    std::os::unix::fs::symlink(outside.join("sub"), lab.join("up")).unwrap();
    let err = handle(&lab, &json!({"fn": "read", "path": "up/../secret.txt"})).unwrap_err();
    assert_eq!(err.code, "EACCES");
    assert_eq!(write(&lab, "up/../planted.txt").unwrap_err().code, "EACCES");
    assert!(!outside.join("planted.txt").exists());
}

#[test]
fn unlink_and_rm_remove_a_link_to_outside_not_what_it_points_to() {
    let (_dir, lab, outside) = lab_with_outside();
    std::os::unix::fs::symlink(outside.join("secret.txt"), lab.join("s")).unwrap();
    std::os::unix::fs::symlink(outside.join("sub"), lab.join("d")).unwrap();
    handle(&lab, &json!({"fn": "unlink", "path": "s"})).unwrap();
    handle(&lab, &json!({"fn": "rm", "path": "d", "recursive": true})).unwrap();
    assert!(lab.join("s").symlink_metadata().is_err() && lab.join("d").symlink_metadata().is_err());
    assert!(outside.join("secret.txt").exists() && outside.join("sub").is_dir());
}

#[test]
fn a_nul_byte_in_a_path_gets_nodes_err_invalid_arg_value() {
    let (_dir, lab) = lab();
    for call in ["read", "write", "stat", "readdir", "mkdir", "unlink", "rm"] {
        let err = handle(&lab, &json!({"fn": call, "path": "a\0b", "base64": ""})).unwrap_err();
        assert_eq!(
            err.to_json(),
            json!({
                "message": "The argument 'path' must be a string, Uint8Array, or URL without null bytes. Received 'a\\x00b'",
                "code": "ERR_INVALID_ARG_VALUE",
                "name": "TypeError",
            }),
            "{call}"
        );
    }
    // fs.existsSync answers false, as Node's does.
    let exists = handle(&lab, &json!({"fn": "exists", "path": "a.txt\0"})).unwrap();
    assert_eq!(exists, false);
    // loadFile and the preload go through confine too.
    assert!(confine(&lab, "index.html\0", "open").is_err());
}

#[test]
fn received_values_are_quoted_and_escaped_as_node_inspects_them() {
    assert_eq!(inspect_received("a\0b"), "'a\\x00b'");
    assert_eq!(inspect_received("it's\0"), "\"it's\\x00\"");
    assert_eq!(inspect_received("'\"\0"), "`'\"\\x00`");
    assert_eq!(inspect_received("'\"`\0"), "'\\'\"`\\x00'");
    assert_eq!(
        inspect_received("\t\n\r\u{8}\u{b}\u{c}\u{1f}\u{7f}\\"),
        "'\\t\\n\\r\\b\\x0B\\f\\x1F\\x7F\\\\'"
    );
    let long = inspect_received(&format!("{}\0", "x".repeat(200)));
    assert_eq!(long, format!("'{}...", "x".repeat(127)));
}

#[test]
fn a_name_or_path_too_long_gets_nodes_enametoolong() {
    let (_dir, lab) = lab();
    let name = "n".repeat(300);
    let err = handle(&lab, &json!({"fn": "read", "path": name})).unwrap_err();
    assert_eq!(
        err.message(),
        format!("ENAMETOOLONG: name too long, open '{name}'")
    );
    assert_eq!(
        (
            err.to_json()["errno"].clone(),
            err.to_json()["syscall"].clone()
        ),
        (json!(-36), json!("open"))
    );
    let deep = vec!["d"; 2100].join("/");
    let err = handle(
        &lab,
        &json!({"fn": "mkdir", "path": deep, "recursive": true}),
    )
    .unwrap_err();
    assert_eq!(err.code, "ENAMETOOLONG");
    assert_eq!(err.syscall, "mkdir");
    let err = write(&lab, &"w".repeat(256)).unwrap_err();
    assert_eq!(err.code, "ENAMETOOLONG");
    // 255 bytes is still a name.
    write(&lab, &"w".repeat(255)).unwrap();
}

#[test]
fn write_append_stat_readdir_and_unlink_work_inside_the_lab() {
    let (_dir, lab) = lab();
    let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
    handle(
        &lab,
        &json!({"fn": "mkdir", "path": "d/e", "recursive": true}),
    )
    .unwrap();
    handle(
        &lab,
        &json!({"fn": "write", "path": "d/e/f.txt", "base64": b64("ab")}),
    )
    .unwrap();
    handle(
        &lab,
        &json!({"fn": "write", "path": "d/e/f.txt", "base64": b64("c"), "append": true}),
    )
    .unwrap();
    assert_eq!(
        std::fs::read_to_string(lab.join("d/e/f.txt")).unwrap(),
        "abc"
    );
    let stat = handle(&lab, &json!({"fn": "stat", "path": "d/e/f.txt"})).unwrap();
    assert_eq!(stat["size"], 3);
    assert_eq!(stat["isFile"], true);
    let names = handle(&lab, &json!({"fn": "readdir", "path": "."})).unwrap();
    assert_eq!(names, json!(["a.txt", "d"]));
    handle(&lab, &json!({"fn": "unlink", "path": "d/e/f.txt"})).unwrap();
    assert_eq!(
        handle(&lab, &json!({"fn": "exists", "path": "d/e/f.txt"})).unwrap(),
        false
    );
}

#[test]
fn an_empty_path_and_a_file_named_as_a_folder_fail_as_in_node() {
    let (_dir, lab) = lab();
    let err = handle(&lab, &json!({"fn": "read", "path": ""})).unwrap_err();
    assert_eq!(err.message(), "ENOENT: no such file or directory, open ''");
    let err = handle(&lab, &json!({"fn": "readdir", "path": ""})).unwrap_err();
    assert_eq!(
        err.message(),
        "ENOENT: no such file or directory, scandir ''"
    );
    assert_eq!(
        handle(&lab, &json!({"fn": "exists", "path": ""})).unwrap(),
        false
    );
    let err = handle(&lab, &json!({"fn": "read", "path": "a.txt/"})).unwrap_err();
    assert_eq!(err.message(), "ENOTDIR: not a directory, open 'a.txt/'");
    // A folder named with its slash is still the folder, and the lab itself still cannot go.
    handle(&lab, &json!({"fn": "mkdir", "path": "d/"})).unwrap();
    assert_eq!(
        handle(&lab, &json!({"fn": "readdir", "path": "./"})).unwrap(),
        json!(["a.txt", "d"])
    );
    for root in ["./", "d/../", "."] {
        let err = handle(&lab, &json!({"fn": "rm", "path": root, "recursive": true})).unwrap_err();
        assert_eq!(err.code, "EACCES", "{root}");
    }
    assert!(lab.join("a.txt").exists());
}
