//! Latin letters with diacritics read as their base letter, as fzf reads them, so `tokyo` finds
//! `Tōkyō` and `ha noi` finds `Hà Nội`: ASEAN place names are often typed without their accents.
//!
//! The table is fzf's, as data: the pairs of `src/algo/normalize.go` in junegunn/fzf 0.38.0
//! (MIT License, Copyright (c) 2013-2023 Junegunn Choi), sorted by code point. As in fzf, a
//! character maps to one character, so folding keeps char positions (highlights stay aligned),
//! and only the characters listed fold (`Đ` does not; its lowercase `đ` does).

use std::borrow::Cow;

/// Every folding character, ascending, with the ASCII letter it reads as.
#[rustfmt::skip]
const TABLE: [(char, u8); 461] = [
    ('\u{00C0}', b'A'), ('\u{00C1}', b'A'), ('\u{00C2}', b'A'), ('\u{00C3}', b'A'),
    ('\u{00C4}', b'A'), ('\u{00C5}', b'A'), ('\u{00C7}', b'C'), ('\u{00C8}', b'E'),
    ('\u{00C9}', b'E'), ('\u{00CA}', b'E'), ('\u{00CB}', b'E'), ('\u{00CC}', b'I'),
    ('\u{00CD}', b'I'), ('\u{00CE}', b'I'), ('\u{00CF}', b'I'), ('\u{00D1}', b'N'),
    ('\u{00D2}', b'O'), ('\u{00D3}', b'O'), ('\u{00D4}', b'O'), ('\u{00D5}', b'O'),
    ('\u{00D6}', b'O'), ('\u{00D8}', b'O'), ('\u{00D9}', b'U'), ('\u{00DA}', b'U'),
    ('\u{00DB}', b'U'), ('\u{00DC}', b'U'), ('\u{00DD}', b'Y'), ('\u{00DF}', b's'),
    ('\u{00E0}', b'a'), ('\u{00E1}', b'a'), ('\u{00E2}', b'a'), ('\u{00E3}', b'a'),
    ('\u{00E4}', b'a'), ('\u{00E5}', b'a'), ('\u{00E7}', b'c'), ('\u{00E8}', b'e'),
    ('\u{00E9}', b'e'), ('\u{00EA}', b'e'), ('\u{00EB}', b'e'), ('\u{00EC}', b'i'),
    ('\u{00ED}', b'i'), ('\u{00EE}', b'i'), ('\u{00EF}', b'i'), ('\u{00F1}', b'n'),
    ('\u{00F2}', b'o'), ('\u{00F3}', b'o'), ('\u{00F4}', b'o'), ('\u{00F5}', b'o'),
    ('\u{00F6}', b'o'), ('\u{00F8}', b'o'), ('\u{00F9}', b'u'), ('\u{00FA}', b'u'),
    ('\u{00FB}', b'u'), ('\u{00FC}', b'u'), ('\u{00FD}', b'y'), ('\u{00FF}', b'y'),
    ('\u{0101}', b'a'), ('\u{0103}', b'a'), ('\u{0105}', b'a'), ('\u{0107}', b'c'),
    ('\u{0109}', b'c'), ('\u{010B}', b'c'), ('\u{010D}', b'c'), ('\u{010F}', b'd'),
    ('\u{0111}', b'd'), ('\u{0113}', b'e'), ('\u{0115}', b'e'), ('\u{0117}', b'e'),
    ('\u{0119}', b'e'), ('\u{011B}', b'e'), ('\u{011D}', b'g'), ('\u{011F}', b'g'),
    ('\u{0121}', b'g'), ('\u{0123}', b'g'), ('\u{0125}', b'h'), ('\u{0127}', b'h'),
    ('\u{0129}', b'i'), ('\u{012B}', b'i'), ('\u{012D}', b'i'), ('\u{012F}', b'i'),
    ('\u{0130}', b'I'), ('\u{0131}', b'i'), ('\u{0135}', b'j'), ('\u{0137}', b'k'),
    ('\u{013A}', b'l'), ('\u{013C}', b'l'), ('\u{013E}', b'l'), ('\u{0140}', b'l'),
    ('\u{0142}', b'l'), ('\u{0144}', b'n'), ('\u{0146}', b'n'), ('\u{0148}', b'n'),
    ('\u{014D}', b'o'), ('\u{014F}', b'o'), ('\u{0151}', b'o'), ('\u{0155}', b'r'),
    ('\u{0157}', b'r'), ('\u{0159}', b'r'), ('\u{015B}', b's'), ('\u{015D}', b's'),
    ('\u{015F}', b's'), ('\u{0161}', b's'), ('\u{0163}', b't'), ('\u{0165}', b't'),
    ('\u{0167}', b't'), ('\u{0169}', b'u'), ('\u{016B}', b'u'), ('\u{016D}', b'u'),
    ('\u{016F}', b'u'), ('\u{0171}', b'u'), ('\u{0173}', b'u'), ('\u{0175}', b'w'),
    ('\u{0177}', b'y'), ('\u{0178}', b'Y'), ('\u{017A}', b'z'), ('\u{017C}', b'z'),
    ('\u{017E}', b'z'), ('\u{017F}', b's'), ('\u{0180}', b'b'), ('\u{0181}', b'B'),
    ('\u{0183}', b'b'), ('\u{0186}', b'O'), ('\u{0188}', b'c'), ('\u{0189}', b'D'),
    ('\u{018A}', b'D'), ('\u{018C}', b'd'), ('\u{018E}', b'E'), ('\u{0190}', b'E'),
    ('\u{0192}', b'f'), ('\u{0193}', b'G'), ('\u{0197}', b'I'), ('\u{0199}', b'k'),
    ('\u{019A}', b'l'), ('\u{019C}', b'M'), ('\u{019D}', b'N'), ('\u{019E}', b'n'),
    ('\u{019F}', b'O'), ('\u{01A1}', b'o'), ('\u{01A5}', b'p'), ('\u{01AB}', b't'),
    ('\u{01AD}', b't'), ('\u{01AE}', b'T'), ('\u{01B0}', b'u'), ('\u{01B2}', b'V'),
    ('\u{01B4}', b'y'), ('\u{01B6}', b'z'), ('\u{01CE}', b'a'), ('\u{01D0}', b'i'),
    ('\u{01D2}', b'o'), ('\u{01D4}', b'u'), ('\u{01DD}', b'e'), ('\u{01E5}', b'g'),
    ('\u{01E7}', b'g'), ('\u{01E9}', b'k'), ('\u{01EB}', b'o'), ('\u{01F0}', b'j'),
    ('\u{01F5}', b'g'), ('\u{01F9}', b'n'), ('\u{0201}', b'a'), ('\u{0203}', b'a'),
    ('\u{0205}', b'e'), ('\u{0207}', b'e'), ('\u{0209}', b'i'), ('\u{020B}', b'i'),
    ('\u{020D}', b'o'), ('\u{020F}', b'o'), ('\u{0211}', b'r'), ('\u{0213}', b'r'),
    ('\u{0215}', b'u'), ('\u{0217}', b'u'), ('\u{0219}', b's'), ('\u{021B}', b't'),
    ('\u{021F}', b'h'), ('\u{0220}', b'N'), ('\u{0221}', b'd'), ('\u{0225}', b'z'),
    ('\u{0227}', b'a'), ('\u{0229}', b'e'), ('\u{022F}', b'o'), ('\u{0233}', b'y'),
    ('\u{0234}', b'l'), ('\u{0235}', b'n'), ('\u{0236}', b't'), ('\u{0237}', b'j'),
    ('\u{023A}', b'A'), ('\u{023B}', b'C'), ('\u{023C}', b'c'), ('\u{023D}', b'L'),
    ('\u{023E}', b'T'), ('\u{023F}', b's'), ('\u{0240}', b'z'), ('\u{0243}', b'B'),
    ('\u{0244}', b'U'), ('\u{0245}', b'V'), ('\u{0246}', b'E'), ('\u{0247}', b'e'),
    ('\u{0248}', b'J'), ('\u{0249}', b'j'), ('\u{024A}', b'Q'), ('\u{024B}', b'q'),
    ('\u{024C}', b'R'), ('\u{024D}', b'r'), ('\u{024E}', b'Y'), ('\u{024F}', b'y'),
    ('\u{0250}', b'a'), ('\u{0251}', b'a'), ('\u{0253}', b'b'), ('\u{0254}', b'o'),
    ('\u{0255}', b'c'), ('\u{0256}', b'd'), ('\u{0257}', b'd'), ('\u{0258}', b'e'),
    ('\u{025B}', b'e'), ('\u{025C}', b'e'), ('\u{025D}', b'e'), ('\u{025E}', b'e'),
    ('\u{025F}', b'j'), ('\u{0260}', b'g'), ('\u{0261}', b'g'), ('\u{0262}', b'G'),
    ('\u{0265}', b'h'), ('\u{0266}', b'h'), ('\u{0268}', b'i'), ('\u{026A}', b'I'),
    ('\u{026B}', b'l'), ('\u{026C}', b'l'), ('\u{026D}', b'l'), ('\u{026F}', b'm'),
    ('\u{0270}', b'm'), ('\u{0271}', b'm'), ('\u{0272}', b'n'), ('\u{0273}', b'n'),
    ('\u{0274}', b'N'), ('\u{0275}', b'o'), ('\u{0279}', b'r'), ('\u{027A}', b'r'),
    ('\u{027B}', b'r'), ('\u{027C}', b'r'), ('\u{027D}', b'r'), ('\u{027E}', b'r'),
    ('\u{027F}', b'r'), ('\u{0280}', b'R'), ('\u{0281}', b'R'), ('\u{0282}', b's'),
    ('\u{0287}', b't'), ('\u{0288}', b't'), ('\u{0289}', b'u'), ('\u{028B}', b'v'),
    ('\u{028C}', b'v'), ('\u{028D}', b'w'), ('\u{028E}', b'y'), ('\u{028F}', b'Y'),
    ('\u{0290}', b'z'), ('\u{0291}', b'z'), ('\u{0297}', b'c'), ('\u{0299}', b'B'),
    ('\u{029A}', b'e'), ('\u{029B}', b'G'), ('\u{029C}', b'H'), ('\u{029D}', b'j'),
    ('\u{029E}', b'k'), ('\u{029F}', b'L'), ('\u{02A0}', b'q'), ('\u{02AE}', b'h'),
    ('\u{0363}', b'a'), ('\u{0364}', b'e'), ('\u{0365}', b'i'), ('\u{0366}', b'o'),
    ('\u{0367}', b'u'), ('\u{0368}', b'c'), ('\u{0369}', b'd'), ('\u{036A}', b'h'),
    ('\u{036B}', b'm'), ('\u{036C}', b'r'), ('\u{036D}', b't'), ('\u{036E}', b'v'),
    ('\u{036F}', b'x'), ('\u{1D00}', b'A'), ('\u{1D03}', b'B'), ('\u{1D04}', b'C'),
    ('\u{1D05}', b'D'), ('\u{1D07}', b'E'), ('\u{1D08}', b'e'), ('\u{1D09}', b'i'),
    ('\u{1D0A}', b'J'), ('\u{1D0B}', b'K'), ('\u{1D0C}', b'L'), ('\u{1D0D}', b'M'),
    ('\u{1D0E}', b'N'), ('\u{1D0F}', b'O'), ('\u{1D10}', b'O'), ('\u{1D11}', b'o'),
    ('\u{1D12}', b'o'), ('\u{1D13}', b'o'), ('\u{1D16}', b'o'), ('\u{1D17}', b'o'),
    ('\u{1D18}', b'P'), ('\u{1D19}', b'R'), ('\u{1D1A}', b'R'), ('\u{1D1B}', b'T'),
    ('\u{1D1C}', b'U'), ('\u{1D1D}', b'u'), ('\u{1D1E}', b'u'), ('\u{1D1F}', b'm'),
    ('\u{1D20}', b'V'), ('\u{1D21}', b'W'), ('\u{1D22}', b'Z'), ('\u{1D62}', b'i'),
    ('\u{1D63}', b'r'), ('\u{1D64}', b'u'), ('\u{1D65}', b'v'), ('\u{1E01}', b'a'),
    ('\u{1E03}', b'b'), ('\u{1E05}', b'b'), ('\u{1E07}', b'b'), ('\u{1E0B}', b'd'),
    ('\u{1E0D}', b'd'), ('\u{1E0F}', b'd'), ('\u{1E11}', b'd'), ('\u{1E13}', b'd'),
    ('\u{1E19}', b'e'), ('\u{1E1B}', b'e'), ('\u{1E1F}', b'f'), ('\u{1E21}', b'g'),
    ('\u{1E23}', b'h'), ('\u{1E25}', b'h'), ('\u{1E27}', b'h'), ('\u{1E29}', b'h'),
    ('\u{1E2B}', b'h'), ('\u{1E2D}', b'i'), ('\u{1E31}', b'k'), ('\u{1E33}', b'k'),
    ('\u{1E35}', b'k'), ('\u{1E37}', b'l'), ('\u{1E3B}', b'l'), ('\u{1E3D}', b'l'),
    ('\u{1E3F}', b'm'), ('\u{1E41}', b'm'), ('\u{1E43}', b'm'), ('\u{1E45}', b'n'),
    ('\u{1E47}', b'n'), ('\u{1E49}', b'n'), ('\u{1E4B}', b'n'), ('\u{1E55}', b'p'),
    ('\u{1E57}', b'p'), ('\u{1E59}', b'r'), ('\u{1E5B}', b'r'), ('\u{1E5F}', b'r'),
    ('\u{1E61}', b's'), ('\u{1E63}', b's'), ('\u{1E6B}', b't'), ('\u{1E6D}', b't'),
    ('\u{1E6F}', b't'), ('\u{1E71}', b't'), ('\u{1E73}', b'u'), ('\u{1E75}', b'u'),
    ('\u{1E77}', b'u'), ('\u{1E7D}', b'v'), ('\u{1E7F}', b'v'), ('\u{1E81}', b'w'),
    ('\u{1E83}', b'w'), ('\u{1E85}', b'w'), ('\u{1E87}', b'w'), ('\u{1E89}', b'w'),
    ('\u{1E8B}', b'x'), ('\u{1E8D}', b'x'), ('\u{1E8F}', b'y'), ('\u{1E91}', b'z'),
    ('\u{1E93}', b'z'), ('\u{1E95}', b'z'), ('\u{1E96}', b'h'), ('\u{1E97}', b't'),
    ('\u{1E98}', b'w'), ('\u{1E99}', b'y'), ('\u{1E9A}', b'a'), ('\u{1E9B}', b's'),
    ('\u{1EA1}', b'a'), ('\u{1EA3}', b'a'), ('\u{1EA4}', b'A'), ('\u{1EA5}', b'a'),
    ('\u{1EA6}', b'A'), ('\u{1EA7}', b'a'), ('\u{1EA8}', b'A'), ('\u{1EA9}', b'a'),
    ('\u{1EAA}', b'A'), ('\u{1EAB}', b'a'), ('\u{1EAC}', b'A'), ('\u{1EAD}', b'a'),
    ('\u{1EAE}', b'A'), ('\u{1EAF}', b'a'), ('\u{1EB0}', b'A'), ('\u{1EB1}', b'a'),
    ('\u{1EB2}', b'A'), ('\u{1EB3}', b'a'), ('\u{1EB4}', b'A'), ('\u{1EB5}', b'a'),
    ('\u{1EB6}', b'A'), ('\u{1EB7}', b'a'), ('\u{1EB9}', b'e'), ('\u{1EBB}', b'e'),
    ('\u{1EBD}', b'e'), ('\u{1EBE}', b'E'), ('\u{1EBF}', b'e'), ('\u{1EC0}', b'E'),
    ('\u{1EC1}', b'e'), ('\u{1EC2}', b'E'), ('\u{1EC3}', b'e'), ('\u{1EC4}', b'E'),
    ('\u{1EC5}', b'e'), ('\u{1EC6}', b'E'), ('\u{1EC7}', b'e'), ('\u{1EC9}', b'i'),
    ('\u{1ECB}', b'i'), ('\u{1ECD}', b'o'), ('\u{1ECF}', b'o'), ('\u{1ED0}', b'O'),
    ('\u{1ED1}', b'o'), ('\u{1ED2}', b'O'), ('\u{1ED3}', b'o'), ('\u{1ED4}', b'O'),
    ('\u{1ED5}', b'o'), ('\u{1ED6}', b'O'), ('\u{1ED7}', b'o'), ('\u{1ED8}', b'O'),
    ('\u{1ED9}', b'o'), ('\u{1EDA}', b'O'), ('\u{1EDB}', b'o'), ('\u{1EDC}', b'O'),
    ('\u{1EDD}', b'o'), ('\u{1EDE}', b'O'), ('\u{1EDF}', b'o'), ('\u{1EE0}', b'O'),
    ('\u{1EE1}', b'o'), ('\u{1EE2}', b'O'), ('\u{1EE3}', b'o'), ('\u{1EE5}', b'u'),
    ('\u{1EE7}', b'u'), ('\u{1EE8}', b'U'), ('\u{1EE9}', b'u'), ('\u{1EEA}', b'U'),
    ('\u{1EEB}', b'u'), ('\u{1EEC}', b'U'), ('\u{1EED}', b'u'), ('\u{1EEE}', b'U'),
    ('\u{1EEF}', b'u'), ('\u{1EF0}', b'U'), ('\u{1EF1}', b'u'), ('\u{1EF3}', b'y'),
    ('\u{1EF5}', b'y'), ('\u{1EF7}', b'y'), ('\u{1EF9}', b'y'), ('\u{2071}', b'i'),
    ('\u{2095}', b'h'), ('\u{2096}', b'k'), ('\u{2097}', b'l'), ('\u{2098}', b'm'),
    ('\u{2099}', b'n'), ('\u{209A}', b'p'), ('\u{209B}', b's'), ('\u{209C}', b't'),
    ('\u{2184}', b'c'),
];

/// The letter `c` reads as when accents are folded, or `None` when it is not in fzf's table.
pub fn base(c: char) -> Option<char> {
    if c < '\u{C0}' {
        return None;
    }
    TABLE
        .binary_search_by_key(&c, |&(accented, _)| accented)
        .ok()
        .map(|at| char::from(TABLE[at].1))
}

/// `text` with every character [`base`] folds folded: as many chars as `text`, each where it was.
pub fn fold_str(text: &str) -> Cow<'_, str> {
    if has_foldable(text) {
        text.chars().map(|c| base(c).unwrap_or(c)).collect()
    } else {
        text.into()
    }
}

/// Whether `text` holds a character that [`base`] folds: such a term is matched as typed, without
/// folding, as in fzf (`á` finds `á` and not `a`).
pub fn has_foldable(text: &str) -> bool {
    !text.is_ascii() && text.chars().any(|c| base(c).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_and_folds_to_ascii_letters() {
        assert!(TABLE.windows(2).all(|pair| pair[0].0 < pair[1].0));
        assert!(
            TABLE
                .iter()
                .all(|&(_, letter)| letter.is_ascii_alphabetic())
        );
    }

    #[test]
    fn asean_place_names_fold_as_in_fzf() {
        let folded =
            |text: &str| -> String { text.chars().map(|c| base(c).unwrap_or(c)).collect() };
        assert_eq!(folded("Tōkyō"), "Tokyo");
        assert_eq!(folded("Hà Nội"), "Ha Noi");
        assert_eq!(folded("Việt Nam"), "Viet Nam");
        assert_eq!(folded("đà Nẵng"), "da Nang");
        // Not every capital is listed: lowercased first, it folds.
        assert_eq!(base('Đ'), None);
        assert_eq!(base('日'), None);
        assert!(has_foldable("café"));
        assert!(!has_foldable("cafe 日本"));
    }
}
