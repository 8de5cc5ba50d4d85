public import StrategyModel
public import Comparison

/// A comparison with the profiles it was built from: what `rus compare --format json` writes.
public struct ComparisonReport: Codable, Sendable, Hashable {
    public var table: ComparisonTable
    public var profiles: [RegionProfile]

    public init(profiles: [RegionProfile]) {
        self.profiles = profiles
        self.table = SideBySide.table(for: profiles)
    }
}

/// Report formats.
public enum ReportFormat: String, Sendable, CaseIterable {
    case markdown
    case csv
    case json
}

extension ComparisonReport {
    /// The report in `format`, as text.
    public func rendered(as format: ReportFormat) throws -> String {
        switch format {
        case .markdown: MarkdownRenderer.render(self)
        case .csv: CSVRenderer.render(table)
        case .json: String(decoding: try StrategyJSON.encoder().encode(self), as: UTF8.self) + "\n"
        }
    }
}
