//! TimelineJS slides (read from JSON by [`timelinejs`](super::timelinejs) or from the
//! spreadsheet template by [`sheet`](super::sheet)) into the raw timeline: the title slide
//! becomes the title and description, events become events, eras eras, groups pillars; HTML
//! becomes plain text and its anchors links. Whatever has no place is counted in the tally.

use super::html::{self, HtmlText};
use super::timelinejs::{Document, Extension, Loose, Others, Parts, Slide, SlideMedia};
use super::{
    Groups, Ids, Ignored, Imported, date_from_parts, date_text, owned, slug, title_from_name,
};
use crate::timeline::PartialDate;
use crate::timeline::UNDATED;
use crate::timeline::load::{LoadError, Problem, Subject};
use crate::timeline::raw::{GlossaryEntries, RawEra, RawEvent, RawMedia, RawPillar, RawTimeline};
use crate::timeline::text::sanitize;

/// The pillar of events without a group in a file where others have one.
const UNGROUPED: &str = "Other";
/// How long a title made from an event's text may be.
const MADE_TITLE_CHARS: usize = 60;

/// The raw timeline `document` describes, or every problem with its events.
pub(super) fn convert(name: &str, document: Document) -> Imported {
    let mut ignored = Ignored::default();
    let mut problems = Vec::new();
    let extension = document.ajtl.unwrap_or_default();
    count_others(&document.others, "", &mut ignored);
    let (title, description) = match document.title {
        Some(slide) => title_slide(slide, &mut ignored),
        None => (String::new(), String::new()),
    };
    let mut context = Context {
        ids: Ids::default(),
        pillars: Pillars::new(&extension, &document.events),
        ignored: &mut ignored,
    };
    let mut events = Vec::with_capacity(document.events.len() + extension.undated.len());
    let dated = document.events.into_iter().map(|slide| (slide, true));
    let undated = extension.undated.into_iter().map(|slide| (slide, false));
    for (index, (slide, is_dated)) in dated.chain(undated).enumerate() {
        match event(slide, is_dated, index + 1, &mut context) {
            Ok(event) => events.push(event),
            Err(problem) => problems.push(problem),
        }
    }
    let pillars = context.pillars;
    let mut eras = Vec::with_capacity(document.eras.len());
    for slide in document.eras {
        match era(slide, &mut ignored) {
            Ok(era) => eras.push(era),
            Err(problem) => problems.push(problem),
        }
    }
    LoadError::unless_empty(name, problems)?;
    let raw = RawTimeline {
        title: if title.trim().is_empty() {
            title_from_name(name)
        } else {
            title
        },
        description,
        source: extension.source.0.unwrap_or_default(),
        pillars: pillars.into_raw(),
        glossary: GlossaryEntries(extension.glossary.into_iter().collect()),
        eras,
        events,
    };
    Ok((raw, ignored))
}

/// Whether a value holds something: `null` and blank strings are fields left empty.
fn is_filled(value: &serde_json::Value) -> bool {
    match value {
        serde_json::Value::String(text) => !text.trim().is_empty(),
        other => !other.is_null(),
    }
}

/// Counts the keys of an object this reader does not know, by name (`type field`).
fn count_others(others: &Others, within: &str, ignored: &mut Ignored) {
    for (key, value) in others {
        ignored.add_if(&format!("{within}{key} field"), is_filled(value));
    }
}

/// Whether a `background` holds a picture or a colour (`{"url": null, "opacity": 100}` holds
/// neither); a spreadsheet's Background cell is either.
fn has_background(background: Option<&serde_json::Value>) -> bool {
    background.is_some_and(|value| match value.as_object() {
        Some(fields) => ["url", "color"]
            .iter()
            .any(|key| fields.get(*key).is_some_and(is_filled)),
        None => is_filled(value),
    })
}

/// The title and description from the title slide; its picture, background and dates are
/// counted, as are the addresses of links in the description, which has nowhere to keep them.
fn title_slide(slide: Slide, ignored: &mut Ignored) -> (String, String) {
    let text = slide.text.unwrap_or_default();
    let title = html_text(&text.headline, ignored).text;
    let description = html_text(&text.text, ignored);
    for _ in description.links {
        ignored.add("description link");
    }
    ignored.add_if(
        "title media item",
        slide.media.is_some_and(|m| m.url.is_some()),
    );
    ignored.add_if("background", has_background(slide.background.as_ref()));
    ignored.add_if(
        "title date",
        slide.start_date.is_some() || slide.end_date.is_some(),
    );
    ignored.add_if("title group", slide.group.is_some());
    ignored.add_if("display date", slide.display_date.is_some());
    count_others(&slide.others, "title ", ignored);
    (title, description.text)
}

/// The text of an HTML field, counting the pictures it embeds.
fn html_text(field: &Loose, ignored: &mut Ignored) -> HtmlText {
    let text = html::to_text(field.as_deref().unwrap_or_default());
    for _ in 0..text.embedded {
        ignored.add("inline picture");
    }
    text
}

/// Where events' pillars come from: the `ajtl` pillars when the file has them, else the
/// distinct groups in order of first appearance (none at all: the implicit pillar).
enum Pillars {
    Declared(Vec<RawPillar>),
    Groups(Option<Groups>),
}

impl Pillars {
    fn new(extension: &Extension, events: &[Slide]) -> Self {
        if !extension.pillars.is_empty() {
            let pillars = extension.pillars.iter().map(|p| RawPillar {
                id: p.id.clone(),
                name: p.name.clone(),
                color: p.color.clone(),
            });
            return Pillars::Declared(pillars.collect());
        }
        let grouped = events
            .iter()
            .chain(&extension.undated)
            .any(|e| e.group.is_some());
        Pillars::Groups(grouped.then(Groups::default))
    }

    /// The pillar id of an event of `group` that names `declared` in its `ajtl` keys.
    fn of(&mut self, declared: Option<&str>, group: Option<&str>) -> Option<String> {
        match self {
            Pillars::Declared(pillars) => declared.map(str::to_string).or_else(|| {
                let group = group?;
                pillars
                    .iter()
                    .find(|p| p.name == group)
                    .map(|p| p.id.clone())
            }),
            Pillars::Groups(None) => None,
            Pillars::Groups(Some(groups)) => {
                let name = html::to_text(group.unwrap_or(UNGROUPED)).text;
                Some(groups.pillar(if name.is_empty() { UNGROUPED } else { &name }))
            }
        }
    }

    fn into_raw(self) -> Vec<RawPillar> {
        match self {
            Pillars::Declared(pillars) => pillars,
            Pillars::Groups(groups) => groups.map(|g| g.pillars).unwrap_or_default(),
        }
    }
}

/// What converting events shares.
struct Context<'a> {
    ids: Ids,
    pillars: Pillars,
    ignored: &'a mut Ignored,
}

/// Links in first-seen order, each once.
#[derive(Default)]
struct Links(Vec<String>);

impl Links {
    fn extend(&mut self, links: impl IntoIterator<Item = String>) {
        for link in links {
            if !link.trim().is_empty() && !self.0.contains(&link) {
                self.0.push(link);
            }
        }
    }
}

/// One event slide (`dated`: from `events`, else from the `ajtl` undated list).
fn event(
    slide: Slide,
    dated: bool,
    number: usize,
    context: &mut Context<'_>,
) -> Result<RawEvent<'static>, Problem> {
    let ignored = &mut *context.ignored;
    let text = slide.text.unwrap_or_default();
    let headline = html_text(&text.headline, ignored);
    let summary = html_text(&text.text, ignored);
    let mut links = Links::default();
    links.extend(headline.links);
    links.extend(summary.links);
    let mut paragraphs = vec![summary.text];
    let media = slide
        .media
        .and_then(|media| event_media(media, &mut paragraphs, &mut links, ignored));
    let summary: Vec<String> = paragraphs.into_iter().filter(|p| !p.is_empty()).collect();
    let summary = summary.join("\n\n");
    let title = if headline.text.is_empty() {
        made_title(&summary, media.as_ref())
    } else {
        headline.text
    };
    let fallback = format!("event-{number}");
    let wanted = slide.unique_id.0.unwrap_or_else(|| slug(&title));
    let id = context.ids.claim(&wanted, &fallback);
    let at = Where {
        line: slide.line,
        number,
        id: &id,
    };
    let date = if dated {
        let start = slide.start_date.ok_or_else(|| {
            at.problem("start_date", "is missing: every TimelineJS event has one")
        })?;
        let start = date(&start, ignored).map_err(|m| at.problem("start_date", &m))?;
        let end = match &slide.end_date {
            Some(end) => Some(date(end, ignored).map_err(|m| at.problem("end_date", &m))?),
            None => None,
        };
        date_text(start, end).map_err(|m| at.problem("end_date", &m))?
    } else {
        UNDATED.to_string()
    };
    ignored.add_if("display date", slide.display_date.is_some());
    ignored.add_if("background", has_background(slide.background.as_ref()));
    ignored.add_if("map location", slide.location.is_some_and(|l| !l.is_null()));
    count_others(&slide.others, "", ignored);
    let extension = slide.ajtl.unwrap_or_default();
    links.extend(extension.links);
    let pillar = context
        .pillars
        .of(extension.pillar.as_deref(), slide.group.as_deref());
    Ok(RawEvent {
        id: owned(id),
        date: owned(date),
        title: owned(title),
        summary: owned(summary),
        pillar: pillar.map(owned),
        acronyms: extension.acronyms.into_iter().map(owned).collect(),
        mechanisms: extension.mechanisms.into_iter().map(owned).collect(),
        place: extension.place.0.map(owned),
        source: extension.source,
        links: links.0,
        media: media.map(Box::new),
    })
}

/// Where an event slide is: its spreadsheet row when it has one (a user edits the sheet by
/// row), else its number and id among the events.
struct Where<'a> {
    line: Option<u64>,
    number: usize,
    id: &'a str,
}

impl Where<'_> {
    /// A problem with `field` of this slide.
    fn problem(&self, field: &str, message: &str) -> Problem {
        match self.line {
            Some(line) => Problem::Line {
                line: line as usize,
                message: format!("{field}: {message}"),
            },
            None => Problem::Invalid {
                subject: Subject::Event {
                    number: self.number,
                    id: sanitize(self.id).into_owned(),
                },
                field: field.to_string(),
                message: message.to_string(),
            },
        }
    }
}

/// The media of an event: a URL with its caption and credit as text (their links kept). Media
/// given as HTML (a quotation, an embed) is text, and joins the summary as a paragraph.
fn event_media(
    media: SlideMedia,
    paragraphs: &mut Vec<String>,
    links: &mut Links,
    ignored: &mut Ignored,
) -> Option<RawMedia> {
    let caption = html_text(&media.caption, ignored);
    let credit = html_text(&media.credit, ignored);
    links.extend(caption.links);
    links.extend(credit.links);
    links.extend(media.link.0);
    ignored.add_if("media thumbnail", media.thumbnail.is_some());
    count_others(&media.others, "media ", ignored);
    let url = media.url.0?;
    let url = url.trim();
    if url.starts_with('<') {
        let embedded = html::to_text(url);
        links.extend(embedded.links);
        paragraphs.push(embedded.text);
        for part in [caption.text, credit.text] {
            paragraphs.push(part);
        }
        return None;
    }
    Some(RawMedia {
        url: url.to_string(),
        caption: caption.text,
        credit: credit.text,
    })
}

/// A title for an event without a headline: the start of its text, else its media's caption,
/// else "Untitled".
fn made_title(summary: &str, media: Option<&RawMedia>) -> String {
    let from = [summary, media.map_or("", |m| m.caption.as_str())];
    let Some(text) = from.iter().find(|t| !t.trim().is_empty()) else {
        return "Untitled".to_string();
    };
    let line = text.lines().next().unwrap_or_default().trim();
    if line.chars().count() <= MADE_TITLE_CHARS {
        return line.to_string();
    }
    let cut: String = line.chars().take(MADE_TITLE_CHARS).collect();
    let words = cut
        .rsplit_once(' ')
        .map_or(cut.as_str(), |(words, _)| words);
    format!("{}…", words.trim_end())
}

/// A named span: its title from the headline, its span from the dates (a single date when the
/// end is the start).
fn era(slide: Slide, ignored: &mut Ignored) -> Result<RawEra, Problem> {
    let text = slide.text.unwrap_or_default();
    let title = html_text(&text.headline, ignored).text;
    let subject = || Subject::Era {
        title: sanitize(&title).into_owned(),
    };
    let invalid = |field: &str, message: String| Problem::Invalid {
        subject: subject(),
        field: field.to_string(),
        message,
    };
    let start = slide
        .start_date
        .ok_or_else(|| invalid("start_date", "is missing: every era has one".to_string()))?;
    let start = date(&start, ignored).map_err(|m| invalid("start_date", m))?;
    let end = match &slide.end_date {
        Some(end) => Some(date(end, ignored).map_err(|m| invalid("end_date", m))?),
        None => None,
    };
    let date = date_text(start, end).map_err(|m| invalid("end_date", m))?;
    ignored.add_if("era text", text.text.is_some());
    ignored.add_if(
        "era media item",
        slide.media.is_some_and(|m| m.url.is_some()),
    );
    ignored.add_if("background", has_background(slide.background.as_ref()));
    Ok(RawEra { title, date })
}

/// The date given in parts, or what is wrong with the parts.
fn date(parts: &Parts, ignored: &mut Ignored) -> Result<PartialDate, String> {
    let number = |field: &Loose, what: &str| -> Result<Option<i64>, String> {
        field
            .as_deref()
            .map(|text| {
                let text = text.trim();
                text.parse::<i64>()
                    .ok()
                    .or_else(|| whole_number(text))
                    .ok_or_else(|| format!("{what} {text:?} is not a whole number"))
            })
            .transpose()
    };
    let small = |field: &Loose, what: &str| -> Result<Option<u32>, String> {
        number(field, what)?
            .map(|n| u32::try_from(n).map_err(|_| format!("{what} {n} is out of range")))
            .transpose()
    };
    let year = number(&parts.year, "year")?.ok_or("has no year")?;
    let (month, day) = (small(&parts.month, "month")?, small(&parts.day, "day")?);
    let hour = small(&parts.hour, "hour")?;
    let (minute, second) = (
        small(&parts.minute, "minute")?,
        small(&parts.second, "second")?,
    );
    let time = match hour {
        Some(hour) => Some((hour, minute.unwrap_or(0), second)),
        None if minute.is_some() || second.is_some() => {
            return Err("has minutes or seconds but no hour".to_string());
        }
        None => None,
    };
    ignored.add_if(
        "millisecond",
        number(&parts.millisecond, "millisecond")?.unwrap_or(0) != 0,
    );
    ignored.add_if("date format", parts.format.is_some());
    ignored.add_if("display date", parts.display_date.is_some());
    count_others(&parts.others, "date ", ignored);
    date_from_parts(year, month, day, time)
}

/// `1900.0` as 1900: some tools write whole numbers as floats.
fn whole_number(text: &str) -> Option<i64> {
    let value: f64 = text.parse().ok()?;
    (value.fract() == 0.0 && value.abs() < 1e17).then_some(value as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(json: &str) -> Parts {
        serde_json::from_str(json).unwrap()
    }

    fn date_of(json: &str) -> Result<String, String> {
        let mut ignored = Ignored::default();
        let date = date(&parts(json), &mut ignored)?;
        date_text(date, None)
    }

    #[test]
    fn date_parts_in_the_forms_published_files_use() {
        assert_eq!(date_of(r#"{"year": "1900.0"}"#).as_deref(), Ok("1900"));
        assert_eq!(
            date_of(r#"{"year": 1969, "month": 7, "day": 20, "hour": 20}"#).as_deref(),
            Ok("1969-07-20T20:00")
        );
        assert_eq!(
            date_of(r#"{"year": 1969, "minute": 5}"#),
            Err("has minutes or seconds but no hour".to_string())
        );
        assert_eq!(
            date_of(r#"{"year": "c. 1500"}"#),
            Err("year \"c. 1500\" is not a whole number".to_string())
        );
        assert_eq!(date_of(r#"{"month": 3}"#), Err("has no year".to_string()));
        let mut ignored = Ignored::default();
        let with_extras =
            parts(r#"{"year": 2000, "millisecond": "5", "format": "x", "zone": "Z"}"#);
        assert!(date(&with_extras, &mut ignored).is_ok());
        assert_eq!(
            ignored.to_string(),
            "1 date format, 1 date zone field, 1 millisecond ignored"
        );
    }

    #[test]
    fn an_event_without_a_headline_is_titled_from_its_text() {
        let long = "Samuel Langhorne Clemens, better known by his pen name Mark Twain, was an \
                    American author.";
        assert_eq!(
            made_title(long, None),
            "Samuel Langhorne Clemens, better known by his pen name Mark…"
        );
        assert_eq!(made_title("Short.\n\nMore.", None), "Short.");
        let media = RawMedia {
            url: "https://example.org/a.png".into(),
            caption: "A caption".into(),
            credit: String::new(),
        };
        assert_eq!(made_title("", Some(&media)), "A caption");
        assert_eq!(made_title("", None), "Untitled");
    }
}
