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
        abstract: "Print the main text of HTML pages, without navigation, headers, footers and widgets.",
        discussion: "jsonl gives one JSON object per file with 'file', 'title' and 'text'; outline gives the section tree."
    )

    @Option(name: .shortAndLong, help: "Output format: text, jsonl or outline.")
    var format: ExtractFormat = .text

    @Argument(help: "HTML files.")
    var files: [String]

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("Give at least one HTML file.") }
    }

    struct Line: Encodable {
        var file: String
        var title: String?
        var text: String
    }

    func run() async throws {
        try await reporting {
            var parts: [String] = []
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            for file in files {
                let bytes = try readFile(file)
                guard DocumentSniffer.kind(of: bytes) != .feed else { throw CommandError("\(file): is a feed, not an HTML page (use 'rus feed')") }
                let outline: PageOutline
                do { outline = try HTMLPageReader().read(bytes, url: URL(fileURLWithPath: file).absoluteString) } catch {
                    throw CommandError("\(file): \(error)")
                }
                switch format {
                case .text: parts.append(outline.mainText + "\n")
                case .outline: parts.append(outline.dump + "\n")
                case .jsonl: parts.append(String(decoding: try encoder.encode(Line(file: file, title: outline.title, text: outline.mainText)), as: UTF8.self) + "\n")
                }
            }
            try output.write(parts.joined(separator: format == .jsonl ? "" : "\n"))
        }
    }
}
