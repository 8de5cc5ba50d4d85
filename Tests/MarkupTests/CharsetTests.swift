import Testing
@testable import Markup

@Suite("Charset sniffing")
struct CharsetTests {
    let swedish = "Västernorrland, Blekinge och Kalmar län: år, ärende, Öland"

    func title(of html: [UInt8], transport: String? = nil) throws -> (String, MarkupDocument) {
        let doc = try MarkupDocument(html: html, options: ParseOptions(transportCharset: transport))
        let title = try doc.select("//title").first?.normalizedText ?? ""
        return (title, doc)
    }

    @Test func utf8WithoutAnyDeclarationKeepsSwedishLetters() throws {
        let html = Array("<html><head><title>\(swedish)</title></head><body><p>x</p></body></html>".utf8)
        let (text, doc) = try title(of: html)
        #expect(text == swedish)
        #expect(doc.charset.name == "UTF-8")
        #expect(doc.charset.source == .utf8Detected)
    }

    @Test func iso88591DeclaredInMetaIsDecoded() throws {
        let html = latin1("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"><title>\(swedish)</title></head><body></body></html>")
        let (text, doc) = try title(of: html)
        #expect(text == swedish)
        #expect(doc.charset.name == "WINDOWS-1252")
        #expect(doc.charset.source == .declaration)
    }

    @Test func windows1252WithoutDeclarationFallsBack() throws {
        // 0x96 is an en dash in Windows-1252 and invalid as UTF-8.
        var html = latin1("<html><head><title>Ett Västernorrland 2020")
        html.append(0x96)
        html += latin1("2030</title></head><body></body></html>")
        let (text, doc) = try title(of: html)
        #expect(text == "Ett Västernorrland 2020–2030")
        #expect(doc.charset.source == .fallback)
    }

    @Test func byteOrderMarkWinsOverMeta() throws {
        let html = [0xEF, 0xBB, 0xBF] + Array("<html><head><meta charset=\"iso-8859-1\"><title>\(swedish)</title></head><body></body></html>".utf8)
        let (text, doc) = try title(of: html)
        #expect(text == swedish)
        #expect(doc.charset.source == .byteOrderMark)
    }

    @Test func transportCharsetWinsOverMeta() throws {
        let html = latin1("<html><head><meta charset=\"utf-8\"><title>\(swedish)</title></head><body></body></html>")
        let (text, doc) = try title(of: html, transport: "ISO-8859-1")
        #expect(text == swedish)
        #expect(doc.charset.source == .transport)
    }

    @Test func utf8BytesMislabelledAsLatin1AreReadAsUTF8() throws {
        let html = Array("<html><head><meta charset=\"iso-8859-1\"><title>\(swedish)</title></head><body></body></html>".utf8)
        let (text, doc) = try title(of: html)
        #expect(text == swedish)
        #expect(doc.charset.source == .utf8Detected)
        #expect(doc.charset.overruled == "iso-8859-1")
    }

    @Test func xmlDeclarationEncodingIsHonoured() throws {
        let xml = latin1("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><title>\(swedish)</title></channel></rss>")
        let doc = try MarkupDocument(xml: xml)
        #expect(try doc.select("/rss/channel/title").first?.textContent == swedish)
    }

    @Test func utf16WithByteOrderMark() throws {
        let text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><feed><title>\(swedish)</title></feed>"
        let xml: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let doc = try MarkupDocument(xml: xml)
        #expect(try doc.select("/feed/title").first?.textContent == swedish)
    }

    @Test(arguments: [true, false])
    func utf32WithByteOrderMark(bigEndian: Bool) throws {
        let text = "<?xml version=\"1.0\" encoding=\"UTF-32\"?><feed><title>\(swedish)</title></feed>"
        let xml = (bigEndian ? [0x00, 0x00, 0xFE, 0xFF] : [0xFF, 0xFE, 0x00, 0x00]) + utf32(text, bigEndian: bigEndian)
        let doc = try MarkupDocument(xml: xml)
        #expect(try doc.select("/feed/title").first?.textContent == swedish)
        #expect(doc.charset.name == (bigEndian ? "UTF-32BE" : "UTF-32LE"))
        #expect(doc.charset.source == .byteOrderMark)
    }

    @Test func utf32WithoutByteOrderMarkIsRecognisedByItsFirstCharacter() throws {
        let xml = utf32("<feed><title>\(swedish)</title></feed>", bigEndian: false)
        let doc = try MarkupDocument(xml: xml)
        #expect(try doc.select("/feed/title").first?.textContent == swedish)
        #expect(doc.charset.name == "UTF-32LE")
    }

    @Test func utf16LittleEndianMarkIsNotMistakenForUTF32() {
        // FF FE followed by "<" (3C 00) is UTF-16LE, not the UTF-32LE mark FF FE 00 00.
        let bytes: [UInt8] = [0xFF, 0xFE, 0x3C, 0x00, 0x61, 0x00, 0x2F, 0x00, 0x3E, 0x00]
        let sniffed = bytes.withUnsafeBytes { CharsetSniffer.sniff($0, transportCharset: nil, kind: .xml) }
        #expect(sniffed.name == "UTF-16LE")
    }

    @Test func utf8DamagedInOnePlaceStaysUTF8() throws {
        // A page cut in the middle of a character once (seen in the wild): still UTF-8.
        var html = Array("<html><head><meta charset=\"utf-8\"><title>\(swedish)</title></head><body><p>papieros".utf8)
        html.append(0xC3)
        html += Array("...</p><p>\(swedish)</p></body></html>".utf8)
        let (text, doc) = try title(of: html)
        #expect(text == swedish)
        #expect(doc.charset.name == "UTF-8")
        #expect(doc.charset.replacedInvalidSequences == 1)
        #expect(try doc.select("//p").first?.textContent == "papieros\u{FFFD}...")
    }

    @Test func unknownCharsetLabelIsIgnored() throws {
        let html = Array("<html><head><meta charset=\"x-klingon\"><title>\(swedish)</title></head><body></body></html>".utf8)
        let (text, doc) = try title(of: html)
        #expect(text == swedish)
        #expect(doc.charset.overruled == "X-KLINGON")
    }

    @Test func metaPrescanSkipsComments() {
        let html = Array("<!-- <meta charset=\"koi8-r\"> --><meta charset='windows-1252'>".utf8)
        let found = html.withUnsafeBytes { CharsetSniffer.metaCharset($0) }
        #expect(found == "windows-1252")
    }

    @Test func labelsAreNormalisedWhateverTheirCaseSpacesAndUnderscores() {
        #expect(CharsetSniffer.canonicalName("utf-8") == "UTF-8")
        #expect(CharsetSniffer.canonicalName(" \tUTF8\r\n") == "UTF-8")
        #expect(CharsetSniffer.canonicalName("ISO_8859-1") == "WINDOWS-1252")
        #expect(CharsetSniffer.canonicalName("Latin-9") == "ISO-8859-15")
        #expect(CharsetSniffer.canonicalName("Shift_JIS") == "SHIFT-JIS")
        #expect(CharsetSniffer.canonicalName("utf-16le") == "UTF-16LE")
        #expect(CharsetSniffer.canonicalName("") == "")
        // A label with a non-ASCII character is cased as Unicode cases it.
        #expect(CharsetSniffer.canonicalName("ütf_8") == "ÜTF-8")
    }

    @Test func theDeclarationIsFoundInAnyCaseAndOnlyAtTheStart() {
        func declared(_ text: String) -> String? {
            Array(text.utf8).withUnsafeBytes { CharsetSniffer.xmlDeclarationEncoding($0) }
        }
        #expect(declared("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss/>") == "ISO-8859-1")
        #expect(declared("<?xml version='1.0' ENCODING = 'windows-1252' ?><rss/>") == "windows-1252")
        #expect(declared("<?xml version=\"1.0\"?><rss encoding=\"koi8-r\"/>") == nil)
        #expect(declared(" <?xml version=\"1.0\" encoding=\"koi8-r\"?><rss/>") == nil)
        #expect(declared("<?xml version=\"1.0\" encoding=\"koi8-r\"") == nil)
    }

    @Test func theScanFindsPatternsInAnyCaseUpToTheLastByte() {
        let text = Array("ab<!-- x --><META Charset = utf-8 >".utf8)
        text.withUnsafeBytes { raw in
            // A slice that does not start at 0: offsets are the slice's own.
            let scan = ASCIIScan(raw[2...])
            #expect(scan.find("<") == 0)
            #expect(scan.find("<", from: 1) == 10)
            #expect(scan.find("-->") == 7)
            #expect(scan.find("<meta") == 10)
            #expect(scan.find("charset") == 16)
            #expect(scan.find(">", from: 11) == 32)
            #expect(scan.find("utf-8 >") == 26)
            #expect(scan.find("utf-8 >>") == nil)
            #expect(scan.find("x", from: 33) == nil)
            #expect(scan.starts(with: "<!--"))
            #expect(!scan.starts(with: "<!--", at: 1))
            #expect(scan.startsLowercased(with: "<meta", at: 10))
            #expect(scan.attributeValue(after: 23) == "utf-8")
        }
        for (tag, value) in [("a = \"x y\"", "x y"), ("a='x'", "x"), ("a=x>", "x"), ("a= \"x", "x"), ("a", nil), ("a=", nil)] {
            let bytes = Array(tag.utf8)
            let found = bytes.withUnsafeBytes { ASCIIScan($0[...]).attributeValue(after: 1) }
            #expect(found == value, "\(tag)")
        }
    }

    private func utf32(_ s: String, bigEndian: Bool) -> [UInt8] {
        s.unicodeScalars.flatMap { u -> [UInt8] in
            let v = u.value
            let little = [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)]
            return bigEndian ? little.reversed() : little
        }
    }

    private func latin1(_ s: String) -> [UInt8] {
        s.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
    }
}
