import Foundation
import Testing
@testable import Markup

/// Writes down every event of an in-memory read: start tags as the public events have them,
/// ends, and the text between two tags joined (as a receiver joins libxml2's pieces).
private final class EventRecorder: XMLEventReceiver {
    let names = XMLNameTable()
    var log: [String] = []
    private var text: [UInt8] = []

    private func flush() {
        if !text.isEmpty { log.append("text \(String(decoding: text, as: UTF8.self).debugDescription)") }
        text.removeAll()
    }

    func startElement(_ tag: XMLStartTag, afterMalformation: Bool) {
        flush()
        log.append("start \(String(reflecting: tag.element)) \(afterMalformation)")
    }

    func endElement() {
        flush()
        log.append("end")
    }

    var wantsText: Bool { true }
    func text(_ utf8: UnsafeBufferPointer<UInt8>) { text.append(contentsOf: utf8) }

    func finish() -> [String] {
        flush()
        return log
    }
}

/// Counts the events of an in-memory read: a receiver of another type than ``EventRecorder``
/// with instances of the same size, so that one is often made where the other was freed.
private final class EventCounter: XMLEventReceiver {
    let names = XMLNameTable()
    var starts = 0
    var ends = 0

    func startElement(_ tag: XMLStartTag, afterMalformation: Bool) { starts += 1 }
    func endElement() { ends += 1 }
    var wantsText: Bool { false }
    func text(_ utf8: UnsafeBufferPointer<UInt8>) {}
}

/// ``StreamingXMLReader/readInMemory(_:options:stopAtFatalError:withoutReadCallback:contexts:to:)`` reads
/// UTF-8 documents with an input buffer that libxml2 never asks for more
/// (``LibXML2/readMemory(_:context:encoding:recover:withoutReadCallback:)``) instead of through
/// `xmlCtxtReadMemory`: the same events, the same errors and the same verdicts either way.
@Suite("In-memory reads without a read callback")
struct StreamingReaderNativeMemoryTests {
    /// Everything a read reports, as text: the events, what it found, the errors, or what it threw.
    static func reading(
        _ bytes: [UInt8], native: Bool, stopAtFatalError: Bool, options: ParseOptions = ParseOptions(), contexts: XMLParserContextCache? = nil
    ) -> String {
        let recorder = EventRecorder()
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(MarkupError) in
                try StreamingXMLReader.readInMemory(
                    raw, options: options, stopAtFatalError: stopAtFatalError, withoutReadCallback: native, contexts: contexts, to: recorder
                )
            }
        }
        switch result {
        case let .success(read):
            return recorder.finish().joined(separator: "\n") + "\n" + String(reflecting: read)
        case let .failure(error):
            return recorder.finish().joined(separator: "\n") + "\nthrew \(error)"
        }
    }

    static func expectSame(_ bytes: [UInt8], _ context: String, options: ParseOptions = ParseOptions()) {
        for stop in [false, true] {
            let native = reading(bytes, native: true, stopAtFatalError: stop, options: options)
            let general = reading(bytes, native: false, stopAtFatalError: stop, options: options)
            #expect(native == general, "\(context), stopAtFatalError \(stop)")
        }
    }

    static let edgeCases: [String] = [
            "<rss version='2.0'><channel><title>Göteborg &amp; Malmö</title></channel></rss>",
            "<a>no declaration ✓ 𝄞</a>",
            "  \n<a x='ä' y='&amp;&#38;'>text<b>more</b><![CDATA[<p>ö</p>]]><!-- c --><?pi x?></a>",
            "<a><b>unclosed ä</a>",
            "<a>\u{0}</a>",
            "<a>bad \u{1} char</a>",
            "<a>&ouml; &#246; &#xF6; &unknown;</a>",
            "<a><b></a>",
            "<a>cut",
            "<a",
            "",
            "   ",
            "<?xml version='1.0'?>",
            "<!DOCTYPE a [<!ENTITY e 'x'>]><a>&e;</a>",
            "<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" \"http://my.netscape.com/publish/formats/rss-0.91.dtd\"><rss version='0.91'/>",
            "<p:a xmlns:p='urn:p' q:b='1'><p:c/></p:a>",
            "<a/><b/>",
            "<a>x</a>trailing text",
            "<root>" + String(repeating: "<x a='1'>åäö &amp; text</x>\n", count: 3_000) + "</root>",
            String(repeating: "<d>", count: 300) + String(repeating: "</d>", count: 300),
        ]

    /// The edge cases, and every length of a small feed cut short: the end of the input, where
    /// libxml2 asks a read callback for more.
    static var edgeCasesAndCutFeeds: [String] {
        let feed = "<?xml version='1.0' encoding='utf-8'?>\n<rss version='2.0'><channel><title>T</title><item><title>Ä</title><link>http://x.se/</link></item></channel></rss>\n"
        return edgeCases + (0...feed.utf8.count).map { String(decoding: Array(feed.utf8).prefix($0), as: UTF8.self) }
    }

    @Test func edgeCasesReadTheSame() {
        for (k, document) in Self.edgeCasesAndCutFeeds.enumerated() { Self.expectSame(Array(document.utf8), "document \(k): \(document.prefix(50))") }
        var deep = ParseOptions()
        deep.limits.depth = 100
        Self.expectSame(Array((String(repeating: "<d>", count: 150) + String(repeating: "</d>", count: 150)).utf8), "beyond the depth limit", options: deep)
        var strict = ParseOptions()
        strict.recoverMalformedXML = false
        Self.expectSame(Array("<a><b></a>".utf8), "not recovered", options: strict)
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

    /// Documents read one after the other with one kept parser context
    /// (``XMLParserContextCache``) read as with a new context each: every edge case and the
    /// shared test data, in order and in reverse, recovered or not, stopped at the first fatal
    /// error or not (a context is kept only for the same `recover`), with documents that leave
    /// a context stopped, beyond the depth limit, holding a stand-in document for an entity
    /// declaration, or with a large dictionary.
    @Test func aKeptParserContextReadsAsANewOne() throws {
        var documents = Self.edgeCases.map { Array($0.utf8) }
        documents.append(Array(("<r>" + (0..<20_000).map { "<name\($0)/>" }.joined() + "</r>").utf8))
        if SharedTestData.isAvailable {
            documents += try SharedTestData.xmlFiles(in: ["feedparser/feeds", "hostile-xml"]).map(\.bytes)
        }
        var deep = ParseOptions()
        deep.limits.depth = 100
        deep.limits.elements = 100_000
        var strict = deep
        strict.recoverMalformedXML = false
        let contexts = XMLParserContextCache()
        var compared = 0
        for (k, document) in (documents + documents.reversed()).enumerated() {
            let options = k % 5 == 4 ? strict : deep
            let stop = k % 3 == 0
            let kept = Self.reading(document, native: true, stopAtFatalError: stop, options: options, contexts: contexts)
            let fresh = Self.reading(document, native: true, stopAtFatalError: stop, options: options)
            #expect(kept == fresh, "document \(k % documents.count)")
            compared += 1
        }
        #expect(compared >= 2 * Self.edgeCases.count)
    }

    /// The event sink an ``XMLParserContextCache`` keeps between reads is, restarted
    /// (``StreamingSink/restart()``), as a new one: property by property, the error collector's
    /// too, but for the calls made for the last receiver (kept on purpose, checked against the
    /// next receiver). Read first: a document with errors, text, namespaces and an entity
    /// declaration, too deep, stopped at its first fatal error, so that every property has been moved.
    @Test func aKeptSinkIsRestartedAsNew() throws {
        let contexts = XMLParserContextCache()
        let documents = [
            "<!DOCTYPE a [<!ENTITY e 'x'>]><a>&e;</a>",
            "<p:a xmlns:p='urn:p' xmlns:q='urn:q' q:b='1' r:c='2'><p:c>text ä</p:c><b></a>",
            "<root>" + String(repeating: "<x a='1'>åäö &amp; text</x>\n", count: 300) + "<y></root>",
            String(repeating: "<d>", count: 300) + String(repeating: "</d>", count: 300),
        ]
        for document in documents {
            for stop in [false, true] {
                _ = Self.reading(Array(document.utf8), native: true, stopAtFatalError: stop, contexts: contexts)
                let sink = try #require(contexts.takeSink())
                let new = StreamingSink(maximumTextBytes: .max)
                let kept = Self.properties(of: sink, leaving: ["receiverCalls", "keptCalls", "callsReceiver", "callsReceiverType"])
                #expect(kept == Self.properties(of: new, leaving: ["receiverCalls", "keptCalls", "callsReceiver", "callsReceiverType"]), "\(document.prefix(30)), stop \(stop)")
                #expect(Self.properties(of: sink.collector) == Self.properties(of: new.collector))
                contexts.keep(sink, documentBytes: 0)
            }
        }
    }

    /// The calls a kept sink made for its last receiver serve only that receiver: a receiver of
    /// another type made at the same address (the last one freed) gets calls of its own type.
    /// The test checks that the addresses were in fact reused, else it would prove nothing
    /// (but under AddressSanitizer, which never reuses them at once).
    @Test func keptCallsAreNotUsedForAnotherReceiverAtTheSameAddress() {
        let contexts = XMLParserContextCache()
        let document = Array("<a><b>text</b><c/></a>".utf8)
        let alone = EventRecorder()
        _ = document.withUnsafeBytes { try? StreamingXMLReader.readInMemory($0, options: ParseOptions(), to: alone) }
        let expected = alone.finish()
        #expect(expected.count == 7)
        var last: ObjectIdentifier?
        var reused = 0
        for _ in 0..<20 {
            do {
                let recorder = EventRecorder()
                if last == ObjectIdentifier(recorder) { reused += 1 }
                last = ObjectIdentifier(recorder)
                _ = document.withUnsafeBytes { try? StreamingXMLReader.readInMemory($0, options: ParseOptions(), contexts: contexts, to: recorder) }
                #expect(recorder.finish() == expected)
            }
            do {
                let counter = EventCounter()
                if last == ObjectIdentifier(counter) { reused += 1 }
                last = ObjectIdentifier(counter)
                _ = document.withUnsafeBytes { try? StreamingXMLReader.readInMemory($0, options: ParseOptions(), contexts: contexts, to: counter) }
                #expect(counter.starts == 3 && counter.ends == 3)
            }
        }
        // AddressSanitizer keeps freed memory out of use for a while (its quarantine): there
        // the addresses are not reused and only the events are checked.
        let sanitized = dlsym(nil, "__asan_init") != nil
        #expect(reused > 0 || sanitized)
    }

    /// A restarted error collector is as new, whatever it held (a read rarely sets all of it).
    @Test func aRestartedErrorCollectorIsAsNew() {
        let collector = ErrorCollector()
        collector.errors = [MarkupDiagnostic(message: "m", line: 1, column: 2)]
        collector.forbiddenEntity = ("e", 3)
        collector.excessiveDepthLine = 4
        collector.restart()
        #expect(Self.properties(of: collector) == Self.properties(of: ErrorCollector()))
    }

    /// Each stored property's label and value as text (a class instance by its type only).
    static func properties(of object: AnyObject, leaving left: Set<String> = []) -> [String] {
        Mirror(reflecting: object).children.compactMap { child in
            guard let label = child.label, !left.contains(label) else { return nil }
            return "\(label) = \(String(reflecting: child.value))"
        }
    }
}
