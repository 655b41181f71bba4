//! RON → validated [`Timeline`], with errors a data author can act on.
//!
//! Loading happens in two passes. `ron` parses the file into raw structs that mirror the format
//! (unknown fields refused, positions reported as `FILE:LINE:COL`); then `validate` checks every
//! event, pillar and glossary entry and reports *all* problems at once, each naming the event, the
//! field and the value, so an author fixes a file in one round instead of one error per run.

use std::borrow::Cow;
use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::Path;
use std::sync::atomic::{AtomicU8, AtomicU64, Ordering};

use chrono::NaiveDate;
use ratatui::style::Color;
use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor};

use super::date::EventDate;
use super::model::{Event, EventText, Name, Pillar, Timeline};
use super::text::sanitize;
use crate::files;

/// The dataset shipped inside the binary, so `ajtl` works from any directory.
pub const BUNDLED: &str = include_str!("../../data/asean_japan.ron");
/// The name the bundled dataset goes by in messages.
pub const BUNDLED_NAME: &str = "data/asean_japan.ron";
/// Files larger than this are refused before parsing rather than exhausting memory.
pub const MAX_FILE_BYTES: u64 = 1 << 30;
/// How deeply values may nest; the format itself needs four levels.
const RECURSION_LIMIT: usize = 64;

/// Everything wrong with one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The file as the user named it.
    pub file: String,
    pub problems: Vec<Problem>,
}

/// One thing wrong with a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The file could not be read at all.
    Read(String),
    /// A problem at a position in the text (syntax, encoding, types, unknown fields).
    At {
        line: usize,
        col: usize,
        message: String,
    },
    /// A well-formed file whose contents break a rule.
    Invalid {
        subject: Subject,
        /// The field and its value as written, e.g. `date "2003-13"`.
        field: String,
        message: String,
    },
}

/// What an [`Problem::Invalid`] is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    Timeline,
    /// 1-based position in the file's `pillars` list.
    Pillar {
        number: usize,
        id: String,
    },
    Glossary {
        key: String,
    },
    /// 1-based position in the file's `events` list.
    Event {
        number: usize,
        id: String,
    },
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let numbered = |f: &mut fmt::Formatter<'_>, kind: &str, number: usize, id: &str| {
            write!(f, "{kind} #{number}")?;
            if !id.is_empty() {
                write!(f, " {id:?}")?;
            }
            Ok(())
        };
        match self {
            Subject::Timeline => f.write_str("timeline"),
            Subject::Pillar { number, id } => numbered(f, "pillar", *number, id),
            Subject::Glossary { key } => write!(f, "glossary {key:?}"),
            Subject::Event { number, id } => numbered(f, "event", *number, id),
        }
    }
}

impl LoadError {
    fn single(file: &str, problem: Problem) -> Self {
        LoadError {
            file: file.to_string(),
            problems: vec![problem],
        }
    }

    /// One line per problem, each starting with the file name.
    pub fn lines(&self) -> impl Iterator<Item = String> + '_ {
        self.problems.iter().map(|problem| match problem {
            Problem::Read(message) => format!("{}: {message}", self.file),
            Problem::At { line, col, message } => {
                format!("{}:{line}:{col}: {message}", self.file)
            }
            Problem::Invalid {
                subject,
                field,
                message,
            } => format!("{}: {subject}: {field}: {message}", self.file),
        })
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, line) in self.lines().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            f.write_str(&line)?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}

/// The bundled dataset. The test suite guarantees it loads without problems.
pub fn bundled() -> Result<Timeline, LoadError> {
    load_str(BUNDLED_NAME, BUNDLED)
}

/// How far a load has got, shared with whoever shows it (the explorer's loading screen).
#[derive(Debug, Default)]
pub struct Progress {
    stage: AtomicU8,
    /// Bytes read, then bytes parsed, of `total`.
    done: AtomicU64,
    total: AtomicU64,
}

/// The steps of loading a large file, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    Reading,
    Parsing,
    Checking,
    /// Preparing search, after the timeline itself is loaded.
    Indexing,
}

impl Progress {
    /// The current stage, and how much of it is done (0.0–1.0) where that is known.
    pub fn snapshot(&self) -> (Stage, Option<f64>) {
        let stage = match self.stage.load(Ordering::Relaxed) {
            0 => Stage::Reading,
            1 => Stage::Parsing,
            2 => Stage::Checking,
            _ => Stage::Indexing,
        };
        let total = self.total.load(Ordering::Relaxed);
        let fraction = matches!(stage, Stage::Reading | Stage::Parsing)
            .then(|| self.done.load(Ordering::Relaxed) as f64 / total.max(1) as f64);
        (stage, fraction.map(|f| f.min(1.0)))
    }

    pub fn enter(&self, stage: Stage) {
        self.done.store(0, Ordering::Relaxed);
        self.stage.store(stage as u8, Ordering::Relaxed);
    }
}

/// Reads and validates a timeline file.
pub fn load_file(path: &Path) -> Result<Timeline, LoadError> {
    load_file_with_progress(path, &Progress::default())
}

/// [`load_file`], reporting progress as it goes (reading in chunks, then parsing).
pub fn load_file_with_progress(path: &Path, progress: &Progress) -> Result<Timeline, LoadError> {
    load_file_within(path, progress, MAX_FILE_BYTES)
}

/// [`load_file_with_progress`] with the size limit as a parameter, so tests can show it holds
/// without a gigabyte file. The file is opened with [`files::open_regular`], so a FIFO or a
/// device is refused at once instead of blocking or reading forever, and at most one byte past
/// `limit` is ever read, whatever the metadata said: a file that grows past the limit while
/// being read is refused too.
fn load_file_within(path: &Path, progress: &Progress, limit: u64) -> Result<Timeline, LoadError> {
    let name = sanitize(&path.display().to_string()).into_owned();
    let read_error = |e: std::io::Error| LoadError::single(&name, Problem::Read(describe_io(&e)));
    let file = files::open_regular(path).map_err(read_error)?;
    let size = file.metadata().map_err(read_error)?.len();
    if size > limit {
        return Err(LoadError::single(
            &name,
            Problem::Read(format!(
                "the file is {size} bytes; timelines are limited to {limit} bytes"
            )),
        ));
    }
    progress.total.store(size, Ordering::Relaxed);
    progress.enter(Stage::Reading);
    let bytes = read_in_chunks(file, size, limit, progress).map_err(read_error)?;
    match std::str::from_utf8(&bytes) {
        Ok(text) => load_text(&name, text, Some(progress)),
        Err(_) => load_bytes(&name, &bytes),
    }
}

/// Reads a file in chunks so the bytes read so far can be shown, stopping with an error one
/// byte past `limit`.
fn read_in_chunks(
    file: impl std::io::Read,
    size: u64,
    limit: u64,
    progress: &Progress,
) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    const CHUNK: u64 = 8 << 20;
    let mut file = file.take(limit.saturating_add(1));
    let mut bytes = Vec::with_capacity(size.min(limit) as usize);
    loop {
        let read = (&mut file).take(CHUNK).read_to_end(&mut bytes)?;
        progress.done.store(bytes.len() as u64, Ordering::Relaxed);
        if bytes.len() as u64 > limit {
            return Err(std::io::Error::new(
                std::io::ErrorKind::FileTooLarge,
                format!(
                    "the file grew past {limit} bytes while being read; timelines are limited to {limit} bytes"
                ),
            ));
        }
        if read == 0 {
            return Ok(bytes);
        }
    }
}

fn describe_io(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::NotFound => "no such file".to_string(),
        ErrorKind::PermissionDenied => "permission denied".to_string(),
        // `not a regular file (…)` and the size limit say all there is to say.
        ErrorKind::InvalidInput | ErrorKind::FileTooLarge => error.to_string(),
        _ => format!("cannot read: {error}"),
    }
}

/// Validates a timeline from raw bytes, which must be UTF-8.
pub fn load_bytes(name: &str, bytes: &[u8]) -> Result<Timeline, LoadError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => load_str(name, text),
        Err(error) => {
            let valid = std::str::from_utf8(&bytes[..error.valid_up_to()]).unwrap_or_default();
            let (line, col) = end_position(valid);
            Err(LoadError::single(
                name,
                Problem::At {
                    line,
                    col,
                    message: "not valid UTF-8: timeline files must be UTF-8 text".to_string(),
                },
            ))
        }
    }
}

/// The 1-based line and column just after `text`.
fn end_position(text: &str) -> (usize, usize) {
    let line = text.matches('\n').count() + 1;
    let col = text
        .rsplit('\n')
        .next()
        .map_or(0, |last| last.chars().count())
        + 1;
    (line, col)
}

/// Parses and validates a timeline from text.
pub fn load_str(name: &str, text: &str) -> Result<Timeline, LoadError> {
    load_text(name, text, None)
}

fn load_text(name: &str, text: &str, progress: Option<&Progress>) -> Result<Timeline, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(LoadError::single(
            name,
            Problem::Read("the file is empty; see docs/dataset-format.md for the format".into()),
        ));
    }
    if let Some(progress) = progress {
        progress.enter(Stage::Parsing);
    }
    let raw = match super::fast::parse(text, progress.map(|p| &p.done)) {
        Some(raw) => raw,
        None => parse_with_ron(name, text)?,
    };
    if let Some(progress) = progress {
        progress.enter(Stage::Checking);
    }
    validate(raw).map_err(|problems| LoadError {
        file: name.to_string(),
        problems,
    })
}

/// The general parser: reads everything the RON format allows, and reports what it cannot read.
pub(super) fn parse_with_ron<'a>(name: &str, text: &'a str) -> Result<RawTimeline<'a>, LoadError> {
    let options = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .with_recursion_limit(RECURSION_LIMIT);
    options.from_str(text).map_err(|error| {
        LoadError::single(
            name,
            Problem::At {
                line: error.span.start.line,
                col: error.span.start.col,
                message: sanitize(&error.code.to_string()).into_owned(),
            },
        )
    })
}

/// The file format as written, before validation. Field names here are the format's field names.
#[derive(Debug, PartialEq, Deserialize)]
#[serde(rename = "Timeline", deny_unknown_fields)]
pub(super) struct RawTimeline<'a> {
    pub(super) title: String,
    #[serde(default)]
    pub(super) source: String,
    pub(super) pillars: Vec<RawPillar>,
    #[serde(default)]
    pub(super) glossary: GlossaryEntries,
    #[serde(default, borrow)]
    pub(super) events: Vec<RawEvent<'a>>,
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(rename = "Pillar", deny_unknown_fields)]
pub(super) struct RawPillar {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) color: String,
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(rename = "Event", deny_unknown_fields)]
pub(super) struct RawEvent<'a> {
    /// Text is read in place (borrowed from the file's text where it has no escapes): each
    /// event's text is then allocated once, when validated, rather than field by field while
    /// parsing, between temporaries whose freed space would be left scattered.
    #[serde(borrow)]
    pub(super) id: Cow<'a, str>,
    #[serde(borrow)]
    pub(super) date: Cow<'a, str>,
    #[serde(borrow)]
    pub(super) title: Cow<'a, str>,
    #[serde(default, borrow)]
    pub(super) summary: Cow<'a, str>,
    #[serde(borrow)]
    pub(super) pillar: Cow<'a, str>,
    #[serde(default, borrow)]
    pub(super) acronyms: Vec<Cow<'a, str>>,
    #[serde(default, borrow)]
    pub(super) mechanisms: Vec<Cow<'a, str>>,
    #[serde(default, borrow)]
    pub(super) place: Option<Cow<'a, str>>,
    #[serde(default)]
    pub(super) source: Option<u32>,
}

/// The glossary map in file order, duplicates kept, so a repeated key can be reported instead of
/// silently replacing the first.
#[derive(Debug, PartialEq, Default)]
pub(super) struct GlossaryEntries(pub(super) Vec<(String, String)>);

impl<'de> Deserialize<'de> for GlossaryEntries {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntriesVisitor;
        impl<'de> Visitor<'de> for EntriesVisitor {
            type Value = GlossaryEntries;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map of acronym to expansion")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(GlossaryEntries(entries))
            }
        }
        deserializer.deserialize_map(EntriesVisitor)
    }
}

fn clean(text: String) -> String {
    match sanitize(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(clean) => clean,
    }
}

fn is_blank(text: &str) -> bool {
    text.trim().is_empty()
}

/// Collects problems while validation walks the file, each with the event number it belongs to
/// (0 for the timeline, pillars and glossary) so they can be reported in file order.
struct Problems(Vec<(usize, Problem)>);

impl Problems {
    fn add(
        &mut self,
        event: usize,
        subject: Subject,
        field: impl Into<String>,
        message: impl Into<String>,
    ) {
        let problem = Problem::Invalid {
            subject,
            field: field.into(),
            message: message.into(),
        };
        self.0.push((event, problem));
    }

    /// The problems in file order; a stable sort keeps each event's problems in field order.
    fn into_sorted(mut self) -> Vec<Problem> {
        self.0.sort_by_key(|(event, _)| *event);
        self.0.into_iter().map(|(_, problem)| problem).collect()
    }
}

/// One shared copy of each distinct acronym and mechanism name.
#[derive(Default)]
struct Names(HashMap<String, Name>);

impl Names {
    fn intern(&mut self, name: &str) -> Name {
        if let Some(shared) = self.0.get(name) {
            return shared.clone();
        }
        let shared = Name::from(name);
        self.0.insert(name.to_string(), shared.clone());
        shared
    }
}

/// Reports empty and repeated event ids, borrowing them so no id is copied for the check.
fn check_ids(events: &[RawEvent<'_>], problems: &mut Problems) {
    let mut first_with_id: HashMap<&str, usize> = HashMap::with_capacity(events.len());
    for (index, event) in events.iter().enumerate() {
        let number = index + 1;
        let subject = || Subject::Event {
            number,
            id: sanitize(&event.id).into_owned(),
        };
        if is_blank(&event.id) {
            problems.add(number, subject(), "id", "is empty");
            continue;
        }
        match first_with_id.entry(&event.id) {
            std::collections::hash_map::Entry::Occupied(first) => {
                let field = format!("id {:?}", sanitize(&event.id));
                let message = format!("is already used by event #{}", first.get());
                problems.add(number, subject(), field, message);
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(number);
            }
        }
    }
}

/// The closest candidate to `wanted`, for "did you mean …" hints.
fn suggest<'a>(wanted: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let wanted = wanted.to_lowercase();
    candidates
        .map(|candidate| {
            let lower = candidate.to_lowercase();
            let score =
                if lower == wanted || lower.starts_with(&wanted) || wanted.starts_with(&lower) {
                    1.0
                } else {
                    strsim::jaro_winkler(&wanted, &lower)
                };
            (score, candidate)
        })
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

fn did_you_mean(suggestion: Option<&str>) -> String {
    suggestion.map_or_else(String::new, |s| format!(" (did you mean {s:?}?)"))
}

fn validate(raw: RawTimeline<'_>) -> Result<Timeline, Vec<Problem>> {
    let mut problems = Problems(Vec::new());
    if is_blank(&raw.title) {
        problems.add(0, Subject::Timeline, "title", "is empty");
    }
    let pillars = validate_pillars(raw.pillars, &mut problems);
    let glossary = validate_glossary(raw.glossary, &mut problems);
    let pillar_index: HashMap<&str, usize> = pillars
        .iter()
        .enumerate()
        .map(|(index, pillar)| (pillar.id.as_ref(), index))
        .collect();

    check_ids(&raw.events, &mut problems);
    let mut names = Names::default();
    let mut events = Vec::with_capacity(raw.events.len());
    for (index, raw_event) in raw.events.into_iter().enumerate() {
        let number = index + 1;
        let id = sanitize(&raw_event.id);
        // Built only when there is a problem to report: most events have none.
        let subject = || Subject::Event {
            number,
            id: id.to_string(),
        };
        let title = sanitize(&raw_event.title);
        if is_blank(&title) {
            problems.add(number, subject(), "title", "is empty");
        }
        let date = EventDate::parse(&raw_event.date);
        if let Err(error) = &date {
            let field = format!("date {:?}", sanitize(&raw_event.date));
            problems.add(number, subject(), field, error.to_string());
        }
        let pillar_number = pillar_index.get(&*raw_event.pillar).copied();
        if is_blank(&raw_event.pillar) {
            problems.add(number, subject(), "pillar", "is empty");
        } else if pillar_number.is_none() {
            let known: Vec<&str> = pillars.iter().map(|p| p.id.as_ref()).collect();
            let pillar = sanitize(&raw_event.pillar);
            let message = format!(
                "is not one of the pillars [{}]{}",
                known.join(", "),
                did_you_mean(suggest(&pillar, known.iter().copied()))
            );
            problems.add(number, subject(), format!("pillar {pillar:?}"), message);
        }
        let acronyms: Box<[Name]> = raw_event
            .acronyms
            .iter()
            .map(|acronym| names.intern(&sanitize(acronym)))
            .collect();
        for acronym in &acronyms {
            if is_blank(acronym) {
                problems.add(number, subject(), "acronyms", "holds an empty acronym");
            } else if !glossary.contains_key(&**acronym) {
                let message = format!(
                    "is not in the glossary{}",
                    did_you_mean(suggest(acronym, glossary.keys().map(String::as_str)))
                );
                problems.add(number, subject(), format!("acronym {acronym:?}"), message);
            }
        }
        let mechanisms: Box<[Name]> = raw_event
            .mechanisms
            .iter()
            .map(|mechanism| names.intern(&sanitize(mechanism)))
            .collect();
        if mechanisms.iter().any(|m| is_blank(m)) {
            problems.add(number, subject(), "mechanisms", "holds an empty mechanism");
        }
        if raw_event.source == Some(0) {
            problems.add(
                number,
                subject(),
                "source 0",
                "paragraph numbers start at 1",
            );
        }
        if let (Ok(date), Some(pillar)) = (date, pillar_number) {
            let place = raw_event.place.as_deref().map(sanitize);
            let text = EventText {
                id: &id,
                title: &title,
                summary: &sanitize(&raw_event.summary),
                place: place.as_deref().filter(|place| !is_blank(place)),
            };
            events.push(Event::new(
                text,
                date,
                pillar,
                acronyms,
                mechanisms,
                raw_event.source,
            ));
        }
    }

    if !problems.0.is_empty() {
        return Err(problems.into_sorted());
    }
    let events = in_timeline_order(events);
    Ok(Timeline {
        title: clean(raw.title),
        source: clean(raw.source),
        pillars,
        glossary,
        events,
    })
}

/// Events ordered by earliest, then latest possible day, then file order. Sorting small keys
/// and moving each event once is much cheaper than sorting the events themselves.
fn in_timeline_order(events: Vec<Event>) -> Vec<Event> {
    let mut order: Vec<(NaiveDate, NaiveDate, u32)> = events
        .iter()
        .enumerate()
        .map(|(index, event)| (event.date.earliest(), event.date.latest(), index as u32))
        .collect();
    order.sort_unstable();
    let mut slots: Vec<Option<Event>> = events.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|(_, _, index)| slots[index as usize].take())
        .collect()
}

fn validate_pillars(raw: Vec<RawPillar>, problems: &mut Problems) -> Vec<Pillar> {
    let mut pillars: Vec<Pillar> = Vec::with_capacity(raw.len());
    for (index, raw_pillar) in raw.into_iter().enumerate() {
        let id = clean(raw_pillar.id);
        let subject = Subject::Pillar {
            number: index + 1,
            id: id.clone(),
        };
        if is_blank(&id) {
            problems.add(0, subject.clone(), "id", "is empty");
        } else if let Some(first) = pillars.iter().position(|p| p.id == id) {
            problems.add(
                0,
                subject.clone(),
                format!("id {id:?}"),
                format!("is already used by pillar #{}", first + 1),
            );
        }
        let name = clean(raw_pillar.name);
        if is_blank(&name) {
            problems.add(0, subject.clone(), "name", "is empty");
        }
        let color = raw_pillar.color.parse::<Color>().unwrap_or_else(|_| {
            problems.add(
                0,
                subject.clone(),
                format!("color {:?}", sanitize(&raw_pillar.color)),
                "is not a colour: use a name such as \"red\", \"light-blue\", \"gray\", or \"#rrggbb\"",
            );
            Color::Reset
        });
        pillars.push(Pillar { id, name, color });
    }
    pillars
}

fn validate_glossary(raw: GlossaryEntries, problems: &mut Problems) -> BTreeMap<String, String> {
    let mut glossary = BTreeMap::new();
    for (key, expansion) in raw.0 {
        let key = clean(key);
        let subject = Subject::Glossary { key: key.clone() };
        if is_blank(&key) {
            problems.add(0, subject.clone(), "acronym", "is empty");
        } else if let Entry::Vacant(entry) = glossary.entry(key) {
            entry.insert(clean(expansion));
        } else {
            problems.add(0, subject.clone(), "acronym", "is defined more than once");
        }
    }
    glossary
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn end_position_counts_lines_and_chars() {
        assert_eq!(end_position(""), (1, 1));
        assert_eq!(end_position("ab"), (1, 3));
        assert_eq!(end_position("ab\n日本"), (2, 3));
    }

    #[test]
    fn suggestions_prefer_prefixes_and_close_spellings() {
        let ids = ["milestones", "economic", "socio-cultural"];
        assert_eq!(suggest("eco", ids.into_iter()), Some("economic"));
        assert_eq!(suggest("economc", ids.into_iter()), Some("economic"));
        assert_eq!(suggest("jaif", ["JAIF", "JMT"].into_iter()), Some("JAIF"));
        assert_eq!(suggest("zzz", ids.into_iter()), None);
    }

    #[test]
    fn a_file_over_the_limit_is_refused_before_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.ron");
        std::fs::write(&path, BUNDLED).unwrap();
        let size = BUNDLED.len() as u64;
        let refused = load_file_within(&path, &Progress::default(), size - 1).unwrap_err();
        assert_eq!(
            refused.lines().collect::<Vec<_>>(),
            [format!(
                "{}: the file is {size} bytes; timelines are limited to {} bytes",
                path.display(),
                size - 1
            )]
        );
        assert!(load_file_within(&path, &Progress::default(), size).is_ok());
    }

    #[test]
    fn reading_stops_one_byte_past_the_limit_whatever_the_size_said() {
        // An endless source that claimed to be small, as a file growing while read does.
        let progress = Progress::default();
        let refused = read_in_chunks(std::io::repeat(b' '), 10, 1000, &progress).unwrap_err();
        assert_eq!(refused.kind(), std::io::ErrorKind::FileTooLarge);
        assert_eq!(
            describe_io(&refused),
            "the file grew past 1000 bytes while being read; timelines are limited to 1000 bytes"
        );
        assert_eq!(progress.done.load(Ordering::Relaxed), 1001);
        let read = read_in_chunks(&b"Timeline()"[..], 10, 10, &progress).unwrap();
        assert_eq!(read, b"Timeline()");
    }
}
