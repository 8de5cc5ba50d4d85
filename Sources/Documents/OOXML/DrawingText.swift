import Markup

/// The bullet a DrawingML paragraph property set asks for.
enum DrawingBullet: Hashable {
    case none
    case bullet
    case numbered

    /// `a:buNone`, `a:buChar`/`a:buBlip`, `a:buAutoNum` among the children of a `a:pPr` or
    /// `a:lvlNpPr`; `nil` when it says nothing (the bullet is inherited).
    init?(properties: MarkupNode?) {
        guard let properties else { return nil }
        for child in properties.elementChildren {
            switch child.name {
            case "buNone": self = .none; return
            case "buChar", "buBlip": self = .bullet; return
            case "buAutoNum": self = .numbered; return
            default: continue
            }
        }
        return nil
    }

    /// Bullets per level (0-based) of a list style (`a:lstStyle`, `p:bodyStyle`...).
    static func levels(of listStyle: MarkupNode?) -> [Int: DrawingBullet] {
        guard let listStyle else { return [:] }
        var result: [Int: DrawingBullet] = [:]
        for child in listStyle.elementChildren where child.name.hasPrefix("lvl") && child.name.hasSuffix("pPr") {
            guard let level = Int(child.name.dropFirst(3).dropLast(3)), (1...9).contains(level),
                  let bullet = DrawingBullet(properties: child) else { continue }
            result[level - 1] = bullet
        }
        return result
    }
}

/// Reads DrawingML text bodies (`p:txBody`, `a:txBody`, `c:rich`, `dgm:t`) into paragraphs.
struct DrawingTextReader {
    /// Inherited bullets per level, nearest first (the shape's own list style, then its
    /// layout and master placeholders, then the master's text style).
    var inherited: [[Int: DrawingBullet]] = []
    /// Resolves a hyperlink relationship id to a URL.
    var resolveLink: (String) -> String? = { _ in nil }

    /// The paragraphs of `body` that have text; `locator` prefixes each paragraph's locator
    /// (`slide 3, shape 2` → `slide 3, shape 2, paragraph 1`).
    func paragraphs(of body: MarkupNode, locator: String) -> [OfficeParagraph] {
        let chain = [DrawingBullet.levels(of: body.firstChild("lstStyle"))] + inherited
        var result: [OfficeParagraph] = []
        var number = 0
        for p in body.elementChildren where p.name == "p" {
            number += 1
            let here = "\(locator), paragraph \(number)"
            let properties = p.firstChild("pPr")
            let level = min(max(Int(properties?.attribute("lvl") ?? "") ?? 0, 0), 8)
            let bullet = DrawingBullet(properties: properties) ?? chain.lazy.compactMap { $0[level] }.first
            let (lines, links) = text(of: p, locator: here)
            guard lines.contains(where: { !$0.isEmpty }) else { continue }
            let list: OfficeParagraph.ListKind? = switch bullet {
            case .bullet?: .bullet
            case .numbered?: .numbered
            case .none?, nil: nil
            }
            result.append(OfficeParagraph(lines: lines, level: level, list: list, links: links, locator: here))
        }
        return result
    }

    /// The lines and links of one `a:p`.
    func text(of paragraph: MarkupNode, locator: String) -> (lines: [String], links: [Link]) {
        var collected = ParagraphText()
        for child in paragraph.elementChildren {
            switch child.name {
            case "r", "fld":
                let link = child.firstChild("rPr")?.firstChild("hlinkClick")?.relationshipAttribute("id").flatMap(resolveLink)
                collected.link(link, locator: locator)
                if let t = child.firstChild("t") {
                    // A vertical tab inside a run is a soft line break as well.
                    for (i, piece) in t.textContent.split(separator: "\u{0B}", omittingEmptySubsequences: false).enumerated() {
                        if i > 0 { collected.lineBreak() }
                        collected.append(String(piece))
                    }
                }
            case "br":
                collected.lineBreak()
            default:
                continue
            }
        }
        return collected.finish(locator: locator)
    }

    /// All text of `body` as one string (for chart titles): paragraphs joined by spaces.
    func plainText(of body: MarkupNode) -> String {
        body.descendants("p").map { text(of: $0, locator: "").lines.filter { !$0.isEmpty }.joined(separator: " ") }
            .filter { !$0.isEmpty }.joined(separator: " ")
    }
}
