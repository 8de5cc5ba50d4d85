public import StrategyModel

/// How a strategy is built: its levels and what the region calls them, how many of each kind
/// of statement it has, its period and horizon.
public struct StructureProfile: Codable, Sendable, Hashable {
    /// One level of the strategy's hierarchy.
    public struct Level: Codable, Sendable, Hashable {
        /// "area", "sub-area", "goal" or "sub-goal".
        public var level: String
        /// What the region's documents call it ("strategiskt område"), or `nil` when they do not say.
        public var term: String?
        /// How many items the strategy has at this level.
        public var count: Int
    }

    /// The region's id.
    public var regionID: String
    /// The strategy profiled (its current regional development strategy).
    public var strategy: StrategyReference
    /// The years the strategy covers, with evidence; `nil` when the documents do not say.
    public var period: Fact<Period>?
    /// The year the strategy looks to (the end of its period), if known.
    public var horizonYear: Int?
    /// Years from the start of the period (or, failing that, the adoption) to its end; `nil` when either is unknown.
    public var yearsCovered: Int?
    /// From the top down; levels the documents do not fill are left out.
    public var levels: [Level]
    /// How many statements of each kind, in ``Statement/Kind`` order (kinds with none left out).
    public var counts: [String: Int]
}

extension StructureProfile {
    /// The profile of `profile`'s current regional development strategy and its smart
    /// specialisation companions, or `nil` when the documents give no strategy.
    public static func of(_ profile: RegionProfile) -> StructureProfile? {
        guard let current = profile.currentStrategy else { return nil }
        let statements = Statement.ofCurrentStrategy(profile)
        var levels: [Level] = []
        func collect(_ areas: [PriorityArea], depth: Int) {
            guard !areas.isEmpty else { return }
            let terms = Set(areas.map(\.term).filter { !$0.isEmpty })
            let name = depth == 0 ? "area" : String(repeating: "sub-", count: depth) + "area"
            levels.append(Level(level: name, term: terms.count == 1 ? terms.first : terms.isEmpty ? nil : terms.sorted().joined(separator: " / "), count: areas.count))
            collect(areas.flatMap(\.subareas), depth: depth + 1)
        }
        collect(current.areas, depth: 0)
        let goals = current.allGoals
        if !goals.isEmpty { levels.append(Level(level: "goal", term: nil, count: goals.count)) }
        let subGoals = goals.flatMap(\.subGoals)
        if !subGoals.isEmpty { levels.append(Level(level: "sub-goal", term: nil, count: subGoals.count)) }
        var counts: [String: Int] = [:]
        for statement in statements { counts[statement.kind.rawValue, default: 0] += 1 }
        let period = current.period
        let adoptedYear = (current.milestone(.adopted) ?? current.milestone(.published))?.date?.year
        let horizon = period?.value.endYear.flatMap { end in (period?.value.startYear ?? adoptedYear).map { end - $0 } }
        return StructureProfile(
            regionID: profile.region.id,
            strategy: StrategyReference(current),
            period: period, horizonYear: period?.value.endYear, yearsCovered: horizon, levels: levels, counts: counts
        )
    }
}
