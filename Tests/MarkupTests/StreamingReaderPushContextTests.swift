import Foundation
import Testing
@testable import Markup

/// A ``StreamingXMLReader`` made with an ``XMLPushContextCache`` streams with the libxml2 push
/// context the reader before it kept (reset, given its options and encoding again). These
/// tests stream the edge cases below and the shared test data (feedparser feeds, hostile XML)
/// one after the other with one cache, in order and reversed, in chunks of several sizes and
/// with several options, and each with a new context: the events (with their line numbers),
/// the errors, the diagnostics and the encoding must be the same. They also check what is
/// kept: a context of a stream ended or given up, not one dropped halfway, not one with a
/// large dictionary, not one for another `recover`.
@Suite("Push parser contexts kept between streams")
struct StreamingReaderPushContextTests {
    /// Documents that leave a push context in every state it has.
    static let edgeCases: [String] = [
        // Attribute defaults and an internal subset: the next document must get none.
        "<!DOCTYPE a [<!ATTLIST a x CDATA 'd'>]><a/>",
        "<a/>",
        "<!DOCTYPE a [<!ENTITY e 'x'>]><a>&e;</a>",
        "<a>&e;</a>",
        // Namespaces left open by a document cut short; the next uses their prefixes unbound.
        "<a xmlns='urn:x' xmlns:p='urn:p'><p:b><c>",
        "<a><p:b/><c/></a>",
        "<p:a xmlns:p='urn:p'><b/></p:a>",
        // Not well-formed, cut short, not XML, empty, only a declaration.
        "<a><b></a>",
        "<a>&bogus; &amp; &#x41; &#0;</a>",
        "<a><b attr='1' attr='2'/></a>",
        "hello",
        "",
        "  \n ",
        "<?xml version='1.0'?>",
        "<?xml version='1.0'?><a>open",
        // Depth: cut at the limit.
        String(repeating: "<d>", count: 40) + String(repeating: "</d>", count: 40),
        // CDATA, comments, processing instructions, white space.
        "<a><![CDATA[x<y]]><!-- c --><?pi x?>\n  <b> t </b></a>",
        // The encoding: declared, overridden by the transport charset in one option set (then
        // libxml2 must ignore the declaration), UTF-16 with a byte-order mark below.
        "<?xml version='1.0' encoding='ISO-8859-1'?><a>\u{E5}\u{E4}\u{F6}</a>",
        "<?xml version='1.0' encoding='windows-1252'?><a>\u{20AC}</a>",
        // Line numbers past 65,535 (XML_PARSE_BIG_LINES).
        "<a>" + String(repeating: "\n", count: 70_000) + "<b/>\n<c/></a>",
        "<rss version='2.0'><channel><title>T</title><item><title>i</title></item></channel></rss>",
    ]

    static func edgeCaseBytes() -> [(name: String, bytes: [UInt8])] {
        var documents = edgeCases.enumerated().map { ("edge case \($0.offset)", Array($0.element.utf8)) }
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in "<a>utf-16 \u{E5}</a>".utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        documents.append(("UTF-16", utf16))
        documents.append(("Windows-1252 bytes", [0x3C, 0x61, 0x3E, 0xE5, 0x80, 0x3C, 0x2F, 0x61, 0x3E]))
        return documents
    }

    /// The option sets each document is streamed with.
    static let optionSets: [(name: String, options: StreamingXMLReader.Options)] = {
        var strict = StreamingXMLReader.Options()
        strict.recoverMalformedXML = false
        var transport = StreamingXMLReader.Options(transportCharset: "utf-8")
        transport.repairMalformedReferences = true
        var shallow = StreamingXMLReader.Options()
        shallow.limits.depth = 12
        shallow.sniffLength = 16
        return [("default", StreamingXMLReader.Options()), ("strict", strict), ("transport utf-8", transport), ("shallow", shallow)]
    }()

    /// Everything a stream of `bytes` gives: events with their lines, the error, the
    /// diagnostics, whether it is well-formed, the charset.
    static func outcome(_ bytes: [UInt8], options: StreamingXMLReader.Options, chunkSize: Int, contexts: XMLPushContextCache?) -> String {
        outcome(of: StreamingXMLReader(options: options, pushContexts: contexts), bytes, chunkSize: chunkSize)
    }

    /// The same, streamed by `reader`.
    static func outcome(of reader: StreamingXMLReader, _ bytes: [UInt8], chunkSize: Int) -> String {
        var events: [XMLStreamEvent] = []
        var thrown = "none"
        do {
            var offset = 0
            while offset < bytes.count {
                try reader.parse(bytes[offset..<min(bytes.count, offset + chunkSize)], into: &events)
                offset += chunkSize
            }
            try reader.finish(into: &events)
        } catch {
            thrown = String(reflecting: error)
        }
        return "\(events)\nerror: \(thrown)\ndiagnostics: \(reader.diagnostics)\nwell-formed: \(reader.isWellFormed) "
            + "\(String(describing: reader.eventsWhileWellFormed)) charset: \(String(describing: reader.charset))"
    }

    /// Streams `documents` with each option set and chunk size, one cache for all (in order,
    /// then reversed), and expects what a new context gives each.
    static func expectKeptAsNew(_ documents: [(name: String, bytes: [UInt8])], chunkSizes: [Int]) {
        let contexts = XMLPushContextCache()
        var kept = 0
        for (setName, options) in optionSets {
            for size in chunkSizes {
                let fresh = documents.map { outcome($0.bytes, options: options, chunkSize: size, contexts: nil) }
                for k in Array(documents.indices) + documents.indices.reversed() {
                    if contexts.holdsContext { kept += 1 }
                    let mine = outcome(documents[k].bytes, options: options, chunkSize: size, contexts: contexts)
                    #expect(mine == fresh[k], "\(documents[k].name), \(setName), chunks of \(size)")
                }
            }
        }
        // Most streams had a kept context (the first of each option set, after a change of
        // `recover`, and after an empty document do not).
        #expect(kept > documents.count * optionSets.count * chunkSizes.count)
    }

    @Test func edgeCasesStreamAsWithANewContext() {
        Self.expectKeptAsNew(Self.edgeCaseBytes(), chunkSizes: [1, 5, 64, 1 << 20])
    }

    @Test func sharedTestDataStreamsAsWithANewContext() throws {
        guard SharedTestData.isAvailable else {
            print("skipped: ../shared/testdata is absent")
            return
        }
        let documents = try SharedTestData.xmlFiles(in: ["feedparser/feeds", "hostile-xml"]) + Self.edgeCaseBytes()
        #expect(documents.count > 390)
        Self.expectKeptAsNew(documents, chunkSizes: [7, 512, 1 << 20])
    }

    @Test func onlyAStreamEndedOrGivenUpKeepsItsContext() {
        let contexts = XMLPushContextCache()
        let document = Array("<a><b>text</b></a>".utf8)
        do {
            let dropped = StreamingXMLReader(options: .init(), pushContexts: contexts)
            _ = try? dropped.parse(document.prefix(8))
        }
        #expect(!contexts.holdsContext, "a stream dropped halfway frees its context")
        do {
            let ended = StreamingXMLReader(options: .init(), pushContexts: contexts)
            _ = try? ended.parse(document)
            _ = try? ended.finish()
        }
        #expect(contexts.holdsContext)
        do {
            var strict = StreamingXMLReader.Options()
            strict.recoverMalformedXML = false
            strict.sniffLength = 4
            let givenUp = StreamingXMLReader(options: strict, pushContexts: contexts)
            #expect(throws: MarkupError.self) { try givenUp.parse(Array("<a><b></a>".utf8)) }
            #expect(!contexts.holdsContext, "taken (and freed: another recover) while the stream runs")
        }
        #expect(contexts.holdsContext, "a stream given up keeps it")
        do {
            let ended = StreamingXMLReader(options: .init(), pushContexts: contexts)
            _ = try? ended.parse(document)
            _ = try? ended.finish()
            ended.endParser()
            #expect(contexts.holdsContext, "given back when the reader ends its parser")
        }
    }

    @Test func aContextWithALargeDictionaryIsNotKept() {
        var s = "<a>"
        for k in 0..<30_000 { s += "<name\(k)/>" }
        s += "</a>"
        var options = StreamingXMLReader.Options()
        options.limits.elements = 1_000_000
        let contexts = XMLPushContextCache()
        let reader = StreamingXMLReader(options: options, pushContexts: contexts)
        _ = try? reader.parse(Array(s.utf8))
        _ = try? reader.finish()
        reader.endParser()
        #expect(!contexts.holdsContext)
    }
}
