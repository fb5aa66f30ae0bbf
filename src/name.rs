//! Shared names: a speaker, a label, an entity's canonical name, allocated
//! once per document and carried by every turn or mention that has it.

use std::borrow::Borrow;
use std::collections::HashSet;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// A shared, immutable name. One pointer wide (8 bytes, where an
/// `Arc<str>` takes 16): a document has millions of mentions and turns but
/// few distinct names, so the pointer is what counts.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Name(Arc<Box<str>>);

impl Name {
    /// Whether `a` and `b` are the same allocation (not only equal).
    pub fn ptr_eq(a: &Name, b: &Name) -> bool {
        Arc::ptr_eq(&a.0, &b.0)
    }

    /// The name as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Name {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Name {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Name {
    fn from(s: &str) -> Self {
        Name(Arc::new(s.into()))
    }
}

impl From<String> for Name {
    fn from(s: String) -> Self {
        Name(Arc::new(s.into_boxed_str()))
    }
}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Name {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl serde::Serialize for Name {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Name {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Name::from)
    }
}

/// Names, each allocated once and shared by everything that carries it: a
/// document with a million mentions of a hundred names holds a hundred
/// strings. Looked up once for every mention and turn, so hashed with
/// foldhash (a few times faster than the standard SipHash on short
/// strings; the set is never iterated, so its order does not matter).
#[derive(Default)]
pub struct Names(HashSet<Name, foldhash::fast::RandomState>);

impl Names {
    /// The shared copy of `name`.
    pub fn get(&mut self, name: &str) -> Name {
        if let Some(n) = self.0.get(name) {
            return n.clone();
        }
        let n = Name::from(name);
        self.0.insert(n.clone());
        n
    }

    /// The shared copy of `name`, taking `name` as that copy if it is new.
    pub fn share(&mut self, name: Name) -> Name {
        if let Some(n) = self.0.get(name.as_str()) {
            return n.clone();
        }
        self.0.insert(name.clone());
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_one_pointer_and_reads_as_its_text() {
        assert_eq!(std::mem::size_of::<Name>(), 8);
        let n = Name::from("Antony Blinken");
        assert_eq!(&*n, "Antony Blinken");
        assert_eq!(n, "Antony Blinken");
        assert_eq!(format!("{n} {n:?}"), "Antony Blinken \"Antony Blinken\"");
        let json = serde_json::to_string(&n).unwrap();
        assert_eq!(json, "\"Antony Blinken\"");
        assert_eq!(serde_json::from_str::<Name>(&json).unwrap(), n);
    }

    #[test]
    fn names_give_one_allocation_per_distinct_name() {
        let mut names = Names::default();
        let a = names.get("Paris");
        let b = names.get("Paris");
        let c = names.share(Name::from("Paris"));
        let d = names.get("Kenya");
        assert!(Name::ptr_eq(&a, &b) && Name::ptr_eq(&a, &c));
        assert!(!Name::ptr_eq(&a, &d));
        assert_ne!(a, d);
    }
}
