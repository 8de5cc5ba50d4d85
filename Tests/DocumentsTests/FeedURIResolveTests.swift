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

    /// The parts and the dot segments of ASCII references are found by bytes: held against the
    /// rule by characters (what any other text goes through) on random references made of the
    /// pieces the rules tell apart, CR LF among them.
    @Test func asciiReferencesSplitAsByCharacters() {
        let pieces = ["http:", "//", "/", ".", "..", "./", "../", "/./", "/../", "/.", "/..", "a", "b.c", "?", "#", "q=1", "x:y", " ", "%20", "\r\n", "C:", "-+."]
        var generator = SplitMix64(seed: 0x0052_4653_3938_3600)
        var withQueryOrFragment = 0
        for _ in 0..<5_000 {
            var text = ""
            for _ in 0..<(Int(generator.next() % 8) + 1) { text += pieces[Int(generator.next() % UInt64(pieces.count))] }
            let byBytes = FeedURI.Parts(ascii: text)
            #expect(byBytes == FeedURI.Parts(characters: text), "\(text.debugDescription)")
            #expect(FeedURI.removeDotSegments(ascii: Array(text.utf8)) == FeedURI.removeDotSegments(characters: text), "\(text.debugDescription)")
            if byBytes.query != nil || byBytes.fragment != nil { withQueryOrFragment += 1 }
        }
        #expect(withQueryOrFragment > 1_000)
        // Text with other characters goes by characters: a combining mark on a separator makes
        // it no separator.
        #expect(FeedURI.Parts("a#\u{301}b")?.fragment == nil)
        #expect(FeedURI.Parts("a#b")?.fragment == "b")
    }
}
