import Foundation
import Documents

/// One hostile input and the reader it is given to.
package struct HostileCase: Sendable {
    /// The reader a case is given to: every reader that takes bytes from outside.
    package enum Reader: String, Sendable, CaseIterable {
        case xml, html, feed, feedStream = "feed-stream", sitemap, office
    }

    /// Short, unique: "billion-laughs-element/feed".
    package var name: String
    package var reader: Reader
    /// What must happen: an error kind ("limit:depth", "entity-declaration", …, see
    /// ``HostileOutcome/kind``) or "read" for a safe parse.
    package var expected: String
    /// Makes the input (some are tens of megabytes: made when needed, not kept).
    let make: @Sendable () -> [UInt8]

    package init(_ name: String, _ reader: Reader, expect expected: String, _ make: @escaping @Sendable () -> [UInt8]) {
        self.name = name + "/" + reader.rawValue
        self.reader = reader
        self.expected = expected
        self.make = make
    }

    package init(_ name: String, _ reader: Reader, _ bytes: [UInt8], expect expected: String) {
        self.init(name, reader, expect: expected) { bytes }
    }

    /// The input, made anew.
    package var bytes: [UInt8] { make() }
}

/// What a reader did with a hostile input.
package struct HostileOutcome: Sendable {
    /// "read" for a result, otherwise the kind of error: "limit:NAME", "entity-declaration",
    /// "not-well-formed", "empty", "not-a-feed", "unsafe-entry-name", …
    package var kind: String
    /// Everything the result says, as text (empty for an error): what a leak would show in.
    package var text: String
    /// The error's message, for reports.
    package var message: String
    /// How long the reader took (not the making of ``text``).
    package var seconds: Double = 0
}

extension HostileCase {
    /// Runs the case's reader over `bytes` (its input).
    package func run(_ bytes: [UInt8]) -> HostileOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        var outcome: HostileOutcome
        do {
            let describe = try read(bytes)
            let elapsed = clock.now - start
            outcome = HostileOutcome(kind: "read", text: describe(), message: "")
            outcome.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        } catch {
            let elapsed = clock.now - start
            outcome = HostileOutcome(kind: Self.kind(of: error), text: "", message: String(describing: error))
            outcome.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        }
        return outcome
    }

    /// Reads `bytes` with the case's reader; returns how to describe the result as text.
    private func read(_ bytes: [UInt8]) throws -> () -> String {
        switch reader {
        case .xml:
            let document = try MarkupDocument(xml: bytes)
            return { (document.root?.textContent ?? "") + ((try? document.select("//@*").map(\.textContent).joined(separator: " ")) ?? "") }
        case .html:
            let page = try HTMLPageReader().read(bytes)
            return { String(describing: page) }
        case .feed:
            let feed = try FeedReader().read(bytes)
            return { String(describing: feed) }
        case .feedStream:
            let stream = FeedStream()
            var items: [FeedItem] = []
            var offset = 0
            while offset < bytes.count {
                items += try stream.consume(bytes[offset..<min(bytes.count, offset + 65_536)])
                offset += 65_536
            }
            items += try stream.finish()
            let summary = stream.summary
            return { String(describing: items) + String(describing: summary) }
        case .sitemap:
            let sitemap = try SitemapReader().read(bytes)
            return { String(describing: sitemap) }
        case .office:
            let document = try OfficeReader().read(bytes)
            return { String(describing: document) }
        }
    }

    /// The kind of a reader's error, the same whichever reader threw it.
    package static func kind(of error: any Error) -> String {
        switch error {
        case let error as MarkupError: kind(of: error)
        case let error as FeedReader.FeedError:
            switch error {
            case let .markup(markup): kind(of: markup)
            case .notAFeed: "not-a-feed"
            }
        case let error as FeedStreamError:
            switch error {
            case let .markup(markup): kind(of: markup)
            case .notAFeed: "not-a-feed"
            }
        case let error as SitemapReader.SitemapError:
            switch error {
            case let .markup(markup): kind(of: markup)
            case .notASitemap: "not-a-sitemap"
            case .compressed: "damaged-gzip"
            }
        case let error as OOXMLError: kind(of: error)
        default: "other: \(error)"
        }
    }

    static func kind(of error: MarkupError) -> String {
        switch error {
        case let .limitExceeded(exceeded): "limit:" + exceeded.limit.rawValue
        case .empty: "empty"
        case .entityDeclaration: "entity-declaration"
        case .notWellFormed: "not-well-formed"
        case .unsupportedEncoding: "unsupported-encoding"
        case .xpath: "xpath"
        }
    }

    static func kind(of error: OOXMLError) -> String {
        switch error {
        case let .limitExceeded(exceeded): "limit:" + exceeded.limit.rawValue
        case .notAZipArchive: "not-a-zip"
        case .legacyBinaryFormat: "legacy-binary"
        case .passwordProtected, .encryptedEntry: "encrypted"
        case .truncated: "truncated"
        case .unsafeEntryName: "unsafe-entry-name"
        case .duplicateEntry: "duplicate-entry"
        case .unsupportedCompression: "unsupported-compression"
        case .unsupportedArchive: "unsupported-archive"
        case .corruptEntry: "corrupt-entry"
        case .missingPart: "missing-part"
        case .wrongDocumentType: "wrong-document-type"
        case let .malformedPart(_, markup): "malformed-part:" + kind(of: markup)
        }
    }
}
