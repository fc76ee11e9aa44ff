//! The modules of `src/document/` never import each other in a circle.
//!
//! A circle makes every module in it a part of every other: none can be read, tested or
//! changed alone. The graph is read from the source itself (each file's `use` lines and any
//! `super::…` path in its code), so the test needs no build of its own and fails naming the
//! circle it found.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A file of `document/` and the files it imports from, by file name (`layout.rs`).
type Graph = BTreeMap<String, BTreeSet<String>>;

/// The parent module: what `super::` names from a child file.
const PARENT: &str = "mod.rs";

#[test]
fn document_modules_import_each_other_without_a_circle() {
    let graph = read_graph(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src/document"));
    let circles = circles(&graph);
    assert!(
        circles.is_empty(),
        "src/document/ imports itself in a circle:\n{}",
        circles.join("\n")
    );
}

/// The types the steps hand each other, the options and the words for numbers are leaves:
/// any step may use them, so they may use no step.
#[test]
fn the_shared_modules_are_leaves() {
    let graph = read_graph(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src/document"));
    for leaf in ["flow.rs", "options.rs", "words.rs"] {
        let uses = graph.get(leaf).unwrap_or_else(|| panic!("{leaf} is gone"));
        assert!(
            uses.is_empty(),
            "{leaf} should import nothing from document/ but uses {uses:?}"
        );
    }
}

/// Layout uses its helpers, never the other way round; the chapters hand blocks to the
/// model, which assembles them. (Also shows the reader sees real imports, not nothing.)
#[test]
fn layout_uses_its_helpers_and_the_model_uses_the_chapters() {
    let graph = read_graph(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src/document"));
    let layout = &graph["layout.rs"];
    for helper in ["chart.rs", "chrome.rs", "cover.rs", "table.rs"] {
        assert!(layout.contains(helper), "layout.rs does not use {helper}");
        assert!(
            !graph[helper].contains("layout.rs"),
            "{helper} uses layout.rs"
        );
    }
    assert!(graph["model.rs"].contains("chapters.rs"));
    assert!(!graph["chapters.rs"].contains("model.rs"));
}

#[test]
fn the_reader_finds_grouped_uses_and_paths_but_not_comments_strings_or_tests() {
    let siblings: BTreeSet<String> = ["a", "b", "c", "d", "e", "f"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let src = r#"
use super::a::Thing;
pub(super) use super::{b, c::{X, Y}};
use super::Options; // an item of mod.rs
// use super::d::Nothing;
/* super::d::Nothing */
fn f() -> usize {
    let s = "super::e::Nothing";
    let q = '"';
    super::f::go();
    0
}

#[cfg(test)]
mod tests {
    use super::*;
}
"#;
    let uses = imports(src, false, &siblings);
    let want: BTreeSet<String> = ["a.rs", "b.rs", "c.rs", "f.rs", PARENT]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(uses, want);
}

#[test]
fn a_circle_is_found_and_named() {
    let mut g = Graph::new();
    let mut edge = |a: &str, b: &str| {
        g.entry(a.into()).or_default().insert(b.into());
        g.entry(b.into()).or_default();
    };
    edge("mod.rs", "a.rs");
    edge("a.rs", "b.rs");
    edge("b.rs", "c.rs");
    edge("c.rs", "a.rs");
    edge("mod.rs", "d.rs");
    assert_eq!(circles(&g), vec!["a.rs → b.rs → c.rs → a.rs".to_string()]);
}

/// Every `.rs` file of `dir` and the files of `dir` it imports from.
fn read_graph(dir: &Path) -> Graph {
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .expect("src/document/ is readable")
        .map(|e| {
            e.expect("a directory entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|n| n.ends_with(".rs"))
        .collect();
    files.sort();
    let siblings: BTreeSet<String> = files
        .iter()
        .filter(|f| f.as_str() != PARENT)
        .map(|f| f.trim_end_matches(".rs").to_owned())
        .collect();
    files
        .iter()
        .map(|f| {
            let src = std::fs::read_to_string(dir.join(f)).expect("a source file is readable");
            (f.clone(), imports(&src, f == PARENT, &siblings))
        })
        .collect()
}

/// The files one source file imports from. A child file names a sibling as `super::x` (or
/// `crate::document::x`); anything else after `super::` (an item, `*`, `self`) is the
/// parent's. The parent (`mod.rs`) uses every module it declares: it owns and runs them, so
/// a child that imports from it closes a circle.
fn imports(src: &str, is_parent: bool, siblings: &BTreeSet<String>) -> BTreeSet<String> {
    let code = code_only(src);
    let mut out = BTreeSet::new();
    if is_parent {
        for line in code.lines() {
            let words: Vec<&str> = line.split_whitespace().collect();
            if let Some(name) = match words.as_slice() {
                ["mod", name] | [_, "mod", name] => name.strip_suffix(';'),
                _ => None,
            } {
                out.insert(format!("{name}.rs"));
            }
        }
        return out;
    }
    for prefix in ["super::", "crate::document::"] {
        let mut rest = code.as_str();
        while let Some(at) = rest.find(prefix) {
            let before = &rest[..at];
            rest = &rest[at + prefix.len()..];
            // `super::super::…` leaves document/; `x::super::` is not a path start.
            if before.ends_with("::") || rest.starts_with("super::") {
                continue;
            }
            for first in first_segments(rest) {
                if siblings.contains(&first) {
                    out.insert(format!("{first}.rs"));
                } else {
                    out.insert(PARENT.to_owned());
                }
            }
        }
    }
    out
}

/// The first segment of each path a use tree starts with: `a::B` gives `a`; `{a, b::{C}}`
/// gives `a` and `b`.
fn first_segments(tree: &str) -> Vec<String> {
    let word = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '*')
            .collect()
    };
    let Some(group) = tree.strip_prefix('{') else {
        return vec![word(tree)];
    };
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                parts.push(word(&group[start..i]));
                break;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(word(&group[start..i]));
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.retain(|p| !p.is_empty());
    parts
}

/// The source with comments, string and character literals blanked out, and without inline
/// modules (`mod tests { … }`): inside those, `super::` names the file itself.
fn code_only(src: &str) -> String {
    let mut out = String::new();
    let mut in_inline_mod = false;
    for line in src.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        let opens_mod = matches!(words.as_slice(), ["mod", _, "{"] | [_, "mod", _, "{"]);
        if !line.starts_with(' ') && opens_mod {
            // rustfmt closes a top-level inline module with a `}` at the start of a line.
            in_inline_mod = true;
            continue;
        }
        if in_inline_mod {
            in_inline_mod = line != "}";
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    let chars: Vec<char> = out.chars().collect();
    let mut code = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                i += 1;
            }
            i += 2;
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            code.push_str("\"\"");
        } else if c == '\'' && (chars.get(i + 2) == Some(&'\'') || next == Some('\\')) {
            // A character literal ('x', '\n', '\u{…}'); a lifetime ('a) has no closing quote.
            i += 1;
            while i < chars.len() && chars[i] != '\'' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            code.push_str("' '");
        } else {
            code.push(c);
            i += 1;
        }
    }
    code
}

/// Every circle, each named once from its first file in name order: `a.rs → b.rs → a.rs`.
fn circles(graph: &Graph) -> Vec<String> {
    let mut found = BTreeSet::new();
    let mut done = BTreeSet::new();
    for start in graph.keys() {
        let mut path = Vec::new();
        walk(graph, start, &mut path, &mut done, &mut found);
    }
    found.into_iter().collect()
}

fn walk(
    graph: &Graph,
    at: &str,
    path: &mut Vec<String>,
    done: &mut BTreeSet<String>,
    found: &mut BTreeSet<String>,
) {
    if let Some(k) = path.iter().position(|p| p == at) {
        let mut circle: Vec<String> = path[k..].to_vec();
        // Start the circle at its smallest name, so each circle is reported once.
        let least = (0..circle.len()).min_by_key(|&i| &circle[i]).unwrap_or(0);
        circle.rotate_left(least);
        circle.push(circle[0].clone());
        found.insert(circle.join(" → "));
        return;
    }
    if done.contains(at) {
        return;
    }
    path.push(at.to_owned());
    for next in graph.get(at).into_iter().flatten() {
        walk(graph, next, path, done, found);
    }
    path.pop();
    done.insert(at.to_owned());
}
