import Testing
@testable import Markup

/// A reader kept in an ``XMLPushContextCache`` after its stream (``XMLPushContextCache/keep(_:)``)
/// and taken for the next (``StreamingXMLReader/forStream(options:pushContexts:)``) is made as
/// new: property by property, its sink's and error collector's too, and it streams every edge
/// case and the shared test data, one after the other with each option set and chunk size,
/// as a new reader with a new context does.
@Suite("Streaming reader: kept between streams")
struct StreamingReaderKeptReaderTests {
    /// What ``StreamingReaderPushContextTests/outcome(_:options:chunkSize:contexts:)`` gives, with
    /// the reader `contexts` keeps, kept again after the stream.
    static func outcome(_ bytes: [UInt8], options: StreamingXMLReader.Options, chunkSize: Int, contexts: XMLPushContextCache) -> String {
        let reader = StreamingXMLReader.forStream(options: options, pushContexts: contexts)
        defer {
            reader.endParser()
            contexts.keep(reader)
        }
        return StreamingReaderPushContextTests.outcome(of: reader, bytes, chunkSize: chunkSize)
    }

    static func expectKeptAsNew(_ documents: [(name: String, bytes: [UInt8])], chunkSizes: [Int]) {
        let contexts = XMLPushContextCache()
        var kept = 0
        for (setName, options) in StreamingReaderPushContextTests.optionSets {
            for size in chunkSizes {
                let fresh = documents.map { StreamingReaderPushContextTests.outcome($0.bytes, options: options, chunkSize: size, contexts: nil) }
                for k in Array(documents.indices) + documents.indices.reversed() {
                    if contexts.holdsReader { kept += 1 }
                    let mine = outcome(documents[k].bytes, options: options, chunkSize: size, contexts: contexts)
                    #expect(mine == fresh[k], "\(documents[k].name), \(setName), chunks of \(size)")
                }
            }
        }
        // Every stream but the first had the reader of the one before.
        #expect(kept == 2 * documents.count * StreamingReaderPushContextTests.optionSets.count * chunkSizes.count - 1)
    }

    @Test func edgeCasesStreamAsWithANewReader() {
        Self.expectKeptAsNew(StreamingReaderPushContextTests.edgeCaseBytes(), chunkSizes: [1, 5, 64, 1 << 20])
    }

    @Test func sharedTestDataStreamsAsWithANewReader() throws {
        guard SharedTestData.isAvailable else {
            print("skipped: ../shared/testdata is absent")
            return
        }
        let documents = try SharedTestData.xmlFiles(in: ["feedparser/feeds", "hostile-xml"]) + StreamingReaderPushContextTests.edgeCaseBytes()
        #expect(documents.count > 390)
        Self.expectKeptAsNew(documents, chunkSizes: [7, 1 << 20])
    }

    /// Read first: documents that move every property (errors, an entity declaration, too
    /// deep, held bytes, repairs, a cut declaration), some dropped halfway; then the kept reader,
    /// taken with other options, against a new reader with those options.
    @Test func aKeptReaderIsRestartedAsNew() throws {
        let contexts = XMLPushContextCache()
        var first = StreamingXMLReader.Options(transportCharset: "windows-1252")
        first.limits.depth = 3
        first.sniffLength = 8
        first.maximumTextEventBytes = 4
        first.repairMalformedReferences = true
        var second = StreamingXMLReader.Options(maximumInputBytes: 1_000)
        second.recoverMalformedXML = false
        let documents = [
            "<!DOCTYPE a [<!ENTITY e 'x'>]><a>&e;</a>",
            "<p:a xmlns:p='urn:p' q:b='1'><p:c>text &auml; &amp &#X41; ä</p:c><b></a>",
            String(repeating: "<d>", count: 10) + "text" + String(repeating: "</d>", count: 10),
            "<?xml version='1.0' encoding='utf-8'",
            "<a>" + String(repeating: "long text ", count: 50) + "</a>",
        ]
        for document in documents {
            for (options, dropped) in [(first, false), (first, true), (second, false)] {
                let reader = StreamingXMLReader.forStream(options: options, pushContexts: contexts)
                let bytes = Array(document.utf8)
                for start in stride(from: 0, to: dropped ? bytes.count / 2 : bytes.count, by: 7) {
                    _ = try? reader.parse(bytes[start..<min(bytes.count, start + 7)])
                }
                if !dropped { _ = try? reader.finish() }
                reader.endParser()
                contexts.keep(reader)
                for next in [first, second] {
                    let kept = StreamingXMLReader.forStream(options: next, pushContexts: contexts)
                    #expect(kept === reader)
                    let new = StreamingXMLReader(options: next, pushContexts: contexts)
                    let properties = StreamingReaderNativeMemoryTests.properties
                    #expect(properties(kept, []) == properties(new, []), "\(document.prefix(30)), dropped \(dropped)")
                    #expect(properties(kept.sink, ["receiverCalls", "keptCalls", "callsReceiver", "callsReceiverType"]) == properties(new.sink, ["receiverCalls", "keptCalls", "callsReceiver", "callsReceiverType"]))
                    #expect(properties(kept.sink.collector, []) == properties(new.sink.collector, []))
                    contexts.keep(kept)
                }
                _ = contexts.takeReader()
            }
        }
    }

    @Test func aReaderHoldingMuchIsNotKept() throws {
        let contexts = XMLPushContextCache()
        var options = StreamingXMLReader.Options()
        options.sniffLength = 1 << 20
        let reader = StreamingXMLReader.forStream(options: options, pushContexts: contexts)
        _ = try reader.parse(Array("<a>".utf8) + Array(repeating: UInt8(ascii: "x"), count: 300_000))
        reader.endParser()
        contexts.keep(reader)
        #expect(!contexts.holdsReader)
    }
}
