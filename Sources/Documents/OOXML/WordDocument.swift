/// A Word document (.docx) as read: the body's paragraphs and tables in order, with heading
/// levels and list positions from styles and numbering, and the headers and footers apart.
public struct WordDocument: Sendable, Hashable {
    /// The title from the document properties (`docProps/core.xml`), if set.
    public var title: String?
    /// The language from the document properties, else the default language of the styles.
    public var language: String?
    /// The body, in document order. Paragraphs are numbered in their locators (`paragraph 12`)
    /// counting every body paragraph, also empty ones; tables likewise (`table 2`).
    public var body: [WordBlock]
    /// The headers of every section, each part once, in the order sections reference them.
    public var headers: [WordHeaderFooter]
    /// The footers, likewise.
    public var footers: [WordHeaderFooter]
    /// Parts that are referenced but missing and were skipped (a header, the numbering), with the reason.
    public var problems: [String]

    /// Creates a document; ``WordDocumentReader`` builds these from bytes.
    public init(title: String?, language: String?, body: [WordBlock], headers: [WordHeaderFooter] = [], footers: [WordHeaderFooter] = [], problems: [String] = []) {
        self.title = title
        self.language = language
        self.body = body
        self.headers = headers
        self.footers = footers
        self.problems = problems
    }

    /// The body's paragraphs (not those inside tables).
    public var paragraphs: [OfficeParagraph] {
        body.compactMap { if case let .paragraph(p) = $0 { p } else { nil } }
    }

    /// The body's tables.
    public var tables: [TableBlock] {
        body.compactMap { if case let .table(t) = $0 { t } else { nil } }
    }
}

/// A block of a Word document.
public enum WordBlock: Sendable, Hashable {
    /// A paragraph.
    case paragraph(OfficeParagraph)
    /// A table.
    case table(TableBlock)
}

/// A header or footer part.
public struct WordHeaderFooter: Sendable, Hashable {
    /// `default`, `first` or `even`, as the section references it.
    public var type: String
    /// The part it was read from (`word/header2.xml`).
    public var part: String
    /// Its paragraphs and tables, numbered in their locators within the part (`header 1, paragraph 2`).
    public var blocks: [WordBlock]
    /// `header 1`, `footer 2`: the position among the document's headers (or footers).
    public var locator: String

    /// Creates a header or footer.
    public init(type: String, part: String, blocks: [WordBlock], locator: String) {
        self.type = type
        self.part = part
        self.blocks = blocks
        self.locator = locator
    }

    /// The text, one paragraph or table row per line.
    public var text: String {
        blocks.map { block in
            switch block {
            case let .paragraph(p): p.text
            case let .table(t): t.text
            }
        }.filter { !$0.isEmpty }.joined(separator: "\n")
    }
}
