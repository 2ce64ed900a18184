//! Phone numbers as `tel:` URIs.

/// `0295 047 071` → `tel:+358295047071`; a number already international keeps its `+`.
pub fn tel_uri(phone: &str) -> String {
    let digits: String = phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    match digits.strip_prefix('0') {
        Some(rest) if !digits.starts_with('+') => format!("tel:+358{rest}"),
        _ => format!("tel:{digits}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_become_international_tel_uris() {
        assert_eq!(tel_uri("0295 047 071"), "tel:+358295047071");
        assert_eq!(tel_uri("050 437 2718"), "tel:+358504372718");
        assert_eq!(tel_uri("+358 50 1"), "tel:+358501");
    }
}
