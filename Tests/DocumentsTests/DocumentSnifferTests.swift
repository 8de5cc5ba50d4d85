import Testing
import Documents

@Suite("Format sniffing")
struct DocumentSnifferTests {
    @Test(arguments: [
        ("<?xml version=\"1.0\"?>\n<!-- x --><rss version=\"2.0\">", DocumentKind.feed),
        ("<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">", .feed),
        ("<rdf:RDF xmlns:rdf=\"x\">", .feed),
        ("<!DOCTYPE html>\n<html lang=\"sv\">", .html),
        ("\u{FEFF}<html><head>", .html),
        ("<div>fragment</div>", .html),
        ("%PDF-1.7", .unknown),
        ("<?xml version=\"1.0\"?><svg>", .unknown),
    ])
    func kinds(input: String, expected: DocumentKind) {
        #expect(DocumentSniffer.kind(of: Array(input.utf8)) == expected)
    }

    @Test func utf16AndUTF32FeedsAreFeeds() {
        let xml = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel/></rss>"
        let utf16: [UInt8] = [0xFF, 0xFE] + xml.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let utf32: [UInt8] = [0x00, 0x00, 0xFE, 0xFF] + xml.unicodeScalars.flatMap { [0, 0, 0, UInt8($0.value)] }
        #expect(DocumentSniffer.kind(of: utf16) == .feed)
        #expect(DocumentSniffer.kind(of: utf32) == .feed)
    }

    @Test func mediaTypeDecides() {
        #expect(DocumentSniffer.kind(of: Array("<x/>".utf8), mediaType: "application/atom+xml") == .feed)
    }
}
