public import Markup

/// Reads a PowerPoint presentation (.pptx) into a ``Presentation``, or straight into a
/// ``PageOutline`` (one section per slide) so it can be read like a web page.
///
/// Pure: bytes in, value out. The package is checked against ``/Markup/ParseLimits`` before anything is
/// inflated, and every XML part is parsed with the same safe ``/Markup/ParseOptions`` as pages and feeds.
public struct PresentationReader: Sendable {
    /// Options for the package and every XML part: ``/Markup/ParseOptions/limits`` caps the ZIP package
    /// (entries, sizes, compression ratio) and each part; the defaults are the safe ones pages
    /// and feeds use.
    public var options: ParseOptions

    /// A reader with `options` (the safe defaults unless given).
    public init(options: ParseOptions = ParseOptions()) {
        self.options = options
    }

    /// Reads `bytes`; `url` is where the file is published (relative hyperlinks resolve against it).
    public func read(_ bytes: some Collection<UInt8>, url: String? = nil) throws(OOXMLError) -> Presentation {
        let package = try OfficePackage(bytes: Array(bytes), options: options)
        return try read(package, url: url)
    }

    /// Reads `bytes` into a page outline: one level-1 section per slide, headed by its title.
    public func outline(_ bytes: some Collection<UInt8>, url: String? = nil) throws(OOXMLError) -> PageOutline {
        try read(bytes, url: url).outline(url: url)
    }

    func read(_ package: OfficePackage, url: String?) throws(OOXMLError) -> Presentation {
        guard package.mainContentType.contains("presentationml") || package.mainContentType.contains("ms-powerpoint") else {
            throw .wrongDocumentType(expected: "PowerPoint presentation (.pptx)", contentType: package.mainContentType)
        }
        var context = Context(package: package, resolver: LinkResolver(pageURL: url, base: nil))
        let presentationPart = package.mainPart
        let presentation = try package.xml(presentationPart)
        context.defaultTextStyle = DrawingBullet.levels(of: presentation.root?.firstChild("defaultTextStyle"))
        let core = try package.coreProperties()
        var slides: [Slide] = []
        let ids = presentation.root?.firstChild("sldIdLst")?.children("sldId") ?? []
        for (offset, sldId) in ids.enumerated() {
            let number = offset + 1
            guard let rid = sldId.relationshipAttribute("id"), let rel = try package.relationship(rid, of: presentationPart),
                  let part = rel.part else {
                context.problems.append("slide \(number): the slide list names no slide part")
                continue
            }
            guard package.has(part) else {
                context.problems.append("slide \(number): the part '\(part)' is missing")
                continue
            }
            slides.append(try context.readSlide(part: part, number: number))
        }
        // The language: the document properties', else the default text style's.
        let defaults = presentation.root?.firstChild("defaultTextStyle")
        let defaultLanguage = [defaults?.firstChild("defPPr"), defaults?.firstChild("lvl1pPr")].lazy
            .compactMap { $0?.firstChild("defRPr")?.attribute("lang") }.first { !$0.isEmpty }
        return Presentation(title: core.title, language: core.language ?? defaultLanguage, slides: slides, problems: context.problems)
    }
}

/// Per-read state: the package, caches of layouts and masters, problems found.
private struct Context {
    let package: OfficePackage
    let resolver: LinkResolver
    var defaultTextStyle: [Int: DrawingBullet] = [:]
    var problems: [String] = []
    private var layouts: [String: LayoutInfo] = [:]
    private var masters: [String: MasterInfo] = [:]

    init(package: OfficePackage, resolver: LinkResolver) {
        self.package = package
        self.resolver = resolver
    }

    struct PlaceholderInfo {
        var type: String
        var idx: String
        var bullets: [Int: DrawingBullet]
    }

    struct LayoutInfo {
        var placeholders: [PlaceholderInfo]
        var master: String?
    }

    struct MasterInfo {
        var placeholders: [PlaceholderInfo]
        var titleStyle: [Int: DrawingBullet]
        var bodyStyle: [Int: DrawingBullet]
        var otherStyle: [Int: DrawingBullet]
    }

    // MARK: Slides

    mutating func readSlide(part: String, number: Int) throws(OOXMLError) -> Slide {
        let document = try package.xml(part)
        let root = document.root
        let layoutPart = try package.firstTarget(ofType: "slideLayout", from: part)
        let layout = try layoutPart.map { (p) throws(OOXMLError) in try layoutInfo(p) }
        let master = try layout?.master.map { (p) throws(OOXMLError) in try masterInfo(p) }
        let locator = "slide \(number)"
        var shapes: [SlideShape] = []
        if let tree = root?.firstChild("cSld")?.firstChild("spTree") {
            try collectShapes(in: tree, slidePart: part, slideLocator: locator, groups: [], layout: layout, master: master, into: &shapes)
        }
        let title = shapes.first { $0.placeholder == "title" || $0.placeholder == "ctrTitle" }
            .map { $0.paragraphs.map(\.text).filter { !$0.isEmpty }.joined(separator: " ") }
            .flatMap { $0.isEmpty ? nil : $0 }
        let notes = try readNotes(of: part, locator: locator)
        return Slide(number: number, part: part, isHidden: root?.attribute("show") == "0", title: title, shapes: shapes, notes: notes)
    }

    /// Walks a shape tree in document order, flattening groups; each leaf shape gets the next index.
    private mutating func collectShapes(in tree: MarkupNode, slidePart: String, slideLocator: String, groups: [String],
                                        layout: LayoutInfo?, master: MasterInfo?, into shapes: inout [SlideShape]) throws(OOXMLError) {
        for node in tree.elementChildren {
            switch node.name {
            case "grpSp":
                let name = node.firstChild("nvGrpSpPr")?.firstChild("cNvPr")?.attribute("name") ?? ""
                try collectShapes(in: node, slidePart: slidePart, slideLocator: slideLocator, groups: groups + [name], layout: layout, master: master, into: &shapes)
            case "AlternateContent":
                // Markup compatibility: read the first choice (the fallback repeats it for old readers).
                if let choice = node.firstChild("Choice") ?? node.firstChild("Fallback") {
                    try collectShapes(in: choice, slidePart: slidePart, slideLocator: slideLocator, groups: groups, layout: layout, master: master, into: &shapes)
                }
            case "sp", "pic", "graphicFrame", "cxnSp", "contentPart":
                let index = shapes.count + 1
                let shape = try readShape(node, index: index, slidePart: slidePart, locator: "\(slideLocator), shape \(index)",
                                          groups: groups, layout: layout, master: master)
                shapes.append(shape)
            default:
                continue
            }
        }
    }

    private mutating func readShape(_ node: MarkupNode, index: Int, slidePart: String, locator: String, groups: [String],
                                    layout: LayoutInfo?, master: MasterInfo?) throws(OOXMLError) -> SlideShape {
        let properties = node.elementChildren.first { $0.name.hasPrefix("nv") }
        let cNvPr = properties?.firstChild("cNvPr")
        let name = cNvPr?.attribute("name") ?? ""
        let ph = properties?.firstChild("nvPr")?.firstChild("ph")
        let placeholderType = ph.map { $0.attribute("type") ?? "obj" }
        var shape = SlideShape(index: index, kind: .other, name: name, placeholder: placeholderType, groups: groups, locator: locator)
        let reader = textReader(slidePart: slidePart, placeholder: ph, layout: layout, master: master)

        switch node.name {
        case "sp":
            shape.kind = .shape
            if let body = node.firstChild("txBody") {
                shape.paragraphs = reader.paragraphs(of: body, locator: locator)
            }
            // A click action on the whole shape links its text.
            if let rid = cNvPr?.firstChild("hlinkClick")?.relationshipAttribute("id"), let url = linkTarget(rid, of: slidePart),
               let first = shape.paragraphs.indices.first {
                shape.paragraphs[first].links.insert(Link(text: shape.text, url: url, locator: locator), at: 0)
            }
        case "pic":
            shape.kind = .picture
            let description = cNvPr?.attribute("descr").map(TextNormalizer.normalize) ?? ""
            shape.altText = description.isEmpty ? nil : description
        case "cxnSp":
            shape.kind = .connector
        case "graphicFrame":
            guard let data = node.firstChild("graphic")?.firstChild("graphicData") else { break }
            let uri = data.attribute("uri") ?? ""
            if uri.hasSuffix("/table"), let table = data.firstChild("tbl") {
                shape.kind = .table
                shape.table = readTable(table, slidePart: slidePart, locator: locator)
            } else if uri.hasSuffix("/chart"), let chart = data.firstChild("chart") {
                shape.kind = .chart
                shape.chart = try readChart(chart.relationshipAttribute("id"), slidePart: slidePart, locator: locator)
            } else if uri.hasSuffix("/diagram"), let ids = data.firstChild("relIds") {
                shape.kind = .diagram
                shape.paragraphs = try readDiagram(ids.relationshipAttribute("dm"), slidePart: slidePart, locator: locator)
            }
        default:
            break
        }
        return shape
    }

    /// A text reader whose bullets inherit as PowerPoint's do: the shape's list style, then the
    /// matching layout placeholder, the master placeholder, and the master's text style for the
    /// placeholder's kind; shapes that are not placeholders inherit the presentation's default.
    private func textReader(slidePart: String, placeholder ph: MarkupNode?, layout: LayoutInfo?, master: MasterInfo?) -> DrawingTextReader {
        var chain: [[Int: DrawingBullet]] = []
        if let ph {
            let type = ph.attribute("type") ?? "obj"
            let idx = ph.attribute("idx") ?? "0"
            let family = Self.family(of: type)
            if let layout {
                let match = layout.placeholders.first { $0.idx == idx } ?? layout.placeholders.first { Self.family(of: $0.type) == family }
                if let match { chain.append(match.bullets) }
            }
            if let master {
                if let match = master.placeholders.first(where: { Self.family(of: $0.type) == family }) { chain.append(match.bullets) }
                switch family {
                case "title": chain.append(master.titleStyle)
                case "body": chain.append(master.bodyStyle)
                default: chain.append(master.otherStyle)
                }
            }
        } else {
            chain.append(defaultTextStyle)
        }
        let package = package
        let resolver = resolver
        return DrawingTextReader(inherited: chain) { rid in
            Self.linkTarget(rid, of: slidePart, package: package, resolver: resolver)
        }
    }

    /// Placeholder types that share a master style: titles, body-like, and the rest.
    private static func family(of type: String) -> String {
        switch type {
        case "title", "ctrTitle": "title"
        case "body", "obj", "subTitle", "chart", "tbl", "clipArt", "dgm", "media", "pic": "body"
        default: type
        }
    }

    private func linkTarget(_ rid: String, of part: String) -> String? {
        Self.linkTarget(rid, of: part, package: package, resolver: resolver)
    }

    /// An external hyperlink target, absolute; jumps inside the presentation give `nil`.
    private static func linkTarget(_ rid: String, of part: String, package: OfficePackage, resolver: LinkResolver) -> String? {
        guard !rid.isEmpty, let rel = try? package.relationship(rid, of: part), rel.isExternal else { return nil }
        return resolver.resolve(rel.target)
    }

    // MARK: Tables, charts, diagrams

    private func readTable(_ table: MarkupNode, slidePart: String, locator: String) -> TableBlock {
        let reader = DrawingTextReader(inherited: []) { rid in Self.linkTarget(rid, of: slidePart, package: package, resolver: resolver) }
        // The table style's first row is the header, when there are rows below it.
        let firstRowIsHeader = table.firstChild("tblPr")?.attribute("firstRow") == "1" && table.children("tr").count > 1
        var header: [String] = []
        var rows: [TableRow] = []
        for (r, tr) in table.children("tr").enumerated() {
            let rowLocator = "\(locator), row \(r + 1)"
            var cells: [TableCell] = []
            for (c, tc) in tr.children("tc").enumerated() {
                let paragraphs = tc.firstChild("txBody").map { reader.paragraphs(of: $0, locator: "\(rowLocator), cell \(c + 1)") } ?? []
                cells.append(TableCell(
                    text: paragraphs.map(\.text).filter { !$0.isEmpty }.joined(separator: " "),
                    isHeader: r == 0 && firstRowIsHeader,
                    links: paragraphs.flatMap(\.links)
                ))
            }
            if r == 0, firstRowIsHeader {
                header = cells.map(\.text)
            } else {
                rows.append(TableRow(cells: cells, locator: rowLocator))
            }
        }
        return TableBlock(caption: nil, header: header, rows: rows, locator: locator)
    }

    private mutating func readChart(_ rid: String?, slidePart: String, locator: String) throws(OOXMLError) -> ChartData? {
        guard let rid, let part = try package.target(rid, of: slidePart) else {
            problems.append("\(locator): the chart part is missing")
            return nil
        }
        guard let document = try package.optionalXML(part) else { return nil }
        return ChartReader.read(document, part: part)
    }

    /// SmartArt: the text of the data model's nodes, in the model's order.
    private mutating func readDiagram(_ rid: String?, slidePart: String, locator: String) throws(OOXMLError) -> [OfficeParagraph] {
        guard let rid, let part = try package.target(rid, of: slidePart), let document = try package.optionalXML(part),
              let points = document.root?.firstChild("ptLst") else {
            problems.append("\(locator): the diagram data part is missing")
            return []
        }
        let reader = DrawingTextReader(inherited: [])
        var result: [OfficeParagraph] = []
        for pt in points.children("pt") where (pt.attribute("type") ?? "node") == "node" {
            guard let body = pt.firstChild("t") else { continue }
            for paragraph in reader.paragraphs(of: body, locator: locator) {
                var p = paragraph
                p.locator = "\(locator), paragraph \(result.count + 1)"
                result.append(p)
            }
        }
        return result
    }

    // MARK: Notes

    private mutating func readNotes(of slidePart: String, locator: String) throws(OOXMLError) -> [OfficeParagraph] {
        guard let notesRel = try package.relationships(of: slidePart).first(where: { $0.type == "notesSlide" }) else { return [] }
        guard let part = notesRel.part, package.has(part) else {
            problems.append("\(locator): the notes part '\(notesRel.target)' is missing")
            return []
        }
        let document = try package.xml(part)
        guard let tree = document.root?.firstChild("cSld")?.firstChild("spTree") else { return [] }
        let package = package
        let resolver = resolver
        let reader = DrawingTextReader(inherited: []) { rid in Self.linkTarget(rid, of: part, package: package, resolver: resolver) }
        var notes: [OfficeParagraph] = []
        for sp in tree.descendants("sp") {
            guard let ph = sp.firstChild("nvSpPr")?.firstChild("nvPr")?.firstChild("ph"), ph.attribute("type") == "body",
                  let body = sp.firstChild("txBody") else { continue }
            notes += reader.paragraphs(of: body, locator: "\(locator), notes")
        }
        return notes
    }

    // MARK: Layouts and masters

    private mutating func layoutInfo(_ part: String) throws(OOXMLError) -> LayoutInfo {
        if let cached = layouts[part] { return cached }
        var info = LayoutInfo(placeholders: [], master: nil)
        if let document = try package.optionalXML(part), let tree = document.root?.firstChild("cSld")?.firstChild("spTree") {
            info.placeholders = Self.placeholders(in: tree)
        }
        info.master = try package.firstTarget(ofType: "slideMaster", from: part)
        layouts[part] = info
        return info
    }

    private mutating func masterInfo(_ part: String) throws(OOXMLError) -> MasterInfo {
        if let cached = masters[part] { return cached }
        var info = MasterInfo(placeholders: [], titleStyle: [:], bodyStyle: [:], otherStyle: [:])
        if let document = try package.optionalXML(part), let root = document.root {
            if let tree = root.firstChild("cSld")?.firstChild("spTree") { info.placeholders = Self.placeholders(in: tree) }
            let styles = root.firstChild("txStyles")
            info.titleStyle = DrawingBullet.levels(of: styles?.firstChild("titleStyle"))
            info.bodyStyle = DrawingBullet.levels(of: styles?.firstChild("bodyStyle"))
            info.otherStyle = DrawingBullet.levels(of: styles?.firstChild("otherStyle"))
        }
        masters[part] = info
        return info
    }

    private static func placeholders(in tree: MarkupNode) -> [PlaceholderInfo] {
        tree.descendants("sp").compactMap { sp in
            guard let ph = sp.firstChild("nvSpPr")?.firstChild("nvPr")?.firstChild("ph") else { return nil }
            return PlaceholderInfo(
                type: ph.attribute("type") ?? "obj",
                idx: ph.attribute("idx") ?? "0",
                bullets: DrawingBullet.levels(of: sp.firstChild("txBody")?.firstChild("lstStyle"))
            )
        }
    }
}
