/// The most similar goals of two regions.
public struct RegionPairAlignment: Codable, Sendable, Hashable {
    /// The first region's id.
    public var first: String
    /// The second region's id.
    public var second: String
    /// Best matches, highest score first.
    public var matches: [GoalMatch]
}

/// Two goal-like statements (areas, goals, sub-goals) of two regions that say similar things.
public struct GoalMatch: Codable, Sendable, Hashable {
    /// The first region's statement.
    public var first: String
    /// The second region's statement.
    public var second: String
    /// `0.75 × cosine + 0.25 × shared codes`, to four decimals.
    public var score: Double
    /// Cosine of the stemmed-term TF-IDF vectors.
    public var cosine: Double
    /// Jaccard overlap of the two statements' codes.
    public var codeOverlap: Double
    /// Word stems the two statements share, sorted.
    public var sharedStems: [String]
    /// Codes the two statements share, in codebook order.
    public var sharedCodes: [String]
    /// Whether each is the other's best match.
    public var mutual: Bool
}

/// Goal alignment: for each pair of regions, each goal-like statement's best match on the
/// other side, kept when it scores at least ``threshold``.
///
/// The score weighs words and codes: `0.75 × cosine + 0.25 × Jaccard(codes)`, where the cosine is
/// of stemmed-term TF-IDF vectors (IDF over all compared statements) and the Jaccard overlap is
/// of the two statements' codes in the codebook used. So Blekinge's "Stärkt konkurrenskraft i
/// näringslivet" meets Kalmar's "Stärkt konkurrenskraft" by their shared stems "stärk" and
/// "konkurrenskraft", and more strongly when both are coded "business".
public enum GoalAlignment {
    /// The lowest score kept.
    public static let threshold = 0.2

    static func align(_ coded: [RegionCoding]) -> [RegionPairAlignment] {
        let goals = coded.map { region in region.statements.filter(\.statement.isGoalLike) }
        let vectors = TermVectors(goals.flatMap { $0.map(\.statement) })
        var result: [RegionPairAlignment] = []
        for i in coded.indices {
            for j in coded.indices where j > i {
                result.append(RegionPairAlignment(first: coded[i].regionID, second: coded[j].regionID, matches: matches(goals[i], goals[j], vectors)))
            }
        }
        return result
    }

    static func matches(_ a: [CodedStatement], _ b: [CodedStatement], _ vectors: TermVectors) -> [GoalMatch] {
        func match(_ x: CodedStatement, _ y: CodedStatement) -> GoalMatch {
            let cx = Set(x.codes.map(\.code)), cy = Set(y.codes.map(\.code))
            let union = cx.union(cy)
            let overlap = union.isEmpty ? 0 : Double(cx.intersection(cy).count) / Double(union.count)
            let cosine = vectors.cosine(x.id, y.id)
            return GoalMatch(
                first: x.id, second: y.id, score: rounded(0.75 * cosine + 0.25 * overlap), cosine: rounded(cosine),
                codeOverlap: rounded(overlap), sharedStems: vectors.sharedStems(x.id, y.id),
                sharedCodes: cx.intersection(cy).sorted(), mutual: false
            )
        }
        func best(_ candidates: [GoalMatch]) -> GoalMatch? {
            // Highest score; ties go to the earlier statement, so the result never depends on hashing.
            candidates.enumerated().max { ($0.element.score, -$0.offset) < ($1.element.score, -$1.offset) }?.element
        }
        let forward = a.compactMap { x in best(b.map { match(x, $0) }) }
        let backward = b.compactMap { y in best(a.map { match($0, y) }) }
        var seen = Set<String>()
        var result: [GoalMatch] = []
        for var candidate in forward + backward where candidate.score >= threshold {
            guard seen.insert(candidate.first + "\u{0}" + candidate.second).inserted else { continue }
            candidate.mutual = forward.contains { $0.first == candidate.first && $0.second == candidate.second }
                && backward.contains { $0.first == candidate.first && $0.second == candidate.second }
            result.append(candidate)
        }
        return result.enumerated().sorted { ($0.element.score, -$0.offset) > ($1.element.score, -$1.offset) }.map(\.element)
    }
}
