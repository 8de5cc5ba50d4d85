public import StrategyModel

/// The regions compared through one codebook: every statement coded, with coverage, gaps,
/// goal alignment, news attention and funding per code.
public struct CodebookComparison: Codable, Sendable, Hashable {
    /// The codebook used, with its version and codes.
    public var codebook: CodebookReference
    /// Region ids in the comparison's order.
    public var regions: [String]
    /// Each region's coded statements (current strategy and smart specialisation).
    public var coding: [RegionCoding]
    /// Per code, in codebook order: how much of each region's strategy it covers.
    public var coverage: [CoverageRow]
    /// Codes some regions cover and others do not, and codes none covers.
    public var gaps: GapReport
    /// For each pair of regions, their most similar goals.
    public var alignment: [RegionPairAlignment]
    /// Coded news items (the statements behind ``newsAttention``).
    public var news: [RegionCoding]
    /// Per region, code and year: how many news items touch the code.
    public var newsAttention: [NewsAttention]
    /// Funding amounts per code, where the documents link money to a goal.
    public var funding: FundingByCode
}

/// A codebook as a comparison cites it.
public struct CodebookReference: Codable, Sendable, Hashable {
    /// The codebook's id ("thematic").
    public var id: String
    /// The codebook's version, cited with the comparison.
    public var version: String
    /// The codebook's title in Swedish and English.
    public var title: Codebook.Label
    /// What the codebook follows, if it says.
    public var source: String?
    /// The codes' ids, labels and hierarchy, so that a reader of the output can name them without the codebook file.
    public var codes: [CodeReference]

    /// The reference to `codebook`, with all its codes.
    public init(_ codebook: Codebook) {
        id = codebook.id
        version = codebook.version
        title = codebook.title
        source = codebook.source
        codes = codebook.codes.map { CodeReference(id: $0.id, label: $0.label, parent: $0.parent, depth: codebook.depth(of: $0.id)) }
    }
}

/// A code as a comparison cites it: id, labels and place in the hierarchy.
public struct CodeReference: Codable, Sendable, Hashable {
    /// The code's id, unique within its codebook.
    public var id: String
    /// The code's label in Swedish and English.
    public var label: Codebook.Label
    /// The id of the broader code, if any.
    public var parent: String?
    /// How deep the code sits: 0 for a top-level code.
    public var depth: Int
}

/// One region's coded statements.
public struct RegionCoding: Codable, Sendable, Hashable {
    /// The region's id.
    public var regionID: String
    /// The current strategy's id (`nil` for news, or when the documents give no strategy).
    public var strategyID: String?
    /// The coded statements, in document (or feed) order.
    public var statements: [CodedStatement]
}

extension CodebookComparison {
    /// Codes every region's current strategy, news and funding with `codebook`.
    public init(profiles: [RegionProfile], codebook: Codebook, overrides: CodingOverrides = CodingOverrides()) throws(CodingOverrides.Error) {
        let coder = Coder(codebook: codebook)
        let strategyStatements = profiles.map(Statement.ofCurrentStrategy)
        let newsStatements = profiles.map(Statement.news)
        // Overrides may name any statement compared, strategy or news: apply them to all at once.
        var coded = try coder.code((strategyStatements + newsStatements).flatMap { $0 }, overrides: overrides)[...]
        func take(_ groups: [[Statement]], strategy: (RegionProfile) -> String?) -> [RegionCoding] {
            zip(profiles, groups).map { profile, group in
                defer { coded = coded.dropFirst(group.count) }
                return RegionCoding(regionID: profile.region.id, strategyID: strategy(profile), statements: Array(coded.prefix(group.count)))
            }
        }
        let coding = take(strategyStatements) { $0.currentStrategy?.id }
        let news = take(newsStatements) { _ in nil }
        self.codebook = CodebookReference(codebook)
        regions = profiles.map(\.region.id)
        self.coding = coding
        coverage = Self.coverage(codebook, coding)
        gaps = Self.gaps(coverage, regions: regions)
        alignment = GoalAlignment.align(coding)
        self.news = news
        newsAttention = Self.attention(news, codebook: codebook)
        funding = Self.funding(profiles, coder: coder, coding: coding)
    }

    static func attention(_ news: [RegionCoding], codebook: Codebook) -> [NewsAttention] {
        var result: [NewsAttention] = []
        for region in news {
            for code in codebook.codes {
                let items = region.statements.filter { $0.has(code.id) }
                let years = Set(items.map { $0.statement.date?.year })
                for year in years.sorted(by: { ($0 ?? Int.max) < ($1 ?? Int.max) }) {
                    result.append(NewsAttention(regionID: region.regionID, code: code.id, year: year, items: items.filter { $0.statement.date?.year == year }.map(\.id)))
                }
            }
        }
        return result
    }

    static func funding(_ profiles: [RegionProfile], coder: Coder, coding: [RegionCoding]) -> FundingByCode {
        var linked: [FundingByCode.Linked] = []
        var unlinked: [FundingByCode.Unlinked] = []
        for profile in profiles {
            let statements = coding.first { $0.regionID == profile.region.id }?.statements ?? []
            for record in profile.funding where record.kind != .total {
                guard let goal = record.goal else {
                    let reason = record.note ?? (record.kind == .grant
                        ? "the document names the recipient, not the goal the money serves"
                        : "the document does not link this amount to a goal")
                    unlinked.append(.init(regionID: profile.region.id, record: record.id, year: record.year, amountSEK: record.amountSEK, isLowerBound: record.isLowerBound, reason: reason))
                    continue
                }
                // The goal's own coding when it is one of the strategy's statements; else its words.
                let codes = statements.first { $0.statement.text == goal }?.codes.map(\.code)
                    ?? coder.code(Statement(id: record.id, regionID: profile.region.id, strategyID: record.strategyID, kind: .goal, text: goal, evidence: record.evidence)).codes.map(\.code)
                guard !codes.isEmpty else {
                    unlinked.append(.init(regionID: profile.region.id, record: record.id, year: record.year, amountSEK: record.amountSEK, isLowerBound: record.isLowerBound, reason: "its goal \"\(goal)\" has no code in this codebook"))
                    continue
                }
                for code in codes {
                    linked.append(.init(regionID: profile.region.id, code: code, year: record.year, amountSEK: record.amountSEK, isLowerBound: record.isLowerBound, records: [record.id]))
                }
            }
        }
        return FundingByCode(linked: linked, unlinked: unlinked)
    }
}
