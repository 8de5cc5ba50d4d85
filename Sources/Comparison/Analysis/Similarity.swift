import Foundation

/// Stemmed-term TF-IDF vectors and their cosine: how alike two statements' words are.
///
/// Words are Snowball stems of the statement's text and detail, without stop words and numbers.
/// Weights are term frequency × smoothed inverse document frequency over the statements
/// given (`ln((1 + n) / (1 + df)) + 1`), so words every statement shares ("länet", "region")
/// count for less than the words that tell statements apart.
struct TermVectors {
    private var vectors: [String: [String: Double]] = [:]

    init(_ statements: [Statement]) {
        let bags = statements.map { ($0.id, Self.stems(of: $0)) }
        var documentFrequency: [String: Int] = [:]
        for (_, bag) in bags { for stem in Set(bag) { documentFrequency[stem, default: 0] += 1 } }
        let n = Double(bags.count)
        for (id, bag) in bags {
            var vector: [String: Double] = [:]
            for stem in bag { vector[stem, default: 0] += 1 }
            for (stem, count) in vector { vector[stem] = count * (log((1 + n) / (1 + Double(documentFrequency[stem] ?? 0))) + 1) }
            vectors[id] = vector
        }
    }

    static func stems(of statement: Statement) -> [String] {
        SwedishText.words(in: statement.text + " " + (statement.detail ?? ""))
            .filter { !SwedishText.isStopWord($0.text) }
            .map(\.stem)
    }

    /// The cosine of the two statements' vectors, 0 when either has no words.
    func cosine(_ a: String, _ b: String) -> Double {
        guard let x = vectors[a], let y = vectors[b] else { return 0 }
        let dot = x.reduce(0.0) { $0 + $1.value * (y[$1.key] ?? 0) }
        let norms = (x.values.reduce(0) { $0 + $1 * $1 }).squareRoot() * (y.values.reduce(0) { $0 + $1 * $1 }).squareRoot()
        return norms == 0 ? 0 : dot / norms
    }

    /// The stems the two statements share, sorted.
    func sharedStems(_ a: String, _ b: String) -> [String] {
        guard let x = vectors[a], let y = vectors[b] else { return [] }
        return x.keys.filter { y[$0] != nil }.sorted()
    }
}

/// Scores as reports print them and JSON stores them: four decimals, so outputs are byte-identical.
func rounded(_ value: Double) -> Double {
    (value * 10_000).rounded() / 10_000
}
