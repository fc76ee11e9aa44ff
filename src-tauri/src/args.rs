//! The command line: `planbook-app [WORKBOOK]`. The OS passes the workbook's path when a
//! person double-clicks a workbook file; started from the menu, there is no argument.

use std::ffi::OsString;
use std::path::PathBuf;

/// What the app was asked to do at start.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Args {
    /// The workbook to open, if one was given.
    pub workbook: Option<PathBuf>,
}

pub const USAGE: &str = "Usage: planbook-app [WORKBOOK]\n\nOpens the Planbook window, showing WORKBOOK (a .sqlite workbook file) if one is given.";

/// What the command line asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Open the window.
    Run(Args),
    /// Print the usage and stop.
    Help,
}

/// Parses the arguments after the program name. Only one workbook can be shown per window, so
/// more than one path is refused rather than silently ignored. Errors are plain sentences.
pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Command, String> {
    let mut workbook = None;
    let mut only_paths = false;
    for arg in args {
        if !only_paths && arg == "--" {
            only_paths = true;
        } else if !only_paths && (arg == "--help" || arg == "-h") {
            return Ok(Command::Help);
        } else if !only_paths && arg.to_string_lossy().starts_with('-') {
            return Err(format!(
                "Planbook does not understand the option “{}”.\n\n{USAGE}",
                arg.to_string_lossy()
            ));
        } else if workbook.is_some() {
            return Err(format!(
                "Planbook opens one workbook at a time; more than one was given.\n\n{USAGE}"
            ));
        } else {
            workbook = Some(PathBuf::from(arg));
        }
    }
    Ok(Command::Run(Args { workbook }))
}

/// The workbook a second launch of Planbook asked for, from that launch's whole command line
/// (program name first) and the folder it was started in: a relative path is relative to that
/// folder, not to this (first) process's. Wrong arguments ask for no workbook; the second
/// launch has already ended, so there is nobody to tell but the running window, which comes
/// to the front instead.
pub fn handed_over(argv: &[String], cwd: &std::path::Path) -> Option<PathBuf> {
    match parse(argv.iter().skip(1).map(OsString::from)) {
        Ok(Command::Run(Args {
            workbook: Some(path),
        })) => Some(if path.is_absolute() {
            path
        } else {
            cwd.join(path)
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_strs(args: &[&str]) -> Result<Args, String> {
        match parse(args.iter().map(OsString::from))? {
            Command::Run(args) => Ok(args),
            Command::Help => Err("help".into()),
        }
    }

    #[test]
    fn no_argument_means_no_workbook() {
        assert_eq!(parse_strs(&[]), Ok(Args { workbook: None }));
    }

    #[test]
    fn one_path_is_the_workbook() {
        assert_eq!(
            parse_strs(&["/tmp/plan.sqlite"]),
            Ok(Args {
                workbook: Some("/tmp/plan.sqlite".into())
            })
        );
    }

    #[test]
    fn a_path_that_looks_like_an_option_can_follow_a_double_dash() {
        assert_eq!(
            parse_strs(&["--", "-plan.sqlite"]),
            Ok(Args {
                workbook: Some("-plan.sqlite".into())
            })
        );
    }

    #[test]
    fn unknown_options_and_second_paths_are_refused_plainly() {
        assert!(
            parse_strs(&["--frobnicate"])
                .expect_err("unknown option")
                .contains("does not understand the option “--frobnicate”")
        );
        assert!(
            parse_strs(&["a.sqlite", "b.sqlite"])
                .expect_err("two paths")
                .contains("one workbook at a time")
        );
        assert_eq!(parse(["--help".into()]), Ok(Command::Help));
        assert_eq!(parse(["-h".into()]), Ok(Command::Help));
    }

    #[test]
    fn a_second_launch_hands_over_its_workbook_relative_to_its_own_folder() {
        let argv = |args: &[&str]| args.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let cwd = std::path::Path::new("/home/alice/Plans");
        assert_eq!(
            handed_over(&argv(&["planbook-app", "Our plan.sqlite"]), cwd),
            Some(PathBuf::from("/home/alice/Plans/Our plan.sqlite"))
        );
        assert_eq!(
            handed_over(&argv(&["planbook-app", "/srv/plan.sqlite"]), cwd),
            Some(PathBuf::from("/srv/plan.sqlite"))
        );
        assert_eq!(handed_over(&argv(&["planbook-app"]), cwd), None);
        assert_eq!(
            handed_over(&argv(&["planbook-app", "--nonsense"]), cwd),
            None
        );
    }
}
