/// Words of class and id names (lowercase ASCII) looked up as packed integers rather than as
/// strings: the main-content finder reads the class of every element of a page, and hashing a
/// string per word costs more than the rest of reading it.
struct PackedWord: Equatable {
    /// The first 16 bytes, little-endian, zero-padded.
    var low: UInt64 = 0
    var high: UInt64 = 0
    /// The length of the whole word (which may be longer than 16 bytes).
    var count = 0

    private init(low: UInt64, high: UInt64, count: Int) {
        self.low = low
        self.high = high
        self.count = count
    }

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        count = bytes.count
        for i in 0..<min(bytes.count, 16) {
            if i < 8 { low |= UInt64(bytes[i]) << UInt64(8 * i) } else { high |= UInt64(bytes[i]) << UInt64(8 * (i - 8)) }
        }
    }

    /// The word of `count` bytes at `start`, where `readable` bytes (at least `count`) may be
    /// read: with 16 readable bytes, two loads instead of a loop.
    @inline(__always)
    init(_ start: UnsafePointer<UInt8>, count: Int, readable: Int) {
        guard readable >= 16 else {
            self.init(UnsafeBufferPointer(start: start, count: count))
            return
        }
        var low = UnsafeRawPointer(start).loadUnaligned(as: UInt64.self).littleEndian
        var high = UnsafeRawPointer(start + 8).loadUnaligned(as: UInt64.self).littleEndian
        if count < 8 {
            low &= (1 << UInt64(8 * count)) - 1
            high = 0
        } else if count < 16 {
            high &= (1 << UInt64(8 * (count - 8))) - 1
        }
        self.init(low: low, high: high, count: count)
    }

    init(_ text: String) {
        var text = text
        self = text.withUTF8 { PackedWord($0) }
    }

    /// `true` when the word starts with `prefix` (a prefix of at most 16 bytes).
    @inline(__always)
    func starts(with prefix: PackedPrefix) -> Bool {
        count >= prefix.count && low & prefix.lowMask == prefix.word.low && high & prefix.highMask == prefix.word.high
    }
}

/// A prefix of at most 16 bytes, with the masks that cut a ``PackedWord`` to its length.
struct PackedPrefix {
    let word: PackedWord
    let lowMask: UInt64
    let highMask: UInt64
    var count: Int { word.count }

    init(_ text: String) {
        word = PackedWord(text)
        precondition(word.count <= 16, "prefix longer than 16 bytes: \(text)")
        let n = word.count
        lowMask = n >= 8 ? ~0 : (1 << UInt64(8 * n)) - 1
        highMask = n <= 8 ? 0 : n >= 16 ? ~0 : (1 << UInt64(8 * (n - 8))) - 1
    }
}

/// A set of words of at most 16 bytes, by their packed form.
struct PackedWordSet {
    private let slots: [PackedWord?]
    private let mask: Int

    init(_ words: some Sequence<String>) {
        let packed = words.map(PackedWord.init(_:))
        precondition(packed.allSatisfy { $0.count <= 16 }, "word longer than 16 bytes")
        var size = 16
        while size < packed.count * 4 { size *= 2 }
        var slots = [PackedWord?](repeating: nil, count: size)
        for word in packed {
            var slot = Self.hash(word) & (size - 1)
            while let taken = slots[slot], taken != word { slot = (slot + 1) & (size - 1) }
            slots[slot] = word
        }
        self.slots = slots
        mask = size - 1
    }

    @inline(__always)
    private static func hash(_ word: PackedWord) -> Int {
        Int(truncatingIfNeeded: ((word.low &* 0x9E37_79B9_7F4A_7C15) ^ (word.high &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(word.count)) >> 32)
    }

    func contains(_ word: PackedWord) -> Bool {
        guard word.count <= 16 else { return false }
        var slot = Self.hash(word) & mask
        while let taken = slots[slot] {
            if taken == word { return true }
            slot = (slot + 1) & mask
        }
        return false
    }
}

/// Prefixes by their first byte.
struct PackedPrefixTable {
    private let byFirstByte: [[PackedPrefix]]

    init(_ prefixes: [String]) {
        var table = [[PackedPrefix]](repeating: [], count: 256)
        for prefix in prefixes { table[Int(prefix.utf8.first!)].append(PackedPrefix(prefix)) }
        byFirstByte = table
    }

    /// `true` when some prefix starts with `first`.
    func hasPrefixes(startingWith first: UInt8) -> Bool { !byFirstByte[Int(first)].isEmpty }

    /// `true` when `word` (whose first byte is `first`) starts with one of the prefixes.
    func matches(_ word: PackedWord, first: UInt8) -> Bool {
        for prefix in byFirstByte[Int(first)] where word.starts(with: prefix) { return true }
        return false
    }
}

/// What the tag alone says about chrome (see ``Boilerplate/chrome(of:)``).
enum TagChromeRule {
    case none
    /// `nav`, `footer`, `aside`, `form`, `noscript`, `figcaption`.
    case always
    /// `figure`: chrome unless it holds a table.
    case figure
    /// `header`: chrome unless it holds an `h1` or `h2`.
    case header

    init(name: String) {
        switch name {
        case "nav", "footer", "aside", "form", "noscript", "figcaption": self = .always
        case "figure": self = .figure
        case "header": self = .header
        default: self = .none
        }
    }
}

/// How the pruning of the main content treats a tag (see ``MainContent``'s `shouldDrop`).
enum PruneKind {
    /// `ul`, `ol`, `dl`, `menu`.
    case list
    /// `div`, `section`, `table`, `p`, `span`.
    case box
    /// `a`.
    case link
    /// `li`, `td`, `th`, `dd`, `dt`, `tr`, `caption`, `h1`–`h6`: never dropped for their links.
    case kept
    case other

    init(name: String) {
        switch name {
        case "ul", "ol", "dl", "menu": self = .list
        case "div", "section", "table", "p", "span": self = .box
        case "a": self = .link
        case "li", "td", "th", "dd", "dt", "tr", "caption", "h1", "h2", "h3", "h4", "h5", "h6": self = .kept
        default: self = .other
        }
    }
}

/// The tag names the finder and the outline builder ask about, recognised once per distinct
/// tag of a page (``PageTag/known``) so that asking costs a byte comparison instead of a string
/// comparison per element and question: `element.known == .li` is `element.name == "li"`.
enum KnownTag: String {
    case a, b, strong, br, img, span, p, div, article, main, section, header, noscript, form
    case h1, h2, h3, h4, h5, h6
    case ul, ol, menu, li, dl, dt, dd
    case table, caption, thead, tbody, tfoot, tr, td, th
    case blockquote, figcaption, address, pre, summary, legend

    /// `h1`–`h6`.
    var isHeading: Bool {
        switch self {
        case .h1, .h2, .h3, .h4, .h5, .h6: true
        default: false
        }
    }
}
