public import Markup
import Foundation

/// Reads a Word document (.docx) into a ``WordDocument``, or straight into a ``PageOutline``
/// (sections from headings) so it can be read like a web page.
///
/// Pure: bytes in, value out. The package is checked against ``/Markup/ParseLimits`` before anything is
/// inflated, and every XML part is parsed with the same safe ``/Markup/ParseOptions`` as pages and feeds.
/// Deleted text (tracked changes), field instructions, footnotes, comments and text inside
/// drawings are not read.
public struct WordDocumentReader: Sendable {
    /// Options for the package and every XML part: ``/Markup/ParseOptions/limits`` caps the ZIP package
    /// (entries, sizes, compression ratio) and each part; the defaults are the safe ones pages
    /// and feeds use.
    public var options: ParseOptions

    /// A reader with `options` (the safe defaults unless given).
    public init(options: ParseOptions = ParseOptions()) {
        self.options = options
    }

    /// Reads `bytes`; `url` is where the file is published (relative hyperlinks resolve against it).
    public func read(_ bytes: some Collection<UInt8>, url: String? = nil) throws(OOXMLError) -> WordDocument {
        let package = try OfficePackage(bytes: Array(bytes), options: options)
        return try read(package, url: url)
    }

    /// Reads `bytes` into a page outline: headings open sections; lists, tables and links kept.
    public func outline(_ bytes: some Collection<UInt8>, url: String? = nil) throws(OOXMLError) -> PageOutline {
        try read(bytes, url: url).outline(url: url)
    }

    func read(_ package: OfficePackage, url: String?) throws(OOXMLError) -> WordDocument {
        guard package.mainContentType.contains("wordprocessingml") || package.mainContentType.contains("ms-word") else {
            throw .wrongDocumentType(expected: "Word document (.docx)", contentType: package.mainContentType)
        }
        let main = package.mainPart
        var problems: [String] = []
        let styles = try package.optionalXML(package.firstTarget(ofType: "styles", from: main)).map(WordStyles.init) ?? WordStyles()
        let numbering = try package.optionalXML(package.firstTarget(ofType: "numbering", from: main)).map(WordNumbering.init) ?? WordNumbering()
        let document = try package.xml(main)
        guard let body = document.root?.firstChild("body") else {
            throw .malformedPart(part: main, error: .notWellFormed(message: "no w:body element", line: 0, column: 0))
        }
        let resolver = LinkResolver(pageURL: url, base: nil)
        var reader = BodyReader(package: package, part: main, styles: styles, numbering: numbering, resolver: resolver, prefix: "")
        let blocks = reader.blocks(in: body)

        var headers: [WordHeaderFooter] = []
        var footers: [WordHeaderFooter] = []
        var seen: Set<String> = []
        for sectPr in Self.sectionProperties(in: body) {
            for reference in sectPr.elementChildren where reference.name == "headerReference" || reference.name == "footerReference" {
                let isHeader = reference.name == "headerReference"
                guard let rid = reference.relationshipAttribute("id") else { continue }
                guard let part = try package.target(rid, of: main) else {
                    problems.append("\(isHeader ? "header" : "footer") \(rid): the part is missing")
                    continue
                }
                guard seen.insert(part).inserted else { continue }
                let locator = isHeader ? "header \(headers.count + 1)" : "footer \(footers.count + 1)"
                let partDocument = try package.xml(part)
                var partReader = BodyReader(package: package, part: part, styles: styles, numbering: numbering, resolver: resolver, prefix: locator + ", ")
                let item = WordHeaderFooter(type: reference.attribute("type") ?? "default", part: part,
                                            blocks: partDocument.root.map { partReader.blocks(in: $0) } ?? [], locator: locator)
                if isHeader { headers.append(item) } else { footers.append(item) }
            }
        }
        let core = try package.coreProperties()
        return WordDocument(title: core.title, language: core.language ?? styles.defaultLanguage, body: blocks,
                            headers: headers, footers: footers, problems: problems)
    }
}

extension WordDocumentReader {
    /// The section properties of a body, in order: those closing a section inside a
    /// paragraph's properties, and the body's last one. (Only where Word puts them, so the
    /// whole tree is not searched.)
    static func sectionProperties(in container: MarkupNode) -> [MarkupNode] {
        container.elementChildren.flatMap { node -> [MarkupNode] in
            switch node.name {
            case "sectPr": [node]
            case "p": node.firstChild("pPr")?.firstChild("sectPr").map { [$0] } ?? []
            case "sdt": node.firstChild("sdtContent").map(sectionProperties(in:)) ?? []
            case "customXml", "ins", "moveTo": sectionProperties(in: node)
            default: []
            }
        }
    }
}

/// Walks a body (or a header, footer or table cell) in document order.
private struct BodyReader {
    let package: OfficePackage
    /// The part being read (hyperlink relationships are its own).
    let part: String
    let styles: WordStyles
    let numbering: WordNumbering
    let resolver: LinkResolver
    /// Put before every locator (`header 1, `).
    let prefix: String
    private var paragraphCount = 0
    private var tableCount = 0

    init(package: OfficePackage, part: String, styles: WordStyles, numbering: WordNumbering, resolver: LinkResolver, prefix: String) {
        self.package = package
        self.part = part
        self.styles = styles
        self.numbering = numbering
        self.resolver = resolver
        self.prefix = prefix
    }

    /// Paragraphs and tables directly in `container`, looking through content controls
    /// (`w:sdt`), custom XML and inserted (tracked) content.
    mutating func blocks(in container: MarkupNode) -> [WordBlock] {
        var result: [WordBlock] = []
        for node in container.elementChildren {
            switch node.name {
            case "p":
                paragraphCount += 1
                result.append(.paragraph(paragraph(node, locator: "\(prefix)paragraph \(paragraphCount)")))
            case "tbl":
                tableCount += 1
                result.append(.table(table(node, locator: "\(prefix)table \(tableCount)")))
            case "sdt":
                if let content = node.firstChild("sdtContent") { result += blocks(in: content) }
            case "customXml", "ins", "moveTo":
                result += blocks(in: node)
            case "AlternateContent":
                if let choice = node.firstChild("Choice") ?? node.firstChild("Fallback") { result += blocks(in: choice) }
            default:
                continue
            }
        }
        return result
    }

    // MARK: Paragraphs

    func paragraph(_ p: MarkupNode, locator: String) -> OfficeParagraph {
        let pPr = p.firstChild("pPr")
        let styleID = pPr?.childValue("pStyle") ?? styles.defaultParagraphStyle
        var headingLevel: Int?
        if let outline = pPr?.childValue("outlineLvl").flatMap({ Int($0) }) {
            headingLevel = (0...8).contains(outline) ? outline + 1 : nil
        } else {
            headingLevel = styles.headingLevel(of: styleID)
        }
        var list: OfficeParagraph.ListKind?
        var listID: String?
        var level = 0
        let numPr = pPr?.firstChild("numPr")
        let direct = numPr.flatMap { n in n.childValue("numId").map { ($0, n.childValue("ilvl").flatMap { Int($0) }) } }
        let fromStyle = styles.numbering(of: styleID)
        if let numberingID = direct?.0 ?? fromStyle?.id {
            level = min(max(direct?.1 ?? fromStyle?.level ?? 0, 0), 8)
            list = numbering.kind(numberingID: numberingID, level: level, styles: styles)
            listID = list == nil ? nil : numberingID
        }
        if headingLevel != nil { list = nil; listID = nil }

        var collected = ParagraphText()
        var fields: [Field] = []
        walk(p, into: &collected, fields: &fields, locator: locator)
        let (lines, links) = collected.finish(locator: locator)
        return OfficeParagraph(lines: lines, level: level, list: list, listID: listID, headingLevel: headingLevel.map { min($0, 6) },
                               style: styleID.map(styles.name(of:)), links: links, locator: locator)
    }

    /// A complex field (`w:fldChar` begin … separate … end) being read.
    private struct Field {
        var instruction = ""
        var inResult = false
        var opensLink = false
    }

    private func walk(_ node: MarkupNode, into text: inout ParagraphText, fields: inout [Field], locator: String) {
        for child in node.elementChildren {
            switch child.name {
            case "r":
                run(child, into: &text, fields: &fields, locator: locator)
            case "hyperlink":
                var url: String?
                if let rid = child.relationshipAttribute("id"), let rel = try? package.relationship(rid, of: part), rel.isExternal {
                    var target = rel.target
                    if let anchor = child.attribute("anchor"), !anchor.isEmpty, !target.contains("#") { target += "#" + anchor }
                    url = resolver.resolve(target)
                }
                text.link(url, locator: locator)
                walk(child, into: &text, fields: &fields, locator: locator)
                text.link(nil, locator: locator)
            case "fldSimple":
                let url = Self.hyperlinkTarget(inFieldInstruction: child.attribute("instr") ?? "").flatMap(resolver.resolve)
                text.link(url, locator: locator)
                walk(child, into: &text, fields: &fields, locator: locator)
                if url != nil { text.link(nil, locator: locator) }
            case "ins", "moveTo", "smartTag", "customXml", "bdo", "dir":
                walk(child, into: &text, fields: &fields, locator: locator)
            case "sdt":
                if let content = child.firstChild("sdtContent") { walk(content, into: &text, fields: &fields, locator: locator) }
            default:
                continue
            }
        }
    }

    private func run(_ r: MarkupNode, into text: inout ParagraphText, fields: inout [Field], locator: String) {
        for child in r.elementChildren {
            // Inside a field's instruction nothing is shown; its result is.
            let showing = !fields.contains { !$0.inResult }
            switch child.name {
            case "t":
                if showing { text.append(child.textContent) }
            case "tab", "ptab":
                if showing { text.append("\t") }
            case "br":
                let type = child.attribute("type") ?? "textWrapping"
                if showing, type == "textWrapping" { text.lineBreak() }
            case "cr":
                if showing { text.lineBreak() }
            case "noBreakHyphen":
                if showing { text.append("-") }
            case "fldChar":
                switch child.attribute("fldCharType") {
                case "begin":
                    fields.append(Field())
                case "separate":
                    guard !fields.isEmpty else { break }
                    fields[fields.count - 1].inResult = true
                    if let url = Self.hyperlinkTarget(inFieldInstruction: fields[fields.count - 1].instruction).flatMap(resolver.resolve) {
                        fields[fields.count - 1].opensLink = true
                        text.link(url, locator: locator)
                    }
                case "end":
                    if let field = fields.popLast(), field.opensLink { text.link(nil, locator: locator) }
                default:
                    break
                }
            case "instrText":
                if !fields.isEmpty, !fields[fields.count - 1].inResult { fields[fields.count - 1].instruction += child.textContent }
            default:
                continue
            }
        }
    }

    /// The URL of a `HYPERLINK "…"` field instruction; `nil` for other fields and for links
    /// to a bookmark (`\l`) only.
    static func hyperlinkTarget(inFieldInstruction instruction: String) -> String? {
        let trimmed = instruction.trimmingCharacters(in: .whitespaces)
        guard trimmed.uppercased().hasPrefix("HYPERLINK") else { return nil }
        let rest = trimmed.dropFirst("HYPERLINK".count).trimmingCharacters(in: .whitespaces)
        if rest.hasPrefix("\\l") { return nil }
        if rest.hasPrefix("\"") {
            let body = rest.dropFirst()
            guard let end = body.firstIndex(of: "\"") else { return nil }
            let url = String(body[..<end])
            return url.isEmpty ? nil : url
        }
        let token = rest.prefix { !$0.isWhitespace }
        return token.isEmpty ? nil : String(token)
    }

    // MARK: Tables

    func table(_ tbl: MarkupNode, locator: String) -> TableBlock {
        let look = tbl.firstChild("tblPr")?.firstChild("tblLook")
        let firstRowFromLook: Bool = {
            guard let look else { return false }
            if let flag = look.attribute("firstRow") { return flag == "1" || flag == "true" || flag == "on" }
            if let value = look.attribute("val"), let bits = Int(value, radix: 16) { return bits & 0x0020 != 0 }
            return false
        }()
        var header: [String] = []
        var rows: [TableRow] = []
        let allRows = Self.rows(of: tbl)
        for (r, tr) in allRows.enumerated() {
            let rowLocator = "\(locator), row \(r + 1)"
            let repeatsAsHeader = tr.firstChild("trPr")?.firstChild("tblHeader").map { ($0.attribute("val") ?? "1") != "0" && $0.attribute("val") != "false" } ?? false
            let isHeader = rows.isEmpty && (repeatsAsHeader || (r == 0 && firstRowFromLook && allRows.count > 1))
            var cells: [TableCell] = []
            for (c, tc) in Self.cells(of: tr).enumerated() {
                var cellReader = BodyReader(package: package, part: part, styles: styles, numbering: numbering, resolver: resolver,
                                            prefix: "\(rowLocator), cell \(c + 1), ")
                let blocks = cellReader.blocks(in: tc)
                var texts: [String] = []
                var links: [Link] = []
                for block in blocks {
                    switch block {
                    case let .paragraph(p):
                        texts.append(p.text)
                        links += p.links
                    case let .table(t):
                        texts.append(([t.header.joined(separator: " ")] + t.rows.map { $0.cells.map(\.text).joined(separator: " ") }).joined(separator: " "))
                        links += t.rows.flatMap { $0.cells.flatMap(\.links) }
                    }
                }
                cells.append(TableCell(text: ParagraphText.normalize(texts.filter { !$0.isEmpty }.joined(separator: " ")), isHeader: isHeader, links: links))
            }
            if isHeader {
                // Several header rows (repeated at the top of each page) merge column by column.
                header = header.isEmpty ? cells.map(\.text) : zip(header, cells.map(\.text)).map { [$0, $1].filter { !$0.isEmpty }.joined(separator: " ") }
            } else {
                rows.append(TableRow(cells: cells, locator: rowLocator))
            }
        }
        return TableBlock(caption: tbl.firstChild("tblPr")?.childValue("tblCaption"), header: header, rows: rows, locator: locator)
    }

    /// `w:tr` children, looking through content controls and custom XML around rows.
    private static func rows(of tbl: MarkupNode) -> [MarkupNode] {
        tbl.elementChildren.flatMap { node -> [MarkupNode] in
            switch node.name {
            case "tr": [node]
            case "sdt": node.firstChild("sdtContent").map(rows(of:)) ?? []
            case "customXml": rows(of: node)
            default: []
            }
        }
    }

    private static func cells(of tr: MarkupNode) -> [MarkupNode] {
        tr.elementChildren.flatMap { node -> [MarkupNode] in
            switch node.name {
            case "tc": [node]
            case "sdt": node.firstChild("sdtContent").map(cells(of:)) ?? []
            case "customXml": cells(of: node)
            default: []
            }
        }
    }
}
