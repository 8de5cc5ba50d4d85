import Foundation
import Testing
@testable import Markup

@Suite("Hostile input")
struct SafetyTests {
    @Test func externalFileEntityIsNotRead() throws {
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("rus-xxe-secret-\(UUID().uuidString).txt")
        try "TOP-SECRET-CONTENT".write(to: secret, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: secret) }
        let xml = Array("""
        <?xml version="1.0"?>
        <!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://\(secret.path)">]>
        <rss><channel><title>&xxe;</title></channel></rss>
        """.utf8)
        #expect(throws: MarkupError.entityDeclaration(name: "xxe", line: 2)) { try MarkupDocument(xml: xml) }
    }

    @Test func externalDTDIsNotLoaded() throws {
        let xml = Array("""
        <?xml version="1.0"?>
        <!DOCTYPE rss SYSTEM "file:///etc/passwd">
        <rss><channel><title>ok</title></channel></rss>
        """.utf8)
        let doc = try MarkupDocument(xml: xml)
        #expect(try doc.select("/rss/channel/title").first?.textContent == "ok")
        #expect(!(doc.root?.textContent.contains("root:") ?? true))
    }

    @Test func billionLaughsFailsCleanly() throws {
        var text = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n"
        for i in 1...9 { text += "<!ENTITY lol\(i) \"" + String(repeating: "&lol\(i == 1 ? "" : String(i - 1));", count: 10) + "\">\n" }
        text += "]>\n<lolz>&lol9;</lolz>"
        #expect(throws: MarkupError.entityDeclaration(name: "lol", line: 3)) { try MarkupDocument(xml: Array(text.utf8)) }
    }

    @Test(arguments: ["xmlbomb.xml", "xmlbomb2.xml", "quadratic.xml", "external.xml", "external_file.xml", "cyclic.xml", "dtd.xml"])
    func sharedHostileCorpusEndsInErrorOrSafeParse(file: String) throws {
        guard SharedTestData.isAvailable else {
            print("skipped: ../shared/testdata is absent")
            return
        }
        let bytes = try SharedTestData.bytes("hostile-xml/\(file)")
        do {
            let doc = try MarkupDocument(xml: bytes)
            // A safe parse: nothing was expanded or fetched.
            let text = doc.root?.textContent ?? ""
            #expect(text.count < 10_000)
            #expect(!text.contains("root:x:0:0"))
        } catch {
            #expect(!error.description.isEmpty)
        }
    }

    @Test func inputOverTheCapIsRefused() throws {
        var options = ParseOptions()
        options.maximumInputBytes = 100
        let html = Array(("<p>" + String(repeating: "a", count: 200) + "</p>").utf8)
        #expect(throws: MarkupError.limitExceeded(LimitExceeded(.inputBytes, value: 207, maximum: 100))) { try MarkupDocument(html: html, options: options) }
    }

    @Test func tagWithTooManyAttributesIsRefusedBeforeParsing() throws {
        let attributes = (0..<5_000).map { "a\($0)=\"x\"" }.joined(separator: " ")
        let html = Array("<html><body>\n<div \(attributes)>x</div></body></html>".utf8)
        #expect(throws: MarkupError.limitExceeded(LimitExceeded(.attributesPerElement, value: 1_001, maximum: 1_000, location: "line 2"))) { try MarkupDocument(html: html) }
    }

    @Test func strayQuoteInAnUnquotedValueDoesNotCountTheRestAsAttributes() throws {
        // Seen in the wild: typographic quotes around one value, a straight quote closing it.
        let words = String(repeating: "ord ", count: 3_000)
        let html = Array("<html><head><meta name=“verification” content=“abc8\" /></head><body><p>\(words)</p><p>\"slut\"</p></body></html>".utf8)
        let doc = try MarkupDocument(html: html)
        #expect(try doc.select("//p").count == 2)
    }

    @Test func emptyInputIsATypedError() {
        #expect(throws: MarkupError.empty) { try MarkupDocument(xml: Array("  \n".utf8)) }
    }

    @Test func malformedXMLWithoutRecoveryReportsLineAndColumn() throws {
        var options = ParseOptions()
        options.recoverMalformedXML = false
        let xml = Array("<rss>\n<channel>\n<title>a</titel>\n</channel></rss>".utf8)
        let error = #expect(throws: MarkupError.self) { try MarkupDocument(xml: xml, options: options) }
        guard case let .notWellFormed(message, line, _)? = error else {
            Issue.record("expected notWellFormed, got \(String(describing: error))")
            return
        }
        #expect(line == 3)
        #expect(message.contains("mismatch"))
    }

    @Test func malformedXMLIsRecoveredWithDiagnostics() throws {
        let xml = Array("<rss>\n<channel>\n<title>a & b</title>\n</channel></rss>".utf8)
        let doc = try MarkupDocument(xml: xml)
        #expect(!doc.diagnostics.isEmpty)
        #expect(doc.diagnostics.first?.line == 3)
        #expect(try doc.select("//title").first != nil)
    }
}
