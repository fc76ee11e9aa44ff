// Without this a Windows release build opens a console window beside the app.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;

use planbook_app::args::{self, Command};

fn main() -> ExitCode {
    let args = match args::parse(std::env::args_os().skip(1)) {
        Ok(Command::Run(args)) => args,
        Ok(Command::Help) => {
            println!("{}", args::USAGE);
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    // Checked before Tauri starts: without a display, GTK would panic with
    // "Failed to initialize gtk backend!", which tells a person nothing they can act on.
    if let Err(message) = planbook_app::display::check() {
        eprintln!("{message}");
        return ExitCode::from(2);
    }
    planbook_app::display::explain_gtk_failure();
    planbook_app::run(args)
}
