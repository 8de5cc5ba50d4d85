import Foundation

/// Short texts a feed repeats from item to item (the same categories, the same creator), kept
/// by their bytes so that a text met again is shared, not made again: one string allocated and
/// validated once, not once an item, and less memory for the items that hold it.
///
/// A few slots, each holding the bytes of a text as published (the key) and the text the rules
/// made of them; a text is looked up by its bytes and stored over whatever its slot held.
/// Bounded: ``slotCount`` slots of at most ``maxLength`` bytes. Only texts too long for a
/// string's inline storage (more than 15 bytes) are kept: shorter ones cost no allocation.
/// Owned by one ``FeedCapture`` (one reader at a time), kept from one document to the next.
struct FeedSharedTexts {
    static let slotCount = 16
    /// Longer texts are made each time (they seldom repeat, and a slot would keep them).
    static let maxLength = 96
    /// Texts of up to 15 bytes are stored in the string itself, without an allocation.
    static let minLength = 16

    /// The bytes of each slot's text as published.
    private var keys: [String?] = Array(repeating: nil, count: slotCount)
    /// What the rules made of each slot's key (`nil` when they made nothing).
    private var values: [String?] = Array(repeating: nil, count: slotCount)

    /// Whether texts of `count` bytes are kept.
    static func keeps(count: Int) -> Bool { count >= minLength && count <= maxLength }

    /// The slot of `bytes` (at least one byte): by their length and three of them.
    @inline(__always)
    static func slot(of bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let n = bytes.count
        let mixed = n &* 31 &+ Int(bytes[0]) &* 7 &+ Int(bytes[n &- 1]) &* 3 &+ Int(bytes[n >> 1])
        return mixed & (slotCount - 1)
    }

    /// The text made of `bytes` by `make`: the one kept for the same bytes, else `make`'s, kept
    /// in place of the slot's text. `make` must depend on the bytes alone.
    mutating func text(for bytes: UnsafeBufferPointer<UInt8>, make: () -> String?) -> String? {
        precondition(Self.keeps(count: bytes.count), "FeedSharedTexts: a text of \(bytes.count) bytes is not kept")
        let slot = Self.slot(of: bytes)
        if let key = keys[slot], Self.has(key, bytes: bytes) { return values[slot] }
        let value = make()
        // The text made is its key when the rules changed nothing (the usual case): one string.
        keys[slot] = value.flatMap { Self.has($0, bytes: bytes) ? $0 : nil } ?? String(decoding: bytes, as: UTF8.self)
        values[slot] = value
        return value
    }

    /// Whether `string`'s UTF-8 is `bytes`.
    @inline(__always)
    private static func has(_ string: String, bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let utf8 = string.utf8
        guard utf8.count == bytes.count else { return false }
        return utf8.withContiguousStorageIfAvailable { stored in
            memcmp(stored.baseAddress!, bytes.baseAddress!, bytes.count) == 0
        } ?? utf8.elementsEqual(bytes)
    }
}

extension FeedValues {
    /// ``text(_:)`` of an element, shared with earlier elements of the same bytes through the
    /// capture's ``FeedSharedTexts``: for fields that repeat from item to item (categories,
    /// authors). A fast path of `text(_:)` (whitespace normalised, `nil` when empty), taken only
    /// for an element whose content is one text run of a length the cache keeps, whose text is
    /// a function of that run's bytes alone; any other element goes to `text(_:)` itself.
    static func sharedText(_ element: FeedElement?) -> String? {
        guard let element else { return nil }
        return element.withSharedTexts { shared, bytes in
            shared.text(for: bytes) { text(element) }
        } ?? text(element)
    }
}
