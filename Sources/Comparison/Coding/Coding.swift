
/// Where a code's term was found in a statement: the explanation of an automatic coding.
public struct TermMatch: Codable, Sendable, Hashable {
    /// Which of the statement's fields a term matched in.
    public enum Field: String, Codable, Sendable, Hashable {
        /// The statement's text (name, title).
        case text
        /// Its description.
        case detail
    }

    /// The codebook term that matched, as written there.
    public var term: String
    /// The field the term matched in.
    public var field: Field
    /// The statement's words that it matched, as they stand there.
    public var words: String
    /// The position of the first of them among the field's words, from 0.
    public var wordIndex: Int

    /// Records that `term` matched `words` in `field`, starting at word `wordIndex` (from 0).
    public init(term: String, field: Field, words: String, wordIndex: Int) {
        self.term = term
        self.field = field
        self.words = words
        self.wordIndex = wordIndex
    }

    /// `"konkurrenskraft" ← "konkurrenskraften" (text, word 3)`.
    public var explanation: String {
        "\"\(term)\" ← \"\(words)\" (\(field.rawValue), word \(wordIndex + 1))"
    }
}

/// One code given to a statement, with why.
public struct CodeAssignment: Codable, Sendable, Hashable {
    /// How a code was given.
    public enum Origin: String, Codable, Sendable, Hashable {
        /// The codebook's terms matched (see ``CodeAssignment/matches``).
        case automatic
        /// A researcher added it in an overrides file (see ``CodeAssignment/note``).
        case manual
    }

    /// The code's id.
    public var code: String
    /// Whether the terms matched or a researcher added it.
    public var origin: Origin
    /// The term matches behind an automatic code, in field and word order.
    public var matches: [TermMatch]
    /// The researcher's reason, for manual changes.
    public var note: String?

    /// Creates an assignment; `matches` for automatic codes, `note` for manual ones.
    public init(code: String, origin: Origin, matches: [TermMatch] = [], note: String? = nil) {
        self.code = code
        self.origin = origin
        self.matches = matches
        self.note = note
    }

    /// The matches as one line, or "manual: note".
    public var explanation: String {
        switch origin {
        case .automatic: matches.map(\.explanation).joined(separator: "; ")
        case .manual: "manual" + (note.map { ": \($0)" } ?? "")
        }
    }
}

/// A statement with the codes it was given.
public struct CodedStatement: Codable, Sendable, Hashable, Identifiable {
    /// The statement coded.
    public var statement: Statement
    /// Codes in codebook order.
    public var codes: [CodeAssignment]
    /// Automatic codes a researcher removed in an overrides file, with their reason.
    public var overruled: [CodeAssignment]

    /// The statement's id (``Statement/id``).
    public var id: String { statement.id }

    /// Creates a coded statement.
    public init(statement: Statement, codes: [CodeAssignment], overruled: [CodeAssignment] = []) {
        self.statement = statement
        self.codes = codes
        self.overruled = overruled
    }

    /// Whether the statement carries `code`.
    public func has(_ code: String) -> Bool { codes.contains { $0.code == code } }
}

/// Codes statements against a codebook by its terms.
public struct Coder: Sendable {
    /// The codebook whose terms are matched.
    public let codebook: Codebook
    let compiled: [(code: String, terms: [CodebookTerm], exclusions: [CodebookTerm])]

    /// A coder for `codebook`; its terms are compiled once, here.
    public init(codebook: Codebook) {
        self.codebook = codebook
        // Codebook's initialisers have checked every term.
        compiled = codebook.codes.map { code in
            (code.id, code.terms.compactMap { try? CodebookTerm($0) }, code.exclude.compactMap { try? CodebookTerm($0) })
        }
    }

    /// The codes of `statement`, each with the term matches behind it.
    public func code(_ statement: Statement) -> CodedStatement {
        let fields: [(TermMatch.Field, [SwedishText.Word])] = [(.text, SwedishText.words(in: statement.text))]
            + (statement.detail.map { [(.detail, SwedishText.words(in: $0))] } ?? [])
        var assignments: [CodeAssignment] = []
        for entry in compiled {
            var matches: [TermMatch] = []
            for (field, words) in fields {
                let excluded = entry.exclusions.flatMap { term in term.occurrences(in: words).map { $0..<($0 + term.length) } }
                var found: [Range<Int>] = []
                for term in entry.terms {
                    for start in term.occurrences(in: words) {
                        let span = start..<(start + term.length)
                        // One explanation per place: a second term matching the same words adds nothing.
                        guard !excluded.contains(where: { $0.overlaps(span) }), !found.contains(span) else { continue }
                        found.append(span)
                        matches.append(TermMatch(term: term.source, field: field, words: words[span].map(\.text).joined(separator: " "), wordIndex: start))
                    }
                }
            }
            guard !matches.isEmpty else { continue }
            matches.sort { ($0.field == .text ? 0 : 1, $0.wordIndex, $0.term) < ($1.field == .text ? 0 : 1, $1.wordIndex, $1.term) }
            assignments.append(CodeAssignment(code: entry.code, origin: .automatic, matches: matches))
        }
        return CodedStatement(statement: statement, codes: assignments)
    }

    /// Codes every statement, then applies the researcher's `overrides` for this codebook.
    public func code(_ statements: [Statement], overrides: CodingOverrides = CodingOverrides()) throws(CodingOverrides.Error) -> [CodedStatement] {
        try overrides.apply(to: statements.map(code), codebook: codebook)
    }
}
