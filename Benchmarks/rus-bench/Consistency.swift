import Foundation
import Documents

/// Whether `FeedStream` gives what `FeedReader` gives, feed by feed: the two share their rules
/// by copy for now, so this shows when they drift apart.
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
        if tree.format != summary.format { return "format \(tree.format) vs \(summary.format)" }
        if tree.title != summary.title { return "title \(tree.title ?? "nil") vs \(summary.title ?? "nil")" }
        if tree.link != summary.link { return "link \(tree.link ?? "nil") vs \(summary.link ?? "nil")" }
        if tree.subtitle != summary.subtitle { return "subtitle differs" }
        if tree.language != summary.language { return "language differs" }
        if tree.updated != summary.updated { return "updated differs" }
        return nil
    }
}
