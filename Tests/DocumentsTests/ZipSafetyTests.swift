import Testing
import HostileCorpus
import Documents

/// Hostile packages, made here: each must end in a clear, typed error before anything large
/// is inflated or any part is trusted.
@Suite("ZIP safety")
struct ZipSafetyTests {
    /// A minimal presentation with `slide` as its one slide's XML (an item, so that it can be
    /// a bomb or carry odd flags).
    static func deck(slide: ZipBuilder.Item, extra: [ZipBuilder.Item] = []) -> [UInt8] {
        var zip = ZipBuilder()
        let pml = "application/vnd.openxmlformats-officedocument.presentationml"
        zip.add("[Content_Types].xml", OfficeSamples.contentTypes(main: "/ppt/presentation.xml", mainType: "\(pml).presentation.main+xml"))
        zip.add("_rels/.rels", OfficeSamples.relationships([("rId1", "officeDocument", "ppt/presentation.xml", false)]))
        zip.add("ppt/presentation.xml", """
            <p:presentation xmlns:r="\(OfficeSamples.r)" xmlns:p="\(OfficeSamples.p)"><p:sldIdLst><p:sldId id="256" r:id="rId2"/></p:sldIdLst></p:presentation>
            """)
        zip.add("ppt/_rels/presentation.xml.rels", OfficeSamples.relationships([("rId2", "slide", "slides/slide1.xml", false)]))
        zip.add(slide)
        for item in extra { zip.add(item) }
        return zip.build()
    }

    static let plainSlide = ZipBuilder.Item(name: "ppt/slides/slide1.xml", data: Array("""
        \(OfficeSamples.slideHead)>\(OfficeSamples.tree(OfficeSamples.shape(2, "TextBox 1", textBox: true, paragraphs: OfficeSamples.para("Hej"))))</p:sld>
        """.utf8))

    @Test func theMinimalDeckReads() throws {
        let deck = try PresentationReader().read(Self.deck(slide: Self.plainSlide))
        #expect(deck.slides.map { $0.shapes.map(\.text) } == [["Hej"]])
    }

    @Test(arguments: ["../evil.xml", "ppt/../../evil.xml", "/etc/passwd", "\\windows\\system.ini", "C:\\evil.xml", "ppt\\..\\..\\evil.xml"])
    func pathTraversalNamesAreRefused(name: String) {
        let bytes = Self.deck(slide: Self.plainSlide, extra: [ZipBuilder.Item(name: name, data: Array("x".utf8))])
        #expect(throws: OOXMLError.unsafeEntryName(name)) { try PresentationReader().read(bytes) }
    }

    @Test func aDeflateBombIsRefusedByItsRatio() {
        let size = 10_000_000
        let bomb = ZipBuilder.Item(name: "ppt/slides/slide1.xml", data: ZipBuilder.deflatedZeros(size), method: 8,
                                   uncompressedSize: UInt32(size), crc: CRC32.zeros(size))
        let bytes = Self.deck(slide: bomb)
        #expect(bytes.count < 100_000)
        do {
            _ = try PresentationReader().read(bytes)
            Issue.record("the bomb was read")
        } catch let OOXMLError.limitExceeded(exceeded) {
            #expect(exceeded.limit == .zipCompressionRatio)
            #expect(exceeded.location == "ppt/slides/slide1.xml")
            #expect(exceeded.value > 150 && exceeded.maximum == 100)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func theBombInflatesWhenTheLimitsAllowIt() throws {
        // The same stream is a valid deflate stream: with the ratio check lifted it inflates to
        // exactly its declared size (zeros are not XML, so the parse then fails).
        let size = 2_000_000
        let bomb = ZipBuilder.Item(name: "ppt/slides/slide1.xml", data: ZipBuilder.deflatedZeros(size), method: 8,
                                   uncompressedSize: UInt32(size), crc: CRC32.zeros(size))
        var options = ParseOptions()
        options.limits.zipCompressionRatio = 1_000
        do {
            _ = try PresentationReader(options: options).read(Self.deck(slide: bomb))
            Issue.record("zeros parsed as a slide")
        } catch let OOXMLError.malformedPart(part, _) {
            #expect(part == "ppt/slides/slide1.xml")
        }
    }

    @Test func anEntryThatLiesAboutItsSizeIsStoppedAtTheLie() {
        let bomb = ZipBuilder.Item(name: "ppt/slides/slide1.xml", data: ZipBuilder.deflatedZeros(5_000_000), method: 8,
                                   uncompressedSize: 1_000, crc: 0)
        #expect(throws: OOXMLError.corruptEntry(part: "ppt/slides/slide1.xml", reason: "inflates to more than its declared 1000 bytes")) {
            try PresentationReader().read(Self.deck(slide: bomb))
        }
    }

    @Test func perEntryAndTotalSizeCaps() {
        var small = ParseOptions()
        small.limits.zipEntryBytes = 100
        #expect(throws: OOXMLError.self) { try PresentationReader(options: small).read(Self.deck(slide: Self.plainSlide)) }
        do {
            _ = try PresentationReader(options: small).read(Self.deck(slide: Self.plainSlide))
        } catch let OOXMLError.limitExceeded(exceeded) {
            #expect(exceeded.limit == .zipEntryBytes && exceeded.location == "[Content_Types].xml" && exceeded.maximum == 100)
        } catch {
            Issue.record("unexpected error \(error)")
        }
        var total = ParseOptions()
        total.limits.zipTotalBytes = 500
        #expect(throws: OOXMLError.self) { try PresentationReader(options: total).read(Self.deck(slide: Self.plainSlide)) }
        let declared = ZipBuilder.Item(name: "ppt/media/huge.bin", data: [0], uncompressedSize: 2_000_000_000)
        do {
            _ = try PresentationReader().read(Self.deck(slide: Self.plainSlide, extra: [declared]))
            Issue.record("a 2 GB declared entry was accepted")
        } catch let OOXMLError.limitExceeded(exceeded) {
            #expect(exceeded.limit == .zipTotalBytes && exceeded.value > 2_000_000_000 && exceeded.maximum == 1_000_000_000)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func tooManyEntries() {
        var options = ParseOptions()
        options.limits.zipEntries = 4
        #expect(throws: OOXMLError.limitExceeded(LimitExceeded(.zipEntries, value: 5, maximum: 4))) {
            try PresentationReader(options: options).read(Self.deck(slide: Self.plainSlide))
        }
    }

    @Test func truncatedPackages() {
        let bytes = Self.deck(slide: Self.plainSlide)
        for cut in [bytes.count - 10, bytes.count / 2, 40] {
            #expect(throws: OOXMLError.truncated(detail: "no end-of-central-directory record (the file was cut off)")) {
                try PresentationReader().read(bytes.prefix(cut))
            }
        }
        // The directory survives but an entry's data does not.
        var zip = ZipBuilder()
        zip.add("[Content_Types].xml", "<Types/>")
        var damaged = zip.build()
        damaged.removeSubrange(30 + "[Content_Types].xml".utf8.count..<(30 + "[Content_Types].xml".utf8.count + 4))
        #expect(throws: OOXMLError.self) { try PresentationReader().read(damaged) }
    }

    @Test func encryptedEntriesAreRefused() {
        var slide = Self.plainSlide
        slide.flags = 0x0001
        #expect(throws: OOXMLError.encryptedEntry(part: "ppt/slides/slide1.xml")) {
            try PresentationReader().read(Self.deck(slide: slide))
        }
    }

    @Test func passwordProtectedAndLegacyFiles() {
        let ole: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)
        let name = Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        #expect(throws: OOXMLError.passwordProtected) { try OfficeReader().read(ole + name + [0, 0]) }
        #expect(throws: OOXMLError.legacyBinaryFormat) { try OfficeReader().read(ole) }
        #expect(throws: OOXMLError.notAZipArchive) { try OfficeReader().read(Array("<html><body>Hej</body></html>".utf8)) }
    }

    @Test func corruptData() {
        var slide = Self.plainSlide
        slide.crc = 0xDEAD_BEEF
        #expect(throws: OOXMLError.corruptEntry(part: "ppt/slides/slide1.xml", reason: "CRC-32 mismatch")) {
            try PresentationReader().read(Self.deck(slide: slide))
        }
        let garbage = ZipBuilder.Item(name: "ppt/slides/slide1.xml", data: [0xFF, 0xFF, 0xFF, 0xFF], method: 8, uncompressedSize: 100, crc: 0)
        #expect(throws: OOXMLError.corruptEntry(part: "ppt/slides/slide1.xml", reason: "the deflate stream is invalid")) {
            try PresentationReader().read(Self.deck(slide: garbage))
        }
        // A deflate stream cut before its end marker must not loop.
        let cut = ZipBuilder.Item(name: "ppt/slides/slide1.xml", data: Array(ZipBuilder.deflatedZeros(100_000).prefix(200)), method: 8,
                                  uncompressedSize: 100_000, crc: 0)
        #expect(throws: OOXMLError.corruptEntry(part: "ppt/slides/slide1.xml", reason: "the deflate stream ends before its end marker")) {
            try PresentationReader().read(Self.deck(slide: cut))
        }
        #expect(throws: OOXMLError.unsupportedCompression(part: "ppt/slides/slide1.xml", method: 12)) {
            var bzip = Self.plainSlide
            bzip.method = 12
            return try PresentationReader().read(Self.deck(slide: bzip))
        }
    }

    @Test func duplicateNamesAreRefused() {
        let twin = ZipBuilder.Item(name: "PPT/Slides/Slide1.xml", data: Array("<x/>".utf8))
        #expect(throws: OOXMLError.duplicateEntry("PPT/Slides/Slide1.xml")) {
            try PresentationReader().read(Self.deck(slide: Self.plainSlide, extra: [twin]))
        }
    }

    @Test func xmlPartsGetTheSafeParseOptions() {
        let xxe = ZipBuilder.Item(name: "ppt/slides/slide1.xml", data: Array("""
            <?xml version="1.0"?><!DOCTYPE p:sld [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\
            <p:sld xmlns:p="\(OfficeSamples.p)" xmlns:a="\(OfficeSamples.a)"><a:t>&xxe;</a:t></p:sld>
            """.utf8))
        do {
            _ = try PresentationReader().read(Self.deck(slide: xxe))
            Issue.record("an entity declaration was accepted")
        } catch let OOXMLError.malformedPart(part, error) {
            #expect(part == "ppt/slides/slide1.xml")
            #expect(error == .entityDeclaration(name: "xxe", line: 1))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func missingPartsSayWhichAndWhy() {
        var zip = ZipBuilder()
        zip.add("_rels/.rels", OfficeSamples.relationships([("rId1", "officeDocument", "ppt/presentation.xml", false)]))
        #expect(throws: OOXMLError.missingPart(part: "[Content_Types].xml", neededFor: "an Office Open XML package")) {
            try OfficeReader().read(zip.build())
        }
        var noMain = ZipBuilder()
        noMain.add("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>")
        noMain.add("_rels/.rels", OfficeSamples.relationships([("rId1", "officeDocument", "ppt/presentation.xml", false)]))
        #expect(throws: OOXMLError.missingPart(part: "ppt/presentation.xml", neededFor: "the main document")) {
            try OfficeReader().read(noMain.build())
        }
    }

    @Test func errorsReadWell() {
        #expect(OOXMLError.unsafeEntryName("../evil.xml").description == "unsafe entry name '../evil.xml': absolute paths and '..' are refused")
        #expect(OOXMLError.limitExceeded(LimitExceeded(.zipCompressionRatio, value: 1030, maximum: 100, location: "word/document.xml")).description
            == "word/document.xml: the compression ratio of one package entry is 1030, over the limit of 100 (raise it with --limit zip-compression-ratio=N or ParseLimits.zipCompressionRatio)")
        #expect(OOXMLError.encryptedEntry(part: "ppt/slides/slide1.xml").description.hasPrefix("ppt/slides/slide1.xml: the entry is encrypted"))
    }
}

@Suite("Office format sniffing")
struct OfficeSniffingTests {
    @Test func packagesAreToldApartByTheirParts() {
        #expect(DocumentSniffer.officeFormat(of: OfficeSamples.presentation()) == .pptx)
        #expect(DocumentSniffer.officeFormat(of: OfficeSamples.wordDocument()) == .docx)
        // A damaged package is still recognised, so that its reader can say what is wrong.
        #expect(DocumentSniffer.officeFormat(of: OfficeSamples.wordDocument().dropLast(30)) == .docx)
        var other = ZipBuilder()
        other.add("mimetype", "application/epub+zip")
        #expect(DocumentSniffer.officeFormat(of: other.build()) == nil)
        #expect(DocumentSniffer.officeFormat(of: Array("<html/>".utf8)) == nil)
        #expect(DocumentSniffer.officeFormat(of: [], mediaType: "application/vnd.openxmlformats-officedocument.presentationml.presentation") == .pptx)
        #expect(DocumentSniffer.kind(of: OfficeSamples.presentation()) == .unknown)
    }
}
