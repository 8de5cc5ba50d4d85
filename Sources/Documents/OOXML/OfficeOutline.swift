extension Presentation {
    /// The presentation as a page outline: one level-1 section per slide (headed by its title;
    /// `nil` for a slide without one), holding its text frames as paragraphs and lists (bullet
    /// levels nest), its tables, and its charts as tables (categories down, one column per
    /// series). Speaker notes go to the section's ``OutlineSection/notes``. Date, footer and
    /// slide-number placeholders are left out, as page chrome is.
    public func outline(url: String? = nil) -> PageOutline {
        var root = OutlineSection(heading: nil, level: 0, locator: "")
        for slide in slides {
            var section = OutlineSection(heading: slide.title, level: 1, locator: slide.locator)
            for shape in slide.shapes {
                if let placeholder = shape.placeholder, ["title", "ctrTitle", "dt", "ftr", "sldNum", "hdr"].contains(placeholder) { continue }
                section.blocks += OfficeOutline.blocks(shape.paragraphs.map { var p = $0; p.listID = p.listID ?? shape.locator; return p })
                if let table = shape.table, OfficeOutline.hasText(table) { section.blocks.append(.table(table)) }
                if let chart = shape.chart { section.blocks.append(.table(OfficeOutline.table(of: chart, locator: shape.locator))) }
            }
            section.notes = OfficeOutline.blocks(slide.notes)
            root.subsections.append(section)
        }
        return PageOutline(url: url, title: title ?? slides.lazy.compactMap(\.title).first, language: language, canonicalURL: nil, root: root)
    }
}

extension WordDocument {
    /// The document as a page outline: headings (from styles and outline levels) open
    /// sections, list paragraphs become nested lists, tables stay tables. Headers and footers
    /// go to ``PageOutline/headers`` and ``PageOutline/footers``, not the main content.
    public func outline(url: String? = nil) -> PageOutline {
        var builder = OfficeOutline.SectionBuilder()
        var pending: [OfficeParagraph] = []
        for block in body {
            switch block {
            case let .paragraph(p):
                if let level = p.headingLevel {
                    builder.add(OfficeOutline.blocks(pending))
                    pending = []
                    if !p.text.isEmpty { builder.heading(p.text, level: level, locator: p.locator) }
                } else {
                    pending.append(p)
                }
            case let .table(t):
                builder.add(OfficeOutline.blocks(pending))
                pending = []
                if OfficeOutline.hasText(t) { builder.add([.table(t)]) }
            }
        }
        builder.add(OfficeOutline.blocks(pending))
        let root = builder.finish()
        let firstHeading = root.flattened.first { $0.heading != nil }?.heading
        var outline = PageOutline(url: url, title: title ?? firstHeading, language: language, canonicalURL: nil, root: root)
        outline.headers = headers.flatMap { OfficeOutline.blocks($0.blocks) }
        outline.footers = footers.flatMap { OfficeOutline.blocks($0.blocks) }
        return outline
    }
}

/// Turns Office paragraphs into outline blocks.
enum OfficeOutline {
    /// Paragraphs and tables of a header or footer as blocks.
    static func blocks(_ blocks: [WordBlock]) -> [Block] {
        var result: [Block] = []
        var pending: [OfficeParagraph] = []
        for block in blocks {
            switch block {
            case let .paragraph(p): pending.append(p)
            case let .table(t):
                result += Self.blocks(pending)
                pending = []
                if hasText(t) { result.append(.table(t)) }
            }
        }
        return result + Self.blocks(pending)
    }

    /// Running text becomes paragraphs; adjacent list items of the same list become one list,
    /// nested by level. Empty paragraphs are left out.
    static func blocks(_ paragraphs: [OfficeParagraph]) -> [Block] {
        var result: [Block] = []
        var run: [OfficeParagraph] = []
        func flush() {
            if !run.isEmpty { result.append(.list(list(run))) }
            run = []
        }
        for p in paragraphs where !p.text.isEmpty {
            if p.list != nil {
                if let last = run.last, last.listID != p.listID { flush() }
                run.append(p)
            } else {
                flush()
                result.append(.paragraph(TextBlock(lines: p.lines.filter { !$0.isEmpty }, links: p.links, locator: p.locator)))
            }
        }
        flush()
        return result
    }

    /// Whether any cell of `table` has text (tables of empty cells are layout, not content).
    static func hasText(_ table: TableBlock) -> Bool {
        table.header.contains { !$0.isEmpty } || table.rows.contains { $0.cells.contains { !$0.text.isEmpty } }
    }

    /// A list from list items, deeper levels nested under the item before them.
    static func list(_ items: [OfficeParagraph]) -> ListBlock {
        var index = 0
        return build(items, &index, level: items.map(\.level).min() ?? 0)
    }

    private static func build(_ items: [OfficeParagraph], _ index: inout Int, level: Int) -> ListBlock {
        var list = ListBlock(ordered: items[index].list == .numbered, items: [], locator: items[index].locator)
        while index < items.count, items[index].level >= level {
            let item = items[index]
            if item.level > level, !list.items.isEmpty {
                let sublist = build(items, &index, level: item.level)
                list.items[list.items.count - 1].sublists.append(sublist)
                continue
            }
            list.items.append(ListItem(text: item.text, links: item.links, sublists: [], locator: item.locator))
            index += 1
        }
        return list
    }

    /// A chart's cached data as a table: a row per category, a column per series.
    static func table(of chart: ChartData, locator: String) -> TableBlock {
        let count = chart.series.map { max($0.values.count, $0.categories.count) }.max() ?? 0
        let categories = chart.categories
        var rows: [TableRow] = []
        for i in 0..<count {
            var cells = [TableCell(text: i < categories.count ? categories[i] : "", isHeader: true)]
            for series in chart.series {
                cells.append(TableCell(text: (i < series.values.count ? series.values[i] : nil) ?? "", isHeader: false))
            }
            rows.append(TableRow(cells: cells, locator: "\(locator), row \(i + 1)"))
        }
        return TableBlock(caption: chart.title, header: [""] + chart.series.map { $0.name ?? "" }, rows: rows, locator: locator)
    }

    /// Nests sections by heading level as they come.
    struct SectionBuilder {
        private var stack: [OutlineSection] = [OutlineSection(heading: nil, level: 0, locator: "")]

        mutating func heading(_ text: String, level: Int, locator: String) {
            while stack.count > 1, stack[stack.count - 1].level >= level { close() }
            stack.append(OutlineSection(heading: text, level: level, locator: locator))
        }

        mutating func add(_ blocks: [Block]) {
            stack[stack.count - 1].blocks += blocks
        }

        private mutating func close() {
            let done = stack.removeLast()
            stack[stack.count - 1].subsections.append(done)
        }

        mutating func finish() -> OutlineSection {
            while stack.count > 1 { close() }
            return stack[0]
        }
    }
}
