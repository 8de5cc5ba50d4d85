internal import CLibXML2

/// Receives a document's elements and text in document order: what ``StreamingXMLReader``
/// reports as ``XMLStreamEvent``s, or what ``MarkupNode/replay(into:)`` reports for a parsed
/// tree. Code written against it reads a streamed document and a parsed one alike.
public protocol XMLEventHandler {
    /// An element starts. Return `false` when what it holds is not needed: a tree replay then
    /// skips it (its end is still reported); a stream cannot skip, so the handler ignores it.
    mutating func startElement(_ element: XMLStreamElement) -> Bool
    /// The innermost open element ends.
    mutating func endElement()
    /// Character data (entities and character references resolved, CDATA sections included).
    /// Text is reported whole between two tags: comments and processing instructions inside
    /// it are left out and do not split it.
    mutating func text(_ text: String)
    /// Whether text at this point is needed: when `false`, a tree replay does not make the
    /// string (the white space between a feed's items, say). A stream reports text anyway.
    var wantsText: Bool { get }
}

extension XMLEventHandler {
    /// Text is always wanted unless a handler says otherwise.
    public var wantsText: Bool { true }
}

extension MarkupNode {
    /// Reports this element and everything below it to `handler`, as ``StreamingXMLReader``
    /// reports the same markup: the same names, prefixes, namespaces, attributes, namespace
    /// declarations and line numbers, text joined between tags, comments and processing
    /// instructions left out. Does nothing for a node that is not an element.
    public func replay(into handler: inout some XMLEventHandler) {
        guard isElement else { return }
        var names = ReplayNames()
        guard handler.startElement(names.element(pointer)) else {
            handler.endElement()
            return
        }
        var open: [xmlNodePtr] = [pointer]
        var child = pointer.pointee.children
        var pending: String?
        while let parent = open.last {
            guard let node = child else {
                if let text = pending { handler.text(text); pending = nil }
                handler.endElement()
                open.removeLast()
                child = parent.pointee.next
                continue
            }
            switch node.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = node.pointee.content, content.pointee != 0, pending != nil || handler.wantsText {
                    if pending == nil { pending = String(cString: content) } else { pending! += String(cString: content) }
                }
                child = node.pointee.next
            case XML_ELEMENT_NODE:
                if let text = pending { handler.text(text); pending = nil }
                if handler.startElement(names.element(node)) {
                    open.append(node)
                    child = node.pointee.children
                } else {
                    handler.endElement()
                    child = node.pointee.next
                }
            default:
                // Comments, processing instructions, references to undefined entities: the
                // streaming reader reports none of them.
                child = node.pointee.next
            }
        }
    }
}

/// Strings for names and namespace URIs during one replay. libxml2 keeps one copy of each
/// name in its dictionary, so a string is made once per distinct name, not once per element.
private struct ReplayNames {
    private var uris: [(pointer: UnsafePointer<xmlChar>, string: String)] = []
    private var names = NameCache()

    mutating func uri(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        guard let pointer else { return nil }
        for entry in uris where entry.pointer == pointer { return entry.string }
        let string = String(cString: pointer)
        if uris.count < 16 { uris.append((pointer, string)) }
        return string
    }

    mutating func name(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        return names.string(pointer)
    }

    mutating func element(_ node: xmlNodePtr) -> XMLStreamElement {
        let ns = node.pointee.ns
        var attributes: [XMLStreamAttribute] = []
        var attribute = node.pointee.properties
        while let a = attribute {
            let value: String
            if let text = a.pointee.children, text.pointee.next == nil, text.pointee.type == XML_TEXT_NODE, let content = text.pointee.content {
                value = String(cString: content)
            } else {
                value = LibXML2.take(xmlNodeGetContent(UnsafeMutableRawPointer(a).assumingMemoryBound(to: xmlNode.self))) ?? ""
            }
            attributes.append(XMLStreamAttribute(
                localName: name(a.pointee.name),
                prefix: a.pointee.ns?.pointee.prefix.map { String(cString: $0) },
                namespaceURI: uri(a.pointee.ns?.pointee.href),
                value: value
            ))
            attribute = a.pointee.next
        }
        var declarations: [XMLNamespaceDeclaration] = []
        var declaration = node.pointee.nsDef
        while let d = declaration {
            declarations.append(XMLNamespaceDeclaration(prefix: d.pointee.prefix.map { String(cString: $0) }, uri: uri(d.pointee.href) ?? ""))
            declaration = d.pointee.next
        }
        return XMLStreamElement(
            localName: name(node.pointee.name),
            prefix: ns?.pointee.prefix.map { String(cString: $0) },
            namespaceURI: uri(ns?.pointee.href),
            attributes: attributes,
            line: Int(xmlGetLineNo(node)),
            namespaceDeclarations: declarations
        )
    }
}

/// Values for C strings that stay at one address while the cache is used (libxml2's
/// dictionary of names): a table by address, open (linear probing), at most half full.
///
/// A hit costs a multiplication and, mostly, one comparison. (A list of 32 addresses searched
/// in order came first, then a direct-mapped table: a context kept from one document to the
/// next holds the names of every document read with it, and a hit in the full list cost a
/// hundred instructions a name.)
struct AddressCache<Value> {
    private struct Entry {
        var key: UnsafeRawPointer?
        var value: Value?
    }

    private var entries: [Entry] = []
    private var count = 0

    /// The most addresses held (in a table of twice as many slots): a cache that would hold more
    /// starts over (hostile input with ever new names). So a cache keeps at most 4,096 slots:
    /// 64 KB for name indices (the cache a kept parser context lends to each read), 96 KB for
    /// strings (a sink's, emptied when the sink is restarted).
    static var maximumAddresses: Int { 2048 }

    /// Whether nothing is cached (as a new cache).
    var isEmpty: Bool { count == 0 }

    /// The value for the string at `pointer`, made by `make` when it is not cached; `keeps`
    /// says whether it may be cached (the string stays at that address as long as the cache is
    /// used).
    mutating func value(
        _ pointer: UnsafePointer<UInt8>, keeps: (UnsafePointer<UInt8>) -> Bool, make: (UnsafePointer<UInt8>) -> Value
    ) -> Value {
        let raw = UnsafeRawPointer(pointer)
        let slot = entries.withUnsafeBufferPointer { entries -> Int in
            guard !entries.isEmpty else { return -1 }
            let mask = entries.count - 1
            var slot = Self.hash(raw) & mask
            // At most half full: an empty slot ends every search.
            while let key = entries[slot].key {
                if key == raw { return slot }
                slot = (slot + 1) & mask
            }
            return ~slot
        }
        if slot >= 0, let value = entries[slot].value { return value }
        let value = make(pointer)
        guard keeps(pointer) else { return value }
        insert(raw, value, at: slot)
        return value
    }

    /// Adds `key` (not held) at the empty slot `~slot` a search ended at (-1: no table yet).
    private mutating func insert(_ key: UnsafeRawPointer, _ value: Value, at slot: Int) {
        var slot = ~slot
        if count == Self.maximumAddresses {
            removeAll()
            slot = place(key)
        } else if 2 * (count + 1) > entries.count {
            grow()
            slot = place(key)
        }
        entries[slot] = Entry(key: key, value: value)
        count += 1
    }

    /// The empty slot for `key` (not held).
    private func place(_ key: UnsafeRawPointer) -> Int {
        let mask = entries.count - 1
        var slot = Self.hash(key) & mask
        while entries[slot].key != nil { slot = (slot + 1) & mask }
        return slot
    }

    private mutating func grow() {
        let old = entries
        entries = Array(repeating: Entry(key: nil, value: nil), count: max(64, 2 * old.count))
        for entry in old where entry.key != nil { entries[place(entry.key!)] = entry }
    }

    /// Spreads the address over the bits the table uses (names are packed in libxml2's pools,
    /// a few bytes apart).
    private static func hash(_ key: UnsafeRawPointer) -> Int {
        Int(truncatingIfNeeded: (UInt(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15) >> 40)
    }

    /// Forgets every address.
    mutating func removeAll() {
        guard count > 0 else { return }
        for k in entries.indices { entries[k] = Entry(key: nil, value: nil) }
        count = 0
    }
}

/// Strings for the names in libxml2's dictionary (see ``AddressCache``).
typealias NameCache = AddressCache<String>

extension AddressCache<String> {
    /// The string at `pointer`; `keeps` as in ``value(_:keeps:make:)``.
    mutating func string(_ pointer: UnsafePointer<UInt8>, keeps: (UnsafePointer<UInt8>) -> Bool = { _ in true }) -> String {
        value(pointer, keeps: keeps) { String(cString: $0) }
    }
}
