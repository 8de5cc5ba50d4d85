import Foundation
import Testing
import Markup
@testable import Documents

/// `HTMLPageReader.read` builds its outline from the HTML parser's events without libxml2's tree
/// (`HTMLPageEvents`); `outline(of:)` builds it from the tree. Both must give the same outline
/// (every field, section, block, link and locator) and the same errors, page by page.
@Suite("HTML pages read from events give the tree's outline")
struct HTMLPageEventsTests {
    static let pages = ProjectFiles.sharedTestData.appendingPathComponent("trafilatura/pages")

    /// The outline (or error) of each route, written out in full.
    static func routes(_ bytes: [UInt8], options: ParseOptions = ParseOptions(), url: String? = "https://example.com/a/page.html") -> (tree: String, events: String, fromEvents: Bool) {
        let reader = HTMLPageReader(options: options)
        let tree: String
        do {
            tree = String(reflecting: reader.outline(of: try MarkupDocument(html: bytes, options: options), url: url))
        } catch {
            tree = "error: \(error)"
        }
        let events: String
        var fromEvents = false
        do {
            fromEvents = try HTMLPageReader.readFromEvents(bytes, url: url, options: options) != nil
            events = String(reflecting: try reader.read(bytes, url: url))
        } catch {
            events = "error: \(error)"
        }
        return (tree, events, fromEvents)
    }

    /// Checks that both routes agree on `html`, and that the events alone read it (unless `viaTree`).
    static func check(_ html: String, options: ParseOptions = ParseOptions(), viaTree: Bool = false, _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        check(Array(html.utf8), options: options, viaTree: viaTree, comment ?? Comment(rawValue: String(html.prefix(120))), sourceLocation: sourceLocation)
    }

    static func check(_ bytes: [UInt8], options: ParseOptions = ParseOptions(), viaTree: Bool = false, _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        let (tree, events, fromEvents) = routes(bytes, options: options)
        #expect(tree == events, comment, sourceLocation: sourceLocation)
        if !tree.hasPrefix("error") { #expect(fromEvents != viaTree, comment, sourceLocation: sourceLocation) }
    }

    static let article = """
        <p>Regionen ska växa hållbart, med fler jobb, bättre kollektivtrafik och en stark landsbygd. Det är målet för hela länet fram till 2030.</p>
        <p>Strategin bygger på ett brett samråd med kommuner, näringsliv och föreningar, och följs upp varje år i en egen rapport till regionfullmäktige.</p>
        """

    @Test func trafilaturaPagesGiveTheSameOutline() throws {
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: Self.pages.path) else {
            print("HTMLPageEventsTests: \(Self.pages.path) is absent; only made-up pages are checked")
            return
        }
        var checked = 0
        for file in files.sorted() {
            let bytes = [UInt8](try Data(contentsOf: Self.pages.appendingPathComponent(file)))
            let (tree, events, fromEvents) = Self.routes(bytes, url: "https://example.com/" + file)
            #expect(tree == events, "\(file)")
            #expect(fromEvents, "\(file)")
            checked += 1
        }
        #expect(checked == files.count)
    }

    /// The page mirrored from events and from the tree: the same elements, each with the same
    /// locator (asked for in reverse, so that a child's may come before its siblings') and text.
    static func checkMirrors(_ bytes: [UInt8], _ comment: Comment, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let document = try MarkupDocument(html: bytes)
        let fromTree = HTMLPageReader.mirrorBody(of: document)
        let events = HTMLPageEvents()
        let outcome = try bytes.withUnsafeBytes { try HTMLEventReader.read($0, options: ParseOptions(), to: events).0 }
        #expect(outcome == .complete, comment, sourceLocation: sourceLocation)
        let fromEvents = events.page()
        #expect((fromTree == nil) == (fromEvents == nil), comment, sourceLocation: sourceLocation)
        guard let fromTree, let fromEvents else { return }
        #expect(fromTree.elementCount == fromEvents.elementCount, comment, sourceLocation: sourceLocation)
        #expect(fromTree.rootLocator == fromEvents.rootLocator, comment, sourceLocation: sourceLocation)
        for i in (0..<min(fromTree.elementCount, fromEvents.elementCount)).reversed() {
            let (a, b) = (PageElement(tree: fromTree, index: Int32(i)), PageElement(tree: fromEvents, index: Int32(i)))
            #expect(a.locator == b.locator, comment, sourceLocation: sourceLocation)
            #expect(a.locator == a.source.locator, comment, sourceLocation: sourceLocation)
            #expect(a.name == b.name && a.classAndID == b.classAndID && a.textCount == b.textCount && a.href == b.href, comment, sourceLocation: sourceLocation)
        }
    }

    /// A page of 2 MB or more starts the mirror's buffers with room by its size
    /// (``PageTree/roomByInputFrom``): a Latin-1 page whose text, as UTF-8, is longer than the
    /// page itself (every "ä" one byte in, two out), with links and more texts than the room
    /// made, still gives the tree's outline when the buffers grow beyond it.
    @Test func pagesBeyondTheRoomMadeByTheirSizeGiveTheSameOutline() {
        var page = Array("<html><head><meta charset=\"iso-8859-1\"><title>Stort</title></head><body><h1>Rubrik</h1>".utf8)
        let paragraph = Array("<p>".utf8) + Array(repeating: 0xE4, count: 200) + Array(" <a href=\"/l\">l</a> ".utf8) + [0xF6] + Array("</p><b>x</b>".utf8)
        while page.count < PageTree.roomByInputFrom + 4096 { page += paragraph }
        page += Array("</body></html>".utf8)
        Self.check(page, "a Latin-1 page of \(page.count) bytes")
    }

    @Test func everyElementHasTheTreesLocator() throws {
        let madeUp = [
            "<html><body><div><p>a</p><script>x</script><p>b</p><p hidden>c</p><p>d</p><span>e</span></div><div><section><p>f</p></section><section><p>g</p><p>h</p></section><style>s</style></div><div><x-a>i</x-a><x-b>j</x-b><x-a>k</x-a><p>l</p></div><div><p>m</p></div></body></html>",
            "<html><body><main><input><p>a</p><input><p>b</p><select><option>o</select><div>c</div><template></template></main></body><body></body></html>",
            "<html><frameset><frame></frameset><noframes><p>x</p><p>y</p></noframes></html><html></html>",
            "<html><body>x</body></html><html><body><p>a</p><script></script><p>b</p></body></html>",
            "<o:p>a</o:p><p>b</p><x:p>c</x:p>",
        ]
        for page in madeUp { try Self.checkMirrors(Array(page.utf8), Comment(rawValue: page)) }
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: Self.pages.path) else { return }
        for file in files.sorted().prefix(60) {
            try Self.checkMirrors([UInt8](try Data(contentsOf: Self.pages.appendingPathComponent(file))), Comment(rawValue: file))
        }
    }

    @Test func whitespaceBetweenBlocksAndInlineElements() {
        Self.check("<html><body>\n  <div>\n <p>a <b>b</b> <i>c</i>\n</p>  <p> </p>\n<span> </span> <b> x </b></div>  \n</body></html>")
        Self.check("<body> <div> <h1> Titel </h1> \(Self.article) <ul> <li> a </li> <li><a href='/x'> b </a> </li> </ul> </div> </body>")
        Self.check("<p>x</p>\n\n<p>y</p>   <table> <tr> <td> 1 </td> <td>2</td> </tr> </table>")
        Self.check("<html>\n<head>\n<title> T </title>\n</head>\n<body>\n\(Self.article)\n</body>\n</html>\n")
    }

    @Test func doctypes() {
        for doctype in ["", "<!DOCTYPE html>", "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\" \"http://www.w3.org/TR/html4/strict.dtd\">",
                        "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4//EN\">", "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" \"x\">",
                        "<!doctype html [ <!ENTITY x 'y'> ]>"] {
            Self.check("\(doctype)\n<html>\n<body>\n  <div> <p>a</p> </div>\n  \(Self.article)\n</body></html>")
            Self.check("\(doctype)<body> <b>x</b> <i>y</i> \(Self.article) </body>")
            Self.check("\(doctype)\n\n   text before <p>everything</p>")
        }
    }

    @Test func impliedAndUnclosedElements() {
        Self.check("Just text, no tags at all, but long enough to be a paragraph of its own for the finder to take.")
        Self.check("<title>Only a title</title>\(Self.article)")
        Self.check("<p>one<p>two<p>three<li>a<li>b<table><tr><td>x<td>y</table><div><span>unclosed")
        Self.check("<html lang=' sv '><head><meta charset=utf-8><title>a<b>c</b></title><p>in head</p></head><body>\(Self.article)")
        Self.check("<html><head><title>T</title></head>\(Self.article)<body class=late>\(Self.article)</body>")
        Self.check("<html><body><h1>a</h1></body></html><p>after the end</p><body>second</body>")
        Self.check("<html><body><h1>a</h1></body><body><h2>b</h2></body></html>")
        Self.check("<html><body>x</body></html><html lang=en><body>\(Self.article)</body></html>")
        Self.check("<div>\(Self.article)</div></body></html>trailing<html><html lang=fi>")
        Self.check("text <!-- a comment --> more text <?php echo 1; ?> after <![CDATA[ cdata ]]> end \(Self.article)")
        Self.check("<p>a &amp; b &lt; c &ouml; &#246; &#x1F600; &nosuch; &amp</p>\(Self.article)")
        Self.check("<o:p>office</o:p><w:Sdt>x</w:Sdt><svg:rect/><a:b:c>x</a:b:c><:x>y</:x><x:>z</x:>\(Self.article)")
    }

    @Test func scriptsAndHiddenElementsAmongSameNamedSiblings() {
        let blocks = (1...4).map { "<div class='c'><p>Paragraph \($0): \(Self.article)</p></div>" }.joined()
        Self.check("<body>\(blocks)<script>var x = '<div>';</script>\(blocks)<div hidden>h</div>\(blocks)<style>p{}</style><div style='display:none'>n</div><div>\(Self.article)</div></body>")
        Self.check("<body><main><script></script><p>a</p><script></script><p>b \(Self.article)</p><input><p>c</p><p aria-hidden=true>d</p><p>e</p></main></body>")
        Self.check("<body><div><h2>x</h2><template><h2>t</h2></template><h2>y</h2>\(Self.article)<h2>z</h2></div></body>")
        Self.check("<div><noscript><p>no script</p></noscript><svg><p>in svg</p></svg>\(Self.article)</div>")
        Self.check("<body hidden>\(Self.article)</body>")
        Self.check("<html hidden><body>\(Self.article)</body></html>")
        Self.check("<div class='a'>\(Self.article)</div><div class='a'>\(Self.article)</div><div id='b'>\(Self.article)</div><div class>\(Self.article)</div><div class=''>\(Self.article)</div>")
        Self.check("<div class='Cafe\u{301}'>\(Self.article)</div><div class='Café'>\(Self.article)</div>")
    }

    /// After the root ends, libxml2's tree builder makes a new element a child of the root while
    /// the root is the document's first child, and a top-level element when a DOCTYPE, comment or
    /// processing instruction comes first (a DOCTYPE is put first even when it comes late).
    @Test func contentAfterTheRootEnds() throws {
        var pages: [String] = []
        for before in ["", "<!DOCTYPE html>", "<!-- c -->", "<?xml version='1.0'?>", " \n "] {
            for after in ["<script>x()</script>", "<p>trailing text</p>", "trailing", "<body><p>\(Self.article)</p></body>",
                          "<!DOCTYPE html><p>after a late doctype</p>", "<!-- c --><div>x</div><!DOCTYPE html><div>y</div>",
                          "<html lang=en><head><title>Late</title></head><body>late body</body></html>", "<frameset><frame></frameset>"] {
                for root in ["<html><head><title>T</title></head><body>\(Self.article)</body></html>",
                             "<html><frameset><frame></frameset><noframes><p>x</p><p>y</p></noframes></html>",
                             "<html hidden><body>\(Self.article)</body></html>", "<html><head></head></html>"] {
                    pages.append(before + root + after)
                }
            }
        }
        pages.append("<html><body><p>a</p></body></html><p>b</p><!DOCTYPE html><p>c</p><p>d</p>")
        pages.append("<html><body><div>\(Self.article)</div></body></html><div><!DOCTYPE html>inside</div><div>top level</div>")
        for page in pages {
            Self.check(page)
            try Self.checkMirrors(Array(page.utf8), Comment(rawValue: page))
        }
        // The held root counts for the depth the tree is checked against.
        var options = ParseOptions()
        options.limits.depth = 10
        // (The second implied html gets no implied body: libxml2 made one already.)
        Self.check("<html><body>x</body></html>" + String(repeating: "<div>", count: 8) + "deep", options: options)
        Self.check("<html><body>x</body></html>" + String(repeating: "<div>", count: 9) + "deep", options: options, viaTree: true)
        Self.check("<!DOCTYPE html><html><body>x</body></html>" + String(repeating: "<div>", count: 9) + "deep", options: options)
    }

    /// Pages cut and spliced at random (a fixed seed): fragments of markup out of place, tags
    /// cut in half, ends without starts, DOCTYPEs and comments in the middle, text after the end.
    @Test func splicedPagesGiveTheSameOutline() throws {
        var sources = [
            "<!DOCTYPE html><html lang=sv><head><title>T</title><base href='/b/'><link rel=canonical href=c></head><body><nav><a href=/>Hem</a></nav><main><h1>Rubrik</h1>\(Self.article)<ul><li>a<li>b</ul><table><tr><td>1<td>2</table></main><footer>f</footer></body></html>",
            "<div class=content><p>\(Self.article)</p><script>if (a < b) { document.write('<p>x</p>') }</script><style>p { color: red }</style><!-- comment --><p hidden>h</p><p>more &amp; more</p></div>",
        ]
        let fragments = ["</html>", "<html>", "</body>", "<body>", "<head>", "</head>", "<!DOCTYPE html>", "<!-- c -->", "<?pi x?>",
                         "<title>x</title>", "<p>", "</p>", "<div>", "</div>", "<script>", "</script>", "<![CDATA[x]]>", "text",
                         " ", "\n", "&amp;", "<o:p>", "<frameset>", "<table>", "<td>", "<li>", "<a href=x>", "</a>", "<", ">", "<h2>"]
        if let files = try? FileManager.default.contentsOfDirectory(atPath: Self.pages.path) {
            for file in files.sorted().prefix(4) {
                let data = try Data(contentsOf: Self.pages.appendingPathComponent(file))
                sources.append(String(decoding: data.prefix(30_000), as: UTF8.self))
            }
        }
        var random = XorShift(seed: 0x5EED)
        var checked = 0
        for source in sources {
            let bytes = Array(source.utf8)
            for _ in 0..<60 {
                var page = bytes
                for _ in 0..<(1 + Int(random.next() % 6)) {
                    let at = Int(random.next() % UInt64(page.count + 1))
                    switch random.next() % 3 {
                    case 0:
                        page.insert(contentsOf: Array(fragments[Int(random.next() % UInt64(fragments.count))].utf8), at: at)
                    case 1:
                        page.removeSubrange(at..<min(page.count, at + Int(random.next() % 40)))
                    default:
                        let from = Int(random.next() % UInt64(page.count + 1))
                        page.insert(contentsOf: page[from..<min(page.count, from + Int(random.next() % 200))], at: at)
                    }
                }
                let (tree, events, _) = Self.routes(page)
                #expect(tree == events, "\(String(decoding: page.prefix(300), as: UTF8.self))")
                checked += 1
            }
        }
        #expect(checked >= 120)
    }

    @Test func pagesWithoutBody() {
        Self.check("<html><head><title>Frames</title></head><frameset cols='50%,50%'><frame src=a.html><frame src=b.html><noframes><p>\(Self.article)</p></noframes></frameset></html>")
        Self.check("<html><head><title>Only head</title><base href='https://other.example/dir/'><link rel=canonical href='/c'></head></html>")
        Self.check("<head><base href='/base/'><link rel='canonical' href='page'><link rel=canonical href=second><title>First</title><title>Second</title></head><p><a href='x'>link</a> \(Self.article)</p>")
        Self.check("<head><link rel=canonical><base><base href=''><title></title></head>\(Self.article)")
        Self.check("<head><link rel='Canonical' href='/upper'><link rel='canonical ' href='/space'></head><h1>H</h1>\(Self.article)")
    }

    @Test func deepNestingAtTheCap() {
        for depth in [250, 254, 255, 256, 257, 300] {
            // html and body are implied: the article's paragraphs are at depth + 3, the text at
            // depth + 2; libxml2 refuses a 258th open element.
            Self.check(String(repeating: "<div>", count: depth) + Self.article, viaTree: depth >= 255)
            Self.check(String(repeating: "<span>", count: depth) + "x", viaTree: depth >= 256)
        }
        var options = ParseOptions()
        options.limits.depth = 40
        Self.check(String(repeating: "<div>", count: 37) + Self.article, options: options)
        Self.check(String(repeating: "<div>", count: 39) + Self.article, options: options, viaTree: true)
        Self.check(String(repeating: "<div>", count: 60) + Self.article, options: options, viaTree: true)
    }

    @Test func limitsGiveTheSameErrors() {
        var options = ParseOptions()
        options.limits.attributesPerElement = 100
        Self.check("<div " + (0..<101).map { "a\($0)=x" }.joined(separator: " ") + ">x</div>", options: options)
        Self.check("<div " + (0..<99).map { "a\($0)=x" }.joined(separator: " ") + ">\(Self.article)</div>", options: options)
        options = ParseOptions()
        options.limits.inputBytes = 100
        Self.check(Self.article, options: options)
        Self.check("   \n\t ")
        Self.check("")
        // A text node over libxml2's 10,000,000 bytes is cut by the tree builder: read through the tree.
        Self.check("<div><p>" + String(repeating: "abcdefghi ", count: 1_000_100) + "</p></div>", viaTree: true)
    }

    @Test func charsetsAndByteOrderMarks() {
        let latin1: [UInt8] = Array("<html><head><title>R".utf8) + [0xE4, 0x6B] + Array("sm".utf8) + [0xF6, 0x72, 0x67, 0xE5, 0x73] + Array("</title><meta charset=iso-8859-1></head><body><p class='x'>".utf8)
            + [0xC5, 0x72, 0x73, 0x72, 0x61, 0x70, 0x70, 0x6F, 0x72, 0x74] + Array(" f".utf8) + [0xF6, 0x72] + Array(" 2024: \(Self.article)</p></body></html>".utf8)
        Self.check(latin1)
        let windows1252: [UInt8] = Array("<meta http-equiv=content-type content='text/html; charset=windows-1252'><p>".utf8) + [0x93, 0x51, 0x75, 0x6F, 0x74, 0x65, 0x94, 0x20, 0x96, 0x20, 0x80] + Array(" \(Self.article)</p>".utf8)
        Self.check(windows1252)
        Self.check([0xEF, 0xBB, 0xBF] + Array("<title>BOM</title><p>Å \(Self.article)</p>".utf8))
        let utf16 = "<title>UTF-16</title><p>Ö \(Self.article)</p>"
        Self.check([0xFF, 0xFE] + utf16.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        Self.check([0xFE, 0xFF] + utf16.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
        Self.check(Array("<p class='a\u{FFFD}'>bad ".utf8) + [0xC3, 0x28, 0xFF] + Array(" bytes \(Self.article)</p>".utf8))
        var transport = ParseOptions()
        transport.transportCharset = "iso-8859-1"
        Self.check(Array("<p>\(Self.article) ö</p>".utf8), options: transport)
    }

    @Test func linksListsTablesAndHeadings() {
        Self.check("""
            <html lang="sv-SE"><head><base href="https://region.example/strategi/"><title>Regional strategi | Region</title>
            <link rel="canonical" href="../strategi"></head><body><nav><ul><li><a href="/">Hem</a></li><li><a href="/om">Om</a></li></ul></nav>
            <main><article><h1>Regional utvecklingsstrategi</h1>\(Self.article)<h2>Mål</h2><ol><li>Jobb <a href="jobb.pdf">PDF</a></li>
            <li>Klimat<ul><li>Sol</li><li>Vind</li></ul></li></ol><h3>Tabell</h3><table><thead><tr><th>År</th><th>Mål</th></tr></thead>
            <tbody><tr><td>2025</td><td>Hälften</td></tr><tr><td>2030</td><td>Allt</td></tr></tbody></table>
            <p>Kontakt: <a href="mailto:a@b.se">a@b.se</a>, <a href="javascript:void(0)">x</a>, <a href="#top">upp</a></p></article>
            <aside class="related"><h2>Läs mer</h2><a href="/x">x</a></aside></main><footer class="site-footer"><p>© Region</p></footer></body></html>
            """)
    }
}

/// A deterministic generator (xorshift64) for the spliced pages.
struct XorShift {
    var state: UInt64
    init(seed: UInt64) { state = seed | 1 }
    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }
}
