/// Checks the start tags before libxml2 sees them: the attribute count of each (a tag with tens
/// of thousands of attributes is quadratic in libxml2 2.9), its length, how many there are and
/// how much text lies between them, in linear time.
/// The same scanner serves streams chunk by chunk (``StreamingAttributeCounter``).
enum AttributeCap {
    /// The first place over ``ParseLimits/attributesPerElement``, ``ParseLimits/startTagBytes``,
    /// ``ParseLimits/elements`` or ``ParseLimits/textBytes``, or `nil`.
    static func firstViolation(in bytes: UnsafeRawBufferPointer, limits: ParseLimits) -> LimitExceeded? {
        // Each attribute and each element needs at least two bytes: a short document breaks no limit.
        guard bytes.count > min(limits.attributesPerElement * 2, limits.startTagBytes, limits.elements * 2, limits.textBytes) else { return nil }
        var scanner = StreamingAttributeCounter(
            limit: limits.attributesPerElement, tagLimit: limits.startTagBytes, elementLimit: limits.elements, textLimit: limits.textBytes
        )
        return scanner.scan(bytes)
    }
}
