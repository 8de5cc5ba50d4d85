/// Checks the start tags before libxml2 sees them: the attribute count of each (a tag with tens
/// of thousands of attributes is quadratic in libxml2 2.9), its length, and how many there are,
/// in linear time.
/// The same scanner serves streams chunk by chunk (``StreamingAttributeCounter``).
enum AttributeCap {
    /// The first tag over ``ParseLimits/attributesPerElement``, ``ParseLimits/startTagBytes`` or
    /// ``ParseLimits/elements``, or `nil`.
    static func firstViolation(in bytes: UnsafeRawBufferPointer, limits: ParseLimits) -> LimitExceeded? {
        // Each attribute and each element needs at least two bytes: a short document breaks no limit.
        guard bytes.count > min(limits.attributesPerElement * 2, limits.startTagBytes, limits.elements * 2) else { return nil }
        var scanner = StreamingAttributeCounter(limit: limits.attributesPerElement, tagLimit: limits.startTagBytes, elementLimit: limits.elements)
        return scanner.scan(bytes)
    }
}
