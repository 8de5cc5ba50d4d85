import Markup

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
    /// Where the text is written, sized by the counting pass (empty while counting).
    private var buffer = UnsafeMutableBufferPointer<UInt8>(start: nil, count: 0)
    /// The bytes written so far.
    private var written = 0
    /// A `"\n"` is owed before whatever is written next.
    private var separatorOwed = false
    /// When set, nothing is written: ``bound`` adds up what would be, at most.
    private var counting = false
    /// The bytes that writing would take, at most (each piece and a separator before it).
    private var bound = 0

    /// The text of `section`, in a string made once: a first pass over the outline adds up the
    /// bytes, the second copies each piece's UTF-8 into a buffer of that size, which becomes the
    /// string. (Appending to a `String` piece by piece costs several hundred instructions an
    /// append, for the string's own checks; growing it as it fills would copy it again and
    /// again.) Every piece is a whole `String`, so the bytes are well-formed UTF-8.
    static func text(of section: OutlineSection) -> String {
        var sizer = OutlineTextWriter()
        sizer.counting = true
        sizer.write(section)
        guard sizer.bound > 0 else { return "" }
        var writer = OutlineTextWriter()
        writer.buffer = .allocate(capacity: sizer.bound)
        defer { writer.buffer.deallocate() }
        writer.write(section)
        return String(wellFormedUTF8: UnsafeBufferPointer(rebasing: writer.buffer[..<writer.written]))
    }

    private mutating func write(_ piece: String) {
        if counting {
            bound += piece.utf8.count + 1
            return
        }
        var piece = piece
        piece.withUTF8 { bytes in
            guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
            // The counting pass allowed each piece its bytes and one separator.
            precondition(written + 1 + bytes.count <= buffer.count, "OutlineTextWriter: the counting pass was short")
            let out = buffer.baseAddress.unsafelyUnwrapped
            if separatorOwed {
                out[written] = 0x0A  // "\n"
                written += 1
                separatorOwed = false
            }
            (out + written).update(from: source, count: bytes.count)
            written += bytes.count
        }
    }

    /// Starts the next part of a filtered join that began when ``text`` had `start` bytes.
    private mutating func nextPart(after start: Int) {
        if written > start { separatorOwed = true }
    }

    /// ``OutlineSection/text``.
    mutating func write(_ section: OutlineSection) {
        let start = written
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
        let start = written
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
