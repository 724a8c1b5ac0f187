//! `claimdesk extract` end to end: scorer-format JSON lines, stdin, HTML,
//! --pretty, --jobs, and clear per-file errors for unreadable input.

use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_claimdesk"))
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("claimdesk-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn prints_one_json_line_per_file_in_the_scorer_format() {
    let d = tmpdir("lines");
    let a = d.join("first-article.txt");
    let b = d.join("second.txt");
    std::fs::write(&a, "“The dam is safe,” the engineer said.").unwrap();
    std::fs::write(&b, "Officials said the plant would close.").unwrap();
    let out = bin()
        .arg("extract")
        .arg("--jobs")
        .arg("2")
        .arg(&a)
        .arg(&b)
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], "first-article");
    assert_eq!(lines[1]["id"], "second");
    let c = &lines[0]["claims"][0];
    for key in [
        "kind",
        "source",
        "speaker",
        "cue",
        "content",
        "checkworthiness",
    ] {
        assert!(c.get(key).is_some(), "missing {key} in {c}");
    }
    assert_eq!(c["cue"]["text"], "said");
    assert_eq!(c["content"]["start"], 0);
    assert_eq!(c["kind"], "direct");
}

#[test]
fn reads_stdin_and_pretty_prints() {
    let mut child = bin()
        .args(["extract", "--pretty", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("The mayor said the bridge would reopen.".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.lines().count() > 3, "pretty output spans lines");
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["id"], "stdin");
    assert_eq!(v["claims"][0]["source"]["text"], "The mayor");
}

#[test]
fn bad_files_are_named_and_the_rest_still_processed() {
    let d = tmpdir("bad");
    let good = d.join("good.txt");
    let latin1 = d.join("latin1.txt");
    let binary = d.join("image.txt");
    std::fs::write(&good, "Officials said the plant would close.").unwrap();
    std::fs::write(&latin1, b"Caf\xe9 owners said prices rose.").unwrap();
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let missing = d.join("missing.txt");
    let out = bin()
        .arg("extract")
        .arg(&good)
        .arg(&latin1)
        .arg(&binary)
        .arg(&missing)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1);
    assert!(stdout.contains("\"id\":\"good\""));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("latin1.txt") && stderr.contains("UTF-8"),
        "{stderr}"
    );
    assert!(
        stderr.contains("image.txt") && stderr.contains("binary"),
        "{stderr}"
    );
    assert!(stderr.contains("missing.txt"), "{stderr}");
}

#[test]
fn html_input_is_parsed_and_offsets_point_into_the_extracted_text() {
    let d = tmpdir("html");
    let page = d.join("page.html");
    std::fs::write(
        &page,
        "<html><body><nav>Home Latest</nav><article><p>The mayor said the bridge would reopen.</p>\
         <div class=\"share\">Share this</div></article><script>x()</script></body></html>",
    )
    .unwrap();
    let out = bin().arg("extract").arg(&page).output().unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let text = v["text"].as_str().unwrap();
    assert_eq!(text, "The mayor said the bridge would reopen.");
    let c = &v["claims"][0];
    let chars: Vec<char> = text.chars().collect();
    let (s, e) = (
        c["content"]["start"].as_u64().unwrap() as usize,
        c["content"]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(
        chars[s..e].iter().collect::<String>(),
        c["content"]["text"].as_str().unwrap()
    );
}

#[test]
fn html_in_a_declared_legacy_encoding_is_decoded() {
    let d = tmpdir("html-latin");
    let page = d.join("latin.html");
    std::fs::write(
        &page,
        b"<html><head><meta charset=\"windows-1252\"></head><body><p>The caf\xe9 owner said prices rose by \x8010.</p>\
          <p>Broken \xff bytes \xfe are\x81 fine in windows-1252 too.</p></body></html>",
    )
    .unwrap();
    let bad = d.join("bad.html");
    std::fs::write(&bad, b"<meta charset=\"shift_jis\"><p>\x81\x20</p>").unwrap();
    let out = bin().arg("extract").arg(&page).arg(&bad).output().unwrap();
    assert!(!out.status.success(), "the bad page fails the run");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        v["text"]
            .as_str()
            .unwrap()
            .starts_with("The café owner said prices rose by €10."),
        "{v}"
    );
    assert_eq!(v["claims"][0]["cue"]["text"], "said");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("bad.html") && stderr.contains("Shift_JIS"),
        "{stderr}"
    );
}
