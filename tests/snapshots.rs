//! Snapshots of what `analyse` prints for two corpus pieces, in both
//! formats, so that any change of output is a reviewed diff
//! (`cargo insta review`, or `INSTA_UPDATE=always cargo test` and `git diff`).

use assert_cmd::Command;

fn analyse(piece: &str, format: &str) -> String {
    let out = Command::cargo_bin("warrant")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        // The diagnostics are cut to the width, which must not depend on
        // the shell the tests run from.
        .env("COLUMNS", "80")
        .args(["analyse", "--color", "never", "--format", format, piece])
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn human_output_of_two_pieces() {
    insta::assert_snapshot!(
        "school-phones.human",
        analyse("corpus/school-phones.txt", "human")
    );
    insta::assert_snapshot!(
        "library-closures.human",
        analyse("corpus/library-closures.txt", "human")
    );
}

#[test]
fn json_output_of_two_pieces() {
    insta::assert_snapshot!(
        "school-phones.json",
        analyse("corpus/school-phones.txt", "json")
    );
    insta::assert_snapshot!(
        "library-closures.json",
        analyse("corpus/library-closures.txt", "json")
    );
}
