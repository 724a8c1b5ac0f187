//! Page chrome: navigation, sharing prompts, bylines and photo credits that
//! pasted articles carry along. Such lines never yield claims.

const CHROME_LINES: &[&str] = &[
    "must read",
    "more articles",
    "more stories",
    "latest",
    "latest news",
    "share this",
    "share this article",
    "share this story",
    "share",
    "tweet",
    "email",
    "print",
    "advertisement",
    "related",
    "related articles",
    "related stories",
    "read more",
    "recommended",
    "trending",
    "most popular",
    "most read",
    "top stories",
    "sign up",
    "subscribe",
    "comments",
    "follow us",
    "skip to content",
    "skip to main content",
    "menu",
    "home",
    "watch",
    "listen",
    "story continues below",
    "continue reading",
    "see also",
    "you may also like",
    "click here",
];

const CHROME_PREFIXES: &[&str] = &[
    "photo:",
    "photo by",
    "photograph:",
    "image:",
    "image credit",
    "credit:",
    "photo credit",
    "(photo",
    "(ap photo",
    "(reuters",
    "copyright",
    "©",
    "read more:",
    "related:",
    "see also:",
    "sign up",
    "subscribe to",
    "follow us",
    "follow @",
    "click here",
    "share on",
    "updated:",
    "published:",
    "posted:",
    "last updated",
    "this article originally appeared",
];

/// True when a whole line is page furniture rather than article prose.
pub fn is_chrome(line: &str) -> bool {
    let t = line
        .trim()
        .trim_end_matches([':', '|', '›', '»', '>'])
        .trim();
    if t.is_empty() {
        return true;
    }
    let lower = t.to_lowercase();
    if CHROME_LINES.contains(&lower.as_str()) {
        return true;
    }
    if CHROME_PREFIXES.iter().any(|p| lower.starts_with(p)) {
        return true;
    }
    let words = t.split_whitespace().count();
    // Bylines: "By Jane Roe and John Doe", "By JANE ROE, Associated Press".
    if words <= 10 && lower.starts_with("by ") && !t.ends_with(['.', '?', '!', '"', '”']) {
        return t
            .split_whitespace()
            .skip(1)
            .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
            .all(|w| {
                w.chars().next().is_some_and(char::is_uppercase)
                    || matches!(w, "and" | "in" | "of" | "for" | "the")
            });
    }
    if words <= 8 && is_dateline(&lower) {
        return true;
    }
    // Credits trailing a caption: "... (Getty Images)", "Jane Roe/AP".
    if words <= 8
        && (lower.ends_with("getty images")
            || lower.ends_with("/ap")
            || lower.ends_with("/reuters"))
    {
        return true;
    }
    false
}

/// A line that is only a date or time: "11/20/2019 01:14 PM",
/// "Nov. 20, 2019, 9:39 a.m. ET".
fn is_dateline(lower: &str) -> bool {
    const WORDS: &[&str] = &[
        "am",
        "pm",
        "a.m",
        "p.m",
        "gmt",
        "utc",
        "et",
        "est",
        "edt",
        "bst",
        "cet",
        "jan",
        "feb",
        "mar",
        "apr",
        "may",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let mut digits = false;
    let all = lower.split_whitespace().all(|w| {
        let w = w.trim_matches([',', '.', '|', '-', '–', '(', ')']);
        if w.chars().any(|c| c.is_ascii_digit()) {
            digits = true;
            w.chars().all(|c| c.is_ascii_digit() || "/:.-".contains(c))
        } else {
            w.is_empty() || WORDS.contains(&w)
        }
    });
    all && digits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chrome_lines_are_recognised() {
        for l in [
            "Must read",
            "More articles",
            "Latest",
            "Share this",
            "By Jane Roe and John Doe",
            "Photo: Jane Roe/AP",
            "Advertisement",
            "© 2026 Example Media",
            "11/20/2019 01:14 PM",
            "Nov. 20, 2019, 9:39 a.m. ET",
        ] {
            assert!(is_chrome(l), "{l}");
        }
    }

    #[test]
    fn prose_is_not_chrome() {
        for l in [
            "By Tuesday, the council had voted to close the plant.",
            "The mayor said the plant would close.",
            "Latest figures show a 4% rise in prices.",
            "2019: 4.5%",
            "May 2020 was wet.",
        ] {
            assert!(!is_chrome(l), "{l}");
        }
    }
}
