//! The snapshot payload codec: every kind of timeline comes back equal, with its ignored
//! tally, and an index from the stored parts answers exactly as one built afresh; any bytes
//! given to `decode` give a value or `Corrupt`, never a panic.

use std::path::PathBuf;
use std::sync::Arc;

use ajtl::fixtures::synthetic_timeline;
use ajtl::search::{Index, Query};
use ajtl::shared::Bytes;
use ajtl::snapshot::codec::{self, Corrupt, Decoded, Keep, Payload, encode};
use ajtl::timeline::{Ignored, Timeline, bundled, load_file, load_str};
use proptest::prelude::*;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn payload(timeline: &Timeline, ignored: &Ignored, with_index: bool) -> Vec<u8> {
    let index = with_index.then(|| Index::new(timeline.clone()));
    let mut out = Vec::new();
    encode(&mut out, timeline, ignored, index.as_ref()).unwrap();
    out
}

/// `bytes` decoded with their pieces read where they lie, after checking that with them
/// copied out the result is the same.
fn decode(bytes: &[u8], with_index: bool) -> Result<Decoded, Corrupt> {
    let in_place = codec::decode(&Payload::owned(bytes.to_vec()), with_index);
    let owner = Arc::new(Bytes::new(bytes.to_vec()));
    let copied = Payload::new(owner, 0..bytes.len(), Keep::Copied).unwrap();
    let copied = codec::decode(&copied, with_index);
    match (&in_place, &copied) {
        (Ok(in_place), Ok(copied)) => assert_eq!(in_place.timeline, copied.timeline),
        (Err(in_place), Err(copied)) => assert_eq!(in_place, copied),
        _ => panic!("kept in place and copied, the payload decodes differently"),
    }
    in_place
}

fn round_trip(timeline: &Timeline, ignored: &Ignored) -> Decoded {
    let decoded = decode(&payload(timeline, ignored, true), true).unwrap_or_else(|e| panic!("{e}"));
    assert!(decoded.has_index());
    assert_eq!(&decoded.timeline, timeline);
    assert_eq!(&decoded.ignored, ignored);
    decoded
}

/// A timeline with what the synthetic ones lack: no pillars, a description, eras, undated
/// entries, links and media, deep time, times of day, non-ASCII text, and colours of each kind.
const VARIED: &str = r##"Timeline(
    title: "Varied — 多様",
    description: "First paragraph.\n\nSecond, with Tōkyō and ünïcödé.",
    source: "Tests",
    pillars: [
        Pillar(id: "a", name: "Économie", color: "light-blue"),
        Pillar(id: "b", name: "Culture", color: "#12ab3f"),
        Pillar(id: "c", name: "Other", color: "reset"),
    ],
    glossary: { "JAIF": "Japan-ASEAN Integration Fund", "ÉCO": "Économie", "X": "" },
    eras: [Era(title: "Heian", date: "0794/1185"), Era(title: "Deep", date: "Y-13800000000")],
    events: [
        Event(id: "bang", date: "Y-13800000000", title: "The Big Bang", pillar: "a"),
        Event(id: "ides", date: "-0044-03-15", title: "Caesar is killed", pillar: "b",
              place: "Rōma", source: Some(3)),
        Event(id: "heian", date: "0794", title: "The court moves to Heian-kyō", pillar: "b",
              summary: "Line one.\n\nLine two — «quoted».",
              acronyms: ["JAIF", "ÉCO"], mechanisms: ["Tōkyō Committee", "JAIF"],
              links: ["https://example.org/a", "https://example.org/b"],
              media: Media(url: "https://example.org/p.jpg", caption: "A plan", credit: "Me")),
        Event(id: "step", date: "1969-07-21T02:56:15", title: "The first step", pillar: "a",
              links: ["https://example.org/moon"]),
        Event(id: "window", date: "2013-03-30T11:16/2013-03-30T14:00", title: "A window",
              pillar: "c", media: Media(url: "https://example.org/v", caption: "", credit: "")),
        Event(id: "later", date: "undated", title: "Stars keep forming", pillar: "a"),
        Event(id: "later2", date: "undated", title: "東京 integration fund", pillar: "c",
              acronyms: ["X"]),
    ],
)"##;

const QUERIES: [&str; 9] = [
    "jaif",
    "ajcep",
    "integration fund",
    "tokyo",
    "year:2008",
    "JIAF",
    "Integration",
    "'fund !japan",
    "ASEAN | Japan",
];

/// Every query's hits (ids, scores and order) from `index` and from `fresh`.
fn assert_same_hits(index: &Index, fresh: &Index) {
    let all: Vec<_> = fresh.timeline().event_ids().collect();
    for text in QUERIES {
        let query = Query::parse(text).unwrap_or_else(|e| panic!("{e}"));
        let hits = |index: &Index| {
            let compiled = index.compile(&query);
            let hits = index.search(&compiled, &all);
            hits.iter().map(|h| (h.event, h.score)).collect::<Vec<_>>()
        };
        assert_eq!(hits(index), hits(fresh), "{text}");
    }
}

#[test]
fn the_bundled_dataset_comes_back_whole_and_searches_alike() {
    let timeline = bundled().unwrap();
    let (index, _) = round_trip(&timeline, &Ignored::default()).into_index();
    let fresh = Index::new(timeline);
    assert_same_hits(&index, &fresh);
    let hits = |q: &str| {
        let compiled = index.compile(&Query::parse(q).unwrap());
        let all: Vec<_> = index.timeline().event_ids().collect();
        index.search(&compiled, &all).len()
    };
    assert!(hits("jaif") > 0 && hits("integration fund") > 0 && hits("JIAF") > 0);
}

#[test]
fn synthetic_timelines_of_several_sizes_come_back_whole_and_search_alike() {
    for count in [0, 1, 57, 3000] {
        let timeline = synthetic_timeline(count).unwrap();
        let (index, _) = round_trip(&timeline, &Ignored::default()).into_index();
        assert_same_hits(&index, &Index::new(timeline));
    }
}

#[test]
fn eras_undated_entries_attachments_deep_time_and_non_ascii_come_back_whole() {
    for timeline in [
        load_str("varied.ron", VARIED).unwrap(),
        load_file(&fixture("deep-time.ron")).unwrap().timeline,
    ] {
        let (index, _) = round_trip(&timeline, &Ignored::default()).into_index();
        assert_same_hits(&index, &Index::new(timeline));
    }
}

#[test]
fn the_ignored_tally_comes_back() {
    let loaded = load_file(&fixture("timeline-app/apollo11.timeline")).unwrap();
    assert!(!loaded.ignored.is_empty());
    round_trip(&loaded.timeline, &loaded.ignored);
}

#[test]
fn a_payload_without_the_index_or_read_without_it_builds_the_index() {
    let timeline = load_str("varied.ron", VARIED).unwrap();
    let without = decode(&payload(&timeline, &Ignored::default(), false), true).unwrap();
    assert!(!without.has_index());
    assert_eq!(without.timeline, timeline);
    let skipped = decode(&payload(&timeline, &Ignored::default(), true), false).unwrap();
    assert!(skipped.has_index(), "held, though not read");
    let (index, _) = skipped.into_index();
    assert_same_hits(&index, &Index::new(timeline));
}

#[test]
fn decoded_events_share_one_allocation_per_name_per_run_and_take_no_spare_room() {
    // Enough events that each core decodes a run of them, and each run makes its own copy
    // of a name, so that the cores do not contend on one count.
    let timeline = synthetic_timeline(12_000).unwrap();
    let decoded = round_trip(&timeline, &Ignored::default()).timeline;
    let jaif: Vec<_> = decoded
        .events
        .iter()
        .flat_map(|e| e.acronyms.iter())
        .filter(|a| &***a == "JAIF")
        .collect();
    let mut copies: Vec<*const u8> = jaif.iter().map(|a| a.as_ptr()).collect();
    copies.sort();
    copies.dedup();
    let runs = std::thread::available_parallelism().map_or(1, |n| n.get());
    assert!(jaif.len() > 2 * runs);
    assert!(copies.len() <= runs, "{} copies", copies.len());
    assert_eq!(decoded.events.capacity(), decoded.events.len());
}

#[test]
fn damaged_payloads_are_refused_with_a_one_line_reason() {
    let timeline = load_str("varied.ron", VARIED).unwrap();
    let good = payload(&timeline, &Ignored::default(), true);
    let refused = |bytes: &[u8]| decode(bytes, true).err().map(|e| e.to_string());
    let message = refused(&good[..good.len() - 1]).unwrap();
    assert!(message.starts_with("corrupt snapshot: "), "{message}");
    assert!(!message.contains('\n'));
    let mut longer = good.clone();
    longer.push(0);
    assert!(refused(&longer).is_some());
    // A count of 2^32 - 1 pillars right after the three strings: refused before reserving.
    let strings = [&timeline.title, &timeline.description, &timeline.source];
    let at: usize = strings.iter().map(|s| 4 + s.len()).sum();
    let mut huge = good.clone();
    huge[at..at + 4].copy_from_slice(&u32::MAX.to_le_bytes());
    assert!(refused(&huge).is_some());
    // A control character slipped into the title.
    let mut escape = good;
    escape[4] = 0x1b;
    assert!(refused(&escape).unwrap().contains("control characters"));
}

#[test]
fn a_timeline_decoded_on_several_threads_is_joined_whole_and_in_order() {
    // Enough events that each core decodes a run of them.
    let timeline = synthetic_timeline(12_000).unwrap();
    let decoded = round_trip(&timeline, &Ignored::default()).timeline;
    assert_eq!(decoded.events.capacity(), decoded.events.len());
    let mut reversed = timeline.clone();
    reversed.events.reverse();
    let refused = decode(&payload(&reversed, &Ignored::default(), false), true);
    assert!(refused.err().unwrap().to_string().contains("out of order"));
}

#[test]
fn what_the_loader_would_refuse_is_refused() {
    let timeline = load_str("varied.ron", VARIED).unwrap();
    let refused = |timeline: &Timeline| {
        let message = decode(&payload(timeline, &Ignored::default(), false), true)
            .err()
            .map(|e| e.to_string());
        message.unwrap_or_else(|| panic!("accepted"))
    };
    let mut pillar = timeline.clone();
    pillar.events[0].pillar = timeline.pillars.len();
    assert!(refused(&pillar).contains("pillar"));
    let mut acronym = timeline.clone();
    acronym.glossary.remove("JAIF");
    assert!(refused(&acronym).contains("name"));
    let mut undated_first = timeline.clone();
    undated_first.events.rotate_right(1);
    assert!(refused(&undated_first).contains("out of order"));
    let mut era = timeline;
    era.eras.reverse();
    assert!(refused(&era).contains("eras"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn truncated_or_flipped_payloads_never_panic(
        cut in any::<prop::sample::Index>(),
        flips in prop::collection::vec((any::<prop::sample::Index>(), 1u8..=255), 0..4),
        with_index in any::<bool>(),
    ) {
        thread_local! {
            static GOOD: Vec<u8> =
                payload(&load_str("varied.ron", VARIED).unwrap(), &Ignored::default(), true);
        }
        let mut bytes = GOOD.with(Clone::clone);
        for (at, flip) in flips {
            let at = at.index(bytes.len());
            bytes[at] ^= flip;
        }
        bytes.truncate(cut.index(bytes.len() + 1));
        if let Ok(decoded) = decode(&bytes, with_index) {
            // Whatever decodes is sound enough to index and search.
            let (index, _) = decoded.into_index();
            let all: Vec<_> = index.timeline().event_ids().collect();
            let compiled = index.compile(&Query::parse("jaif tokyo").unwrap());
            let _ = index.search(&compiled, &all);
        }
    }

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = decode(&bytes, true);
    }
}
