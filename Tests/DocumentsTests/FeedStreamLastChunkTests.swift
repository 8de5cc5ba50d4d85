import Foundation
import Testing
import Markup
@testable import Documents

/// ``FeedStream/read(chunks:url:charset:options:_:)`` and ``FeedStream/readFile(atPath:url:charset:options:chunkSize:_:)``
/// know the last chunk as the last while the parser has not started (`finish(lastChunk:)`): the
/// parser then starts at `finish()` with every byte in hand (libxml2's own UTF-8 for content the
/// sniffer validated whole, the end told with the bytes), where `consume` and `finish` called
/// one after the other start it on the bytes held so far, before the end. Both give the same
/// items, summary and errors, on the shared test data, the regions' feeds, the hostile XML and
/// edge cases (an entity declaration, long and damaged feeds), with sniff lengths that make the
/// parser start on the first chunk, on a later one or only at the end.
@Suite("Feed streams that know their last chunk")
struct FeedStreamLastChunkTests {
    /// Documents over the default sniff length (64 KiB), where the last chunk counts for the
    /// feeds' own sizes: valid UTF-8, a damaged byte past the first 64 KiB, Windows-1252, an
    /// entity declaration before a long feed, and a DOCTYPE that ends only in the last bytes.
    static func edgeCases() -> [(name: String, bytes: [UInt8])] {
        let item = "<item><title>Nyhet å ä ö</title><description>&lt;p&gt;Text &amp;amp; mer text&lt;/p&gt;</description><link>/a</link></item>\n"
        let long = "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>T</title>" + String(repeating: item, count: 700) + "</channel></rss>"
        var damaged = Array(long.utf8)
        damaged[70_000] = 0xFF
        let latin1 = Array("<?xml version='1.0' encoding='windows-1252'?><rss version='2.0'><channel><title>T\u{E5}</title>".unicodeScalars.map { UInt8($0.value) })
            + Array(String(repeating: "<item><title>x</title></item>", count: 3_000).utf8) + Array("</channel></rss>".utf8)
        let declared = "<!DOCTYPE rss [<!ENTITY e 'x'>]>" + long.dropFirst("<?xml version='1.0' encoding='utf-8'?>".count)
        let doctypeAtEnd = "<!DOCTYPE rss [<!ENTITY e 'x'>" + String(repeating: "<!-- \(String(repeating: "c", count: 100)) -->", count: 700) + "]><rss/>"
        return [
            ("long feed", Array(long.utf8)), ("damaged byte after 64 KiB", damaged), ("Windows-1252", latin1),
            ("entity declaration, long feed", Array(declared.utf8)), ("long DOCTYPE", Array(doctypeAtEnd.utf8)),
            ("entity declaration", Array("<!DOCTYPE rss [<!ENTITY e 'x'>]><rss version='2.0'><channel><title>&e;</title></channel></rss>".utf8)),
            ("empty", []), ("white space", Array("  \n".utf8)), ("not a feed", Array("<html><body/></html>".utf8)),
        ]
    }

    static func chunks(_ bytes: [UInt8], size: Int) -> [ArraySlice<UInt8>] {
        stride(from: 0, to: bytes.count, by: size).map { bytes[$0..<min(bytes.count, $0 + size)] }
    }

    static func options(sniffLength: Int) -> FeedStream.Options {
        var options = FeedStream.Options()
        options.markup.sniffLength = sniffLength
        return options
    }

    /// Items, summary and error through `consume` for every chunk, then `finish()`: the parser
    /// never knows a chunk is the last.
    static func consumed(_ bytes: [UInt8], chunkSize: Int, charset: String?, sniffLength: Int) -> String {
        let stream = FeedStream(url: "http://example.se/feed", charset: charset, options: options(sniffLength: sniffLength))
        var items: [FeedItem] = []
        do {
            for chunk in chunks(bytes, size: chunkSize) { items += try stream.consume(chunk) }
            items += try stream.finish()
            // As read(chunks:) returns it.
            return String(reflecting: items) + "\n" + String(reflecting: Optional(stream.summary ?? FeedStreamSummary.empty))
        } catch {
            return String(reflecting: items) + "\nerror: \(error)"
        }
    }

    /// The same through ``FeedStream/read(chunks:url:charset:options:_:)``.
    static func read(_ bytes: [UInt8], chunkSize: Int, charset: String?, sniffLength: Int) -> String {
        var items: [FeedItem] = []
        do {
            let summary = try FeedStream.read(chunks: chunks(bytes, size: chunkSize), url: "http://example.se/feed", charset: charset, options: options(sniffLength: sniffLength)) { items.append($0) }
            return String(reflecting: items) + "\n" + String(reflecting: Optional(summary))
        } catch {
            return String(reflecting: items) + "\nerror: \(error)"
        }
    }

    @Test func readingChunksThatKnowTheLastGivesWhatConsumingGives() {
        var documents = FeedStreamPushContextTests.documents()
        if documents.count < 100 { print("note: ../shared/testdata/feedparser is absent; only the regions' feeds are read") }
        documents += Self.edgeCases()
        var held = 0
        // Sniff lengths under, around and over the documents' sizes: the parser starts on the first
        // chunk, on a later one, or (knowing the last) at the end.
        for (chunkSize, sniffLength, charset) in [(1 << 18, 64, nil), (1 << 18, 65_536, nil), (4096, 10_000, nil), (7, 200, nil), (1 << 18, 65_536, "windows-1252")] as [(Int, Int, String?)] {
            for document in documents {
                let consumed = Self.consumed(document.bytes, chunkSize: chunkSize, charset: charset, sniffLength: sniffLength)
                let read = Self.read(document.bytes, chunkSize: chunkSize, charset: charset, sniffLength: sniffLength)
                #expect(read == consumed, "\(document.name), chunks of \(chunkSize), sniff length \(sniffLength), charset \(charset ?? "none")")
                if document.bytes.count >= sniffLength { held += 1 }
            }
        }
        // Documents whose parser started before the end when consumed, and at the end when read.
        #expect(held > 10)
    }

    @Test func readingAFileThatKnowsTheLastChunkGivesWhatConsumingGives() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("FeedStreamLastChunkTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (k, document) in Self.edgeCases().enumerated() {
            let path = folder.appendingPathComponent("\(k).xml").path
            try Data(document.bytes).write(to: URL(fileURLWithPath: path))
            for chunkSize in [1 << 18, 70_000, 4096] {
                var items: [FeedItem] = []
                let read: String
                do {
                    let summary = try FeedStream.readFile(atPath: path, url: "http://example.se/feed", chunkSize: chunkSize) { items.append($0) }
                    read = String(reflecting: items) + "\n" + String(reflecting: Optional(summary))
                } catch {
                    read = String(reflecting: items) + "\nerror: \(error)"
                }
                #expect(read == Self.consumed(document.bytes, chunkSize: chunkSize, charset: nil, sniffLength: 65_536), "\(document.name), chunks of \(chunkSize)")
            }
        }
    }
}
