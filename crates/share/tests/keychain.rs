//! Passwords go to the operating system's keychain (here, Linux's kernel keyring) and come
//! back from it, so a planner gives one once; the address kept never holds it.

use planbook_share::{Address, secret};

#[test]
fn a_password_given_once_comes_back_from_the_keychain() {
    if std::env::var_os("PGPASSWORD").is_some() {
        eprintln!("skipped: PGPASSWORD is set, and it comes before the keychain");
        return;
    }
    let password = format!("pw-{}", uuid::Uuid::new_v4());
    let role = format!("keychain{}", std::process::id());
    let given = Address::parse(&format!(
        "postgres://{role}:{password}@db.example.org/plans"
    ))
    .expect("an address");
    if let Some(why) = secret::remember(&given) {
        // Some sandboxes forbid the kernel keyring; say so rather than pass silently.
        eprintln!("skipped: {why}");
        return;
    }
    let later = Address::parse(given.shown()).expect("the kept address");
    assert!(!later.shown().contains(&password));
    assert_eq!(secret::password(&later).as_deref(), Some(password.as_str()));
    secret::forget(&later);
    assert_eq!(secret::password(&later), None);
}
