import Markup

/// Which Office Open XML format a package holds.
public enum OfficeFormat: String, Sendable, Hashable, CaseIterable {
    /// A PowerPoint presentation (.pptx, also .ppsx/.potx/.pptm).
    case pptx
    /// A Word document (.docx, also .dotx/.docm).
    case docx

    /// The IANA media type of the format.
    public var mediaType: String {
        switch self {
        case .pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        }
    }
}

/// A paragraph of a slide, a notes page, a table cell or a Word document, with its list
/// position and links.
public struct OfficeParagraph: Sendable, Hashable {
    /// The lines of the paragraph, split at soft line breaks (`a:br`, `w:br`), each with its
    /// whitespace collapsed.
    public var lines: [String]
    /// The list or outline level, 0 for the top (`a:pPr@lvl`, `w:ilvl`).
    public var level: Int
    /// Whether the paragraph is a list item, and of which kind; `nil` for running text.
    public var list: ListKind?
    /// Which list the paragraph belongs to (Word's `w:numId`, or the text frame in a slide):
    /// adjacent list items with different ids are separate lists.
    public var listID: String?
    /// For Word: the heading level (1–6) its style or outline level gives; `nil` otherwise.
    public var headingLevel: Int?
    /// For Word: the name of the paragraph style (`heading 1`, `List Number`), if any.
    public var style: String?
    /// Hyperlinks in the paragraph, with their targets.
    public var links: [Link]
    /// Where the paragraph is: `slide 3, shape 2, paragraph 1`, `paragraph 12`.
    public var locator: String

    /// Creates a paragraph; the readers build these from the package.
    public init(lines: [String], level: Int = 0, list: ListKind? = nil, listID: String? = nil, headingLevel: Int? = nil, style: String? = nil, links: [Link] = [], locator: String) {
        self.lines = lines
        self.level = level
        self.list = list
        self.listID = listID
        self.headingLevel = headingLevel
        self.style = style
        self.links = links
        self.locator = locator
    }

    /// The lines joined by spaces.
    public var text: String { lines.filter { !$0.isEmpty }.joined(separator: " ") }

    /// Bulleted or numbered.
    public enum ListKind: String, Sendable, Hashable {
        /// A bulleted list item.
        case bullet
        /// A numbered list item.
        case numbered
    }
}

/// Collects the text of one paragraph: runs, line breaks and links.
struct ParagraphText {
    private(set) var lines: [String] = [""]
    private(set) var links: [Link] = []
    private var openLink: (url: String, text: String)?

    mutating func append(_ text: String) {
        lines[lines.count - 1] += text
        if openLink != nil { openLink!.text += text }
    }

    mutating func lineBreak() {
        lines.append("")
        if openLink != nil { openLink!.text += " " }
    }

    /// Starts a link to `url` (closing any open one); `nil` ends the open link.
    mutating func link(_ url: String?, locator: String) {
        if let open = openLink, open.url == url { return }
        closeLink(locator: locator)
        if let url { openLink = (url, "") }
    }

    mutating func closeLink(locator: String) {
        guard let open = openLink else { return }
        openLink = nil
        let text = Self.normalize(open.text)
        links.append(Link(text: text, url: open.url, locator: locator))
    }

    /// ``TextNormalizer/normalize(_:)``, with a fast way out for text that is already
    /// normalised (most runs of Office text are): no tabs, line breaks or special spaces, no
    /// space at either end or twice in a row.
    static func normalize(_ text: String) -> String {
        var previousWasSpace = true
        for byte in text.utf8 {
            switch byte {
            case 0x09, 0x0A, 0x0C, 0x0D, 0xC2, 0xE2, 0xEF:
                // Whitespace, or the lead byte of one (U+00A0, U+2007, U+200B, U+202F, U+FEFF).
                return TextNormalizer.normalize(text)
            case 0x20:
                if previousWasSpace { return TextNormalizer.normalize(text) }
                previousWasSpace = true
            default:
                previousWasSpace = false
            }
        }
        return previousWasSpace && !text.isEmpty ? TextNormalizer.normalize(text) : text
    }

    /// The finished lines, whitespace collapsed, trailing empty lines removed.
    mutating func finish(locator: String) -> (lines: [String], links: [Link]) {
        closeLink(locator: locator)
        var result = lines.map(Self.normalize)
        while result.count > 1, result.last?.isEmpty == true { result.removeLast() }
        while result.count > 1, result.first?.isEmpty == true { result.removeFirst() }
        return (result, links)
    }
}
