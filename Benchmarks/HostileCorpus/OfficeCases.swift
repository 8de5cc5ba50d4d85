/// Hostile .docx and .pptx packages.
enum OfficeCases {
    static let wml = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    static func package(document: String, extra: [ZipBuilder.Item] = []) -> ZipBuilder {
        var zip = ZipBuilder()
        zip.add("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
            """)
        zip.add("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
            """)
        zip.add("word/document.xml", document)
        for item in extra { zip.add(item) }
        return zip
    }

    static let plainDocument = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"\(wml)\"><w:body><w:p><w:r><w:t>Växtplats Blekinge</w:t></w:r></w:p></w:body></w:document>"

    static func cases(secretPath: String) -> [HostileCase] {
        var cases: [HostileCase] = []
        func add(_ name: String, _ zip: ZipBuilder, expect: String) {
            cases.append(HostileCase(name, .office, zip.build(), expect: expect))
        }
        add("docx-plain", package(document: plainDocument), expect: "read")
        let size = 50_000_000
        var bomb = package(document: plainDocument)
        bomb.items[2] = ZipBuilder.Item(name: "word/document.xml", data: ZipBuilder.deflatedZeros(size), method: 8, uncompressedSize: UInt32(size), crc: CRC32.zeros(size))
        add("zip-bomb", bomb, expect: "limit:zip-compression-ratio")
        add("zip-entry-dot-dot", package(document: plainDocument, extra: [ZipBuilder.Item(name: "../../evil.xml", data: Array("x".utf8))]), expect: "unsafe-entry-name")
        add("zip-entry-absolute", package(document: plainDocument, extra: [ZipBuilder.Item(name: "/etc/cron.d/evil", data: Array("x".utf8))]), expect: "unsafe-entry-name")
        add("zip-duplicate-entry", package(document: plainDocument, extra: [ZipBuilder.Item(name: "word/document.xml", data: Array("<x/>".utf8))]), expect: "duplicate-entry")
        var encrypted = package(document: plainDocument)
        encrypted.items[2].flags = 0x0001
        add("zip-encrypted-entry", encrypted, expect: "encrypted")
        var truncated = package(document: plainDocument).build()
        truncated.removeLast(truncated.count / 3)
        cases.append(HostileCase("zip-truncated", .office, truncated, expect: "truncated"))
        let xxe = "<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM \"file://\(secretPath)\">]>"
            + "<w:document xmlns:w=\"\(wml)\"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"
        add("ooxml-part-xxe", package(document: xxe), expect: "malformed-part:entity-declaration")
        return cases
    }
}
