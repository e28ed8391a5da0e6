//! WCAG 2.1 contrast ratio of two CSS colours as `getComputedStyle` gives them
//! (`rgb(r, g, b)` or `rgba(r, g, b, a)`), for the focus indicator (at least 3:1, success
//! criteria 1.4.11 and 2.4.7). Text contrast is axe-core's job.

/// An opaque sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rgb(pub f64, pub f64, pub f64);

/// Parses `rgb(…)`/`rgba(…)`; a translucent colour is composed over `under`.
pub fn parse(css: &str, under: Rgb) -> Option<Rgb> {
    let inner = css
        .trim()
        .strip_prefix("rgba(")
        .or_else(|| css.trim().strip_prefix("rgb("))?
        .strip_suffix(')')?;
    let parts: Vec<f64> = inner
        .split([',', ' ', '/'])
        .filter(|part| !part.is_empty())
        .map(|part| part.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .ok()?;
    let (r, g, b) = (*parts.first()?, *parts.get(1)?, *parts.get(2)?);
    let alpha = parts.get(3).copied().unwrap_or(1.0).clamp(0.0, 1.0);
    let over = |top: f64, bottom: f64| top * alpha + bottom * (1.0 - alpha);
    Some(Rgb(over(r, under.0), over(g, under.1), over(b, under.2)))
}

fn luminance(colour: Rgb) -> f64 {
    let channel = |value: f64| {
        let c = value / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(colour.0) + 0.7152 * channel(colour.1) + 0.0722 * channel(colour.2)
}

/// `(L1 + 0.05) / (L2 + 0.05)`, the lighter over the darker: from 1 to 21.
pub fn ratio(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (light, dark) = if la > lb { (la, lb) } else { (lb, la) };
    (light + 0.05) / (dark + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    const WHITE: Rgb = Rgb(255.0, 255.0, 255.0);

    #[test]
    fn black_on_white_is_21() {
        let black = parse("rgb(0, 0, 0)", WHITE).unwrap();
        assert!((ratio(black, WHITE) - 21.0).abs() < 1e-9);
        assert!((ratio(WHITE, WHITE) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn the_focus_colour_on_the_pages_backgrounds() {
        // --focus #0a5cc2 on --page #f6f8fa and on the box's --warn-bg #fff8c5.
        let focus = parse("rgb(10, 92, 194)", WHITE).unwrap();
        let page = parse("rgb(246, 248, 250)", WHITE).unwrap();
        let warn = parse("rgb(255, 248, 197)", WHITE).unwrap();
        assert!(ratio(focus, page) > 5.5, "{}", ratio(focus, page));
        assert!(ratio(focus, warn) > 5.5, "{}", ratio(focus, warn));
    }

    #[test]
    fn translucent_colours_are_composed_and_nonsense_is_refused() {
        let half = parse("rgba(0, 0, 0, 0.5)", WHITE).unwrap();
        assert!((half.0 - 127.5).abs() < 1e-9);
        assert_eq!(parse("transparent", WHITE), None);
        assert_eq!(parse("rgb(1, 2)", WHITE), None);
    }
}
