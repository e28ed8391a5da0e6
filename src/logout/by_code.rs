//! Logout events grouped by code, most common first: the one grouping behind the chart's
//! series (`timeline.rs`) and the staff page's most common reasons
//! (`components/events_summary.rs`).

/// One code and how many events it holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeGroup {
    pub code: String,
    pub events: u32,
}

/// Events counted per code, the groups in the order their codes were first seen. What a
/// caller keeps besides the count (a chart's buckets, the users met) it keeps in a vector of
/// its own, at the index [`ByCode::add`] gives.
#[derive(Debug, Default)]
pub struct ByCode {
    groups: Vec<CodeGroup>,
}

impl ByCode {
    /// Counts one event of `code`. Returns its group's index: a new group, at the end, when
    /// `code` is met for the first time.
    pub fn add(&mut self, code: &str) -> usize {
        // A handful of codes: a plain vector keeps the wasm smaller than a map would.
        let index = match self.groups.iter().position(|group| group.code == code) {
            Some(index) => index,
            None => {
                self.groups.push(CodeGroup {
                    code: code.to_owned(),
                    events: 0,
                });
                self.groups.len() - 1
            }
        };
        if let Some(group) = self.groups.get_mut(index) {
            group.events = group.events.saturating_add(1);
        }
        index
    }

    /// The groups, most events first (ties by code, for a stable order), each with the index
    /// [`ByCode::add`] gave it.
    pub fn most_common_first(self) -> Vec<(usize, CodeGroup)> {
        let mut ranked: Vec<(usize, CodeGroup)> = self.groups.into_iter().enumerate().collect();
        // An insertion sort: a handful of codes, and far less wasm than the std sorts.
        let comes_first =
            |a: &CodeGroup, b: &CodeGroup| a.events > b.events || (a.events == b.events && a.code < b.code);
        for i in 1..ranked.len() {
            let mut j = i;
            while j > 0 && comes_first(&ranked[j].1, &ranked[j - 1].1) {
                ranked.swap(j, j - 1);
                j -= 1;
            }
        }
        ranked
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(code: &str, events: u32) -> CodeGroup {
        CodeGroup {
            code: code.into(),
            events,
        }
    }

    #[test]
    fn a_code_keeps_the_index_it_was_first_given() {
        let mut codes = ByCode::default();
        assert_eq!(codes.add("B"), 0);
        assert_eq!(codes.add("A"), 1);
        assert_eq!(codes.add("B"), 0);
        assert_eq!(codes.add("C"), 2);
        assert_eq!(codes.add("A"), 1);
    }

    #[test]
    fn groups_come_most_common_first_ties_by_code() {
        let mut codes = ByCode::default();
        for code in ["C", "B", "A", "D", "B", "C", "B", "A"] {
            codes.add(code);
        }
        assert_eq!(
            codes.most_common_first(),
            vec![
                (1, group("B", 3)),
                (2, group("A", 2)),
                (0, group("C", 2)),
                (3, group("D", 1))
            ]
        );
    }

    #[test]
    fn no_events_no_groups() {
        assert!(ByCode::default().most_common_first().is_empty());
    }
}
