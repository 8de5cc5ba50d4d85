import Foundation
import Testing
import Markup
@testable import Documents

/// The main-content finder reads pages through byte-level shortcuts (ASCII class lists, widget
/// texts, character counts, link targets). Each must give exactly what the general, character-
/// level rule gives: these tests hold every shortcut against that rule, on the class lists and
/// texts of real pages and on made-up edge cases.
@Suite("Main content shortcuts agree with the general rules")
struct MainContentFastPathTests {
    static let pages = ProjectFiles.sharedTestData.appendingPathComponent("trafilatura/pages")

    /// Up to `limit` pages of the trafilatura set, mirrored (empty when the set is absent).
    static func mirroredPages(limit: Int) throws -> [PageTree] {
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: pages.path) else {
            print("MainContentFastPathTests: \(pages.path) is absent; only made-up cases are checked")
            return []
        }
        return try files.sorted().prefix(limit).compactMap { file in
            let document = try MarkupDocument(html: [UInt8](Data(contentsOf: pages.appendingPathComponent(file))))
            return HTMLPageReader.mirrorBody(of: document)
        }
    }

    static let madeUpClassLists = [
        "nav", "site-header", "js-share", "tag-social", "category-news entry", "section--ads", "ads--section",
        "post_content", "entry-content main", "comment-list", "commentary", "shared-button", "meta", "post-meta",
        "caption-text", "Share", "brodsmulor", "  sidebar\tleft\nright ", "a\r\nsocial", "sidebår", "related_posts",
        "menu-item-4711", "x--y--share", "", "   ", "top-links", "toplinks x", "footer-menu", "widget_text",
        "éditorial social", "cookie-consent", "artikel-text", "storycontent", "articlebody", "notification-bar",
    ]

    @Test func sentenceEndIsWhatContainsSays() throws {
        // The last characters of texts such as these.
        let texts = [
            ".", "!", "?", "a", "Ö", ",", ":", "…", "。", "！", "？", "؟", "\u{FE52}", "\u{2024}", ".\u{301}", "?\u{20DD}",
            "\u{600}.", "\r\n", "🇸🇪", "e\u{301}", " ", "\u{A0}", "x\u{200D}",
        ]
        for text in texts {
            let last = try #require(text.last)
            #expect(last.isSentenceEnd == ".!?".contains(last), "\(Array(text.unicodeScalars))")
        }
        for value in 0..<0x3000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let character = Character(scalar)
            #expect(character.isSentenceEnd == ".!?".contains(character), "\(value)")
        }
    }

    @Test func classChromeOnBytesAgreesWithCharacters() throws {
        var lists = Set(Self.madeUpClassLists)
        for tree in try Self.mirroredPages(limit: 80) { lists.formUnion(tree.classNames) }
        #expect(lists.count > Self.madeUpClassLists.count - 5)
        for list in lists {
            for name in ["div", "span", "p", "ul"] {
                #expect(Boilerplate.classChrome(list, name: name) == Boilerplate.classChromeByCharacters(list, name: name), "\(list) on \(name)")
            }
            #expect(Boilerplate.contentNames(list) == Boilerplate.contentNamesByCharacters(list), "\(list)")
        }
    }

    /// `isWidgetText` as first written: lowercase the whole text, compare prefixes.
    static func referenceIsWidgetText(_ text: String) -> Bool {
        let lower = text.lowercased()
        return Boilerplate.widgetTextPrefixes.contains { lower.hasPrefix($0) }
    }

    @Test func widgetTextShortcutAgreesWithLowercasingEverything() throws {
        var texts = [
            "Dela på Facebook", "DELA PÅ X", "Dela", "dela sidan", "Gå direkt till innehållet", "Ga\u{30A} direkt till",
            "Hjälpte informationen på sidan dig?", "Hja\u{308}lpte informationen på sidan dig", "Vi använder kakor",
            "vi anvÄnder cookies för", "Senast uppdaterad: 2022-02-23", "Delmål 3", "Delegationen", "Skriv ut",
            "Till toppen", "Tack för din återkoppling", "Tyck till om sidan", "d", "", "\r\ndela på",
            "Dela\u{301} på", "İstanbul", "Lyssna på sidan" + String(repeating: "x", count: 700),
            "Publicerad av " + String(repeating: "ö", count: 600), String(repeating: "Dela på ", count: 100),
            // Latin-1 letters, decided without lowercasing, and what must not be.
            "Hållbar tillväxt", "Öland", "Åtgärder", "Tillväxt", "HJÄLPTE INFORMATIONEN PÅ SIDAN DIG", "GÅ DIREKT TILL",
            "Gå\u{301} direkt till", "Dela på\u{301}", "Dela pÅ ", "Dela På\u{308} x", "Tack för din återkoppling\u{308}",
            "Tack för din återkoppling", "TACK FÖR DIN ÅTERKOPPLING!", "Sidan uppdaterades", "Ända", "ß", "×", "Þ", "é",
            "Vi anv\u{C4}nder kakor", "Vi anva\u{308}nder kakor", "Den här webbplatsen använder kakor", "\u{C0}",
            "Hjälpte\u{85}", "Hj\u{C4}lpte informationen på sidan dig", "Lyssna på sidan\u{20DD}", "Till toppen\u{200D}",
            "Till toppen\u{FE0F}", "Skriv ut\u{0345}", "Dela sidan\r\n", "Dela sidan\u{AD}", "Tyck till om sidan\u{2CF}",
            // Two ASCII letters first: decided on them unless a prefix decomposed starts with them.
            "GA\u{30A} DIREKT TILL", "Ga\u{30A}", "Strategi", "St", "S", "De", "Ta", "T\u{30A}", "Hi", "H\u{130}", "Sk",
        ]
        for tree in try Self.mirroredPages(limit: 30) {
            for i in 0..<tree.elementCount { texts.append(PageElement(tree: tree, index: Int32(i)).normalizedText) }
        }
        for text in texts {
            #expect(Boilerplate.isWidgetText(text) == Self.referenceIsWidgetText(text), "\(text.prefix(80))")
        }
    }

    @Test func characterLimitsAgreeWithCounting() {
        let pieces = ["a", "ö", "e\u{301}", "\r\n", "\r", "\n", "日", "🇸🇪", "👩\u{200D}💻", "Ω", " ", "\u{FEFF}", "ǅ",
                      "ordet ", "Växjö, ", "abcdefgh", "länet. "]
        var random = SystemRandomNumberGenerator()
        for _ in 0..<4000 {
            let text = (0..<Int.random(in: 0...60, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            for limit in [1, 5, 8, 9, 16, 17, 40, 41, 120, 121] {
                #expect(text.hasFewerCharacters(than: limit) == (text.count < limit), "\(Array(text.unicodeScalars)) < \(limit)")
            }
        }
        let long = String(repeating: "å", count: 119) + "e\u{301}"
        #expect(long.hasFewerCharacters(than: 121) == (long.count < 121))
    }

    /// What ``TextCounts/visibleAndPunctuation(_:)`` counts, scalar by scalar: the scalars that
    /// are not `TextNormalizer`'s whitespace, and the punctuation marks among them.
    static func referenceCounts(_ scalars: [Unicode.Scalar]) -> (visible: Int, punctuation: Int) {
        let normaliserSpace: Set<Unicode.Scalar> = [" ", "\t", "\n", "\r", "\u{0C}", "\u{A0}", "\u{2007}", "\u{202F}", "\u{200B}", "\u{FEFF}"]
        let punctuation: Set<Unicode.Scalar> = [",", ".", ";", "!", "?", "\u{3001}", "\u{3002}", "\u{FF0C}", "\u{FF01}", "\u{FF1F}", "\u{060C}", "\u{0964}"]
        let visible = scalars.filter { !normaliserSpace.contains($0) }
        return (visible.count, visible.filter { punctuation.contains($0) }.count)
    }

    @Test func textCountsAgreeWithScalars() {
        let pieces = [" ", "\t", "\n", "\u{0B}", "\u{0C}", "\r", "\u{85}", "\u{A0}", "\u{1680}", "\u{2000}", "\u{200A}",
                      "\u{200B}", "\u{2028}", "\u{202F}", "\u{205F}", "\u{3000}", "\u{FEFF}", "\u{2007}", ",", ".", ";", "!",
                      "?", "\u{3001}", "\u{3002}", "\u{FF0C}", "\u{FF01}", "\u{FF1F}", "\u{060C}", "\u{0964}", "a", "Ö",
                      "0", "-", ":", "日", "🇸🇪", "word ", "ordet, ", "abcdefgh", "12345678", "å", "ä", "ö", "É", "ÿ",
                      "À", "Växjö ", "länet, ", "miljö. ", "Å", "ß", "\u{C2}\u{A0}", "é", "Ö"]
        var random = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            var text = (0..<Int.random(in: 0...30, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let scalars = Array(text.unicodeScalars)
            text.withUTF8 { utf8 in
                let counts = TextCounts.visibleAndPunctuation(utf8)
                #expect(counts == Self.referenceCounts(scalars), "\(scalars)")
                #expect(TextCounts.nonWhitespaceScalars(utf8) == scalars.filter { !$0.properties.isWhitespace }.count, "\(scalars)")
                #expect(TextCounts.hasNonWhitespaceScalar(utf8) == (TextCounts.nonWhitespaceScalars(utf8) > 0), "\(scalars)")
            }
        }
    }

    /// ``TextCounts/countsInLatinProse(_:)`` (eight bytes of Latin prose at once) against the
    /// scalars, on texts made mostly of what it takes (letters, spaces, commas, full stops,
    /// U+00C0–U+00FF) with now and then something it must leave to the table, at every offset.
    @Test func latinProseCountsAgreeWithScalars() {
        let pieces = ["a", "e", "Z", " ", ",", ".", "å", "ä", "ö", "É", "ÿ", "À", "@", "~", "\u{7F}",
                      "!", "?", ";", "1", "\n", "\u{A0}", "\u{85}", "Ā", "日", "\u{3002}"]
        let weights = [8, 8, 4, 6, 2, 2, 4, 4, 4, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
        let weighted = zip(pieces, weights).flatMap { Array(repeating: $0, count: $1) }
        var random = SystemRandomNumberGenerator()
        for _ in 0..<20000 {
            var text = (0..<Int.random(in: 1...24, using: &random)).map { _ in weighted.randomElement(using: &random)! }.joined()
            let scalars = Array(text.unicodeScalars)
            text.withUTF8 { utf8 in
                let counts = TextCounts.visibleAndPunctuation(utf8)
                #expect(counts == Self.referenceCounts(scalars), "\(scalars)")
                let checked = TextCounts.visibleAndPunctuation(ifValid: utf8)
                #expect(checked?.visible == counts.visible && checked?.punctuation == counts.punctuation, "\(scalars)")
            }
        }
    }

    /// ``TextCounts/countsAndPlainness(ifValid:)``: the counts of the general rule, and "plain"
    /// only for texts whose only whitespace is single spaces and which have no byte 0xC2, 0xE2
    /// or 0xEF (what `NormalizedTextBuilder.append(plain:)` needs), but then for every such text
    /// of eight bytes or more made of ASCII and U+00C0–U+00FF that neither begins nor ends with a
    /// control character (so the shortcut is taken). Texts
    /// mostly of plain Latin prose, of every length, with something now and then that is not.
    @Test func plainnessAgreesWithItsDefinition() {
        let pieces = ["a", "e", "Z", " ", ",", ".", "å", "ä", "ö", "É", "ÿ", "À", "1", "-", ";", "!", "?", "@", "\u{7F}", "\u{01}",
                      "  ", "\n", "\t", "\r", "\u{0C}", "\u{0B}", "\u{A0}", "\u{85}", "–", "\u{2007}", "\u{FEFF}", "Ā", "日", "\u{3002}"]
        let weights = [10, 10, 4, 8, 2, 2, 4, 4, 4, 2, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1,
                       1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
        let weighted = zip(pieces, weights).flatMap { Array(repeating: $0, count: $1) }
        var random = SystemRandomNumberGenerator()
        var plainTexts = 0
        for _ in 0..<30000 {
            var text = (0..<Int.random(in: 0...40, using: &random)).map { _ in weighted.randomElement(using: &random)! }.joined()
            let scalars = Array(text.unicodeScalars)
            let bytes = Array(text.utf8)
            let whitespace: Set<UInt8> = [0x09, 0x0A, 0x0C, 0x0D]
            let plainByDefinition = !bytes.contains { whitespace.contains($0) || $0 == 0xC2 || $0 == 0xE2 || $0 == 0xEF }
                && !text.contains("  ")
            let latin = scalars.allSatisfy { $0.value < 0x80 || (0xC0...0xFF).contains($0.value) }
            text.withUTF8 { utf8 in
                let counts = TextCounts.countsAndPlainness(ifValid: utf8)
                let reference = Self.referenceCounts(scalars)
                #expect(counts?.visible == reference.visible && counts?.punctuation == reference.punctuation, "\(scalars)")
                if counts?.isPlain == true {
                    plainTexts += 1
                    #expect(plainByDefinition, "\(scalars)")
                } else {
                    let taken = bytes.count >= 8 && bytes.first! >= 0x20 && bytes.last! >= 0x20
                    #expect(!(plainByDefinition && latin && taken), "\(scalars)")
                }
            }
        }
        #expect(plainTexts > 300)  // about 1,000 expected: the shortcut is taken
    }

    @Test func whiteSpaceBytesAreUnicodesWhiteSpace() {
        var bytes: [UInt8] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            bytes.removeAll(keepingCapacity: true)
            UTF8.encode(scalar) { bytes.append($0) }
            let counted = bytes.withUnsafeBufferPointer { TextCounts.nonWhitespaceScalars($0) }
            if counted != (scalar.properties.isWhitespace ? 0 : 1) {
                Issue.record("U+\(String(value, radix: 16)): counted \(counted)")
                return
            }
            if bytes.withUnsafeBufferPointer({ TextCounts.hasNonWhitespaceScalar($0) }) == scalar.properties.isWhitespace {
                Issue.record("U+\(String(value, radix: 16)): hasNonWhitespaceScalar disagrees")
                return
            }
        }
    }

    @Test func utf8ValidationAgreesWithTheStandardLibrary() {
        let interesting: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 0x9F, 0xA0, 0x8F, 0x90,
                                    0xC3, 0xC3, 0xA4, 0xB6, 0x20, 0x2C, 0x2E, 0x61]
        var random = SystemRandomNumberGenerator()
        for _ in 0..<20000 {
            let bytes = (0..<Int.random(in: 0...12, using: &random)).map { _ in
                Bool.random(using: &random) ? interesting.randomElement(using: &random)! : UInt8.random(in: 0...255, using: &random)
            }
            let valid = String(validating: bytes, as: UTF8.self) != nil
            #expect(bytes.withUnsafeBufferPointer { UTF8Validation.isValid($0) } == valid, "\(bytes)")
            #expect(bytes.withUnsafeBufferPointer { TextCounts.visibleAndPunctuation(ifValid: $0) != nil } == valid, "\(bytes)")
        }
    }

    @Test func linkKindsOnBytesAgreeWithStrings() {
        func referenceDocument(_ href: String) -> Bool {
            let href = href.lowercased()
            let path = href.split(separator: "?").first.map(String.init) ?? href
            return MainContent.Finder.documentExtensions.contains { path.hasSuffix($0) }
        }
        func referenceAddress(_ href: String) -> Bool {
            let href = href.lowercased()
            return href.hasPrefix("mailto:") || href.hasPrefix("tel:")
        }
        let hrefs = ["/a.pdf", "/A.PDF?x=1", "?file=b.docx", "???", "", "x.pdf?", "/dir.pdf/page", "MAILTO:a@b.se", "tel:+46",
                     "telefon", "/rapport.pdf\u{301}", "/årsrapport.PDF", "?", "?.zip", "a?b.csv", "/x.odt#s", "mailto:", "tel"]
        for href in hrefs {
            #expect(MainContent.Finder.isDocumentLink(href) == referenceDocument(href), "\(href)")
            #expect(MainContent.Finder.isAddressLink(href) == referenceAddress(href), "\(href)")
        }
    }

    @Test func hidingAttributesOnBytesAgreeWithStrings() {
        let values = ["display:none", "DISPLAY : NONE", "display: block", "visibility: hidden", "Visibility:Hidden;x",
                      "displaY:\u{A0}none", "dısplay:none", "true", "TRUE", "True ", "false", "", "display:nonee"]
        for value in values {
            var bytes = value
            bytes.withUTF8 { utf8 in
                #expect(Boilerplate.isHiddenByStyle(utf8) == Boilerplate.isHidden([(name: "style", value: value)]), "\(value)")
                #expect(Boilerplate.isHiddenByARIA(utf8) == Boilerplate.isHidden([(name: "aria-hidden", value: value)]), "\(value)")
            }
        }
    }

    @Test func hrefsThatNeedNoEncodingAreLeftAsPercentEncodingLeavesThem() {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.insert(charactersIn: "#%")
        for value in 0..<128 {
            let text = "a" + String(UnicodeScalar(UInt8(value))) + "b"
            if LinkResolver.needsNoEncoding(text) {
                #expect(text.addingPercentEncoding(withAllowedCharacters: allowed) == text, "\(value)")
            }
        }
        #expect(LinkResolver.needsNoEncoding("https://www.regionblekinge.se/a/b.html?x=1&y=%20#top"))
        #expect(!LinkResolver.needsNoEncoding("/växtplats"))
        #expect(!LinkResolver.needsNoEncoding("/a b"))
    }

    /// ``PageElement/lastCharacterIsSentenceEnd`` (read off the last visible text when it ends in
    /// ASCII) says what the general rule, `normalizedText.last.map(\.isSentenceEnd)`, says: on
    /// every element of 40 pages and of a made-up page whose texts end in marks after ASCII,
    /// after other scalars (a Prepend character joins the mark), in whitespace of every kind, or
    /// in texts or elements that are only whitespace.
    @Test func lastSentenceEndOffTheLastTextAgreesWithNormalizedText() throws {
        var trees = try Self.mirroredPages(limit: 40)
        let endings = [
            "a.", "a. ", "a.\n\t", "a!", "a?", "a", "a:", "ä.", "ä", ".", "!", " ? ", "\u{600}.", "\u{600}!",
            ".\u{301}", "a.\u{A0}", "a.\u{A0} ", "a.\u{2007}", "a.\u{200B}", "a.\u{202F}", "a.\u{FEFF}", "a.\u{2003}",
            "a.\u{B}", "a\u{B}.", "\u{C}.", "a\r\n", "…", "。", "x\u{200D}", "🇸🇪.", " ", "\u{A0}", "",
        ]
        var body = "<html><body>"
        for (i, ending) in endings.enumerated() {
            body += "<p>\(ending)</p><div>x<b>\(ending)</b></div><div><span>y</span>\(ending)<i> \n</i></div>"
            body += "<p>z <a href=\"/\(i)\">w</a>\(ending)<span>\u{A0}</span><em></em></p>"
        }
        body += "<div><p></p><p> </p></div></body></html>"
        let document = try MarkupDocument(html: Array(body.utf8))
        trees.append(try #require(HTMLPageReader.mirrorBody(of: document)))
        var checked = 0, offTheText = 0
        for tree in trees {
            for i in 0..<tree.elementCount {
                let element = PageElement(tree: tree, index: Int32(i))
                let expected = element.normalizedText.last.map(\.isSentenceEnd)
                #expect(element.lastCharacterIsSentenceEnd == expected, "\(element.normalizedText.suffix(20).debugDescription)")
                if case let .known(answer) = element.lastCharacterIsSentenceEndInLastText() {
                    #expect(answer == expected, "\(element.normalizedText.suffix(20).debugDescription)")
                    offTheText += 1
                }
                checked += 1
            }
        }
        #expect(checked >= endings.count * 8)
        #expect(offTheText > checked / 2)
    }

    /// Locators are counted on the mirror where every element child is mirrored, and on the
    /// parsed tree where one is not (a script, a hidden element): either way, each element's
    /// locator is what `xmlGetNodePath` writes for its node.
    @Test func everyMirroredElementHasTheLocatorXmlGetNodePathWrites() throws {
        var trees = try Self.mirroredPages(limit: 40)
        let madeUp = """
            <html><body><div><p>a</p><script>x</script><p>b</p><p hidden>c</p><p>d</p><span>e</span></div>
            <div><section><p>f</p></section><section><p>g</p><p>h</p></section><style>s</style></div>
            <div><x-a>i</x-a><x-b>j</x-b><x-a>k</x-a><p>l</p></div><div><p>m</p></div></body></html>
            """
        let document = try MarkupDocument(html: Array(madeUp.utf8))
        trees.append(try #require(HTMLPageReader.mirrorBody(of: document)))
        var checked = 0
        for tree in trees {
            // In reverse too, so that a child's locator may be asked for before its siblings'.
            for i in (0..<tree.elementCount).reversed() {
                let element = PageElement(tree: tree, index: Int32(i))
                #expect(element.locator == element.source.locator)
                #expect(element.hasEmptyLocator == element.storedLocator.isEmpty)
                checked += 1
            }
        }
        // The made-up page alone has 19 elements; the real pages (when the testdata is there) add thousands.
        #expect(checked >= 19)
    }

    /// ``PageElement/hasEmptyLocator`` (which the outline builder asks instead of making a
    /// locator) agrees with the locator itself, also when the mirrored node's locator is empty
    /// and the root's locator with it.
    @Test func emptyLocatorsAreTheRootsOfEmptyRootLocators() throws {
        let page = "<html><body><div><p>a</p><p>b <b>c</b></p></div><ul><li>d</li></ul></body></html>"
        for rootLocator in ["", "/html/body"] {
            let tree = try #require(HTMLPageReader.mirrorBody(of: try MarkupDocument(html: Array(page.utf8))))
            tree.rootLocator = rootLocator
            var empty = 0
            for i in 0..<tree.elementCount {
                let element = PageElement(tree: tree, index: Int32(i))
                let expected = element.storedLocator.isEmpty
                #expect(element.hasEmptyLocator == expected, "\(rootLocator) \(i)")
                if expected { empty += 1 }
            }
            #expect(empty == (rootLocator.isEmpty ? 1 : 0))
        }
    }

    @Test func locatorTablesWriteThePathsConcatenated() {
        for root in ["", "/html/body", "/x/" + String(repeating: "ö", count: 40)] {
            let names = ["p", "section", "x-part7", "", "ö"]
            let table = LocatorTable(elementCount: 4, tagNames: names, rootLocator: root)
            table.recordRoot(0)
            #expect(StoredLocator(element: 0, in: table).string == root)
            #expect(StoredLocator(element: 0, in: table).isEmpty == root.isEmpty)
            for (tag, name) in names.enumerated() {
                for index in [0, 1, 9, 10, 99, 100, 4711, Int(Int32.max)] {
                    table.record(1, parent: 0, tag: 1, index: 2)
                    table.record(2, parent: 1, tag: Int32(tag), index: index)
                    table.record(3, parent: 2, namespacedStep: "atom:entry[\(index)]")
                    let expected = root + "/section[2]/" + name + (index > 0 ? "[\(index)]" : "")
                    let locator = StoredLocator(element: 2, in: table)
                    #expect(locator.string == expected)
                    #expect(!locator.isEmpty)
                    #expect(locator == StoredLocator(expected))
                    #expect(StoredLocator(element: 3, in: table).string == expected + "/atom:entry[\(index)]")
                }
            }
        }
    }

    @Test func pagesWithManySiblingsGetTheLocatorsXPathSelects() throws {
        var html = "<html><body><main><article><h1>Titel</h1>"
        for i in 0..<400 {
            html += "<section><h2>Avsnitt \(i)</h2><p>Text om regional utveckling, nummer \(i).</p><p>Mer text.</p></section>"
        }
        html += "</article></main></body></html>"
        let bytes = Array(html.utf8)
        let outline = try HTMLPageReader().read(bytes)
        let document = try MarkupDocument(html: bytes)
        let blocks = outline.root.allBlocks
        #expect(blocks.count == 800)
        for block in blocks.prefix(20) + blocks.suffix(20) {
            let nodes = try document.select(block.locator)
            #expect(nodes.count == 1, "\(block.locator)")
            #expect(nodes.first.map { TextNormalizer.normalize($0.textContent) } == block.text)
        }
        #expect(blocks.last?.locator == "/html/body/main/article/section[400]/p[2]")
    }

    @Test func pagesWithHundredsOfTagNamesKeepEachTagApart() throws {
        var html = "<html><body><article>"
        for i in 0..<300 { html += "<x-part\(i)><p>Stycke nummer \(i) om regional utveckling i länet.</p></x-part\(i)>" }
        html += "<x-part7><p>Det sista stycket om regional utveckling i länet.</p></x-part7></article></body></html>"
        let bytes = Array(html.utf8)
        let outline = try HTMLPageReader().read(bytes)
        let document = try MarkupDocument(html: bytes)
        let blocks = outline.root.allBlocks
        #expect(blocks.count == 301)
        for block in blocks {
            let nodes = try document.select(block.locator)
            #expect(nodes.count == 1, "\(block.locator)")
        }
        #expect(blocks[7].locator == "/html/body/article/x-part7[1]/p")
        #expect(blocks.last?.locator == "/html/body/article/x-part7[2]/p")
    }
}
