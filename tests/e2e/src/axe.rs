//! The automated WCAG 2.1 A/AA audit: axe-core (`make tools` installs the version pinned in
//! `tools/versions.env` into `.tools/`; nothing is downloaded at run time) injected into the
//! page through WebDriver's "Execute Script". Scripts run that way are not subject to the
//! page's Content-Security-Policy in Chromium, so a strict CSP on the served app does not
//! stop the audit (`tests/accessibility.rs` checks this on a page with `script-src 'none'`).
//!
//! The rules run are those tagged WCAG 2.0/2.1 A and AA, plus axe's best practices. Any
//! violation of impact serious or critical fails the audit; the others are listed. The whole
//! report goes to `target/e2e/accessibility-audit.txt` and to the test's output.

use std::fmt::Write as _;
use std::path::PathBuf;

use serde_json::Value;

use crate::browser::Browser;
use crate::repo;

/// The rule tags run: WCAG 2.0 and 2.1, levels A and AA, and axe's best practices.
pub const TAGS: &[&str] = &["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

/// Impacts that fail the audit.
const BLOCKING: &[&str] = &["critical", "serious"];

/// `.tools/node_modules/axe-core/axe.min.js`.
pub fn script_path() -> PathBuf {
    repo::root().join(".tools/node_modules/axe-core/axe.min.js")
}

fn axe_source() -> String {
    let path = script_path();
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {} ({e}): run `make tools`, which installs axe-core",
            path.display()
        )
    })
}

/// Runs axe in the current document and hands back its raw result.
const RUN: &str = r#"
const done = arguments[arguments.length - 1];
const tags = arguments[0];
window.axe
  .run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations", "incomplete"] })
  .then((result) => {
    const brief = (list) => list.map((rule) => ({
      id: rule.id, impact: rule.impact, help: rule.help, helpUrl: rule.helpUrl, tags: rule.tags,
      nodes: rule.nodes.map((node) => ({
        target: node.target.join(" "), html: node.html, impact: node.impact,
        summary: node.failureSummary || "",
      })),
    }));
    done(JSON.stringify({ violations: brief(result.violations), incomplete: brief(result.incomplete) }));
  })
  .catch((error) => done(JSON.stringify({ error: String(error) })));
"#;

/// One element a rule found wanting.
#[derive(Clone, Debug)]
pub struct Node {
    pub target: String,
    pub html: String,
    pub summary: String,
}

/// One rule's findings on one page.
#[derive(Clone, Debug)]
pub struct Finding {
    pub page: String,
    pub rule: String,
    pub impact: String,
    pub help: String,
    pub help_url: String,
    pub wcag: bool,
    pub nodes: Vec<Node>,
}

impl Finding {
    pub fn blocks(&self) -> bool {
        BLOCKING.contains(&self.impact.as_str())
    }

    fn describe(&self, out: &mut String) {
        let kind = if self.wcag { "WCAG" } else { "best practice" };
        let _ = writeln!(
            out,
            "  [{}] {} ({kind}): {} — on {}\n    {}",
            self.impact, self.rule, self.help, self.page, self.help_url
        );
        for node in &self.nodes {
            let _ = writeln!(out, "    element {}\n      {}", node.target, node.html);
            for line in node.summary.lines() {
                let _ = writeln!(out, "      {line}");
            }
        }
    }
}

fn findings(page: &str, list: &Value) -> Vec<Finding> {
    let text = |value: &Value| value.as_str().unwrap_or_default().to_string();
    list.as_array()
        .into_iter()
        .flatten()
        .map(|rule| Finding {
            page: page.to_string(),
            rule: text(&rule["id"]),
            impact: rule["impact"].as_str().unwrap_or("unknown").to_string(),
            help: text(&rule["help"]),
            help_url: text(&rule["helpUrl"]),
            wcag: rule["tags"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|tag| tag.as_str().is_some_and(|tag| tag.starts_with("wcag"))),
            nodes: rule["nodes"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|node| Node {
                    target: text(&node["target"]),
                    html: text(&node["html"]),
                    summary: text(&node["summary"]),
                })
                .collect(),
        })
        .collect()
}

/// The audit of several pages, gathered before anything is judged.
pub struct Audit {
    source: String,
    pages: Vec<String>,
    violations: Vec<Finding>,
    incomplete: Vec<Finding>,
}

impl Default for Audit {
    fn default() -> Self {
        Self::new()
    }
}

impl Audit {
    pub fn new() -> Audit {
        Audit {
            source: axe_source(),
            pages: Vec::new(),
            violations: Vec::new(),
            incomplete: Vec::new(),
        }
    }

    /// Audits the document the browser shows now, recorded as `page` (e.g. `/signin (empty)`).
    pub async fn check(&mut self, browser: &Browser, page: &str) -> Vec<Finding> {
        let result = run(browser, &self.source).await;
        if let Some(error) = result.get("error") {
            panic!("axe-core failed on {page}: {error}");
        }
        let violations = findings(page, &result["violations"]);
        self.violations.extend(violations.iter().cloned());
        self.incomplete.extend(findings(page, &result["incomplete"]));
        self.pages.push(page.to_string());
        violations
    }

    /// The report: every page, the failing violations, the others, what axe could not
    /// decide (for a person to check).
    pub fn report(&self) -> String {
        let mut out = String::new();
        let version = crate::axe::version(&self.source);
        let _ = writeln!(
            out,
            "axe-core {version}, rules tagged {}; pages audited: {}",
            TAGS.join(", "),
            self.pages.len()
        );
        for page in &self.pages {
            let _ = writeln!(out, "  {page}");
        }
        let (blocking, other): (Vec<&Finding>, Vec<&Finding>) =
            self.violations.iter().partition(|finding| finding.blocks());
        let _ = writeln!(
            out,
            "\nSerious or critical violations (the audit fails on these): {}",
            blocking.len()
        );
        for finding in &blocking {
            finding.describe(&mut out);
        }
        let _ = writeln!(
            out,
            "\nModerate or minor violations (listed, not failing): {}",
            other.len()
        );
        for finding in &other {
            finding.describe(&mut out);
        }
        let _ = writeln!(
            out,
            "\nNeeds review (axe could not decide; check by hand): {}",
            self.incomplete.len()
        );
        for finding in &self.incomplete {
            let _ = writeln!(out, "  [{}] {} on {}", finding.impact, finding.rule, finding.page);
            for node in &finding.nodes {
                // axe's reason, e.g. a background it cannot compute under scrolled content.
                let why = node.summary.lines().nth(1).unwrap_or_default().trim();
                let _ = writeln!(out, "    element {}: {why}", node.target);
            }
        }
        out
    }

    /// Writes and prints the report, then fails if any violation is serious or critical,
    /// naming rule, element and page.
    pub fn finish(self) {
        let report = self.report();
        let path = repo::root().join("target/e2e/accessibility-audit.txt");
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        if let Err(e) = std::fs::write(&path, &report) {
            eprintln!("cannot write {}: {e}", path.display());
        }
        println!("{report}(also in {})", path.display());
        let blocking: Vec<String> = self
            .violations
            .iter()
            .filter(|finding| finding.blocks())
            .map(|finding| {
                let elements: Vec<&str> = finding.nodes.iter().map(|node| node.target.as_str()).collect();
                format!(
                    "{} [{}] on {}: {} ({})",
                    finding.rule,
                    finding.impact,
                    finding.page,
                    elements.join(", "),
                    finding.help
                )
            })
            .collect();
        assert!(
            blocking.is_empty(),
            "accessibility audit: {} serious or critical violation(s):\n  {}\n\n{report}",
            blocking.len(),
            blocking.join("\n  ")
        );
    }
}

/// The version line of axe.min.js (`/*! axe v4.x.y`).
pub fn version(source: &str) -> &str {
    source
        .lines()
        .next()
        .and_then(|line| line.split("axe v").nth(1))
        .map(str::trim)
        .unwrap_or("(unknown version)")
}

/// Injects axe (once per document) and runs it.
pub async fn run(browser: &Browser, source: &str) -> Value {
    let client = browser.client();
    let present = client
        .execute("return typeof window.axe === 'object';", Vec::new())
        .await
        .unwrap_or(Value::Bool(false));
    if present != Value::Bool(true) {
        client
            .execute(&format!("{source}\nreturn true;"), Vec::new())
            .await
            .unwrap_or_else(|e| panic!("cannot inject axe-core: {e}"));
    }
    let tags = serde_json::json!(TAGS);
    let raw = client
        .execute_async(RUN, vec![tags])
        .await
        .unwrap_or_else(|e| panic!("axe-core did not run: {e}"));
    serde_json::from_str(raw.as_str().unwrap_or("{}")).unwrap_or_else(|e| panic!("axe-core's result is not JSON: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_name_rule_impact_page_and_element() {
        let list = serde_json::json!([{
            "id": "button-name", "impact": "critical", "help": "Buttons must have discernible text",
            "helpUrl": "https://example.invalid", "tags": ["cat.name-role-value", "wcag2a"],
            "nodes": [{ "target": "#b", "html": "<button id=\"b\"></button>", "summary": "Fix this" }],
        }, {
            "id": "region", "impact": "moderate", "help": "h", "helpUrl": "u", "tags": ["best-practice"],
            "nodes": [],
        }]);
        let found = findings("/signin", &list);
        assert_eq!(found.len(), 2);
        assert!(found[0].blocks() && found[0].wcag);
        assert!(!found[1].blocks() && !found[1].wcag);
        let mut out = String::new();
        found[0].describe(&mut out);
        for part in [
            "button-name",
            "critical",
            "/signin",
            "#b",
            "<button id=\"b\"></button>",
            "Fix this",
        ] {
            assert!(out.contains(part), "{part} in {out}");
        }
    }

    #[test]
    fn version_is_read_from_the_banner() {
        assert_eq!(version("/*! axe v4.14.1\n * Copyright"), "4.14.1");
    }
}
