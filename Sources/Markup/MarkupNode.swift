internal import CLibXML2

/// A node of a ``MarkupDocument``. It keeps its document alive.
public struct MarkupNode {
    /// What kind of node this is.
    public enum Kind: Sendable, Hashable {
        /// An element (`<p>`, `<item>`).
        case element
        /// Text or a CDATA section.
        case text
        /// A comment (`<!-- … -->`).
        case comment
        /// Anything else: a processing instruction, an entity reference, the document node.
        case other
    }

    let pointer: xmlNodePtr
    /// The document this node belongs to.
    public let document: MarkupDocument

    init(_ pointer: xmlNodePtr, in document: MarkupDocument) {
        self.pointer = pointer
        self.document = document
    }

    /// What kind of node this is.
    public var kind: Kind {
        switch pointer.pointee.type {
        case XML_ELEMENT_NODE: .element
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE: .text
        case XML_COMMENT_NODE: .comment
        default: .other
        }
    }

    /// Whether the node is an element.
    public var isElement: Bool { pointer.pointee.type == XML_ELEMENT_NODE }

    /// The local name (`"item"` for `<atom:item>`). In HTML, lowercase.
    public var name: String {
        pointer.pointee.name.map { String(cString: $0) } ?? ""
    }

    /// The namespace URI, if the node is in one.
    public var namespaceURI: String? {
        pointer.pointee.ns?.pointee.href.map { String(cString: $0) }
    }

    /// The value of the attribute `name` (no namespace), or `nil`.
    public func attribute(_ name: String) -> String? {
        guard isElement else { return nil }
        return LibXML2.take(xmlGetProp(pointer, name))
    }

    /// The value of the attribute `name` in namespace `namespaceURI`, or `nil`.
    public func attribute(_ name: String, namespaceURI: String) -> String? {
        guard isElement else { return nil }
        return LibXML2.take(xmlGetNsProp(pointer, name, namespaceURI))
    }

    /// The value of the attribute `name` that is in no namespace (what the XPath `@name` selects), or `nil`.
    /// Unlike ``attribute(_:)``, it never gives a default value from a DTD.
    package func attributeWithoutNamespace(_ name: String) -> String? {
        guard isElement else { return nil }
        var attribute = pointer.pointee.properties
        while let a = attribute {
            if a.pointee.ns == nil, xmlStrEqual(a.pointee.name, name) != 0 {
                return LibXML2.take(xmlNodeGetContent(UnsafeMutableRawPointer(a).assumingMemoryBound(to: xmlNode.self))) ?? ""
            }
            attribute = a.pointee.next
        }
        return nil
    }

    /// All attributes as (name, value), in document order.
    public var attributes: [(name: String, value: String)] {
        guard isElement else { return [] }
        var result: [(String, String)] = []
        var attribute = pointer.pointee.properties
        while let a = attribute {
            let name = a.pointee.name.map { String(cString: $0) } ?? ""
            let value = LibXML2.take(xmlNodeGetContent(UnsafeMutableRawPointer(a).assumingMemoryBound(to: xmlNode.self))) ?? ""
            result.append((name, value))
            attribute = a.pointee.next
        }
        return result
    }

    /// Child nodes of every kind, in order.
    public var children: [MarkupNode] {
        var result: [MarkupNode] = []
        var child = pointer.pointee.children
        while let c = child {
            result.append(MarkupNode(c, in: document))
            child = c.pointee.next
        }
        return result
    }

    /// Child elements, in order.
    public var elementChildren: [MarkupNode] { children.filter(\.isElement) }

    /// The first child element with the given local name (and namespace, if given).
    public func firstChild(_ name: String, namespaceURI: String? = nil) -> MarkupNode? {
        var child = pointer.pointee.children
        while let c = child {
            let node = MarkupNode(c, in: document)
            if node.isElement, node.name == name, namespaceURI == nil || node.namespaceURI == namespaceURI { return node }
            child = c.pointee.next
        }
        return nil
    }

    /// All child elements with the given local name (and namespace, if given).
    public func children(_ name: String, namespaceURI: String? = nil) -> [MarkupNode] {
        elementChildren.filter { $0.name == name && (namespaceURI == nil || $0.namespaceURI == namespaceURI) }
    }

    /// The parent element; `nil` for the root element and for nodes whose parent is not an element.
    public var parent: MarkupNode? {
        guard let p = pointer.pointee.parent, p.pointee.type == XML_ELEMENT_NODE else { return nil }
        return MarkupNode(p, in: document)
    }

    /// All text below this node, as it is (entities resolved, no whitespace changes).
    public var textContent: String {
        LibXML2.take(xmlNodeGetContent(pointer)) ?? ""
    }

    /// The text below this node with runs of whitespace (including no-break spaces) collapsed
    /// to one space and trimmed.
    public var normalizedText: String { TextNormalizer.normalize(textContent) }

    /// The serialized markup of this node's children (for XML content that holds escaped HTML).
    public var innerMarkup: String {
        guard let buffer = xmlBufferCreate() else { return "" }
        defer { xmlBufferFree(buffer) }
        var child = pointer.pointee.children
        while let c = child {
            _ = xmlNodeDump(buffer, document.pointer, c, 0, 0)
            child = c.pointee.next
        }
        return xmlBufferContent(buffer).map { String(cString: $0) } ?? ""
    }

    /// The line the node starts on in the source (1-based), or 0 when unknown.
    public var line: Int { Int(xmlGetLineNo(pointer)) }

    /// An XPath that selects exactly this node, e.g. `/html/body/div[2]/ul/li[3]`; used as the
    /// locator in evidence.
    public var locator: String { LibXML2.take(xmlGetNodePath(pointer)) ?? "" }

    /// Evaluates `expression` with this node as the context node.
    public func select(_ expression: String, namespaces: [String: String] = [:]) throws(MarkupError) -> [MarkupNode] {
        try document.select(expression, namespaces: namespaces, from: self)
    }
}

/// Whitespace normalisation shared by every text accessor.
public enum TextNormalizer {
    /// Collapses runs of whitespace (space, tab, newlines, no-break space, zero-width space) to
    /// one space and trims both ends.
    public static func normalize(_ text: String) -> String {
        var text = text
        return text.withUTF8 { utf8 in
            if isNormalized(utf8) { return nil }
            return normalize(utf8: utf8)
        } ?? text
    }

    /// ``normalize(_:)`` of UTF-8 bytes (invalid sequences become U+FFFD, as in `String(decoding:as:)`).
    package static func normalize(utf8: UnsafeBufferPointer<UInt8>) -> String {
        guard !utf8.isEmpty else { return "" }
        return String(unsafeUninitializedCapacity: utf8.count) { out in
            var builder = NormalizingWriter(output: out)
            builder.append(utf8)
            return builder.count
        }
    }

    /// The length of the whitespace character (one of ``normalize(_:)``'s set) that starts at
    /// `i`, or 0 when the character there is not one of them.
    @inline(__always)
    package static func whitespaceLength(_ utf8: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let b = utf8[i]
        if b < 0x80 { return b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C ? 1 : 0 }
        let n = utf8.count
        switch b {
        case 0xC2:  // U+00A0
            return i + 1 < n && utf8[i + 1] == 0xA0 ? 2 : 0
        case 0xE2:  // U+2007, U+200B, U+202F
            guard i + 2 < n, utf8[i + 1] == 0x80 else { return 0 }
            let c = utf8[i + 2]
            return c == 0x87 || c == 0x8B || c == 0xAF ? 3 : 0
        case 0xEF:  // U+FEFF
            return i + 2 < n && utf8[i + 1] == 0xBB && utf8[i + 2] == 0xBF ? 3 : 0
        default:
            return 0
        }
    }

    /// `true` when `normalize` would give `utf8` back unchanged: no whitespace but single spaces
    /// between other characters.
    private static func isNormalized(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = utf8.count
        guard n > 0 else { return true }
        var previousSpace = true  // a space at the start is not normalised
        var i = 0
        while i < n {
            let b = utf8[i]
            if b == 0x20 {
                if previousSpace { return false }
                previousSpace = true
                i += 1
                continue
            }
            if b < 0x80 {
                if b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C { return false }
            } else if b == 0xC2 || b == 0xE2 || b == 0xEF, whitespaceLength(utf8, at: i) > 0 {
                return false
            }
            previousSpace = false
            i += 1
        }
        return !previousSpace
    }
}

/// Writes normalised text (see ``TextNormalizer/normalize(_:)``) into a buffer at least as
/// long as all the input appended: normalising never lengthens text.
struct NormalizingWriter {
    let output: UnsafeMutableBufferPointer<UInt8>
    private(set) var count = 0
    private var pendingSpace = false

    init(output: UnsafeMutableBufferPointer<UInt8>) {
        self.output = output
    }

    /// The single space that stands for a run of whitespace, once text follows it.
    @inline(__always)
    private mutating func writePendingSpace() {
        guard pendingSpace else { return }
        output[count] = 0x20
        count += 1
        pendingSpace = false
    }

    mutating func append(_ utf8: UnsafeBufferPointer<UInt8>) {
        let n = utf8.count
        var i = 0
        while i < n {
            let b = utf8[i]
            if b < 0x80 {
                if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C {
                    pendingSpace = count > 0
                } else {
                    writePendingSpace()
                    output[count] = b
                    count += 1
                }
                i += 1
                continue
            }
            let space = TextNormalizer.whitespaceLength(utf8, at: i)
            if space > 0 {
                pendingSpace = count > 0
                i += space
                continue
            }
            writePendingSpace()
            // Copy the whole sequence (lead byte and its continuation bytes).
            output[count] = b
            count += 1
            i += 1
            while i < n, utf8[i] & 0xC0 == 0x80 {
                output[count] = utf8[i]
                count += 1
                i += 1
            }
        }
    }
}

/// Normalised text (see ``TextNormalizer/normalize(_:)``) built from pieces: the same as
/// normalising the pieces joined, without joining them first.
package struct NormalizedTextBuilder {
    private var bytes: [UInt8] = []
    private var pendingSpace = false
    /// Whether some text came through ``append(_:)``, unchecked.
    private var mayBeIllFormed = false
    /// Space, tab, line feed, form feed, carriage return, as bits by code.
    private static let asciiWhitespace: UInt64 = 1 << 0x20 | 1 << 0x09 | 1 << 0x0A | 1 << 0x0C | 1 << 0x0D

    package init() {}

    /// `true` while nothing but whitespace has been appended.
    package var isEmpty: Bool { bytes.isEmpty }

    /// `true` when the eight bytes can be copied as they are inside a run, given that a space in
    /// the last of them is followed by a byte ``isPlain(_:)`` accepts (the caller checks that
    /// byte): none is a control character or the lead byte of a longer whitespace character
    /// (0xC2, 0xE2, 0xEF), and no space is followed by another among the eight.
    @inline(__always)
    private static func isPlainRun(_ word: UInt64) -> Bool {
        let high: UInt64 = 0x8080_8080_8080_8080, low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        // High bit set where a byte is below 0x20: 0x60 added to its low seven bits stays below 0x80.
        let control = ~(((word & low7) &+ 0x6060_6060_6060_6060) | word) & high
        @inline(__always) func zeroBytes(_ x: UInt64) -> UInt64 { ~(((x & low7) &+ low7) | x | low7) }
        // 0xC2 and 0xE2 differ only in bit 5: with it cleared, one comparison finds both (no
        // other byte becomes 0xC2).
        let leads = zeroBytes((word & 0xDFDF_DFDF_DFDF_DFDF) ^ 0xC2C2_C2C2_C2C2_C2C2) | zeroBytes(word ^ 0xEFEF_EFEF_EFEF_EFEF)
        let spaces = zeroBytes(word ^ 0x2020_2020_2020_2020)
        let doubled = spaces & (spaces >> 8)
        return (control | leads | doubled) == 0
    }

    /// A byte that cannot begin whitespace of ``TextNormalizer``'s set (0xC2, 0xE2 and 0xEF may).
    @inline(__always)
    private static func isPlain(_ c: UInt8) -> Bool {
        c < 0x40 ? (asciiWhitespace >> UInt64(c)) & 1 == 0 : c != 0xC2 && c != 0xE2 && c != 0xEF
    }

    /// Appends UTF-8 text.
    package mutating func append(_ utf8: UnsafeBufferPointer<UInt8>) {
        mayBeIllFormed = true
        appendNormalized(utf8)
    }

    /// Appends text the caller knows to be well-formed UTF-8: while all of it is, ``string``
    /// does not check it again. (Normalising keeps it well-formed: it drops whole whitespace
    /// characters, adds ASCII spaces and copies the rest in runs that end where a character
    /// starts.)
    package mutating func append(wellFormed utf8: UnsafeBufferPointer<UInt8>) {
        appendNormalized(utf8)
    }

    /// Appends well-formed text that the caller knows to be plain: its only whitespace is
    /// single spaces (U+0020, never two together), and it has no byte 0xC2, 0xE2 or 0xEF (which
    /// may begin wider whitespace). Normalising such text leaves it as it is but for a space at
    /// either end, so it is copied in one piece: the same bytes as ``append(wellFormed:)``, which
    /// would take the same runs eight bytes at a time.
    package mutating func append(plain utf8: UnsafeBufferPointer<UInt8>) {
        guard var start = utf8.baseAddress, !utf8.isEmpty else { return }
        var end = start + utf8.count
        // A space at the start is owed as the general rule owes it, after the text so far.
        if start.pointee == 0x20 {
            pendingSpace = !bytes.isEmpty
            start += 1
            if start == end { return }
        }
        let spaceAtEnd = (end - 1).pointee == 0x20
        if spaceAtEnd { end -= 1 }
        if pendingSpace { bytes.append(0x20) }
        bytes.append(contentsOf: UnsafeBufferPointer(start: start, count: end - start))
        // (The text so far is not empty now.)
        pendingSpace = spaceAtEnd
    }

    private mutating func appendNormalized(_ utf8: UnsafeBufferPointer<UInt8>) {
        let n = utf8.count
        var i = 0
        while i < n {
            let b = utf8[i]
            let space = b < 0x80
                ? (b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C ? 1 : 0)
                : TextNormalizer.whitespaceLength(utf8, at: i)
            if space > 0 {
                pendingSpace = !bytes.isEmpty
                i += space
                continue
            }
            if pendingSpace {
                bytes.append(0x20)
                pendingSpace = false
            }
            // The run up to the next byte that may start whitespace, taking in single spaces
            // between other bytes (normalising leaves them as they are): eight bytes at a time
            // while they are plain, then byte by byte.
            let start = i
            i += 1
            scan: while i < n {
                var end = n
                if i + 8 <= n {
                    let word = UnsafeRawPointer(utf8.baseAddress! + i).loadUnaligned(as: UInt64.self)
                    // (A space in the last of the eight needs a plain byte after it, not the end.)
                    if Self.isPlainRun(word), utf8[i + 7] != 0x20 || i + 8 < n && Self.isPlain(utf8[i + 8]) {
                        i += 8
                        continue
                    }
                    end = i + 8
                }
                while i < end {
                    let c = utf8[i]
                    if c == 0x20, i + 1 < n, Self.isPlain(utf8[i + 1]) {
                        i += 2
                        continue
                    }
                    if !Self.isPlain(c) { break scan }
                    i += 1
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i]))
        }
    }

    /// The text so far (without a trailing space).
    package var string: String {
        mayBeIllFormed ? String(decodingUTF8: bytes) : String(wellFormedUTF8: bytes)
    }
}

extension NormalizedTextBuilder {
    /// How many bytes the text has so far: a mark for ``string(since:)``.
    package var byteCount: Int { bytes.count }

    /// The text appended since the text had `mark` bytes: what a builder given only what was
    /// appended since then would hold, provided the text was not emptied in between. (The bytes
    /// from the mark on are that text, but for the single space that separates it from the text
    /// before the mark, written before its first byte: normalised text never starts with a space.)
    package func string(since mark: Int) -> String {
        var start = mark
        if start < bytes.count, bytes[start] == 0x20 { start += 1 }
        return bytes[start...].withUnsafeBufferPointer { slice in
            mayBeIllFormed ? String(decodingUTF8: slice) : String(wellFormedUTF8: slice)
        }
    }

    /// Empties the builder, keeping its storage for the next text.
    package mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        pendingSpace = false
        mayBeIllFormed = false
    }
}
