import Foundation
import Testing
@testable import Markup

/// ``MarkupDocument/init(xml:options:)`` reads natively read UTF-8 with an input buffer that
/// libxml2 never asks for more (`LibXML2.readMemory`) instead of through `xmlCtxtReadMemory`:
/// the same tree (every node, attribute, text and line number), the same diagnostics and
/// verdicts, and the same errors either way.
@Suite("XML trees read without a read callback")
struct MarkupDocumentReadCallbackTests {
    /// Everything a tree holds, element by element, with its line; or what the parse threw.
    static func reading(_ bytes: [UInt8], withoutReadCallback: Bool, options: ParseOptions = ParseOptions()) -> String {
        let result = Result { () throws(MarkupError) in
            try MarkupDocument(bytes: bytes, kind: .xml, options: options, withoutReadCallback: withoutReadCallback)
        }
        switch result {
        case let .success(document):
            var lines = ["charset \(document.charset.name), repaired \(document.repairedEntities)"]
            lines += document.diagnostics.map { "diagnostic \($0.line):\($0.column) \($0.message)" }
            for element in document.topLevelElements { describe(element, depth: 0, into: &lines) }
            return lines.joined(separator: "\n")
        case let .failure(error):
            return "threw \(error)"
        }
    }

    private static func describe(_ node: MarkupNode, depth: Int, into lines: inout [String]) {
        let indent = String(repeating: " ", count: depth)
        guard node.isElement else {
            lines.append("\(indent)\(node.kind) \(node.textContent.debugDescription)")
            return
        }
        let attributes = node.attributes.map { "\($0.name)=\($0.value.debugDescription)" }.joined(separator: " ")
        lines.append("\(indent)<\(node.name) ns=\(node.namespaceURI ?? "-") line \(node.line) \(attributes)>")
        for child in node.children { describe(child, depth: depth + 1, into: &lines) }
    }

    static func expectSame(_ bytes: [UInt8], _ context: String, options: ParseOptions = ParseOptions()) {
        let without = reading(bytes, withoutReadCallback: true, options: options)
        let with = reading(bytes, withoutReadCallback: false, options: options)
        #expect(without == with, "\(context)")
    }

    @Test func edgeCasesReadTheSame() {
        for (k, document) in StreamingReaderNativeMemoryTests.edgeCasesAndCutFeeds.enumerated() {
            Self.expectSame(Array(document.utf8), "document \(k): \(document.prefix(50))")
        }
        var deep = ParseOptions()
        deep.limits.depth = 100
        Self.expectSame(Array((String(repeating: "<d>", count: 150) + String(repeating: "</d>", count: 150)).utf8), "beyond the depth limit", options: deep)
        var strict = ParseOptions()
        strict.recoverMalformedXML = false
        Self.expectSame(Array("<a><b></a>".utf8), "not recovered", options: strict)
        Self.expectSame(Array("<a>cut".utf8), "cut, not recovered", options: strict)
    }

    /// The description the routes are compared by sees the text (a different text, a different
    /// description), and a document in Latin-1, which goes through a converter and so through
    /// `xmlCtxtReadMemory` both times, reads as it should.
    @Test func theComparisonSeesTheContent() {
        let latin1: [UInt8] = Array("<?xml version='1.0' encoding='iso-8859-1'?><a>G".utf8) + [0xF6] + Array("teborg</a>".utf8)
        let without = Self.reading(latin1, withoutReadCallback: true)
        #expect(without == Self.reading(latin1, withoutReadCallback: false))
        #expect(without.contains("Göteborg"))
        #expect(Self.reading(Array("<a>x</a>".utf8), withoutReadCallback: true) != Self.reading(Array("<a>y</a>".utf8), withoutReadCallback: false))
    }

    /// The feedparser feeds and the hostile XML of the shared test data.
    @Test func sharedTestDataReadsTheSame() throws {
        guard SharedTestData.isAvailable else {
            print("skipped: ../shared/testdata is absent")
            return
        }
        let files = try SharedTestData.xmlFiles(in: ["feedparser/feeds", "hostile-xml"])
        for file in files { Self.expectSame(file.bytes, file.name) }
        #expect(files.count > 390)
    }
}
