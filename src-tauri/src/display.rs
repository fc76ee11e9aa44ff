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

/// When a display is named but cannot be reached (say `DISPLAY=:42` with no X server there),
/// GTK fails inside Tauri's event loop and Tauri panics. This hook turns that one panic into a
/// plain message and exit status 2, like [`check`]; every other panic is reported as usual.
pub fn explain_gtk_failure() {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or("");
        if message.contains("Failed to initialize gtk backend") {
            eprintln!("{}", unreachable_display(|name| std::env::var_os(name)));
            std::process::exit(2);
        }
        default_hook(info);
    }));
}

fn unreachable_display(var: impl Fn(&str) -> Option<std::ffi::OsString>) -> String {
    let named: Vec<String> = ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .filter_map(|name| {
            var(name)
                .filter(|v| !v.is_empty())
                .map(|v| format!("{name}={}", v.to_string_lossy()))
        })
        .collect();
    format!(
        "Planbook could not open its window: the display it was given ({}) cannot be reached. \
         Check that the display is running and that you may use it, or start Planbook from a desktop session.",
        if named.is_empty() {
            "none".to_owned()
        } else {
            named.join(", ")
        }
    )
}

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
    fn an_unreachable_display_is_named_in_the_message() {
        let message =
            super::unreachable_display(|n| (n == "DISPLAY").then(|| OsString::from(":42")));
        assert!(message.contains("(DISPLAY=:42)"), "{message}");
    }

    #[test]
    fn unset_or_empty_variables_mean_no_display() {
        assert!(!has_display(|_| None));
        assert!(!has_display(|_| Some(OsString::new())));
    }
}
