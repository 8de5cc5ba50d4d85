/// Why a document could not be read. Every case says what was wrong and where.
public enum MarkupError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The document goes over one of the ``ParseLimits`` (input size, depth, attributes or
    /// length of a start tag, …).
    case limitExceeded(LimitExceeded)
    /// The input holds no markup at all.
    case empty
    /// The document declares an entity. Entity declarations are refused outright: feeds and
    /// pages never need them, and they carry the entity-expansion and external-entity attacks.
    case entityDeclaration(name: String, line: Int)
    /// The bytes are not well-formed XML and could not be recovered.
    case notWellFormed(message: String, line: Int, column: Int)
    /// libxml2 has no converter for the encoding.
    case unsupportedEncoding(String)
    /// An XPath expression did not compile or evaluate.
    case xpath(expression: String, message: String)

    /// What was wrong and where, in one line.
    public var description: String {
        switch self {
        case let .limitExceeded(exceeded):
            exceeded.description
        case .empty:
            "the input is empty: no markup to read"
        case let .entityDeclaration(name, line):
            "line \(line): the document declares the entity '\(name)'; entity declarations are refused (they enable entity-expansion and external-entity attacks)"
        case let .notWellFormed(message, line, column):
            "line \(line), column \(column): not well-formed: \(message)"
        case let .unsupportedEncoding(name):
            "the encoding '\(name)' is not supported"
        case let .xpath(expression, message):
            "XPath '\(expression)': \(message)"
        }
    }
}

/// A problem libxml2 reported and recovered from.
public struct MarkupDiagnostic: Sendable, Hashable, CustomStringConvertible {
    /// libxml2's message.
    public var message: String
    /// The line, from 1.
    public var line: Int
    /// The column, from 1.
    public var column: Int

    /// `line L, column C: message`.
    public var description: String { "line \(line), column \(column): \(message)" }
}
