//! Local files: a download made in the page (Blob + object URL, revoked at
//! once) and reading a file the user picked. Nothing crosses the network.

use srdi_engine::profile::{MAX_PROFILE_BYTES, ProfileError};
use wasm_bindgen::JsCast;

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let err = |e: wasm_bindgen::JsValue| format!("{e:?}");
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).map_err(err)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(err)?;
    let document = leptos::prelude::document();
    let a: web_sys::HtmlAnchorElement = document.create_element("a").map_err(err)?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // The object URL holds the figures in memory: release it straight away.
    web_sys::Url::revoke_object_url(&url).map_err(err)?;
    Ok(())
}

/// Reads the first file of a file input as text. A file larger than a profile may be is refused
/// before it is read, with the same error the engine gives.
pub async fn read_file(input: &web_sys::HtmlInputElement) -> Result<String, ProfileError> {
    let unreadable = || ProfileError::NotJson {
        detail: "the file cannot be read as text".into(),
    };
    let file = input
        .files()
        .and_then(|f| f.get(0))
        .ok_or_else(unreadable)?;
    // A size in bytes as a whole number (the DOM gives a float); no float formatting needed.
    let bytes = file.size() as usize;
    if bytes > MAX_PROFILE_BYTES {
        return Err(ProfileError::TooLarge { bytes });
    }
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .map_err(|_| unreadable())?;
    text.as_string().ok_or_else(unreadable)
}
