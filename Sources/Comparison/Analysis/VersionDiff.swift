public import StrategyModel

/// What changed between two versions of a region's strategy: areas and goals added, removed,
/// renamed and kept.
public struct VersionDiff: Codable, Sendable, Hashable {
    /// The region's id.
    public var regionID: String
    /// The older version's id and title.
    public var from: StrategyReference
    /// The newer version's id and title.
    public var to: StrategyReference
    /// What each version puts at its top level (its areas, or its goals when it has none), given
    /// only when one version has areas and the other not, so that the levels differ.
    public var topLevel: LevelDiff?
    /// Priority areas at every depth.
    public var areas: LevelDiff
    /// Goals and sub-goals.
    public var goals: LevelDiff
}

/// A strategy version named in a comparison.
public struct StrategyReference: Codable, Sendable, Hashable {
    /// The strategy's ``/StrategyModel/Strategy/id``.
    public var id: String
    /// The strategy's title.
    public var title: String
    /// The period as text ("2014–2020"), if known.
    public var period: String?
    /// The adoption date, which tells apart versions with the same title, if the documents give it.
    public var adopted: String?
    /// The publication date, where the documents give that rather than an adoption.
    public var published: String?

    init(_ strategy: Strategy) {
        id = strategy.id
        title = strategy.title.value
        period = strategy.period?.value.description
        adopted = strategy.milestone(.adopted)?.date?.description
        published = strategy.milestone(.published)?.date?.description
    }

    /// "Title (2014–2020, adopted 2013-06-12)".
    public var description: String {
        let details = [period, adopted.map { "adopted \($0)" } ?? published.map { "published \($0)" }].compactMap { $0 }
        return title + (details.isEmpty ? "" : " (" + details.joined(separator: ", ") + ")")
    }
}

/// One level of two versions compared.
///
/// Names are compared after folding case and spaces: the same name is *kept*. The rest are
/// paired greedily by the cosine of their stemmed terms (highest first, at least
/// ``LevelDiff/renameThreshold``): a pair is *renamed*. What is left was *added* or *removed*.
/// When either version has nothing at this level in the documents read, the level is
/// not compared (``isCompared`` is false) and ``note`` says why: a version whose goals were not
/// read has not had all its goals removed.
public struct LevelDiff: Codable, Sendable, Hashable {
    /// A statement of the older version and its counterpart in the newer one.
    public struct Pair: Codable, Sendable, Hashable {
        /// The older version's statement.
        public var before: Statement
        /// The newer version's statement.
        public var after: Statement
        /// Cosine of the stemmed terms (1 for kept names).
        public var similarity: Double
    }

    /// Whether the level was compared: `false` when either version has nothing at this level in the documents read.
    public var isCompared: Bool
    /// Why the level was not compared, when ``isCompared`` is `false`.
    public var note: String?
    /// Statements with the same name (after folding case and spaces) in both versions.
    public var kept: [Pair]
    /// Statements paired by similar words: renamed, or reworded.
    public var renamed: [Pair]
    /// Statements only in the newer version.
    public var added: [Statement]
    /// Statements only in the older version.
    public var removed: [Statement]

    /// The lowest cosine at which two names count as one renamed.
    public static let renameThreshold = 0.3
}

extension VersionDiff {
    /// Compares `older` with `newer`, both versions of `region`'s strategy.
    public static func compare(_ older: Strategy, _ newer: Strategy, region: String) -> VersionDiff {
        let before = Statement.of(older, region: region), after = Statement.of(newer, region: region)
        func level(_ kinds: Set<Statement.Kind>, _ name: String) -> LevelDiff {
            LevelDiff.compare(before.filter { kinds.contains($0.kind) }, after.filter { kinds.contains($0.kind) }, older: older, newer: newer, level: name)
        }
        func top(_ statements: [Statement]) -> [Statement] {
            let areas = statements.filter { $0.kind == .area && $0.parentID == nil }
            return areas.isEmpty ? statements.filter { $0.kind == .goal && $0.parentID == nil } : areas
        }
        let levelsDiffer = older.areas.isEmpty != newer.areas.isEmpty
        return VersionDiff(
            regionID: region, from: StrategyReference(older), to: StrategyReference(newer),
            topLevel: levelsDiffer ? LevelDiff.compare(top(before), top(after), older: older, newer: newer, level: "top-level items") : nil,
            areas: level([.area], "priority areas"), goals: level([.goal, .subGoal], "goals")
        )
    }

    /// The diff a region's profile suggests: its current regional development strategy against
    /// the one before it (the latest that ends before it, or else the next older one by adoption),
    /// or `nil` when the documents read give only one version.
    public static func latest(_ profile: RegionProfile) -> VersionDiff? {
        guard let current = profile.currentStrategy else { return nil }
        let older = profile.strategies.filter { $0.kind == .regionalDevelopment && $0.id != current.id }
        func adopted(_ s: Strategy) -> PartialDate? { (s.milestone(.adopted) ?? s.milestone(.published))?.date }
        guard let previous = older.max(by: { a, b in
            (a.period?.value.endYear ?? 0, adopted(a) ?? PartialDate(year: 0)!) < (b.period?.value.endYear ?? 0, adopted(b) ?? PartialDate(year: 0)!)
        }) else { return nil }
        return compare(previous, current, region: profile.region.id)
    }
}

extension VersionDiff {
    /// The levels compared, named: the top level when the versions' levels differ, areas, goals.
    public var levels: [(name: String, diff: LevelDiff)] {
        (topLevel.map { [("top level", $0)] } ?? []) + [("areas", areas), ("goals", goals)]
    }
}

extension LevelDiff {
    static func compare(_ before: [Statement], _ after: [Statement], older: Strategy, newer: Strategy, level: String) -> LevelDiff {
        guard !before.isEmpty, !after.isEmpty else {
            let missing = [before.isEmpty ? StrategyReference(older).description : nil, after.isEmpty ? StrategyReference(newer).description : nil].compactMap { $0 }
            return LevelDiff(
                isCompared: false,
                note: "no \(level) of \(missing.joined(separator: " or ")) in the documents read; not compared",
                kept: [], renamed: [], added: [], removed: []
            )
        }
        func fold(_ text: String) -> String {
            text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        var remainingBefore = before, remainingAfter = after
        var kept: [Pair] = []
        for old in before {
            if let index = remainingAfter.firstIndex(where: { fold($0.text) == fold(old.text) }) {
                kept.append(Pair(before: old, after: remainingAfter.remove(at: index), similarity: 1))
                remainingBefore.removeAll { $0.id == old.id }
            }
        }
        let vectors = TermVectors(before + after)
        var candidates: [(Double, Int, Int)] = []
        for (i, old) in remainingBefore.enumerated() {
            for (j, new) in remainingAfter.enumerated() {
                let similarity = rounded(vectors.cosine(old.id, new.id))
                if similarity >= renameThreshold { candidates.append((similarity, i, j)) }
            }
        }
        candidates.sort { ($0.0, -$0.1, -$0.2) > ($1.0, -$1.1, -$1.2) }
        var usedBefore = Set<Int>(), usedAfter = Set<Int>()
        var renamed: [Pair] = []
        for (similarity, i, j) in candidates where !usedBefore.contains(i) && !usedAfter.contains(j) {
            usedBefore.insert(i)
            usedAfter.insert(j)
            renamed.append(Pair(before: remainingBefore[i], after: remainingAfter[j], similarity: similarity))
        }
        return LevelDiff(
            isCompared: true, note: nil, kept: kept, renamed: renamed,
            added: remainingAfter.enumerated().filter { !usedAfter.contains($0.offset) }.map(\.element),
            removed: remainingBefore.enumerated().filter { !usedBefore.contains($0.offset) }.map(\.element)
        )
    }
}
