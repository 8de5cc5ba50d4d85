import Foundation
internal import CLibXML2

/// The encoding names libxml2 has been found to convert from, so that a document is not charged
/// for finding out again: for an encoding libxml2 does not build in (Windows-1252, the fallback
/// for undeclared 8-bit text, among them) the lookup opens an iconv converter, which allocates
/// 32 KB and is closed at once, on every document.
///
/// Only names found supported are kept (a lookup that fails is made again next time, so that a
/// failure is never remembered), and at most ``capacity`` of them: labels come from documents,
/// and made-up ones must not grow the set. Safe from any thread.
final class SupportedEncodings: @unchecked Sendable {
    // @unchecked Sendable: `names` is only touched with `lock` held.
    private let lock = NSLock()
    private var names: Set<String> = []

    /// The set every reader uses.
    static let shared = SupportedEncodings()
    /// The most names kept.
    static let capacity = 32

    /// Whether libxml2 can convert from `encoding`.
    func contains(_ encoding: String) -> Bool {
        // libxml2 builds UTF-8 in: the usual name costs no lock and no hashing.
        if encoding == "UTF-8" { return true }
        if isKnown(encoding) { return true }
        guard Self.lookUp(encoding) else { return false }
        lock.lock()
        defer { lock.unlock() }
        if names.count < Self.capacity { names.insert(encoding) }
        return true
    }

    /// Whether `encoding` was found supported before.
    func isKnown(_ encoding: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return names.contains(encoding)
    }

    /// How many names are kept.
    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return names.count
    }

    /// libxml2's answer: whether it has a handler for `encoding`. An iconv-backed handler is
    /// allocated, so the one found is closed again.
    static func lookUp(_ encoding: String) -> Bool {
        guard let handler = xmlFindCharEncodingHandler(encoding) else { return false }
        xmlCharEncCloseFunc(handler)
        return true
    }
}
