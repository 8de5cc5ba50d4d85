import HostileCorpus

/// Small Office packages written in the tests, for what the external fixtures do not show:
/// Swedish text, slide order that differs from file names, inherited bullets at several
/// levels, heading styles named `Rubrik1`, Word numbering, fields and tracked changes.
enum OfficeSamples {
    static let p = "http://schemas.openxmlformats.org/presentationml/2006/main"
    static let a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    static let r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let c = "http://schemas.openxmlformats.org/drawingml/2006/chart"
    static let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let pkg = "http://schemas.openxmlformats.org/package/2006/relationships"

    static func relationships(_ items: [(id: String, type: String, target: String, external: Bool)]) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"\(pkg)\">"
            + items.map { "<Relationship Id=\"\($0.id)\" Type=\"\(rel)/\($0.type)\" Target=\"\($0.target)\"\($0.external ? " TargetMode=\"External\"" : "")/>" }.joined()
            + "</Relationships>"
    }

    static func contentTypes(main: String, mainType: String, overrides: [(String, String)] = []) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="\(main)" ContentType="\(mainType)"/>\
        \(overrides.map { "<Override PartName=\"\($0.0)\" ContentType=\"\($0.1)\"/>" }.joined())</Types>
        """
    }

    // MARK: - Presentation

    static func shape(_ id: Int, _ name: String, ph: String? = nil, textBox: Bool = false, listStyle: String = "", paragraphs: String) -> String {
        """
        <p:sp><p:nvSpPr><p:cNvPr id="\(id)" name="\(name)"/><p:cNvSpPr\(textBox ? " txBox=\"1\"" : "")/><p:nvPr>\(ph ?? "")</p:nvPr></p:nvSpPr>\
        <p:spPr/><p:txBody><a:bodyPr/><a:lstStyle>\(listStyle)</a:lstStyle>\(paragraphs)</p:txBody></p:sp>
        """
    }

    static func para(_ text: String, level: Int? = nil, bullet: String = "") -> String {
        let pPr = level == nil && bullet.isEmpty ? "" : "<a:pPr\(level.map { " lvl=\"\($0)\"" } ?? "")>\(bullet)</a:pPr>"
        return "<a:p>\(pPr)<a:r><a:rPr lang=\"sv-SE\"/><a:t>\(text)</a:t></a:r></a:p>"
    }

    static func tree(_ shapes: String) -> String {
        "<p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>\(shapes)</p:spTree></p:cSld>"
    }

    static let slideHead = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><p:sld xmlns:a=\"\(a)\" xmlns:r=\"\(r)\" xmlns:p=\"\(p)\""

    /// A three-slide deck. The presentation lists `slide2.xml` first, then `slide1.xml`, then
    /// the hidden `slide3.xml`.
    static func presentation() -> [UInt8] {
        var zip = ZipBuilder()
        let pml = "application/vnd.openxmlformats-officedocument.presentationml"
        zip.add("[Content_Types].xml", contentTypes(main: "/ppt/presentation.xml", mainType: "\(pml).presentation.main+xml", overrides: [
            ("/ppt/slides/slide1.xml", "\(pml).slide+xml"), ("/ppt/slides/slide2.xml", "\(pml).slide+xml"), ("/ppt/slides/slide3.xml", "\(pml).slide+xml"),
        ]))
        zip.add("_rels/.rels", relationships([
            ("rId1", "officeDocument", "ppt/presentation.xml", false),
            ("rId2", "metadata/core-properties", "docProps/core.xml", false),
        ]).replacingOccurrences(of: "\(rel)/metadata", with: "http://schemas.openxmlformats.org/package/2006/relationships/metadata"))
        zip.add("docProps/core.xml", """
            <?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
            xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Uppföljning av Växtplats Blekinge</dc:title><dc:language>sv-SE</dc:language></cp:coreProperties>
            """)
        zip.add("ppt/presentation.xml", """
            <?xml version="1.0" encoding="UTF-8"?><p:presentation xmlns:a="\(a)" xmlns:r="\(r)" xmlns:p="\(p)">\
            <p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst>\
            <p:sldIdLst><p:sldId id="256" r:id="rId3"/><p:sldId id="257" r:id="rId2"/><p:sldId id="258" r:id="rId4"/></p:sldIdLst></p:presentation>
            """)
        zip.add("ppt/_rels/presentation.xml.rels", relationships([
            ("rId1", "slideMaster", "slideMasters/slideMaster1.xml", false),
            ("rId2", "slide", "slides/slide1.xml", false),
            ("rId3", "slide", "slides/slide2.xml", false),
            ("rId4", "slide", "/ppt/slides/slide3.xml", false),
        ]))
        zip.add("ppt/slideMasters/slideMaster1.xml", """
            <?xml version="1.0" encoding="UTF-8"?><p:sldMaster xmlns:a="\(a)" xmlns:r="\(r)" xmlns:p="\(p)">\
            \(tree(shape(2, "Title Placeholder 1", ph: "<p:ph type=\"title\"/>", paragraphs: para("Rubrik")) + shape(3, "Text Placeholder 2", ph: "<p:ph type=\"body\" idx=\"1\"/>", paragraphs: para("Text"))))\
            <p:txStyles><p:titleStyle><a:lvl1pPr><a:buNone/></a:lvl1pPr></p:titleStyle>\
            <p:bodyStyle><a:lvl1pPr><a:buChar char="•"/></a:lvl1pPr><a:lvl2pPr><a:buChar char="–"/></a:lvl2pPr><a:lvl3pPr><a:buChar char="•"/></a:lvl3pPr></p:bodyStyle>\
            <p:otherStyle><a:lvl1pPr/></p:otherStyle></p:txStyles></p:sldMaster>
            """)
        zip.add("ppt/slideMasters/_rels/slideMaster1.xml.rels", relationships([("rId1", "slideLayout", "../slideLayouts/slideLayout1.xml", false)]))
        zip.add("ppt/slideLayouts/slideLayout1.xml", """
            <?xml version="1.0" encoding="UTF-8"?><p:sldLayout xmlns:a="\(a)" xmlns:r="\(r)" xmlns:p="\(p)">\
            \(tree(shape(2, "Title 1", ph: "<p:ph type=\"title\"/>", paragraphs: para("Rubrik"))
                + shape(3, "Content 2", ph: "<p:ph idx=\"1\"/>", paragraphs: para("Innehåll"))
                + shape(4, "Text 3", ph: "<p:ph type=\"body\" idx=\"2\"/>", listStyle: "<a:lvl1pPr><a:buNone/></a:lvl1pPr>", paragraphs: para("Text"))))</p:sldLayout>
            """)
        zip.add("ppt/slideLayouts/_rels/slideLayout1.xml.rels", relationships([("rId1", "slideMaster", "../slideMasters/slideMaster1.xml", false)]))

        // Presentation slide 1.
        let link = "<a:p><a:r><a:rPr lang=\"sv-SE\"/><a:t>Läs mer på </a:t></a:r><a:r><a:rPr lang=\"sv-SE\"><a:hlinkClick r:id=\"rId5\"/></a:rPr><a:t>regionens webbplats</a:t></a:r></a:p>"
        let group = """
            <p:grpSp><p:nvGrpSpPr><p:cNvPr id="20" name="Yttre grupp"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>\
            <p:grpSp><p:nvGrpSpPr><p:cNvPr id="21" name="Inre grupp"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>\
            \(shape(22, "Inner", textBox: true, paragraphs: para("Inre gruppens text")))</p:grpSp>\
            \(shape(23, "Outer", paragraphs: para("Yttre gruppens text")))</p:grpSp>
            """
        zip.add("ppt/slides/slide2.xml", slideHead + ">" + tree(
            shape(2, "Title 1", ph: "<p:ph type=\"title\"/>", paragraphs: para("Växtplats Blekinge – uppföljning 2023"))
                + shape(3, "Content 2", ph: "<p:ph idx=\"1\"/>", paragraphs:
                    para("Attraktiva livsmiljöer") + para("Hållbar samhällsplanering", level: 1) + para("Hög livskvalitet", level: 1)
                    + "<a:p><a:pPr lvl=\"1\"/></a:p>" + para("Kompetensförsörjning", level: 0))
                + shape(4, "Text 3", ph: "<p:ph type=\"body\" idx=\"2\"/>", paragraphs: para("Ingen punkt här"))
                + shape(5, "TextBox 4", textBox: true, paragraphs:
                    para("Första steget", bullet: "<a:buAutoNum type=\"arabicPeriod\"/>") + para("Andra steget", bullet: "<a:buAutoNum type=\"arabicPeriod\"/>"))
                + group
                + "<p:sp><p:nvSpPr><p:cNvPr id=\"6\" name=\"TextBox 5\"/><p:cNvSpPr txBox=\"1\"/><p:nvPr/></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/>\(link)</p:txBody></p:sp>"
                + shape(7, "Slide Number 6", ph: "<p:ph type=\"sldNum\" idx=\"12\"/>", paragraphs: "<a:p><a:fld id=\"{1}\" type=\"slidenum\"><a:t>1</a:t></a:fld></a:p>")
        ) + "</p:sld>")
        zip.add("ppt/slides/_rels/slide2.xml.rels", relationships([
            ("rId1", "slideLayout", "../slideLayouts/slideLayout1.xml", false),
            ("rId5", "hyperlink", "https://www.regionblekinge.se/vaxtplats", true),
            ("rId6", "notesSlide", "../notesSlides/notesSlide1.xml", false),
        ]))
        zip.add("ppt/notesSlides/notesSlide1.xml", """
            <?xml version="1.0" encoding="UTF-8"?><p:notes xmlns:a="\(a)" xmlns:r="\(r)" xmlns:p="\(p)">\
            \(tree("<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"Slide Image\"/><p:cNvSpPr/><p:nvPr><p:ph type=\"sldImg\"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp>"
                + shape(3, "Notes 2", ph: "<p:ph type=\"body\" idx=\"1\"/>", paragraphs: para("Tala om delmålen först.") + para("Sedan om budgeten."))
                + shape(4, "Number 3", ph: "<p:ph type=\"sldNum\" idx=\"5\"/>", paragraphs: para("1"))))</p:notes>
            """)

        // Presentation slide 2: a table and a chart.
        func cell(_ text: String) -> String { "<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>\(para(text))</a:txBody><a:tcPr/></a:tc>" }
        func row(_ cells: [String]) -> String { "<a:tr h=\"370840\">\(cells.map(cell).joined())</a:tr>" }
        let table = """
            <p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="4" name="Tabell 3"/><p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr><p:xfrm/>\
            <a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table"><a:tbl><a:tblPr firstRow="1" bandRow="1"/><a:tblGrid/>\
            \(row(["Indikator", "2019", "2022"]))\(row(["Sysselsättning", "78,1 %", "79,4 %"]))\(row(["Befolkning", "159 606", "156 253"]))\
            </a:tbl></a:graphicData></a:graphic></p:graphicFrame>
            """
        let chart = """
            <p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="5" name="Diagram 4"/><p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr><p:xfrm/>\
            <a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="\(c)" r:id="rId2"/></a:graphicData></a:graphic></p:graphicFrame>
            """
        zip.add("ppt/slides/slide1.xml", slideHead + ">" + tree(
            shape(2, "Title 1", ph: "<p:ph type=\"title\"/>", paragraphs: para("Indikatorer")) + table + chart
        ) + "</p:sld>")
        zip.add("ppt/slides/_rels/slide1.xml.rels", relationships([
            ("rId1", "slideLayout", "../slideLayouts/slideLayout1.xml", false),
            ("rId2", "chart", "../charts/chart1.xml", false),
        ]))
        func points(_ values: [String], count: Int) -> String {
            "<c:ptCount val=\"\(count)\"/>" + values.enumerated().map { "<c:pt idx=\"\($0.offset)\"><c:v>\($0.element)</c:v></c:pt>" }.joined()
        }
        zip.add("ppt/charts/chart1.xml", """
            <?xml version="1.0" encoding="UTF-8"?><c:chartSpace xmlns:c="\(c)" xmlns:a="\(a)" xmlns:r="\(r)"><c:chart>\
            <c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>Befolkning i Blekinge</a:t></a:r></a:p></c:rich></c:tx></c:title>\
            <c:plotArea><c:lineChart><c:ser><c:idx val="0"/><c:order val="0"/>\
            <c:tx><c:strRef><c:f>Blad1!$B$1</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>Invånare</c:v></c:pt></c:strCache></c:strRef></c:tx>\
            <c:cat><c:strRef><c:f>Blad1!$A$2:$A$5</c:f><c:strCache>\(points(["2019", "2020", "2021", "2022"], count: 4))</c:strCache></c:strRef></c:cat>\
            <c:val><c:numRef><c:f>Blad1!$B$2:$B$5</c:f><c:numCache><c:formatCode>General</c:formatCode>\(points(["159606", "159684", "158453"], count: 4))</c:numCache></c:numRef></c:val>\
            </c:ser></c:lineChart></c:plotArea></c:chart></c:chartSpace>
            """)

        // Presentation slide 3: hidden, no title.
        zip.add("ppt/slides/slide3.xml", slideHead + " show=\"0\">" + tree(
            shape(2, "TextBox 1", textBox: true, paragraphs: para("Bilaga"))
        ) + "</p:sld>")
        zip.add("ppt/slides/_rels/slide3.xml.rels", relationships([("rId1", "slideLayout", "../slideLayouts/slideLayout1.xml", false)]))
        return zip.build()
    }

    // MARK: - Word

    static func wp(_ style: String?, _ runs: String, numbering: (id: Int, level: Int)? = nil, extra: String = "") -> String {
        let numPr = numbering.map { "<w:numPr><w:ilvl w:val=\"\($0.level)\"/><w:numId w:val=\"\($0.id)\"/></w:numPr>" } ?? ""
        let pPr = style == nil && numPr.isEmpty && extra.isEmpty ? "" : "<w:pPr>\(style.map { "<w:pStyle w:val=\"\($0)\"/>" } ?? "")\(numPr)\(extra)</w:pPr>"
        return "<w:p>\(pPr)\(runs)</w:p>"
    }

    static func run(_ text: String) -> String { "<w:r><w:t xml:space=\"preserve\">\(text)</w:t></w:r>" }

    /// A document holding only `body` (no styles, no numbering).
    static func minimalWord(body: String) -> [UInt8] {
        var zip = ZipBuilder()
        zip.add("[Content_Types].xml", contentTypes(main: "/word/document.xml", mainType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"))
        zip.add("_rels/.rels", relationships([("rId1", "officeDocument", "word/document.xml", false)]))
        zip.add("word/document.xml", "<w:document xmlns:w=\"\(w)\" xmlns:r=\"\(r)\"><w:body>\(body)</w:body></w:document>")
        return zip.build()
    }

    /// A report with a title, Swedish heading styles, bulleted and numbered lists, a table, a
    /// hyperlink, a field, tracked changes, a content control, a header and a footer.
    static func wordDocument() -> [UInt8] {
        var zip = ZipBuilder()
        let wml = "application/vnd.openxmlformats-officedocument.wordprocessingml"
        zip.add("[Content_Types].xml", contentTypes(main: "/word/document.xml", mainType: "\(wml).document.main+xml"))
        zip.add("_rels/.rels", relationships([("rId1", "officeDocument", "word/document.xml", false)]))
        zip.add("word/_rels/document.xml.rels", relationships([
            ("rId1", "styles", "styles.xml", false),
            ("rId2", "numbering", "numbering.xml", false),
            ("rId10", "hyperlink", "https://www.regionblekinge.se/", true),
            ("rId20", "header", "header1.xml", false),
            ("rId21", "footer", "footer1.xml", false),
        ]))
        zip.add("word/styles.xml", """
            <?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="\(w)">\
            <w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="sv-SE"/></w:rPr></w:rPrDefault></w:docDefaults>\
            <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>\
            <w:style w:type="paragraph" w:styleId="Rubrik"><w:name w:val="Title"/><w:basedOn w:val="Normal"/></w:style>\
            <w:style w:type="paragraph" w:styleId="Rubrik1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/></w:style>\
            <w:style w:type="paragraph" w:styleId="Rubrik2"><w:name w:val="Rubrik 2 (egen)"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>\
            <w:style w:type="paragraph" w:styleId="Liststycke"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/></w:style>\
            <w:style w:type="paragraph" w:styleId="Punktlista"><w:name w:val="List Bullet"/><w:basedOn w:val="Liststycke"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>\
            <w:style w:type="character" w:styleId="Hyperlank"><w:name w:val="Hyperlink"/></w:style>\
            </w:styles>
            """)
        zip.add("word/numbering.xml", """
            <?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="\(w)">\
            <w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>\
            <w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/><w:lvlText w:val="o"/></w:lvl></w:abstractNum>\
            <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>\
            <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>\
            </w:numbering>
            """)
        func cell(_ text: String) -> String { "<w:tc><w:tcPr/>\(wp(nil, run(text)))</w:tc>" }
        let table = """
            <w:tbl><w:tblPr><w:tblStyle w:val="Tabellrutnat"/><w:tblLook w:val="04A0" w:firstRow="1"/></w:tblPr><w:tblGrid/>\
            <w:tr>\(cell("År"))\(cell("Belopp"))</w:tr><w:tr>\(cell("2024"))\(cell("24,3 mnkr"))</w:tr><w:tr>\(cell("2025"))\(cell("25,0 mnkr"))</w:tr></w:tbl>
            """
        let body = [
            wp("Rubrik", run("Regional utvecklingsstrategi")),
            wp(nil, run("Inledande text.")),
            wp("Rubrik1", run("Prioriterade områden")),
            wp("Liststycke", run("Attraktiva livsmiljöer"), numbering: (1, 0)),
            wp("Liststycke", run("Hållbar samhällsplanering"), numbering: (1, 1)),
            wp("Punktlista", run("Kompetensförsörjning")),
            wp("Liststycke", run("Första målet"), numbering: (2, 0)),
            wp("Liststycke", run("Andra målet"), numbering: (2, 0)),
            wp("Rubrik2", run("Finansiering")),
            wp(nil, run("Läs mer på ") + "<w:hyperlink r:id=\"rId10\" w:history=\"1\"><w:r><w:rPr><w:rStyle w:val=\"Hyperlank\"/></w:rPr><w:t>regionens webbplats</w:t></w:r></w:hyperlink>" + run(".")),
            table,
            wp(nil, "<w:del w:id=\"1\" w:author=\"A\"><w:r><w:delText>borttagen </w:delText></w:r></w:del>"
                + "<w:ins w:id=\"2\" w:author=\"A\">\(run("tillagd text, "))</w:ins>"
                + "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> HYPERLINK \"https://example.se/falt\" </w:instrText></w:r>"
                + "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>\(run("fältlänk"))<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"),
            "<w:sdt><w:sdtPr/><w:sdtContent>\(wp(nil, run("I en innehållskontroll")))</w:sdtContent></w:sdt>",
            wp(nil, run("Direkt nivå"), extra: "<w:outlineLvl w:val=\"2\"/>"),
            wp(nil, run("Rad ett") + "<w:r><w:br/><w:t>Rad två</w:t><w:tab/><w:t>efter tabb</w:t></w:r>"),
        ].joined()
        zip.add("word/document.xml", """
            <?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="\(w)" xmlns:r="\(r)"><w:body>\(body)\
            <w:sectPr><w:headerReference w:type="default" r:id="rId20"/><w:footerReference w:type="default" r:id="rId21"/></w:sectPr></w:body></w:document>
            """)
        zip.add("word/header1.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:hdr xmlns:w=\"\(w)\" xmlns:r=\"\(r)\">\(wp(nil, run("Region Blekinge")))</w:hdr>")
        zip.add("word/footer1.xml", """
            <?xml version="1.0" encoding="UTF-8"?><w:ftr xmlns:w="\(w)" xmlns:r="\(r)">\
            \(wp(nil, run("Sida ") + "<w:fldSimple w:instr=\" PAGE \"><w:r><w:t>1</w:t></w:r></w:fldSimple>"))</w:ftr>
            """)
        return zip.build()
    }
}
