import Testing
@testable import Documents

@Suite("Addresses inside HTML content resolved against a base")
struct FeedURILinksTests {
    let base = "http://example.test/feeds/news/"

    @Test func relativeAddressesAreResolvedAndTheRestIsKept() {
        let html = #"<p class=x>See <a href="../a.html?x=1&amp;y=2">this</a>, <IMG SRC='b c.png' alt="b.png"> and <a href=http://other.test/>that</a>.</p><!-- <a href="c.html"> -->"#
        let expected = #"<p class=x>See <a href="http://example.test/feeds/a.html?x=1&amp;y=2">this</a>, <IMG SRC='http://example.test/feeds/news/b%20c.png' alt="b.png"> and <a href=http://other.test/>that</a>.</p><!-- <a href="c.html"> -->"#
        #expect(FeedURI.resolveLinks(inHTML: html, base: base) == expected)
        #expect(ReferenceLinks.resolve(html, base: base) == expected)
    }

    @Test func contentWithoutRelativeAddressesIsReturnedAsItIs() {
        for html in ["<p>Ingen länk här</p>", #"<a href="http://example.test/x">x</a>"#, "text < and > text", "no tags at all"] {
            #expect(FeedURI.resolveLinks(inHTML: html, base: base) == html)
        }
        #expect(FeedURI.resolveLinks(inHTML: #"<a href="x.html">"#, base: nil) == #"<a href="x.html">"#)
        #expect(FeedURI.resolveLinks(inHTML: #"<a href="x.html">"#, base: "") == #"<a href="x.html">"#)
    }

    @Test func attributeNamesAreMatchedAsTheStringRuleMatchesThem() {
        let yes = ["href", "HREF", "xlink:href", "a:b:Src", "href:", "data", "BACKGROUND", "bac\u{212A}ground", "x:\u{212A}:cite"]
        let no = ["hre", "hrefs", "::", "", "x-href", "alt", "\u{212A}", "hre\u{301}f"]
        for name in yes + no {
            let bytes = Array(name.utf8)
            let lowered = name.lowercased()
            let rule = FeedURI.uriAttributes.contains(lowered.split(separator: ":").last.map(String.init) ?? lowered)
            #expect(bytes.withUnsafeBufferPointer { FeedURI.isAddressAttribute($0) } == rule, "\(name)")
            #expect(rule == yes.contains(name), "\(name)")
        }
    }

    /// Random HTML: tags with attributes written every way the scan tells apart, text,
    /// comments and stray pieces, against the rule as it was first written
    /// (``ReferenceLinks``): the same bytes out, every time.
    @Test func randomContentMatchesTheReference() {
        let tags = ["a", "IMG", "p", "x:link", "a\nb"]
        let names = ["href", "HREF", "src", "xlink:href", "href:", "bac\u{212A}ground", "alt", "data-x", "::", "Cite"]
        let equals = ["=", " = ", "=\n", " "]
        let quotes = ["\"", "'", ""]
        let values = ["x.html", "../y", "/z?q=1", "http://abs.test/p", "a&amp;b", "&#47;c", "&quot;q", "a b", "å.html", "", "#frag", "mailto:x@y.test", "x'y\"z"]
        let ends = [">", "/>", "", " >"]
        let stray = ["<", "<!", "text ", " & ", "å", ">", "<!--", "-->", "=", "\"", "'", "/"]
        var generator = SplitMix64(seed: 0x5EED_2026)
        func pick(_ list: [String]) -> String { list[Int(generator.next() % UInt64(list.count))] }
        var changed = 0
        for round in 0..<3_000 {
            var html = ""
            for _ in 0..<(Int(generator.next() % 6) + 1) {
                switch generator.next() % 10 {
                case 0...4:
                    html += "<" + pick(tags)
                    for _ in 0..<Int(generator.next() % 4) {
                        let quote = pick(quotes)
                        let closing = generator.next() % 10 == 0 ? "" : quote
                        html += " " + pick(names) + pick(equals) + quote + pick(values) + closing
                    }
                    html += pick(ends)
                case 5, 6: html += pick(["Text ", "Sjö och å ", "a < b ", "\n"])
                case 7: html += "<!--" + pick(values) + pick(["-->", "--", ""])
                default: html += pick(stray)
                }
            }
            for base in [base, "http://h.test", "urn:x"] {
                let resolved = FeedURI.resolveLinks(inHTML: html, base: base)
                #expect(resolved == ReferenceLinks.resolve(html, base: base), "round \(round): \(html)")
                if resolved != html { changed += 1 }
            }
        }
        // Not a vacuous comparison: many contents change, many do not.
        #expect(changed > 2_000 && changed < 8_000, "\(changed) of 9,000 changed")
    }
}

/// A small deterministic generator for the random test.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The rule for addresses inside HTML as first written, byte by byte with a string per
/// attribute name: what ``FeedURI/resolveLinks(inHTML:base:)`` is held against.
enum ReferenceLinks {
    static func resolve(_ html: String, base: String?) -> String {
        guard let base, !base.isEmpty, html.feedContains(ascii: "<") else { return html }
        let bytes = Array(html.utf8)
        let n = bytes.count
        var out: [UInt8] = []
        var i = 0
        var changed = false
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C }
        func isLetter(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }
        while i < n {
            let b = bytes[i]
            guard b == UInt8(ascii: "<") else { out.append(b); i += 1; continue }
            if i + 3 < n, bytes[i + 1] == UInt8(ascii: "!"), bytes[i + 2] == UInt8(ascii: "-"), bytes[i + 3] == UInt8(ascii: "-") {
                var j = i + 4
                while j + 2 < n, !(bytes[j] == UInt8(ascii: "-") && bytes[j + 1] == UInt8(ascii: "-") && bytes[j + 2] == UInt8(ascii: ">")) { j += 1 }
                let end = min(n, j + 3)
                out.append(contentsOf: bytes[i..<end])
                i = end
                continue
            }
            guard i + 1 < n, isLetter(bytes[i + 1]) else { out.append(b); i += 1; continue }
            var j = i + 1
            while j < n, !isSpace(bytes[j]), bytes[j] != UInt8(ascii: ">"), bytes[j] != UInt8(ascii: "/") { j += 1 }
            out.append(contentsOf: bytes[i..<j])
            while j < n, bytes[j] != UInt8(ascii: ">") {
                if isSpace(bytes[j]) || bytes[j] == UInt8(ascii: "/") { out.append(bytes[j]); j += 1; continue }
                let nameStart = j
                while j < n, !isSpace(bytes[j]), bytes[j] != UInt8(ascii: "="), bytes[j] != UInt8(ascii: ">"), bytes[j] != UInt8(ascii: "/") { j += 1 }
                let name = String(decoding: bytes[nameStart..<j], as: UTF8.self).lowercased()
                out.append(contentsOf: bytes[nameStart..<j])
                var k = j
                while k < n, isSpace(bytes[k]) { k += 1 }
                guard k < n, bytes[k] == UInt8(ascii: "=") else { continue }
                out.append(contentsOf: bytes[j...k])
                k += 1
                while k < n, isSpace(bytes[k]) { out.append(bytes[k]); k += 1 }
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
                let localName = name.split(separator: ":").last.map(String.init) ?? name
                let raw = String(decoding: bytes[valueStart..<valueEnd], as: UTF8.self)
                if FeedURI.uriAttributes.contains(localName) {
                    let value = FeedURI.decodeCharacterReferences(raw)
                    let resolved = FeedURI.resolve(value, against: base)
                    if resolved != value.feedTrimmed {
                        let q: UInt8 = quote == UInt8(ascii: "'") ? quote : UInt8(ascii: "\"")
                        let amp = resolved.feedReplacing(ascii: "&", with: "&amp;")
                        let escaped = q == UInt8(ascii: "'") ? amp.feedReplacing(ascii: "'", with: "&#39;") : amp.feedReplacing(ascii: "\"", with: "&quot;")
                        out.append(q)
                        out.append(contentsOf: Array(escaped.utf8))
                        out.append(q)
                        changed = true
                        j = after
                        continue
                    }
                }
                out.append(contentsOf: bytes[k..<after])
                j = after
            }
            i = j
        }
        return changed ? String(decoding: out, as: UTF8.self) : html
    }
}
