//! The explorer's optional config file, `config.ron` in the user's config directory (or the file
//! `AJTL_CONFIG` names): theme, colours, mouse, the order of searches, and keys.
//!
//! ```ron
//! Config(
//!     theme: Light,                              // Dark (the default) or Light
//!     colors: (matched: "magenta", border: "#5f87af"),
//!     pillar_colors: {"economic": "green"},      // by pillar id; ids not in the data are ignored
//!     mouse: false,
//!     sort: Date,                                // Relevance (the default) or Date
//!     keys: {"next": ["n", "down"], "quit": ["ctrl-q"]},  // see `ajtl keys`
//! )
//! ```
//!
//! Every field is optional. A file that does not parse, an unknown field, a colour that is not
//! one, or a rebinding the keymap refuses (an unknown action or key, a key bound twice) is
//! reported as `FILE:LINE:COL: message`, every rebinding problem at once.

mod rebind;

use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use ratatui::style::Color;
use serde::{Deserialize, Deserializer};

use crate::app::Order;
use crate::app::keys::{Keymap, Problem};
use crate::files;
use crate::ui::theme::Theme;

/// A config file is a few lines; anything larger is not one.
const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// The environment variable that names the config file instead of the default place.
pub const CONFIG_VARIABLE: &str = "AJTL_CONFIG";

/// The config file's settings; what it leaves out keeps the defaults.
#[derive(Debug, Default, PartialEq, Deserialize)]
#[serde(rename = "Config", deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub theme: ThemeName,
    #[serde(default)]
    pub colors: ElementColors,
    #[serde(default)]
    pub pillar_colors: BTreeMap<String, ConfigColor>,
    /// `None`: mouse on, unless `--no-mouse`.
    pub mouse: Option<bool>,
    #[serde(default)]
    pub sort: Sort,
    /// Rebindings as written; [`Config::parse`] applies them to `keymap`.
    #[serde(default)]
    keys: rebind::Rebindings,
    /// The keys in force: the defaults with `keys` applied.
    #[serde(skip)]
    pub keymap: Keymap,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
}

/// How searches are ordered until `s` switches.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
pub enum Sort {
    #[default]
    Relevance,
    Date,
}

/// Colours for the screen's elements (see [`crate::ui::theme::ELEMENTS`]).
#[derive(Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ElementColors {
    title: Option<ConfigColor>,
    dim: Option<ConfigColor>,
    label: Option<ConfigColor>,
    selected: Option<ConfigColor>,
    matched: Option<ConfigColor>,
    border: Option<ConfigColor>,
    key: Option<ConfigColor>,
    error: Option<ConfigColor>,
}

/// A colour as the dataset format writes them: a name (`"cyan"`), an index (`"42"`) or
/// `"#rrggbb"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConfigColor(pub Color);

impl<'de> Deserialize<'de> for ConfigColor {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map(ConfigColor).map_err(|_| {
            serde::de::Error::custom(format!(
                "{text:?} is not a colour: use a name such as \"cyan\", a number 0-255 or \"#rrggbb\""
            ))
        })
    }
}

/// Why the config file cannot be used.
#[derive(Debug, PartialEq, Eq)]
pub struct ConfigError(String);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Reads the config file: `AJTL_CONFIG`'s (which must exist), else the user's
    /// `config.ron` if there is one, else the defaults.
    pub fn load() -> Result<Self, ConfigError> {
        if let Some(path) = std::env::var_os(CONFIG_VARIABLE).filter(|p| !p.is_empty()) {
            return Self::read(Path::new(&path));
        }
        match default_path() {
            Some(path) if path.exists() => Self::read(&path),
            _ => Ok(Config::default()),
        }
    }

    /// Reads and parses the file at `path`. It is opened with [`files::read_regular`], so a
    /// FIFO or a device named by mistake is refused at once rather than blocking the start.
    pub fn read(path: &Path) -> Result<Self, ConfigError> {
        let name = path.display().to_string();
        let text = files::read_regular(path, MAX_CONFIG_BYTES).and_then(|bytes| {
            String::from_utf8(bytes)
                .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "not UTF-8 text"))
        });
        let text = text.map_err(|error| match error.kind() {
            io::ErrorKind::InvalidInput => ConfigError(format!("{name}: {error}")),
            _ => ConfigError(format!("{name}: cannot read the config file: {error}")),
        })?;
        Self::parse(&name, &text)
    }

    /// Parses config text; `name` is the file's, for messages.
    pub fn parse(name: &str, text: &str) -> Result<Self, ConfigError> {
        let options = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
        let mut config: Config = options.from_str(text).map_err(|error| {
            let at = error.span.start;
            ConfigError(format!("{name}:{}:{}: {}", at.line, at.col, error.code))
        })?;
        config.keymap = Keymap::new(&config.keys.0).map_err(|problems| {
            let placed = problems.iter().map(|Problem { place, message }| {
                match rebind::locate(text, &options, *place) {
                    Some(at) => format!("{name}:{}:{}: {message}", at.line, at.col),
                    None => format!("{name}: {message}"),
                }
            });
            ConfigError(placed.collect::<Vec<_>>().join("\n"))
        })?;
        Ok(config)
    }

    /// The theme these settings ask for; `color` false for `NO_COLOR`, `ascii` for `--ascii`.
    pub fn theme(&self, color: bool, ascii: bool) -> Theme {
        let mut theme = match self.theme {
            ThemeName::Dark => Theme::dark(),
            ThemeName::Light => Theme::light(),
        };
        let ElementColors {
            title,
            dim,
            label,
            selected,
            matched,
            border,
            key,
            error,
        } = &self.colors;
        let elements = [title, dim, label, selected, matched, border, key, error];
        for (name, color) in crate::ui::theme::ELEMENTS.iter().zip(elements) {
            if let Some(ConfigColor(color)) = color {
                theme.set_color(name, *color);
            }
        }
        for (id, ConfigColor(color)) in &self.pillar_colors {
            theme.set_pillar_color(id, *color);
        }
        if !color {
            theme = theme.without_color();
        }
        if ascii { theme.ascii() } else { theme }
    }

    /// The order searches start in.
    pub fn order(&self) -> Order {
        match self.sort {
            Sort::Relevance => Order::Relevance,
            Sort::Date => Order::Timeline,
        }
    }
}

/// `config.ron` in the user's config directory (`~/.config/ajtl` on Linux).
pub fn default_path() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "ajtl")?;
    Some(dirs.config_dir().join("config.ron"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Modifier;

    #[test]
    fn every_field_is_optional_and_the_example_parses() {
        assert_eq!(Config::parse("c.ron", "Config()"), Ok(Config::default()));
        let config = Config::parse(
            "c.ron",
            r##"Config(
                theme: Light,
                colors: (matched: "magenta", border: "#5f87af"),
                pillar_colors: {"economic": "green"},
                mouse: false,
                sort: Date,
            )"##,
        )
        .unwrap();
        assert_eq!(config.mouse, Some(false));
        assert_eq!(config.order(), Order::Timeline);
        let theme = config.theme(true, false);
        assert_eq!(theme.matched.fg, Some(Color::Magenta));
        assert_eq!(theme.border.fg, Some(Color::Rgb(0x5f, 0x87, 0xaf)));
        let plain = config.theme(false, true);
        assert_eq!(plain.matched.fg, None);
        assert!(plain.matched.add_modifier.contains(Modifier::UNDERLINED));
        assert_eq!(plain.glyphs.marker, "*");
    }

    #[test]
    fn mistakes_name_the_file_line_and_column() {
        let error = |text: &str| Config::parse("my.ron", text).unwrap_err().to_string();
        assert_eq!(
            error("Config(\n  colors: (matched: \"purplish\"),\n)"),
            "my.ron:2:22: \"purplish\" is not a colour: use a name such as \"cyan\", a number 0-255 or \"#rrggbb\""
        );
        assert!(
            error("Config(theme: Neon)").starts_with("my.ron:1:"),
            "{}",
            error("Config(theme: Neon)")
        );
        assert!(error("Config(mouse: true, speed: 3)").contains("speed"));
        let unfinished = error("Config(");
        assert!(unfinished.starts_with("my.ron:1:"), "{unfinished}");
    }

    #[test]
    fn rebindings_apply_and_their_mistakes_are_placed_all_at_once() {
        let config = Config::parse(
            "c.ron",
            "Config(theme: Light, keys: {\"next\": [\"n\", \"down\"], \"quit\": [\"ctrl-q\"]}, sort: Date)",
        )
        .unwrap();
        assert_ne!(config.keymap, Keymap::default());
        let error = |text: &str| Config::parse("my.ron", text).unwrap_err().to_string();
        let text = "Config(\n  theme: Light,\n  keys: {\n    \"nxet\": [\"n\"],\n    \"next\": [\"j\", \"q\", \"hyper\"],\n  },\n)";
        let lines: Vec<String> = error(text).lines().map(str::to_string).collect();
        assert_eq!(lines.len(), 3, "{lines:#?}");
        assert!(
            lines[0].starts_with("my.ron:4:6: unknown action \"nxet\": the actions are next,"),
            "{}",
            lines[0]
        );
        assert_eq!(
            lines[1],
            "my.ron:5:20: q is bound to both next and quit in browse: rebind one of them"
        );
        assert!(
            lines[2].starts_with("my.ron:5:25: unknown key \"hyper\": use a character"),
            "{}",
            lines[2]
        );
    }
}
