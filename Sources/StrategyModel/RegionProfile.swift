public import Foundation

/// Everything read about one region: its strategies, projects, funding, news and the sources
/// read. This is what `rus show` prints and `--format json` writes.
public struct RegionProfile: Codable, Sendable, Hashable, Identifiable {
    public var region: Region
    /// Strategy versions, newest period first.
    public var strategies: [Strategy]
    public var projects: [Project]
    public var funding: [FundingRecord]
    /// News items, newest first; undated items last, in feed order.
    public var news: [NewsItem]
    /// The documents that were read.
    public var sources: [SourceRecord]

    public var id: String { region.id }

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
    public var id: String
    public var name: String
    public var owner: String?
    public var funders: [String]
    public var partners: [String]
    /// Granted amount in kronor, if stated.
    public var amountSEK: Int?
    public var date: PartialDate?
    /// The strategy it serves, if the documents say.
    public var strategyID: String?
    public var evidence: Evidence

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
    public enum Kind: String, Codable, Sendable, Hashable {
        /// The sum of a distribution.
        case total
        /// One part of a distribution.
        case allocation
        /// A decision to grant money to a project.
        case grant
    }

    public var id: String
    public var kind: Kind
    public var year: Int?
    public var amountSEK: Int
    /// `true` when the source gives the amount as a lower bound ("mer än 22 mnkr").
    public var isLowerBound: Bool
    /// The fund ("regionala tillväxtmedel (1:1)"), if stated.
    public var fund: String?
    /// The goal the money went to; `nil` means unknown, see `note`.
    public var goal: String?
    /// What the recipient or project is, if stated.
    public var recipient: String?
    public var strategyID: String?
    /// Why something is unknown, e.g. "the source lists amounts and goals separately".
    public var note: String?
    public var evidence: Evidence

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
    public var id: String
    public var title: String
    public var link: String?
    /// Publication date (UTC instant as ISO 8601 in JSON); `nil` where the feed gives none.
    public var published: Date?
    public var summary: String?
    public var categories: [String]
    public var evidence: Evidence

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
    public var url: String
    public var mediaType: String
    public var charset: String?
    public var sha256: String
    /// "reconstruction" for bundled snapshots rebuilt from public text, "download" for fetched copies,
    /// "file" for local files given to `rus read`.
    public var origin: String
    /// When the bytes were fetched (ISO 8601); `nil` for reconstructions and where unknown.
    public var retrieved: String?
    public var role: String?
    public var note: String?

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
