//! The one-line text input behind `/`: a string and a cursor, edited the way shells edit.

use super::action::Edit;

/// Text with a cursor measured in chars (never inside a UTF-8 sequence).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Line {
    text: String,
    /// Char index, `0..=text.chars().count()`.
    cursor: usize,
}

impl Line {
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    /// Replaces the text, with the cursor at its end.
    pub fn set(&mut self, text: &str) {
        self.text = text.to_string();
        self.cursor = self.len();
    }

    fn byte_at(&self, char_index: usize) -> usize {
        // At the end of ASCII text (a paste of thousands of characters, one at a time), without
        // counting every char before it.
        if char_index >= self.text.len() {
            return self.text.len();
        }
        self.text
            .char_indices()
            .nth(char_index)
            .map_or(self.text.len(), |(byte, _)| byte)
    }

    fn len(&self) -> usize {
        self.text.chars().count()
    }

    /// Applies edits in order; returns whether any changed the text. A run of typed characters
    /// (a paste) is inserted at once: one at a time, each would first find the cursor's byte
    /// by walking the text, a walk per character.
    pub fn apply_all(&mut self, edits: impl IntoIterator<Item = Edit>) -> bool {
        let mut changed = false;
        let mut typed = String::new();
        for edit in edits {
            match edit {
                Edit::Insert(c) => typed.push(c),
                other => {
                    changed |= self.insert(&typed);
                    typed.clear();
                    changed |= self.apply(other);
                }
            }
        }
        changed | self.insert(&typed)
    }

    /// Inserts `text` at the cursor, less what cannot be typed (controls, bidi overrides), and
    /// moves the cursor past it; whether anything was inserted.
    fn insert(&mut self, text: &str) -> bool {
        let kept: String = text
            .chars()
            .filter(|&c| !crate::timeline::text::needs_care(c))
            .collect();
        if kept.is_empty() {
            return false;
        }
        let at = self.byte_at(self.cursor);
        self.text.insert_str(at, &kept);
        self.cursor += kept.chars().count();
        true
    }

    /// Applies an edit; returns whether the text changed (cursor moves alone do not).
    pub fn apply(&mut self, edit: Edit) -> bool {
        let before = self.text.len();
        match edit {
            Edit::Insert(c) => return self.insert(c.encode_utf8(&mut [0; 4])),
            Edit::DeleteBackward if self.cursor > 0 => {
                let at = self.byte_at(self.cursor - 1);
                self.text.remove(at);
                self.cursor -= 1;
            }
            Edit::DeleteForward if self.cursor < self.len() => {
                let at = self.byte_at(self.cursor);
                self.text.remove(at);
            }
            Edit::DeleteWordBackward => {
                let chars: Vec<char> = self.text.chars().collect();
                let mut start = self.cursor;
                while start > 0 && chars[start - 1].is_whitespace() {
                    start -= 1;
                }
                while start > 0 && !chars[start - 1].is_whitespace() {
                    start -= 1;
                }
                let (from, to) = (self.byte_at(start), self.byte_at(self.cursor));
                self.text.replace_range(from..to, "");
                self.cursor = start;
            }
            Edit::DeleteToStart => {
                let to = self.byte_at(self.cursor);
                self.text.replace_range(..to, "");
                self.cursor = 0;
            }
            Edit::Left => self.cursor = self.cursor.saturating_sub(1),
            Edit::Right => self.cursor = (self.cursor + 1).min(self.len()),
            Edit::Home => self.cursor = 0,
            Edit::End => self.cursor = self.len(),
            Edit::DeleteBackward | Edit::DeleteForward => {}
        }
        self.text.len() != before
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str) -> Line {
        let mut line = Line::default();
        for c in text.chars() {
            line.apply(Edit::Insert(c));
        }
        line
    }

    #[test]
    fn inserts_at_the_cursor_across_multibyte_chars() {
        let mut line = typed("日本");
        line.apply(Edit::Left);
        assert!(line.apply(Edit::Insert('x')));
        assert_eq!(line.text(), "日x本");
        assert_eq!(line.cursor(), 2);
    }

    #[test]
    fn deletes_backward_and_forward() {
        let mut line = typed("abc");
        assert!(line.apply(Edit::DeleteBackward));
        assert_eq!(line.text(), "ab");
        assert!(!line.apply(Edit::DeleteForward));
        line.apply(Edit::Home);
        assert!(!line.apply(Edit::DeleteBackward));
        assert!(line.apply(Edit::DeleteForward));
        assert_eq!(line.text(), "b");
    }

    #[test]
    fn deletes_the_previous_word_and_to_the_start() {
        let mut line = typed("integration fund  ");
        line.apply(Edit::DeleteWordBackward);
        assert_eq!(line.text(), "integration ");
        line.apply(Edit::DeleteToStart);
        assert_eq!(line.text(), "");
        assert_eq!(line.cursor(), 0);
    }

    #[test]
    fn a_run_of_typed_characters_is_inserted_as_typing_them_one_by_one_would() {
        let edits = || {
            let mut edits: Vec<Edit> = "ハノイ Hà Nội".chars().map(Edit::Insert).collect();
            edits.extend([Edit::Left, Edit::Left, Edit::Insert('\u{1b}')]);
            edits.extend("xé\u{202E}".chars().map(Edit::Insert));
            edits.extend([Edit::DeleteBackward, Edit::End, Edit::Insert('!')]);
            edits
        };
        let mut together = typed("東京 ");
        together.apply(Edit::Left);
        assert!(together.apply_all(edits()));
        let mut one_by_one = typed("東京 ");
        one_by_one.apply(Edit::Left);
        for edit in edits() {
            one_by_one.apply(edit);
        }
        assert_eq!(together, one_by_one);
        assert_eq!(together.text(), "東京ハノイ Hà Nxội !");
        assert!(
            !typed("a").apply_all([Edit::Insert('\u{7}')]),
            "nothing typed"
        );
    }

    #[test]
    fn control_characters_and_bidi_overrides_are_not_inserted() {
        let mut line = Line::default();
        assert!(!line.apply(Edit::Insert('\u{1b}')));
        assert!(!line.apply(Edit::Insert('\u{202E}')), "nor bidi overrides");
        assert!(line.is_empty());
    }

    #[test]
    fn cursor_moves_stay_in_bounds_and_report_no_change() {
        let mut line = typed("ab");
        assert!(!line.apply(Edit::Right));
        assert_eq!(line.cursor(), 2);
        line.apply(Edit::Home);
        assert!(!line.apply(Edit::Left));
        assert_eq!(line.cursor(), 0);
        line.apply(Edit::End);
        assert_eq!(line.cursor(), 2);
    }
}
