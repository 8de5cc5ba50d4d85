import ArgumentParser
import Foundation
import RegionalStrategies

struct SnapshotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Write a region's fetched documents as a snapshot folder to bundle with its module.",
        discussion: """
        Takes each source's newest version from the cache ('rus fetch' first) and writes it under \
        the source's snapshot file name, with a manifest.json giving URL, media type, charset, \
        role, SHA-256 and when it was fetched (origin "download"). For example:
        rus snapshot kalmar --output Regions/Kalmar/Sources/Snapshot
        """
    )

    @Argument(help: "A region id (see 'rus regions').")
    var region: String

    @OptionGroup var cacheFolder: CacheFolderOption

    @Option(name: .shortAndLong, help: ArgumentHelp("The snapshot folder to write (created if needed; files of the same name are replaced).", valueName: "dir"))
    var output: String

    func run() async throws {
        try await reporting {
            guard let module = try StrategyLoader().select([region]).first else { return }
            let cache = cacheFolder.snapshotCache
            let folder = URL(fileURLWithPath: output, isDirectory: true)
            let id = module.region.id
            let missing = try cache.exportSnapshot(
                region: id, sources: module.sources, to: folder,
                description: "Snapshot of \(module.region.organisation)'s published documents on its regional development strategy, fetched by rus fetch (\(Library.name) \(Library.version))."
            )
            guard missing.count < module.sources.count else {
                throw CommandError("\(id): nothing in the cache at \(cache.root.path); run 'rus fetch \(id)' first")
            }
            print("\(id): \(module.sources.count - missing.count) files and manifest.json written to \(folder.path)")
            if !missing.isEmpty {
                throw CommandError("\(id): \(missing.count) sources are not in the cache and were left out: \(missing.map(\.url).joined(separator: ", "))")
            }
        }
    }
}
