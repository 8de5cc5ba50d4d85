import Testing
@testable import Markup

/// A reader kept after its stream and made as new for the next (``StreamingXMLReader/restart(options:)``)
/// is as new: property by property, its sink's and error collector's too, and it streams every
/// edge case and the shared test data, one after the other with each option set and chunk
/// size, as a new reader with a new context does.
@Suite("Streaming reader: kept between streams")
struct StreamingReaderKeptReaderTests {
    /// What ``StreamingReaderPushContextTests/outcome(_:options:chunkSize:contexts:)`` gives, with
    /// `reader` made as new for `options`, its parser ended after the stream.
    static func outcome(_ bytes: [UInt8], options: StreamingXMLReader.Options, chunkSize: Int, reader: StreamingXMLReader) -> String {
        reader.restart(options: options)
        defer { reader.endParser() }
        return StreamingReaderPushContextTests.outcome(of: reader, bytes, chunkSize: chunkSize)
    }

    static func expectKeptAsNew(_ documents: [(name: String, bytes: [UInt8])], chunkSizes: [Int]) {
        let reader = StreamingXMLReader(options: StreamingXMLReader.Options(), pushContexts: XMLPushContextCache())
        for (setName, options) in StreamingReaderPushContextTests.optionSets {
            for size in chunkSizes {
                let fresh = documents.map { StreamingReaderPushContextTests.outcome($0.bytes, options: options, chunkSize: size, contexts: nil) }
                for k in Array(documents.indices) + documents.indices.reversed() {
                    let mine = outcome(documents[k].bytes, options: options, chunkSize: size, reader: reader)
                    #expect(mine == fresh[k], "\(documents[k].name), \(setName), chunks of \(size)")
                }
            }
        }
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
        let reader = StreamingXMLReader(options: first, pushContexts: contexts)
        for document in documents {
            for (options, dropped) in [(first, false), (first, true), (second, false)] {
                reader.restart(options: options)
                let bytes = Array(document.utf8)
                for start in stride(from: 0, to: dropped ? bytes.count / 2 : bytes.count, by: 7) {
                    _ = try? reader.parse(bytes[start..<min(bytes.count, start + 7)])
                }
                if !dropped { _ = try? reader.finish() }
                reader.endParser()
                for next in [first, second] {
                    reader.restart(options: next)
                    let new = StreamingXMLReader(options: next, pushContexts: contexts)
                    let properties = StreamingReaderNativeMemoryTests.properties
                    let sinkLeft: Set<String> = ["receiverCalls", "keptCalls", "callsReceiver", "callsReceiverType"]
                    #expect(properties(reader, []) == properties(new, []), "\(document.prefix(30)), dropped \(dropped)")
                    #expect(properties(reader.sink, sinkLeft) == properties(new.sink, sinkLeft))
                    #expect(properties(reader.sink.collector, []) == properties(new.sink.collector, []))
                }
            }
        }
    }

    /// The bytes held for the encoding are counted in what a reader keeps between streams
    /// (``StreamingXMLReader/retainedBytes``), for its owner to drop it when they are many;
    /// restarted, it holds none of them.
    @Test func theBytesHeldForTheEncodingAreCounted() throws {
        var options = StreamingXMLReader.Options()
        options.sniffLength = 1 << 20
        let reader = StreamingXMLReader(options: options, pushContexts: XMLPushContextCache())
        _ = try reader.parse(Array("<a>".utf8) + Array(repeating: UInt8(ascii: "x"), count: 300_000))
        reader.endParser()
        #expect(reader.retainedBytes >= 300_000)
        reader.restart(options: options)
        #expect(reader.holdsEveryByte)
        #expect(reader.bytesRead == 0)
    }
}
