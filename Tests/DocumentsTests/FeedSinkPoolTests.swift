import Foundation
import Testing
import Markup
@testable import Documents

/// ``FeedReader`` reads with state from a pool (``FeedSinkPool``): the rules of a document are
/// those of the last one, restarted (``FeedEventReader/restart()``) and given the next
/// document's settings (``FeedEventReader/prepare(url:itemBudget:fieldBudget:maximumProblems:)``). These tests hold a restarted reader against a new one, property by
/// property, after documents read whole, given up halfway and streamed within budgets; read
/// the feedparser feeds and the regions' feeds one after the other with one reused state and
/// each with a new one; read them from many tasks at once; and check that a state grown large
/// is not kept.
@Suite("Feed reader state reused between documents")
struct FeedSinkPoolTests {
    static func corpus() -> [(name: String, bytes: [UInt8])] {
        let root = ProjectFiles.sharedTestData.appendingPathComponent("feedparser/feeds")
        var files = (FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(".xml") }.sorted().map { root.appendingPathComponent($0) }
        for region in ["Blekinge", "Kalmar", "Vasternorrland"] {
            let folder = ProjectFiles.root.appendingPathComponent("Regions/\(region)/Sources/Snapshot")
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where name.hasSuffix(".xml") {
                files.append(folder.appendingPathComponent(name))
            }
        }
        return files.compactMap { file in (try? Data(contentsOf: file)).map { (file.lastPathComponent, [UInt8]($0)) } }
    }

    /// Documents that leave a reader in every state it has: RSS 1.0 and 0.90 children, a
    /// channel with prefixes no declaration binds, items nested and cut short, `xml:base`
    /// and `xml:lang`, problems, a root that is not a feed's.
    static let leftovers: [String] = [
        "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#' xmlns='http://purl.org/rss/1.0/'><channel><title>R</title></channel><item><title>i</title><unbound:x/></item></rdf:RDF>",
        "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#' xmlns='http://my.netscape.com/rdf/simple/0.9/'><channel><title>R</title></channel><item><title>i</title></item></rdf:RDF>",
        "<rss version='0.91' xml:base='http://a.se/b/' xml:lang='sv'><channel xml:base='c/'><p:t>x</p:t><title>T</title><item><title>1</title><pubDate>not a date</pubDate></item><item><title>2</title><item><title>inner</title></item></item><x><item/></x></channel></rss>",
        "<feed xmlns='http://www.w3.org/2005/Atom' xml:lang='en'><title type='html'>&lt;b&gt;A&lt;/b&gt;</title><entry><title>e</title><updated>2022-02-23T09:00:00Z</updated><link href='x'/></entry><entry><title>cut",
        "<html><body><item>not a feed</item></body></html>",
        "<rss version='2.0'><channel><title>T</title><item><title>open</title><description>never closed",
    ]

    /// Reads `document` into `sink` the two ways the readers do: the memory parser (stopping at
    /// the first fatal error, as ``FeedReader`` does) and the push parser in small chunks
    /// without finishing (a stream given up halfway).
    static func read(_ document: [UInt8], into sink: FeedEventSink, pushed: Bool) {
        if pushed {
            let reader = StreamingXMLReader()
            var offset = 0
            while offset < document.count {
                let chunk = document[offset..<min(document.count, offset + 37)]
                _ = chunk.withUnsafeBufferPointer { bytes in Result { () throws(MarkupError) in try reader.parse(bytes, to: sink) } }
                offset += 37
            }
        } else {
            _ = document.withUnsafeBytes { bytes in
                Result { () throws(MarkupError) in try StreamingXMLReader.readInMemory(bytes, options: ParseOptions(), stopAtFatalError: true, to: sink) }
            }
            _ = sink.rules.finish()
        }
    }

    /// The stored properties of `value`, each described (`String(reflecting:)`), by label.
    static func properties(_ value: Any) -> [(String, String)] {
        Mirror(reflecting: value).children.map { ($0.label ?? "?", String(reflecting: $0.value)) }
    }

    /// Every property of a restarted reader is a new reader's; the objects it keeps are
    /// emptied (captures, locator slots) or kept only while small (names).
    static func expectAsNew(_ sink: FeedEventSink, _ context: String) {
        let fresh = FeedEventReader(url: "http://example.se/f", itemBudget: 5_000, fieldBudget: 7_000, maximumProblems: 9)
        sink.restart()
        sink.prepare(url: "http://example.se/f", itemBudget: 5_000, fieldBudget: 7_000, maximumProblems: 9, looksDeeperAfterErrors: true)
        #expect(sink.notAFeed == nil, "\(context)")
        #expect(sink.looksDeeperAfterErrors, "\(context)")
        let restarted = sink.rules
        // Objects kept (compared below by what they hold) and references to them.
        let kept: Set<String> = ["names", "fields", "current", "namesReference", "spare", "path"]
        let mine = Self.properties(restarted)
        let new = Self.properties(fresh)
        #expect(mine.map(\.0) == new.map(\.0))
        #expect(mine.count >= 35, "a reader has about 40 stored properties")
        for ((label, value), (_, freshValue)) in zip(mine, new) where !kept.contains(label) {
            #expect(value == freshValue, "\(context): \(label) is \(value), new \(freshValue)")
        }
        let children = Dictionary(Mirror(reflecting: restarted).children.map { ($0.label ?? "?", $0.value) }, uniquingKeysWith: { a, _ in a })
        let names = children["names"] as? FeedNames
        #expect((names?.table.count ?? 0) <= FeedNames.keptNames, "\(context): names kept")
        #expect(names?.table.isFull == false)
        var captures = (children["spare"] as? [FeedCapture]) ?? []
        #expect(captures.count <= FeedEventReader.keptCaptures)
        if let fields = children["fields"] as? FeedCapture {
            #expect((children["current"] as? Unmanaged<FeedCapture>)?.takeUnretainedValue() === fields, "\(context): current is not fields")
            #expect(fields.names === names)
            captures.append(fields)
        }
        for capture in captures {
            #expect(capture.names === names)
            #expect(capture.nodes.count == 0 && capture.attributes.count == 0 && capture.declarations.count == 0 && capture.texts.count == 0, "\(context)")
            #expect(!capture.isOpen && capture.depth == 0 && capture.budget == 0 && !capture.truncated && !capture.isUnbounded && !capture.readLineBeyondTree, "\(context)")
        }
        if let path = children["path"] as? FeedPath {
            #expect(path.depth == 0 && path.trackedDepth == .max, "\(context)")
            #expect(path.names === names)
            let pathChildren = Dictionary(Mirror(reflecting: path).children.map { ($0.label ?? "?", $0.value) }, uniquingKeysWith: { a, _ in a })
            let slots = pathChildren["open"].map { Mirror(reflecting: $0).children.map(\.value) } ?? []
            for slot in slots {
                let fields = Dictionary(Mirror(reflecting: slot).children.map { ($0.label ?? "?", String(reflecting: $0.value)) }, uniquingKeysWith: { a, _ in a })
                #expect(fields["more"] == "nil", "\(context): a locator slot keeps \(fields)")
            }
            // No locator of the last document is kept.
            #expect((pathChildren["pathBytes"] as? [UInt8])?.isEmpty == true, "\(context): locator bytes kept")
            #expect((pathChildren["pathEnds"] as? [Int])?.isEmpty == true, "\(context): locator ends kept")
        } else {
            Issue.record("no path")
        }
    }

    @Test func aRestartedReaderIsANewOne() {
        var documents = Self.leftovers.map { Array($0.utf8) }
        documents += Self.corpus().prefix(40).map(\.bytes)
        for (k, document) in documents.enumerated() {
            for pushed in [false, true] {
                let rules = FeedEventReader(url: "http://x.se/", itemBudget: pushed ? 200 : .max, fieldBudget: pushed ? 300 : .max, maximumProblems: pushed ? 2 : nil)
                let sink = FeedEventSink(rules: rules, looksDeeperAfterErrors: pushed)
                sink.rules.head = document
                if !pushed { sink.rules.anyDepthLater = false }
                Self.read(document, into: sink, pushed: pushed)
                Self.expectAsNew(sink, "document \(k), pushed \(pushed)")
                // And again after a second document, on the restarted state.
                Self.read(documents[(k + 1) % documents.count], into: sink, pushed: pushed)
                Self.expectAsNew(sink, "document \(k) then \(k + 1), pushed \(pushed)")
            }
        }
    }

    /// A feed read with the state the documents before it left is the feed read with a new
    /// state: every feed of the corpus, in order and in reverse, and the made-up leftovers in
    /// between.
    @Test func feedsReadWithReusedStateAreTheSame() {
        var documents = Self.corpus()
        if documents.count < 100 { print("note: ../shared/testdata/feedparser is absent; only the regions' feeds are read") }
        documents += Self.leftovers.enumerated().map { ("leftover \($0.offset)", Array($0.element.utf8)) }
        let reused = FeedSinkPool()
        for (name, bytes) in documents + documents.reversed() {
            let mine = FeedReader.readWithoutTree(bytes, original: bytes, problems: [], url: "http://example.se/", options: ParseOptions(), pool: reused)
            let fresh = FeedReader.readWithoutTree(bytes, original: bytes, problems: [], url: "http://example.se/", options: ParseOptions(), pool: FeedSinkPool())
            #expect(mine == fresh, "\(name)")
        }
        #expect(reused.waiting == 1)
    }

    /// A stream (``FeedStream``) takes its state from the pool and gives it back when it goes
    /// away, read to its end or not: each feed streamed after another one given up halfway
    /// gives what it gives after a whole one.
    @Test func streamsGivenUpHalfwayLeaveNothingBehind() throws {
        var documents = Self.corpus().map(\.bytes)
        documents += Self.leftovers.map { Array($0.utf8) }
        func streamed(_ bytes: [UInt8]) -> String {
            let stream = FeedStream(url: "http://example.se/")
            do {
                var items = try stream.consume(bytes)
                items += try stream.finish()
                return String(reflecting: items) + String(reflecting: stream.summary)
            } catch {
                return "\(error)"
            }
        }
        let whole = documents.map(streamed)
        for (k, bytes) in documents.enumerated() {
            let other = documents[(k * 7 + 3) % documents.count]
            do {
                let abandoned = FeedStream(url: "http://other.se/", options: { var o = FeedStream.Options(); o.maximumItemBytes = 300; return o }())
                _ = try? abandoned.consume(other.prefix(other.count / 2))
            }
            #expect(streamed(bytes) == whole[k], "document \(k)")
        }
    }

    /// Many reads at once, each with its own state from the shared pool, give what one read
    /// at a time gives.
    @Test func concurrentReadsAreTheSame() async {
        let documents = Self.corpus().map(\.bytes)
        let expected = documents.map { try? FeedReader().read($0) }
        let results = await withTaskGroup(of: (Int, Int, Bool).self) { group in
            for task in 0..<8 {
                group.addTask {
                    var same = 0
                    for (k, bytes) in documents.enumerated() where (k + task) % 2 == 0 {
                        if (try? FeedReader().read(bytes)) == expected[k] { same += 1 }
                    }
                    let count = documents.indices.filter { ($0 + task) % 2 == 0 }.count
                    return (same, count, true)
                }
            }
            var all: [(Int, Int, Bool)] = []
            for await result in group { all.append(result) }
            return all
        }
        for (same, count, _) in results { #expect(same == count) }
        #expect(FeedSinkPool.shared.waiting <= FeedSinkPool.capacity)
    }

    /// A state grown large (a document of 60,000 names) is dropped, not kept.
    @Test func aLargeStateIsNotKept() {
        var s = "<rss version='2.0'><channel><title>T</title>"
        for k in 0..<60_000 { s += "<n\(k)/>" }
        s += "<item><title>i</title></item></channel></rss>"
        let bytes = Array(s.utf8)
        var options = ParseOptions()
        options.limits.elements = 1_000_000
        let pool = FeedSinkPool()
        let feed = FeedReader.readWithoutTree(bytes, original: bytes, problems: [], url: nil, options: options, pool: pool)
        #expect(feed?.items.count == 1)
        #expect(pool.waiting == 0)
        let small = Array("<rss version='2.0'><channel><title>T</title></channel></rss>".utf8)
        _ = FeedReader.readWithoutTree(small, original: small, problems: [], url: nil, options: options, pool: pool)
        #expect(pool.waiting == 1)
    }
}
