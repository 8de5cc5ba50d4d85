import Foundation
package import Documents

/// One hostile input and the reader it is given to.
package struct HostileCase: Sendable {
    /// The reader a case is given to: every reader that takes bytes from outside.
    package enum Reader: String, Sendable, CaseIterable {
        case xml, html, feed, feedStream = "feed-stream", sitemap, office
    }

    /// Short, unique: "billion-laughs-element/feed".
    package var name: String
    package var reader: Reader
    package var bytes: [UInt8]
    /// What must happen: an error kind ("limit:depth", "entity-declaration", …, see
    /// ``HostileOutcome/kind``) or "read" for a safe parse.
    package var expected: String

    package init(_ name: String, _ reader: Reader, _ bytes: [UInt8], expect expected: String) {
        self.name = name + "/" + reader.rawValue
        self.reader = reader
        self.bytes = bytes
        self.expected = expected
    }
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
}

extension HostileCase {
    /// Runs the case's reader over its bytes.
    package func run() -> HostileOutcome {
        do {
            let text: String
            switch reader {
            case .xml:
                let document = try MarkupDocument(xml: bytes)
                text = (document.root?.textContent ?? "") + (try document.select("//@*").map(\.textContent).joined(separator: " "))
            case .html:
                text = String(describing: try HTMLPageReader().read(bytes))
            case .feed:
                text = String(describing: try FeedReader().read(bytes))
            case .feedStream:
                let stream = FeedStream()
                var items: [FeedItem] = []
                var offset = 0
                while offset < bytes.count {
                    items += try stream.consume(bytes[offset..<min(bytes.count, offset + 65_536)])
                    offset += 65_536
                }
                items += try stream.finish()
                text = String(describing: items) + String(describing: stream.summary)
            case .sitemap:
                text = String(describing: try SitemapReader().read(bytes))
            case .office:
                text = String(describing: try OfficeReader().read(bytes))
            }
            return HostileOutcome(kind: "read", text: text, message: "")
        } catch {
            return HostileOutcome(kind: Self.kind(of: error), text: "", message: String(describing: error))
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
