import Foundation
import Testing
import Documents

/// Byte-order marks, the transport charset, the XML declaration and detection, with Swedish text.
@Suite("Feed encodings")
struct FeedEncodingTests {
    static let title = "Västernorrland – Härnösand, Örnsköldsvik och Sundsvall: år 2030"
    static let summary = "Regionfullmäktige har antagit strategin. ”Ett län för alla” – 5 € per invånare."

    func rss(declaration: String?) -> String {
        (declaration.map { "<?xml version=\"1.0\" encoding=\"\($0)\"?>\n" } ?? "")
            + "<rss version=\"2.0\"><channel><title>\(Self.title)</title><item><title>Nyhet</title><description>\(Self.summary)</description></item></channel></rss>"
    }

    /// Windows-1252 bytes (ISO-8859-1 for the Latin-1 letters).
    func windows1252(_ s: String) -> [UInt8] {
        let extra: [Character: UInt8] = ["–": 0x96, "”": 0x94, "€": 0x80]
        return s.map { c in extra[c] ?? UInt8(c.unicodeScalars.first!.value) }
    }

    func utf16(_ s: String, bigEndian: Bool) -> [UInt8] {
        s.utf16.flatMap { bigEndian ? [UInt8($0 >> 8), UInt8($0 & 0xFF)] : [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    }

    func utf32(_ s: String, bigEndian: Bool) -> [UInt8] {
        s.unicodeScalars.flatMap { u -> [UInt8] in
            let v = u.value
            let le = [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)]
            return bigEndian ? le.reversed() : le
        }
    }

    func expectSwedish(_ feed: Feed) {
        #expect(feed.title == Self.title)
        #expect(feed.items.first?.summary == Self.summary)
    }

    @Test func iso88591Declared() throws {
        let title = "Härnösand, Örnsköldsvik och Ånge: år 2030"
        let xml = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>\(title)</title></channel></rss>"
        let feed = try FeedReader().read(windows1252(xml))
        #expect(feed.title == title)
        #expect(feed.encoding == "WINDOWS-1252", "ISO-8859-1 is read as its superset, as browsers do")
        #expect(feed.problems.isEmpty)
    }

    @Test func windows1252Declared() throws {
        let feed = try FeedReader().read(windows1252(rss(declaration: "windows-1252")))
        expectSwedish(feed)
        #expect(feed.problems.isEmpty)
    }

    @Test func windows1252UndeclaredIsDetectedAndReported() throws {
        let feed = try FeedReader().read(windows1252(rss(declaration: nil)))
        expectSwedish(feed)
        #expect(feed.encoding == "WINDOWS-1252")
        #expect(feed.problems == ["no encoding is declared and the bytes are not UTF-8; read as WINDOWS-1252"])
    }

    @Test func latin1BytesLabelledUTF8AreReadAsWindows1252() throws {
        let feed = try FeedReader().read(windows1252(rss(declaration: "UTF-8")))
        expectSwedish(feed)
        #expect(feed.problems == ["the declared encoding 'UTF-8' is unknown or does not fit the bytes; read as WINDOWS-1252"])
    }

    @Test func utf8BytesLabelledLatin1AreReadAsUTF8() throws {
        let feed = try FeedReader().read(Array(rss(declaration: "ISO-8859-1").utf8))
        expectSwedish(feed)
        #expect(feed.encoding == "UTF-8")
        #expect(feed.problems == ["the declared encoding 'ISO-8859-1' is unknown or does not fit the bytes; read as UTF-8"])
    }

    @Test func transportCharsetWinsOverTheDeclaration() throws {
        // The server says windows-1252 and is right; the document wrongly says UTF-8.
        let bytes = windows1252(rss(declaration: "UTF-8"))
        let feed = try FeedReader().read(bytes, charset: "windows-1252")
        expectSwedish(feed)
        #expect(feed.encoding == "WINDOWS-1252")
        #expect(feed.problems.isEmpty)
        // Without it, the wrong label is overruled by the bytes, and that is reported.
        let guessed = try FeedReader().read(bytes)
        expectSwedish(guessed)
        #expect(guessed.problems == ["the declared encoding 'UTF-8' is unknown or does not fit the bytes; read as WINDOWS-1252"])
    }

    @Test(arguments: [
        ("UTF-8 BOM", [0xEF, 0xBB, 0xBF] as [UInt8], "UTF-8"),
        ("UTF-16LE BOM", [0xFF, 0xFE], "UTF-16LE"),
        ("UTF-16BE BOM", [0xFE, 0xFF], "UTF-16BE"),
        ("UTF-32LE BOM", [0xFF, 0xFE, 0x00, 0x00], "UTF-32LE"),
        ("UTF-32BE BOM", [0x00, 0x00, 0xFE, 0xFF], "UTF-32BE"),
    ])
    func byteOrderMarks(_ name: String, _ bom: [UInt8], _ encoding: String) throws {
        let text = rss(declaration: encoding.hasPrefix("UTF-8") ? "UTF-8" : String(encoding.prefix(6)))
        let body: [UInt8]
        switch encoding {
        case "UTF-16LE": body = utf16(text, bigEndian: false)
        case "UTF-16BE": body = utf16(text, bigEndian: true)
        case "UTF-32LE": body = utf32(text, bigEndian: false)
        case "UTF-32BE": body = utf32(text, bigEndian: true)
        default: body = Array(text.utf8)
        }
        let feed = try FeedReader().read(bom + body)
        expectSwedish(feed)
        #expect(feed.encoding == encoding, "\(name)")
        #expect(feed.problems.isEmpty, "\(name): \(feed.problems)")
    }

    @Test func utf16WithoutAMarkIsRecognisedByItsFirstCharacter() throws {
        let feed = try FeedReader().read(utf16(rss(declaration: "UTF-16"), bigEndian: false))
        expectSwedish(feed)
        #expect(feed.encoding == "UTF-16LE")
    }

    @Test func htmlEntitiesInALatin1Feed() throws {
        let xml = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>Bygg &amp; milj&ouml; &ndash; V\u{E4}xj\u{F6}&nbsp;2022</title></channel></rss>"
        let feed = try FeedReader().read(windows1252(xml))
        #expect(feed.titleDetail?.value == "Bygg & miljö – Växjö\u{A0}2022")
        #expect(feed.problems == ["3 undefined HTML entities resolved"])
    }
}
