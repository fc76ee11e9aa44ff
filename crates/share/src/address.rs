//! A server's address as a planner gives it (`postgres://user@host:port/database`, or with a
//! password once), what is kept of it (never the password), and whether it needs TLS.

use std::str::FromStr;

use tokio_postgres::config::{Config, Host};

use crate::error::{Result, ShareError};

/// A parsed server address.
#[derive(Debug, Clone)]
pub struct Address {
    config: Config,
    /// The address as kept in a workbook and shown: the given one without its password.
    shown: String,
}

impl Address {
    /// Reads `postgres://user[:password]@host[:port]/database[?options]`.
    pub fn parse(url: &str) -> Result<Address> {
        let url = url.trim();
        if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
            return Err(ShareError::BadAddress(format!(
                "“{url}” is not a server address: write it as postgres://YOUR-NAME@SERVER/DATABASE"
            )));
        }
        let config = Config::from_str(url).map_err(|e| {
            ShareError::BadAddress(format!("“{}” cannot be read: {e}", without_password(url)))
        })?;
        if config.get_user().is_none_or(str::is_empty) {
            return Err(ShareError::BadAddress(format!(
                "“{}” names no one: write your server name (role) before an @, as postgres://YOUR-NAME@SERVER/DATABASE",
                without_password(url)
            )));
        }
        if config.get_hosts().is_empty() {
            return Err(ShareError::BadAddress(format!(
                "“{}” names no server",
                without_password(url)
            )));
        }
        Ok(Address {
            shown: without_password(url),
            config,
        })
    }

    /// The address without a password: what a workbook keeps and what is shown.
    pub fn shown(&self) -> &str {
        &self.shown
    }

    /// The role (planner) it connects as.
    pub fn user(&self) -> &str {
        self.config.get_user().unwrap_or_default()
    }

    /// The password given in the address itself, if any.
    pub fn given_password(&self) -> Option<String> {
        self.config
            .get_password()
            .map(|p| String::from_utf8_lossy(p).into_owned())
    }

    /// The keychain entry the password is kept under: one per role and server.
    pub fn keychain_account(&self) -> String {
        let host = self.host_name();
        let port = self.config.get_ports().first().copied().unwrap_or(5432);
        let db = self.config.get_dbname().unwrap_or(self.user());
        format!("{}@{host}:{port}/{db}", self.user())
    }

    fn host_name(&self) -> String {
        match self.config.get_hosts().first() {
            Some(Host::Tcp(h)) => h.clone(),
            #[cfg(unix)]
            Some(Host::Unix(p)) => p.display().to_string(),
            None => String::new(),
        }
    }

    /// Whether the server is on this computer: the only case in which TLS may be left out
    /// (a Unix socket, `localhost`, or a loopback address).
    pub fn is_local(&self) -> bool {
        self.config.get_hosts().iter().all(|h| match h {
            Host::Tcp(name) => {
                name == "localhost"
                    || name
                        .trim_matches(['[', ']'])
                        .parse::<std::net::IpAddr>()
                        .is_ok_and(|ip| ip.is_loopback())
            }
            #[cfg(unix)]
            Host::Unix(_) => true,
        })
    }

    /// The connection settings, with `password` if one is known.
    pub(crate) fn config(&self, password: Option<&str>) -> Config {
        let mut c = self.config.clone();
        if let Some(p) = password {
            c.password(p);
        }
        c.application_name("Planbook");
        c.connect_timeout(std::time::Duration::from_secs(10));
        c
    }
}

/// `url` with any password taken out (`user:secret@` becomes `user@`).
pub fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => {
            let user = userinfo.split(':').next().unwrap_or_default();
            format!("{scheme}://{user}@{host}{tail}")
        }
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_is_never_kept() {
        let a = Address::parse("postgres://alice:s3cret@db.example.nhs.uk:5433/plans").unwrap();
        assert_eq!(a.shown(), "postgres://alice@db.example.nhs.uk:5433/plans");
        assert_eq!(a.given_password().as_deref(), Some("s3cret"));
        assert!(!a.is_local());
        assert_eq!(a.keychain_account(), "alice@db.example.nhs.uk:5433/plans");
    }

    #[test]
    fn only_this_computer_goes_without_tls() {
        for url in [
            "postgres://a@localhost/p",
            "postgres://a@127.0.0.1:5432/p",
            "postgres://a@[::1]/p",
        ] {
            assert!(Address::parse(url).unwrap().is_local(), "{url}");
        }
        assert!(
            !Address::parse("postgres://a@10.0.0.5/p")
                .unwrap()
                .is_local()
        );
    }

    #[test]
    fn a_wrong_address_says_how_to_write_one() {
        let e = Address::parse("db.example/plans").unwrap_err().to_string();
        assert!(e.contains("postgres://YOUR-NAME@SERVER/DATABASE"), "{e}");
        let e = Address::parse("postgres://db.example/plans")
            .unwrap_err()
            .to_string();
        assert!(e.contains("names no one"), "{e}");
    }
}
