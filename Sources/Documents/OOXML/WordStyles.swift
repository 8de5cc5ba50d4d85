import Markup

/// Paragraph styles of a Word document (`word/styles.xml`): names, `basedOn` chains, outline
/// levels and numbering, enough to tell headings and list paragraphs.
struct WordStyles {
    struct Style {
        var name: String?
        var basedOn: String?
        var outlineLevel: Int?
        var numberingID: String?
        var numberingLevel: Int?
    }

    var styles: [String: Style] = [:]
    var defaultParagraphStyle: String?
    /// `w:docDefaults/w:rPrDefault/w:rPr/w:lang@w:val`.
    var defaultLanguage: String?

    init() {}

    init(_ document: MarkupDocument) {
        guard let root = document.root else { return }
        if let lang = root.firstChild("docDefaults")?.firstChild("rPrDefault")?.firstChild("rPr")?.firstChild("lang")?.attribute("val"),
           !lang.isEmpty {
            defaultLanguage = lang
        }
        for node in root.children("style") where (node.attribute("type") ?? "paragraph") == "paragraph" {
            guard let id = node.attribute("styleId") else { continue }
            let pPr = node.firstChild("pPr")
            let numPr = pPr?.firstChild("numPr")
            styles[id] = Style(
                name: node.childValue("name"),
                basedOn: node.childValue("basedOn"),
                outlineLevel: pPr?.childValue("outlineLvl").flatMap { Int($0) },
                numberingID: numPr?.childValue("numId"),
                numberingLevel: numPr?.childValue("ilvl").flatMap { Int($0) }
            )
            if node.attribute("default") == "1" || node.attribute("default") == "true" { defaultParagraphStyle = id }
        }
    }

    /// The style and the styles it is based on, nearest first (cycles cut).
    func chain(_ id: String?) -> [(id: String, style: Style)] {
        var result: [(String, Style)] = []
        var seen: Set<String> = []
        var current = id
        while let id = current, !seen.contains(id), let style = styles[id], result.count < 20 {
            seen.insert(id)
            result.append((id, style))
            current = style.basedOn
        }
        return result
    }

    /// The name of style `id`, or the id when it has no name.
    func name(of id: String) -> String {
        styles[id]?.name ?? id
    }

    /// The heading level (1–9) style `id` gives: an outline level in the style or a style it is
    /// based on, else a heading name (`heading 1`, `Rubrik 1`, styleId `Heading1`/`Rubrik1`), or
    /// 1 for the `Title` style. `nil` for body text.
    func headingLevel(of id: String?) -> Int? {
        let chain = chain(id)
        for (_, style) in chain {
            if let level = style.outlineLevel { return (0...8).contains(level) ? level + 1 : nil }
        }
        for (id, style) in chain {
            if let level = Self.headingLevel(named: style.name ?? "") ?? Self.headingLevel(named: id) { return level }
        }
        return nil
    }

    /// Whether style `id` (or what it is based on) is the document-title style.
    func isTitle(_ id: String?) -> Bool {
        chain(id).contains { Self.isTitleName($0.style.name ?? $0.id) || Self.isTitleName($0.id) }
    }

    /// Numbering the style chain applies: (numId, ilvl).
    func numbering(of id: String?) -> (id: String, level: Int)? {
        for (_, style) in chain(id) {
            if let numberingID = style.numberingID { return (numberingID, style.numberingLevel ?? 0) }
        }
        return nil
    }

    /// `heading 3`, `Heading3`, `Rubrik 2`, `rubrik2`, `Überschrift 1`, `Titre 1` → the number.
    static func headingLevel(named name: String) -> Int? {
        let folded = name.lowercased().replacingOccurrences(of: " ", with: "")
        for prefix in ["heading", "rubrik", "überschrift", "titre", "kop"] where folded.hasPrefix(prefix) {
            if let level = Int(folded.dropFirst(prefix.count)), (1...9).contains(level) { return level }
        }
        return isTitleName(name) ? 1 : nil
    }

    private static func isTitleName(_ name: String) -> Bool {
        let folded = name.lowercased().replacingOccurrences(of: " ", with: "")
        return folded == "title" || folded == "rubrik" || folded == "titel"
    }
}

/// List definitions of a Word document (`word/numbering.xml`): whether a list level is
/// bulleted or numbered.
struct WordNumbering {
    private var instances: [String: (abstract: String, overrides: [Int: String])] = [:]
    private var abstracts: [String: (formats: [Int: String], styleLink: String?)] = [:]

    init() {}

    init(_ document: MarkupDocument) {
        guard let root = document.root else { return }
        for abstract in root.children("abstractNum") {
            guard let id = abstract.attribute("abstractNumId") else { continue }
            var formats: [Int: String] = [:]
            for level in abstract.children("lvl") {
                guard let ilvl = level.attribute("ilvl").flatMap({ Int($0) }) else { continue }
                formats[ilvl] = level.childValue("numFmt") ?? "decimal"
            }
            abstracts[id] = (formats, abstract.childValue("numStyleLink"))
        }
        for num in root.children("num") {
            guard let id = num.attribute("numId"), let abstract = num.childValue("abstractNumId") else { continue }
            var overrides: [Int: String] = [:]
            for override in num.children("lvlOverride") {
                guard let ilvl = override.attribute("ilvl").flatMap({ Int($0) }),
                      let format = override.firstChild("lvl")?.childValue("numFmt") else { continue }
                overrides[ilvl] = format
            }
            instances[id] = (abstract, overrides)
        }
    }

    /// Bulleted or numbered for list `numId` at `level`; `nil` when the level shows no number
    /// (`numFmt none`) or `numId` is `0` (numbering switched off).
    func kind(numberingID: String, level: Int, styles: WordStyles) -> OfficeParagraph.ListKind? {
        guard numberingID != "0" else { return nil }
        guard let format = format(numberingID: numberingID, level: level, styles: styles, depth: 0) else {
            // Numbering referenced but not defined (or no numbering part): still a list item.
            return .bullet
        }
        switch format {
        case "none": return nil
        case "bullet": return .bullet
        default: return .numbered
        }
    }

    private func format(numberingID: String, level: Int, styles: WordStyles, depth: Int) -> String? {
        guard depth < 4, let instance = instances[numberingID] else { return nil }
        if let format = instance.overrides[level] { return format }
        guard let abstract = abstracts[instance.abstract] else { return nil }
        if let format = abstract.formats[level] { return format }
        // A list style: its definition lives in the numbering of the style it links to.
        if let link = abstract.styleLink, let linked = styles.numbering(of: link) {
            return format(numberingID: linked.id, level: level, styles: styles, depth: depth + 1)
        }
        return nil
    }
}
