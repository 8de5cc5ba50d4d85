import Foundation

/// Escaping and formatting for the HTML report: every piece of text from the documents goes
/// through ``HTMLText/escape(_:)`` before it is written, and numbers are written in one fixed
/// format, so the same report gives the same bytes.
enum HTMLText {
    /// `text` escaped for element content and double-quoted attribute values, in HTML and XML
    /// alike: `& < > " '` become references, and characters neither allows (C0 controls other
    /// than tab, line feed and carriage return; lone surrogates cannot occur in a Swift string;
    /// U+FFFE and U+FFFF) become U+FFFD.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `text` for a `title` attribute: escaped, with line breaks kept as `&#10;` so tooltips
    /// show them.
    static func attribute(_ text: String) -> String {
        escape(text).replacingOccurrences(of: "\r\n", with: "&#10;").replacingOccurrences(of: "\n", with: "&#10;").replacingOccurrences(of: "\r", with: "&#10;")
    }

    /// `url` when it is an absolute http or https URL (the only links the report makes to the
    /// outside), else `nil`: a `javascript:` or `data:` address from a page is shown, not linked.
    static func safeURL(_ url: String) -> String? {
        let trimmed = url.trimmingCharacters(in: .whitespacesAndNewlines)
        let lower = trimmed.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://"), trimmed.count > 8 else { return nil }
        guard !trimmed.unicodeScalars.contains(where: { $0.value < 0x21 || $0 == "\"" || $0 == "<" || $0 == ">" }) else { return nil }
        return trimmed
    }

    /// An id fragment that is the same for the same input and different for different inputs:
    /// ASCII letters and digits stay, `-` stays, everything else becomes `_` and its hex code.
    static func idPart(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-" {
                out.unicodeScalars.append(scalar)
            } else {
                out += "_" + String(scalar.value, radix: 16) + "_"
            }
        }
        return out
    }

    /// An element id from parts: `id("cell", "thematic", "business", "blekinge")` →
    /// `cell--thematic--business--blekinge`.
    static func id(_ parts: String...) -> String {
        parts.map(idPart).joined(separator: "--")
    }

    /// "12 %" (the Markdown report's form, with a no-break space).
    static func percent(_ share: Double) -> String {
        String(format: "%.0f\u{00A0}%%", share * 100)
    }

    /// "0.62".
    static func score(_ value: Double) -> String {
        String(format: "%.2f", value)
    }

    /// A coordinate or length for SVG, with at most one decimal: "12", "12.5".
    static func number(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        return tenths.truncatingRemainder(dividingBy: 10) == 0 ? String(Int(tenths / 10)) : String(format: "%.1f", tenths / 10)
    }

    /// `text` cut to `limit` characters at a word boundary, with "…".
    static func shortened(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        let cut = text.prefix(limit - 1)
        let boundary = cut.lastIndex(of: " ").flatMap { cut.distance(from: cut.startIndex, to: $0) > limit / 2 ? $0 : nil } ?? cut.endIndex
        return String(cut[..<boundary]) + "…"
    }

    /// `text` in lines of at most `width` characters, broken at spaces (a longer word is cut),
    /// at most `maxLines` of them, the last one shortened with "…" if text is left over.
    static func wrap(_ text: String, width: Int, maxLines: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        if lines.count > maxLines {
            lines = Array(lines.prefix(maxLines))
            lines[maxLines - 1] += " …"
        }
        return lines.map { $0.count > width ? shortened($0, to: width) : $0 }
    }
}
