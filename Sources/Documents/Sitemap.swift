public import Foundation

/// A sitemap (sitemaps.org protocol 0.9): the pages a site lists for crawlers, or, for a
/// sitemap index, the sitemaps it is split into. Read with ``SitemapReader``.
public struct Sitemap: Sendable, Hashable, Codable {
    /// `urlset` (pages) or `sitemapindex` (further sitemaps).
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A `urlset`: pages.
        case urlset
        /// A `sitemapindex`: further sitemaps.
        case index = "sitemapindex"
    }

    /// Pages (`urlset`) or further sitemaps (`sitemapindex`).
    public var kind: Kind
    /// The entries in document order; entries without a `<loc>` are left out (and reported in
    /// ``problems``).
    public var entries: [SitemapEntry]
    /// Problems met: malformed XML recovered, an entry without `<loc>`, an unreadable
    /// `<lastmod>`, `<changefreq>` or `<priority>`. Empty for a clean sitemap.
    public var problems: [String]

    /// A sitemap with the given entries.
    public init(kind: Kind, entries: [SitemapEntry], problems: [String]) {
        self.kind = kind
        self.entries = entries
        self.problems = problems
    }

    /// The URLs of the entries, in document order.
    public var urls: [String] { entries.map(\.url) }
}

/// One `<url>` of a `urlset`, or one `<sitemap>` of a `sitemapindex` (which has only `url`
/// and `lastModified`).
public struct SitemapEntry: Sendable, Hashable, Codable {
    /// `<loc>`, absolute (a relative one is resolved against the sitemap's URL).
    public var url: String
    /// `<lastmod>` (W3C datetime: a date, or a date and time with offset).
    public var lastModified: Date?
    /// `<changefreq>`.
    public var changeFrequency: ChangeFrequency?
    /// `<priority>`, 0.0–1.0.
    public var priority: Double?
    /// XPath of the entry element, e.g. `/*/*[3]`.
    public var locator: String

    /// An entry; `url` is absolute.
    public init(url: String, lastModified: Date? = nil, changeFrequency: ChangeFrequency? = nil, priority: Double? = nil, locator: String) {
        self.url = url
        self.lastModified = lastModified
        self.changeFrequency = changeFrequency
        self.priority = priority
        self.locator = locator
    }

    /// How often a page is said to change.
    public enum ChangeFrequency: String, Sendable, Hashable, Codable, CaseIterable {
        /// `always`: changes each time it is accessed.
        case always
        /// `hourly`.
        case hourly
        /// `daily`.
        case daily
        /// `weekly`.
        case weekly
        /// `monthly`.
        case monthly
        /// `yearly`.
        case yearly
        /// `never`: archived.
        case never
    }
}
