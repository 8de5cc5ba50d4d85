import Foundation
import Markup

/// Relative references in feeds, resolved as RFC 3986 §5.2 says, on the text itself: an IRI
/// keeps its non-ASCII characters (`http://any.test/À`), an absolute one is returned exactly as
/// written (no case or percent-encoding normalisation, so ids compare as published).
enum FeedURI {
    /// `reference` resolved against `base`; `reference` itself when it is absolute or there is no
    /// base. Spaces inside are percent-encoded; surrounding whitespace is removed.
    static func resolve(_ reference: String, against base: String?) -> String {
        let trimmed = reference.feedTrimmed.feedReplacing(ascii: " ", with: "%20")
        guard let base, !base.isEmpty, scheme(of: trimmed) == nil else { return trimmed }
        guard let b = Parts(base), b.scheme != nil else { return trimmed }
        let r = Parts(trimmed) ?? Parts(scheme: nil, authority: nil, path: trimmed, query: nil, fragment: nil)
        var t = Parts(scheme: nil, authority: nil, path: "", query: nil, fragment: r.fragment)
        if r.authority != nil {
            t.authority = r.authority
            t.path = removeDotSegments(r.path)
            t.query = r.query
        } else if r.path.isEmpty {
            t.authority = b.authority
            t.path = b.path
            t.query = r.query ?? b.query
        } else {
            t.authority = b.authority
            if r.path.hasPrefix("/") {
                t.path = removeDotSegments(r.path)
            } else {
                let merged: String
                if b.authority != nil, b.path.isEmpty {
                    merged = "/" + r.path
                } else if let slash = b.path.lastIndex(of: "/") {
                    merged = b.path[...slash] + r.path
                } else {
                    merged = r.path
                }
                t.path = removeDotSegments(merged)
            }
            t.query = r.query
        }
        t.scheme = b.scheme
        return t.text
    }

    /// The link to use for an address a feed gives: resolved, or `nil` when it is empty or a
    /// `javascript:` link.
    static func link(_ reference: String?, against base: String?) -> String? {
        guard let reference else { return nil }
        let resolved = resolve(reference, against: base)
        guard !resolved.isEmpty, !resolved.utf8.prefix(11).feedEqualsIgnoringASCIICase("javascript:") else { return nil }
        return resolved
    }

    /// The scheme, if `text` starts with one (`http:`, `urn:`, `tag:`): ASCII letters, then
    /// letters, digits, `+`, `-` or `.`, then a colon.
    static func scheme(of text: some StringProtocol) -> String? {
        var length = 0
        for c in text.utf8 {
            if c == 0x3A { break }
            let letter = (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
            guard letter || (length > 0 && ((c >= 0x30 && c <= 0x39) || c == 0x2B || c == 0x2D || c == 0x2E)) else { return nil }
            length += 1
        }
        guard length > 0, length < text.utf8.count else { return nil }
        return String(decoding: text.utf8.prefix(length), as: UTF8.self)
    }

    struct Parts: Equatable {
        var scheme: String?
        var authority: String?
        var path: String
        var query: String?
        var fragment: String?

        init(scheme: String?, authority: String?, path: String, query: String?, fragment: String?) {
            self.scheme = scheme
            self.authority = authority
            self.path = path
            self.query = query
            self.fragment = fragment
        }

        init?(_ text: String) {
            if text.utf8.allSatisfy({ $0 < 0x80 }) { self.init(ascii: text) } else { self.init(characters: text) }
        }

        /// The parts of a reference, found by characters: the rule, for any text.
        init(characters text: String) {
            var rest = Substring(text)
            if let hash = rest.firstIndex(of: "#") {
                fragment = String(rest[rest.index(after: hash)...])
                rest = rest[..<hash]
            }
            if let question = rest.firstIndex(of: "?") {
                query = String(rest[rest.index(after: question)...])
                rest = rest[..<question]
            }
            if let s = FeedURI.scheme(of: String(rest)) {
                scheme = s
                rest = rest.dropFirst(s.count + 1)
            }
            if rest.hasPrefix("//") {
                rest = rest.dropFirst(2)
                let end = rest.firstIndex(of: "/") ?? rest.endIndex
                authority = String(rest[..<end])
                rest = rest[end...]
            }
            path = String(rest)
        }

        /// The parts of an ASCII reference, found by bytes: in ASCII every byte is a character
        /// (but CR LF, which holds none of the separators), so the same parts as by characters.
        init(ascii text: String) {
            var rest = Substring(text)
            if let hash = rest.utf8.firstIndex(of: UInt8(ascii: "#")) {
                fragment = String(rest[rest.utf8.index(after: hash)...])
                rest = rest[..<hash]
            }
            if let question = rest.utf8.firstIndex(of: UInt8(ascii: "?")) {
                query = String(rest[rest.utf8.index(after: question)...])
                rest = rest[..<question]
            }
            if let s = FeedURI.scheme(of: rest) {
                scheme = s
                rest = rest[rest.utf8.index(rest.startIndex, offsetBy: s.utf8.count + 1)...]
            }
            if rest.utf8.starts(with: "//".utf8) {
                rest = rest[rest.utf8.index(rest.startIndex, offsetBy: 2)...]
                let end = rest.utf8.firstIndex(of: UInt8(ascii: "/")) ?? rest.endIndex
                authority = String(rest[..<end])
                rest = rest[end...]
            }
            path = String(rest)
        }

        var text: String {
            var s = ""
            if let scheme { s += scheme + ":" }
            if let authority { s += "//" + authority }
            s += path
            if let query { s += "?" + query }
            if let fragment { s += "#" + fragment }
            return s
        }
    }

    /// RFC 3986 §5.2.4.
    static func removeDotSegments(_ path: String) -> String {
        guard path.feedContains(ascii: ".") else { return path }
        return path.utf8.allSatisfy({ $0 < 0x80 }) ? removeDotSegments(ascii: Array(path.utf8)) : removeDotSegments(characters: path)
    }

    /// ``removeDotSegments(_:)`` by characters: the rule, for any text.
    static func removeDotSegments(characters path: String) -> String {
        var input = Substring(path)
        var output: [Substring] = []
        var result = ""
        while !input.isEmpty {
            if input.hasPrefix("../") { input = input.dropFirst(3) }
            else if input.hasPrefix("./") { input = input.dropFirst(2) }
            else if input.hasPrefix("/./") { input = input.dropFirst(2) }
            else if input == "/." { input = "/" }
            else if input.hasPrefix("/../") {
                input = input.dropFirst(3)
                if !output.isEmpty { output.removeLast() }
            } else if input == "/.." {
                input = "/"
                if !output.isEmpty { output.removeLast() }
            } else if input == "." || input == ".." {
                input = ""
            } else {
                let start = input.startIndex
                let searchFrom = input.hasPrefix("/") ? input.index(after: start) : start
                let end = input[searchFrom...].firstIndex(of: "/") ?? input.endIndex
                output.append(input[start..<end])
                input = input[end...]
            }
        }
        for segment in output { result += segment }
        return result
    }

    /// ``removeDotSegments(_:)`` on an ASCII path's bytes (in ASCII a byte is a character, but
    /// CR LF, which holds neither `.` nor `/`): the same steps, the segments kept as ranges of
    /// the input.
    static func removeDotSegments(ascii input: [UInt8]) -> String {
        let dot = UInt8(ascii: "."), slash = UInt8(ascii: "/")
        let n = input.count
        var output: [Range<Int>] = []
        var i = 0
        func restIs(_ bytes: [UInt8]) -> Bool { n - i == bytes.count && input[i...].elementsEqual(bytes) }
        func restStarts(_ bytes: [UInt8]) -> Bool { n - i >= bytes.count && input[i..<(i + bytes.count)].elementsEqual(bytes) }
        while i < n {
            if restStarts([dot, dot, slash]) {
                i += 3
            } else if restStarts([dot, slash]) {
                i += 2
            } else if restStarts([slash, dot, slash]) {
                i += 2
            } else if restIs([slash, dot]) {
                // The input becomes "/", which is then moved to the output: the slash it has.
                output.append(i..<(i + 1))
                i = n
            } else if restStarts([slash, dot, dot, slash]) {
                i += 3
                if !output.isEmpty { output.removeLast() }
            } else if restIs([slash, dot, dot]) {
                if !output.isEmpty { output.removeLast() }
                output.append(i..<(i + 1))
                i = n
            } else if restIs([dot]) || restIs([dot, dot]) {
                i = n
            } else {
                var end = input[i] == slash ? i + 1 : i
                while end < n, input[end] != slash { end += 1 }
                output.append(i..<end)
                i = end
            }
        }
        var result: [UInt8] = []
        result.reserveCapacity(n)
        for segment in output { result.append(contentsOf: input[segment]) }
        return String(decoding: result, as: UTF8.self)
    }

    // MARK: Links inside HTML

    /// Attributes whose values are addresses (feedparser's list, by attribute name).
    static let uriAttributes: Set<String> = Set(uriAttributeNames.map(\.description))
    /// ``uriAttributes`` as written, for comparing bytes with them.
    private static let uriAttributeNames: [StaticString] = [
        "href", "src", "cite", "action", "background", "longdesc", "usemap", "codebase", "classid", "data", "poster", "profile",
    ]

    /// `html` with relative addresses in link attributes (`href`, `src`, …) resolved against
    /// `base`. Everything else is kept byte for byte.
    static func resolveLinks(inHTML html: String, base: String?) -> String {
        guard let base, !base.isEmpty, html.feedContains(ascii: "<") else { return html }
        var html = html
        return html.withUTF8 { resolvedLinks(in: $0, base: base) } ?? html
    }

    /// ``resolveLinks(inHTML:base:)`` on the UTF-8 bytes: `nil` when no address changes. The
    /// bytes are walked tag by tag and copied out only up to each value that changes (most
    /// content has no relative address), and an attribute's name is compared as bytes; only an
    /// address's value becomes a string.
    private static func resolvedLinks(in bytes: UnsafeBufferPointer<UInt8>, base: String) -> String? {
        let n = bytes.count
        var out: [UInt8] = []
        var copied = 0
        var changed = false
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C }
        func isLetter(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }
        var i = 0
        while i < n {
            guard let lt = nextLessThan(in: bytes, from: i) else { break }
            i = lt
            if i + 3 < n, bytes[i + 1] == UInt8(ascii: "!"), bytes[i + 2] == UInt8(ascii: "-"), bytes[i + 3] == UInt8(ascii: "-") {
                // A comment, kept as it is, to its end (or the end of the text).
                var j = i + 4
                while j + 2 < n, !(bytes[j] == UInt8(ascii: "-") && bytes[j + 1] == UInt8(ascii: "-") && bytes[j + 2] == UInt8(ascii: ">")) { j += 1 }
                i = min(n, j + 3)
                continue
            }
            guard i + 1 < n, isLetter(bytes[i + 1]) else { i += 1; continue }
            // A start tag: past its name, then through its attributes up to `>`.
            var j = i + 1
            while j < n, !isSpace(bytes[j]), bytes[j] != UInt8(ascii: ">"), bytes[j] != UInt8(ascii: "/") { j += 1 }
            while j < n, bytes[j] != UInt8(ascii: ">") {
                if isSpace(bytes[j]) || bytes[j] == UInt8(ascii: "/") { j += 1; continue }
                let nameStart = j
                while j < n, !isSpace(bytes[j]), bytes[j] != UInt8(ascii: "="), bytes[j] != UInt8(ascii: ">"), bytes[j] != UInt8(ascii: "/") { j += 1 }
                let nameEnd = j
                var k = j
                while k < n, isSpace(bytes[k]) { k += 1 }
                guard k < n, bytes[k] == UInt8(ascii: "=") else { continue }
                k += 1
                while k < n, isSpace(bytes[k]) { k += 1 }
                guard k < n else { j = k; break }
                let quote = bytes[k]
                let valueStart: Int, valueEnd: Int, after: Int
                if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                    valueStart = k + 1
                    var e = valueStart
                    while e < n, bytes[e] != quote { e += 1 }
                    valueEnd = e
                    after = min(n, e + 1)
                } else {
                    valueStart = k
                    var e = k
                    while e < n, !isSpace(bytes[e]), bytes[e] != UInt8(ascii: ">") { e += 1 }
                    valueEnd = e
                    after = e
                }
                j = after
                guard isAddressAttribute(UnsafeBufferPointer(rebasing: bytes[nameStart..<nameEnd])) else { continue }
                let value = decodeCharacterReferences(String(decoding: UnsafeBufferPointer(rebasing: bytes[valueStart..<valueEnd]), as: UTF8.self))
                let resolved = resolve(value, against: base)
                guard resolved != value.feedTrimmed else { continue }
                // The value, with its quotes, replaced by the address resolved (double quotes
                // unless it had single ones).
                if out.isEmpty { out.reserveCapacity(n + 64) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<k]))
                let q: UInt8 = quote == UInt8(ascii: "'") ? quote : UInt8(ascii: "\"")
                out.append(q)
                out.append(contentsOf: escapeAttribute(resolved, quote: q).utf8)
                out.append(q)
                copied = after
                changed = true
            }
            i = j
        }
        guard changed else { return nil }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<n]))
        return String(decodingUTF8: out)
    }

    /// Where the next `<` is at or after `start`.
    private static func nextLessThan(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < bytes.count, let base = bytes.baseAddress,
              let hit = memchr(base + start, Int32(UInt8(ascii: "<")), bytes.count - start) else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// Whether an attribute so named holds an address (``uriAttributes``): its name lowercased,
    /// after the last colon (the last non-empty part between colons, as `split(separator:)`
    /// gives it). Compared as ASCII bytes; a name with other bytes goes through `String`, where
    /// lowercasing may make ASCII of them (the Kelvin sign becomes `k`).
    static func isAddressAttribute(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        guard name.allSatisfy({ $0 < 0x80 }) else {
            let lowered = String(decoding: name, as: UTF8.self).lowercased()
            return uriAttributes.contains(lowered.split(separator: ":").last.map(String.init) ?? lowered)
        }
        var end = name.count
        while end > 0, name[end - 1] == UInt8(ascii: ":") { end -= 1 }
        var start = end
        while start > 0, name[start - 1] != UInt8(ascii: ":") { start -= 1 }
        // Only colons (or nothing): the whole name, as `split` gives no part.
        let part = end == 0 ? name : UnsafeBufferPointer(rebasing: name[start..<end])
        return uriAttributeNames.contains { part.feedEqualsIgnoringASCIICase($0) }
    }

    private static func escapeAttribute(_ value: String, quote: UInt8) -> String {
        let s = value.feedReplacing(ascii: "&", with: "&amp;")
        return quote == UInt8(ascii: "'") ? s.feedReplacing(ascii: "'", with: "&#39;") : s.feedReplacing(ascii: "\"", with: "&quot;")
    }

    /// Decodes `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;` and numeric references; other names stay.
    static func decodeCharacterReferences(_ text: String) -> String {
        guard text.feedContains(ascii: "&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            guard let semi = after.prefix(12).firstIndex(of: ";") else {
                out += "&"
                rest = after
                continue
            }
            let name = after[..<semi]
            var replacement: String?
            switch name {
            case "amp": replacement = "&"
            case "lt": replacement = "<"
            case "gt": replacement = ">"
            case "quot": replacement = "\""
            case "apos": replacement = "'"
            default:
                if name.hasPrefix("#x") || name.hasPrefix("#X"), let v = UInt32(name.dropFirst(2), radix: 16), let s = Unicode.Scalar(v) {
                    replacement = String(Character(s))
                } else if name.hasPrefix("#"), let v = UInt32(name.dropFirst()), let s = Unicode.Scalar(v) {
                    replacement = String(Character(s))
                }
            }
            if let replacement {
                out += replacement
                rest = after[after.index(after: semi)...]
            } else {
                out += "&"
                rest = after
            }
        }
        out += rest
        return out
    }
}
