import Markup

/// The names of one feed read (``XMLNameTable``), with what the rules test a name for worked
/// out once per name instead of once per element: its ``FeedTag``, the
/// ``FeedNamespaceKind`` of a namespace URI, whether it holds a colon. Captures, locators and
/// the rules hold names as indices in it and make no string per element.
final class FeedNames {
    // One reader owns it, on one thread: no runtime exclusivity checks.
    let table = XMLNameTable()
    /// Each name with what the rules test it for, by index; worked out when first asked. The
    /// rules read names here, in this module: read through the table in Markup, each would be
    /// a call.
    @exclusivity(unchecked) private var facts: [Facts] = []

    /// A name and, once asked for, what it is (most names are asked for one of the three).
    private struct Facts {
        let string: String
        let length: Int
        var tag: FeedTag?
        var kind: FeedNamespaceKind?
        var hasColon: Bool?
    }

    /// The name at `index` (not -1).
    subscript(index: Int32) -> String {
        if Int(index) >= facts.count { learn() }
        return facts[Int(index)].string
    }

    /// The name at `index`, or `nil` for -1.
    func optional(_ index: Int32) -> String? {
        index < 0 ? nil : self[index]
    }

    /// The index of `string` (-1 for `nil`), added if new.
    func index(of string: String?) -> Int32 { table.index(of: string) }

    /// Whether the name at `index` is `string` (never for -1): compared in place, lengths first
    /// (two different names of the same length are rare, and comparing strings that differ
    /// costs more than comparing their lengths).
    func name(_ index: Int32, is string: String) -> Bool {
        guard index >= 0 else { return false }
        if Int(index) >= facts.count { learn() }
        return facts.withUnsafeBufferPointer { $0[Int(index)].length == string.utf8.count && $0[Int(index)].string == string }
    }

    /// The UTF-8 length of the name at `index` (0 for -1).
    func length(_ index: Int32) -> Int {
        guard index >= 0 else { return 0 }
        if Int(index) >= facts.count { learn() }
        return facts[Int(index)].length
    }

    /// The ``FeedTag`` of the name at `index` (`other` for -1).
    func tag(_ index: Int32) -> FeedTag {
        guard index >= 0 else { return .other }
        if Int(index) >= facts.count { learn() }
        if let tag = facts[Int(index)].tag { return tag }
        let tag = FeedTag(facts[Int(index)].string)
        facts[Int(index)].tag = tag
        return tag
    }

    /// The ``FeedNamespaceKind`` of the namespace URI at `index` (`none` for -1).
    func kind(_ index: Int32) -> FeedNamespaceKind {
        guard index >= 0 else { return .none }
        if Int(index) >= facts.count { learn() }
        if let kind = facts[Int(index)].kind { return kind }
        let kind = FeedNamespaceKind(facts[Int(index)].string)
        facts[Int(index)].kind = kind
        return kind
    }

    /// Whether the name at `index` holds a colon (a prefix no declaration binds).
    func hasColon(_ index: Int32) -> Bool {
        guard index >= 0 else { return false }
        if Int(index) >= facts.count { learn() }
        if let hasColon = facts[Int(index)].hasColon { return hasColon }
        let hasColon = facts[Int(index)].string.feedContains(ascii: ":")
        facts[Int(index)].hasColon = hasColon
        return hasColon
    }

    /// Takes in the names added to the table since the last time.
    private func learn() {
        let count = table.count
        if facts.isEmpty { facts.reserveCapacity(max(16, count)) }
        for k in facts.count..<count {
            let name = table[Int32(k)]
            facts.append(Facts(string: name, length: name.utf8.count))
        }
    }

    /// Empties the table (see ``XMLNameTable/isFull``) and returns the names it held: the
    /// caller gives the names it still holds new indices with ``carry(_:from:)``.
    func startOver() -> [String] {
        let old = table.strings
        table.removeAll()
        facts.removeAll(keepingCapacity: true)
        return old
    }

    /// Empties the names for another document (no index handed out before stays valid),
    /// keeping the memory of the lists.
    func reset() {
        table.reset()
        facts.removeAll(keepingCapacity: true)
    }

    /// The most names kept from one document to the next (``resetIfLarge()``).
    static let keptNames = 1_000

    /// Between documents: the names stay (no index of the last document is held any more, and
    /// what is known of a name depends on the name alone), unless they are many or take much
    /// memory (a table that started over during the document has grown large); then as
    /// ``reset()``. A name the next document uses
    /// again is then found, with what is known of it, without making its string again.
    func resetIfLarge() {
        if table.count > Self.keptNames || table.retainedBytes > 64 * 1024 { reset() }
    }

    /// Roughly the bytes kept when emptied.
    var retainedBytes: Int { table.retainedBytes + facts.capacity * MemoryLayout<Facts>.stride }

    /// The index in the emptied table of the name `index` of the `old` one.
    func carry(_ index: Int32, from old: [String]) -> Int32 {
        index < 0 ? -1 : table.index(of: old[Int(index)])
    }
}

/// A start tag as the feed rules read it: names as indices in the reader's ``FeedNames``. The
/// SAX callbacks give one without making strings (``XMLStartTag``); a tree replay gives an
/// ``XMLStreamElement`` (``FeedReplayedTag``).
protocol FeedStartTag {
    var localName: Int32 { get }
    var prefix: Int32 { get }
    var namespaceURI: Int32 { get }
    var line: Int { get }
    /// The value of the attribute `localName` in `namespaceURI` (`nil`: in none).
    func attribute(_ localName: String, namespaceURI: String?) -> String?
    /// Appends the attributes and namespace declarations, in document order; returns what they
    /// cost against a capture's budget (the bytes of attribute names and values and of
    /// declared URIs).
    func append(attributes: inout FeedBuffer<FeedCapture.Attribute>, declarations: inout FeedBuffer<FeedCapture.Declaration>, names: FeedNames) -> Int
}

extension XMLStartTag: FeedStartTag {
    func append(attributes: inout FeedBuffer<FeedCapture.Attribute>, declarations: inout FeedBuffer<FeedCapture.Declaration>, names: FeedNames) -> Int {
        var cost = 0
        for k in 0..<attributeCount where hasAttribute(at: k) {
            let a = attribute(at: k)
            cost += names.length(a.localName) + a.value.utf8.count
            attributes.append(FeedCapture.Attribute(localName: a.localName, prefix: a.prefix, namespaceURI: a.namespaceURI, value: a.value))
        }
        for k in 0..<declarationCount {
            let d = declaration(at: k)
            cost += names.length(d.uri)
            declarations.append(FeedCapture.Declaration(prefix: d.prefix, uri: d.uri))
        }
        return cost
    }
}

/// A start tag from a tree replay (``MarkupNode/replay(into:)``), its names looked up in the
/// reader's ``FeedNames`` by string.
struct FeedReplayedTag: FeedStartTag {
    let element: XMLStreamElement
    let localName: Int32
    let prefix: Int32
    let namespaceURI: Int32
    var line: Int { element.line }

    init(_ element: XMLStreamElement, names: FeedNames) {
        self.element = element
        localName = names.index(of: element.localName)
        prefix = names.index(of: element.prefix)
        namespaceURI = names.index(of: element.namespaceURI)
    }

    func attribute(_ localName: String, namespaceURI: String?) -> String? {
        if let namespaceURI { return element.attribute(localName, namespaceURI: namespaceURI) }
        return element.attribute(localName)
    }

    func append(attributes: inout FeedBuffer<FeedCapture.Attribute>, declarations: inout FeedBuffer<FeedCapture.Declaration>, names: FeedNames) -> Int {
        var cost = 0
        for a in element.attributes {
            cost += a.localName.utf8.count + a.value.utf8.count
            attributes.append(FeedCapture.Attribute(
                localName: names.index(of: a.localName), prefix: names.index(of: a.prefix), namespaceURI: names.index(of: a.namespaceURI), value: a.value
            ))
        }
        for d in element.namespaceDeclarations {
            cost += d.uri.utf8.count
            declarations.append(FeedCapture.Declaration(prefix: names.index(of: d.prefix), uri: names.index(of: d.uri)))
        }
        return cost
    }
}
