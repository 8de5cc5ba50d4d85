extension PageOutline {
    /// A deterministic, indented tree of the outline, for tests and `rus extract --format outline`.
    public var dump: String {
        var lines = ["Page \(title ?? "(untitled)") lang=\(language ?? "?")"]
        root.dump(into: &lines, indent: "")
        return lines.joined(separator: "\n")
    }
}

extension OutlineSection {
    fileprivate func dump(into lines: inout [String], indent: String) {
        if let heading { lines.append("\(indent)# [h\(level)] \(heading)") }
        let inner = heading == nil ? indent : indent + "  "
        for block in blocks {
            switch block {
            case let .paragraph(p):
                lines.append("\(inner)¶ \(p.lines.joined(separator: " ⏎ "))" + (p.links.isEmpty ? "" : " → " + p.links.map(\.url).joined(separator: ", ")))
            case let .list(list):
                dump(list, into: &lines, indent: inner)
            case let .table(table):
                lines.append("\(inner)▦ \(table.header.joined(separator: " | "))")
                for row in table.rows { lines.append("\(inner)  ▪ \(row.cells.map(\.text).joined(separator: " | "))") }
            }
        }
        for section in subsections { section.dump(into: &lines, indent: inner) }
    }

    private func dump(_ list: ListBlock, into lines: inout [String], indent: String) {
        for (index, item) in list.items.enumerated() {
            let marker = list.ordered ? "\(index + 1)." : "•"
            lines.append("\(indent)\(marker) \(item.text)" + (item.links.isEmpty ? "" : " → " + item.links.map(\.url).joined(separator: ", ")))
            for sub in item.sublists { dump(sub, into: &lines, indent: indent + "  ") }
        }
    }
}
