//! Finding elements as assistive technology does: by role and accessible name, as Chromium
//! computes them, never by visible text or markup.
//!
//! The search runs on Chromium's accessibility tree (DevTools `Accessibility.queryAXTree`,
//! through ChromeDriver's `goog/cdp/execute`): only nodes that are not ignored count, so
//! hidden elements are never found, and decoration that leaks into a name (CSS `::before`
//! text, an icon) makes the element unfindable, as it makes it unfindable by voice or by a
//! screen reader's list of buttons. What the tree found is handed to WebDriver as an element,
//! and WebDriver's own "Get Computed Role" and "Get Computed Label" describe it (the focused
//! element in the keyboard scenario, a name in a failure message).

use std::fmt;

use fantoccini::elements::{Element, ElementRef};
use fantoccini::Client;
use serde_json::{json, Value};

use crate::devtools::{ChromeDriverGet, ChromeDriverPost};

/// The DevTools object group of the handles a search takes; released after each search.
const OBJECT_GROUP: &str = "e2e-accessible";

/// The key under which WebDriver serialises an element (W3C "web element identifier").
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// What a user looks for: an ARIA role (as Chromium computes it) and, usually, a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Target<'a> {
    pub role: &'a str,
    /// The exact accessible name; `None` for any name.
    pub name: Option<&'a str>,
}

impl<'a> Target<'a> {
    pub const fn new(role: &'a str, name: &'a str) -> Self {
        Target {
            role,
            name: Some(name),
        }
    }

    /// Any element of this role, whatever its name.
    pub const fn any(role: &'a str) -> Self {
        Target { role, name: None }
    }
}

impl fmt::Display for Target<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name {
            Some(name) => write!(f, "the {} {name:?}", self.role),
            None => write!(f, "a {}", self.role),
        }
    }
}

pub const fn button(name: &str) -> Target<'_> {
    Target::new("button", name)
}

pub const fn link(name: &str) -> Target<'_> {
    Target::new("link", name)
}

/// A text field (`<input type=email>`, `type=password`…) by its label.
pub const fn textbox(name: &str) -> Target<'_> {
    Target::new("textbox", name)
}

pub const fn heading(name: &str) -> Target<'_> {
    Target::new("heading", name)
}

/// The sign-in page's box (CONTRACT section 7): an alert named by its heading.
pub const SESSION_ENDED: Target<'static> = Target::new("alert", "Session Ended");

/// One element found in the tree, with the name Chromium gave it.
pub struct Found {
    pub element: Element,
    pub name: String,
}

/// Role and name of an element as WebDriver reports them (`computedrole`, `computedlabel`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Described {
    pub role: String,
    pub name: String,
}

impl fmt::Display for Described {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {:?}", self.role, self.name)
    }
}

/// The element a script returned, as a WebDriver element.
pub fn element_from(client: &Client, value: &Value) -> Option<Element> {
    let id = value.get(ELEMENT_KEY)?.as_str()?;
    Some(Element::from_element_id(
        client.clone(),
        ElementRef::from(id.to_string()),
    ))
}

async fn devtools(client: &Client, method: &str, params: Value) -> Option<Value> {
    client
        .issue_cmd(ChromeDriverPost::devtools(method, params))
        .await
        .ok()
}

/// The DevTools object id of the document, or of `scope` when given.
async fn root_object(client: &Client, scope: Option<&Element>) -> Option<String> {
    let expression = match scope {
        Some(scope) => {
            // Handed over through the page: WebDriver and DevTools share its main world.
            client
                .execute(
                    "window.__e2eScope = arguments[0]; return true;",
                    vec![json!(scope)],
                )
                .await
                .ok()?;
            "window.__e2eScope"
        }
        None => "document",
    };
    let evaluated = devtools(
        client,
        "Runtime.evaluate",
        json!({ "expression": expression, "objectGroup": OBJECT_GROUP }),
    )
    .await?;
    evaluated["result"]["objectId"].as_str().map(str::to_string)
}

/// Every element under `scope` (or in the page) that the accessibility tree shows with
/// `target`'s role and name, in tree order. A page in the middle of loading finds nothing.
pub async fn find_all(client: &Client, scope: Option<&Element>, target: Target<'_>) -> Vec<Found> {
    let found = search(client, scope, target).await;
    devtools(
        client,
        "Runtime.releaseObjectGroup",
        json!({ "objectGroup": OBJECT_GROUP }),
    )
    .await;
    found
}

async fn search(client: &Client, scope: Option<&Element>, target: Target<'_>) -> Vec<Found> {
    let Some(root) = root_object(client, scope).await else {
        return Vec::new();
    };
    let mut query = json!({ "objectId": root, "role": target.role });
    if let Some(name) = target.name {
        query["accessibleName"] = json!(name);
    }
    let Some(answer) = devtools(client, "Accessibility.queryAXTree", query).await else {
        return Vec::new();
    };
    let mut names = Vec::new();
    for node in answer["nodes"].as_array().into_iter().flatten() {
        if node["ignored"].as_bool().unwrap_or(false) {
            continue;
        }
        let Some(backend_id) = node["backendDOMNodeId"].as_u64() else {
            continue;
        };
        let Some(resolved) = devtools(
            client,
            "DOM.resolveNode",
            json!({ "backendNodeId": backend_id, "objectGroup": OBJECT_GROUP }),
        )
        .await
        else {
            continue;
        };
        let Some(object) = resolved["object"]["objectId"].as_str() else {
            continue;
        };
        let collect = json!({
            "objectId": object,
            "functionDeclaration": "function () { (window.__e2eFound = window.__e2eFound || []).push(this); }",
        });
        if devtools(client, "Runtime.callFunctionOn", collect)
            .await
            .is_some()
        {
            names.push(
                node["name"]["value"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
            );
        }
    }
    if names.is_empty() {
        return Vec::new();
    }
    let collected = client
        .execute(
            "const found = window.__e2eFound || []; window.__e2eFound = []; return found;",
            Vec::new(),
        )
        .await
        .unwrap_or(Value::Null);
    let elements: Vec<Element> = collected
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|value| element_from(client, value))
        .collect();
    elements
        .into_iter()
        .zip(names)
        .map(|(element, name)| Found { element, name })
        .collect()
}

/// WebDriver's computed role and label of `element` (empty when it is gone).
pub async fn describe(client: &Client, element: &Element) -> Described {
    let id = element.element_id().to_string();
    let read = |what: &'static str| {
        let id = id.clone();
        async move {
            client
                .issue_cmd(ChromeDriverGet::element(&id, what))
                .await
                .ok()
                .and_then(|value| value.as_str().map(str::to_string))
                .unwrap_or_default()
        }
    };
    Described {
        role: read("computedrole").await,
        name: read("computedlabel").await,
    }
}
