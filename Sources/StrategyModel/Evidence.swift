/// Where a fact comes from: the document, the exact snapshot of it, the place inside it, and
/// the words there that say it.
///
/// Every value in the model carries at least one `Evidence`, so a reader of a comparison can
/// open the snapshot whose SHA-256 is given, go to `locator` and read `excerpt`.
public struct Evidence: Codable, Sendable, Hashable {
    /// The URL the document is published at.
    public var sourceURL: String
    /// Lowercase hex SHA-256 of the exact bytes that were read.
    public var snapshotSHA256: String
    /// Where in the document: an XPath (`/html/body/main/ul[1]/li[2]`) for HTML and XML,
    /// `slide 3, paragraph 2` style for Office files.
    public var locator: String
    /// A short excerpt of the text at `locator` (at most ``Evidence/maximumExcerptLength``
    /// characters, cut at a word boundary and marked with "…").
    public var excerpt: String

    /// The longest excerpt kept.
    public static let maximumExcerptLength = 240

    /// Creates evidence; `excerpt` is shortened with ``shorten(_:)``.
    public init(sourceURL: String, snapshotSHA256: String, locator: String, excerpt: String) {
        self.sourceURL = sourceURL
        self.snapshotSHA256 = snapshotSHA256
        self.locator = locator
        self.excerpt = Evidence.shorten(excerpt)
    }

    /// Cuts `text` to at most ``maximumExcerptLength`` characters at a word boundary.
    public static func shorten(_ text: String) -> String {
        guard text.count > maximumExcerptLength else { return text }
        let cut = text.prefix(maximumExcerptLength - 1)
        let boundary = cut.lastIndex(of: " ") ?? cut.endIndex
        return String(cut[..<boundary]) + "…"
    }
}

/// A value together with the evidence for it.
///
/// An optional `Fact` that is `nil` means the documents read do not say: the model never
/// fills such a gap with a guess.
public struct Fact<Value: Codable & Sendable & Hashable>: Codable, Sendable, Hashable {
    /// The value the documents state.
    public var value: Value
    /// Where the documents state it.
    public var evidence: Evidence

    /// Pairs `value` with the `evidence` for it.
    public init(_ value: Value, evidence: Evidence) {
        self.value = value
        self.evidence = evidence
    }
}
