/// How much of each region's strategy each code covers.
public struct CoverageRow: Codable, Sendable, Hashable {
    /// The code's id.
    public var code: String
    /// The code's label in Swedish and English.
    public var label: Codebook.Label
    /// The id of the broader code, if any.
    public var parent: String?
    /// 0 for a top-level code.
    public var depth: Int
    /// In the comparison's region order.
    public var cells: [CoverageCell]
}

/// One region × one code.
public struct CoverageCell: Codable, Sendable, Hashable {
    /// The region's id.
    public var regionID: String
    /// Statements coded with the code itself, in document order.
    public var statements: [String]
    /// Statements coded with the code or a code below it (``statements`` plus its sub-codes').
    public var statementsWithSubcodes: [String]
    /// All statements of the region that were coded (the denominator of the shares).
    public var total: Int

    /// ``statements`` as a share of ``total``, to four decimals (0 when the region has no statements).
    public var share: Double
    /// ``statementsWithSubcodes`` as a share of ``total``.
    public var shareWithSubcodes: Double

    /// Creates a cell; the shares are computed from the counts.
    public init(regionID: String, statements: [String], statementsWithSubcodes: [String], total: Int) {
        self.regionID = regionID
        self.statements = statements
        self.statementsWithSubcodes = statementsWithSubcodes
        self.total = total
        share = total == 0 ? 0 : rounded(Double(statements.count) / Double(total))
        shareWithSubcodes = total == 0 ? 0 : rounded(Double(statementsWithSubcodes.count) / Double(total))
    }

    /// Whether the region's strategy covers the code at all (itself or a code below it).
    public var isCovered: Bool { !statementsWithSubcodes.isEmpty }
}

/// What no region, or only some regions, cover: the "vita fläckar".
public struct GapReport: Codable, Sendable, Hashable {
    /// Per region, the codes other regions cover and it does not.
    public var regions: [RegionGaps]
    /// Codes no compared region covers.
    public var uncovered: [String]
}

/// The gaps of one region.
public struct RegionGaps: Codable, Sendable, Hashable {
    /// The region's id.
    public var regionID: String
    /// Codes other compared regions cover and this one does not, in codebook order.
    public var missing: [Gap]
}

/// A code a region does not cover, with the regions that do.
public struct Gap: Codable, Sendable, Hashable {
    /// The id of the code not covered.
    public var code: String
    /// The ids of the regions that do cover it.
    public var coveredBy: [String]
}

extension CodebookComparison {
    static func coverage(_ codebook: Codebook, _ coded: [RegionCoding]) -> [CoverageRow] {
        codebook.codes.map { code in
            let below = Set(codebook.codes.filter { codebook.lineage(of: $0.id).contains(code.id) }.map(\.id))
            let cells = coded.map { region in
                CoverageCell(
                    regionID: region.regionID,
                    statements: region.statements.filter { $0.has(code.id) }.map(\.id),
                    statementsWithSubcodes: region.statements.filter { s in s.codes.contains { below.contains($0.code) } }.map(\.id),
                    total: region.statements.count
                )
            }
            return CoverageRow(code: code.id, label: code.label, parent: code.parent, depth: codebook.depth(of: code.id), cells: cells)
        }
    }

    static func gaps(_ coverage: [CoverageRow], regions: [String]) -> GapReport {
        let perRegion = regions.map { region in
            RegionGaps(regionID: region, missing: coverage.compactMap { row in
                guard let cell = row.cells.first(where: { $0.regionID == region }), !cell.isCovered else { return nil }
                let others = row.cells.filter(\.isCovered).map(\.regionID)
                return others.isEmpty ? nil : Gap(code: row.code, coveredBy: others)
            })
        }
        let uncovered = coverage.filter { !$0.cells.contains(where: \.isCovered) }.map(\.code)
        return GapReport(regions: perRegion, uncovered: uncovered)
    }
}
