import Foundation
import Testing
import Markup
@testable import Documents

/// The stream's text goes straight into the capture that keeps it
/// (``FeedEventReader/textDestination()``), also when the capture has a budget: a run shorter
/// than the reader's maximum piece is taken in as one piece at the next event
/// (``FeedCapture/endDirectText()``), a longer one is taken back by the parser and handed over
/// in its pieces (``StreamingSink``), as all text was before. These tests hold the bytes kept,
/// the `truncated` flag and the items against the rule written out (pieces cut at the maximum
/// on a whole UTF-8 character, each kept whole within the budget or dropped), for budgets that
/// run out at every byte of a run, maxima below and above the run's length and chunks of 1, 7
/// and 4,096 bytes; against the same reads with every piece handed over by ``text(_:)``; and
/// check that a huge run within a small budget does not grow the capture past it.
@Suite("Feed stream: text taken directly within a budget")
struct FeedStreamDirectTextTests {
    /// The runs: ASCII; two-, three- and four-byte characters; references, CDATA and a comment
    /// inside the run (one run for the reader, several pieces from libxml2).
    static let runs: [String] = [
        String(repeating: "abcdefghij", count: 5),
        String(repeating: "åäöé", count: 7),
        String(repeating: "€日本∑", count: 5),
        String(repeating: "😀a🎉", count: 5),
        "x&amp;y&#228;z<![CDATA[ü<>]]>w<!-- c -->v&#x1F600;u" + String(repeating: "ü", count: 8),
    ]

    /// The bytes of `run` as libxml2 resolves them (references and CDATA, no comment).
    static func resolved(_ run: String) -> [UInt8] {
        var text = run.replacingOccurrences(of: "<!-- c -->", with: "")
        text = text.replacingOccurrences(of: "<![CDATA[", with: "").replacingOccurrences(of: "]]>", with: "")
        text = text.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&#228;", with: "ä").replacingOccurrences(of: "&#x1F600;", with: "😀")
        return Array(text.utf8)
    }

    /// The rule written out, for `<item><title>run</title></item>` with `budget`: the item and
    /// the title cost a node and their names; the run's pieces
    /// (``pieces(_:maximum:)``) are each kept whole if they fit (the
    /// first kept one costs a node as well), else dropped.
    static func expected(_ run: [UInt8], maximum: Int, budget: Int) -> (title: [UInt8], truncated: Bool) {
        let node = FeedCapture.nodeCost
        var left = budget
        var truncated = false
        if node + 4 <= left { left -= node + 4 } else { left = max(0, left - node); truncated = true }
        guard node + 5 <= left else { return ([], true) }
        left -= node + 5
        var kept: [UInt8] = []
        for piece in pieces(run, maximum: maximum) {
            let cost = (kept.isEmpty ? node : 0) + piece.count
            if cost <= left {
                left -= cost
                kept += piece
            } else {
                truncated = true
            }
        }
        return (kept, truncated)
    }

    /// The pieces of a run, by characters: each holds as many whole characters as fit in
    /// `maximum` bytes (for maxima of 4 bytes or more, what the reader's cut at the maximum,
    /// moved back to the start of a character it would split, gives).
    static func pieces(_ run: [UInt8], maximum: Int) -> [[UInt8]] {
        var pieces: [[UInt8]] = []
        var piece: [UInt8] = []
        for scalar in String(decoding: run, as: UTF8.self).unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if piece.count + bytes.count > maximum {
                pieces.append(piece)
                piece = []
            }
            piece += bytes
        }
        if !piece.isEmpty { pieces.append(piece) }
        return pieces
    }

    static func stream(_ document: [UInt8], chunkSize: Int, maximum: Int, budget: Int) throws -> ([FeedItem], FeedStreamSummary) {
        var options = FeedStream.Options()
        options.maximumItemBytes = budget
        options.markup.maximumTextEventBytes = maximum
        let chunks = stride(from: 0, to: document.count, by: chunkSize).map { document[$0..<min(document.count, $0 + chunkSize)] }
        var items: [FeedItem] = []
        let summary = try FeedStream.read(chunks: chunks, options: options) { items.append($0) }
        return (items, summary)
    }

    @Test func aBudgetKeepsThePiecesTheRuleKeeps() throws {
        let node = FeedCapture.nodeCost
        for run in Self.runs {
            let bytes = Self.resolved(run)
            let document = Array("<rss version=\"2.0\"><channel><item><title>\(run)</title></item></channel></rss>".utf8)
            // Budgets from one that leaves no room for the title to one that keeps it all, byte
            // by byte: the budget runs out at every position in every piece.
            let first = 2 * node + 9 - 2
            let last = 3 * node + 9 + bytes.count + 2
            for maximum in [4, 5, 7, 16, bytes.count, bytes.count + 1, 65_536] {
                for chunkSize in [1, 7, 4_096] {
                    for budget in first...last {
                        let (items, summary) = try Self.stream(document, chunkSize: chunkSize, maximum: maximum, budget: budget)
                        let (title, truncated) = Self.expected(bytes, maximum: maximum, budget: budget)
                        let context = "\(run.prefix(12)), maximum \(maximum), chunks of \(chunkSize), budget \(budget)"
                        #expect(items.count == 1, "\(context)")
                        #expect(Array((items.first?.title ?? "").utf8) == title, "\(context)")
                        let cut = summary.problems.contains { $0.hasSuffix("its text was cut") }
                        #expect(cut == truncated, "\(context)")
                    }
                }
            }
        }
    }

    /// A ``FeedEventSink`` that takes no text directly: every piece comes through `text(_:)`,
    /// as all the stream's text did before.
    final class PiecesOnly: XMLEventReceiver {
        let sink: FeedEventSink
        init(_ sink: FeedEventSink) { self.sink = sink }
        var names: XMLNameTable { sink.names }
        func startElement(_ tag: XMLStartTag, afterMalformation: Bool) { sink.startElement(tag, afterMalformation: afterMalformation) }
        func endElement() { sink.endElement() }
        var wantsText: Bool { sink.wantsText }
        func text(_ utf8: UnsafeBufferPointer<UInt8>) { sink.text(utf8) }
    }

    /// What the rules made of `document` read by the push parser in chunks, the text taken
    /// directly or in pieces: the items and the feed as JSON.
    static func read(_ document: [UInt8], chunkSize: Int, maximum: Int, budget: Int, direct: Bool) -> String {
        var options = StreamingXMLReader.Options()
        options.maximumTextEventBytes = maximum
        options.sniffLength = 16
        let reader = StreamingXMLReader(options: options)
        let sink = FeedEventSink(rules: FeedEventReader(url: "http://x.se/", itemBudget: budget, fieldBudget: budget, maximumProblems: nil), looksDeeperAfterErrors: true)
        let piecesOnly = PiecesOnly(sink)
        var failure = ""
        document.withUnsafeBufferPointer { all in
            var offset = 0
            while offset < all.count {
                let chunk = UnsafeBufferPointer(rebasing: all[offset..<min(all.count, offset + chunkSize)])
                let result = Result { () throws(MarkupError) in direct ? try reader.parse(chunk, to: sink) : try reader.parse(chunk, to: piecesOnly) }
                if case let .failure(error) = result { failure = "\(error)"; return }
                offset += chunkSize
            }
            let result = Result { () throws(MarkupError) in direct ? try reader.finish(to: sink) : try reader.finish(to: piecesOnly) }
            if case let .failure(error) = result { failure = "\(error)" }
        }
        let feed = sink.rules.finish()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let items = sink.rules.ready.map { String(decoding: (try? encoder.encode($0)) ?? Data(), as: UTF8.self) }
        return items.joined(separator: "\n") + "\n" + String(decoding: (try? encoder.encode(feed)) ?? Data(), as: UTF8.self) + "\n" + failure
    }

    @Test func textTakenDirectlyGivesWhatItsPiecesGive() {
        let long = Self.runs.joined(separator: " ")
        let documents = [
            "<rss version=\"2.0\"><channel><title>\(long)</title><description>\(Self.runs[1])</description>\n<item><title>\(Self.runs[0])</title><description>\(long)</description><category>\(Self.runs[2])</category><category>k</category></item>\n<item><title>\(long)<!-- c --></title><x>\(Self.runs[3])<y>\(Self.runs[4])</y>\(Self.runs[3])</x><description>\(Self.runs[4])</description></item></channel></rss>",
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title type=\"html\">\(long)</title><entry><title>\(Self.runs[2])</title><content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">\(long)<b>\(Self.runs[3])</b>\(Self.runs[1])</div></content><summary>\(Self.runs[4])</summary></entry></feed>",
            // Cut short inside a run, and not well-formed.
            "<rss version=\"2.0\"><channel><item><title>\(Self.runs[0])</title><description>\(long)",
            "<rss version=\"2.0\"><channel><item><title>\(Self.runs[1])</b></title><description>\(long)</description></item><p><item><title>\(Self.runs[3])</title></item></channel></rss>",
        ]
        for (k, document) in documents.enumerated() {
            let bytes = Array(document.utf8)
            for maximum in [4, 7, 16, 64, 65_536] {
                for chunkSize in [1, 7, 4_096] {
                    for budget in stride(from: 60, through: 900, by: 11) {
                        let direct = Self.read(bytes, chunkSize: chunkSize, maximum: maximum, budget: budget, direct: true)
                        let pieces = Self.read(bytes, chunkSize: chunkSize, maximum: maximum, budget: budget, direct: false)
                        #expect(direct == pieces, "document \(k), maximum \(maximum), chunks of \(chunkSize), budget \(budget)")
                    }
                }
            }
        }
    }

    /// The memory the captures of the open items keep (read by reflection: they are private).
    static func openCapturesBytes(_ rules: FeedEventReader) -> Int {
        guard let open = Mirror(reflecting: rules).children.first(where: { $0.label == "open" })?.value else { return 0 }
        return Mirror(reflecting: open).children.reduce(0) { total, item in
            let capture = Mirror(reflecting: item.value).children.first { $0.label == "capture" }?.value as? FeedCapture
            return total + (capture?.retainedBytes ?? 0)
        }
    }

    @Test func aHugeRunDoesNotGrowTheCapturePastItsBudget() throws {
        // 8 MB of text in one run (libxml2 refuses a text node over 10 MB), 500 KB kept: the
        // capture holds at most the budget and one run shorter than the maximum piece (64 KiB)
        // before the parser takes the run back.
        let budget = 500_000
        let rules = FeedEventReader(url: "http://x.se/", itemBudget: budget, fieldBudget: budget, maximumProblems: nil)
        let sink = FeedEventSink(rules: rules, looksDeeperAfterErrors: true)
        let reader = StreamingXMLReader()
        let line = Array(String(repeating: "Lång text om regional utveckling. ", count: 2_000).utf8)
        func push(_ bytes: [UInt8]) throws {
            try bytes.withUnsafeBufferPointer { chunk throws(MarkupError) in try reader.parse(chunk, to: sink) }
        }
        try push(Array("<rss version=\"2.0\"><channel><item><title>Stor</title><description>".utf8))
        var pushed = 0
        var largest = 0
        while pushed < 8_000_000 {
            try push(line)
            pushed += line.count
            largest = max(largest, Self.openCapturesBytes(sink.rules))
        }
        // (Above 0: the item's capture is seen.)
        #expect(largest > 0 && largest < 3 * budget, "\(largest) bytes")
        try push(Array("</description></item></channel></rss>".utf8))
        try reader.finish(to: sink)
        let feed = sink.rules.finish()
        let item = try #require(sink.rules.ready.first)
        #expect(item.title == "Stor")
        let kept = item.summary?.utf8.count ?? 0
        #expect(kept > budget - 70_000 && kept < budget, "\(kept) bytes kept")
        #expect(feed?.problems.contains { $0.hasSuffix("its text was cut") } == true)
    }

    @Test func itemsOfTheLastChunkAndOfTheEndAreJoinedInOrder() {
        func item(_ title: String) -> FeedItem {
            FeedItem(title: title, link: nil, id: nil, published: nil, updated: nil, summary: nil, categories: [], authors: [], locator: "/x")
        }
        func joined(_ first: [FeedItem], _ second: [FeedItem]) -> [FeedItem] {
            var items = first
            items.feedAppend(second)
            return items
        }
        let a = [item("1"), item("2")], b = [item("3")]
        #expect(joined(a, b).map(\.title) == ["1", "2", "3"])
        #expect(joined([], b).map(\.title) == ["3"])
        #expect(joined(a, []).map(\.title) == ["1", "2"])
        #expect(joined([], []).isEmpty)
    }
}
