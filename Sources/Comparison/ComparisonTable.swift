public import StrategyModel

/// Regions side by side: one column per region, one row per dimension.
public struct ComparisonTable: Codable, Sendable, Hashable {
    /// The regions, one column each, in the order given.
    public var regions: [Region]
    /// One row per ``ComparisonDimension``, in its order.
    public var rows: [ComparisonRow]

    /// Creates a table; ``SideBySide/table(for:)`` builds one from region profiles.
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
    /// The organisation responsible (``/StrategyModel/Region/organisation``).
    case organisation
    /// The current strategy's title.
    case strategyTitle = "strategy-title"
    /// The years it covers.
    case period
    /// Its status (adopted, under revision, …).
    case status
    /// When and by whom it was adopted (or, failing that, published).
    case adopted
    /// Every regional development strategy version the documents name.
    case versions
    /// The vision.
    case vision
    /// Priority areas, with their sub-areas.
    case areas
    /// Goals, with how many sub-goals (delmål) each has.
    case goals
    /// Horizontal perspectives.
    case perspectives
    /// Smart specialisation areas, from any strategy of the region.
    case smartSpecialisation = "smart-specialisation"
    /// Action plans and programmes, with their documents.
    case actionPlans = "action-plans"
    /// Funding records: totals, allocations, grants.
    case funding
    /// Follow-up activities.
    case followUp = "follow-up"
    /// Frameworks the strategies name.
    case frameworks
    /// How many news items, the latest date, and the first three items.
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
    /// What the row compares.
    public var dimension: ComparisonDimension
    /// One cell per region, in the table's region order.
    public var cells: [ComparisonCell]

    /// Creates a row.
    public init(dimension: ComparisonDimension, cells: [ComparisonCell]) {
        self.dimension = dimension
        self.cells = cells
    }
}

/// What one region's documents say about one dimension.
public struct ComparisonCell: Codable, Sendable, Hashable {
    /// The region's id.
    public var regionID: String
    /// A one-line summary ("4: Delaktighet …; …"), or ``ComparisonCell/unknown``.
    public var summary: String
    /// The items behind the summary, each with its evidence.
    public var items: [CellItem]

    /// What a cell says when the documents read do not say.
    public static let unknown = "unknown"

    /// Creates a cell; use ``ComparisonCell/unknown`` as `summary` when the documents do not say.
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
    /// The value as text.
    public var value: String
    /// Where it is stated; `nil` for values computed from others.
    public var evidence: Evidence?

    /// Creates an item.
    public init(_ value: String, evidence: Evidence?) {
        self.value = value
        self.evidence = evidence
    }
}
