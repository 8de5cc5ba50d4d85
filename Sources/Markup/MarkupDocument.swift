import Foundation
internal import CLibXML2

/// A parsed HTML or XML document. It owns its libxml2 tree and frees it when the last
/// reference (the document or any of its nodes) goes away.
///
/// A document belongs to one thread at a time: parse in parallel with one document per task,
/// and turn what you need into values before handing it elsewhere. For that reason it is not
/// `Sendable`.
public final class MarkupDocument {
    let pointer: xmlDocPtr
    /// HTML or XML.
    public let kind: MarkupKind
    /// The encoding the bytes were read with, and why.
    public let charset: SniffedCharset
    /// Problems libxml2 recovered from (for XML: the document was not well-formed).
    public let diagnostics: [MarkupDiagnostic]
    /// How many undefined HTML entities (`&auml;`) were repaired in XML input.
    public let repairedEntities: Int

    private init(pointer: xmlDocPtr, kind: MarkupKind, charset: SniffedCharset, diagnostics: [MarkupDiagnostic], repairedEntities: Int) {
        self.pointer = pointer
        self.kind = kind
        self.charset = charset
        self.diagnostics = diagnostics
        self.repairedEntities = repairedEntities
    }

    deinit { xmlFreeDoc(pointer) }

    /// Parses HTML bytes. HTML is always read in recover mode, as browsers do.
    public convenience init(html bytes: some Collection<UInt8>, options: ParseOptions = ParseOptions()) throws(MarkupError) {
        try self.init(bytes: Array(bytes), kind: .html, options: options)
    }

    /// Parses XML bytes.
    public convenience init(xml bytes: some Collection<UInt8>, options: ParseOptions = ParseOptions()) throws(MarkupError) {
        try self.init(bytes: Array(bytes), kind: .xml, options: options)
    }

    /// `withoutReadCallback: false` reads XML with `xmlCtxtReadMemory` always (for the tests that
    /// hold the two routes of `LibXML2.readMemory` against each other).
    convenience init(bytes: [UInt8], kind: MarkupKind, options: ParseOptions, withoutReadCallback: Bool = true) throws(MarkupError) {
        let parsed = try bytes.withUnsafeBytes { raw in
            Result { () throws(MarkupError) in try Parser.parse(raw, kind: kind, options: options, withoutReadCallback: withoutReadCallback) }
        }.get()
        self.init(pointer: parsed.pointer, kind: kind, charset: parsed.charset, diagnostics: parsed.diagnostics, repairedEntities: parsed.repairedEntities)
    }

    /// The root element, if the document has one.
    public var root: MarkupNode? {
        xmlDocGetRootElement(pointer).map { MarkupNode($0, in: self) }
    }

    /// The elements directly below the document node, in order (what the XPath `/*` selects):
    /// the root element, and in a recovered document perhaps more.
    package var topLevelElements: [MarkupNode] {
        var result: [MarkupNode] = []
        var child = pointer.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE { result.append(MarkupNode(c, in: self)) }
            child = c.pointee.next
        }
        return result
    }

    /// Evaluates an XPath expression and returns the nodes it selects, in document order.
    ///
    /// - Parameters:
    ///   - expression: XPath 1.0. Prefixed names need their prefix in `namespaces`.
    ///   - namespaces: prefix → namespace URI, e.g. `["atom": "http://www.w3.org/2005/Atom"]`.
    ///   - context: the node relative paths start from; the document when `nil`.
    public func select(_ expression: String, namespaces: [String: String] = [:], from context: MarkupNode? = nil) throws(MarkupError) -> [MarkupNode] {
        guard let xpath = xmlXPathNewContext(pointer) else {
            throw .xpath(expression: expression, message: "could not create an XPath context")
        }
        defer { xmlXPathFreeContext(xpath) }
        for (prefix, uri) in namespaces.sorted(by: { $0.key < $1.key }) {
            _ = xmlXPathRegisterNs(xpath, prefix, uri)
        }
        if let context { xpath.pointee.node = context.pointer }
        let collector = ErrorCollector()
        let result = collector.capturing { xmlXPathEvalExpression(expression, xpath) }
        guard let result else {
            throw .xpath(expression: expression, message: collector.errors.first?.message ?? "invalid expression")
        }
        defer { xmlXPathFreeObject(result) }
        guard result.pointee.type == XPATH_NODESET, let set = result.pointee.nodesetval else { return [] }
        let count = Int(set.pointee.nodeNr)
        return (0..<count).compactMap { set.pointee.nodeTab[$0].map { MarkupNode($0, in: self) } }
    }
}

struct Parsed {
    var pointer: xmlDocPtr
    var charset: SniffedCharset
    var diagnostics: [MarkupDiagnostic]
    var repairedEntities: Int
}

/// Gathers libxml2's structured errors for the duration of one call on this thread.
final class ErrorCollector {
    var errors: [MarkupDiagnostic] = []
    var forbiddenEntity: (name: String, line: Int)?
    /// Where libxml2 stopped at its depth limit (it halts the parser there).
    var excessiveDepthLine: Int?

    /// As new, for another document (keeping the list's memory).
    func restart() {
        if !errors.isEmpty { errors.removeAll(keepingCapacity: true) }
        forbiddenEntity = nil
        excessiveDepthLine = nil
    }

    /// Keeps a libxml2 error as a diagnostic (at most 100 per document).
    func record(_ error: UnsafePointer<xmlError>) {
        if excessiveDepthLine == nil, error.pointee.code == XML_ERR_INTERNAL_ERROR.rawValue,
           let text = error.pointee.message, String(cString: text).hasPrefix("Excessive depth in document") {
            excessiveDepthLine = Int(error.pointee.line)
        }
        guard errors.count < 100 else { return }
        let message = error.pointee.message.map { String(cString: $0) } ?? "error \(error.pointee.code)"
        errors.append(MarkupDiagnostic(
            message: Self.trimmed(message),
            line: Int(error.pointee.line),
            column: Int(error.pointee.int2)
        ))
    }

    /// `message` without the white space and newlines at its ends, as
    /// `trimmingCharacters(in: .whitespacesAndNewlines)` gives it. libxml2's messages end in a
    /// newline: ends in ASCII are trimmed as bytes (the ASCII characters of that set are tab,
    /// the newlines U+000A–U+000D and space), and only an end with another byte goes to
    /// Foundation, which on Linux converts the whole text to UTF-16 and back (some 15,000
    /// instructions a message, more than reading a small feed).
    static func trimmed(_ message: String) -> String {
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
        let utf8 = message.utf8
        guard let first = utf8.firstIndex(where: { !isSpace($0) }), let last = utf8.lastIndex(where: { !isSpace($0) }) else { return "" }
        guard utf8[first] < 0x80, utf8[last] < 0x80 else { return message.trimmingCharacters(in: .whitespacesAndNewlines) }
        return String(message[first...last])
    }

    /// The depth limit as an error, when libxml2 stopped at it.
    var depthExceeded: LimitExceeded? {
        excessiveDepthLine.map { LimitExceeded(.depth, value: ParseLimits.libxml2Depth + 1, maximum: ParseLimits.libxml2Depth, location: "line \($0)") }
    }

    func capturing<T>(_ body: () -> T) -> T {
        let context = Unmanaged.passUnretained(self).toOpaque()
        xmlSetStructuredErrorFunc(context) { context, error in
            guard let context, let error else { return }
            Unmanaged<ErrorCollector>.fromOpaque(context).takeUnretainedValue().record(error)
        }
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        return body()
    }
}

enum Parser {
    static func parse(_ raw: UnsafeRawBufferPointer, kind: MarkupKind, options: ParseOptions, withoutReadCallback: Bool = true) throws(MarkupError) -> Parsed {
        let parsed = try prepared(raw, kind: kind, options: options) { (body, charset, repairedEntities) throws(MarkupError) in
            switch kind {
            case .html:
                return try parseHTML(body, charset: charset)
            case .xml:
                var parsed = try parseXML(
                    body, charset: charset, recover: options.recoverMalformedXML, encoding: LibXML2.xmlEncoding(for: charset, content: body),
                    withoutReadCallback: withoutReadCallback
                )
                parsed.repairedEntities = repairedEntities
                return parsed
            }
        }
        if options.limits.depth < ParseLimits.libxml2Depth, let exceeded = deeper(than: options.limits.depth, parsed.pointer) {
            xmlFreeDoc(parsed.pointer)
            throw .limitExceeded(exceeded)
        }
        return parsed
    }

    /// Everything that happens to the bytes before libxml2 sees them, for every reader that
    /// parses a whole document in memory: the size cap, the empty check, the attribute cap,
    /// charset sniffing (an unknown label ignored, as browsers do), the BOM dropped, damaged
    /// UTF-8 repaired, and for XML in an ASCII-compatible encoding the HTML named entities
    /// XML lacks replaced (`repairedEntities` counts them). `body` gets the bytes to parse.
    static func prepared<Result>(
        _ raw: UnsafeRawBufferPointer, kind: MarkupKind, options: ParseOptions,
        _ body: (UnsafeRawBufferPointer, SniffedCharset, _ repairedEntities: Int) throws(MarkupError) -> Result
    ) throws(MarkupError) -> Result {
        LibXML2.ensureInitialised()
        // libxml2 takes the length as a C int.
        let limit = min(options.limits.inputBytes, Int(Int32.max))
        guard raw.count <= limit else { throw .limitExceeded(LimitExceeded(.inputBytes, value: raw.count, maximum: limit)) }
        guard raw.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else { throw .empty }
        if let violation = AttributeCap.firstViolation(in: raw, limits: options.limits) { throw .limitExceeded(violation) }
        var charset = CharsetSniffer.sniff(raw, transportCharset: options.transportCharset, kind: kind)
        if !Self.isSupported(charset.name) {
            charset = CharsetSniffer.ignoringLabel(raw, label: charset.name)
            guard Self.isSupported(charset.name) else { throw .unsupportedEncoding(charset.name) }
        }
        func repairingEntities(_ bytes: UnsafeRawBufferPointer, _ charset: SniffedCharset) throws(MarkupError) -> Result {
            if kind == .xml, options.repairHTMLEntities, !charset.name.hasPrefix("UTF-16"), let repaired = XMLEntityRepair.repair(bytes) {
                return try repaired.bytes.withUnsafeBytes { fixed in
                    Swift.Result { () throws(MarkupError) in try body(fixed, charset, repaired.count) }
                }.get()
            }
            return try body(bytes, charset, 0)
        }
        let content = UnsafeRawBufferPointer(rebasing: raw[charset.bomLength...])
        guard charset.needsUTF8Repair else { return try repairingEntities(content, charset) }
        var fixed = UTF8Check.repaired(content)
        charset.needsUTF8Repair = false
        charset.replacedInvalidSequences = fixed.replaced
        let sniffed = charset
        return try fixed.bytes.withUnsafeMutableBytes { bytes in
            Swift.Result { () throws(MarkupError) in try repairingEntities(UnsafeRawBufferPointer(bytes), sniffed) }
        }.get()
    }

    /// The first element deeper than `limit` (the root is at depth 1), as an error.
    static func deeper(than limit: Int, _ document: xmlDocPtr) -> LimitExceeded? {
        var node = xmlDocGetRootElement(document)
        var depth = 1
        while let current = node {
            if depth > limit {
                return LimitExceeded(.depth, value: depth, maximum: limit, location: "line \(xmlGetLineNo(current))")
            }
            if let child = xmlFirstElementChild(current) {
                node = child
                depth += 1
                continue
            }
            // The next element in document order: a sibling here or of an ancestor.
            var climbing: xmlNodePtr? = current
            node = nil
            while let at = climbing, depth > 0 {
                if let sibling = xmlNextElementSibling(at) {
                    node = sibling
                    break
                }
                climbing = at.pointee.parent
                depth -= 1
            }
        }
        return nil
    }

    /// Whether libxml2 can convert from `encoding`, looked up once per name
    /// (``SupportedEncodings``).
    static func isSupported(_ encoding: String) -> Bool {
        SupportedEncodings.shared.contains(encoding)
    }

    private static func parseHTML(_ body: UnsafeRawBufferPointer, charset: SniffedCharset) throws(MarkupError) -> Parsed {
        guard let context = htmlNewParserCtxt() else { throw .notWellFormed(message: "out of memory", line: 0, column: 0) }
        defer { htmlFreeParserCtxt(context) }
        let collector = ErrorCollector()
        let document = collector.capturing {
            body.withMemoryRebound(to: CChar.self) { chars in
                htmlCtxtReadMemory(context, chars.baseAddress, Int32(chars.count), nil, charset.name, LibXML2.htmlOptions)
            }
        }
        if let exceeded = collector.depthExceeded {
            // libxml2 stopped there: what it read is not the page.
            if let document { xmlFreeDoc(document) }
            throw .limitExceeded(exceeded)
        }
        guard let document else {
            let first = collector.errors.first
            throw .notWellFormed(message: first?.message ?? "no HTML could be read", line: first?.line ?? 0, column: first?.column ?? 0)
        }
        return Parsed(pointer: document, charset: charset, diagnostics: collector.errors, repairedEntities: 0)
    }

    /// `encoding` is what libxml2 is told (``LibXML2/xmlEncoding(for:content:)``; the tests
    /// also pass `charset.name`, to check that both read the same).
    static func parseXML(
        _ body: UnsafeRawBufferPointer, charset: SniffedCharset, recover: Bool, encoding: String?, withoutReadCallback: Bool = true
    ) throws(MarkupError) -> Parsed {
        guard let context = xmlNewParserCtxt() else { throw .notWellFormed(message: "out of memory", line: 0, column: 0) }
        defer { xmlFreeParserCtxt(context) }
        let collector = ErrorCollector()
        // Refuse entity declarations: stop the parser at the first one.
        context.pointee._private = Unmanaged.passUnretained(collector).toOpaque()
        context.pointee.sax.pointee.entityDecl = { ctx, name, _, _, _, _ in
            guard let ctx else { return }
            let parser = ctx.assumingMemoryBound(to: xmlParserCtxt.self)
            if let raw = parser.pointee._private {
                let collector = Unmanaged<ErrorCollector>.fromOpaque(raw).takeUnretainedValue()
                if collector.forbiddenEntity == nil {
                    collector.forbiddenEntity = (name.map { String(cString: $0) } ?? "?", Int(xmlSAX2GetLineNumber(ctx)))
                }
            }
            xmlStopParser(parser)
        }
        let document = collector.capturing {
            body.withMemoryRebound(to: CChar.self) { chars in
                LibXML2.readMemory(chars, context: context, encoding: encoding, recover: recover, withoutReadCallback: withoutReadCallback)
            }
        }
        if let forbidden = collector.forbiddenEntity {
            if let document { xmlFreeDoc(document) }
            throw .entityDeclaration(name: forbidden.name, line: forbidden.line)
        }
        if let exceeded = collector.depthExceeded {
            if let document { xmlFreeDoc(document) }
            throw .limitExceeded(exceeded)
        }
        let wellFormed = context.pointee.wellFormed != 0
        guard let document, wellFormed || recover, xmlDocGetRootElement(document) != nil else {
            if let document { xmlFreeDoc(document) }
            let first = collector.errors.first
            throw .notWellFormed(message: first?.message ?? "no root element", line: first?.line ?? 0, column: first?.column ?? 0)
        }
        if encoding == nil {
            // The document's encoding as when libxml2 is told "UTF-8": serialising the tree
            // (``MarkupNode/innerMarkup``) writes non-ASCII attribute values as they are only
            // for a document that has one.
            if let old = document.pointee.encoding { rus_xml_free(UnsafeMutableRawPointer(mutating: old)) }
            document.pointee.encoding = UnsafePointer(xmlStrdup("UTF-8"))
        }
        return Parsed(pointer: document, charset: charset, diagnostics: wellFormed ? [] : collector.errors, repairedEntities: 0)
    }
}
