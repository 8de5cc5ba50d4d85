/// An HTML page reduced to what it says: title, language, and its main content as a tree of
/// sections holding paragraphs, lists and tables, with page chrome (navigation, header, footer,
/// breadcrumbs, cookie banners, feedback and share widgets, skip links) removed.
///
/// Every block keeps a locator: an XPath that selects the element it came from.
public struct PageOutline: Sendable, Hashable {
    /// The URL the page was read from, if given; links are resolved against it.
    public var url: String?
    /// The `<title>`, or failing that the first `h1`.
    public var title: String?
    /// The `lang` of `<html>` (e.g. `"sv"`), if declared.
    public var language: String?
    /// `<link rel="canonical">`, absolute.
    public var canonicalURL: String?
    /// The main content. Its `heading` is `nil`; content before the first heading is in its
    /// `blocks`, and each heading opens a subsection.
    public var root: OutlineSection
    /// For a Word document: the running headers, kept apart from the main content (empty for pages).
    public var headers: [Block] = []
    /// For a Word document: the running footers, kept apart from the main content (empty for pages).
    public var footers: [Block] = []

    /// Creates an outline; ``HTMLPageReader`` and the Office readers build these.
    public init(url: String?, title: String?, language: String?, canonicalURL: String?, root: OutlineSection) {
        self.url = url
        self.title = title
        self.language = language
        self.canonicalURL = canonicalURL
        self.root = root
    }

    /// Every section, depth first, in document order (the root first).
    public var allSections: [OutlineSection] { root.flattened }

    /// The main text: headings and blocks, one per line.
    public var mainText: String { root.text }
}

/// A heading and what follows it up to the next heading of the same or a higher level.
public struct OutlineSection: Sendable, Hashable {
    /// The heading text; `nil` for the root.
    public var heading: String?
    /// 1–6 for `h1`–`h6`, 7 for a bold pseudo-heading (`<b>Remiss</b>` alone on its line), 0 for the root.
    public var level: Int
    /// XPath of the heading element.
    public var locator: String {
        get { storedLocator.string }
        set { storedLocator = StoredLocator(newValue) }
    }
    var storedLocator: StoredLocator
    /// The paragraphs, lists and tables before the first subsection heading, in document order.
    public var blocks: [Block]
    /// The sections under this one's heading, in document order.
    public var subsections: [OutlineSection]
    /// For a slide: its speaker notes, kept apart from ``blocks`` (not in ``text`` or ``allBlocks``).
    public var notes: [Block] = []

    /// Creates a section; `locator` is the heading's XPath (or its Office locator).
    public init(heading: String?, level: Int, locator: String, blocks: [Block] = [], subsections: [OutlineSection] = []) {
        self.init(heading: heading, level: level, storedLocator: StoredLocator(locator), blocks: blocks, subsections: subsections)
    }

    init(heading: String?, level: Int, storedLocator: StoredLocator, blocks: [Block] = [], subsections: [OutlineSection] = []) {
        self.heading = heading
        self.level = level
        self.storedLocator = storedLocator
        self.blocks = blocks
        self.subsections = subsections
    }

    /// This section and all below it, depth first.
    public var flattened: [OutlineSection] { [self] + subsections.flatMap(\.flattened) }

    /// Blocks of this section and all its subsections, in document order.
    public var allBlocks: [Block] { blocks + subsections.flatMap(\.allBlocks) }

    /// Heading, blocks and subsections as plain text, one line each.
    public var text: String {
        // The non-empty ones of heading, blocks' and subsections' texts, joined by "\n", written
        // into one string (see ``OutlineTextWriter``).
        OutlineTextWriter.text(of: self)
    }
}

/// A block of content.
public enum Block: Sendable, Hashable {
    /// A paragraph or a run of loose text.
    case paragraph(TextBlock)
    /// A list (`ul`, `ol`, or list paragraphs in an Office file).
    case list(ListBlock)
    /// A table.
    case table(TableBlock)

    /// The block as plain text.
    public var text: String {
        switch self {
        case let .paragraph(p): p.text
        case let .list(l): l.text
        case let .table(t): t.text
        }
    }

    /// Where the block is: an XPath for pages, `slide 3, shape 2, paragraph 1` style for Office files.
    public var locator: String {
        switch self {
        case let .paragraph(p): p.locator
        case let .list(l): l.locator
        case let .table(t): t.locator
        }
    }
}

/// A paragraph (or a run of loose text), with its links. `<br>` splits it into `lines`.
public struct TextBlock: Sendable, Hashable {
    /// The lines as separated by `<br>`; one element for most paragraphs.
    public var lines: [String]
    /// Links in the paragraph, in document order.
    public var links: [Link]
    /// Where the paragraph is: an XPath for pages, an Office locator for .pptx/.docx.
    public var locator: String {
        get { storedLocator.string }
        set { storedLocator = StoredLocator(newValue) }
    }
    var storedLocator: StoredLocator

    /// Creates a paragraph block.
    public init(lines: [String], links: [Link], locator: String) {
        self.init(lines: lines, links: links, storedLocator: StoredLocator(locator))
    }

    init(lines: [String], links: [Link], storedLocator: StoredLocator) {
        self.lines = lines
        self.links = links
        self.storedLocator = storedLocator
    }

    /// The lines joined by spaces.
    public var text: String { lines.joined(separator: " ") }
}

/// An ordered or unordered list.
public struct ListBlock: Sendable, Hashable {
    /// `true` for `ol` (numbered), `false` for `ul`.
    public var ordered: Bool
    /// The items, in order.
    public var items: [ListItem]
    /// Where the list is: an XPath for pages, an Office locator for .pptx/.docx.
    public var locator: String {
        get { storedLocator.string }
        set { storedLocator = StoredLocator(newValue) }
    }
    var storedLocator: StoredLocator

    /// Creates a list block.
    public init(ordered: Bool, items: [ListItem], locator: String) {
        self.init(ordered: ordered, items: items, storedLocator: StoredLocator(locator))
    }

    init(ordered: Bool, items: [ListItem], storedLocator: StoredLocator) {
        self.ordered = ordered
        self.items = items
        self.storedLocator = storedLocator
    }

    /// Each item's text with its nested lists, one item per line.
    public var text: String {
        items.map { item in ([item.text] + item.sublists.map(\.text)).joined(separator: " ") }.joined(separator: "\n")
    }
}

/// A list item: its own text (without nested lists) and its nested lists.
public struct ListItem: Sendable, Hashable {
    /// The item's own text, without nested lists.
    public var text: String
    /// The text of a leading `<strong>`/`<b>` ("**Kompetensförsörjning** – …"), if any.
    public var emphasis: String?
    /// Links in the item's own text.
    public var links: [Link]
    /// Lists nested in the item.
    public var sublists: [ListBlock]
    /// Where the item is: an XPath for pages, an Office locator for .pptx/.docx.
    public var locator: String {
        get { storedLocator.string }
        set { storedLocator = StoredLocator(newValue) }
    }
    var storedLocator: StoredLocator

    /// Creates a list item.
    public init(text: String, emphasis: String? = nil, links: [Link], sublists: [ListBlock], locator: String) {
        self.init(text: text, emphasis: emphasis, links: links, sublists: sublists, storedLocator: StoredLocator(locator))
    }

    init(text: String, emphasis: String? = nil, links: [Link], sublists: [ListBlock], storedLocator: StoredLocator) {
        self.text = text
        self.emphasis = emphasis
        self.links = links
        self.sublists = sublists
        self.storedLocator = storedLocator
    }
}

/// A table: header cells (from `th` in the first row or `thead`) and body rows.
public struct TableBlock: Sendable, Hashable {
    /// The `caption`, if any.
    public var caption: String?
    /// The header cells' text; empty when the table has none.
    public var header: [String]
    /// The body rows, in order.
    public var rows: [TableRow]
    /// Where the table is: an XPath for pages, an Office locator for .pptx/.docx.
    public var locator: String {
        get { storedLocator.string }
        set { storedLocator = StoredLocator(newValue) }
    }
    var storedLocator: StoredLocator

    /// Creates a table block.
    public init(caption: String?, header: [String], rows: [TableRow], locator: String) {
        self.init(caption: caption, header: header, rows: rows, storedLocator: StoredLocator(locator))
    }

    init(caption: String?, header: [String], rows: [TableRow], storedLocator: StoredLocator) {
        self.caption = caption
        self.header = header
        self.rows = rows
        self.storedLocator = storedLocator
    }

    /// The header and each row, cells joined with " | ", one row per line.
    public var text: String {
        ([header.joined(separator: " | ")] + rows.map { $0.cells.map(\.text).joined(separator: " | ") })
            .filter { !$0.isEmpty }.joined(separator: "\n")
    }

    /// The index of the first header cell containing `word` (case-insensitive), if any.
    public func column(containing word: String) -> Int? {
        header.firstIndex { $0.lowercased().contains(word.lowercased()) }
    }
}

/// A table row.
public struct TableRow: Sendable, Hashable {
    /// The cells, in order.
    public var cells: [TableCell]
    /// Where the row is: an XPath for pages, an Office locator for .pptx/.docx.
    public var locator: String {
        get { storedLocator.string }
        set { storedLocator = StoredLocator(newValue) }
    }
    var storedLocator: StoredLocator

    /// Creates a row.
    public init(cells: [TableCell], locator: String) {
        self.init(cells: cells, storedLocator: StoredLocator(locator))
    }

    init(cells: [TableCell], storedLocator: StoredLocator) {
        self.cells = cells
        self.storedLocator = storedLocator
    }
}

/// A table cell; nested lists inside it are kept.
public struct TableCell: Sendable, Hashable {
    /// The cell's text.
    public var text: String
    /// `true` for `th`.
    public var isHeader: Bool
    /// Lists inside the cell.
    public var lists: [ListBlock]
    /// Links inside the cell.
    public var links: [Link]

    /// Creates a cell.
    public init(text: String, isHeader: Bool, lists: [ListBlock] = [], links: [Link] = []) {
        self.text = text
        self.isHeader = isHeader
        self.lists = lists
        self.links = links
    }
}

/// A hyperlink with its absolute URL.
public struct Link: Sendable, Hashable {
    /// The link text.
    public var text: String
    /// The absolute URL (resolved against the page's URL and `<base>`).
    public var url: String
    /// Where the `a` element (or Office hyperlink) is.
    public var locator: String {
        get { storedLocator.string }
        set { storedLocator = StoredLocator(newValue) }
    }
    var storedLocator: StoredLocator

    /// Creates a link; `url` should be absolute.
    public init(text: String, url: String, locator: String) {
        self.init(text: text, url: url, storedLocator: StoredLocator(locator))
    }

    init(text: String, url: String, storedLocator: StoredLocator) {
        self.text = text
        self.url = url
        self.storedLocator = storedLocator
    }
}

// The types that keep a locator show it as they did when it was a stored string (in
// `String(reflecting:)`, `dump` and debuggers): the same fields, in the same order.

extension OutlineSection: CustomReflectable {
    /// The section's fields, with `locator` as a string.
    public var customMirror: Mirror {
        Mirror(self, children: [
            "heading": heading as Any, "level": level, "locator": locator, "blocks": blocks, "subsections": subsections,
            "notes": notes,
        ], displayStyle: .struct)
    }
}

extension TextBlock: CustomReflectable {
    /// The block's fields, with `locator` as a string.
    public var customMirror: Mirror {
        Mirror(self, children: ["lines": lines, "links": links, "locator": locator], displayStyle: .struct)
    }
}

extension ListBlock: CustomReflectable {
    /// The list's fields, with `locator` as a string.
    public var customMirror: Mirror {
        Mirror(self, children: ["ordered": ordered, "items": items, "locator": locator], displayStyle: .struct)
    }
}

extension ListItem: CustomReflectable {
    /// The item's fields, with `locator` as a string.
    public var customMirror: Mirror {
        Mirror(self, children: [
            "text": text, "emphasis": emphasis as Any, "links": links, "sublists": sublists, "locator": locator,
        ], displayStyle: .struct)
    }
}

extension TableBlock: CustomReflectable {
    /// The table's fields, with `locator` as a string.
    public var customMirror: Mirror {
        Mirror(self, children: ["caption": caption as Any, "header": header, "rows": rows, "locator": locator], displayStyle: .struct)
    }
}

extension TableRow: CustomReflectable {
    /// The row's fields, with `locator` as a string.
    public var customMirror: Mirror {
        Mirror(self, children: ["cells": cells, "locator": locator], displayStyle: .struct)
    }
}

extension Link: CustomReflectable {
    /// The link's fields, with `locator` as a string.
    public var customMirror: Mirror {
        Mirror(self, children: ["text": text, "url": url, "locator": locator], displayStyle: .struct)
    }
}
