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
    "by",
    "source",
    "more",
    "don't miss",
    "advert",
    "sponsored",
    "sponsored links",
    "explore further",
    "citation",
    "about the author",
    "tags",
    "learn more",
    "enlarge image",
    "back to gallery",
    "leave a reply",
    "leave a comment",
    "filed under",
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
    "see more:",
    "first published",
    "tags:",
    "filed under:",
    "sponsored by",
    "leave a reply",
    "this slideshow requires javascript",
    "you have been successfully subscribed",
];

/// True when a whole line is page furniture rather than article prose.
pub fn is_chrome(line: &str) -> bool {
    let raw = line.trim();
    // A breadcrumb ("News >") or a shortcode left as text ("[button ...]").
    let crumb = raw.ends_with(['>', '›', '»']) && raw.split_whitespace().count() <= 3;
    if crumb || (raw.starts_with('[') && raw.contains("[/")) {
        return true;
    }
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
    if words <= 40 && is_prompt(&lower) {
        return true;
    }
    if words <= 25 && lower.contains('©') {
        return true;
    }
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

/// A newsletter box or a "follow us" line: "Get the latest news in your
/// inbox. Subscribe to our newsletter.", "Follow us on Twitter and Facebook."
fn is_prompt(lower: &str) -> bool {
    let words = || {
        lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
    };
    let newsletter = lower.contains("newsletter")
        && (lower.contains("subscrib") || lower.contains("sign up") || lower.contains("inbox"));
    // "Follow us on Twitter": an imperative opening a sentence, not "those
    // who follow him on Twitter said" in a story.
    let imperative = lower
        .split(['.', '?', '!'])
        .any(|sentence| sentence.split_whitespace().next() == Some("follow"));
    let follow = imperative
        && words().any(|w| {
            matches!(
                w,
                "twitter" | "facebook" | "instagram" | "youtube" | "linkedin" | "tiktok"
            )
        });
    newsletter || follow
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
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
        "on",
        "at",
        "updated",
        "published",
    ];
    let mut digits = false;
    let all = lower.split_whitespace().all(|w| {
        let w = w.trim_matches([',', '.', '|', '-', '–', '(', ')']);
        if w.chars().any(|c| c.is_ascii_digit()) {
            digits = true;
            // "18th", "1st"
            let w = w.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h']);
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
    fn labels_prompts_and_dates_of_page_furniture_are_chrome() {
        for l in [
            // Labels left alone on a line.
            "By",
            "SOURCE:",
            "More:",
            "DON'T MISS",
            "Advert",
            "Sponsored links",
            "Explore further",
            "About the author",
            "Tags",
            "Filed under",
            "Filed under: water, council",
            "See more: Council votes to close the plant",
            "First published on November 20, 2026 / 8:16 AM",
            "This slideshow requires JavaScript.",
            // Breadcrumbs and shortcodes left as text.
            "News >",
            "Local news ›",
            "[button link=\"/tips\" size=\"big\"] Send us your tips[/button]",
            // Newsletter boxes and follow prompts.
            "Get the morning's headlines in your inbox. Subscribe to our newsletter.",
            "Sign up for our weekly newsletter and never miss a story.",
            "Follow the Town Crier on Twitter, Facebook and Instagram.",
            "Have a tip? Jane Roe can be reached at jane@example.org. Follow her on Twitter.",
            // Captions carrying a copyright sign.
            "The old plant at dusk, photo © Example Media 2026",
            // Dates with a weekday, an ordinal or "at".
            "on Monday, November 18th, 2026 at 11:08 a.m.",
            "Updated at 1:23 p.m.",
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
            "By the end of the month the plant had closed.",
            "More than 300 residents attended the meeting.",
            "Sources at the council said the vote would be close.",
            "She has two million followers on Twitter and posts daily.",
            "The newsletter reached 4,000 readers in its first year.",
            "Residents should follow the advice of the water board.",
            "Prices rose by 5% > expected, the board said.",
            "On Monday the council met at 10 a.m. to vote.",
        ] {
            assert!(!is_chrome(l), "{l}");
        }
    }
}
