import Foundation
import Testing
@testable import Markup

/// Every limit of ``ParseLimits`` refuses what goes over it with the limit, the value and the
/// place, in the tree parse and in the stream alike; nothing over a limit comes back in part.
@Suite("Parse limits")
struct ParseLimitsTests {
    static func nested(_ depth: Int, html: Bool) -> [UInt8] {
        let open = html ? "<div>" : "<a>", close = html ? "</div>" : "</a>"
        let text = html ? "<html><body>" + String(repeating: open, count: depth) + "djupt" + String(repeating: close, count: depth) + "<p>efter</p></body></html>"
            : "<r>" + String(repeating: open, count: depth) + "djupt" + String(repeating: close, count: depth) + "<b>efter</b></r>"
        return Array(text.utf8)
    }

    static func limit(_ error: MarkupError) -> LimitExceeded? {
        if case let .limitExceeded(exceeded) = error { return exceeded }
        return nil
    }

    func treeError(_ bytes: [UInt8], html: Bool, _ options: ParseOptions = ParseOptions()) -> LimitExceeded? {
        do {
            _ = html ? try MarkupDocument(html: bytes, options: options) : try MarkupDocument(xml: bytes, options: options)
            return nil
        } catch { return Self.limit(error) }
    }

    func streamError(_ bytes: [UInt8], _ options: StreamingXMLReader.Options = .init(), chunk: Int = 4096) -> LimitExceeded? {
        let reader = StreamingXMLReader(options: options)
        do {
            var offset = 0
            while offset < bytes.count {
                _ = try reader.parse(bytes[offset..<min(bytes.count, offset + chunk)])
                offset += chunk
            }
            _ = try reader.finish()
            return nil
        } catch { return Self.limit(error) }
    }

    /// libxml2 stops at depth 256 without XML_PARSE_HUGE; what it read before is not the
    /// document, so the parse is refused instead of returned cut short.
    @Test(arguments: [true, false])
    func deeperThanLibxml2IsRefusedNotCut(html: Bool) throws {
        #expect(treeError(Self.nested(240, html: html), html: html) == nil)
        let exceeded = try #require(treeError(Self.nested(300, html: html), html: html))
        #expect(exceeded.limit == .depth && exceeded.maximum == 256 && exceeded.value == 257)
        #expect(exceeded.description.hasSuffix("over the limit of 256 (the most libxml2 reads safely)"))
        if !html {
            #expect(streamError(Self.nested(300, html: false))?.limit == .depth)
            #expect(streamError(Self.nested(240, html: false)) == nil)
        }
    }

    @Test func aLowerDepthIsCheckedToo() throws {
        var options = ParseOptions()
        options.limits.depth = 10
        #expect(treeError(Self.nested(8, html: false), html: false, options) == nil)  // r + 8 + nothing deeper: depth 9
        let exceeded = try #require(treeError(Self.nested(12, html: false), html: false, options))
        #expect(exceeded == LimitExceeded(.depth, value: 11, maximum: 10, location: "line 1"))
        #expect(try #require(treeError(Self.nested(12, html: true), html: true, options)).limit == .depth)
        var stream = StreamingXMLReader.Options()
        stream.limits.depth = 10
        #expect(streamError(Self.nested(12, html: false), stream) == LimitExceeded(.depth, value: 11, maximum: 10, location: "line 1"))
        #expect(streamError(Self.nested(8, html: false), stream) == nil)
    }

    @Test func aLongStartTagIsRefusedBeforeParsing() throws {
        let value = String(repeating: "x", count: 3_000_000)
        let xml = Array("<r>\n<a title=\"\(value)\">text</a></r>".utf8)
        let expected = LimitExceeded(.startTagBytes, value: 2_000_001, maximum: 2_000_000, location: "line 2")
        #expect(treeError(xml, html: false) == expected)
        #expect(treeError(xml, html: true) == expected)
        #expect(streamError(xml, chunk: 1000) == expected)  // across chunks
        var options = ParseOptions()
        options.limits.startTagBytes = 4_000_000
        #expect(treeError(xml, html: false, options) == nil)
    }

    @Test func textOutsideTagsIsCounted() throws {
        var options = ParseOptions()
        options.limits.textBytes = 1_000
        let xml = Array(("<r>\n<a>" + String(repeating: "Västernorrland ", count: 100) + "</a></r>").utf8)
        let exceeded = try #require(treeError(xml, html: false, options))
        #expect(exceeded.limit == .textBytes && exceeded.value > 1_000 && exceeded.maximum == 1_000)
        options.limits.textBytes = 10_000
        #expect(treeError(xml, html: false, options) == nil)
    }

    @Test func limitsByName() {
        var limits = ParseLimits()
        for limit in ParseLimit.allCases { limits[limit] = 7 }
        #expect(ParseLimit.allCases.allSatisfy { limits[$0] == 7 })
        limits[.depth] = 1000
        #expect(limits.depth == 256)
        #expect(ParseLimit.zipCompressionRatio.propertyName == "zipCompressionRatio")
        #expect(ParseLimit.depth.propertyName == "depth")
    }
}
