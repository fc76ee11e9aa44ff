//! The short references planners give priorities, outcomes and actions ("P7", "O12", "A11"),
//! and the next one a new item gets, so that a new item is whole from the start.

use crate::model::Kind;

/// The letter a kind's codes start with when a workbook has none of its own yet.
fn default_prefix(kind: Kind) -> Option<&'static str> {
    match kind {
        Kind::Priority => Some("P"),
        Kind::Outcome => Some("O"),
        Kind::Action => Some("A"),
        _ => None,
    }
}

/// The code after `existing` for a new item of `kind`, in the workbook's own scheme: the
/// prefix most of its codes use ("A", or "DA" in a plan that writes "DA01"), one more than the
/// highest number after it, padded as its codes are ("A01" … "A10" give "A11"; "P1" … "P6"
/// give "P7"). `None` for kinds without codes.
pub fn next_code<'a>(kind: Kind, existing: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let fallback = default_prefix(kind)?;
    let parsed: Vec<(&str, &str)> = existing
        .into_iter()
        .map(str::trim)
        .filter_map(|code| {
            let digits_from = code.find(|c: char| c.is_ascii_digit())?;
            let (prefix, digits) = code.split_at(digits_from);
            digits
                .chars()
                .all(|c| c.is_ascii_digit())
                .then_some((prefix, digits))
        })
        .collect();
    // The prefix most codes use; ties go to the kind's own letter, then the shortest.
    let mut prefixes: Vec<(&str, usize)> = Vec::new();
    for (prefix, _) in &parsed {
        match prefixes.iter_mut().find(|(p, _)| p == prefix) {
            Some((_, n)) => *n += 1,
            None => prefixes.push((prefix, 1)),
        }
    }
    prefixes.sort_by_key(|(p, n)| (std::cmp::Reverse(*n), *p != fallback, p.len()));
    let prefix = prefixes.first().map_or(fallback, |(p, _)| p);
    let mine: Vec<&str> = parsed
        .iter()
        .filter(|(p, _)| *p == prefix)
        .map(|(_, d)| *d)
        .collect();
    let next = mine
        .iter()
        .filter_map(|d| d.parse::<u64>().ok())
        .max()
        .map_or(1, |n| n + 1);
    let width = mine.iter().map(|d| d.len()).min().unwrap_or(1);
    Some(format!("{prefix}{next:0width$}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_code_follows_the_workbook_s_own_scheme() {
        let actions: Vec<String> = (1..=10).map(|n| format!("A{n:02}")).collect();
        assert_eq!(
            next_code(Kind::Action, actions.iter().map(String::as_str)),
            Some("A11".into())
        );
        assert_eq!(
            next_code(Kind::Priority, ["P1", "P2", "P6"]),
            Some("P7".into())
        );
        assert_eq!(
            next_code(Kind::Outcome, ["O1", "O11", "O3"]),
            Some("O12".into())
        );
        assert_eq!(
            next_code(Kind::Action, ["DA01", "DA02", "A7", ""]),
            Some("DA03".into())
        );
        assert_eq!(next_code(Kind::Action, []), Some("A1".into()));
        // Codes without a number ("TBC") are not part of the scheme; "A-3" is one.
        assert_eq!(next_code(Kind::Action, ["TBC"]), Some("A1".into()));
        assert_eq!(next_code(Kind::Action, ["TBC", "A-3"]), Some("A-4".into()));
        assert_eq!(next_code(Kind::Measure, ["M1"]), None);
    }
}
