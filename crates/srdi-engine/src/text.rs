//! The rule model's strings and lists: either borrowed for the whole run
//! (`'static`, as the baked rule book holds them: read once from `baked.rs`,
//! its texts borrowed from the program and its lists never freed) or owned
//! (read from a rule file at run time).
//!
//! Like `Cow<'static, _>`, but an owned [`Text`] is shared (`Arc<str>`), so
//! that cloning it into every result stays a reference-count bump natively,
//! and both types keep the API the engine used on `Arc<str>` and `Vec`
//! (`Text::from(&str)`, `for x in &list`, `push`, `retain`).

use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::{Deref, DerefMut};
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Immutable text from the rule files.
#[derive(Clone)]
pub enum Text {
    /// Borrowed for the whole run (the baked rule book's texts, in the program).
    Static(&'static str),
    /// Read at run time; shared by every result that names it.
    Shared(Arc<str>),
}

impl Text {
    /// The text.
    pub fn as_str(&self) -> &str {
        match self {
            Text::Static(s) => s,
            Text::Shared(s) => s,
        }
    }
}

impl Default for Text {
    fn default() -> Text {
        Text::Static("")
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::Shared(Arc::from(s))
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text::Shared(Arc::from(s))
    }
}

impl From<&String> for Text {
    fn from(s: &String) -> Text {
        Text::from(s.as_str())
    }
}

impl From<Text> for String {
    fn from(t: Text) -> String {
        t.as_str().to_string()
    }
}

impl PartialEq for Text {
    fn eq(&self, o: &Text) -> bool {
        self.as_str() == o.as_str()
    }
}

impl Eq for Text {}

impl PartialEq<str> for Text {
    fn eq(&self, o: &str) -> bool {
        self.as_str() == o
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, o: &&str) -> bool {
        self.as_str() == *o
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, o: &String) -> bool {
        self.as_str() == o.as_str()
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, o: &Text) -> bool {
        *self == o.as_str()
    }
}

impl PartialEq<Text> for String {
    fn eq(&self, o: &Text) -> bool {
        self.as_str() == o.as_str()
    }
}

impl PartialOrd for Text {
    fn partial_cmp(&self, o: &Text) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}

impl Ord for Text {
    fn cmp(&self, o: &Text) -> std::cmp::Ordering {
        self.as_str().cmp(o.as_str())
    }
}

impl Hash for Text {
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.as_str().hash(h)
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        let s = String::deserialize(d)?;
        #[cfg(not(target_arch = "wasm32"))]
        if INTERNING.with(|on| on.get()) {
            return Ok(Text::Static(interned(s)));
        }
        Ok(Text::from(s))
    }
}

#[cfg(not(target_arch = "wasm32"))]
std::thread_local! {
    /// Whether texts read on this thread are the compiled-in rule files'.
    static INTERNING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` with every [`Text`] it reads made `'static`: for the rule files
/// compiled into the program (`RuleBook::embedded`), whose texts then clone
/// and drop into every result for free. Each distinct text is kept once per
/// process (a fixed set: the files are in the binary), however often the book
/// is read; texts read at run time from elsewhere stay shared.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn interning<R>(f: impl FnOnce() -> R) -> R {
    struct Reset(bool);
    impl Drop for Reset {
        fn drop(&mut self) {
            INTERNING.with(|on| on.set(self.0));
        }
    }
    let _reset = Reset(INTERNING.with(|on| on.replace(true)));
    f()
}

/// The one `'static` copy of `s` in this process.
#[cfg(not(target_arch = "wasm32"))]
fn interned(s: String) -> &'static str {
    use std::collections::HashSet;
    use std::sync::{Mutex, OnceLock};
    static TEXTS: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut texts = TEXTS
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    match texts.get(s.as_str()) {
        Some(t) => t,
        None => {
            let t: &'static str = Box::leak(s.into_boxed_str());
            texts.insert(t);
            t
        }
    }
}

/// A list in the rule model: borrowed from the program or owned.
#[derive(Clone)]
pub enum List<T: 'static> {
    /// Borrowed for the whole run (the baked rule book's lists, read once).
    Static(&'static [T]),
    /// Read or built at run time.
    Owned(Vec<T>),
}

impl<T> List<T> {
    /// An empty list (constant: no allocation).
    pub const fn new() -> List<T> {
        List::Static(&[])
    }

    /// The items.
    pub fn as_slice(&self) -> &[T] {
        match self {
            List::Static(s) => s,
            List::Owned(v) => v,
        }
    }

    /// Named so that serde's `skip_serializing_if` can call it.
    pub fn is_empty(&self) -> bool {
        self.as_slice().is_empty()
    }
}

impl<T: Clone> List<T> {
    /// The list as a vector, copied out of the program first if it was borrowed.
    pub fn to_mut(&mut self) -> &mut Vec<T> {
        if let List::Static(s) = self {
            *self = List::Owned(s.to_vec());
        }
        match self {
            List::Owned(v) => v,
            List::Static(_) => unreachable!("made owned above"),
        }
    }

    /// Appends `x` (copying a borrowed list first).
    pub fn push(&mut self, x: T) {
        self.to_mut().push(x)
    }

    /// Inserts `x` at `i` (copying a borrowed list first); panics past the end,
    /// as `Vec::insert` does.
    pub fn insert(&mut self, i: usize, x: T) {
        self.to_mut().insert(i, x)
    }

    /// Keeps only the items `keep` accepts (copying a borrowed list first).
    pub fn retain(&mut self, keep: impl FnMut(&T) -> bool) {
        self.to_mut().retain(keep)
    }
}

impl<T> Default for List<T> {
    fn default() -> List<T> {
        List::new()
    }
}

impl<T> Deref for List<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        self.as_slice()
    }
}

impl<T: Clone> DerefMut for List<T> {
    fn deref_mut(&mut self) -> &mut [T] {
        self.to_mut()
    }
}

impl<T> From<Vec<T>> for List<T> {
    fn from(v: Vec<T>) -> List<T> {
        List::Owned(v)
    }
}

impl<T> FromIterator<T> for List<T> {
    fn from_iter<I: IntoIterator<Item = T>>(i: I) -> List<T> {
        List::Owned(i.into_iter().collect())
    }
}

impl<T: Clone> Extend<T> for List<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, i: I) {
        self.to_mut().extend(i)
    }
}

impl<'a, T> IntoIterator for &'a List<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.as_slice().iter()
    }
}

impl<'a, T: Clone> IntoIterator for &'a mut List<T> {
    type Item = &'a mut T;
    type IntoIter = std::slice::IterMut<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.to_mut().iter_mut()
    }
}

impl<T: PartialEq> PartialEq for List<T> {
    fn eq(&self, o: &List<T>) -> bool {
        self.as_slice() == o.as_slice()
    }
}

impl<T: Eq> Eq for List<T> {}

impl<T: fmt::Debug> fmt::Debug for List<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_slice(), f)
    }
}

impl<T: Serialize> Serialize for List<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.as_slice().serialize(s)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<List<T>, D::Error> {
        Vec::deserialize(d).map(List::Owned)
    }
}
