import Foundation
import Testing
import Markup
@testable import Documents

/// A ``FeedStream`` streams with the state (``FeedStreamState``: rules, reader, and the push
/// parser context with its name indices) the stream before it gave back to the pool
/// (``FeedSinkPool``, ``XMLPushContextCache``). Every feed of the
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
        // Streams keep their states apart from the tree reader's sinks: one waits, no sink.
        #expect(reused.waitingStreams == 1)
        #expect(reused.waiting == 0)
    }

    /// A stream's state given back and taken again is as a new one made with the same
    /// settings, but for what it keeps for the next stream (its rules, reader and parser
    /// context, whose own restarts are tested with them), after streams that moved every
    /// property: a refused DOCTYPE read again, a feed cut short, a document that is not a feed,
    /// a prolog with nothing after it; each finished or dropped halfway.
    @Test func aStateTakenAgainIsAsNew() {
        let documents = [
            "<!DOCTYPE rss [<!ENTITY e 'x'>]><rss version='2.0'><channel><title>&e;</title><item><title>i</title></item></channel></rss>",
            "<rss version='2.0'><channel><title>T &auml;</title><item><title>i</title>",
            "<html><body>not a feed</body></html>",
            "<?xml version='1.0'?>\n<!DOCTYPE rss [<!ENTITY e 'x'>]>",
        ]
        let kept: Set<String> = ["sink", "reader"]
        let new = FeedStreamState(url: nil, charset: nil, options: FeedStream.Options())
        for document in documents {
            for finishes in [true, false] {
                let pool = FeedSinkPool()
                let state = pool.takeStream(url: "http://example.se/", charset: "utf-8", options: FeedStream.Options())
                _ = try? state.consume(Array(document.utf8))
                if finishes { _ = try? state.finish() }
                pool.give(stream: state)
                #expect(pool.waitingStreams == 1)
                let again = pool.takeStream(url: nil, charset: nil, options: FeedStream.Options())
                #expect(again === state)
                let properties = { (state: FeedStreamState) in FeedSinkPoolTests.properties(state).filter { !kept.contains($0.0) }.map { "\($0.0) = \($0.1)" } }
                #expect(properties(again) == properties(new), "\(document.prefix(40)), finished \(finishes)")
                #expect(again.sink.rules.head.isEmpty)
            }
        }
    }

    /// A state grown large (a feed of 60,000 names; a stream given up with 300 KB held for the
    /// encoding) is dropped, not kept; a small one is kept.
    @Test func aLargeStreamStateIsNotKept() throws {
        var s = "<rss version='2.0'><channel><title>T</title>"
        for k in 0..<60_000 { s += "<n\(k)/>" }
        s += "<item><title>i</title></item></channel></rss>"
        var options = FeedStream.Options()
        options.markup.limits.elements = 1_000_000
        let pool = FeedSinkPool()
        do {
            let stream = FeedStream(url: nil, charset: nil, options: options, pool: pool)
            let items = try stream.consume(Array(s.utf8)) + stream.finish()
            #expect(items.count == 1)
        }
        #expect(pool.waitingStreams == 0)
        options.markup.sniffLength = 1 << 20
        do {
            let stream = FeedStream(url: nil, charset: nil, options: options, pool: pool)
            #expect(try stream.consume(Array("<rss>".utf8) + Array(repeating: UInt8(ascii: " "), count: 300_000)).isEmpty)
        }
        #expect(pool.waitingStreams == 0)
        do {
            let stream = FeedStream(url: nil, charset: nil, options: options, pool: pool)
            let items = try stream.consume(Array("<rss version='2.0'><channel><title>T</title><item/></channel></rss>".utf8)) + stream.finish()
            #expect(items.count == 1)
        }
        #expect(pool.waitingStreams == 1)
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

