//! Passwords for servers, kept in the operating system's keychain (Windows Credential
//! Manager, the macOS Keychain, the Linux kernel keyring), never in a workbook: a workbook
//! keeps the server's address without one, so a copy sent by email carries no credentials.

use crate::address::Address;

/// The keychain's name for the entries Planbook makes.
const SERVICE: &str = "Planbook shared plans";

fn entry(addr: &Address) -> keyring::Result<keyring::Entry> {
    keyring::Entry::new(SERVICE, &addr.keychain_account())
}

/// The password to connect with: the one given in the address, then `PGPASSWORD` (as every
/// PostgreSQL tool reads it, for scripts), then the keychain's.
pub fn password(addr: &Address) -> Option<String> {
    addr.given_password()
        .or_else(|| std::env::var("PGPASSWORD").ok().filter(|p| !p.is_empty()))
        .or_else(|| entry(addr).and_then(|e| e.get_password()).ok())
}

/// Keeps the password given in the address in the keychain, so it need not be given again.
/// Returns why it could not be kept, if it could not (the planner is told; nothing else
/// depends on it).
pub fn remember(addr: &Address) -> Option<String> {
    let password = addr.given_password()?;
    entry(addr)
        .and_then(|e| e.set_password(&password))
        .err()
        .map(|e| {
            // keyring reports a keychain that refuses access as "no entry".
            let why = match e {
                keyring::Error::NoEntry => "the keychain refused access".to_owned(),
                other => other.to_string(),
            };
            format!("the password could not be kept in this computer's keychain ({why}); give it again next time, or set PGPASSWORD")
        })
}

/// Removes the password kept for `addr`, if any (when a planner leaves a shared plan).
pub fn forget(addr: &Address) {
    if let Ok(e) = entry(addr) {
        let _ = e.delete_credential();
    }
}
