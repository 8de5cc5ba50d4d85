import Foundation

/// Text helpers for matching Swedish words.
public enum Text {
    /// Lowercased, whitespace-normalised text for case-insensitive matching. Swedish letters
    /// are kept: "mål" and "mal" are different words.
    public static func fold(_ text: String) -> String {
        var out = ""
        var space = false
        for ch in text.lowercased() {
            if ch.isWhitespace || ch == "\u{AD}" {
                space = !out.isEmpty
            } else {
                if space { out.append(" ") }
                space = false
                out.append(ch)
            }
        }
        return out
    }

    /// Whether `text` contains `word` as a whole word or word prefix (case-insensitive):
    /// `"Mål och delmål"` contains `"mål"` and `"delmål"`; `"Remisstid"` contains `"remiss"`.
    public static func containsWord(_ text: String, _ word: String) -> Bool {
        let haystack = fold(text)
        let needle = fold(word)
        guard !needle.isEmpty else { return false }
        var searchStart = haystack.startIndex
        while let range = haystack.range(of: needle, range: searchStart..<haystack.endIndex) {
            if range.lowerBound == haystack.startIndex || !haystack[haystack.index(before: range.lowerBound)].isLetter {
                return true
            }
            searchStart = haystack.index(after: range.lowerBound)
        }
        return false
    }

    /// The sentences of a paragraph (split after `.`, `!` or `?` followed by a space and an
    /// upper-case letter or digit).
    public static func sentences(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        let chars = Array(text)
        for (i, ch) in chars.enumerated() {
            current.append(ch)
            if ".!?".contains(ch), i + 2 < chars.count, chars[i + 1] == " ", chars[i + 2].isUppercase || chars[i + 2].isNumber || chars[i + 2] == "”" {
                // Don't split after abbreviations ("t.ex.", "skr.") or an initial ("A.").
                let word = (current.split(separator: " ").last ?? "").lowercased()
                if !abbreviations.contains(word), word.count > 2 {
                    result.append(current.trimmingCharacters(in: .whitespaces))
                    current = ""
                }
            }
        }
        let last = current.trimmingCharacters(in: .whitespaces)
        if !last.isEmpty { result.append(last) }
        return result
    }

    static let abbreviations: Set<String> = [
        "t.ex.", "bl.a.", "skr.", "dvs.", "d.v.s.", "m.m.", "s.k.", "ca.", "nr.", "kap.", "jfr.", "prop.", "resp.", "inkl.", "exkl.",
    ]

    /// Removes wrapping quotes (” " « » ') and a trailing full stop.
    public static func unquote(_ text: String) -> String {
        var s = text.trimmingCharacters(in: .whitespaces)
        if s.hasSuffix(".") { s.removeLast() }
        let quotes: Set<Character> = ["”", "“", "\"", "«", "»", "'", "’", "‘"]
        while let f = s.first, quotes.contains(f) { s.removeFirst() }
        while let l = s.last, quotes.contains(l) { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s.trimmingCharacters(in: .whitespaces)
    }
}
