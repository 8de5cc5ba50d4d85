import Foundation
import RegionSupport
import StrategyModel

/// Resolves every piece of evidence of a profile in the raw documents it names.
struct EvidenceCheck {
    let documents: [RawDocument]
    private var resolvers: [String: LocatorResolver] = [:]
    private var unparsable: [String: String] = [:]
    private var hashes: [String: String] = [:]
    private(set) var failures: [ConformanceFailure] = []
    private(set) var checked = 0

    init(documents: [RawDocument]) {
        self.documents = documents
    }

    mutating func check(_ evidence: Evidence, path: String) {
        checked += 1
        let url = evidence.sourceURL
        func fail(_ message: String) { failures.append(ConformanceFailure(.evidence, path: path, sourceURL: url, message)) }
        guard let raw = documents.first(where: { $0.url == url }) else {
            fail("names a document that was not read (known: \(documents.map(\.url).joined(separator: ", ")))")
            return
        }
        let sha = hashes[url] ?? SHA256.hex(of: raw.bytes)
        hashes[url] = sha
        if evidence.snapshotSHA256 != sha {
            fail("SHA-256 \(evidence.snapshotSHA256) is not the document's (\(sha)); make evidence with SourceDocument.evidence(at:excerpt:)")
        }
        let excerpt = Self.squeeze(evidence.excerpt.hasSuffix("…") ? String(evidence.excerpt.dropLast()) : evidence.excerpt)
        if excerpt.isEmpty { fail("empty excerpt at \(evidence.locator.isEmpty ? "(no locator)" : evidence.locator)") }
        guard !evidence.locator.isEmpty else {
            fail("empty locator for «\(evidence.excerpt)»")
            return
        }
        guard let resolver = resolver(for: raw) else {
            fail("the document cannot be parsed to resolve locators: \(unparsable[url] ?? "")")
            return
        }
        let texts: [String]
        do { texts = try resolver.texts(at: evidence.locator) } catch {
            fail(error.description)
            return
        }
        guard texts.count == 1, let text = texts.first else {
            fail("locator \(evidence.locator) selects \(texts.count) places, not one")
            return
        }
        if !excerpt.isEmpty, !Self.squeeze(text).contains(excerpt) {
            fail("excerpt «\(evidence.excerpt)» is not at \(evidence.locator) (text there: «\(text.prefix(160))»)")
        }
    }

    private mutating func resolver(for raw: RawDocument) -> LocatorResolver? {
        if let resolver = resolvers[raw.url] { return resolver }
        if unparsable[raw.url] != nil { return nil }
        do {
            let resolver = try LocatorResolver(raw)
            resolvers[raw.url] = resolver
            return resolver
        } catch {
            unparsable[raw.url] = error.description
            return nil
        }
    }

    /// Text without whitespace, table-cell separators and soft hyphens: an excerpt joins the
    /// lines of a block, and a table row's cells, differently from the DOM's text.
    static func squeeze(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { !$0.properties.isWhitespace && $0 != "|" && $0 != "\u{AD}" }))
    }
}
