public import Foundation

/// A news feed: RSS 0.9x/1.0/2.0 or Atom 1.0, in one shape.
public struct Feed: Sendable, Hashable, Codable {
    public enum Format: String, Sendable, Hashable, Codable {
        case rss090 = "rss-0.90", rss091 = "rss-0.91", rss092 = "rss-0.92", rss10 = "rss-1.0", rss20 = "rss-2.0"
        case atom03 = "atom-0.3", atom10 = "atom-1.0"
    }

    public var format: Format
    public var title: String?
    /// The site the feed belongs to (absolute).
    public var link: String?
    public var subtitle: String?
    public var language: String?
    public var updated: Date?
    public var items: [FeedItem]
    /// Problems met while reading: the XML was not well-formed and was recovered, a date could
    /// not be read. Empty for a clean feed (feedparser's "bozo" is `!problems.isEmpty`).
    public var problems: [String]

    public init(format: Format, title: String?, link: String?, subtitle: String?, language: String?, updated: Date?, items: [FeedItem], problems: [String]) {
        self.format = format
        self.title = title
        self.link = link
        self.subtitle = subtitle
        self.language = language
        self.updated = updated
        self.items = items
        self.problems = problems
    }
}

/// One entry of a feed.
public struct FeedItem: Sendable, Hashable, Codable {
    public var title: String?
    /// The item's web page (absolute).
    public var link: String?
    /// `guid` (RSS) or `id` (Atom); `nil` when the feed gives none.
    public var id: String?
    public var published: Date?
    public var updated: Date?
    /// The summary or description as plain text (markup removed, whitespace normalised).
    public var summary: String?
    public var categories: [String]
    public var authors: [String]
    /// XPath of the item element.
    public var locator: String

    public init(title: String?, link: String?, id: String?, published: Date?, updated: Date?, summary: String?, categories: [String], authors: [String], locator: String) {
        self.title = title
        self.link = link
        self.id = id
        self.published = published
        self.updated = updated
        self.summary = summary
        self.categories = categories
        self.authors = authors
        self.locator = locator
    }

    /// `published`, or `updated` when no publication date is given.
    public var date: Date? { published ?? updated }
}
