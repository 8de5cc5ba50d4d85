import Foundation
import Testing
import Markup
@testable import Documents

/// A ``FeedStream`` streams with the push parser context (and the name indices) the stream
/// before it kept in the pool (``FeedSinkPool``, ``XMLPushContextCache``). Every feed of the
/// shared test data, the regions' feeds, the hostile XML and the pool's leftover documents,
/// streamed one after the other with one pool (in order, then reversed, in chunks of several
/// sizes, with and without a transport charset), gives what it gives streamed with a new pool,
/// items, summary and errors alike.
@Suite("Feed streams with kept push contexts")
struct FeedStreamPushContextTests {
    static func documents() -> [(name: String, bytes: [UInt8])] {
        var documents = FeedSinkPoolTests.corpus()
        let hostile = ProjectFiles.sharedTestData.appendingPathComponent("hostile-xml")
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: hostile.path)) ?? []).sorted() where name.hasSuffix(".xml") {
            if let data = try? Data(contentsOf: hostile.appendingPathComponent(name)) { documents.append((name, [UInt8](data))) }
        }
        documents += FeedSinkPoolTests.leftovers.enumerated().map { ("leftover \($0.offset)", Array($0.element.utf8)) }
        documents.append(("entity declaration", Array("<!DOCTYPE rss [<!ENTITY e 'x'>]><rss version='2.0'><channel><title>&e;</title></channel></rss>".utf8)))
        return documents
    }

    /// Items, summary and error of `bytes` streamed in chunks of `chunkSize` with `pool`.
    static func streamed(_ bytes: [UInt8], chunkSize: Int, charset: String?, pool: FeedSinkPool) -> String {
        var options = FeedStream.Options()
        options.markup.sniffLength = min(chunkSize, 65_536)
        let stream = FeedStream(url: "http://example.se/feed", charset: charset, options: options, pool: pool)
        var items: [FeedItem] = []
        do {
            var offset = 0
            while offset < bytes.count {
                items += try stream.consume(bytes[offset..<min(bytes.count, offset + chunkSize)])
                offset += chunkSize
            }
            items += try stream.finish()
            return String(reflecting: items) + "\n" + String(reflecting: stream.summary)
        } catch {
            return String(reflecting: items) + "\nerror: \(error)"
        }
    }

    @Test func feedsStreamedWithKeptContextsAreTheSame() {
        let documents = Self.documents()
        if documents.count < 100 { print("note: ../shared/testdata/feedparser is absent; only the regions' feeds are read") }
        let reused = FeedSinkPool()
        for (chunkSize, charset) in [(11, nil), (4096, nil), (1 << 20, nil), (333, "windows-1252")] as [(Int, String?)] {
            let fresh = documents.map { Self.streamed($0.bytes, chunkSize: chunkSize, charset: charset, pool: FeedSinkPool()) }
            for k in Array(documents.indices) + documents.indices.reversed() {
                let mine = Self.streamed(documents[k].bytes, chunkSize: chunkSize, charset: charset, pool: reused)
                #expect(mine == fresh[k], "\(documents[k].name), chunks of \(chunkSize), charset \(charset ?? "none")")
            }
        }
        #expect(reused.waiting == 1)
        #expect(reused.waitingPushContexts == 1)
    }

    /// Streams dropped halfway free their push contexts (a new one may then be made at the same
    /// address, with a dictionary at the same address too): each feed streamed after one
    /// dropped gives what it gives with a new pool.
    @Test func feedsStreamedAfterStreamsDroppedHalfwayAreTheSame() {
        let documents = Self.documents()
        let reused = FeedSinkPool()
        for k in documents.indices {
            let other = documents[(k * 7 + 3) % documents.count].bytes
            do {
                let dropped = FeedStream(url: "http://other.se/", charset: nil, options: FeedStream.Options(), pool: reused)
                _ = try? dropped.consume(other.prefix(other.count / 2))
                _ = try? dropped.consume(Array(repeating: UInt8(ascii: " "), count: 70_000))
            }
            let fresh = Self.streamed(documents[k].bytes, chunkSize: 4096, charset: nil, pool: FeedSinkPool())
            #expect(Self.streamed(documents[k].bytes, chunkSize: 4096, charset: nil, pool: reused) == fresh, "\(documents[k].name)")
        }
    }

    /// The feedparser feeds streamed one after the other with one pool (in order, then
    /// reversed) give the tree reader's items, as the consistency benchmark counts them: all but
    /// the one the stream reads differently (an unfinished CDATA section) and the one neither
    /// reads.
    @Test func feedsStreamedOneAfterAnotherGiveTheTreeReadersItems() throws {
        let feeds = FeedSinkPoolTests.corpus().filter { !$0.name.hasPrefix("nyheter") }
        guard feeds.count > 300 else {
            print("skipped: ../shared/testdata/feedparser is absent")
            return
        }
        let pool = FeedSinkPool()
        for order in [Array(feeds.indices), feeds.indices.reversed()] {
            var same = 0
            for k in order {
                guard let tree = try? FeedReader().read(feeds[k].bytes, url: "http://example.com/feed") else { continue }
                var items: [FeedItem] = []
                let stream = FeedStream(url: "http://example.com/feed", charset: nil, options: FeedStream.Options(), pool: pool)
                guard let more = try? stream.consume(feeds[k].bytes), let last = try? stream.finish() else { continue }
                items = more + last
                if items == tree.items { same += 1 }
            }
            #expect(same >= feeds.count - 2, "\(same) of \(feeds.count)")
        }
    }
}
