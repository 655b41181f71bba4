//! `ajtl cache` and `ajtl cache clear`: where the snapshot cache is, what it holds, and
//! emptying it. Paths are printed sanitised, as every path ajtl prints.

use std::io::Write;
use std::time::SystemTime;

use super::Failure;
use crate::files;
use crate::snapshot::Cache;
use crate::timeline::text::sanitize;

/// What `ajtl cache` says when there is no cache directory.
const NO_CACHE: &str =
    "no cache directory: ajtl runs without a cache (set AJTL_CACHE_DIR to have one)";

/// `ajtl cache`: the cache's location, total size and bound, then one line per snapshot, most
/// recently used first: its size, when it was last used and the file it was made from.
pub fn show(out: &mut impl Write, cache: Option<&Cache>) -> Result<(), Failure> {
    let Some(cache) = cache else {
        return writeln!(out, "{NO_CACHE}").map_err(Failure::Write);
    };
    let entries = cache.entries().map_err(|error| unreadable(cache, &error))?;
    let total: u64 = entries.iter().map(|entry| entry.size).sum();
    let write = |out: &mut dyn Write| -> std::io::Result<()> {
        writeln!(out, "cache: {}", shown(cache))?;
        writeln!(
            out,
            "{}, {} of at most {}",
            count(entries.len()),
            bytes(total),
            bytes(cache.bound())
        )?;
        for entry in &entries {
            let source = entry.source.as_deref().unwrap_or("(unreadable snapshot)");
            writeln!(
                out,
                "{:>10}  {}  {source}",
                bytes(entry.size),
                when(entry.last_used)
            )?;
        }
        Ok(())
    };
    write(out).map_err(Failure::Write)
}

/// `ajtl cache clear`: deletes ajtl's snapshots (nothing else in the directory) and says how
/// many and how large.
pub fn clear(out: &mut impl Write, cache: Option<&Cache>) -> Result<(), Failure> {
    let Some(cache) = cache else {
        return writeln!(out, "{NO_CACHE}").map_err(Failure::Write);
    };
    let cleared = cache.clear().map_err(|error| unreadable(cache, &error))?;
    writeln!(
        out,
        "removed {} ({}) from {}",
        count(cleared.files),
        bytes(cleared.bytes),
        shown(cache)
    )
    .map_err(Failure::Write)
}

fn unreadable(cache: &Cache, error: &std::io::Error) -> Failure {
    Failure::Cache(format!(
        "cannot read the cache at {}: {}",
        shown(cache),
        sanitize(&files::reason(error))
    ))
}

fn shown(cache: &Cache) -> String {
    sanitize(&cache.dir().display().to_string()).into_owned()
}

fn count(files: usize) -> String {
    match files {
        1 => "1 snapshot".to_string(),
        n => format!("{n} snapshots"),
    }
}

/// `512 B`, `3.4 MiB`, `2.0 GiB`.
fn bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if n < 1024 {
        return format!("{n} B");
    }
    let mut value = n as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

/// A time in the local zone, to the minute.
fn when(time: SystemTime) -> String {
    chrono::DateTime::<chrono::Local>::from(time)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_in_binary_units() {
        assert_eq!(bytes(0), "0 B");
        assert_eq!(bytes(1023), "1023 B");
        assert_eq!(bytes(1536), "1.5 KiB");
        assert_eq!(bytes(crate::snapshot::store::DEFAULT_BOUND), "2.0 GiB");
    }

    #[test]
    fn without_a_cache_directory_both_commands_say_so() {
        for command in [show, clear] {
            let mut out = Vec::new();
            command(&mut out, None).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), format!("{NO_CACHE}\n"));
        }
    }
}
