internal import CLibXML2

/// The names a reader meets (element and attribute names, prefixes, namespace URIs), each kept
/// once as a `String` and known by its index: a reader that stores and compares indices
/// instead of strings does no reference counting for them. `-1` stands for "none" (no prefix,
/// no namespace).
///
/// One table serves a reader for a whole document, whichever parser reports it (the SAX
/// callbacks fill it through ``XMLEventReceiver/names``, a tree replay by string); an index
/// stays valid until ``removeAll()``.
package final class XMLNameTable {
    // A table has one owner and is never shared between threads: no runtime exclusivity checks
    // on the arrays read for every element.
    //
    // The accessors are inlinable for readers in other modules (a call may retain and release
    // the table around it); the feed reader reads names through its own `FeedNames`.
    @exclusivity(unchecked) @usableFromInline var entries: [Entry] = []
    /// Indices by name, once the table holds more names than are quickly searched in order
    /// (a feed uses a few dozen; most documents fewer: no dictionary to make and hash into).
    @exclusivity(unchecked) private var indices: [String: Int32] = [:]
    @exclusivity(unchecked) private var hasIndices = false
    /// The bytes of the names held, for ``isFull``.
    @exclusivity(unchecked) @usableFromInline var bytes = 0

    /// A name, with its UTF-8 length (read without touching the string).
    @usableFromInline struct Entry {
        @usableFromInline let string: String
        @usableFromInline let length: Int32
    }

    /// Names searched in order before a dictionary is made.
    private static let searchedInOrder = 32

    package init() {}

    /// How many names the table holds.
    @inlinable package var count: Int { entries.count }

    /// The names, in the order of their indices.
    package var strings: [String] { entries.map(\.string) }

    /// Whether the table holds more than a reader should keep for a document of bounded memory
    /// (hostile input with ever new names): its owner may then empty it (``removeAll()``), add
    /// back what it still holds, and call ``grewBack()``.
    @inlinable package var isFull: Bool { entries.count >= countLimit || bytes >= byteLimit }
    @exclusivity(unchecked) @usableFromInline var countLimit = 50_000
    @exclusivity(unchecked) @usableFromInline var byteLimit = 4_000_000

    /// After the owner added back the names it holds: the table is full again at twice as many
    /// (at least the first bounds), so that emptying it costs time in proportion to the names
    /// read, however many the owner holds.
    package func grewBack() {
        countLimit = max(50_000, 2 * entries.count)
        byteLimit = max(4_000_000, 2 * bytes)
    }

    /// Counts ``removeAll()``s: indices cached for an earlier generation are stale.
    @exclusivity(unchecked) package private(set) var generation = 0

    /// Empties the table (its owner gives the names it still holds new indices).
    package func removeAll() {
        entries.removeAll(keepingCapacity: true)
        indices = [:]
        hasIndices = false
        bytes = 0
        generation += 1
    }

    /// Empties the table for another document and gives it back its first bounds (see
    /// ``grewBack()``), keeping the memory of its list of names.
    package func reset() {
        removeAll()
        countLimit = 50_000
        byteLimit = 4_000_000
    }

    /// Roughly the bytes the table keeps (its lists and the names' storage) when emptied.
    package var retainedBytes: Int { entries.capacity * MemoryLayout<Entry>.stride }

    /// The index of `string`, added if new.
    package func index(of string: String) -> Int32 {
        let length = Int32(string.utf8.count)
        if !hasIndices {
            for k in entries.indices where entries[k].length == length && entries[k].string == string { return Int32(k) }
        } else if let known = indices[string] {
            return known
        }
        let index = Int32(entries.count)
        if entries.isEmpty { entries.reserveCapacity(Self.searchedInOrder) }
        entries.append(Entry(string: string, length: length))
        bytes += Int(length)
        if hasIndices {
            indices[string] = index
        } else if entries.count > Self.searchedInOrder {
            indices.reserveCapacity(2 * entries.count)
            for k in entries.indices { indices[entries[k].string] = Int32(k) }
            hasIndices = true
        }
        return index
    }

    /// Whether the name at `index` is `string` (never for -1): compared in place, lengths first
    /// (two different names of the same length are rare, and comparing strings that differ
    /// costs more than comparing their lengths).
    @inlinable package func name(_ index: Int32, is string: String) -> Bool {
        guard index >= 0, Int(entries[Int(index)].length) == string.utf8.count else { return false }
        return entries.withUnsafeBufferPointer { $0[Int(index)].string == string }
    }

    /// The UTF-8 length of the name at `index` (0 for -1).
    @inlinable package func length(_ index: Int32) -> Int {
        index < 0 ? 0 : Int(entries[Int(index)].length)
    }

    /// The index of `string`, or -1 for `nil`.
    package func index(of string: String?) -> Int32 {
        guard let string else { return -1 }
        return index(of: string)
    }

    /// The name at `index` (not -1).
    @inlinable package subscript(index: Int32) -> String {
        entries[Int(index)].string
    }

    /// The name at `index`, or `nil` for -1.
    @inlinable package func optional(_ index: Int32) -> String? {
        index < 0 ? nil : entries[Int(index)].string
    }
}

/// Indices in an ``XMLNameTable`` for the addresses of libxml2's dictionary strings (which stay
/// put while the parser lives), in an ``AddressCache``; a miss is looked up in the table by
/// string. What ``NameCache`` does for strings, without handing out a string (and its
/// reference count) per name.
struct NameIndexCache {
    private var cache = AddressCache<Int32>()
    /// The table the cached indices are in, and its generation: another one empties the cache.
    /// Held (not only its address): a cache kept from one read to the next (see
    /// ``XMLParserContextCache``) must not take a new table made at a freed one's address for it.
    private var table: XMLNameTable?
    private var generation = 0

    /// Whether the cache is as new.
    var isNew: Bool { cache.isEmpty && table == nil && generation == 0 }

    /// The index of the string at `pointer` in `names`; `keeps` says whether the address may
    /// be cached (it stays at that address while the cache is used).
    mutating func index(
        _ pointer: UnsafePointer<UInt8>, in names: XMLNameTable, keeps: (UnsafePointer<UInt8>) -> Bool
    ) -> Int32 {
        if table !== names || generation != names.generation {
            table = names
            generation = names.generation
            cache.removeAll()
        }
        // The table reached unmanaged in the closure (the caller holds it for the call): captured
        // as a strong reference, it was retained and released at every start tag, hit or miss.
        let table = Unmanaged.passUnretained(names)
        return cache.value(pointer, keeps: keeps) { string in table._withUnsafeGuaranteedRef { $0.index(of: String(cString: string)) } }
    }
}

/// A start tag as libxml2's SAX callback reports it, for an ``XMLEventReceiver``: names as
/// indices in the receiver's ``XMLNameTable``, attributes and namespace declarations read from
/// libxml2's arrays when asked for. Valid only during
/// ``XMLEventReceiver/startElement(_:afterMalformation:)``; what ``XMLStreamElement`` holds,
/// without making its strings and arrays (and copying and freeing them) for each tag.
package struct XMLStartTag {
    /// The local name (`prefix:name` in no namespace for a prefix no declaration binds, as in
    /// ``XMLStreamElement/localName``).
    package let localName: Int32
    /// The prefix as written, -1 when there is none (or it is part of ``localName``).
    package let prefix: Int32
    /// The namespace URI, -1 when the element is in none.
    package let namespaceURI: Int32
    /// The line the start tag ends on.
    package let line: Int
    /// How many attributes were written (defaulted ones are left out, as in the tree).
    package let attributeCount: Int
    /// How many namespaces the tag declares.
    package let declarationCount: Int
    private let attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    private let namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    private let sink: Unmanaged<StreamingSink>
    private let names: Unmanaged<XMLNameTable>

    init(
        localName: Int32, prefix: Int32, namespaceURI: Int32, line: Int, attributeCount: Int,
        attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, declarationCount: Int,
        namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, sink: StreamingSink, names: XMLNameTable
    ) {
        self.localName = localName
        self.prefix = prefix
        self.namespaceURI = namespaceURI
        self.line = line
        self.attributeCount = attributeCount
        self.attributes = attributes
        self.declarationCount = declarationCount
        self.namespaces = namespaces
        self.sink = .passUnretained(sink)
        self.names = .passUnretained(names)
    }

    /// An attribute: names as indices, the value as ``XMLStreamAttribute/value`` has it.
    package struct Attribute {
        package var localName: Int32
        package var prefix: Int32
        package var namespaceURI: Int32
        package var value: String
    }

    /// The attribute at `index` (`0..<attributeCount`), as ``XMLStreamElement/attributes``
    /// has it (attributes libxml2 reports without a name or value are skipped there: -1 names
    /// here, which no reader asks for).
    package func attribute(at index: Int) -> Attribute {
        let base = attributes.unsafelyUnwrapped + 5 * index
        guard let name = base[0], let start = base[3], let end = base[4] else {
            return Attribute(localName: -1, prefix: -1, namespaceURI: -1, value: "")
        }
        return sink._withUnsafeGuaranteedRef { sink in
            names._withUnsafeGuaranteedRef { names in
                Attribute(
                    localName: sink.nameIndex(name, in: names),
                    prefix: base[1].map { sink.nameIndex($0, in: names) } ?? -1,
                    namespaceURI: base[2].map { sink.nameIndex($0, in: names) } ?? -1,
                    value: PushSession.attributeValue(UnsafeBufferPointer(start: start, count: end - start))
                )
            }
        }
    }

    /// Whether the attribute at `index` is one ``XMLStreamElement/attributes`` lists.
    package func hasAttribute(at index: Int) -> Bool {
        let base = attributes.unsafelyUnwrapped + 5 * index
        return base[0] != nil && base[3] != nil && base[4] != nil
    }

    /// The namespace declaration at `index` (`0..<declarationCount`): the prefix (-1 for the
    /// default namespace) and the URI.
    package func declaration(at index: Int) -> (prefix: Int32, uri: Int32) {
        let prefix = namespaces.unsafelyUnwrapped[2 * index]
        let uri = namespaces.unsafelyUnwrapped[2 * index + 1]
        return sink._withUnsafeGuaranteedRef { sink in
            names._withUnsafeGuaranteedRef { names in
                (prefix.map { sink.nameIndex($0, in: names) } ?? -1, uri.map { sink.nameIndex($0, in: names) } ?? names.index(of: ""))
            }
        }
    }

    /// The value of the attribute `localName` in namespace `namespaceURI` (`nil`: in none).
    ///
    /// The names are compared first (lengths first), and only the value of the attribute found
    /// is made into a string: what comparing each ``attribute(at:)`` would give.
    package func attribute(_ localName: String, namespaceURI: String?) -> String? {
        guard let attributes else { return nil }
        return sink._withUnsafeGuaranteedRef { sink in
            names._withUnsafeGuaranteedRef { names in
                for k in 0..<attributeCount where hasAttribute(at: k) {
                    let base = attributes + 5 * k
                    // Whether it has a namespace first: a pointer against a name lookup (most
                    // attributes have none, and the `xml:` ones are asked for on every root).
                    guard (base[2] != nil) == (namespaceURI != nil),
                          names.name(sink.nameIndex(base[0]!, in: names), is: localName) else { continue }
                    if let namespaceURI {
                        guard names.name(sink.nameIndex(base[2]!, in: names), is: namespaceURI) else { continue }
                    }
                    return PushSession.attributeValue(UnsafeBufferPointer(start: base[3]!, count: base[4]! - base[3]!))
                }
                return nil
            }
        }
    }

    /// The start tag as the public events report it.
    package var element: XMLStreamElement {
        let names = names.takeUnretainedValue()
        var list: [XMLStreamAttribute] = []
        for k in 0..<attributeCount where hasAttribute(at: k) {
            let a = attribute(at: k)
            list.append(XMLStreamAttribute(localName: names[a.localName], prefix: names.optional(a.prefix), namespaceURI: names.optional(a.namespaceURI), value: a.value))
        }
        var declarations: [XMLNamespaceDeclaration] = []
        for k in 0..<declarationCount {
            let d = declaration(at: k)
            declarations.append(XMLNamespaceDeclaration(prefix: names.optional(d.prefix), uri: names[d.uri]))
        }
        return XMLStreamElement(
            localName: names[localName], prefix: names.optional(prefix), namespaceURI: names.optional(namespaceURI), attributes: list,
            line: line, namespaceDeclarations: declarations
        )
    }
}
