/// The hostile corpus of issue 5, made at run time (nothing big is committed): entity bombs,
/// external entities and DTDs, XInclude, deep nesting, unclosed tags, huge tags and texts,
/// broken encodings, truncated and empty documents, and hostile Office packages.
///
/// `secretPath` names a file whose content no output may show; `canaryURL` an address whose
/// server must see no request. Each case says what its reader must do (``HostileCase/expected``).
package enum HostileCorpus {
    /// The value the "dtd-default-attribute" case's DTD gives its default attributes: no output
    /// may show it.
    package static let dtdDefaultMarker = "DTD-DEFAULT-ATTRIBUTE"

    package static func cases(secretPath: String, canaryURL: String) -> [HostileCase] {
        let file = "file://" + secretPath
        var cases: [HostileCase] = []
        // Inputs are made when a case runs (the corpus holds closures, not megabytes).
        func add(_ name: String, _ readers: [HostileCase.Reader], _ text: @autoclosure @escaping @Sendable () -> String, expect: (HostileCase.Reader) -> String) {
            for reader in readers { cases.append(HostileCase(name, reader, expect: expect(reader)) { Array(text().utf8) }) }
        }
        func add(_ name: String, _ readers: [HostileCase.Reader], bytes: @autoclosure @escaping @Sendable () -> [UInt8], expect: (HostileCase.Reader) -> String) {
            for reader in readers { cases.append(HostileCase(name, reader, expect: expect(reader), bytes)) }
        }
        let xmlReaders: [HostileCase.Reader] = [.xml, .feed, .feedStream]
        // Feeds read a document whose DOCTYPE declares entities again without the DOCTYPE (as
        // feedparser does), never with its entities: a safe parse. Everything else refuses it.
        let refusedOrReadWithoutDoctype: (HostileCase.Reader) -> String = { $0 == .feed || $0 == .feedStream ? "read" : "entity-declaration" }
        @Sendable func rss(doctype: String, title: String, description: String = "Beskrivning") -> String {
            "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n\(doctype)\n]>\n<rss version=\"2.0\"><channel><title>\(title)</title><link>https://example.se/</link>"
                + "<item><title>Nyhet</title><description>\(description)</description></item></channel></rss>"
        }

        // Entity expansion.
        let laughs = ["<!ENTITY lol \"lol\">"] + (1...9).map { level in
            "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level == 1 ? "" : String(level - 1));", count: 10) + "\">"
        }
        add("billion-laughs-element", xmlReaders, rss(doctype: laughs.joined(separator: "\n"), title: "&lol9;"), expect: refusedOrReadWithoutDoctype)
        add("billion-laughs-attribute", [.xml], "<!DOCTYPE r [\n" + laughs.joined(separator: "\n") + "\n]>\n<r a=\"&lol9;\"/>", expect: { _ in "entity-declaration" })
        add("billion-laughs-parameter", xmlReaders, rss(doctype: "<!ENTITY % pe1 \"<!ENTITY lol 'lollollol'>\">\n%pe1;", title: "&lol;"), expect: refusedOrReadWithoutDoctype)
        add("quadratic-blowup", xmlReaders,
            rss(doctype: "<!ENTITY a \"" + String(repeating: "B", count: 100_000) + "\">", title: String(repeating: "&a;", count: 10_000)),
            expect: refusedOrReadWithoutDoctype)
        add("rss-bomb-in-description", [.feed, .feedStream], rss(doctype: laughs.joined(separator: "\n"), title: "T", description: "&lol9;"), expect: { _ in "read" })

        // External entities and DTDs, by file and by network.
        add("xxe-file", xmlReaders, rss(doctype: "<!ENTITY xxe SYSTEM \"\(file)\">", title: "&xxe;"), expect: refusedOrReadWithoutDoctype)
        add("xxe-http", xmlReaders, rss(doctype: "<!ENTITY xxe SYSTEM \"\(canaryURL)\">", title: "T", description: "&xxe;"), expect: refusedOrReadWithoutDoctype)
        add("xxe-parameter", xmlReaders, rss(doctype: "<!ENTITY % xxe SYSTEM \"\(file)\">\n%xxe;", title: "T"), expect: refusedOrReadWithoutDoctype)
        add("xxe-sitemap", [.sitemap],
            "<!DOCTYPE urlset [<!ENTITY xxe SYSTEM \"\(file)\">]><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>&xxe;</loc></url></urlset>",
            expect: { _ in "entity-declaration" })
        add("external-dtd-file", xmlReaders + [.sitemap],
            "<?xml version=\"1.0\"?>\n<!DOCTYPE rss SYSTEM \"\(file)\">\n<rss version=\"2.0\"><channel><title>T</title></channel></rss>",
            expect: { $0 == .sitemap ? "not-a-sitemap" : "read" })
        add("external-dtd-http", xmlReaders,
            "<?xml version=\"1.0\"?>\n<!DOCTYPE rss PUBLIC \"-//X//EN\" \"\(canaryURL)\">\n<rss version=\"2.0\"><channel><title>T</title></channel></rss>",
            expect: { _ in "read" })
        add("xinclude", xmlReaders,
            "<rss version=\"2.0\" xmlns:xi=\"http://www.w3.org/2001/XInclude\"><channel><title>T</title><item><title><xi:include href=\"\(file)\" parse=\"text\"/></title>"
                + "<description><xi:include href=\"\(canaryURL)\" parse=\"text\"/></description></item></channel></rss>",
            expect: { _ in "read" })
        // DTD default attributes (what XML_PARSE_DTDATTR would add): an internal subset with no
        // entity is read, and the defaults it declares must not turn up as attributes.
        add("dtd-default-attribute", xmlReaders,
            "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ATTLIST rss injected CDATA \"\(dtdDefaultMarker)\">\n"
                + "<!ATTLIST enclosure url CDATA \"https://example.invalid/\(dtdDefaultMarker).mp3\">\n]>\n"
                + "<rss version=\"2.0\"><channel><title>T</title><item><title>Nyhet</title><enclosure type=\"audio/mpeg\" length=\"1\"/></item></channel></rss>",
            expect: { _ in "read" })
        add("html-external-references", [.html],
            "<!DOCTYPE html SYSTEM \"\(file)\"><html><head><title>T</title><link rel=\"stylesheet\" href=\"\(canaryURL)\"></head>"
                + "<body><main><p>Text <img src=\"\(canaryURL)\"><iframe src=\"\(file)\"></iframe></p></main></body></html>",
            expect: { _ in "read" })

        // Shapes libxml2 copes with badly, checked before it sees them.
        add("deep-nesting-1e5", [.xml, .feed, .feedStream, .sitemap],
            String(repeating: "<a>", count: 100_000) + String(repeating: "</a>", count: 100_000), expect: { _ in "limit:depth" })
        add("deep-nesting-1e5", [.html],
            "<html><body>" + String(repeating: "<div>", count: 100_000) + "x" + String(repeating: "</div>", count: 100_000) + "</body></html>",
            expect: { _ in "limit:depth" })
        // Read in memory, a million start tags are refused by their number before parsing;
        // streamed (no limit on the number), the depth stops them.
        add("unclosed-tags-1e6", [.xml, .feed, .feedStream], "<rss>" + String(repeating: "<a>", count: 1_000_000),
            expect: { $0 == .feedStream ? "limit:depth" : "limit:elements" })
        add("unclosed-tags-1e6", [.html], "<html><body>" + String(repeating: "<div>", count: 1_000_000), expect: { _ in "limit:elements" })
        add("unclosed-paragraphs-1e6", [.html, .xml], "<html><body>" + String(repeating: "<p>x", count: 1_000_000), expect: { _ in "limit:elements" })
        @Sendable func attributes() -> String { (0..<100_000).map { "a\($0)=\"1\"" }.joined(separator: " ") }
        add("attributes-1e5", xmlReaders + [.sitemap], "<rss \(attributes())><channel/></rss>", expect: { _ in "limit:attributes-per-element" })
        add("attributes-1e5", [.html], "<html><body><div \(attributes())>x</div></body></html>", expect: { _ in "limit:attributes-per-element" })
        @Sendable func huge() -> String { String(repeating: "Västernorrland ", count: 1_400_000) }  // 21 MB
        add("text-node-20mb", [.xml, .feed, .feedStream],
            "<rss version=\"2.0\"><channel><title>T</title><item><title>Nyhet</title><description>\(huge())</description></item></channel></rss>",
            expect: { _ in "read" })
        add("text-node-20mb", [.html], "<html><body><main><p>\(huge())</p></main></body></html>", expect: { _ in "read" })
        add("attribute-20mb", xmlReaders, "<rss version=\"2.0\"><channel title=\"\(huge())\"><title>T</title></channel></rss>", expect: { _ in "limit:start-tag-bytes" })
        add("attribute-20mb", [.html], "<html><body><p title=\"\(huge())\">x</p></body></html>", expect: { _ in "limit:start-tag-bytes" })

        // Encodings and bytes that are not text.
        let feedText = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Region Västernorrland</title><item><title>Åtgärder för Öland</title></item></channel></rss>"
        let utf8 = Array(feedText.utf8)
        let item = utf8.firstRange(of: Array("<item>".utf8))!.upperBound
        // A broken sequence, a byte-order mark's bytes and a surrogate; then NUL bytes.
        add("invalid-utf8", xmlReaders, bytes: utf8[..<item] + [0xC3, 0x28, 0xFF, 0xFE, 0xED, 0xA0, 0x80] + utf8[item...], expect: { _ in "read" })
        add("nul-bytes", xmlReaders, bytes: utf8[..<item] + [0, 0, 0] + utf8[item...], expect: { _ in "read" })
        add("nul-bytes", [.html], bytes: Array("<html><body><main><p>Region\0 Västernorrland</p></main></body></html>".utf8), expect: { _ in "read" })
        let utf16 = feedText.replacingOccurrences(of: "utf-8", with: "utf-16")
        add("utf16-with-bom", xmlReaders, bytes: [0xFF, 0xFE] + Array(utf16.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }, expect: { _ in "read" })
        add("utf16-without-bom", xmlReaders, bytes: Array(utf16.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }, expect: { _ in "read" })
        let latin1 = Array("<html><head><meta charset=\"utf-8\"><title>Region V".utf8) + [0xE4] + Array("sternorrland</title></head><body><main><p>Str".utf8) + [0xE4] + Array("ckan".utf8)
            + [0xF6] + Array("ver ".utf8) + [0xC5] + Array("dalen.</p></main></body></html>".utf8)
        add("lying-meta-charset", [.html], bytes: latin1, expect: { _ in "read" })
        add("truncated", xmlReaders, bytes: Array(feedText.utf8.prefix(110)), expect: { _ in "read" })
        add("truncated", [.html], bytes: Array("<html><body><main><p>Region V\u{E4}stern".utf8), expect: { _ in "read" })
        add("empty", xmlReaders + [.html, .sitemap], bytes: [UInt8](), expect: { _ in "empty" })
        add("whitespace-only", xmlReaders + [.html], bytes: Array(" \n\t ".utf8), expect: { _ in "empty" })

        // A gzip-compressed sitemap (1.3 MB) that inflates to 200 MB of zeros: refused at the
        // input cap (50 MB) while inflating. Its trailer's CRC-32 and length are never reached.
        add("gzip-bomb", [.sitemap], bytes: GzipBuilder.member(deflate: ZipBuilder.deflatedZeros(200_000_000), crc: 0, length: 0),
            expect: { _ in "limit:input-bytes" })

        // Office packages.
        cases += OfficeCases.cases(secretPath: secretPath)
        return cases
    }
}
