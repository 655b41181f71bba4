//! The Timeline desktop app's `.timeline` files (thetimelineproj, by Rickard Lindberg): XML with
//! `<categories>` (name, `r,g,b` colour, parent), `<events>` (start and end as
//! `YYYY-MM-DD HH:MM:SS`, years before 1 numbered astronomically: `-270` is 271 BC; text, category, description,
//! hyperlink, and display settings) and `<eras>`. Categories become pillars (a child keeps its
//! own name: the tree is flattened), events events, eras eras. The app's display settings
//! (icons, alerts, progress, fuzzy and locked flags, the `<view>`) are counted as ignored.

use std::collections::BTreeMap;

use quick_xml::Reader;
use quick_xml::events::Event as Xml;

use super::{
    Groups, Ids, Ignored, Imported, date_from_parts, date_text, owned, slug, title_from_name,
};
use crate::timeline::load::{LoadError, Problem};
use crate::timeline::raw::{GlossaryEntries, RawEra, RawEvent, RawTimeline};
use crate::timeline::text::sanitize;

/// The pillar of events without a category in a file that has categories.
const UNCATEGORISED: &str = "Uncategorised";

/// One `<category>`, `<event>` or `<era>`: its child elements' text by name, and where it
/// starts in the file.
#[derive(Default)]
struct Record {
    fields: BTreeMap<String, String>,
    line: usize,
    col: usize,
}

impl Record {
    fn get(&self, name: &str) -> &str {
        self.fields.get(name).map_or("", |text| text.trim())
    }

    /// Whether the app's flag `name` is set (`True`).
    fn flag(&self, name: &str) -> bool {
        self.get(name).eq_ignore_ascii_case("true")
    }

    fn problem(&self, message: String) -> Problem {
        Problem::At {
            line: self.line,
            col: self.col,
            message: sanitize(&message).into_owned(),
        }
    }
}

/// What the file holds, as read.
#[derive(Default)]
struct File {
    root: Option<String>,
    categories: Vec<Record>,
    events: Vec<Record>,
    eras: Vec<Record>,
    /// Elements under `<timeline>` other than those read, by name (`view`, `now`).
    others: Vec<String>,
}

/// The 1-based line and column of byte `offset` in `text`.
fn position(text: &str, offset: u64) -> (usize, usize) {
    let before = text.get(..offset as usize).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before
        .rsplit('\n')
        .next()
        .map_or(0, |last| last.chars().count())
        + 1;
    (line, col)
}

/// Reads the XML into records, with syntax errors as `FILE:LINE:COL`.
fn read(name: &str, text: &str) -> Result<File, LoadError> {
    let mut reader = Reader::from_str(text);
    let mut file = File::default();
    // Element names from the root down to the one being read.
    let mut path: Vec<String> = Vec::new();
    let mut record: Option<Record> = None;
    let mut field = String::new();
    loop {
        let start = reader.buffer_position();
        let event = reader.read_event().map_err(|error| {
            let (line, col) = position(text, reader.error_position());
            let message = sanitize(&format!("not well-formed XML: {error}")).into_owned();
            LoadError::single(name, Problem::At { line, col, message })
        })?;
        match event {
            Xml::Start(element) => {
                let tag = element.name().as_ref().to_string();
                path.push(tag);
                opened(&mut file, &path, &mut record, text, start);
                field.clear();
            }
            Xml::Empty(element) => {
                let tag = element.name().as_ref().to_string();
                path.push(tag);
                opened(&mut file, &path, &mut record, text, start);
                path.pop();
            }
            Xml::Text(content) => field += &content.xml10_content(),
            Xml::CData(content) => field += &content.into_inner(),
            Xml::GeneralRef(reference) => {
                let entity = reference.xml10_content();
                match reference.resolve_char_ref() {
                    Ok(Some(c)) => field.push(c),
                    _ => match quick_xml::escape::resolve_predefined_entity(&entity) {
                        Some(resolved) => field += resolved,
                        None => field += &format!("&{entity};"),
                    },
                }
            }
            Xml::End(_) => {
                closed(&mut file, &path, &mut record, &mut field);
                path.pop();
            }
            Xml::Eof => break,
            _ => {}
        }
    }
    Ok(file)
}

/// Notes an element that has just opened at byte `start`.
fn opened(file: &mut File, path: &[String], record: &mut Option<Record>, text: &str, start: u64) {
    let names: Vec<&str> = path.iter().map(String::as_str).collect();
    match names.as_slice() {
        [root] => file.root = Some(root.to_string()),
        ["timeline", "categories", "category"]
        | ["timeline", "events", "event"]
        | ["timeline", "eras", "era"] => {
            let (line, col) = position(text, start);
            *record = Some(Record {
                line,
                col,
                ..Record::default()
            });
        }
        [
            "timeline",
            "version" | "timetype" | "categories" | "events" | "eras",
        ] => {}
        ["timeline", other] => file.others.push(other.to_string()),
        _ => {}
    }
}

/// Files the text of an element that has just closed.
fn closed(file: &mut File, path: &[String], record: &mut Option<Record>, field: &mut String) {
    let names: Vec<&str> = path.iter().map(String::as_str).collect();
    match names.as_slice() {
        ["timeline", "categories", "category"] => file.categories.extend(record.take()),
        ["timeline", "events", "event"] => file.events.extend(record.take()),
        ["timeline", "eras", "era"] => file.eras.extend(record.take()),
        ["timeline", "categories" | "events" | "eras", _, child] => {
            if let Some(record) = record {
                record
                    .fields
                    .insert(child.to_string(), std::mem::take(field));
            }
        }
        ["timeline", "timetype"] => {
            file.others.retain(|o| o != "timetype");
            if field.trim() != "gregoriantime" {
                file.others.push(format!("timetype {}", field.trim()));
            }
        }
        _ => {}
    }
    field.clear();
}

/// Reads a `.timeline` file into the raw timeline.
pub(super) fn import(name: &str, text: &str) -> Imported {
    let file = read(name, text)?;
    let refuse = |message: String| LoadError::single(name, Problem::Read(message));
    match file.root.as_deref() {
        Some("timeline") => {}
        Some(root) => {
            return Err(refuse(format!(
                "looks like XML, but its root element is <{}>, not <timeline>: not a Timeline \
                 app file",
                sanitize(root)
            )));
        }
        None => return Err(refuse("looks like XML, but has no elements".to_string())),
    }
    if let Some(kind) = file.others.iter().find(|o| o.starts_with("timetype ")) {
        return Err(refuse(format!(
            "uses the Timeline app's {}: ajtl reads only calendar dates (gregoriantime)",
            sanitize(kind)
        )));
    }
    let mut ignored = Ignored::default();
    for other in &file.others {
        ignored.add(&format!("{other} setting"));
    }
    let mut groups = Groups::default();
    for category in &file.categories {
        for (field, value) in &category.fields {
            let kept = matches!(field.as_str(), "name" | "color" | "parent");
            let kind = format!(
                "category {}",
                field.replace('_', " ").replace("color", "colour")
            );
            ignored.add_if(&kind, !kept && !value.trim().is_empty());
        }
        let id = groups.pillar(category.get("name"));
        if let (Some(pillar), Some(color)) = (
            groups.pillars.iter_mut().find(|p| p.id == id),
            hex_color(category.get("color")),
        ) {
            pillar.color = color;
        }
    }
    let categorised = !groups.pillars.is_empty();
    let mut problems = Vec::new();
    let mut ids = Ids::default();
    let mut events = Vec::with_capacity(file.events.len());
    for (index, record) in file.events.iter().enumerate() {
        match event(record, index + 1, &mut ids, &mut ignored) {
            Ok(mut event) => {
                if categorised {
                    let category = match record.get("category") {
                        "" => UNCATEGORISED,
                        category => category,
                    };
                    event.pillar = Some(owned(groups.pillar(category)));
                }
                events.push(event);
            }
            Err(problem) => problems.push(problem),
        }
    }
    let mut eras = Vec::with_capacity(file.eras.len());
    for record in &file.eras {
        ignored.add_if("era colour", !record.get("color").is_empty());
        ignored.add_if("ends-today flag", record.flag("ends_today"));
        match span(record) {
            Ok(date) => eras.push(RawEra {
                title: record.get("name").to_string(),
                date,
            }),
            Err(problem) => problems.push(problem),
        }
    }
    LoadError::unless_empty(name, problems)?;
    let raw = RawTimeline {
        title: title_from_name(name),
        description: String::new(),
        source: String::new(),
        pillars: groups.pillars,
        glossary: GlossaryEntries::default(),
        eras,
        events,
    };
    Ok((raw, ignored))
}

/// `r,g,b` as `#rrggbb`.
fn hex_color(text: &str) -> Option<String> {
    let parts: Vec<u8> = text
        .split(',')
        .map(|part| part.trim().parse().ok())
        .collect::<Option<_>>()?;
    match parts.as_slice() {
        [r, g, b] => Some(format!("#{r:02x}{g:02x}{b:02x}")),
        _ => None,
    }
}

/// The event `record` describes: its text without the container mark (`[1]` on a container,
/// `(1)` on one of its events), its description as the summary, its hyperlink as a link.
fn event(
    record: &Record,
    number: usize,
    ids: &mut Ids,
    ignored: &mut Ignored,
) -> Result<RawEvent<'static>, Problem> {
    let (title, contained) =
        without_container_mark(record.fields.get("text").map_or("", String::as_str));
    ignored.add_if("container membership", contained);
    for flag in ["fuzzy", "locked", "ends_today", "milestone"] {
        let kind = format!("{} flag", flag.replace('_', "-"));
        ignored.add_if(&kind, record.flag(flag));
    }
    let progress = record.get("progress");
    ignored.add_if("progress value", !progress.is_empty() && progress != "0");
    for setting in ["icon", "alert", "labels", "default_color"] {
        let kind = match setting {
            "labels" => "label",
            "default_color" => "event colour",
            other => other,
        };
        ignored.add_if(kind, !record.get(setting).is_empty());
    }
    let known = [
        "start",
        "end",
        "text",
        "category",
        "description",
        "hyperlink",
        "fuzzy",
        "locked",
        "ends_today",
        "milestone",
        "progress",
        "icon",
        "alert",
        "labels",
        "default_color",
    ];
    for (field, value) in &record.fields {
        let unknown = !known.contains(&field.as_str()) && !value.trim().is_empty();
        ignored.add_if(&format!("event {field} element"), unknown);
    }
    let date = span(record)?;
    let id = ids.claim(&slug(title), &format!("event-{number}"));
    let summary = record.get("description").replace("\r\n", "\n");
    let links = record
        .get("hyperlink")
        .split(';')
        .map(str::trim)
        .filter(|link| !link.is_empty())
        .map(str::to_string)
        .collect();
    Ok(RawEvent {
        id: owned(id),
        date: owned(date),
        title: owned(title.to_string()),
        summary: owned(summary),
        pillar: None,
        acronyms: Vec::new(),
        mechanisms: Vec::new(),
        place: None,
        source: None,
        links,
        media: None,
    })
}

/// `text` without a leading `[N]` (a container) or `(N)` (one of its events), and whether it
/// had one. The app writes a text that itself starts with `(` or `[` after a space.
fn without_container_mark(text: &str) -> (&str, bool) {
    if let Some(plain) = text.strip_prefix(' ') {
        return (plain.trim(), false);
    }
    for (open, close) in [('[', ']'), ('(', ')')] {
        if let Some(rest) = text.strip_prefix(open)
            && let Some((number, title)) = rest.split_once(close)
            && !number.is_empty()
            && number.bytes().all(|b| b.is_ascii_digit())
        {
            return (title.trim(), true);
        }
    }
    (text.trim(), false)
}

/// The loader's text for a record's start and end: whole days when both are at midnight, else
/// to the minute (or second, when one is given); a single date when the end is the start.
fn span(record: &Record) -> Result<String, Problem> {
    let start = moment(record.get("start"))
        .ok_or_else(|| record.problem(format!("start {:?}: {MOMENT_FORM}", record.get("start"))))?;
    let end = match record.get("end") {
        "" => start,
        end => moment(end).ok_or_else(|| record.problem(format!("end {end:?}: {MOMENT_FORM}")))?,
    };
    let midnight = |m: &Moment| m.time == (0, 0, 0);
    let whole_days = midnight(&start) && midnight(&end);
    let date = |m: &Moment, field: &str| {
        let (hour, minute, second) = m.time;
        let time = (!whole_days).then_some((hour, minute, (second != 0).then_some(second)));
        date_from_parts(m.year, Some(m.month), Some(m.day), time).map_err(|message| {
            record.problem(format!("{field} {:?}: {message}", record.get(field)))
        })
    };
    let (start, end) = (date(&start, "start")?, date(&end, "end")?);
    date_text(start, Some(end))
        .map_err(|message| record.problem(format!("end {:?}: {message}", record.get("end"))))
}

/// What the app writes a moment as.
const MOMENT_FORM: &str = "is not a moment as the Timeline app writes one (YYYY-MM-DD HH:MM:SS)";

/// A moment as the app writes it.
#[derive(Clone, Copy, PartialEq)]
struct Moment {
    year: i64,
    month: u32,
    day: u32,
    time: (u32, u32, u32),
}

/// `2013-03-30 11:16:05` or `-270-01-01 00:00:00` (271 BC: see below).
fn moment(text: &str) -> Option<Moment> {
    let (date, time) = text.trim().split_once(' ')?;
    let (negative, date) = match date.strip_prefix('-') {
        Some(date) => (true, date),
        None => (false, date),
    };
    let mut parts = date.split('-');
    let year: i64 = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let day = parts.next()?.parse().ok()?;
    let mut clock = time.trim().split(':').map(|part| part.parse::<u32>().ok());
    let hour = clock.next()??;
    let minute = clock.next()??;
    let second = clock.next().unwrap_or(Some(0))?;
    if parts.next().is_some() || clock.next().is_some() {
        return None;
    }
    let year = if negative { -year } else { year };
    Some(Moment {
        // The app numbers years astronomically, as it shows them: year 0 is 1 BC, -270 is
        // 271 BC. ajtl's -271 is 271 BCE, so a year before 1 moves back by one.
        year: if year <= 0 { year - 1 } else { year },
        month,
        day,
        time: (hour, minute, second),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_become_hex() {
        assert_eq!(hex_color("255, 0,128").as_deref(), Some("#ff0080"));
        assert_eq!(hex_color("300,0,0"), None);
        assert_eq!(hex_color(""), None);
    }

    #[test]
    fn container_marks_are_taken_off_titles() {
        assert_eq!(without_container_mark("[1]Voyage"), ("Voyage", true));
        assert_eq!(without_container_mark("(12) Leg one"), ("Leg one", true));
        assert_eq!(
            without_container_mark("(Draft) plan"),
            ("(Draft) plan", false)
        );
    }

    #[test]
    fn moments_read_bce_years_and_times() {
        let bce = moment("-270-01-01 00:00:00").unwrap();
        assert_eq!((bce.year, bce.month, bce.day), (-271, 1, 1));
        assert_eq!(moment("0-12-31 00:00:00").unwrap().year, -1);
        assert_eq!(moment("1-01-01 00:00:00").unwrap().year, 1);
        assert_eq!(moment("2013-03-30 11:16:05").unwrap().time, (11, 16, 5));
        assert!(moment("2013-03-30").is_none());
        assert!(moment("c. 1500").is_none());
    }

    #[test]
    fn xml_errors_give_line_and_column() {
        let error = import("t.timeline", "<timeline>\n  <events>\n  </timeline>")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(error.starts_with("t.timeline:3:"), "{error}");
        let error = import("t.timeline", "<svg/>").err().map(|e| e.to_string());
        assert_eq!(
            error.as_deref(),
            Some(
                "t.timeline: looks like XML, but its root element is <svg>, not <timeline>: not a Timeline app file"
            )
        );
    }
}
