//! The app's state: the answers (a `srdi-profile/1` object as JSON), what
//! the user typed in each field, the assessment options, and the one derived
//! value, the assessment. Nothing else calls the engine.
//!
//! Drafts: on a page served over http(s) the answers are kept in this
//! browser's localStorage by default, and a line on every step and on the
//! results says so, with the box that turns it off (which deletes them). On a
//! shared screen (kiosk) and from file:// (where every local page shares one
//! storage) nothing is ever written. "Forget everything" wipes memory and storage.

use std::collections::BTreeMap;

use leptos::prelude::*;
use srdi_engine::input::InputError;
use srdi_engine::json::{Map, Value};
use srdi_engine::profile::{PROFILE_FORMAT, Usable, get_path, set_path};
use srdi_engine::rules::ApplicantPath;
use srdi_engine::{
    Assessment, Date, Options, Profile, ProfileError, RuleBook, RulesChoice, Tier, assess,
};

use crate::i18n::Lang;
use crate::questions::ALL;

const STORAGE_KEY: &str = "srdi-check/profile";
const STORAGE_PREFS: &str = "srdi-check/prefs";

/// The rule book, baked into the program at build time (compact data, read once on first use).
pub fn book() -> &'static RuleBook {
    RuleBook::baked()
}

/// Today's date from the browser's clock (the engine never reads one).
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// A field's typed text, and the error when the text is not a value the field can take.
#[derive(Clone, Debug, PartialEq)]
pub struct Typed {
    pub text: String,
    pub error: Option<InputError>,
}

/// Everything the interface shares, handed down as context.
#[derive(Clone, Copy)]
pub struct AppState {
    pub lang: RwSignal<Lang>,
    pub large_text: RwSignal<bool>,
    /// The profile as JSON, always with `format`.
    pub answers: RwSignal<Map>,
    /// What the user typed, by profile path (kept even when it is not valid), and why it was
    /// not taken when it was not.
    pub typed: RwSignal<BTreeMap<String, Typed>>,
    pub date: RwSignal<String>,
    /// One applicant path for every tier; `None` (the default): each tier's path follows
    /// the titles held (复核 when the firm holds that tier's title).
    pub path: RwSignal<Option<ApplicantPath>>,
    /// Tiers chosen as 新申报 / 复核 one by one, winning over `path` (tier ids; the same
    /// signal type as `tiers`, so no new reactive code in the bundle).
    pub paths_new: RwSignal<Vec<Tier>>,
    pub paths_review: RwSignal<Vec<Tier>>,
    pub rules: RwSignal<RulesChoice>,
    /// Tiers the user wants to check (ids from `questions::ALL`, each at most once).
    pub tiers: RwSignal<Vec<Tier>>,
    /// Keep the answers on this device (drafts): on by default where `drafts` allows it.
    pub remember: RwSignal<bool>,
    /// Storage refused a write (disabled, or full): said next to the box, which is unticked.
    pub store_failed: RwSignal<bool>,
    /// Whether drafts may be kept at all: not on a shared screen, not from file://.
    pub drafts: bool,
    /// A saved draft this version cannot read, kept in storage untouched until the user
    /// downloads or deletes it (drafts stay off meanwhile).
    pub unreadable: RwSignal<Option<String>>,
    /// The DOM id of a field to focus when its step opens (a link from the results'
    /// missing answers); taken by the questionnaire once it has drawn the step.
    pub focus: RwSignal<Option<String>>,
    /// A shared screen (kiosk mode): nothing is read from or written to storage, ever.
    pub kiosk: bool,
    /// The profile the answers make, without any answer the engine cannot use (each left out
    /// with its error, which its field shows): what can be computed is computed.
    pub profile: Memo<Usable>,
    /// The one assessment everything shows.
    /// Shared, not copied: every page reads the one result in place.
    pub assessment: Memo<Option<std::sync::Arc<Assessment>>>,
}

fn empty_answers() -> Map {
    let mut m = Map::new();
    m.insert("format".into(), Value::String(PROFILE_FORMAT.into()));
    m
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

impl AppState {
    pub fn new() -> AppState {
        AppState::with_storage(true)
    }

    /// The state for a shared screen: storage is neither read nor written.
    pub fn kiosk() -> AppState {
        AppState::with_storage(false)
    }

    fn with_storage(allowed: bool) -> AppState {
        // file:// pages share one storage in most browsers: no drafts there.
        let drafts = allowed && window().location().protocol().ok().as_deref() != Some("file:");
        let storage = move || storage().filter(|_| drafts);
        let saved = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
        // Saved answers that no longer load are ignored: an empty form instead.
        // A draft is restored as it was saved, an answer the engine cannot use included (its
        // field says why); only text that is not a profile at all is left unread.
        let restored = saved.as_deref().and_then(draft_from);
        let had_draft = restored.is_some();
        // A saved text this version cannot read (another format, not JSON) is never written
        // over: kept, said, and offered for download until the user chooses.
        let unreadable = saved.filter(|_| !had_draft);
        let answers = restored.unwrap_or_else(empty_answers);
        let prefs = storage()
            .and_then(|s| s.get_item(STORAGE_PREFS).ok().flatten())
            .unwrap_or_default();
        // Drafts are kept unless the user turned them off on this device.
        let remember =
            had_draft || (drafts && unreadable.is_none() && !prefs.contains("drafts=off"));
        let lang = if prefs.contains("lang=en") {
            Lang::En
        } else if prefs.contains("lang=zh") {
            Lang::Zh
        } else {
            Lang::from_browser()
        };
        let answers = RwSignal::new(answers);
        let date = RwSignal::new(today());
        let path = RwSignal::new(None);
        let paths_new = RwSignal::new(Vec::new());
        let paths_review = RwSignal::new(Vec::new());
        let rules = RwSignal::new(RulesChoice::Auto);
        // Recomputed only when an input changes, so a new value is always news: comparing whole
        // profiles and assessments would cost more (and kilobytes of bundle) than it saves.
        let profile = Memo::new_with_compare(move |_| answers.with(Usable::from_map), changed);
        let assessment = Memo::new_with_compare(
            move |_| {
                let opts = options(
                    &date.get(),
                    path.get(),
                    &paths_new.get(),
                    &paths_review.get(),
                    rules.get(),
                )?;
                profile.with(|u| {
                    u.profile.as_ref().ok().map(|p| {
                        // Figures that cannot all be true are left out (their fields say why).
                        let clean = srdi_engine::conflicts::without_conflicts(p, opts.date);
                        std::sync::Arc::new(assess(book(), clean.as_ref().unwrap_or(p), &opts))
                    })
                })
            },
            changed,
        );
        let state = AppState {
            lang: RwSignal::new(lang),
            large_text: RwSignal::new(prefs.contains("large=1")),
            answers,
            typed: RwSignal::new(BTreeMap::new()),
            date,
            path,
            paths_new,
            paths_review,
            rules,
            tiers: RwSignal::new(ALL.to_vec()),
            remember: RwSignal::new(remember),
            store_failed: RwSignal::new(false),
            drafts,
            unreadable: RwSignal::new(unreadable),
            focus: RwSignal::new(None),
            kiosk: !allowed,
            profile,
            assessment,
        };
        state.persist();
        state
    }

    /// Keeps storage in step with the answers while (and only while) the user opted in.
    fn persist(self) {
        if !self.drafts {
            return;
        }
        Effect::new(move |_| {
            // Not remembering: nothing to write, and no file text to build on every keystroke
            // (the effect then tracks only `remember`, and runs again when it is ticked).
            if !self.remember.get() {
                return;
            }
            if let Some(text) = self.answers_json() {
                self.store(STORAGE_KEY, &text);
            }
        });
        Effect::new(move |_| {
            let (lang, large, remember) =
                (self.lang.get(), self.large_text.get(), self.remember.get());
            if remember {
                self.store(
                    STORAGE_PREFS,
                    &format!(
                        "lang={};large={}",
                        if lang == Lang::En { "en" } else { "zh" },
                        u8::from(large)
                    ),
                );
            }
        });
    }

    /// Writes to storage; when the browser refuses (storage disabled or full), drafts stop
    /// and the box says why, instead of pretending.
    fn store(&self, key: &str, text: &str) {
        let written = storage().is_some_and(|s| s.set_item(key, text).is_ok());
        if !written {
            self.remember.set(false);
            self.store_failed.set(true);
        }
    }

    /// Deletes a saved draft this version could not read (the user chose to), and keeps
    /// drafts from now on.
    pub fn drop_unreadable(&self) {
        if let Some(s) = storage() {
            let _ = s.remove_item(STORAGE_KEY);
        }
        self.unreadable.set(None);
        self.set_drafts(true);
    }

    /// Turns drafts on (writes the answers now) or off (deletes them, and keeps the choice
    /// on this device so that the next visit does not turn them on again).
    pub fn set_drafts(&self, on: bool) {
        // A saved draft this version cannot read is never written over.
        if on && self.unreadable.with_untracked(Option::is_some) {
            return;
        }
        if on {
            self.store_failed.set(false);
            self.remember.set(true);
        } else {
            self.forget_storage();
            if self.drafts
                && let Some(s) = storage()
            {
                let _ = s.set_item(STORAGE_PREFS, "drafts=off");
            }
        }
    }

    /// The application year Y (from the date, else the current year).
    /// The engine options of the start page's choices (tracked); None while the date is not a date.
    pub fn opts(&self) -> Option<Options> {
        options(
            &self.date.get(),
            self.path.get(),
            &self.paths_new.get(),
            &self.paths_review.get(),
            self.rules.get(),
        )
    }

    pub fn year(&self) -> i32 {
        self.date
            .with(|d| Date::parse(d).map(|d| d.year))
            .unwrap_or_else(|| js_sys::Date::new_0().get_full_year() as i32)
    }

    /// Sets a profile field from typed text: stores the text, and the value
    /// when it parses; otherwise the field becomes unknown and the error shows.
    pub fn set_text(
        &self,
        path: &str,
        text: String,
        parse: impl Fn(&str) -> Result<Option<Value>, InputError>,
    ) {
        let parsed = parse(&text);
        let (value, error) = match parsed {
            Ok(v) => (v, None),
            Err(err) => (None, Some(err)),
        };
        self.typed.update(|t| {
            t.insert(path.to_string(), Typed { text, error });
        });
        self.set_value(path, value);
    }

    /// Sets (or clears) a profile field.
    pub fn set_value(&self, path: &str, value: Option<Value>) {
        self.answers.update(|a| {
            let _ = set_path(a, path, value);
            prune(a);
        });
    }

    /// Why the figure at `path` cannot be right given the others (a part over its whole, a
    /// month after the assessment date), in `lang`; tracked.
    pub fn conflict(&self, path: &str, lang: Lang) -> Option<String> {
        let date = self.date.with(|d| Date::parse(d))?;
        self.profile.with(|u| {
            let p = u.profile.as_ref().ok()?;
            srdi_engine::conflicts::conflicts(p, date)
                .into_iter()
                .find(|c| c.path() == path)
                .map(|c| c.message(lang == Lang::Zh))
        })
    }

    /// The value at a path.
    pub fn value(&self, path: &str) -> Option<Value> {
        self.answers.with(|a| get_path(a, path).cloned())
    }

    /// Replaces every answer with an imported profile; a bad file changes nothing.
    pub fn import(&self, text: &str) -> Result<(), ProfileError> {
        let map = answers_from(text)?;
        self.typed.set(BTreeMap::new());
        self.answers.set(map);
        Ok(())
    }

    /// The answers as a profile file, as they are: an answer the engine cannot use is kept
    /// (its field says why), so that nothing typed is lost in a draft or an export.
    fn answers_json(&self) -> Option<String> {
        Some(self.answers.with(srdi_engine::json::pretty_object))
    }

    /// The profile file to export: every answer, never an empty file.
    pub fn export(&self) -> String {
        self.answers_json().unwrap_or_default()
    }

    /// Why the answer at `path` is left out of the assessment, in `lang`; tracked.
    pub fn dropped(&self, path: &str, lang: Lang) -> Option<String> {
        self.profile.with(|u| {
            u.error_at(path).map(|e| {
                let detail = match e {
                    ProfileError::Invalid { detail, .. } => {
                        detail.rsplit(": ").next().unwrap_or(detail)
                    }
                    _ => "",
                };
                if lang == Lang::Zh {
                    "这项填写无法使用，未计入评估，请修改。".to_string()
                } else {
                    format!(
                        "This answer cannot be used ({detail}) and is left out; please correct it."
                    )
                }
            })
        })
    }

    /// Stops remembering and removes what this device stored.
    pub fn forget_storage(&self) {
        self.remember.set(false);
        self.unreadable.set(None);
        if let Some(s) = storage() {
            let _ = s.remove_item(STORAGE_KEY);
            let _ = s.remove_item(STORAGE_PREFS);
        }
    }

    /// Takes the choices a host page made in the URL (see `host.rs`); the user can change them.
    pub fn adopt(&self, host: &crate::host::HostOptions) {
        if let Some(lang) = host.lang {
            self.lang.set(lang);
        }
        if let Some(province) = host.province {
            self.set_value("province", Some(Value::String(province.to_string())));
        }
        if let Some(rules) = host.rules.clone() {
            self.rules.set(rules);
        }
        if !host.tiers.is_empty() {
            let mut tiers = Vec::new();
            for tier in &host.tiers {
                if !tiers.contains(tier) {
                    tiers.push(*tier);
                }
            }
            self.tiers.set(tiers);
        }
    }

    /// Forgets everything: memory and this site's storage.
    pub fn forget(&self) {
        self.forget_storage();
        self.typed.set(BTreeMap::new());
        self.answers.set(empty_answers());
    }
}

impl Default for AppState {
    fn default() -> Self {
        AppState::new()
    }
}

/// The answers a profile file holds, after every check the engine makes
/// (size, JSON, version, fields, ranges). The file's own JSON is kept as the
/// answers, so nothing is re-serialised.
fn answers_from(text: &str) -> Result<Map, ProfileError> {
    Profile::from_json(text)?;
    match srdi_engine::json::parse(text) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(ProfileError::NotJson {
            detail: "the top level is not an object".into(),
        }),
    }
}

/// A saved draft's answers: a JSON object of this profile format, whatever its answers.
fn draft_from(text: &str) -> Option<Map> {
    match srdi_engine::json::parse(text) {
        Ok(Value::Object(map))
            if map.get("format").and_then(Value::as_str) == Some(PROFILE_FORMAT) =>
        {
            Some(map)
        }
        _ => None,
    }
}

/// Removes empty objects left behind when fields are cleared.
fn prune(m: &mut Map) {
    m.retain(|_, v| match v {
        Value::Object(inner) => {
            prune(inner);
            !inner.is_empty()
        }
        _ => true,
    });
}

/// The comparator for memos whose every recomputation is a change.
pub fn changed<T>(_: Option<&T>, _: Option<&T>) -> bool {
    true
}

/// Engine options from the start page's choices; None when the date is not a date.
pub fn options(
    date: &str,
    path: Option<ApplicantPath>,
    paths_new: &[Tier],
    paths_review: &[Tier],
    rules: RulesChoice,
) -> Option<Options> {
    let mut o = Options::new(Date::parse(date)?);
    o.path = path;
    for t in paths_new {
        o.paths.push((*t, ApplicantPath::New));
    }
    for t in paths_review {
        o.paths.push((*t, ApplicantPath::Review));
    }
    o.rules = rules;
    Some(o)
}

pub fn use_state() -> AppState {
    expect_context::<AppState>()
}
