/// The text a ``StreamingSink`` gathers between two tags until it is delivered: libxml2's
/// pieces copied in one after the other, whole pieces of at most the reader's maximum taken
/// from the front.
///
/// The bytes an `Array<UInt8>` would hold, in memory of its own: appending a piece is one
/// copy (a generic `append(contentsOf:)` cost about 95 instructions a piece, and a text run
/// of a feed comes in several pieces), and taking delivered bytes from the front moves only
/// what is left (`removeSubrange` on an array went through the generic `replaceSubrange`).
final class StreamingPendingText {
    // A sink has one parser on one thread (see StreamingSink): no runtime exclusivity checks.
    @exclusivity(unchecked) private var base: UnsafeMutablePointer<UInt8>?
    @exclusivity(unchecked) private(set) var count = 0
    @exclusivity(unchecked) private var capacity = 0

    init() {}

    deinit { base?.deallocate() }

    var isEmpty: Bool { count == 0 }

    /// Appends a copy of `bytes`.
    @inline(__always)
    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        if count + bytes.count > capacity { grow(toHold: count + bytes.count) }
        (base.unsafelyUnwrapped + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    private func grow(toHold needed: Int) {
        let newCapacity = max(needed, capacity * 2, 256)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        if let base {
            grown.update(from: base, count: count)
            base.deallocate()
        }
        base = grown
        capacity = newCapacity
    }

    /// The byte at `index` (below ``count``).
    subscript(index: Int) -> UInt8 {
        precondition(index >= 0 && index < count, "StreamingPendingText index out of bounds")
        return base.unsafelyUnwrapped[index]
    }

    /// The bytes `start..<end`, valid until the text next changes.
    func bytes(_ start: Int, _ end: Int) -> UnsafeBufferPointer<UInt8> {
        precondition(start >= 0 && start <= end && end <= count, "StreamingPendingText range out of bounds")
        guard let base else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: base + start, count: end - start)
    }

    /// Drops the first `prefix` bytes, moving the rest to the front.
    func removeFirst(_ prefix: Int) {
        precondition(prefix >= 0 && prefix <= count, "StreamingPendingText prefix out of bounds")
        guard prefix > 0 else { return }
        let rest = count - prefix
        // The regions may overlap: copyMemory moves as memmove does.
        if rest > 0, let base { UnsafeMutableRawPointer(base).copyMemory(from: base + prefix, byteCount: rest) }
        count = rest
    }

    /// Empties the text, keeping its memory.
    func removeAll() { count = 0 }

    /// How many bytes it keeps allocated (also when emptied).
    var retainedBytes: Int { capacity }
}

extension StreamingPendingText: CustomDebugStringConvertible {
    /// What it holds (not the memory it keeps): the sink's restart test compares it.
    var debugDescription: String { "StreamingPendingText(count: \(count))" }
}
