public import Foundation
public import StrategyModel

/// A region's plugin: who the region is, where it publishes its strategy, and how to read
/// those documents into the common model.
///
/// Conforming types are small values (`Blekinge()`); pass them as lists, e.g.
/// `[Blekinge(), Kalmar(), Vasternorrland()]`. Reading is pure: the documents are parsed
/// before the module sees them, and a module never does I/O.
public protocol RegionModule: Sendable {
    /// Who the region is: id, display name, county code, NUTS code, organisation.
    var region: Region { get }
    /// Where its strategy is published: pages and feeds, each with a URL and its file in the
    /// bundled snapshot.
    var sources: [SourceDescriptor] { get }
    /// The folder of the bundled snapshot (holding `manifest.json`), if the module ships one.
    var bundledSnapshot: URL? { get }
    /// Where `rus fetch` may look for pages beyond `sources` (sitemaps, URL scopes). The default
    /// has no sitemaps of its own and scopes discovery to the folders of the strategy pages.
    var discovery: DiscoveryHints { get }
    /// Reads the strategy versions from the documents. Pure: no I/O.
    func strategies(from documents: DocumentSet) throws -> [Strategy]
    /// Reads news items. The default reads every feed in `documents` with ``NewsReader``.
    func news(from documents: DocumentSet) throws -> [NewsItem]
    /// Reads projects linked to the strategy. The default returns none.
    func projects(from documents: DocumentSet) throws -> [Project]
    /// Reads funding records. The default returns none.
    func funding(from documents: DocumentSet) throws -> [FundingRecord]
}

extension RegionModule {
    public var bundledSnapshot: URL? { nil }

    public var discovery: DiscoveryHints { DiscoveryHints() }

    public func news(from documents: DocumentSet) throws -> [NewsItem] {
        NewsReader(regionID: region.id).items(from: documents)
    }

    public func projects(from documents: DocumentSet) throws -> [Project] { [] }

    public func funding(from documents: DocumentSet) throws -> [FundingRecord] { [] }

    /// Reads everything into one profile: strategies (newest period first), projects,
    /// funding, news (newest first) and the list of documents read.
    public func profile(from documents: DocumentSet) throws -> RegionProfile {
        let strategies = try self.strategies(from: documents).sorted { a, b in
            (a.period?.value.endYear ?? 0, a.period?.value.startYear ?? 0) > (b.period?.value.endYear ?? 0, b.period?.value.startYear ?? 0)
        }
        return RegionProfile(
            region: region,
            strategies: strategies,
            projects: try projects(from: documents),
            funding: try funding(from: documents),
            news: NewsReader.sorted(try news(from: documents)),
            sources: documents.documents.map(\.record)
        )
    }
}

/// One published document a region module reads.
public struct SourceDescriptor: Sendable, Hashable, Codable {
    /// Where it is published.
    public var url: String
    /// What it holds for the module.
    public var role: SourceRole
    /// Its file name in the bundled snapshot.
    public var snapshotFile: String

    /// Describes one source: published at `url`, stored in the snapshot as `snapshotFile`.
    public init(url: String, role: SourceRole, snapshotFile: String) {
        self.url = url
        self.role = role
        self.snapshotFile = snapshotFile
    }
}

/// Where live fetching may find a region's new strategy pages and news beyond its listed sources.
///
/// The fetcher reads the sitemaps (those given here, else those the host's `robots.txt` names)
/// and the items of the module's feeds, and keeps the pages whose URL is on a source's host and
/// starts with one of `scopes`, up to the `--max-pages` limit.
public struct DiscoveryHints: Sendable, Hashable, Codable {
    /// Sitemap URLs (`sitemap.xml` or sitemap indexes). Empty: the sitemaps `robots.txt` lists.
    public var sitemaps: [String]
    /// URL prefixes a discovered page must start with. Empty: the folder of each source that
    /// is not a feed (`https://host/a/b/page.html` gives `https://host/a/b/`).
    public var scopes: [String]

    /// Hints with the given sitemaps and scopes (both empty by default).
    public init(sitemaps: [String] = [], scopes: [String] = []) {
        self.sitemaps = sitemaps
        self.scopes = scopes
    }
}

/// What a source holds.
public enum SourceRole: String, Sendable, Hashable, Codable, CaseIterable {
    /// A page that presents the strategy (its landing page).
    case overview
    /// The strategy itself, or a page with its text.
    case strategy
    /// A page on earlier versions and how the strategy came about.
    case history
    /// A news or press feed (RSS or Atom).
    case news
    /// Follow-up (uppföljning): reports, indicators, learning.
    case followUp = "follow-up"
    /// The smart specialisation strategy (S3) or a page on it.
    case smartSpecialisation = "smart-specialisation"
    /// Action plans and programmes (handlingsplaner).
    case actionPlans = "action-plans"
    /// Funding: regional growth funds, allocations, grants.
    case funding
}
