import Markup

/// The names of one feed read (``XMLNameTable``), with what the rules test a name for worked
/// out once per name instead of once per element: its ``FeedTag``, the
/// ``FeedNamespaceKind`` of a namespace URI, whether it holds a colon. Captures, locators and
/// the rules hold names as indices in it and make no string per element.
final class FeedNames {
    // One reader owns it, on one thread: no runtime exclusivity checks.
    let table = XMLNameTable()
    @exclusivity(unchecked) private var tags: [FeedTag] = []
    @exclusivity(unchecked) private var kinds: [FeedNamespaceKind] = []
    @exclusivity(unchecked) private var colons: [Bool] = []

    /// The name at `index` (not -1).
    subscript(index: Int32) -> String { table[index] }

    /// The name at `index`, or `nil` for -1.
    func optional(_ index: Int32) -> String? { table.optional(index) }

    /// The index of `string` (-1 for `nil`), added if new.
    func index(of string: String?) -> Int32 { table.index(of: string) }

    /// Whether the name at `index` is `string` (compared in place, lengths first).
    func name(_ index: Int32, is string: String) -> Bool {
        table.name(index, is: string)
    }

    /// The ``FeedTag`` of the name at `index` (`other` for -1).
    func tag(_ index: Int32) -> FeedTag {
        guard index >= 0 else { return .other }
        if Int(index) >= tags.count { learn() }
        return tags[Int(index)]
    }

    /// The ``FeedNamespaceKind`` of the namespace URI at `index` (`none` for -1).
    func kind(_ index: Int32) -> FeedNamespaceKind {
        guard index >= 0 else { return .none }
        if Int(index) >= kinds.count { learn() }
        return kinds[Int(index)]
    }

    /// Whether the name at `index` holds a colon (a prefix no declaration binds).
    func hasColon(_ index: Int32) -> Bool {
        guard index >= 0 else { return false }
        if Int(index) >= colons.count { learn() }
        return colons[Int(index)]
    }

    /// Works out the facts of the names added since the last time.
    private func learn() {
        let strings = table.strings
        for k in tags.count..<strings.count {
            tags.append(FeedTag(strings[k]))
            kinds.append(FeedNamespaceKind(strings[k]))
            colons.append(strings[k].feedContains(ascii: ":"))
        }
    }

    /// Empties the table (see ``XMLNameTable/isFull``) and returns the names it held: the
    /// caller gives the names it still holds new indices with ``carry(_:from:)``.
    func startOver() -> [String] {
        let old = table.strings
        table.removeAll()
        tags.removeAll(keepingCapacity: true)
        kinds.removeAll(keepingCapacity: true)
        colons.removeAll(keepingCapacity: true)
        return old
    }

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
            cost += names.table.length(a.localName) + a.value.utf8.count
            attributes.append(FeedCapture.Attribute(localName: a.localName, prefix: a.prefix, namespaceURI: a.namespaceURI, value: a.value))
        }
        for k in 0..<declarationCount {
            let d = declaration(at: k)
            cost += names.table.length(d.uri)
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
