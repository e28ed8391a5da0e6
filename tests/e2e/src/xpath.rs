//! XPath expressions for what a user sees: fields by label, buttons and links by text.

/// `text` as an XPath string literal, whatever quotes it holds.
pub fn literal(text: &str) -> String {
    if !text.contains('\'') {
        return format!("'{text}'");
    }
    if !text.contains('"') {
        return format!("\"{text}\"");
    }
    let parts: Vec<String> = text.split('\'').map(|part| format!("'{part}'")).collect();
    format!("concat({})", parts.join(", \"'\", "))
}

/// The input that a `<label>` with exactly this text is for.
pub fn field(label: &str) -> String {
    format!(
        "//input[@id=//label[normalize-space()={}]/@for]",
        literal(label)
    )
}

/// A button with exactly this text.
pub fn button(text: &str) -> String {
    format!("//button[normalize-space()={}]", literal(text))
}

/// A link with exactly this text.
pub fn link(text: &str) -> String {
    format!("//a[normalize-space()={}]", literal(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_survive_quotes() {
        assert_eq!(literal("Email"), "'Email'");
        assert_eq!(literal("don't"), "\"don't\"");
        assert_eq!(literal(r#"a'b"c"#), r#"concat('a', "'", 'b"c')"#);
    }
}
