/// The limits every reader honours, in one value: set it once and pass it to any reader
/// (``ParseOptions/limits``, ``StreamingXMLReader/Options/limits``, and in `Documents` the
/// feed, sitemap, page and Office readers). The defaults are safe for untrusted input and
/// generous for real pages, feeds and Office files.
///
/// Each limit is checked where it can be checked cheaply and before the work it protects:
/// input size and tag shapes on the raw bytes before libxml2 sees them, zip caps on the central
/// directory before anything is inflated. A document over a limit is refused with
/// ``LimitExceeded`` (inside the reader's own error type), never read in part and passed off as
/// complete.
public struct ParseLimits: Sendable, Hashable {
    /// The largest document read in memory, in bytes. Default 50 MB. (Streams read documents of
    /// any length in constant memory; ``StreamingXMLReader/Options/maximumInputBytes`` caps them.)
    public var inputBytes: Int = 50_000_000
    /// The deepest element nesting. Default and maximum 256, libxml2's own limit without
    /// `XML_PARSE_HUGE` (which is never used): a deeper document is refused, not cut off where
    /// libxml2 stops. A lower value is checked on the parsed document.
    public var depth: Int = 256
    /// The most attributes one start tag may have. Default 1,000. Counted on the raw bytes
    /// (libxml2 2.9.14 is quadratic in them: 100,000 take over 20 seconds).
    public var attributesPerElement: Int = 1_000
    /// The most elements (start tags) one document read in memory may have. Default 500,000
    /// (a real page has a few thousand, the 10 MB page of `rus-bench` 94,353; each element costs
    /// some 700 bytes in the tree and the outline). Counted on the raw bytes; streams, which
    /// hold one item at a time, are not limited.
    public var elements: Int = 500_000
    /// The most text one document read in memory may hold: bytes outside tags (text, comments,
    /// CDATA), counted on the raw bytes. Default 50 MB, the input cap: entities are never
    /// expanded, so text never outgrows its input; lower it to take large documents with little
    /// text. (A stream holds one item at a time: `FeedStream` (in Documents) caps each item's text instead.)
    public var textBytes: Int = 50_000_000
    /// The longest start tag, in bytes from `<` to `>`. Default 2 MB (a data URI of a large
    /// image fits). Checked on the raw bytes.
    public var startTagBytes: Int = 2_000_000
    /// The most items one feed may have. Default 100,000.
    public var feedItems: Int = 100_000
    /// The most entries a .pptx/.docx package may list. Default 10,000.
    public var zipEntries: Int = 10_000
    /// The most bytes one package entry may inflate to. Default 50 MB.
    public var zipEntryBytes: Int = 50_000_000
    /// The most bytes all entries together may inflate to. Default 1 GB.
    public var zipTotalBytes: Int = 1_000_000_000
    /// The highest inflated-to-compressed ratio of an entry of 1 MiB or more. Default 100 (real
    /// XML parts compress 5–35 times; a deflate bomb about 1,000 times).
    public var zipCompressionRatio: Int = 100

    /// The defaults.
    public init() {}

    /// The value of `limit`.
    public subscript(limit: ParseLimit) -> Int {
        get {
            switch limit {
            case .inputBytes: inputBytes
            case .depth: depth
            case .attributesPerElement: attributesPerElement
            case .elements: elements
            case .textBytes: textBytes
            case .startTagBytes: startTagBytes
            case .feedItems: feedItems
            case .zipEntries: zipEntries
            case .zipEntryBytes: zipEntryBytes
            case .zipTotalBytes: zipTotalBytes
            case .zipCompressionRatio: zipCompressionRatio
            }
        }
        set {
            switch limit {
            case .inputBytes: inputBytes = newValue
            case .depth: depth = min(newValue, 256)
            case .attributesPerElement: attributesPerElement = newValue
            case .elements: elements = newValue
            case .textBytes: textBytes = newValue
            case .startTagBytes: startTagBytes = newValue
            case .feedItems: feedItems = newValue
            case .zipEntries: zipEntries = newValue
            case .zipEntryBytes: zipEntryBytes = newValue
            case .zipTotalBytes: zipTotalBytes = newValue
            case .zipCompressionRatio: zipCompressionRatio = newValue
            }
        }
    }

    /// The deepest nesting libxml2 parses without `XML_PARSE_HUGE`.
    static let libxml2Depth = 256
}

/// One of the ``ParseLimits``, named as the command line spells it (`rus … --limit feed-items=500000`).
public enum ParseLimit: String, Sendable, Hashable, CaseIterable {
    /// The input size in bytes (``ParseLimits/inputBytes``).
    case inputBytes = "input-bytes"
    /// Element depth (``ParseLimits/depth``).
    case depth
    /// Attributes on one start tag (``ParseLimits/attributesPerElement``).
    case attributesPerElement = "attributes-per-element"
    /// Elements in one document (``ParseLimits/elements``).
    case elements
    /// Text outside tags, in bytes (``ParseLimits/textBytes``).
    case textBytes = "text-bytes"
    /// The length of one start tag in bytes (``ParseLimits/startTagBytes``).
    case startTagBytes = "start-tag-bytes"
    /// Items in one feed (``ParseLimits/feedItems``).
    case feedItems = "feed-items"
    /// Entries in an Office (ZIP) package (``ParseLimits/zipEntries``).
    case zipEntries = "zip-entries"
    /// The inflated size of one package entry in bytes (``ParseLimits/zipEntryBytes``).
    case zipEntryBytes = "zip-entry-bytes"
    /// The inflated size of the whole package in bytes (``ParseLimits/zipTotalBytes``).
    case zipTotalBytes = "zip-total-bytes"
    /// The compression ratio of one package entry (``ParseLimits/zipCompressionRatio``).
    case zipCompressionRatio = "zip-compression-ratio"

    /// The ``ParseLimits`` property.
    public var propertyName: String {
        let words = rawValue.split(separator: "-")
        return String(words[0]) + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// What the limit counts, for messages.
    public var what: String {
        switch self {
        case .inputBytes: "input size in bytes"
        case .depth: "element depth"
        case .attributesPerElement: "number of attributes on one element"
        case .elements: "number of elements"
        case .textBytes: "text size in bytes"
        case .startTagBytes: "length of one start tag in bytes"
        case .feedItems: "number of feed items"
        case .zipEntries: "number of package entries"
        case .zipEntryBytes: "inflated size of one package entry in bytes"
        case .zipTotalBytes: "inflated size of the package in bytes"
        case .zipCompressionRatio: "compression ratio of one package entry"
        }
    }
}

/// A document went over one of the ``ParseLimits``: which limit, the value reached, the limit,
/// and where.
public struct LimitExceeded: Error, Sendable, Hashable, CustomStringConvertible {
    /// Which limit was exceeded.
    public var limit: ParseLimit
    /// The value the document reached (at least this much: counting stops at the first excess).
    public var value: Int
    /// The limit in force.
    public var maximum: Int
    /// Where in the document: "line 3", a package part.
    public var location: String?

    /// Records that `limit` was exceeded: `value` reached against `maximum`, at `location` if known.
    public init(_ limit: ParseLimit, value: Int, maximum: Int, location: String? = nil) {
        self.limit = limit
        self.value = value
        self.maximum = maximum
        self.location = location
    }

    /// Where, what, the value and the limit, and how to raise it.
    public var description: String {
        let place = location.map { "\($0): " } ?? ""
        let raise = limit == .depth && maximum >= ParseLimits.libxml2Depth
            ? "the most libxml2 reads safely"
            : "raise it with --limit \(limit.rawValue)=N or ParseLimits.\(limit.propertyName)"
        return "\(place)the \(limit.what) is \(value), over the limit of \(maximum) (\(raise))"
    }
}
