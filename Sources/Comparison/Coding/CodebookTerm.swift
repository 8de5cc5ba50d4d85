/// One codebook term, compiled for matching.
///
/// Syntax (case-insensitive; words are runs of letters and digits):
/// - `konkurrenskraft`: a word with the same Snowball stem ("konkurrenskraften", "konkurrenskraftig");
/// - `företag*`: a word starting with "företag" ("företagande", "företagsklimat");
/// - `*infrastruktur`: a word whose stem ends with the stem of "infrastruktur" — the head of a
///   compound ("transportinfrastrukturen");
/// - `*klimat*`: a word containing "klimat" ("fossilbränslefri" needs `*fossil*` or `fossil*`);
/// - several words: a phrase of consecutive words, each by the rules above ("hållbar* samhällsplanering").
public struct CodebookTerm: Sendable, Hashable {
    enum WordPattern: Sendable, Hashable {
        case stem(String)
        case prefix(String)
        case stemSuffix(String)
        case contains(String)

        func matches(_ word: SwedishText.Word) -> Bool {
            switch self {
            case .stem(let stem): word.stem == stem
            case .prefix(let prefix): word.text.hasPrefix(prefix)
            case .stemSuffix(let suffix): word.stem.hasSuffix(suffix) || word.text.hasSuffix(suffix)
            case .contains(let part): word.text.contains(part)
            }
        }
    }

    /// Why a term cannot be used.
    struct SyntaxError: Error {
        var reason: String
    }

    /// The term as written in the codebook.
    public let source: String
    let words: [WordPattern]

    init(_ source: String) throws(SyntaxError) {
        self.source = source
        var patterns: [WordPattern] = []
        for piece in source.split(whereSeparator: \.isWhitespace) {
            let leading = piece.hasPrefix("*")
            let trailing = piece.hasSuffix("*") && piece.count > 1
            let core = piece.drop { $0 == "*" }.reversed().drop { $0 == "*" }.reversed()
            guard !String(core).contains("*") else { throw SyntaxError(reason: "has a '*' inside a word; '*' goes only at a word's start or end") }
            let parts = SwedishText.words(in: String(core))
            guard !parts.isEmpty else { throw SyntaxError(reason: "has no letters or digits in \"\(piece)\"") }
            for (index, part) in parts.enumerated() {
                let first = index == 0, last = index == parts.count - 1
                switch (leading && first, trailing && last) {
                case (true, true): patterns.append(.contains(part.text))
                case (false, true): patterns.append(.prefix(part.text))
                case (true, false): patterns.append(.stemSuffix(part.stem))
                case (false, false): patterns.append(.stem(part.stem))
                }
            }
        }
        guard !patterns.isEmpty else { throw SyntaxError(reason: "is empty") }
        words = patterns
    }

    /// Where the term occurs in `words`: the index of each occurrence's first word.
    func occurrences(in text: [SwedishText.Word]) -> [Int] {
        guard text.count >= words.count else { return [] }
        return (0...(text.count - words.count)).filter { start in
            words.indices.allSatisfy { words[$0].matches(text[start + $0]) }
        }
    }

    /// How many words the term spans.
    var length: Int { words.count }
}
