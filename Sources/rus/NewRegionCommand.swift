import ArgumentParser
import Foundation

struct NewRegionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new-region",
        abstract: "Create a region module: Regions/<Name>/Sources with an empty snapshot, and Regions/<Name>/Tests running the conformance kit.",
        discussion: """
        The module and folder name is the display name in ASCII ("Västra Götaland" → VastraGotaland), \
        the id its slug (vastra-gotaland) unless --id is given. Nothing is overwritten. The name is \
        added to `let regions = [...]` in Package.swift when that line is found; otherwise the line \
        to change is printed. The generated test fails, saying what is missing, until the region's \
        identity, sources, snapshot and reading are filled in.
        """
    )

    @Argument(help: "The region's display name, e.g. \"Västra Götaland\".")
    var name: String

    @Option(help: "The region id (lowercase ASCII and hyphens); default: the slug of the name.")
    var id: String?

    @Option(help: "The URL of the region's strategy page, recorded as its first source.")
    var url: String?

    @Option(name: .customLong("package-root"), help: ArgumentHelp("The package folder holding Package.swift and Regions/.", valueName: "dir"))
    var packageRoot: String = "."

    func run() async throws {
        let scaffold = try RegionScaffold(displayName: name, id: id, url: url)
        let root = URL(fileURLWithPath: packageRoot, isDirectory: true)
        let folder = root.appendingPathComponent("Regions/\(scaffold.moduleName)")
        guard !FileManager.default.fileExists(atPath: folder.path) else {
            throw CommandError("\(folder.path) already exists; nothing was written")
        }
        let packageURL = root.appendingPathComponent("Package.swift")
        let package = FileManager.default.contents(atPath: packageURL.path).map { String(decoding: $0, as: UTF8.self) }
        if let package, package.split(separator: "\n").contains(where: { RegionScaffold.regionNames(in: String($0))?.contains(scaffold.moduleName) == true }) {
            throw CommandError("Package.swift already lists \(scaffold.moduleName) in its regions; nothing was written")
        }
        do {
            for file in scaffold.files {
                let url = root.appendingPathComponent(file.path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.text.utf8).write(to: url)
            }
        } catch {
            throw CommandError("cannot write into \(folder.path): \(error.localizedDescription)")
        }
        var lines = scaffold.files.map { "created \($0.path)" }
        if let package, let edited = scaffold.addingRegion(to: package) {
            do { try Data(edited.utf8).write(to: packageURL) } catch {
                throw CommandError("cannot write \(packageURL.path): \(error.localizedDescription)")
            }
            lines.append("added \"\(scaffold.moduleName)\" to the regions in Package.swift")
        } else {
            lines.append("Package.swift: no one-line `let regions = [...]` found; add \"\(scaffold.moduleName)\" to the list of region targets yourself:")
            lines.append("    \(scaffold.packageLine)")
        }
        lines += [
            "next: save the region's pages into Regions/\(scaffold.moduleName)/Sources/Snapshot/, list them in its manifest.json",
            "      and in `sources`, fill in `region`, then run: swift test --filter \(scaffold.moduleName)Tests",
            "      (to include it in `rus compare`, add \(scaffold.moduleName)() to BundledRegions.all)",
        ]
        print(lines.joined(separator: "\n"))
    }
}
