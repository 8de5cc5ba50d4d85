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

    @Test func mediaTypeDecides() {
        #expect(DocumentSniffer.kind(of: Array("<x/>".utf8), mediaType: "application/atom+xml") == .feed)
    }
}
