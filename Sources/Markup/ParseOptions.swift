/// HTML or XML.
public enum MarkupKind: String, Sendable, Hashable {
    /// An HTML document, parsed with libxml2's HTML parser.
    case html
    /// An XML document (feeds, sitemaps, Office parts).
    case xml
}

/// Limits and hints for one parse. The defaults are safe for untrusted input.
///
/// What is never configurable: entity substitution, DTD loading, XInclude and network access
/// are always off, an external entity loader that refuses everything is installed, and entity
/// declarations are refused.
public struct ParseOptions: Sendable, Hashable {
    /// The limits of the parse (input size, depth, attributes and length of a start tag; the
    /// others apply to the readers in `Documents` that take these options).
    public var limits = ParseLimits()
    /// The charset the transport declared (the HTTP `Content-Type` charset), if any.
    public var transportCharset: String?
    /// XML only: when the document is not well-formed, recover what can be read instead of
    /// failing, and record what was wrong in ``MarkupDocument/diagnostics``. Default `true`.
    public var recoverMalformedXML: Bool = true
    /// XML only: replace HTML named entities that XML does not define (`&auml;`, `&nbsp;`) by
    /// the characters they name before parsing. Default `true`.
    public var repairHTMLEntities: Bool = true

    /// The largest input accepted, in bytes: ``ParseLimits/inputBytes``.
    public var maximumInputBytes: Int {
        get { limits.inputBytes }
        set { limits.inputBytes = newValue }
    }
    /// The most attributes one start tag may have: ``ParseLimits/attributesPerElement``.
    public var maximumAttributesPerElement: Int {
        get { limits.attributesPerElement }
        set { limits.attributesPerElement = newValue }
    }

    /// Options with `limits` (safe defaults) and the transport's charset, if known.
    public init(limits: ParseLimits = ParseLimits(), transportCharset: String? = nil) {
        self.limits = limits
        self.transportCharset = transportCharset
    }

    /// Default limits except the input size, `maximumInputBytes`.
    public init(maximumInputBytes: Int, transportCharset: String? = nil) {
        limits.inputBytes = maximumInputBytes
        self.transportCharset = transportCharset
    }
}
