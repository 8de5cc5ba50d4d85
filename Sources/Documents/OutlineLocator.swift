/// A locator as an outline's sections, blocks, items, rows and links keep it: the string itself,
/// or an element of a page's ``LocatorTable``, whose XPath is written only when asked for (the
/// main text never asks; a page of 10 MB has some 78,000 locators).
///
/// Equal, and hashed, as the strings they stand for.
struct StoredLocator: Sendable, Hashable {
    private enum Form {
        case text(String)
        case element(LocatorTable, Int32)
    }

    private let form: Form

    init(_ text: String) {
        form = .text(text)
    }

    /// The locator of `element` of `table` (recorded there with its ancestors).
    init(element: Int32, in table: LocatorTable) {
        form = .element(table, element)
    }

    /// The XPath.
    var string: String {
        switch form {
        case let .text(text): text
        case let .element(table, element): table.path(of: element)
        }
    }

    /// `string.isEmpty`, without writing it.
    var isEmpty: Bool {
        switch form {
        case let .text(text): text.isEmpty
        case let .element(table, element): table.isEmptyPath(element)
        }
    }

    static func == (a: StoredLocator, b: StoredLocator) -> Bool {
        if case let .element(tableA, elementA) = a.form, case let .element(tableB, elementB) = b.form,
           tableA === tableB, elementA == elementB {
            return true
        }
        return a.string == b.string
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(string)
    }
}

/// The locators of a page's elements, kept as steps and written when asked for: for each element
/// recorded, its parent and its step (`div`, `p[3]`), so that a locator is the root's, then each
/// step from the root down, each after a `/`, as `xmlGetNodePath` writes them.
///
/// The reader records elements while it builds the outline and never afterwards: once the
/// outline is returned the table is only read, from any thread (hence `@unchecked Sendable`).
/// Its stored properties skip Swift's run-time exclusivity checks for the same reason (written
/// by one thread before anyone reads; then only read), as ``PageTree``'s do.
final class LocatorTable: @unchecked Sendable {
    /// The locator of the root element (the mirrored node's).
    let rootLocator: String
    /// The tag names as libxml2 holds them, UTF-8, by tag index.
    private let tagNames: [[UInt8]]
    /// Per element: its parent, ``root`` for the root, ``unrecorded`` until recorded.
    @exclusivity(unchecked) private var parents: [Int32]
    /// Per element recorded: its tag, or -1 when its step is in ``namespacedSteps``.
    @exclusivity(unchecked) private var tags: [Int32]
    /// Per element recorded: the index its step writes (`[3]`), 0 for none.
    @exclusivity(unchecked) private var indexes: [Int32]
    /// The steps of elements in a namespace (`atom:entry[2]`, `*[3]`), written by the document.
    @exclusivity(unchecked) private var namespacedSteps: [Int32: [UInt8]] = [:]

    static let root: Int32 = -1
    static let unrecorded: Int32 = -2

    init(elementCount: Int, tagNames: [String], rootLocator: String) {
        self.rootLocator = rootLocator
        self.tagNames = tagNames.map { Array($0.utf8) }
        parents = Array(repeating: Self.unrecorded, count: elementCount)
        tags = Array(repeating: 0, count: elementCount)
        indexes = Array(repeating: 0, count: elementCount)
    }

    func isRecorded(_ element: Int32) -> Bool { parents[Int(element)] != Self.unrecorded }

    func recordRoot(_ element: Int32) {
        parents[Int(element)] = Self.root
    }

    func record(_ element: Int32, parent: Int32, tag: Int32, index: Int) {
        parents[Int(element)] = parent
        tags[Int(element)] = tag
        indexes[Int(element)] = Int32(truncatingIfNeeded: index)
    }

    func record(_ element: Int32, parent: Int32, namespacedStep: String) {
        parents[Int(element)] = parent
        tags[Int(element)] = -1
        namespacedSteps[element] = Array(namespacedStep.utf8)
    }

    /// `path(of: element).isEmpty`: only the root's path can be empty.
    func isEmptyPath(_ element: Int32) -> Bool {
        parents[Int(element)] == Self.root && rootLocator.isEmpty
    }

    /// The locator of a recorded element: the root's, then `/` and each step from the root down
    /// (one string, written at once).
    func path(of element: Int32) -> String {
        var chain: [Int32] = []
        var e = element
        while parents[Int(e)] >= 0 {
            chain.append(e)
            e = parents[Int(e)]
        }
        if chain.isEmpty { return rootLocator }
        var root = rootLocator
        return root.withUTF8 { rootBytes in
            var length = rootBytes.count
            for e in chain { length += 1 + stepLength(e) }
            return String(unsafeUninitializedCapacity: length) { out in
                var i = 0
                func put(_ bytes: UnsafeBufferPointer<UInt8>) {
                    if let base = bytes.baseAddress { (out.baseAddress! + i).update(from: base, count: bytes.count) }
                    i += bytes.count
                }
                put(rootBytes)
                for e in chain.reversed() {
                    out[i] = 0x2F  // "/"
                    i += 1
                    let tag = tags[Int(e)]
                    if tag < 0 {
                        namespacedSteps[e]!.withUnsafeBufferPointer(put)
                        continue
                    }
                    tagNames[Int(tag)].withUnsafeBufferPointer(put)
                    let index = Int(indexes[Int(e)])
                    if index > 0 {
                        out[i] = 0x5B  // "["
                        let digits = Self.digitCount(index)
                        var rest = index
                        for k in stride(from: digits, through: 1, by: -1) {
                            out[i + k] = UInt8(truncatingIfNeeded: 0x30 + rest % 10)
                            rest /= 10
                        }
                        out[i + digits + 1] = 0x5D  // "]"
                        i += digits + 2
                    }
                }
                return i
            }
        }
    }

    /// The bytes of an element's step.
    private func stepLength(_ element: Int32) -> Int {
        let tag = tags[Int(element)]
        if tag < 0 { return namespacedSteps[element]!.count }
        let index = Int(indexes[Int(element)])
        return tagNames[Int(tag)].count + (index > 0 ? Self.digitCount(index) + 2 : 0)
    }

    private static func digitCount(_ n: Int) -> Int {
        var digits = 1
        var rest = n
        while rest >= 10 {
            rest /= 10
            digits += 1
        }
        return digits
    }
}
