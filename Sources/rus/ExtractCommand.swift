import ArgumentParser
import Foundation
import RegionalStrategies

enum ExtractFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case jsonl
    case outline
}

struct ExtractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Print the main text of HTML pages, without navigation, headers, footers and widgets, and the text of Office files (.pptx, .docx).",
        discussion: """
            jsonl gives one JSON object per file with 'file', 'title' and 'text'; for Office files also 'format' \
            (pptx or docx), and where present 'notes' (speaker notes, per slide), 'headers' and 'footers' (Word), \
            which the text format leaves out. outline gives the section tree (a slide is a section).
            """
    )

    @Option(name: .shortAndLong, help: "Output format: text, jsonl or outline.")
    var format: ExtractFormat = .text

    @Argument(help: "HTML pages, .pptx or .docx files.")
    var files: [String]

    @OptionGroup var limitOptions: LimitOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("Give at least one HTML, .pptx or .docx file.") }
    }

    struct Line: Encodable {
        var file: String
        var format: String?
        var title: String?
        var text: String
        var notes: String?
        var headers: String?
        var footers: String?
    }

    func run() async throws {
        try await reporting {
            var parts: [String] = []
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            for file in files {
                let bytes = try readFile(file)
                let url = URL(fileURLWithPath: file).absoluteString
                let outline: PageOutline
                var officeFormat: OfficeFormat?
                if Self.isOfficeContainer(bytes) || Self.officeExtensions.contains(URL(fileURLWithPath: file).pathExtension.lowercased()) {
                    do {
                        let document = try OfficeReader(options: ParseOptions(limits: try limitOptions.limits)).read(bytes, url: url)
                        officeFormat = document.format
                        outline = document.outline(url: url)
                    } catch {
                        throw CommandError("\(file): \(error)")
                    }
                } else {
                    guard DocumentSniffer.kind(of: bytes) != .feed else { throw CommandError("\(file): is a feed, not an HTML page (use 'rus feed')") }
                    do { outline = try HTMLPageReader(options: ParseOptions(limits: try limitOptions.limits)).read(bytes, url: url) } catch {
                        throw CommandError("\(file): \(error)")
                    }
                }
                switch format {
                case .text:
                    parts.append(outline.mainText + "\n")
                case .outline:
                    parts.append(([outline.dump] + Self.asides(of: outline)).joined(separator: "\n") + "\n")
                case .jsonl:
                    let notes = outline.root.subsections.compactMap { section -> String? in
                        guard !section.notes.isEmpty else { return nil }
                        return "[\(section.locator)] " + section.notes.map(\.text).joined(separator: "\n")
                    }
                    let line = Line(
                        file: file, format: officeFormat?.rawValue, title: outline.title, text: outline.mainText,
                        notes: notes.isEmpty ? nil : notes.joined(separator: "\n"),
                        headers: outline.headers.isEmpty ? nil : outline.headers.map(\.text).joined(separator: "\n"),
                        footers: outline.footers.isEmpty ? nil : outline.footers.map(\.text).joined(separator: "\n")
                    )
                    parts.append(String(decoding: try encoder.encode(line), as: UTF8.self) + "\n")
                }
            }
            try output.write(parts.joined(separator: format == .jsonl ? "" : "\n"))
        }
    }

    /// File name extensions of Office Open XML documents: such files go to the Office reader
    /// even when their bytes are not a package, so that it can say so.
    static let officeExtensions: Set<String> = ["pptx", "pptm", "ppsx", "potx", "docx", "docm", "dotx"]

    /// A ZIP archive (an Office Open XML package) or an OLE2 file (a legacy or password-protected
    /// Office file, which the Office reader reports as such).
    static func isOfficeContainer(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06])
            || bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
    }

    /// Speaker notes, headers and footers for the outline format.
    static func asides(of outline: PageOutline) -> [String] {
        var lines: [String] = []
        for section in outline.root.subsections where !section.notes.isEmpty {
            lines.append("Notes (\(section.locator)):")
            lines += section.notes.map { "  ✎ \($0.text)" }
        }
        if !outline.headers.isEmpty { lines.append("Headers:"); lines += outline.headers.map { "  ⤒ \($0.text)" } }
        if !outline.footers.isEmpty { lines.append("Footers:"); lines += outline.footers.map { "  ⤓ \($0.text)" } }
        return lines
    }
}
