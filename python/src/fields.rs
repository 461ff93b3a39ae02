//! A struct's field names, in declaration order, as serde sees them: the
//! order its JSON gives them, so a table of records with no rows still has
//! the output files' columns without a second list to keep in step.

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

/// The field names serde's derive passes to `deserialize_struct`.
pub fn of<'de, T: Deserialize<'de>>() -> Vec<&'static str> {
    let mut fields = Vec::new();
    // The probe always stops the derive with an error, once it has the names.
    let _stopped = T::deserialize(Probe(&mut fields));
    fields
}

struct Probe<'a>(&'a mut Vec<&'static str>);

#[derive(Debug)]
struct Stop;

impl std::fmt::Display for Stop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("field names taken")
    }
}

impl std::error::Error for Stop {}

impl de::Error for Stop {
    fn custom<M: std::fmt::Display>(_: M) -> Self {
        Stop
    }
}

impl<'de> Deserializer<'de> for Probe<'_> {
    type Error = Stop;

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Stop> {
        self.0.extend_from_slice(fields);
        Err(Stop)
    }

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Stop> {
        Err(Stop)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn record_fields_follow_its_json() -> Result<(), serde_json::Error> {
        let line = r#"{"id":"x","source":"a.pdf","language":"en","publisher":"P","plan_period":"2024",
            "plan_date":null,"section":"A","status":"planned","organisation":"P","spatial":false,
            "item_no":1,"category":"c","name":"n","new_item":false,"description":[],"formats":[],
            "date_text":"","date":null,"frequency_text":"","frequency":"","pages":[1]}"#;
        let record: odplan::record::Record = serde_json::from_str(line)?;
        let json = serde_json::to_value(&record)?;
        let keys: Vec<&str> = json.as_object().map(|o| o.keys().map(String::as_str).collect()).unwrap_or_default();
        let mut fields = super::of::<odplan::record::Record>();
        assert_eq!(fields.len(), 21);
        // serde_json's map sorts keys; the order itself is checked from
        // Python against records.jsonl.
        fields.sort_unstable();
        let mut keys = keys;
        keys.sort_unstable();
        assert_eq!(fields, keys);
        Ok(())
    }
}
