import Testing
@testable import Documents

@Suite("References resolved against a base (RFC 3986 §5.2)")
struct FeedURIResolveTests {
    @Test func rfc3986ExamplesResolve() {
        // RFC 3986 §5.4.1 and §5.4.2, base http://a/b/c/d;p?q.
        let base = "http://a/b/c/d;p?q"
        let examples: [(String, String)] = [
            ("g:h", "g:h"), ("g", "http://a/b/c/g"), ("./g", "http://a/b/c/g"), ("g/", "http://a/b/c/g/"), ("/g", "http://a/g"),
            ("//g", "http://g"), ("?y", "http://a/b/c/d;p?y"), ("g?y", "http://a/b/c/g?y"), ("#s", "http://a/b/c/d;p?q#s"),
            ("g#s", "http://a/b/c/g#s"), ("g?y#s", "http://a/b/c/g?y#s"), (";x", "http://a/b/c/;x"), ("g;x", "http://a/b/c/g;x"),
            ("", "http://a/b/c/d;p?q"), (".", "http://a/b/c/"), ("./", "http://a/b/c/"), ("..", "http://a/b/"), ("../", "http://a/b/"),
            ("../g", "http://a/b/g"), ("../..", "http://a/"), ("../../", "http://a/"), ("../../g", "http://a/g"),
            ("../../../g", "http://a/g"), ("../../../../g", "http://a/g"), ("/./g", "http://a/g"), ("/../g", "http://a/g"),
            ("g.", "http://a/b/c/g."), (".g", "http://a/b/c/.g"), ("g..", "http://a/b/c/g.."), ("..g", "http://a/b/c/..g"),
            ("./../g", "http://a/b/g"), ("./g/.", "http://a/b/c/g/"), ("g/./h", "http://a/b/c/g/h"), ("g/../h", "http://a/b/c/h"),
            ("g;x=1/./y", "http://a/b/c/g;x=1/y"), ("g;x=1/../y", "http://a/b/c/y"), ("g?y/./x", "http://a/b/c/g?y/./x"),
            ("g?y/../x", "http://a/b/c/g?y/../x"), ("g#s/./x", "http://a/b/c/g#s/./x"), ("g#s/../x", "http://a/b/c/g#s/../x"),
        ]
        for (reference, expected) in examples {
            #expect(FeedURI.resolve(reference, against: base) == expected, "\(reference)")
        }
    }

    /// Random references and bases made of the pieces the rules tell apart, ASCII and not,
    /// against the rules as first written (by characters, ``ReferenceURI``).
    @Test func randomReferencesResolveAsTheReference() {
        let pieces = ["http:", "//", "/", ".", "..", "./", "../", "/./", "/../", "/.", "/..", "a", "b.c", "?", "#", "q=1", "x:y", " ", "%20", "é", "\u{301}", "\r\n", "å/", "C:"]
        var generator = SplitMix64(seed: 0x0052_4653_3938_3600)
        func random() -> String {
            var text = ""
            for _ in 0..<(Int(generator.next() % 8) + 1) { text += pieces[Int(generator.next() % UInt64(pieces.count))] }
            return text
        }
        var resolved = 0
        for round in 0..<4_000 {
            let reference = random()
            let base = generator.next() % 4 == 0 ? random() : "http://h.test/a/b/" + random()
            let ours = FeedURI.resolve(reference, against: base)
            #expect(ours == ReferenceURI.resolve(reference, against: base), "round \(round): \(reference.debugDescription) against \(base.debugDescription)")
            #expect(FeedURI.removeDotSegments(reference) == ReferenceURI.removeDotSegments(reference), "\(reference.debugDescription)")
            if ours != reference.feedTrimmed { resolved += 1 }
        }
        #expect(resolved > 1_000)
    }
}

/// ``FeedURI/resolve(_:against:)`` as first written, by characters throughout: what the byte
/// paths for ASCII text are held against.
enum ReferenceURI {
    static func resolve(_ reference: String, against base: String?) -> String {
        let trimmed = reference.feedTrimmed.feedReplacing(ascii: " ", with: "%20")
        guard let base, !base.isEmpty, FeedURI.scheme(of: trimmed) == nil else { return trimmed }
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

    struct Parts {
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

    static func removeDotSegments(_ path: String) -> String {
        guard path.feedContains(ascii: ".") else { return path }
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
}
