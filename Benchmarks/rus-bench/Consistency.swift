import Foundation
import Documents

/// Whether `FeedStream` gives what `FeedReader` gives, feed by feed: every item and every field
/// of the feed (problems included). The two share their rules; what can still differ is how
/// libxml2's push parser and its memory parser recover from broken XML.
struct Consistency: Codable {
    var feeds = 0
    var same = 0
    var bothFail = 0
    /// Files where only one reader failed, or the two disagree, with what differs first.
    var differences: [String: String] = [:]

    static func check(_ files: [String], root: String) -> Consistency {
        var result = Consistency()
        for path in files {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            let bytes = [UInt8](data)
            result.feeds += 1
            let name = path.hasPrefix(root) ? String(path.dropFirst(root.count + 1)) : path
            let tree = try? FeedReader().read(bytes, url: "http://example.com/feed")
            var items: [FeedItem] = []
            let summary = try? FeedStream.read(chunks: [bytes], url: "http://example.com/feed") { items.append($0) }
            switch (tree, summary) {
            case (nil, nil):
                result.bothFail += 1
            case (nil, _?):
                result.differences[name] = "only the stream reads it"
            case (_?, nil):
                result.differences[name] = "only the tree reads it"
            case let (tree?, summary?):
                if let difference = firstDifference(tree, items, summary) {
                    result.differences[name] = difference
                } else {
                    result.same += 1
                }
            }
        }
        return result
    }

    private static func firstDifference(_ tree: Feed, _ items: [FeedItem], _ summary: FeedStreamSummary) -> String? {
        if tree.items.count != items.count { return "\(tree.items.count) items on the tree, \(items.count) streamed" }
        for (index, (a, b)) in zip(tree.items, items).enumerated() where a != b {
            return "item \(index + 1) differs: tree \(a), stream \(b)"
        }
        var fields = tree
        fields.items = []
        if fields != summary.feed { return "feed fields differ: tree \(fields), stream \(summary.feed)" }
        return nil
    }
}
