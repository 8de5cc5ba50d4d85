public import Markup
import Foundation

/// Reads RSS 0.90–0.94, 1.0 (RDF) and 2.0 (with or without a version) and Atom 0.3/1.0 feeds
/// into ``Feed``, with the `dc:`, `dcterms:`, `content:`, `atom:` (in RSS) and `media:`
/// extensions under any prefix, and `xml:base` resolution at every level.
///
/// Pure: bytes in, value out. A feed that is not well-formed is read as far as libxml2 can
/// recover it; undefined HTML entities, stray ampersands, a wrong encoding label and unreadable
/// dates are repaired or skipped. Whatever was wrong is said in ``Feed/problems`` (feedparser's
/// "bozo"); one bad field never drops the feed or an item.
///
/// Reading many feeds in one process: the reader's working state (its tables of names, its
/// buffers and a libxml2 parser context) is kept between documents in a small process-wide
/// pool, so that a crawler reading thousands of small feeds does not build it afresh each time.
/// At most eight states wait (one is taken per read, so reads on several threads at once each
/// have their own), a state that has grown beyond a few hundred kilobytes is dropped, and a
/// waiting state keeps nothing of the documents read with it but names (of elements,
/// attributes and namespaces; a bounded number). A result never depends on the documents read before (tested against new
/// state on every feed of the test corpus).
public struct FeedReader: Sendable {
    /// Options for the XML parse, limits (including ``/Markup/ParseLimits/feedItems``) and the transport charset.
    public var options: ParseOptions

    /// A reader with `options` (the safe defaults unless given).
    public init(options: ParseOptions = ParseOptions()) {
        self.options = options
    }

    /// Why bytes are not a feed.
    public enum FeedError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The bytes could not be parsed (limits, entity declarations, encoding, …).
        case markup(MarkupError)
        /// The document is XML but its root is not `rss`, `rdf:RDF` or `feed`.
        case notAFeed(rootElement: String)

        /// What was wrong, and where.
        public var description: String {
            switch self {
            case let .markup(error): error.description
            case let .notAFeed(root): "not a feed: the root element is <\(root)>, expected <rss>, <rdf:RDF> or <feed>"
            }
        }
    }

    /// Reads `bytes`.
    ///
    /// - Parameters:
    ///   - bytes: the feed as published (RSS 0.9x/1.0/2.0 or Atom 1.0), in any charset.
    ///   - url: where the feed is published; relative links resolve against it (and `xml:base`).
    ///   - charset: the charset the transport declared (the HTTP `Content-Type` charset). It wins
    ///     over the XML declaration, but not over a byte-order mark, and a single-byte label is
    ///     overruled by bytes that are valid multi-byte UTF-8.
    // Inlinable (as FeedStream.consume): specialised for the caller's collection, an array is
    // passed on as it is (unspecialised, `Array(bytes)` copied it through the generic value
    // witnesses, a reference counted on the way); the reading itself is not inlined.
    @inlinable
    public func read(_ bytes: some Collection<UInt8>, url: String? = nil, charset: String? = nil) throws(FeedError) -> Feed {
        try read(Array(bytes), url: url, charset: charset, withoutTree: true)
    }

    /// Reads `original`; `withoutTree: false` always reads it from its tree (what the fast path
    /// is tested against).
    @usableFromInline
    func read(_ original: [UInt8], url: String?, charset: String?, withoutTree: Bool) throws(FeedError) -> Feed {
        var options = self.options
        if let charset { options.transportCharset = charset }
        let repairs = options.repairHTMLEntities
        // Done here rather than by Markup so that each kind of repair can be reported.
        options.repairHTMLEntities = false
        let (raw, problems) = Self.repaired(original, repairs)
        let feed = if withoutTree, let feed = Self.readWithoutTree(raw, original: original, problems: problems, url: url, options: options) {
            feed
        } else {
            try Self.readTree(raw, original: original, problems: problems, url: url, options: options, repairs: repairs)
        }
        guard feed.items.count <= options.limits.feedItems else {
            throw .markup(.limitExceeded(LimitExceeded(.feedItems, value: feed.items.count, maximum: options.limits.feedItems)))
        }
        return feed
    }

    /// Reads the feed as ``readTree(_:original:problems:url:options:repairs:)`` does, from the
    /// events the tree would be built from (libxml2's memory parser with our SAX callbacks)
    /// instead of from the tree: the same rules get the same events, without building,
    /// walking and freeing a tree. `nil` wherever the tree would tell the rules something the
    /// events do not (entity declarations, an unbound attribute prefix, a line number from
    /// 65,535 on in a problem, no root element) and for every error: the tree reader then
    /// reads the feed, so the result is always the tree reader's.
    ///
    /// A document that is not well-formed is read twice: the first read stops at its first
    /// fatal error, and the second reads it to the end as libxml2 recovers it (the events its
    /// recovered tree is built from), with the rules looking for items at any depth from the
    /// start, as the tree reader does for a document with diagnostics.
    ///
    /// The reader's state comes from `pool` (a new one: a new state).
    static func readWithoutTree(
        _ raw: [UInt8], original: [UInt8], problems: [String], url: String?, options: ParseOptions, pool: FeedSinkPool = .shared
    ) -> Feed? {
        var notWellFormed = false
        if let feed = readEvents(raw, original: original, problems: problems, url: url, options: options, recovering: false, pool: pool, notWellFormed: &notWellFormed) {
            return feed
        }
        guard notWellFormed, options.recoverMalformedXML else { return nil }
        return readEvents(raw, original: original, problems: problems, url: url, options: options, recovering: true, pool: pool, notWellFormed: &notWellFormed)
    }

    /// One read of the events: stopping at the first fatal error, or (`recovering`) to the end
    /// of what libxml2 recovers, with the problems the tree reader gives a recovered document.
    /// `nil` when the tree must tell, and when the parse stopped at a fatal error (only when not
    /// `recovering`; `notWellFormed` is then set). The feed itself is returned, not wrapped in
    /// an enum with the other outcomes: each wrapping and unwrapping of a feed (256 bytes) on
    /// the way out was a copy.
    private static func readEvents(
        _ raw: [UInt8], original: [UInt8], problems: [String], url: String?, options: ParseOptions, recovering: Bool, pool: FeedSinkPool,
        notWellFormed: inout Bool
    ) -> Feed? {
        // The reader's state comes from a pool: a feed of a few hundred bytes would otherwise
        // spend a good part of its time allocating and freeing it.
        pool.withSink(url: url, itemBudget: .max, fieldBudget: .max, maximumProblems: nil, looksDeeperAfterErrors: false) { sink in
            sink.rules.head = original
            // As the tree reader: items at any depth in a recovered document (an unclosed tag
            // can swallow the items after it), from the start.
            sink.rules.anyDepth = recovering
            sink.rules.anyDepthLater = false
            let read = raw.withUnsafeBytes { bytes in
                Result { () throws(MarkupError) in
                    try StreamingXMLReader.readInMemory(bytes, options: options, stopAtFatalError: !recovering, contexts: sink.parserContexts, to: sink)
                }
            }
            guard case let .success(result) = read, result.sawRoot, !result.declaresEntity, !result.sawUnboundAttributePrefix, sink.notAFeed == nil else {
                return nil
            }
            if result.stoppedAtFatalError {
                notWellFormed = true
                return nil
            }
            // A document the first read found well-formed is always so; a recovered one is read
            // with the tree reader's problems (its first diagnostics), and only when it is not
            // well-formed (the tree reader keeps no diagnostics otherwise).
            guard result.isWellFormed != recovering else { return nil }
            let recovered = recovering ? result.diagnostics.prefix(5).map { "not well-formed, recovered: \($0)" } : []
            var leading = recovered
            leading.feedAppend(problems)
            leading.feedAppend(describe(result.charset))
            let handover = FeedHandover(leadingProblems: leading, encoding: result.charset.name, takesItems: true)
            guard let feed = sink.rules.finish(handover), !sink.rules.readLineBeyondTree else { return nil }
            return feed
        }
    }

    /// Reads the feed from its parsed tree, replayed as events into the rules.
    static func readTree(_ repairedBytes: [UInt8], original: [UInt8], problems repairProblems: [String], url: String?, options: ParseOptions, repairs: Bool) throws(FeedError) -> Feed {
        var (raw, problems) = (repairedBytes, repairProblems)
        let document: MarkupDocument
        do {
            document = try MarkupDocument(xml: raw, options: options)
        } catch .entityDeclaration(let name, let line) {
            // Never expanded: the DOCTYPE is dropped and references to its entities stay as text.
            guard let stripped = Self.removingDoctype(original) else { throw .markup(.entityDeclaration(name: name, line: line)) }
            (raw, problems) = Self.repaired(stripped, repairs)
            do { document = try MarkupDocument(xml: raw, options: options) } catch { throw .markup(error) }
            problems.insert(Self.doctypeIgnored(name: name, line: line), at: 0)
        } catch {
            throw .markup(error)
        }
        guard let root = document.root else { throw .notAFeed(rootElement: "") }
        problems = document.diagnostics.prefix(5).map { "not well-formed, recovered: \($0)" } + problems
        problems += describe(document.charset)

        // The tree is read by the same rules as a stream (FeedStream): replayed as events.
        var reader = FeedEventReader(url: url, itemBudget: .max, fieldBudget: .max, maximumProblems: nil)
        reader.head = original
        // In a recovered document an unclosed tag can swallow the items after it: look for them
        // at any depth then.
        reader.anyDepth = !document.diagnostics.isEmpty
        reader.anyDepthLater = false
        root.replay(into: &reader)
        if let name = reader.notAFeed { throw .notAFeed(rootElement: name) }
        guard let feed = reader.finish(FeedHandover(leadingProblems: problems, encoding: document.charset.name, takesItems: true)) else {
            throw .notAFeed(rootElement: root.name)
        }
        return feed
    }

    /// `bytes` with the references XML rejects repaired (when `repairs`), and what was repaired.
    private static func repaired(_ bytes: [UInt8], _ repairs: Bool) -> ([UInt8], [String]) {
        // The repair FeedStream makes chunk by chunk, here in one piece.
        guard repairs, let repaired = bytes.withUnsafeBytes({ StreamingEntityRepair.repairWithReport($0) }) else { return (bytes, []) }
        return (repaired.bytes, describe(repaired.report))
    }

    /// The problem for a DOCTYPE that declares entities and was left out.
    static func doctypeIgnored(name: String, line: Int) -> String {
        "line \(line): the DOCTYPE declares entities ('\(name)'); entity declarations are refused, so it was ignored and references to them are kept as text"
    }

    static func describe(_ report: XMLEntityRepair.Report) -> [String] {
        var problems: [String] = []
        // A count and a text joined as strings: through string interpolation's generic path a
        // problem cost about a third more (a feed of the test corpus has one or two of them).
        func counted(_ count: Int, _ text: String) -> String {
            var problem = String(count)
            problem += text
            return problem
        }
        if report.namedEntities > 0 { problems.append(counted(report.namedEntities, " undefined HTML entities resolved")) }
        if report.unknownEntities > 0 {
            let names = report.unknownNames.map { "&\($0);" }.joined(separator: ", ")
            problems.append("\(report.unknownEntities) references to undefined entities (\(names)) kept as text")
        }
        if report.bareAmpersands > 0 { problems.append(counted(report.bareAmpersands, " unescaped '&' read as text")) }
        if report.malformedCharacterReferences > 0 {
            problems.append(counted(report.malformedCharacterReferences, " malformed character references repaired"))
        }
        return problems
    }

    static func describe(_ charset: SniffedCharset) -> [String] {
        let repaired = charset.replacedInvalidSequences
        var problems = repaired == 0 ? [] : ["\(repaired) invalid UTF-8 sequence\(repaired == 1 ? "" : "s") replaced by U+FFFD"]
        problems.feedAppend(describeLabel(charset))
        return problems
    }

    private static func describeLabel(_ charset: SniffedCharset) -> [String] {
        switch (charset.source, charset.overruled) {
        case let (_, declared?):
            ["the declared encoding '\(declared)' is unknown or does not fit the bytes; read as \(charset.name)"]
        case (.fallback, nil):
            ["no encoding is declared and the bytes are not UTF-8; read as \(charset.name)"]
        default:
            []
        }
    }

    /// The bytes without their `<!DOCTYPE …>` (internal subset included); `nil` when there is none.
    static func removingDoctype(_ bytes: [UInt8]) -> [UInt8]? {
        let marker = Array("<!DOCTYPE".utf8)
        guard let start = firstIndex(of: marker, in: bytes, limit: 65_536) else { return nil }
        var i = start + marker.count
        var quote: UInt8?
        var depth = 0
        while i < bytes.count {
            let b = bytes[i]
            if let q = quote {
                if b == q { quote = nil }
            } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                quote = b
            } else if b == UInt8(ascii: "[") {
                depth += 1
            } else if b == UInt8(ascii: "]") {
                depth -= 1
            } else if b == UInt8(ascii: ">"), depth <= 0 {
                return Array(bytes[..<start]) + Array(bytes[(i + 1)...])
            }
            i += 1
        }
        return nil
    }

    /// Where `needle` is first found whole within the first ``FeedEventReader/headLength`` bytes.
    static func firstIndex(of needle: [UInt8], inHead bytes: [UInt8]) -> Int? {
        firstIndex(of: needle, in: bytes, limit: FeedEventReader.headLength - needle.count)
    }

    static func firstIndex(of needle: [UInt8], in bytes: [UInt8], limit: Int) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        let last = min(bytes.count - needle.count, limit)
        guard last >= 0 else { return nil }
        var i = 0
        while i <= last {
            if bytes[i] == needle[0], bytes[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}

/// Values read from feed elements.
enum FeedValues {
    /// Normalised text, `nil` when empty.
    static func text(_ element: FeedElement?) -> String? {
        guard let element else { return nil }
        let t = FeedWhitespace.normalize(element.textContent)
        return t.isEmpty ? nil : t
    }

    static func nonEmpty(_ s: String?) -> String? {
        guard let s else { return nil }
        let t = s.feedTrimmed
        return t.isEmpty ? nil : t
    }

    static func integer(_ s: String?) -> Int? {
        s.flatMap { Int($0.feedTrimmed) }
    }

    /// A date element's value; an unreadable one is a problem, not a failure.
    static func date(_ element: FeedElement?, problems: inout [String]) -> Date? {
        guard let element else { return nil }
        // The usual RSS date read from the captured bytes, without making a string of them
        // first: only where the general rule below gives the same date (`canonicalRFC822`).
        if let date = element.withSingleTextBytes({ FeedDate.canonicalRFC822(plainBytes: $0) }) ?? nil { return date }
        guard let raw = text(element) else { return nil }
        guard let date = FeedDate.parse(raw) else {
            problems.append("line \(element.line): unreadable date '\(raw)' in <\(element.name)>")
            return nil
        }
        return date
    }

    /// The first readable date of several elements, in order of preference.
    static func date(_ elements: [FeedElement?], problems: inout [String]) -> Date? {
        for element in elements {
            if let date = date(element, problems: &problems) { return date }
        }
        return nil
    }

    /// The first readable date of up to five elements, in order of preference (without an
    /// array: items read several such lists).
    static func date(
        _ a: FeedElement?, _ b: FeedElement?, _ c: FeedElement? = nil, _ d: FeedElement? = nil, _ e: FeedElement? = nil,
        problems: inout [String]
    ) -> Date? {
        if let date = date(a, problems: &problems) { return date }
        if let date = date(b, problems: &problems) { return date }
        if let date = date(c, problems: &problems) { return date }
        if let date = date(d, problems: &problems) { return date }
        return date(e, problems: &problems)
    }

    /// `media:content` and `media:thumbnail` (also inside `media:group`).
    static func media(_ children: FeedChildren, scope: FeedScope) -> [FeedMedia] {
        guard children.hasMedia else { return [] }
        var result: [FeedMedia] = []
        for child in children.all where child.isMedia {
            switch child.name {
            case "content", "thumbnail":
                let node = child.node
                let kind: FeedMedia.Kind = child.name == "content" ? .content : .thumbnail
                let url = nonEmpty(node.attribute("url")) ?? (kind == .thumbnail ? text(node) : nil)
                result.append(FeedMedia(
                    kind: kind,
                    url: url.map { FeedURI.resolve($0, against: scope.entering(node).base) },
                    type: nonEmpty(node.attribute("type")),
                    medium: nonEmpty(node.attribute("medium")),
                    width: integer(node.attribute("width")),
                    height: integer(node.attribute("height")),
                    fileSize: integer(node.attribute("fileSize"))
                ))
            case "group":
                result += media(FeedChildren(child.node), scope: scope.entering(child.node))
            default:
                continue
            }
        }
        return result
    }

    /// `media:title` / `media:description` / `media:category` / `media:keywords`, also inside `media:group`.
    static func mediaElements(_ name: String, in children: FeedChildren) -> [FeedElement] {
        guard children.hasMedia else { return [] }
        var result: [FeedElement] = []
        for child in children.all where child.isMedia {
            if child.name == name { result.append(child.node) }
            if child.name == "group" { result += mediaElements(name, in: FeedChildren(child.node)) }
        }
        return result
    }

    /// Categories from `media:category` and `media:keywords`.
    static func mediaTags(_ children: FeedChildren) -> [FeedCategory] {
        guard children.hasMedia else { return [] }
        var tags: [FeedCategory] = []
        for node in mediaElements("category", in: children) {
            if let term = text(node) {
                tags.append(FeedCategory(term: term, scheme: nonEmpty(node.attribute("scheme")) ?? "http://search.yahoo.com/mrss/category_schema", label: nonEmpty(node.attribute("label"))))
            }
        }
        for node in mediaElements("keywords", in: children) {
            for word in (text(node) ?? "").split(separator: ",") {
                if let term = nonEmpty(String(word)) { tags.append(FeedCategory(term: term)) }
            }
        }
        return tags
    }

    /// What the item rules note of every child as they pass over an item's children: whether
    /// one is Media RSS's, and the first three whose prefixed names no namespace declaration
    /// binds.
    struct ChildNotes {
        private var first: FeedElement?
        private var second: FeedElement?
        private var third: FeedElement?
        private var hasMedia = false

        /// Notes `child`.
        mutating func note(_ child: FeedChildren.Child) {
            if child.isMedia { hasMedia = true }
            // A prefix no declaration binds stays in the name (`<itunes:subtitle>` without
            // `xmlns:itunes`).
            guard third == nil, child.kind == .none, child.node.nameHasColon else { return }
            if first == nil { first = child.node } else if second == nil { second = child.node } else { third = child.node }
        }

        /// The children of `element` (whose children were noted) listed for the Media RSS
        /// rules, `nil` when none is Media RSS's.
        func mediaChildren(of element: FeedElement) -> FeedChildren? {
            hasMedia ? FeedChildren(element) : nil
        }

        /// A problem for each child with an unbound prefix, in document order.
        var unboundPrefixProblems: [String] {
            guard first != nil else { return [] }
            return [first, second, third].compactMap { node in node.map { FeedValues.unboundPrefixProblem(line: $0.line, name: $0.name) } }
        }
    }

    /// The problem for an element whose prefixed name no namespace declaration binds (the
    /// channel's, the root's and the items' children say it alike).
    static func unboundPrefixProblem(line: Int, name: String) -> String {
        "line \(line): the prefix of <\(name)> is not bound to a namespace (undeclared namespace)"
    }
}
