public import Foundation

/// Everything read about one region: its strategies, projects, funding, news and the sources
/// read. This is what `rus show` prints and `--format json` writes.
public struct RegionProfile: Codable, Sendable, Hashable, Identifiable {
    /// Who the region is.
    public var region: Region
    /// Strategy versions, newest period first.
    public var strategies: [Strategy]
    /// Projects linked to the strategy, as the region's documents list them.
    public var projects: [Project]
    /// Money allocated under the strategy (totals, allocations, grants).
    public var funding: [FundingRecord]
    /// News items, newest first; undated items last, in feed order.
    public var news: [NewsItem]
    /// The documents that were read.
    public var sources: [SourceRecord]

    /// The region's id (``Region/id``).
    public var id: String { region.id }

    /// Creates a profile; `StrategyLoader` (in RegionalStrategies) builds these from a region module's output.
    public init(region: Region, strategies: [Strategy], projects: [Project] = [], funding: [FundingRecord] = [], news: [NewsItem] = [], sources: [SourceRecord] = []) {
        self.region = region
        self.strategies = strategies
        self.projects = projects
        self.funding = funding
        self.news = news
        self.sources = sources
    }

    /// The regional development strategy in force: adopted (not superseded) with the latest
    /// end year; failing that, the one with the latest end year.
    public var currentStrategy: Strategy? {
        let rus = strategies.filter { $0.kind == .regionalDevelopment }
        func end(_ s: Strategy) -> Int { s.period?.value.endYear ?? 0 }
        let inForce = rus.filter { $0.status?.value == .adopted || $0.status?.value == .underRevision }
        return inForce.max { end($0) < end($1) } ?? rus.max { end($0) < end($1) }
    }
}

/// A project linked to the strategy (owner, funders, partners, amount).
public struct Project: Codable, Sendable, Hashable, Identifiable {
    /// Stable id of the project, unique within the region.
    public var id: String
    /// The project's name as the documents give it.
    public var name: String
    /// The organisation that runs the project (projektägare), if stated.
    public var owner: String?
    /// Who pays for it (finansiärer), as named in the documents; empty if not stated.
    public var funders: [String]
    /// Partners (samverkansparter) named in the documents; empty if none are named.
    public var partners: [String]
    /// Granted amount in kronor, if stated.
    public var amountSEK: Int?
    /// When the project was granted or started, if stated.
    public var date: PartialDate?
    /// The strategy it serves, if the documents say.
    public var strategyID: String?
    /// Where the documents name the project.
    public var evidence: Evidence

    /// Creates a project; optional fields are `nil` (or empty) where the documents do not say.
    public init(id: String, name: String, owner: String? = nil, funders: [String] = [], partners: [String] = [], amountSEK: Int? = nil, date: PartialDate? = nil, strategyID: String? = nil, evidence: Evidence) {
        self.id = id
        self.name = name
        self.owner = owner
        self.funders = funders
        self.partners = partners
        self.amountSEK = amountSEK
        self.date = date
        self.strategyID = strategyID
        self.evidence = evidence
    }
}

/// Money allocated: a total, or one amount of it, with the goal it went to where known.
public struct FundingRecord: Codable, Sendable, Hashable, Identifiable {
    /// What a funding record is: a total, one part of it, or a grant.
    public enum Kind: String, Codable, Sendable, Hashable {
        /// The sum of a distribution.
        case total
        /// One part of a distribution.
        case allocation
        /// A decision to grant money to a project.
        case grant
    }

    /// Stable id of the record, unique within the region.
    public var id: String
    /// Whether this is a total, an allocation or a grant.
    public var kind: Kind
    /// The year the money is for; `nil` when the source does not say.
    public var year: Int?
    /// The amount in Swedish kronor (SEK), whole kronor ("12,3 mnkr" is 12 300 000).
    public var amountSEK: Int
    /// `true` when the source gives the amount as a lower bound ("mer än 22 mnkr").
    public var isLowerBound: Bool
    /// The fund ("regionala tillväxtmedel (1:1)"), if stated.
    public var fund: String?
    /// The goal the money went to; `nil` means unknown, see `note`.
    public var goal: String?
    /// What the recipient or project is, if stated.
    public var recipient: String?
    /// The ``Strategy/id`` of the strategy the money serves, if known.
    public var strategyID: String?
    /// Why something is unknown, e.g. "the source lists amounts and goals separately".
    public var note: String?
    /// Where the documents state the amount.
    public var evidence: Evidence

    /// Creates a funding record; optional fields are `nil` where the source does not say.
    public init(id: String, kind: Kind, year: Int?, amountSEK: Int, isLowerBound: Bool = false, fund: String? = nil, goal: String? = nil, recipient: String? = nil, strategyID: String? = nil, note: String? = nil, evidence: Evidence) {
        self.id = id
        self.kind = kind
        self.year = year
        self.amountSEK = amountSEK
        self.isLowerBound = isLowerBound
        self.fund = fund
        self.goal = goal
        self.recipient = recipient
        self.strategyID = strategyID
        self.note = note
        self.evidence = evidence
    }
}

/// A news or press item from a region's feed.
public struct NewsItem: Codable, Sendable, Hashable, Identifiable {
    /// Stable id of the item, unique within the region.
    public var id: String
    /// The headline as the feed gives it.
    public var title: String
    /// The item's web page (absolute URL), if the feed links one.
    public var link: String?
    /// Publication date (UTC instant as ISO 8601 in JSON); `nil` where the feed gives none.
    public var published: Date?
    /// The feed's summary or description as plain text, if any.
    public var summary: String?
    /// The feed's categories or tags for the item; empty if none.
    public var categories: [String]
    /// The feed item it was read from.
    public var evidence: Evidence

    /// Creates a news item; `nil` fields mean the feed does not give them.
    public init(id: String, title: String, link: String?, published: Date?, summary: String?, categories: [String] = [], evidence: Evidence) {
        self.id = id
        self.title = title
        self.link = link
        self.published = published
        self.summary = summary
        self.categories = categories
        self.evidence = evidence
    }
}

/// A document that was read: where from, what exactly, and how it got here.
public struct SourceRecord: Codable, Sendable, Hashable {
    /// The URL the document is published at.
    public var url: String
    /// The media type read, e.g. `text/html` or `application/rss+xml`.
    public var mediaType: String
    /// The charset the transport declared, if any (the bytes may say otherwise).
    public var charset: String?
    /// Lowercase hex SHA-256 of the exact bytes read; ``Evidence/snapshotSHA256`` refers to it.
    public var sha256: String
    /// "reconstruction" for bundled snapshots rebuilt from public text, "download" for fetched copies,
    /// "file" for local files given to `rus read`.
    public var origin: String
    /// When the bytes were fetched (ISO 8601); `nil` for reconstructions and where unknown.
    public var retrieved: String?
    /// What the source is for the region ("strategy", "news", "funding", …), if declared.
    public var role: String?
    /// A remark on the source, e.g. how a reconstruction was made.
    public var note: String?

    /// Creates a record of one document read.
    public init(url: String, mediaType: String, charset: String?, sha256: String, origin: String, retrieved: String? = nil, role: String? = nil, note: String? = nil) {
        self.retrieved = retrieved
        self.url = url
        self.mediaType = mediaType
        self.charset = charset
        self.sha256 = sha256
        self.origin = origin
        self.role = role
        self.note = note
    }
}
