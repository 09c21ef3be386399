//! The `$type` tags of the value encoding (DESIGN.md "Value encoding"): the one list of them on
//! the Rust side. The preview and the panel's argument editor match on `Tag`, and a test checks
//! the list against the tags `preload/codec.js` writes and reads.

/// Declares `Tag` with the name each variant has on the wire.
macro_rules! tags {
    ($($(#[$doc:meta])* $variant:ident = $name:literal,)*) => {
        /// A `$type` tag, as `{"$type": name, ...}` carries it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Tag {
            $($(#[$doc])* $variant,)*
        }

        impl Tag {
            pub const ALL: &'static [Tag] = &[$(Tag::$variant,)*];

            /// The tag's name on the wire.
            pub fn name(self) -> &'static str {
                match self {
                    $(Tag::$variant => $name,)*
                }
            }
        }
    };
}

tags! {
    /// `undefined`.
    Undefined = "undefined",
    /// NaN, Infinity, -Infinity, -0: `value` is that text.
    Number = "Number",
    /// `value` is the decimal digits.
    BigInt = "BigInt",
    /// `value` is an ISO date, or null for an invalid one.
    Date = "Date",
    RegExp = "RegExp",
    /// `name` and `message`.
    Error = "Error",
    Map = "Map",
    Set = "Set",
    /// A sparse array, or one with extra own properties: `length` and `entries`.
    Array = "Array",
    /// A plain object that has its own `$type` key, escaped: `value`.
    Object = "Object",
    /// The first occurrence of an object reached more than once: `id` and `value`.
    Shared = "Shared",
    /// A later occurrence of a `Shared` object: `id`.
    Ref = "Ref",
    ArrayBuffer = "ArrayBuffer",
    DataView = "DataView",
    Int8Array = "Int8Array",
    Uint8Array = "Uint8Array",
    Uint8ClampedArray = "Uint8ClampedArray",
    Int16Array = "Int16Array",
    Uint16Array = "Uint16Array",
    Float16Array = "Float16Array",
    Int32Array = "Int32Array",
    Uint32Array = "Uint32Array",
    Float32Array = "Float32Array",
    Float64Array = "Float64Array",
    BigInt64Array = "BigInt64Array",
    BigUint64Array = "BigUint64Array",
}

impl Tag {
    pub fn parse(name: &str) -> Option<Tag> {
        Tag::ALL.iter().copied().find(|tag| tag.name() == name)
    }

    /// Bytes per element for the tags carried as `base64` (ArrayBuffer, DataView and the typed
    /// arrays); None for the others.
    pub fn element_size(self) -> Option<usize> {
        Some(match self {
            Tag::ArrayBuffer
            | Tag::DataView
            | Tag::Int8Array
            | Tag::Uint8Array
            | Tag::Uint8ClampedArray => 1,
            Tag::Int16Array | Tag::Uint16Array | Tag::Float16Array => 2,
            Tag::Int32Array | Tag::Uint32Array | Tag::Float32Array => 4,
            Tag::Float64Array | Tag::BigInt64Array | Tag::BigUint64Array => 8,
            Tag::Undefined
            | Tag::Number
            | Tag::BigInt
            | Tag::Date
            | Tag::RegExp
            | Tag::Error
            | Tag::Map
            | Tag::Set
            | Tag::Array
            | Tag::Object
            | Tag::Shared
            | Tag::Ref => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use rquickjs::{CatchResultExt, Context, Runtime};

    use super::*;

    /// The codec the pages and main.js run, read as text.
    const CODEC: &str = include_str!("../../preload/codec.js");

    /// The quoted names in `text`: `'Map'` -> Map.
    fn quoted(text: &str) -> impl Iterator<Item = &str> {
        text.split('\'').skip(1).step_by(2)
    }

    /// The tags the codec writes: every `codecTag('Name')`, and the typed arrays it encodes with
    /// `codecTag(kind)` (the names listed in `codecTypedArrays`).
    fn codec_tags() -> BTreeSet<String> {
        let mut tags: BTreeSet<String> = CODEC
            .split("codecTag('")
            .skip(1)
            .filter_map(|rest| rest.split_once("')").map(|(name, _)| name.to_string()))
            .collect();
        let typed = CODEC
            .split_once("const codecTypedArrays")
            .and_then(|(_, rest)| rest.split_once("];"))
            .map(|(list, _)| list)
            .expect("codec.js lists its typed arrays in codecTypedArrays");
        tags.extend(quoted(typed.split_once('[').map_or("", |(_, l)| l)).map(str::to_string));
        tags
    }

    #[test]
    fn the_table_holds_exactly_the_tags_the_codec_writes() {
        let codec = codec_tags();
        assert!(
            codec.contains("Float16Array") && codec.contains("Shared"),
            "the codec's tags were not found in codec.js: {codec:?}"
        );
        let ours: BTreeSet<String> = Tag::ALL.iter().map(|t| t.name().to_string()).collect();
        let missing: Vec<&String> = codec.difference(&ours).collect();
        let extra: Vec<&String> = ours.difference(&codec).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "codec.js writes tags src/value/tag.rs lacks: {missing:?}; \
             src/value/tag.rs has tags codec.js never writes: {extra:?}"
        );
        for tag in Tag::ALL {
            assert_eq!(Tag::parse(tag.name()), Some(*tag));
        }
        assert_eq!(Tag::parse("Widget"), None);
    }

    #[test]
    fn the_codec_decodes_every_tag_in_the_table_with_the_same_element_size() {
        let runtime = Runtime::new().unwrap();
        let context = Context::full(&runtime).unwrap();
        // Each tag, bare: the decoder may refuse its missing fields, never its name.
        let names: Vec<&str> = Tag::ALL.iter().map(|t| t.name()).collect();
        let unknown: String = context.with(|ctx| {
            ctx.eval::<String, _>(format!(
                "{CODEC}\n{names:?}.filter((name) => {{ \
                   try {{ decodeValue({{$type: name}}); return false; }} \
                   catch (err) {{ return err.message.startsWith('unknown $type'); }} \
                 }}).join(', ')"
            ))
            .catch(&ctx)
            .unwrap_or_else(|err| panic!("JS failed: {err}"))
        });
        assert_eq!(unknown, "", "tags the codec does not decode");
        for tag in Tag::ALL {
            let Some(size) = tag.element_size() else {
                continue;
            };
            let js_size: usize = context.with(|ctx| {
                let src = match tag {
                    Tag::ArrayBuffer | Tag::DataView => "1".to_string(),
                    typed => format!("{}.BYTES_PER_ELEMENT", typed.name()),
                };
                ctx.eval::<usize, _>(src).catch(&ctx).unwrap()
            });
            assert_eq!(size, js_size, "element size of {}", tag.name());
        }
    }
}
