/// Checks the shape of each start tag before libxml2 sees it: its attribute count (a tag with
/// tens of thousands of attributes is quadratic in libxml2 2.9) and its length, in linear time.
/// The same scanner serves streams chunk by chunk (``StreamingAttributeCounter``).
enum AttributeCap {
    /// The first tag over ``ParseLimits/attributesPerElement`` or ``ParseLimits/startTagBytes``, or `nil`.
    static func firstViolation(in bytes: UnsafeRawBufferPointer, limits: ParseLimits) -> LimitExceeded? {
        // Each attribute needs at least two bytes: a short document cannot break either limit.
        guard bytes.count > min(limits.attributesPerElement * 2, limits.startTagBytes) else { return nil }
        var scanner = StreamingAttributeCounter(limits)
        return scanner.scan(bytes)
    }
}
