import Foundation
internal import CLibXML2

/// Receives the elements and texts of a subtree, in document order, from
/// ``MarkupNode/walk(_:)``: one pass over the parsed tree without a Swift value per node.
package protocol MarkupTreeVisitor {
    /// An element starts. Return `false` to skip its subtree (no ``leaveElement()`` follows).
    /// `element` is valid only during the call.
    mutating func enterElement(_ element: borrowing MarkupWalkElement) -> Bool
    /// The element last entered (and not skipped) ends.
    mutating func leaveElement()
    /// The content of a text or CDATA node, UTF-8 as libxml2 holds it, valid only during the call.
    mutating func text(_ utf8: UnsafeBufferPointer<UInt8>)
}

/// An element met by ``MarkupNode/walk(_:)``. Valid only during the ``MarkupTreeVisitor``
/// call that receives it.
package struct MarkupWalkElement {
    let pointer: xmlNodePtr
    unowned(unsafe) let document: MarkupDocument

    /// The element's name as libxml2 holds it (for HTML: lowercase ASCII letters), UTF-8.
    package var name: UnsafeBufferPointer<UInt8> {
        guard let name = pointer.pointee.name else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: name, count: byteCount(name))
    }

    /// The element's name, UTF-8 and NUL-terminated (`nil` for none), valid during the call.
    package var namePointer: UnsafePointer<UInt8>? { pointer.pointee.name.map { UnsafePointer($0) } }

    /// `true` when the element is in a namespace (never for HTML parsed as HTML).
    package var hasNamespace: Bool { pointer.pointee.ns != nil }

    /// Calls `body` with each attribute, in document order, as ``MarkupNode/attributes`` lists
    /// them; each is valid only during the call.
    package func forEachAttribute(_ body: (_ attribute: MarkupWalkAttribute) -> Void) {
        var attribute = pointer.pointee.properties
        while let a = attribute {
            attribute = a.pointee.next
            body(MarkupWalkAttribute(pointer: a))
        }
    }

    /// The element as a node (for what the walk does not give).
    package var node: MarkupNode { MarkupNode(pointer, in: document) }

    /// An identifier of the element that ``MarkupDocument/node(_:)`` turns back into a node.
    package var id: MarkupNodeID { MarkupNodeID(pointer: UnsafeMutableRawPointer(pointer)) }
}

/// An attribute met by ``MarkupWalkElement/forEachAttribute(_:)``. Its value is looked up only
/// when asked for, as most attributes are passed over by name.
package struct MarkupWalkAttribute {
    let pointer: xmlAttrPtr

    /// The name, UTF-8 and NUL-terminated (`nil` for none), valid during the call.
    package var name: UnsafePointer<UInt8>? { pointer.pointee.name.map { UnsafePointer($0) } }

    /// Calls `body` with the value, UTF-8, as xmlNodeGetContent gives it: the one text child as it
    /// is, or the children's text joined.
    package func withValue<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let child = pointer.pointee.children, child.pointee.next == nil,
           child.pointee.type == XML_TEXT_NODE || child.pointee.type == XML_CDATA_SECTION_NODE {
            let content = child.pointee.content
            return body(UnsafeBufferPointer(start: content, count: content.map { byteCount($0) } ?? 0))
        }
        if pointer.pointee.children == nil { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        let value = xmlNodeGetContent(UnsafeMutableRawPointer(pointer).assumingMemoryBound(to: xmlNode.self))
        defer { if let value { rus_xml_free(value) } }
        return body(UnsafeBufferPointer(start: value, count: value.map { byteCount($0) } ?? 0))
    }
}

/// Names a node of one ``MarkupDocument`` without keeping the document alive: cheaper to keep
/// than a ``MarkupNode`` when there are many. Only the document it came from can resolve it.
package struct MarkupNodeID: Hashable {
    let pointer: UnsafeMutableRawPointer
}

extension MarkupDocument {
    /// The node `id` names. `id` must come from a walk over this document.
    package func node(_ id: MarkupNodeID) -> MarkupNode {
        MarkupNode(id.pointer.assumingMemoryBound(to: xmlNode.self), in: self)
    }
}

extension MarkupNode {
    /// Walks this element and everything below it in document order: ``MarkupTreeVisitor/enterElement(_:)``
    /// for each element (this one first), ``MarkupTreeVisitor/text(_:)`` for each text and CDATA
    /// node, ``MarkupTreeVisitor/leaveElement()`` when an entered element ends. Comments,
    /// processing instructions and entity references are passed over. Iterative: any depth.
    package func walk(_ visitor: inout some MarkupTreeVisitor) {
        guard isElement else { return }
        guard visitor.enterElement(MarkupWalkElement(pointer: pointer, document: document)) else { return }
        // The next child to visit of each element entered (a buffer of its own: the loop runs once
        // per node of the page).
        var capacity = 64
        var stack = UnsafeMutablePointer<xmlNodePtr?>.allocate(capacity: capacity)
        defer { stack.deallocate() }
        stack[0] = pointer.pointee.children
        var top = 0
        while top >= 0 {
            guard let child = stack[top] else {
                top -= 1
                visitor.leaveElement()
                continue
            }
            stack[top] = child.pointee.next
            switch child.pointee.type {
            case XML_ELEMENT_NODE:
                if visitor.enterElement(MarkupWalkElement(pointer: child, document: document)) {
                    top += 1
                    if top == capacity {
                        let grown = UnsafeMutablePointer<xmlNodePtr?>.allocate(capacity: capacity * 2)
                        grown.update(from: stack, count: capacity)
                        stack.deallocate()
                        stack = grown
                        capacity *= 2
                    }
                    stack[top] = child.pointee.children
                }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                let content = child.pointee.content
                visitor.text(UnsafeBufferPointer(start: content, count: content.map { byteCount($0) } ?? 0))
            default:
                continue
            }
        }
    }
}

extension MarkupNode {
    /// Calls `body` with each child element, in order, until it returns `false`: a look at the
    /// children without a ``MarkupNode`` (and a name string) for each.
    package func forEachChildElement(_ body: (borrowing MarkupWalkElement) -> Bool) {
        var child = pointer.pointee.children
        while let c = child {
            child = c.pointee.next
            if c.pointee.type == XML_ELEMENT_NODE, !body(MarkupWalkElement(pointer: c, document: document)) { return }
        }
    }
}

extension MarkupWalkElement {
    /// `true` when the element's name is `name` (ASCII) and it is in no namespace: the XPath
    /// name test `name`.
    package func isNamed(_ name: StaticString) -> Bool {
        guard pointer.pointee.ns == nil, let own = pointer.pointee.name else { return false }
        let expected = name.utf8Start
        for i in 0..<name.utf8CodeUnitCount where own[i] != expected[i] { return false }
        return own[name.utf8CodeUnitCount] == 0
    }
}

extension MarkupDocument {
    /// The element children of the element `parent`, in order, each with the index its step of
    /// ``MarkupNode/locator`` writes after its name (`div[3]`), 0 for none: counted once for all
    /// siblings, where `xmlGetNodePath` counts them anew for each node.
    package func locatorIndexes(ofChildrenOf parent: MarkupNodeID) -> [(id: MarkupNodeID, index: Int)] {
        let node = parent.pointer.assumingMemoryBound(to: xmlNode.self)
        var counter = LocatorIndexes()
        let base = counter.push(childrenOf: node)
        var result: [(id: MarkupNodeID, index: Int)] = []
        result.reserveCapacity(counter.indexes.count - base)
        var position = base
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE {
                result.append((MarkupNodeID(pointer: UnsafeMutableRawPointer(c)), counter.indexes[position]))
                position += 1
            }
            child = c.pointee.next
        }
        return result
    }

    /// The step of ``MarkupNode/locator`` for the element `id` whose locator index is `index`
    /// (from ``locatorIndexes(ofChildrenOf:)``): `div`, `div[2]`, `atom:entry[3]`, `*[4]`.
    package func locatorStep(of id: MarkupNodeID, index: Int) -> String {
        let node = id.pointer.assumingMemoryBound(to: xmlNode.self)
        var name = node.pointee.name.map { String(cString: $0) } ?? ""
        if let ns = node.pointee.ns {
            if let prefix = ns.pointee.prefix {
                // xmlGetNodePath writes prefix:name into a buffer of 100 bytes.
                name = String(decoding: Array((String(cString: prefix) + ":" + name).utf8).prefix(98), as: UTF8.self)
            } else {
                name = "*"
            }
        }
        return index > 0 ? "\(name)[\(index)]" : name
    }
}

/// The locator indexes of sibling elements, by the rules of libxml2's `xmlGetNodePath`: an
/// element is numbered among its siblings of the same name and namespace prefix (an element in
/// a default namespace, written `*`, among all its sibling elements), and only when it has such
/// siblings. `xmlGetNodePath` counts the siblings anew for every node, which is quadratic in the
/// number of siblings; here each list of children is counted once.
struct LocatorIndexes {
    /// Per element child of each list pushed and not popped, in order: its locator index (0: none).
    private(set) var indexes: [Int] = []
    /// The distinct (name, namespace) keys of the list being counted.
    private var keys: [(name: UnsafePointer<xmlChar>?, ns: xmlNsPtr?, total: Int, running: Int)] = []
    /// Beyond this many distinct names, keys are found by hashing.
    private static let linearKeys = 16
    private var keyIndex: [[UInt8]: Int] = [:]

    init() {}

    /// Counts the element children of `parent`; returns where their indexes start.
    mutating func push(childrenOf parent: xmlNodePtr) -> Int {
        let base = indexes.count
        var child = parent.pointee.children
        // The common cases first: no element child, or one.
        var elements = 0
        var first: xmlNodePtr?
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE {
                elements += 1
                if first == nil { first = c } else { break }
            }
            child = c.pointee.next
        }
        if elements == 0 { return base }
        if elements == 1 {
            indexes.append(0)
            return base
        }
        keys.removeAll(keepingCapacity: true)
        if !keyIndex.isEmpty { keyIndex.removeAll(keepingCapacity: true) }
        elements = 0
        child = first
        while let c = child {
            child = c.pointee.next
            guard c.pointee.type == XML_ELEMENT_NODE else { continue }
            elements += 1
            if let ns = c.pointee.ns, ns.pointee.prefix == nil {
                indexes.append(-1)  // default namespace: numbered among all elements
            } else {
                let slot = slot(for: c)
                keys[slot].total += 1
                indexes.append(slot)
            }
        }
        var position = 0
        for i in base..<indexes.count {
            position += 1
            let slot = indexes[i]
            if slot < 0 {
                indexes[i] = elements > 1 ? position : 0
            } else {
                keys[slot].running += 1
                indexes[i] = keys[slot].total > 1 ? keys[slot].running : 0
            }
        }
        return base
    }

    /// Forgets the lists pushed since `base`.
    mutating func pop(to base: Int) {
        indexes.removeSubrange(base...)
    }

    /// The key of an element not in a default namespace: its name, and its namespace's prefix
    /// (elements without a namespace and those with a prefix are never counted together).
    private mutating func slot(for node: xmlNodePtr) -> Int {
        let name = node.pointee.name.map { UnsafePointer($0) }
        let ns = node.pointee.ns
        if keys.count < Self.linearKeys {
            for (i, key) in keys.enumerated() where Self.sameName(key.name, name) && Self.sameNamespace(key.ns, ns) {
                return i
            }
            keys.append((name, ns, 0, 0))
            if keys.count == Self.linearKeys {
                for (i, key) in keys.enumerated() { keyIndex[Self.hashKey(key.name, key.ns)] = i }
            }
            return keys.count - 1
        }
        let hashKey = Self.hashKey(name, ns)
        if let i = keyIndex[hashKey] { return i }
        keys.append((name, ns, 0, 0))
        keyIndex[hashKey] = keys.count - 1
        return keys.count - 1
    }

    /// xmlStrEqual, with the first byte compared before calling it.
    @inline(__always)
    private static func sameName(_ a: UnsafePointer<xmlChar>?, _ b: UnsafePointer<xmlChar>?) -> Bool {
        if let a, let b, a.pointee != b.pointee { return false }
        return xmlStrEqual(a, b) != 0
    }

    /// As `xmlGetNodePath` compares them: the same namespace, or both with the same prefix.
    private static func sameNamespace(_ a: xmlNsPtr?, _ b: xmlNsPtr?) -> Bool {
        if a == b { return true }
        guard let a, let b else { return false }
        return xmlStrEqual(a.pointee.prefix, b.pointee.prefix) != 0
    }

    /// The key as bytes: without a namespace `0, name`; with a prefix `1, name, 0, prefix`.
    private static func hashKey(_ name: UnsafePointer<xmlChar>?, _ ns: xmlNsPtr?) -> [UInt8] {
        var key: [UInt8] = [ns == nil ? 0 : 1]
        if let name { key += UnsafeBufferPointer(start: name, count: byteCount(name)) }
        if let prefix = ns?.pointee.prefix {
            key.append(0)
            key += UnsafeBufferPointer(start: prefix, count: byteCount(prefix))
        }
        return key
    }
}

/// The length of a libxml2 string.
@inline(__always)
func byteCount(_ string: UnsafePointer<xmlChar>) -> Int {
    strlen(UnsafeRawPointer(string).assumingMemoryBound(to: CChar.self))
}
