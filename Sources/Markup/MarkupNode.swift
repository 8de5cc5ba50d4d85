internal import CLibXML2

/// A node of a ``MarkupDocument``. It keeps its document alive.
public struct MarkupNode {
    /// What kind of node this is.
    public enum Kind: Sendable, Hashable {
        case element, text, comment, other
    }

    let pointer: xmlNodePtr
    /// The document this node belongs to.
    public let document: MarkupDocument

    init(_ pointer: xmlNodePtr, in document: MarkupDocument) {
        self.pointer = pointer
        self.document = document
    }

    public var kind: Kind {
        switch pointer.pointee.type {
        case XML_ELEMENT_NODE: .element
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE: .text
        case XML_COMMENT_NODE: .comment
        default: .other
        }
    }

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
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case " ", "\t", "\n", "\r", "\u{0C}", "\u{A0}", "\u{2007}", "\u{202F}", "\u{200B}", "\u{FEFF}":
                pendingSpace = !out.isEmpty
            default:
                if pendingSpace { out.unicodeScalars.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
