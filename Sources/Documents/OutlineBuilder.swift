import Markup

/// Walks the main content element and builds the section tree.
struct OutlineBuilder {
    let resolver: LinkResolver
    /// Open sections, outermost first; the first is the root.
    private var stack: [OutlineSection] = [OutlineSection(heading: nil, level: 0, locator: "")]
    /// The text storage of inline runs, reused from one run to the next.
    private let pool: TextBuilderPool
    /// Inline content waiting to become a paragraph.
    private var pending: InlineRun

    /// `textsOffTheLine: false` makes every link and emphasis text by the general rule
    /// (``InlineRun/text(since:)``), for tests that hold the shortcut against it.
    init(resolver: LinkResolver, textsOffTheLine: Bool = true) {
        self.resolver = resolver
        pool = TextBuilderPool(textsOffTheLine: textsOffTheLine)
        pending = InlineRun(pool: pool)
    }

    static let inlineTags: Set<String> = [
        "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q", "s",
        "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr", "img", "font", "del", "ins", "big",
        "tt", "nobr", "acronym",
    ]

    mutating func finish() -> OutlineSection {
        flushParagraph()
        while stack.count > 1 { closeSection() }
        var root = stack[0]
        _ = Self.trimTrailingLabels(&root)
        return root
    }

    /// Removes short lines that are not sentences ("Weiterführende Links", "Kontakt:",
    /// "Kommentare schreiben") from the end of the main text, and headings left with nothing
    /// under them; returns `true` when `section` is then empty.
    private static func trimTrailingLabels(_ section: inout OutlineSection) -> Bool {
        while let last = section.subsections.indices.last {
            guard trimTrailingLabels(&section.subsections[last]) else { return false }
            section.subsections.removeLast()
        }
        // A short line that is all a heading has under it is that section's content.
        while case let .paragraph(p)? = section.blocks.last, isLabelLine(p), section.blocks.count > 1 || section.heading == nil {
            section.blocks.removeLast()
        }
        return section.blocks.isEmpty
    }

    private static let documentSuffixes = [".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt"]

    private static func isLabelLine(_ paragraph: TextBlock) -> Bool {
        let text = paragraph.text
        guard paragraph.lines.count == 1, text.hasFewerCharacters(than: 40), let last = text.last, !last.isSentenceEnd else { return false }
        return !paragraph.links.contains { link in
            let url = link.url.lowercased()
            return url.hasPrefix("mailto:") || url.hasPrefix("tel:") || Self.documentSuffixes.contains { url.hasSuffix($0) }
        }
    }

    /// `true` for elements the main-content finder dropped as chrome.
    static func isSkipped(_ element: PageElement) -> Bool {
        element.isDropped
    }

    mutating func walk(_ element: PageElement) {
        for child in element.children {
            switch child {
            case let .text(text):
                pending.add(text: text, from: element)
            case let .element(child):
                visit(child)
            }
        }
    }

    /// Adds one element (a heading, a paragraph, a list, …) as the walk would.
    mutating func add(_ element: PageElement) {
        visit(element)
    }

    private mutating func visit(_ element: PageElement) {
        let known = element.known
        if Self.isSkipped(element) { return }
        if element.isInline {
            if known == .br { pending.lineBreak(); return }
            if known == .img { return }
            pending.add(inline: element, resolver: resolver)
            return
        }
        flushParagraph()
        switch known {
        case .h1?, .h2?, .h3?, .h4?, .h5?, .h6?:
            if containsBlocks(element) {
                // A heading left open by broken markup holds the page: read it as a container.
                walk(element)
                flushParagraph()
                return
            }
            let text = element.normalizedText
            guard !text.isEmpty, !Boilerplate.isWidgetText(text) else { return }
            openSection(heading: text, level: Int(String(element.name.last!))!, locator: element.storedLocator)
        case .p?, .blockquote?, .figcaption?, .dt?, .dd?, .address?, .pre?, .caption?, .summary?, .legend?:
            if containsBlocks(element) {
                walk(element)
            } else {
                var run = InlineRun(pool: pool)
                run.collect(element, resolver: resolver)
                emit(run, locator: element.storedLocator, allowPseudoHeading: true)
                run.recycle()
            }
        case .ul?, .ol?, .menu?:
            let list = readList(element)
            if !list.items.isEmpty { append(.list(list)) }
        case .table?:
            if let table = readTable(element) { append(.table(table)) }
        default:
            walk(element)
            flushParagraph()
        }
    }

    // MARK: Sections

    private mutating func openSection(heading: String, level: Int, locator: StoredLocator) {
        while stack.count > 1, stack[stack.count - 1].level >= level { closeSection() }
        stack.append(OutlineSection(heading: heading, level: level, storedLocator: locator))
    }

    /// Closes the innermost section. A heading with nothing under it (its list of related
    /// articles, say, was chrome) is left out.
    private mutating func closeSection() {
        let done = stack.removeLast()
        guard !done.blocks.isEmpty || !done.subsections.isEmpty else { return }
        stack[stack.count - 1].subsections.append(done)
    }

    private mutating func append(_ block: Block) {
        // Room for eight blocks at first: a section's array grown block by block is allocated
        // again at 1, 2, 4 and 8 blocks.
        if stack[stack.count - 1].blocks.isEmpty { stack[stack.count - 1].blocks.reserveCapacity(8) }
        stack[stack.count - 1].blocks.append(block)
    }

    // MARK: Paragraphs

    private mutating func flushParagraph() {
        guard !pending.isEmpty else { return }
        var run = pending
        pending = InlineRun(pool: pool)
        emit(run, locator: run.locator, allowPseudoHeading: true)
        run.recycle()
    }

    private mutating func emit(_ run: InlineRun, locator: StoredLocator, allowPseudoHeading: Bool) {
        let lines = run.lines
        guard !lines.isEmpty else { return }
        // (One line joined is that line.)
        let text = lines.count == 1 ? lines[0] : lines.joined(separator: " ")
        if Boilerplate.isWidgetText(text) || lines.count == 1 && Boilerplate.isCreditLine(text) { return }
        if allowPseudoHeading, lines.count == 1, run.isAllBold, text.hasFewerCharacters(than: 121), !text.hasSuffix(".") {
            openSection(heading: text, level: 7, locator: locator)
            return
        }
        if allowPseudoHeading, lines.count > 1, run.firstLineIsBold, lines[0].hasFewerCharacters(than: 121), !lines[0].hasSuffix(".") {
            // "<b>Remiss</b><br>Strategin var på remiss …": a pseudo-heading and its text.
            openSection(heading: lines[0], level: 7, locator: locator)
            append(.paragraph(TextBlock(lines: Array(lines.dropFirst()), links: run.links, storedLocator: locator)))
            return
        }
        append(.paragraph(TextBlock(lines: lines, links: run.links, storedLocator: locator)))
    }

    private func containsBlocks(_ element: PageElement) -> Bool {
        element.hasElementChild { child in
            !child.isInline && !Self.isSkipped(child)
        }
    }

    // MARK: Lists

    private func readList(_ element: PageElement) -> ListBlock {
        var items: [ListItem] = []
        // Room for an item per `li` at once (an array grown item by item is allocated again
        // and again).
        items.reserveCapacity(element.countElementChildren { $0.known == .li })
        for li in element.childElements where li.known == .li && !Self.isSkipped(li) {
            var run = InlineRun(pool: pool)
            var sublists: [ListBlock] = []
            collectItem(li, into: &run, sublists: &sublists)
            let text = run.text
            run.recycle()
            guard !text.isEmpty || !sublists.isEmpty else { continue }
            items.append(ListItem(text: text, emphasis: run.leadingEmphasis, links: run.links, sublists: sublists, storedLocator: li.storedLocator))
        }
        return ListBlock(ordered: element.known == .ol, items: items, storedLocator: element.storedLocator)
    }

    private func collectItem(_ node: PageElement, into run: inout InlineRun, sublists: inout [ListBlock]) {
        for child in node.children {
            switch child {
            case let .text(text):
                run.add(text: text, from: node)
            case let .element(child):
                if Self.isSkipped(child) { continue }
                switch child.known {
                case .ul?, .ol?:
                    let list = readList(child)
                    if !list.items.isEmpty { sublists.append(list) }
                case .br?:
                    run.lineBreak()
                case .img?:
                    continue
                case _ where child.isInline:
                    run.add(inline: child, resolver: resolver)
                default:
                    run.lineBreak()
                    collectItem(child, into: &run, sublists: &sublists)
                    run.lineBreak()
                }
            }
        }
    }

    // MARK: Tables

    private func readTable(_ element: PageElement) -> TableBlock? {
        // The rows: `tr` children, and those of `thead`, `tbody` and `tfoot` children, in order.
        var rows: [PageElement] = []
        for child in element.childElements {
            switch child.known {
            case .tr?: rows.append(child)
            case .thead?, .tbody?, .tfoot?: for row in child.childElements where row.known == .tr { rows.append(row) }
            default: break
            }
        }
        var header: [String] = []
        var body: [TableRow] = []
        body.reserveCapacity(rows.count)
        for (index, tr) in rows.enumerated() {
            var cells: [TableCell] = []
            cells.reserveCapacity(tr.countElementChildren { $0.known == .td || $0.known == .th })
            for cell in tr.childElements where cell.known == .td || cell.known == .th {
                var run = InlineRun(pool: pool)
                var lists: [ListBlock] = []
                collectItem(cell, into: &run, sublists: &lists)
                cells.append(TableCell(text: run.text, isHeader: cell.known == .th, lists: lists, links: run.links))
                run.recycle()
            }
            guard !cells.isEmpty else { continue }
            let inHead = tr.parent?.known == .thead
            if header.isEmpty, body.isEmpty, index == 0, inHead || cells.allSatisfy(\.isHeader) {
                header = cells.map(\.text)
            } else {
                body.append(TableRow(cells: cells, storedLocator: tr.storedLocator))
            }
        }
        guard !header.isEmpty || !body.isEmpty else { return nil }
        let caption = element.childElements.first { $0.known == .caption }?.normalizedText
        return TableBlock(caption: caption, header: header, rows: body, storedLocator: element.storedLocator)
    }
}

/// Inline text being gathered into a paragraph: lines (split at `<br>`), links, and whether
/// all of it is bold.
struct InlineRun {
    /// Where ``current``'s storage comes from and goes back to (``recycle()``).
    private let pool: TextBuilderPool
    /// The line being gathered, normalised as it grows.
    private var current: NormalizedTextBuilder
    private var finished: [String] = []
    private(set) var links: [Link] = []
    /// The element whose locator is the run's, `nil` for none yet: its ``StoredLocator`` is
    /// made only when ``locator`` is read (a list item's or a cell's run never reads it).
    private var locatorElement: PageElement?
    /// Some bold text has a scalar that is not `White_Space` (only whether the count of such
    /// scalars is zero decides anything).
    private var hasBoldCharacters = false
    /// The same for text that is not bold.
    private var hasPlainCharacters = false
    private var firstLineBold: Bool?
    private(set) var leadingEmphasis: String?
    /// Line breaks and elements left out so far: while none comes, the text an element adds to
    /// the line is its own normalised text (see ``text(since:)``).
    private var interruptions = 0

    init(pool: TextBuilderPool) {
        self.pool = pool
        current = pool.take()
    }

    var isEmpty: Bool { finished.isEmpty && current.isEmpty }

    /// Where the run is: its element's locator, empty when it has none.
    var locator: StoredLocator { locatorElement?.storedLocator ?? StoredLocator("") }

    /// `locator.isEmpty`, without making the locator.
    private var hasEmptyLocator: Bool { locatorElement?.hasEmptyLocator ?? true }
    var isAllBold: Bool { hasBoldCharacters && !hasPlainCharacters }
    var firstLineIsBold: Bool { firstLineBold == true }

    var lines: [String] {
        if current.isEmpty { return finished }
        return finished.isEmpty ? [current.string] : finished + [current.string]
    }

    /// ``lines`` joined by spaces, without making the array.
    var text: String {
        if finished.isEmpty { return current.isEmpty ? "" : current.string }
        return lines.joined(separator: " ")
    }

    /// Gives the text storage back to the pool, for the next run; the run's text is empty after.
    mutating func recycle() {
        let storage = current
        current = NormalizedTextBuilder()
        pool.put(storage)
    }

    mutating func lineBreak() {
        interruptions += 1
        if !current.isEmpty {
            finished.append(current.string)
            if firstLineBold == nil { firstLineBold = !hasPlainCharacters && hasBoldCharacters }
        }
        current.removeAll()
    }

    /// ``PageElement/normalizedText``, built in storage from the pool.
    private func normalizedText(of element: PageElement) -> String {
        var builder = pool.take()
        element.appendText(to: &builder)
        let text = builder.string
        pool.put(builder)
        return text
    }

    mutating func add(text: TextSpan, from parent: PageElement) {
        if hasEmptyLocator, text.visible > 0 { locatorElement = parent }
        appendText(text, of: parent.tree, bold: false)
    }

    /// Adds an inline element of loose text: the run's locator becomes its parent's, and a bold
    /// element opening the run is remembered as the leading emphasis.
    mutating func add(inline element: PageElement, resolver: LinkResolver) {
        // (An element's text is empty after normalising exactly when it has no visible character.)
        if hasEmptyLocator, element.textCount > 0 {
            locatorElement = element.parent ?? element
        }
        let opensRun = Self.isBold(element) && leadingEmphasis == nil && finished.isEmpty && current.isEmpty
        let start = mark
        add(inline: element, resolver: resolver, insideBold: false)
        if opensRun { leadingEmphasis = text(since: start) ?? normalizedText(of: element) }
    }

    /// Where the line stands: what ``text(since:)`` reads from.
    private struct Mark {
        var bytes: Int
        var interruptions: Int
    }

    private var mark: Mark { Mark(bytes: current.byteCount, interruptions: interruptions) }

    /// The normalised text of an element added since `mark` (``normalizedText(of:)``), read off
    /// the line when nothing interrupted it: its texts were appended to the line one after the
    /// other, as ``PageElement/appendText(to:)`` appends them, and normalising them after the
    /// line's text gives the same bytes but for the space between the two. `nil` when a line
    /// break or an element left out (whose text ``normalizedText(of:)`` would include) came.
    private func text(since mark: Mark) -> String? {
        guard pool.textsOffTheLine, interruptions == mark.interruptions else { return nil }
        return current.string(since: mark.bytes)
    }

    private static func isBold(_ element: PageElement) -> Bool { element.known == .b || element.known == .strong }

    private mutating func add(inline element: PageElement, resolver: LinkResolver, insideBold: Bool) {
        // A link's place in ``links`` is taken before those inside it; its text is read once its
        // children are added.
        var link: (index: Int, start: Mark)?
        if element.known == .a, let href = element.href, let url = resolver.resolve(href) {
            link = (links.count, mark)
            links.append(Link(text: "", url: url, storedLocator: element.storedLocator))
        }
        let bold = insideBold || Self.isBold(element)
        for child in element.children {
            switch child {
            case let .text(text): appendText(text, of: element.tree, bold: bold)
            case let .element(child):
                if child.known == .br { lineBreak(); continue }
                if child.known == .img || OutlineBuilder.isSkipped(child) {
                    interruptions += 1
                    continue
                }
                add(inline: child, resolver: resolver, insideBold: bold)
            }
        }
        if let link { links[link.index].text = text(since: link.start) ?? normalizedText(of: element) }
    }

    /// Collects every inline descendant of a paragraph-like element.
    mutating func collect(_ element: PageElement, resolver: LinkResolver) {
        locatorElement = element
        for child in element.children {
            switch child {
            case let .text(text): appendText(text, of: element.tree, bold: false)
            case let .element(child):
                if child.known == .br { lineBreak(); continue }
                if child.known == .img || OutlineBuilder.isSkipped(child) { continue }
                let keep = locatorElement
                add(inline: child, resolver: resolver)
                locatorElement = keep
            }
        }
    }

    private mutating func appendText(_ text: TextSpan, of tree: PageTree, bold: Bool) {
        tree.withBytes(of: text) { utf8 in
            if text.isPlain { current.append(plain: utf8) } else { current.append(wellFormed: utf8) }
            // Once known to be there, such a scalar need not be looked for again.
            if bold {
                if !hasBoldCharacters { hasBoldCharacters = TextCounts.hasNonWhitespaceScalar(utf8) }
            } else {
                if !hasPlainCharacters { hasPlainCharacters = TextCounts.hasNonWhitespaceScalar(utf8) }
            }
        }
    }
}

/// Text storage for inline runs, handed from one run to the next so that each line does not
/// grow a new buffer from nothing.
final class TextBuilderPool {
    // One builder's, on one thread: no run-time exclusivity checks.
    @exclusivity(unchecked) private var spare: [NormalizedTextBuilder] = []
    /// Whether the runs that take storage from here read texts off their line (``InlineRun/text(since:)``).
    let textsOffTheLine: Bool

    init(textsOffTheLine: Bool = true) {
        self.textsOffTheLine = textsOffTheLine
    }

    /// An empty builder, with the storage of one given back if there is one.
    func take() -> NormalizedTextBuilder {
        var builder = spare.popLast() ?? NormalizedTextBuilder()
        builder.removeAll()
        return builder
    }

    /// Takes `builder` back (its text is dropped when it is next taken).
    func put(_ builder: NormalizedTextBuilder) {
        spare.append(builder)
    }
}

extension String {
    enum ScalarCount { case fewer, atLeast, unknown }

    /// Whether `utf8` has fewer than `limit` scalars, or at least `limit` scalars of which none
    /// joins another in a character (see ``hasFewerCharacters(than:)``).
    private static func simpleScalarCount(_ utf8: UnsafeBufferPointer<UInt8>, limit: Int) -> ScalarCount {
        var scalars = 0
        var simple = true
        var i = 0
        let n = utf8.count
        // Eight bytes at a time while the limit is beyond them: the loop below on each of the
        // eight, at once (scalars are the bytes that are not continuations, 10xxxxxx; a `\r`
        // or a byte from 0xCC makes the text not simple, and continuation bytes are below 0xCC).
        let highBits: UInt64 = 0x8080_8080_8080_8080, low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        while i + 8 <= n, scalars + 8 < limit {
            let word = UnsafeRawPointer(utf8.baseAddress.unsafelyUnwrapped + i).loadUnaligned(as: UInt64.self)
            let continuations = word & highBits & ~(word << 1)
            scalars += 8 - TextCounts.bytesMarked(continuations)
            let cr = word ^ 0x0D0D_0D0D_0D0D_0D0D
            let crs = ~(((cr & low7) &+ low7) | cr | low7)
            let fromCC = ((word & low7) &+ 0x3434_3434_3434_3434) & word & highBits
            if crs | fromCC != 0 { simple = false }
            i += 8
        }
        while i < n {
            let byte = utf8[i]
            i += 1
            guard byte & 0xC0 != 0x80 else { continue }
            if byte == 0x0D || byte >= 0xCC { simple = false }
            scalars += 1
            if scalars == limit { return simple ? .atLeast : .unknown }
        }
        return .fewer
    }

    /// `count < limit`, counting at most `limit` characters.
    func hasFewerCharacters(than limit: Int) -> Bool {
        // A character has at least one scalar, so fewer scalars than `limit` is enough. Below
        // U+0300 (ASCII, Latin-1 and Latin Extended, with lead bytes below 0xCC) no scalar joins
        // its neighbour in a character except `\r` before `\n`: when the first `limit` scalars
        // are such, each is a character of its own.
        if utf8.count < limit { return true }
        if let simple = utf8.withContiguousStorageIfAvailable({ Self.simpleScalarCount($0, limit: limit) }) {
            switch simple {
            case .fewer: return true
            case .atLeast: return false
            case .unknown: break
            }
        }
        var index = startIndex
        for _ in 0..<limit {
            if index == endIndex { return true }
            formIndex(after: &index)
        }
        return false
    }
}
