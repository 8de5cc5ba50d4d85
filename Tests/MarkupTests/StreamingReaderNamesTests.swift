import Foundation
import Testing
@testable import Markup

/// A receiver that writes down each start tag as the public events would have it
/// (``XMLStartTag/element``), and the ends.
private final class TagRecorder: XMLEventReceiver {
    let names = XMLNameTable()
    var events: [XMLStreamEvent] = []
    var mismatches: [String] = []

    func startElement(_ tag: XMLStartTag, afterMalformation: Bool) {
        events.append(.startElement(tag.element))
        // The lookup the rules make, against the general one.
        for name in ["base", "lang", "version", "href", "isPermaLink"] {
            for uri in [nil, "http://www.w3.org/XML/1998/namespace"] as [String?] {
                let general = uri.map { tag.element.attribute(name, namespaceURI: $0) } ?? tag.element.attribute(name)
                if tag.attribute(name, namespaceURI: uri) != general { mismatches.append("attribute \(name) of <\(names[tag.localName])>") }
            }
        }
    }

    func endElement() { events.append(.endElement) }
    var wantsText: Bool { false }
    func text(_ utf8: UnsafeBufferPointer<UInt8>) {}
}

/// ``XMLStartTag`` gives a receiver each start tag as indices into its names and reads
/// attributes and declarations from libxml2's arrays; the public events build an
/// ``XMLStreamElement`` from the same callback. These tests hold the two against each other.
@Suite("Start tags for receivers are the public events' start tags")
struct StreamingReaderNamesTests {
    /// The elements of the public events, and those a receiver gets, without text.
    static func both(_ bytes: [UInt8], chunkSize: Int = 1 << 18) throws -> (events: [XMLStreamEvent], received: [XMLStreamEvent], mismatches: [String]) {
        let reader = StreamingXMLReader()
        var events: [XMLStreamEvent] = []
        var offset = 0
        repeat {
            try reader.parse(bytes[offset..<min(bytes.count, offset + chunkSize)], into: &events)
            offset += chunkSize
        } while offset < bytes.count
        try reader.finish(into: &events)
        let streamed = StreamingXMLReader()
        let recorder = TagRecorder()
        offset = 0
        repeat {
            try bytes[offset..<min(bytes.count, offset + chunkSize)].withUnsafeBufferPointer { try streamed.parse($0, to: recorder) }
            offset += chunkSize
        } while offset < bytes.count
        try streamed.finish(to: recorder)
        return (events.filter { if case .text = $0 { false } else { true } }, recorder.events, recorder.mismatches)
    }

    @Test(arguments: [
        "<rss version='2.0' xml:base='http://a/' xmlns:dc='http://purl.org/dc/elements/1.1/'><channel><item><dc:creator>x</dc:creator></item></channel></rss>",
        "<feed xmlns='http://www.w3.org/2005/Atom' xml:lang='sv'><entry><link href='a?b=1&amp;c=2&#38;d' rel='alternate'/></entry></feed>",
        "<r xmlns:p='urn:p'><p:a p:x='1' y='&lt;2&gt;' xmlns=''/><itunes:subtitle>s</itunes:subtitle><q:b q:c='3'/></r>",
        "<r xmlns='urn:d'><a xmlns='' b=''/><c xmlns:e='urn:e' e:f='g' xml:space='preserve'/></r>",
        "<r><a a1='1' a2='2' a3='3' a4='4' a5='5'/><guid isPermaLink='false'>id</guid></r>",
    ])
    func madeUpTagsAreTheSame(_ text: String) throws {
        let (events, received, mismatches) = try Self.both(Array(text.utf8))
        #expect(received == events)
        #expect(mismatches.isEmpty)
        #expect(!events.isEmpty)
    }

    @Test func feedparserFeedsGiveTheSameTags() throws {
        guard SharedTestData.isAvailable else {
            print("skipped: ../shared/testdata is absent")
            return
        }
        let folder = SharedTestData.root.appendingPathComponent("feedparser/feeds")
        let files = (FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(".xml") }.sorted()
        #expect(files.count > 300)
        var compared = 0
        for file in files {
            let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(file)))
            guard !bytes.isEmpty, let (events, received, mismatches) = try? Self.both(bytes, chunkSize: 97) else { continue }
            #expect(received == events, "\(file)")
            #expect(mismatches.isEmpty, "\(file): \(mismatches)")
            compared += 1
        }
        #expect(compared > 300)
    }

    @Test func aTableThatStartsOverGivesNewIndicesOnly() {
        let names = XMLNameTable()
        let a = names.index(of: "a")
        #expect(names.index(of: "a") == a)
        for k in 0..<100 { _ = names.index(of: "n\(k)") }
        // Past the names searched in order, a dictionary finds them.
        #expect(names.index(of: "n7") == names.index(of: "n7"))
        #expect(names[names.index(of: "n99")] == "n99")
        #expect(names.count == 101)
        let generation = names.generation
        names.removeAll()
        #expect(names.count == 0 && names.generation == generation + 1)
        #expect(names.index(of: "n99") == 0)
        #expect(names.name(0, is: "n99") && !names.name(0, is: "n98") && !names.name(-1, is: ""))
    }
}
