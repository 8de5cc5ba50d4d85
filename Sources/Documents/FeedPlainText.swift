import Markup

/// Plain text from a string that may hold HTML markup (a feed's escaped description).
public enum HTMLText {
    /// Strips markup and normalises whitespace: tags go (block elements and `<br>` leave a
    /// space), `script` and `style` go with their content, comments go, character references
    /// (named HTML ones and numeric) are decoded. Text without `<` or `&` is only normalised.
    ///
    /// A single pass in Swift, without building a document: feeds call it once per item.
    public static func plainText(_ html: String) -> String {
        guard html.contains("<") || html.contains("&") else { return TextNormalizer.normalize(html) }
        var out = String.UnicodeScalarView()
        let scalars = Array(html.unicodeScalars)
        let n = scalars.count
        var i = 0
        func starts(_ text: String, at p: Int) -> Bool {
            var k = p
            for c in text.unicodeScalars {
                guard k < n, lower(scalars[k]) == c else { return false }
                k += 1
            }
            return true
        }
        func find(_ text: String, from p: Int) -> Int? {
            var k = p
            while k < n {
                if starts(text, at: k) { return k }
                k += 1
            }
            return nil
        }
        while i < n {
            let s = scalars[i]
            if s == "&" {
                let (decoded, length) = characterReference(scalars, at: i)
                out.append(contentsOf: decoded.unicodeScalars)
                i += length
                continue
            }
            guard s == "<", i + 1 < n else { out.append(s); i += 1; continue }
            let next = scalars[i + 1]
            if next == "!" {
                if starts("<!--", at: i) {
                    i = find("-->", from: i + 4).map { $0 + 3 } ?? n
                } else if starts("<![cdata[", at: i) {
                    let end = find("]]>", from: i + 9) ?? n
                    out.append(contentsOf: scalars[(i + 9)..<end])
                    i = min(n, end + 3)
                } else {
                    i = find(">", from: i).map { $0 + 1 } ?? n
                }
                continue
            }
            if next == "?" {
                i = find(">", from: i).map { $0 + 1 } ?? n
                continue
            }
            let closing = next == "/"
            let nameStart = closing ? i + 2 : i + 1
            guard nameStart < n, isLetter(scalars[nameStart]) else { out.append(s); i += 1; continue }
            var nameEnd = nameStart
            while nameEnd < n, isNameScalar(scalars[nameEnd]) { nameEnd += 1 }
            let name = String(String.UnicodeScalarView(scalars[nameStart..<nameEnd].map(lower)))
            // The end of the tag, skipping quoted attribute values.
            var p = nameEnd
            var quote: Unicode.Scalar?
            while p < n {
                let c = scalars[p]
                if let q = quote {
                    if c == q { quote = nil }
                } else if c == "\"" || c == "'" {
                    quote = c
                } else if c == ">" {
                    break
                }
                p += 1
            }
            i = min(n, p + 1)
            if !closing, name == "script" || name == "style" {
                i = find("</" + name, from: i).flatMap { end in find(">", from: end).map { $0 + 1 } } ?? n
                out.append(" ")
                continue
            }
            if !inlineTags.contains(name) || name == "br" { out.append(" ") }
        }
        return TextNormalizer.normalize(String(out))
    }

    /// Inline elements: they leave no space behind.
    static let inlineTags: Set<String> = [
        "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q", "s",
        "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr", "img", "font", "del", "ins", "big",
        "tt", "nobr", "acronym",
    ]

    private static func lower(_ s: Unicode.Scalar) -> Unicode.Scalar {
        (65...90).contains(s.value) ? Unicode.Scalar(s.value + 32)! : s
    }

    private static func isLetter(_ s: Unicode.Scalar) -> Bool {
        (65...90).contains(s.value) || (97...122).contains(s.value)
    }

    private static func isNameScalar(_ s: Unicode.Scalar) -> Bool {
        isLetter(s) || (48...57).contains(s.value) || s == "-" || s == ":" || s == "_"
    }

    /// The text a reference at `i` stands for and how many scalars it takes; a lone `&` is itself.
    static func characterReference(_ scalars: [Unicode.Scalar], at i: Int) -> (String, Int) {
        var j = i + 1
        let n = scalars.count
        if j < n, scalars[j] == "#" {
            j += 1
            var hex = false
            if j < n, scalars[j] == "x" || scalars[j] == "X" { hex = true; j += 1 }
            let start = j
            var value: UInt32 = 0
            while j < n, j - start < 8, let d = hexDigit(scalars[j]), hex || d < 10 {
                value = value * (hex ? 16 : 10) + d
                j += 1
            }
            guard j > start else { return ("&", 1) }
            if j < n, scalars[j] == ";" { j += 1 }
            if (0x80...0x9F).contains(value), let mapped = windows1252[Int(value - 0x80)] { value = mapped }
            let scalar = Unicode.Scalar(value).flatMap { $0.value == 0 ? nil : $0 } ?? "\u{FFFD}"
            return (String(Character(scalar)), j - i)
        }
        while j < n, j - i <= 32, isLetter(scalars[j]) || (48...57).contains(scalars[j].value) { j += 1 }
        guard j < n, scalars[j] == ";", j > i + 1 else { return ("&", 1) }
        let name = String(String.UnicodeScalarView(scalars[(i + 1)..<j]))
        switch name {
        case "amp": return ("&", j + 1 - i)
        case "lt": return ("<", j + 1 - i)
        case "gt": return (">", j + 1 - i)
        case "quot": return ("\"", j + 1 - i)
        case "apos": return ("'", j + 1 - i)
        default:
            guard let code = HTMLNamedEntities.codePoints[name], let scalar = Unicode.Scalar(code) else { return ("&", 1) }
            return (String(Character(scalar)), j + 1 - i)
        }
    }

    private static func hexDigit(_ s: Unicode.Scalar) -> UInt32? {
        switch s.value {
        case 48...57: s.value - 48
        case 65...70: s.value - 55
        case 97...102: s.value - 87
        default: nil
        }
    }

    private static let windows1252: [UInt32?] = [
        0x20AC, nil, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, nil, 0x017D, nil,
        nil, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, nil, 0x017E, 0x0178,
    ]
}
