import Testing
@testable import Markup

@Suite("Documents, nodes and XPath")
struct MarkupDocumentTests {
    @Test func undefinedHTMLEntitiesInXMLAreResolved() throws {
        let xml = Array("<rss><channel><item><description>V&auml;sternorrland&nbsp;&ouml;&amp;&#228;<![CDATA[&auml;]]></description></item></channel></rss>".utf8)
        let doc = try MarkupDocument(xml: xml)
        #expect(doc.repairedEntities == 3)
        #expect(try doc.select("//description").first?.textContent == "Västernorrland\u{A0}ö&ä&auml;")
        #expect(doc.diagnostics.isEmpty)
    }

    @Test func xpathWithNamespacePrefixes() throws {
        let xml = Array("""
        <feed xmlns="http://www.w3.org/2005/Atom"><title>Nyheter</title>
        <entry><title>Första</title></entry><entry><title>Andra</title></entry></feed>
        """.utf8)
        let doc = try MarkupDocument(xml: xml)
        let titles = try doc.select("/a:feed/a:entry/a:title", namespaces: ["a": "http://www.w3.org/2005/Atom"])
        #expect(titles.map(\.textContent) == ["Första", "Andra"])
        #expect(titles[1].locator == "/*/*[3]/*")
        #expect(titles[0].namespaceURI == "http://www.w3.org/2005/Atom")
    }

    @Test func locatorSelectsTheSameNodeAgain() throws {
        let html = Array("<html><body><ul><li>a</li><li>b <b>c</b></li></ul><p>d</p></body></html>".utf8)
        let doc = try MarkupDocument(html: html)
        let item = try #require(try doc.select("//li").last)
        #expect(item.locator == "/html/body/ul/li[2]")
        #expect(try doc.select(item.locator).first?.normalizedText == "b c")
    }

    @Test func invalidXPathIsATypedError() throws {
        let doc = try MarkupDocument(html: Array("<p>x</p>".utf8))
        #expect(throws: MarkupError.self) { try doc.select("//p[") }
    }

    @Test func attributesAndTextNormalisation() throws {
        let html = Array("<html><body><a href=\"/a.pdf\" class=\"x y\">  Handlings&shy;plan\n\t&nbsp;2016 </a></body></html>".utf8)
        let doc = try MarkupDocument(html: html)
        let link = try #require(try doc.select("//a").first)
        #expect(link.attribute("href") == "/a.pdf")
        #expect(link.attributes.map(\.name) == ["href", "class"])
        #expect(link.normalizedText == "Handlings\u{AD}plan 2016")
        #expect(link.line == 1)
    }

    @Test func nodesKeepTheirDocumentAlive() throws {
        func firstParagraph() throws -> MarkupNode? {
            let doc = try MarkupDocument(html: Array("<p>kvar</p>".utf8))
            return try doc.select("//p").first
        }
        let node = try #require(try firstParagraph())
        #expect(node.textContent == "kvar")
    }
}

@Suite("libxml2's messages trimmed")
struct ErrorMessageTrimTests {
    @Test func trimsAsFoundationDoes() {
        let messages = [
            "Opening and ending tag mismatch: title line 1 and x\n", "  \t\r\n\u{0B}\u{0C}x y\n\n", "", " \n\t", "x",
            "\u{A0}nbsp at the start\n", "ends in a no-break space\u{A0}", "\u{2028}line separator\u{2029}", "\u{3000}ideographic space\u{3000}",
            "\u{85}next line\u{85}", "título på svenska: åäö\n", "\u{FEFF}not white space\u{FEFF}", "é\n", "\n\u{301}combining\n", "\u{1C}file separator\u{1F}",
        ]
        for message in messages {
            #expect(ErrorCollector.trimmed(message) == message.trimmingCharacters(in: .whitespacesAndNewlines), "\(message.debugDescription)")
        }
    }

    @Test func diagnosticsAreTrimmed() throws {
        let document = try MarkupDocument(xml: Array("<r><a>text</b></r>".utf8))
        #expect(document.diagnostics.first?.message == "Opening and ending tag mismatch: a line 1 and b")
    }
}
