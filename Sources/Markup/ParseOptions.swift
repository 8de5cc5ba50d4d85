/// HTML or XML.
public enum MarkupKind: String, Sendable, Hashable {
    case html
    case xml
}

/// Limits and hints for one parse. The defaults are safe for untrusted input.
///
/// What is never configurable: entity substitution, DTD loading, XInclude and network access
/// are always off, an external entity loader that refuses everything is installed, and entity
/// declarations are refused.
public struct ParseOptions: Sendable, Hashable {
    /// The largest input accepted, in bytes. Default 50 MB.
    public var maximumInputBytes: Int = 50_000_000
    /// The most attributes one start tag may have. Default 1,000.
    public var maximumAttributesPerElement: Int = 1_000
    /// The charset the transport declared (the HTTP `Content-Type` charset), if any.
    public var transportCharset: String?
    /// XML only: when the document is not well-formed, recover what can be read instead of
    /// failing, and record what was wrong in ``MarkupDocument/diagnostics``. Default `true`.
    public var recoverMalformedXML: Bool = true
    /// XML only: replace HTML named entities that XML does not define (`&auml;`, `&nbsp;`) by
    /// the characters they name before parsing. Default `true`.
    public var repairHTMLEntities: Bool = true

    public init(maximumInputBytes: Int = 50_000_000, transportCharset: String? = nil) {
        self.maximumInputBytes = maximumInputBytes
        self.transportCharset = transportCharset
    }
}
