/// Writes the plain text of an outline into one string, as the joins of ``OutlineSection/text``,
/// ``Block/text``, ``ListBlock/text`` and ``TableBlock/text`` define it, without making a string
/// or an array of lines for every section, block, list item and row.
///
/// Sections and tables join their non-empty parts with `"\n"` (`filter { !$0.isEmpty }
/// .joined(separator: "\n")`): a part's separator is owed (``separatorOwed``) once something of
/// the section or table has been written, and written just before the next part that writes
/// anything. A part is empty exactly when it writes nothing, separators of its own included,
/// so one flag serves every level: the separator a section owes its parent is still owed when
/// the section's first non-empty part comes. Lines, list items and cells are joined without a
/// filter, and their separators are written like text.
struct OutlineTextWriter {
    private(set) var text = ""
    /// A `"\n"` is owed before whatever is written next.
    private var separatorOwed = false
    /// When set, nothing is written: ``bound`` adds up what would be, at most.
    private var counting = false
    /// The bytes that writing would take, at most (each piece and a separator before it).
    private var bound = 0

    /// The text of `section`, in a string allocated once: a first pass over the outline adds up
    /// the bytes, the second writes them (growing the string as it fills would copy it again
    /// and again, and allocate a larger block each time).
    static func text(of section: OutlineSection) -> String {
        var sizer = OutlineTextWriter()
        sizer.counting = true
        sizer.write(section)
        var writer = OutlineTextWriter()
        writer.text.reserveCapacity(sizer.bound)
        writer.write(section)
        return writer.text
    }

    private mutating func write(_ piece: String) {
        if counting {
            bound += piece.utf8.count + 1
            return
        }
        guard !piece.isEmpty else { return }
        if separatorOwed {
            text.append("\n")
            separatorOwed = false
        }
        text.append(piece)
    }

    /// Starts the next part of a filtered join that began when ``text`` had `start` bytes.
    private mutating func nextPart(after start: Int) {
        if text.utf8.count > start { separatorOwed = true }
    }

    /// ``OutlineSection/text``.
    mutating func write(_ section: OutlineSection) {
        let start = text.utf8.count
        if let heading = section.heading { write(heading) }
        // (By index: each element is read in place rather than copied.)
        for i in section.blocks.indices {
            nextPart(after: start)
            write(section.blocks[i])
        }
        for i in section.subsections.indices {
            nextPart(after: start)
            write(section.subsections[i])
        }
    }

    /// ``Block/text``.
    mutating func write(_ block: Block) {
        switch block {
        case let .paragraph(paragraph): write(paragraph)
        case let .list(list): write(list)
        case let .table(table): write(table)
        }
    }

    /// ``TextBlock/text``: the lines joined by spaces.
    mutating func write(_ paragraph: TextBlock) {
        for i in paragraph.lines.indices {
            if i > 0 { write(" ") }
            write(paragraph.lines[i])
        }
    }

    /// ``ListBlock/text``: each item's text and its sublists joined by spaces, items by `"\n"`.
    mutating func write(_ list: ListBlock) {
        for i in list.items.indices {
            if i > 0 { write("\n") }
            write(list.items[i].text)
            for j in list.items[i].sublists.indices {
                write(" ")
                write(list.items[i].sublists[j])
            }
        }
    }

    /// ``TableBlock/text``: the header's and each row's cells joined by `" | "`, and the
    /// non-empty ones of these lines by `"\n"`.
    mutating func write(_ table: TableBlock) {
        let start = text.utf8.count
        writeCells(table.header)
        for r in table.rows.indices {
            nextPart(after: start)
            for i in table.rows[r].cells.indices {
                if i > 0 { write(" | ") }
                write(table.rows[r].cells[i].text)
            }
        }
    }

    private mutating func writeCells(_ cells: [String]) {
        for i in cells.indices {
            if i > 0 { write(" | ") }
            write(cells[i])
        }
    }
}
