//! Checking a parsed file: every event, pillar and glossary entry, with *all* problems reported
//! at once, each naming the event, the field and the value (and a "did you mean" where one is
//! close), so an author fixes a file in one round instead of one error per run.

use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, HashMap};

use ratatui::style::Color;

use super::date::EventDate;
use super::load::{Problem, Subject};
use super::model::{
    Era, Event, EventText, Facts, Media, Name, Pillar, TextPack, Timeline, UNDATED,
};
use super::raw::{GlossaryEntries, RawEra, RawEvent, RawMedia, RawPillar, RawTimeline};
use super::text::{sanitize, sanitize_message};

/// `text` sanitised for one line, reusing its allocation when nothing needed care.
fn clean(text: String) -> String {
    cleaned(text, sanitize)
}

/// Text that may hold paragraphs (the description): sanitised line by line, so its line
/// breaks survive.
fn clean_text(text: String) -> String {
    cleaned(text, sanitize_message)
}

fn cleaned(text: String, how: fn(&str) -> std::borrow::Cow<'_, str>) -> String {
    match how(&text) {
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

pub(super) fn validate(raw: RawTimeline<'_>) -> Result<Timeline, Vec<Problem>> {
    let mut problems = Problems(Vec::new());
    if is_blank(&raw.title) {
        problems.add(0, Subject::Timeline, "title", "is empty");
    }
    let implicit = raw.pillars.is_empty();
    let pillars = if implicit {
        vec![Pillar::implicit()]
    } else {
        validate_pillars(raw.pillars, &mut problems)
    };
    let eras = validate_eras(raw.eras, &mut problems);
    let glossary = validate_glossary(raw.glossary, &mut problems);
    let pillar_index: HashMap<&str, usize> = pillars
        .iter()
        .enumerate()
        .map(|(index, pillar)| (pillar.id.as_ref(), index))
        .collect();

    check_ids(&raw.events, &mut problems);
    let mut names = Names::default();
    let mut events = Vec::with_capacity(raw.events.len());
    // What the text takes before it is sanitised, which seldom changes its length.
    let text_bytes = raw.events.iter().map(|event| {
        let place = event.place.as_deref().map_or(0, str::len);
        event.id.len() + event.title.len() + event.summary.len() + place
    });
    let mut texts = TextPack::with_capacity(text_bytes.sum());
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
        let date = match &*raw_event.date {
            UNDATED => Ok(None),
            written => EventDate::parse(written).map(Some),
        };
        if let Err(error) = &date {
            let field = format!("date {:?}", sanitize(&raw_event.date));
            problems.add(number, subject(), field, error.to_string());
        }
        let pillar_number = match raw_event.pillar.as_deref() {
            None if implicit => Some(0),
            None => None,
            Some(pillar) => pillar_index.get(pillar).copied().filter(|_| !implicit),
        };
        let written_pillar = raw_event.pillar.as_deref().unwrap_or_default();
        if raw_event.pillar.is_none() && !implicit {
            problems.add(number, subject(), "pillar", "is missing");
        } else if is_blank(written_pillar) && !implicit {
            problems.add(number, subject(), "pillar", "is empty");
        } else if implicit && raw_event.pillar.is_some() {
            let pillar = sanitize(written_pillar);
            let message = "names a pillar, but the timeline has no `pillars` list";
            problems.add(number, subject(), format!("pillar {pillar:?}"), message);
        } else if pillar_number.is_none() {
            let known: Vec<&str> = pillars.iter().map(|p| p.id.as_ref()).collect();
            let pillar = sanitize(written_pillar);
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
        // Each link once, in first-seen order, as every importer keeps them: a link listed
        // twice says nothing more, and formats that gather links from text could not keep both.
        // (A set, not a scan, since a hostile file may list a million links.)
        let mut seen = std::collections::HashSet::new();
        let links: Vec<String> = raw_event
            .links
            .into_iter()
            .map(clean)
            .filter(|link| seen.insert(link.clone()))
            .collect();
        if links.iter().any(|link| is_blank(link)) {
            problems.add(number, subject(), "links", "holds an empty link");
        }
        let media = raw_event.media.map(|media| clean_media(*media));
        if media.as_ref().is_some_and(|media| is_blank(&media.url)) {
            problems.add(number, subject(), "media", "has an empty url");
        }
        if let (Ok(date), Some(pillar)) = (date, pillar_number) {
            let place = raw_event.place.as_deref().map(sanitize);
            let text = EventText {
                id: &id,
                title: &title,
                summary: &sanitize_message(&raw_event.summary),
                place: place.as_deref().filter(|place| !is_blank(place)),
            };
            events.push(
                texts
                    .event(
                        text,
                        Facts {
                            date,
                            pillar,
                            acronyms,
                            mechanisms,
                            source: raw_event.source,
                        },
                    )
                    .with_attachments(links, media),
            );
        }
    }

    if !problems.0.is_empty() {
        return Err(problems.into_sorted());
    }
    let mut events = in_timeline_order(events);
    texts.finish(&mut events);
    Ok(Timeline {
        title: clean(raw.title),
        description: clean_text(raw.description),
        source: clean(raw.source),
        pillars,
        glossary,
        eras,
        events,
    })
}

/// Events ordered by earliest, then latest possible moment, then file order, and the undated
/// entries after them in file order. Sorting small keys and moving each event once is much
/// cheaper than sorting the events themselves.
fn in_timeline_order(events: Vec<Event>) -> Vec<Event> {
    // An undated entry's bounds are past every date's.
    let mut order: Vec<(i64, i64, u32)> = events
        .iter()
        .enumerate()
        .map(|(index, event)| match &event.date {
            Some(date) => (date.earliest().key(), date.latest().key(), index as u32),
            None => (i64::MAX, i64::MAX, index as u32),
        })
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

fn clean_media(raw: RawMedia) -> Media {
    Media {
        url: clean(raw.url),
        caption: clean(raw.caption),
        credit: clean(raw.credit),
    }
}

/// Eras in date order, each with a title and a dated span (or single date).
fn validate_eras(raw: Vec<RawEra>, problems: &mut Problems) -> Vec<Era> {
    let mut eras = Vec::with_capacity(raw.len());
    for raw_era in raw {
        let title = clean(raw_era.title);
        let subject = Subject::Era {
            title: title.clone(),
        };
        if is_blank(&title) {
            problems.add(0, subject.clone(), "title", "is empty");
        }
        match EventDate::parse(&raw_era.date) {
            Ok(date) => eras.push(Era { title, date }),
            Err(error) => {
                let field = format!("date {:?}", sanitize(&raw_era.date));
                problems.add(0, subject, field, error.to_string());
            }
        }
    }
    eras.sort_by(|a, b| a.date.timeline_cmp(&b.date));
    eras
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
    fn suggestions_prefer_prefixes_and_close_spellings() {
        let ids = ["milestones", "economic", "socio-cultural"];
        assert_eq!(suggest("eco", ids.into_iter()), Some("economic"));
        assert_eq!(suggest("economc", ids.into_iter()), Some("economic"));
        assert_eq!(suggest("jaif", ["JAIF", "JMT"].into_iter()), Some("JAIF"));
        assert_eq!(suggest("zzz", ids.into_iter()), None);
    }
}
