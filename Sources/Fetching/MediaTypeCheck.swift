import Documents
import Foundation

/// The media type to tell the parsers: the declared one when the content agrees with it,
/// otherwise what the content is, with a note saying so. Servers label feeds `text/html`, pages
/// `text/plain` and slide decks `application/octet-stream`; the bytes decide.
struct MediaTypeCheck {
    var mediaType: String?
    var note: String?

    init(declared: String?, file: URL) {
        // The first 8 KiB tell a page from a feed; only a ZIP package is read whole (its entry
        // names tell a slide deck from a report).
        let handle = try? FileHandle(forReadingFrom: file)
        var bytes = [UInt8]((try? handle?.read(upToCount: 8192)) ?? Data())
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { bytes += [UInt8]((try? handle?.readToEnd()) ?? Data()) }
        try? handle?.close()
        if let office = DocumentSniffer.officeFormat(of: bytes) {
            let declaredOffice = declared.flatMap { DocumentSniffer.officeFormat(of: [], mediaType: $0) }
            mediaType = declaredOffice == office ? declared : office.mediaType
            note = declaredOffice == office ? nil : Self.note(declared, actual: "an Office file (\(office.mediaType))")
            return
        }
        let content = DocumentSniffer.kind(of: bytes.prefix(8192))
        let claimed = declared.map { DocumentSniffer.kind(of: [], mediaType: $0) }
        let agrees = content == .unknown || content == claimed || (content == .feed && declared?.contains("xml") == true)
        if agrees {
            mediaType = declared
        } else if content == .html {
            mediaType = "text/html"
            note = Self.note(declared, actual: "an HTML page")
        } else {
            mediaType = "application/xml"
            note = Self.note(declared, actual: "an RSS/Atom feed")
        }
    }

    static func note(_ declared: String?, actual: String) -> String {
        "served \(declared.map { "as \($0)" } ?? "without a Content-Type"); the content is \(actual), read as such"
    }
}
