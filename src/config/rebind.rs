//! The config's `keys` field, `{"next": ["n", "down"], "quit": ["ctrl-q"]}`: read in the
//! file's order, and each problem the keymap finds in it placed at its `LINE:COL`.
//!
//! ron tells where it stopped only when reading fails, so a problem found after the file was
//! read (a key bound twice once every rebinding is applied) is placed by reading the file
//! again and failing on purpose at the action or key the problem names.

use std::fmt;

use ron::error::Position;
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::app::keys::Place;

/// The rebindings as written: (action name, key names), in the file's order, repeats kept so
/// that the keymap can say an action is rebound twice.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Rebindings(pub Vec<(String, Vec<String>)>);

impl<'de> Deserialize<'de> for Rebindings {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Pairs;
        impl<'de> Visitor<'de> for Pairs {
            type Value = Rebindings;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map of action names to lists of keys, {\"quit\": [\"ctrl-q\"]}")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Rebindings, A::Error> {
                let mut pairs = Vec::new();
                while let Some(pair) = map.next_entry()? {
                    pairs.push(pair);
                }
                Ok(Rebindings(pairs))
            }
        }
        deserializer.deserialize_map(Pairs)
    }
}

/// Where `place` is written in `text`, a config that reads without error with `options`.
pub fn locate(text: &str, options: &ron::Options, place: Place) -> Option<Position> {
    match options.from_str_seed(text, InConfig(place)) {
        Err(error) if error.code == ron::Error::Message(STOP.into()) => Some(error.span.start),
        _ => None,
    }
}

/// The message of the failure made on purpose, to tell it from any other.
const STOP: &str = "ajtl: the place sought";

/// Reads a config, skipping every field but `keys`.
struct InConfig(Place);

/// Reads the `keys` map up to the action at the place.
struct InKeys(Place);

/// Reads an action's keys up to the key at this position.
struct InList(usize);

/// Reads one string, then fails: ron's position is then the string's.
struct Stop;

impl<'de> DeserializeSeed<'de> for InConfig {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_struct("Config", &[], self)
    }
}

impl<'de> Visitor<'de> for InConfig {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a config")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(field) = map.next_key::<String>()? {
            if field == "keys" {
                map.next_value_seed(InKeys(self.0))?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for InKeys {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for InKeys {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("rebindings")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Place { action, key } = self.0;
        for at in 0.. {
            if at == action && key.is_none() {
                return map.next_key_seed(Stop).map(drop);
            }
            if map.next_key::<IgnoredAny>()?.is_none() {
                break;
            }
            match key.filter(|_| at == action) {
                Some(key) => map.next_value_seed(InList(key))?,
                None => map.next_value::<IgnoredAny>().map(drop)?,
            }
        }
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for InList {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for InList {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of keys")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        for at in 0..self.0 {
            if seq.next_element::<IgnoredAny>()?.is_none() {
                return Err(de::Error::invalid_length(at, &self));
            }
        }
        seq.next_element_seed(Stop).map(drop)
    }
}

impl<'de> DeserializeSeed<'de> for Stop {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        String::deserialize(deserializer)?;
        Err(de::Error::custom(STOP))
    }
}
