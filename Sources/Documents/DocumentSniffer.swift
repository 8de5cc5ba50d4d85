import Foundation

/// What kind of document some bytes are, decided by content (and the media type, if known).
public enum DocumentKind: String, Sendable, Hashable, CaseIterable {
    /// An HTML page.
    case html
    /// An RSS or Atom feed.
    case feed
    /// Neither, as far as the bytes show.
    case unknown
}

/// Tells HTML pages from feeds by looking at the bytes, so that `rus read` works on any file.
public enum DocumentSniffer {
    /// The kind of `bytes`. A feed media type (`application/rss+xml`, `application/atom+xml`)
    /// decides; otherwise the first element: `rss`, `feed` or `rdf:RDF` is a feed; `html` or an
    /// HTML doctype is a page.
    public static func kind(of bytes: some Collection<UInt8>, mediaType: String? = nil) -> DocumentKind {
        if let mediaType = mediaType?.lowercased() {
            if mediaType.contains("rss") || mediaType.contains("atom") { return .feed }
            if mediaType.contains("html") { return .html }
        }
        // UTF-16 and UTF-32 put NUL bytes beside each ASCII character (and the byte-order
        // marks are not ASCII): the ASCII bytes alone are enough to see the first element.
        let ascii = bytes.prefix(8192).filter { $0 != 0 && $0 < 0x80 }
        let text = String(decoding: ascii, as: UTF8.self).lowercased()
        var index = text.startIndex
        while let lt = text[index...].firstIndex(of: "<") {
            let after = text.index(after: lt)
            guard after < text.endIndex else { break }
            let rest = text[after...]
            if rest.hasPrefix("!doctype html") { return .html }
            if rest.hasPrefix("?") || rest.hasPrefix("!") {
                if rest.hasPrefix("!--") {
                    guard let end = text.range(of: "-->", range: after..<text.endIndex) else { return .unknown }
                    index = end.upperBound
                } else {
                    index = text.index(after: after)
                }
                continue
            }
            let name = rest.prefix { !" \t\r\n>/".contains($0) }
            switch name {
            case "rss", "feed", "rdf:rdf", "rdf": return .feed
            case "html", "head", "body", "div", "p", "main", "article", "section", "h1", "title", "meta": return .html
            default: return .unknown
            }
        }
        return .unknown
    }
}

extension DocumentSniffer {
    /// Whether `bytes` are an Office Open XML package, and which: a ZIP archive (`PK\3\4`)
    /// holding `[Content_Types].xml` and the parts of a presentation (`ppt/…`) or a Word
    /// document (`word/…`). An Office media type decides first. Nothing is inflated: the names
    /// come from the ZIP directory (or, when it is damaged, from the raw bytes, so that the
    /// reader can then say what is wrong).
    public static func officeFormat(of bytes: some Collection<UInt8>, mediaType: String? = nil) -> OfficeFormat? {
        if let mediaType = mediaType?.lowercased() {
            if mediaType.contains("presentationml") || mediaType.contains("ms-powerpoint") { return .pptx }
            if mediaType.contains("wordprocessingml") || mediaType.contains("ms-word") { return .docx }
        }
        let data = Array(bytes)
        guard data.starts(with: [0x50, 0x4B, 0x03, 0x04]) else { return nil }
        let names: [String]
        if let archive = try? ZipArchive(bytes: data) {
            names = archive.entries.map { $0.name.lowercased() }
        } else {
            // A damaged archive: look for part names in the local headers at the start and the
            // central directory at the end.
            let window = 64 * 1024
            let text = String(decoding: data.prefix(window) + data.suffix(window), as: UTF8.self).lowercased()
            names = ["[content_types].xml", "ppt/", "word/"].filter { text.contains($0) }
        }
        guard names.contains("[content_types].xml") else { return nil }
        if names.contains(where: { $0.hasPrefix("ppt/") }) { return .pptx }
        if names.contains(where: { $0.hasPrefix("word/") }) { return .docx }
        return nil
    }
}
