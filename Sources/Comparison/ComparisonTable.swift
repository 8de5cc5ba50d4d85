public import StrategyModel

/// Regions side by side: one column per region, one row per dimension.
public struct ComparisonTable: Codable, Sendable, Hashable {
    public var regions: [Region]
    public var rows: [ComparisonRow]

    public init(regions: [Region], rows: [ComparisonRow]) {
        self.regions = regions
        self.rows = rows
    }

    /// The row for `dimension`.
    public func row(_ dimension: ComparisonDimension) -> ComparisonRow? {
        rows.first { $0.dimension == dimension }
    }
}

/// What a row compares.
public enum ComparisonDimension: String, Codable, Sendable, Hashable, CaseIterable {
    case organisation
    case strategyTitle = "strategy-title"
    case period
    case status
    case adopted
    case versions
    case vision
    case areas
    case goals
    case perspectives
    case smartSpecialisation = "smart-specialisation"
    case actionPlans = "action-plans"
    case funding
    case followUp = "follow-up"
    case frameworks
    case news

    /// The row label in reports.
    public var label: String {
        switch self {
        case .organisation: "Organisation"
        case .strategyTitle: "Strategy"
        case .period: "Period"
        case .status: "Status"
        case .adopted: "Adopted"
        case .versions: "Versions"
        case .vision: "Vision"
        case .areas: "Priority areas"
        case .goals: "Goals"
        case .perspectives: "Perspectives"
        case .smartSpecialisation: "Smart specialisation"
        case .actionPlans: "Action plans"
        case .funding: "Funding"
        case .followUp: "Follow-up"
        case .frameworks: "Frameworks named"
        case .news: "News"
        }
    }
}

/// One dimension across the regions; `cells` are in the table's region order.
public struct ComparisonRow: Codable, Sendable, Hashable {
    public var dimension: ComparisonDimension
    public var cells: [ComparisonCell]

    public init(dimension: ComparisonDimension, cells: [ComparisonCell]) {
        self.dimension = dimension
        self.cells = cells
    }
}

/// What one region's documents say about one dimension.
public struct ComparisonCell: Codable, Sendable, Hashable {
    public var regionID: String
    /// A one-line summary ("4: Delaktighet …; …"), or ``ComparisonCell/unknown``.
    public var summary: String
    /// The items behind the summary, each with its evidence.
    public var items: [CellItem]

    /// What a cell says when the documents read do not say.
    public static let unknown = "unknown"

    public init(regionID: String, summary: String, items: [CellItem]) {
        self.regionID = regionID
        self.summary = summary
        self.items = items
    }

    /// `true` when the documents do not say.
    public var isUnknown: Bool { summary == Self.unknown }
}

/// A value in a cell with its evidence (none for values computed from others, such as counts).
public struct CellItem: Codable, Sendable, Hashable {
    public var value: String
    public var evidence: Evidence?

    public init(_ value: String, evidence: Evidence?) {
        self.value = value
        self.evidence = evidence
    }
}
