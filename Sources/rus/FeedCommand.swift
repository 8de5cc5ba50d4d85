import ArgumentParser
import Foundation
import RegionalStrategies

struct FeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feed",
        abstract: "Read RSS and Atom feeds and list their items."
    )

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var format: ProfileFormat = .text

    @Option(help: ArgumentHelp(
        "The charset the server declared (the HTTP Content-Type charset), e.g. windows-1252.",
        discussion: "It wins over the feed's XML declaration, but not over a byte-order mark; without it the declaration, then the bytes decide."
    ))
    var charset: String?

    @Argument(help: "Feed files.")
    var files: [String]

    @OptionGroup var limitOptions: LimitOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("Give at least one feed file.") }
        if let charset, charset.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--charset needs a charset name, e.g. windows-1252.") }
    }

    struct FileFeed: Encodable {
        var file: String
        var feed: Feed
    }

    func run() async throws {
        try await reporting {
            var feeds: [FileFeed] = []
            for file in files {
                let bytes = try readFile(file)
                do {
                    feeds.append(FileFeed(file: file, feed: try FeedReader(options: ParseOptions(limits: try limitOptions.limits)).read(bytes, url: URL(fileURLWithPath: file).absoluteString, charset: charset)))
                } catch {
                    throw CommandError("\(file): \(error)")
                }
            }
            switch format {
            case .json:
                try output.write(String(decoding: try StrategyJSON.encoder().encode(feeds), as: UTF8.self) + "\n")
            case .text:
                var lines: [String] = []
                let formatter = ISO8601DateFormatter()
                for f in feeds {
                    lines.append("\(f.file): \(f.feed.format.rawValue), \(f.feed.title ?? "(untitled)"), \(f.feed.items.count) items")
                    for problem in f.feed.problems { lines.append("  ! \(problem)") }
                    for item in f.feed.items {
                        let date = item.date.map { formatter.string(from: $0) } ?? "undated"
                        lines.append("  \(date)  \(item.title ?? "(untitled)")" + (item.link.map { "  <\($0)>" } ?? ""))
                    }
                }
                try output.write(lines.joined(separator: "\n") + "\n")
            }
        }
    }
}

func readFile(_ path: String) throws -> [UInt8] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw CommandError("\(path): no such file") }
    guard !isDirectory.boolValue else { throw CommandError("\(path): is a directory") }
    guard let data = FileManager.default.contents(atPath: path) else { throw CommandError("\(path): cannot be read") }
    return [UInt8](data)
}
