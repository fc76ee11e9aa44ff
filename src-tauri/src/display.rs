//! Whether there is a display to open a window on.

/// On Linux and the BSDs the window needs an X11 or Wayland display, named by `DISPLAY` or
/// `WAYLAND_DISPLAY`. When neither is set, say so plainly instead of letting GTK panic.
/// Windows and macOS always have a display for a desktop program.
pub fn check() -> Result<(), String> {
    if cfg!(any(
        target_os = "linux",
        target_os = "freebsd",
        target_os = "openbsd",
        target_os = "netbsd",
        target_os = "dragonfly"
    )) && !has_display(|name| std::env::var_os(name))
    {
        return Err(NO_DISPLAY.to_owned());
    }
    Ok(())
}

pub const NO_DISPLAY: &str = "Planbook needs a graphical display to show its window, and there is none: \
neither DISPLAY nor WAYLAND_DISPLAY is set. Start Planbook from a desktop session. \
(To run it without a screen, for tests, start a virtual display such as Xvfb and set DISPLAY.)";

/// True when either display variable is set to something non-empty.
fn has_display(var: impl Fn(&str) -> Option<std::ffi::OsString>) -> bool {
    ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|name| var(name).is_some_and(|v| !v.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::has_display;
    use std::ffi::OsString;

    #[test]
    fn either_variable_counts_as_a_display() {
        assert!(has_display(
            |n| (n == "DISPLAY").then(|| OsString::from(":99"))
        ));
        assert!(has_display(
            |n| (n == "WAYLAND_DISPLAY").then(|| OsString::from("wayland-0"))
        ));
    }

    #[test]
    fn unset_or_empty_variables_mean_no_display() {
        assert!(!has_display(|_| None));
        assert!(!has_display(|_| Some(OsString::new())));
    }
}
