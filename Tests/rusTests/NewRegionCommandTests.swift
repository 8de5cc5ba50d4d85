import Foundation
import Testing

/// `rus new-region` writes into a temporary package folder; building the result is left to CI
/// (Examples/outside-region) and to the hand check described in the README.
@Suite("rus new-region", .serialized)
struct NewRegionCommandTests {
    static func packageFolder(_ package: String?) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rus-new-region-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if let package { try Data(package.utf8).write(to: folder.appendingPathComponent("Package.swift")) }
        return folder
    }

    static func text(_ folder: URL, _ path: String) throws -> String {
        String(decoding: try Data(contentsOf: folder.appendingPathComponent(path)), as: UTF8.self)
    }

    @Test func scaffoldsARegionAndAddsItToTheRegionsLine() throws {
        let real = try Self.text(Executables.projectRoot, "Package.swift")
        let folder = try Self.packageFolder(real)
        let run = try Executables.rus("new-region", "Västra Götaland", "--url", "https://www.vgregion.se/regional-utveckling/rus/", "--package-root", folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        let module = try Self.text(folder, "Regions/VastraGotaland/Sources/VastraGotaland.swift")
        #expect(module.contains("public struct VastraGotaland: RegionModule {"))
        #expect(module.contains(#"Region(id: "vastra-gotaland", name: "Västra Götaland", countyCode: "", nutsCode: "", organisation: "", website: "https://www.vgregion.se/")"#))
        #expect(module.contains(#"SourceDescriptor(url: "https://www.vgregion.se/regional-utveckling/rus/", role: .strategy"#))
        #expect(module.contains(#"Bundle.module.url(forResource: "Snapshot", withExtension: nil)"#))
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("Regions/VastraGotaland/Sources/Snapshot/manifest.json"))) as? [String: Any])
        #expect(manifest["region"] as? String == "vastra-gotaland")
        #expect((manifest["files"] as? [Any])?.isEmpty == true)
        let test = try Self.text(folder, "Regions/VastraGotaland/Tests/VastraGotalandConformanceTests.swift")
        #expect(test.contains("import VastraGotaland"))
        #expect(test.contains("ConformanceKit.expectConformance(VastraGotaland())"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("Regions/VastraGotaland/Tests/Fixtures/README.md").path))
        // Only the regions line changed.
        let edited = try Self.text(folder, "Package.swift").components(separatedBy: "\n")
        let original = real.components(separatedBy: "\n")
        let changed = zip(original, edited).filter { $0 != $1 }
        #expect(edited.count == original.count)
        #expect(changed.count == 1)
        #expect(changed.first?.1.hasPrefix("let regions = [") == true)
        #expect(changed.first?.1.hasSuffix(#", "VastraGotaland"]"#) == true)
        #expect(run.stdout.contains(#"added "VastraGotaland" to the regions in Package.swift"#))
    }

    @Test func takesAnIDAndFoldsTheName() throws {
        let folder = try Self.packageFolder(#"let regions = ["Blekinge"]"#)
        let run = try Executables.rus("new-region", "Örebro län", "--id", "orebro", "--package-root", folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try Self.text(folder, "Package.swift") == #"let regions = ["Blekinge", "OrebroLan"]"#)
        let module = try Self.text(folder, "Regions/OrebroLan/Sources/OrebroLan.swift")
        #expect(module.contains(#"Region(id: "orebro", name: "Örebro län""#))
        // Without --url the source is a commented-out example and the website is empty.
        #expect(module.contains(#"// SourceDescriptor(url: "https://…/regional-utvecklingsstrategi/""#))
        #expect(module.contains(#"website: "")"#))
    }

    @Test func refusesToOverwrite() throws {
        let folder = try Self.packageFolder(#"let regions = ["Blekinge"]"#)
        #expect(try Executables.rus("new-region", "Gotland", "--package-root", folder.path).status == 0)
        let file = folder.appendingPathComponent("Regions/Gotland/Sources/Gotland.swift")
        try Data("// mine".utf8).write(to: file)
        let again = try Executables.rus("new-region", "Gotland", "--package-root", folder.path)
        #expect(again.status != 0)
        #expect(again.stderr.contains("Regions/Gotland already exists; nothing was written"))
        #expect(try Self.text(folder, "Regions/Gotland/Sources/Gotland.swift") == "// mine")
        #expect(try Self.text(folder, "Package.swift") == #"let regions = ["Blekinge", "Gotland"]"#)
        // Listed in Package.swift but without a folder: also refused.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("Regions/Gotland"))
        let listed = try Executables.rus("new-region", "Gotland", "--package-root", folder.path)
        #expect(listed.status != 0)
        #expect(listed.stderr.contains("already lists Gotland"))
    }

    @Test func printsTheLineWhenTheRegionsArrayIsNotFoundExactly() throws {
        let package = "let regions = [\n    \"Blekinge\",\n]\n"
        let folder = try Self.packageFolder(package)
        let run = try Executables.rus("new-region", "Jämtland Härjedalen", "--package-root", folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try Self.text(folder, "Package.swift") == package)
        #expect(run.stdout.contains(#"let regions = [..., "JamtlandHarjedalen"]"#))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("Regions/JamtlandHarjedalen/Sources/JamtlandHarjedalen.swift").path))
    }

    @Test(arguments: [["Västra Götaland", "--id", "Västra"], ["---"], ["Gotland", "--url", "ftp://example.org/"]])
    func rejectsBadNamesIDsAndURLs(arguments: [String]) throws {
        let folder = try Self.packageFolder(nil)
        let run = try Executables.run("rus", ["new-region"] + arguments + ["--package-root", folder.path])
        #expect(run.status != 0)
        #expect(!run.stderr.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("Regions").path))
    }
}
