//! The shared-plan commands: publish, join, sync, and `server init`/`grant`/`plans`. Each
//! connects through planbook-share and prints what happened in a planner's words.

use std::path::Path;
use std::process::ExitCode;

use clap::Subcommand;
use planbook_core::sync::shared;
use planbook_core::{Access, Workbook, backup};
use planbook_share::{Address, Remote, Settle, ShareError, schema, secret};

use crate::sharing::{Side, describe};

pub type Result<T> = std::result::Result<T, ShareError>;

const EXIT_CODES: &str = crate::EXIT_CODES;

#[derive(Debug, Subcommand)]
pub enum SharedCommand {
    /// Make a shared plan on a PostgreSQL server from a workbook, and link the workbook to it:
    /// from then on `planbook sync` sends its edits and brings everyone else's.
    #[command(after_help = EXIT_CODES)]
    Publish {
        /// The workbook to share.
        file: std::path::PathBuf,
        /// The server: postgres://YOUR-NAME@SERVER/DATABASE (a password given once here is kept
        /// in this computer's keychain, never in the workbook).
        #[arg(long, value_name = "URL")]
        server: String,
        /// The shared plan's name on the server (the plan's title if not given).
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
    },
    /// Make a local workbook from a shared plan on a server, linked to it.
    #[command(after_help = EXIT_CODES)]
    Join {
        /// The server: postgres://YOUR-NAME@SERVER/DATABASE.
        server: String,
        /// The shared plan's name.
        #[arg(long, value_name = "NAME")]
        plan: String,
        /// The workbook file to make (.sqlite).
        #[arg(short, long, value_name = "LOCAL")]
        output: std::path::PathBuf,
    },
    /// Send this workbook's edits to its shared plan and bring everyone else's, once. Without
    /// --prefer, conflicts are listed and nothing changes.
    #[command(after_help = EXIT_CODES)]
    Sync {
        /// A workbook linked to a shared plan (by publish or join).
        file: std::path::PathBuf,
        /// Settle every conflict in favour of one side.
        #[arg(long, value_enum, value_name = "SIDE")]
        prefer: Option<Side>,
    },
    /// For whoever looks after the server: Planbook's schema, access to plans, the plans.
    #[command(subcommand)]
    Server(ServerCommand),
}

#[derive(Debug, Subcommand)]
pub enum ServerCommand {
    /// Print the SQL that gives a PostgreSQL server Planbook's schema (run once by an
    /// administrator), or with --apply run it (or an upgrade) in one transaction.
    #[command(after_help = EXIT_CODES)]
    Init {
        /// The server: postgres://ADMIN@SERVER/DATABASE.
        server: String,
        /// Run the SQL on the server instead of printing it.
        #[arg(long)]
        apply: bool,
    },
    /// Give a planner (a PostgreSQL role) viewer, editor or owner access to a shared plan
    /// (owners of the plan only: the server refuses anyone else).
    #[command(after_help = EXIT_CODES)]
    Grant {
        /// The server: postgres://YOUR-NAME@SERVER/DATABASE.
        server: String,
        #[arg(long, value_name = "NAME")]
        plan: String,
        /// The planner's role on the server.
        #[arg(long, value_name = "ROLE")]
        role: String,
        /// viewer (may read), editor (may change) or owner (may also give access).
        #[arg(long, value_name = "ACCESS", value_parser = ["viewer", "editor", "owner"])]
        access: String,
    },
    /// List the shared plans you may see, with your access to each.
    #[command(after_help = EXIT_CODES)]
    Plans {
        /// The server: postgres://YOUR-NAME@SERVER/DATABASE.
        server: String,
    },
}

/// Runs a shared-plan command, saying what went wrong if it failed.
pub fn run(command: SharedCommand) -> ExitCode {
    let done = match command {
        SharedCommand::Publish { file, server, name } => publish(&file, &server, name.as_deref()),
        SharedCommand::Join {
            server,
            plan,
            output,
        } => join(&server, &plan, &output),
        SharedCommand::Sync { file, prefer } => sync(&file, prefer),
        SharedCommand::Server(ServerCommand::Init { server, apply }) => server_init(&server, apply),
        SharedCommand::Server(ServerCommand::Grant {
            server,
            plan,
            role,
            access,
        }) => grant(&server, &plan, &role, &access),
        SharedCommand::Server(ServerCommand::Plans { server }) => plans(&server),
    };
    done.unwrap_or_else(|e| crate::fail(&e.to_string(), &hint(&e)))
}

/// A hint beside an error: what to do next.
pub fn hint(e: &ShareError) -> String {
    match e {
        ShareError::Core(e) => e.hint_for(planbook_core::Surface::Cli),
        ShareError::Offline { .. } => {
            "your workbook is unchanged; run “planbook sync” again when the server is reachable".into()
        }
        ShareError::Refused { .. } | ShareError::NotAllowed(_) => {
            "ask whoever looks after the server or owns the plan; give a password once in the address (postgres://NAME:PASSWORD@SERVER/DATABASE) or set PGPASSWORD".into()
        }
        ShareError::NotLinked => {
            "share it with “planbook publish FILE --server URL”, or make a linked workbook with “planbook join URL --plan NAME -o FILE”".into()
        }
        _ => "run “planbook --help” for the commands and their arguments".into(),
    }
}

fn keep_password(addr: &Address) {
    if let Some(why) = secret::remember(addr) {
        eprintln!("note: {why}");
    }
}

pub fn publish(file: &Path, server: &str, name: Option<&str>) -> Result<ExitCode> {
    let addr = Address::parse(server)?;
    let mut wb = Workbook::open(file, Access::Edit)?;
    let name = match name {
        Some(n) => n.to_owned(),
        None => wb.plan()?.title,
    };
    let link = planbook_share::publish(&mut wb, &addr, &name)?;
    keep_password(&addr);
    println!(
        "Published {} as the shared plan “{}” on {}. Others join it with:\n  planbook join {} --plan \"{}\" -o THEIR-COPY.sqlite\n(after you give them access: planbook server grant {} --plan \"{}\" --role THEIR-NAME --access editor)",
        file.display(),
        link.plan,
        link.server,
        link.server,
        link.plan,
        link.server,
        link.plan
    );
    Ok(ExitCode::SUCCESS)
}

pub fn join(server: &str, plan: &str, output: &Path) -> Result<ExitCode> {
    let addr = Address::parse(server)?;
    let wb = planbook_share::join(&addr, plan, output)?;
    keep_password(&addr);
    let base = shared::base(wb.reader())?.map_or(0, |b| b.seq);
    println!(
        "Made {} from the shared plan “{plan}” ({base} {} so far). Edit it as any workbook; “planbook sync {}” sends your edits and brings others'.",
        output.display(),
        if base == 1 { "edit" } else { "edits" },
        output.display()
    );
    Ok(ExitCode::SUCCESS)
}

pub fn sync(file: &Path, prefer: Option<Side>) -> Result<ExitCode> {
    let mut wb = Workbook::open(file, Access::Edit)?;
    let remote = planbook_share::connect(&wb)?;
    let link = shared::link(wb.reader())?.ok_or(ShareError::NotLinked)?;
    let base = shared::base(wb.reader())?.map_or(0, |b| b.seq);
    if remote.head(&link.plan_id)? > base {
        let saved = backup::take(
            &wb,
            &backup::data_dir(),
            "before a shared-plan sync",
            chrono::Utc::now(),
        )?;
        println!("A backup was saved first: {}", saved.path.display());
    }
    let settle = match prefer {
        None => Settle::Ask,
        Some(Side::Mine) => Settle::AllMine,
        Some(Side::Theirs) => Settle::AllTheirs,
    };
    let r = planbook_share::sync(&mut wb, &remote, &settle)?;
    if !r.conflicts.is_empty() {
        let n = r.conflicts.len();
        println!(
            "{n} {} with the shared plan; nothing was changed, here or on the server:",
            if n == 1 { "conflict" } else { "conflicts" }
        );
        for c in &r.conflicts {
            println!("  - {}", describe(c));
        }
        println!("Settle them in the app, or run again with --prefer mine or --prefer theirs.");
        return Ok(ExitCode::from(1));
    }
    if r.received == 0 {
        println!("Nothing new from others.");
    } else {
        println!(
            "Came: {} {} by {} ({} added, {} changed, {} removed here).",
            r.received,
            if r.received == 1 { "edit" } else { "edits" },
            r.authors.join(", "),
            r.came.added,
            r.came.changed,
            r.came.removed
        );
    }
    match r.sent {
        0 => println!("Nothing of yours to send."),
        n => println!(
            "Went: {n} {} of yours.",
            if n == 1 { "change" } else { "changes" }
        ),
    }
    println!(
        "Up to date with “{}” (edit {} on the server).",
        link.plan, r.seq
    );
    Ok(ExitCode::SUCCESS)
}

pub fn server_init(server: &str, apply: bool) -> Result<ExitCode> {
    if !apply {
        print!("{}", schema::sql_from(0));
        print!("{}", schema::ROLES_HELP);
        return Ok(ExitCode::SUCCESS);
    }
    let addr = Address::parse(server)?;
    let mut remote = Remote::connect(&addr)?;
    match remote.init()? {
        f if f == schema::FORMAT => println!(
            "{} already has Planbook's schema (format {f}).",
            addr.shown()
        ),
        0 => println!(
            "Made Planbook's schema (format {}) on {}.",
            schema::FORMAT,
            addr.shown()
        ),
        f => println!(
            "Upgraded Planbook's schema on {} from format {f} to {}.",
            addr.shown(),
            schema::FORMAT
        ),
    }
    print!("{}", schema::ROLES_HELP);
    Ok(ExitCode::SUCCESS)
}

pub fn grant(server: &str, plan: &str, role: &str, access: &str) -> Result<ExitCode> {
    let remote = Remote::connect(&Address::parse(server)?)?;
    remote.check_format()?;
    planbook_share::grant(&remote, plan, role, access)?;
    println!(
        "{role} is now {} of “{plan}”.",
        match access {
            "owner" => "an owner",
            "editor" => "an editor",
            _ => "a viewer",
        }
    );
    Ok(ExitCode::SUCCESS)
}

pub fn plans(server: &str) -> Result<ExitCode> {
    let remote = Remote::connect(&Address::parse(server)?)?;
    remote.check_format()?;
    let plans = remote.plans()?;
    if plans.is_empty() {
        println!("You may see no shared plans on {}.", remote.server());
    }
    for (name, access) in plans {
        println!("{name}\t{access}");
    }
    Ok(ExitCode::SUCCESS)
}
