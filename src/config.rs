//! Layered settings: the compiled-in `config/default.toml`, then an optional
//! environment file, then `CLAIMDESK__SECTION__KEY` variables.

use serde::Deserialize;
use std::path::{Path, PathBuf};

const DEFAULTS: &str = include_str!("../config/default.toml");

#[derive(Debug, Clone, Deserialize)]
pub struct Settings {
    pub server: ServerSettings,
    pub database: DatabaseSettings,
    pub data: DataSettings,
    pub auth: AuthSettings,
    pub workflow: WorkflowSettings,
    pub demo: DemoSettings,
    pub fetch: FetchSettings,
    pub report: ReportSettings,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ServerSettings {
    pub host: String,
    pub port: u16,
    pub allowed_origins: Vec<String>,
    /// Peers whose `Forwarded` / `X-Forwarded-Host` / `X-Forwarded-Proto`
    /// headers say what origin the browser saw. Anyone else could forge
    /// them, so for everyone else the Host header and our own scheme count.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    pub json_limit: usize,
    pub upload_limit: usize,
    /// Articles with more claims are refused (`too_many_claims`).
    pub max_claims_per_article: usize,
    pub workers: usize,
}

#[derive(Debug, Clone, Deserialize)]
pub struct DatabaseSettings {
    /// The owner: migrations and first-run set-up connect as it.
    pub url: Secret,
    pub pool_size: usize,
    /// Requests are served through this role (created and granted by the
    /// owner); empty serves as the owner.
    pub app_role: String,
    pub app_password: Secret,
}

#[derive(Debug, Clone, Deserialize)]
pub struct DataSettings {
    pub dir: PathBuf,
}

#[derive(Debug, Clone, Deserialize)]
pub struct AuthSettings {
    pub jwt_secret: Secret,
    pub token_ttl_minutes: i64,
    pub cookie_secure: bool,
    pub login_per_account_per_minute: u32,
    pub login_per_ip_per_minute: u32,
    pub admin_email: String,
    pub admin_password: Secret,
}

#[derive(Debug, Clone, Deserialize)]
pub struct WorkflowSettings {
    pub allow_self_approval: bool,
    pub verdicts: Vec<VerdictLabel>,
    /// Unattributed sentences scored below this are not presented as
    /// assertions to check (the browser shows them faintly by default).
    pub checkworthiness_threshold: f64,
}

/// One step of the verdict scale.
#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq, utoipa::ToSchema)]
pub struct VerdictLabel {
    pub label: String,
    /// 1 is best; feeds ClaimReview ratingValue.
    pub ordinal: i32,
    /// CSS colour for the label.
    pub colour: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct DemoSettings {
    pub load_on_first_run: bool,
}

/// Who publishes verification reports: ClaimReview's `author`, the HTML
/// report's footer.
#[derive(Debug, Clone, Deserialize)]
pub struct ReportSettings {
    pub publisher: String,
    /// Empty: none.
    pub publisher_url: String,
    /// Where each published fact check lives, ClaimReview's `url`:
    /// `{claim_id}` and `{article_id}` are filled in. Empty: left out.
    pub review_url: String,
    /// Claims read per round trip of a streamed export.
    pub stream_page: i64,
}

/// Fetching articles by URL (`POST /articles/fetch`).
#[derive(Debug, Clone, Deserialize)]
pub struct FetchSettings {
    /// Allow loopback and private-network addresses (an intranet CMS, tests).
    pub allow_private: bool,
    pub timeout_secs: u64,
    pub max_redirects: usize,
}

/// A string that never shows up in logs or `Debug` output.
#[derive(Clone, Deserialize, Default)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(s: impl Into<String>) -> Self {
        Secret(s.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_empty() {
            "\"\""
        } else {
            "[redacted]"
        })
    }
}

impl Settings {
    /// Reads the layers. `file` replaces the environment file
    /// (`config/<CLAIMDESK_ENV>.toml`, CLAIMDESK_ENV defaulting to `local`).
    pub fn load(file: Option<&Path>) -> Result<Settings, config::ConfigError> {
        let env_file = match file {
            Some(f) => config::File::from(f).required(true),
            None => {
                let env = std::env::var("CLAIMDESK_ENV").unwrap_or_else(|_| "local".into());
                config::File::with_name(&format!("config/{env}")).required(false)
            }
        };
        let mut builder = config::Config::builder()
            .add_source(config::File::from_str(DEFAULTS, config::FileFormat::Toml))
            .add_source(env_file)
            .add_source(
                config::Environment::with_prefix("CLAIMDESK")
                    .prefix_separator("__")
                    .separator("__")
                    .list_separator(",")
                    .with_list_parse_key("server.allowed_origins")
                    .with_list_parse_key("server.trusted_proxies")
                    .try_parsing(true),
            );
        if let Ok(url) = std::env::var("DATABASE_URL")
            && !url.is_empty()
        {
            builder = builder.set_override("database.url", url)?;
        }
        let settings: Settings = builder.build()?.try_deserialize()?;
        settings.validate().map_err(config::ConfigError::Message)?;
        Ok(settings)
    }

    /// The compiled-in defaults alone: no files, no environment. For tests
    /// and tools that must not be influenced by the machine they run on.
    pub fn defaults() -> Settings {
        config::Config::builder()
            .add_source(config::File::from_str(DEFAULTS, config::FileFormat::Toml))
            .build()
            .and_then(|c| c.try_deserialize())
            .expect("config/default.toml is valid (checked by a unit test)")
    }

    fn validate(&self) -> Result<(), String> {
        if self.auth.token_ttl_minutes <= 0 {
            return Err("auth.token_ttl_minutes must be positive".into());
        }
        if self.workflow.verdicts.is_empty() {
            return Err("workflow.verdicts must list at least one verdict".into());
        }
        let mut labels: Vec<&str> = self
            .workflow
            .verdicts
            .iter()
            .map(|v| v.label.as_str())
            .collect();
        labels.sort_unstable();
        if labels.windows(2).any(|w| w[0] == w[1]) {
            return Err("workflow.verdicts has a repeated label".into());
        }
        if !(1..=10_000).contains(&self.report.stream_page) {
            return Err("report.stream_page must be between 1 and 10000".into());
        }
        if !(0.0..=1.0).contains(&self.workflow.checkworthiness_threshold) {
            return Err("workflow.checkworthiness_threshold must be between 0 and 1".into());
        }
        if !self.database.app_role.is_empty()
            && !crate::store::app_role::valid_name(&self.database.app_role)
        {
            return Err(
                "database.app_role must be a lower-case name of letters, digits and _".into(),
            );
        }
        if self.database.pool_size == 0 {
            return Err("database.pool_size must be at least 1".into());
        }
        if self.fetch.timeout_secs == 0 {
            return Err("fetch.timeout_secs must be at least 1".into());
        }
        Ok(())
    }

    pub fn listen_address(&self) -> String {
        format!("{}:{}", self.server.host, self.server.port)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiled_in_defaults_parse_and_validate() {
        let s = Settings::defaults();
        s.validate().unwrap();
        assert_eq!(s.server.port, 8080);
        assert!(
            s.database.url.is_empty(),
            "empty URL selects the embedded cluster"
        );
        assert_eq!(s.workflow.verdicts[0].label, "true");
    }

    #[test]
    fn a_settings_file_overrides_the_defaults_key_by_key() {
        let dir = std::env::temp_dir().join(format!("claimdesk-cfg-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("site.toml");
        std::fs::write(
            &file,
            "[workflow]\nallow_self_approval = true\n[auth]\ntoken_ttl_minutes = 30\n",
        )
        .unwrap();
        let s = Settings::load(Some(&file)).unwrap();
        assert!(s.workflow.allow_self_approval);
        assert_eq!(s.auth.token_ttl_minutes, 30);
        assert_eq!(
            s.workflow.verdicts.len(),
            8,
            "untouched keys keep their defaults"
        );
        std::fs::write(&file, "[auth]\ntoken_ttl_minutes = -1\n").unwrap();
        let err = Settings::load(Some(&file)).unwrap_err().to_string();
        assert!(err.contains("token_ttl_minutes"), "{err}");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn trusted_proxies_are_ip_addresses() {
        assert!(Settings::defaults().server.trusted_proxies.is_empty());
        let dir = std::env::temp_dir().join(format!("claimdesk-cfg-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("site.toml");
        std::fs::write(
            &file,
            "[server]\ntrusted_proxies = [\"10.0.0.7\", \"::1\"]\n",
        )
        .unwrap();
        let s = Settings::load(Some(&file)).unwrap();
        assert_eq!(
            s.server.trusted_proxies,
            [
                "10.0.0.7".parse::<std::net::IpAddr>().unwrap(),
                "::1".parse().unwrap()
            ]
        );
        std::fs::write(&file, "[server]\ntrusted_proxies = [\"proxy.internal\"]\n").unwrap();
        assert!(
            Settings::load(Some(&file)).is_err(),
            "a host name is refused"
        );
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn secrets_never_print() {
        let s = Secret::new("hunter2");
        assert_eq!(format!("{s:?}"), "[redacted]");
    }
}
