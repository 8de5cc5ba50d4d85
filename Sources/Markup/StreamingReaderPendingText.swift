/// The text a ``StreamingSink`` gathers between two tags until it is delivered is an
/// ``XMLTextBytes``: libxml2's pieces copied in one after the other, whole pieces of at most the
/// reader's maximum taken from the front.
///
/// An `Array<UInt8>` held it before: appending a piece was a generic `append(contentsOf:)`
/// (about 95 instructions a piece, and a text run of a feed comes in several pieces), and
/// taking delivered bytes from the front went through the generic `replaceSubrange`. Here a
/// piece is one copy, and only what is left after a delivered piece is moved.
extension XMLTextBytes {
    var isEmpty: Bool { used == 0 }

    /// The byte at `index` (below ``count``).
    subscript(index: Int) -> UInt8 {
        precondition(index >= 0 && index < used, "XMLTextBytes index out of bounds")
        return base.unsafelyUnwrapped[index]
    }

    /// The bytes `start..<end`, valid until the buffer next changes.
    func bytes(from start: Int, to end: Int) -> UnsafeBufferPointer<UInt8> {
        precondition(start >= 0 && start <= end && end <= used, "XMLTextBytes range out of bounds")
        guard let base else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: base + start, count: end - start)
    }

    /// Drops the bytes from `start` on (a text run taken back from a receiver's buffer, or
    /// dropped by a receiver).
    package func removeSuffix(from start: Int) {
        precondition(start >= 0 && start <= used, "XMLTextBytes suffix out of bounds")
        used = start
    }

    /// Drops the first `prefix` bytes, moving the rest to the front.
    func removeFirst(_ prefix: Int) {
        precondition(prefix >= 0 && prefix <= used, "XMLTextBytes prefix out of bounds")
        guard prefix > 0 else { return }
        let rest = used - prefix
        // The regions may overlap: copyMemory moves as memmove does.
        if rest > 0, let base { UnsafeMutableRawPointer(base).copyMemory(from: base + prefix, byteCount: rest) }
        used = rest
    }
}

extension XMLTextBytes: CustomDebugStringConvertible {
    /// What it holds (not the memory it keeps): the sink's restart tests compare it.
    package var debugDescription: String { "XMLTextBytes(count: \(count))" }
}
