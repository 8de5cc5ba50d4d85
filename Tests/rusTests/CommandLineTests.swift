import Foundation
import StrategyModel
import Testing

/// Runs the built `rus` executable (and the example) as a user would.
struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum Executables {
    /// The folder the build put the executables in (the test bundle sits beside them).
    static let productsDirectory: URL = {
        #if os(macOS)
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent()
        }
        fatalError("no test bundle")
        #else
        return Bundle.main.bundleURL
        #endif
    }()

    static let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func run(_ name: String, _ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.executableURL = productsDirectory.appendingPathComponent(name)
        process.arguments = arguments
        process.currentDirectoryURL = projectRoot
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func rus(_ arguments: String...) throws -> Run { try run("rus", arguments) }
}

@Suite("rus command line", .serialized)
struct CommandLineTests {
    @Test func regionsAreListed() throws {
        let run = try Executables.rus("regions")
        #expect(run.status == 0)
        #expect(run.stdout.contains("blekinge         Blekinge         10      SE221  Region Blekinge"))
        #expect(run.stdout.contains("vasternorrland   Västernorrland   22      SE321  Region Västernorrland"))
    }

    @Test func compareGivesTheMarkdownTable() throws {
        let run = try Executables.rus("compare")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("| Dimension | Blekinge | Kalmar län | Västernorrland |"))
        #expect(run.stdout.contains("| Strategy | Växtplats Blekinge"))
        #expect(run.stdout.contains("## Sources"))
        #expect(run.stderr.isEmpty)
    }

    @Test func compareSelectedRegionsAsCSVToAFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("rus-\(UUID().uuidString).csv")
        defer {
            try? FileManager.default.removeItem(at: file)
            try? FileManager.default.removeItem(atPath: file.path + ".citation.txt")
        }
        let run = try Executables.rus("compare", "kalmar", "vasternorrland", "--format", "csv", "--output", file.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try String(contentsOfFile: file.path + ".citation.txt", encoding: .utf8).hasPrefix("Cite as: swift-regional-strategies"))
        let csv = try String(contentsOf: file, encoding: .utf8)
        #expect(csv.hasPrefix("region,dimension,item,value,summary,source_url,snapshot_sha256,locator,excerpt\r\n"))
        #expect(csv.contains("\r\nkalmar,goals,10,"))
        #expect(!csv.contains("\r\nblekinge,"))
    }

    @Test func compareAsJSONIsTheModel() throws {
        let run = try Executables.rus("compare", "blekinge", "--format", "json")
        #expect(run.status == 0, "\(run.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let profiles = object?["profiles"] as? [[String: Any]]
        #expect(profiles?.count == 1)
        #expect(object?["table"] != nil)
    }

    @Test(arguments: [
        (["compare", "gotland"], "Error: unknown region 'gotland'; known regions: blekinge, kalmar, vasternorrland"),
        (["show", "gotland"], "Error: unknown region 'gotland'; known regions: blekinge, kalmar, vasternorrland"),
        (["read", "--region", "kalmar", "Regions/Kalmar/saknas.html"], "Error: Regions/Kalmar/saknas.html: no such file"),
        (["read", "--region", "kalmar", "Regions"], "Error: Regions: is a directory"),
        (["read", "--region", "kalmar", "Package.swift"], "not an HTML page, an RSS/Atom feed or a .pptx/.docx file"),
        (["feed", "Regions/Kalmar/Tests/Fixtures/variant-semantic.html"], "not a feed: the root element is <html>"),
        (["extract", "Regions/Kalmar/Sources/Snapshot/nyheter.xml"], "is a feed, not an HTML page"),
        (["compare", "--format", "pdf"], "Error: The value 'pdf' is invalid for '--format <format>'"),
        (["compare", "--codebook", "nope"], "Error: no codebook \"nope\" (shipped: thematic, national-strategy-2021-2030, eu-cohesion-policy-2021-2027, agenda-2030; or give a path to a .json file)"),
        (["compare", "--codebook", "Package.swift"], "Error: Package.swift: not a valid codebook:"),
        (["compare", "--overrides", "saknas.json"], "Error: saknas.json: cannot read: no such file"),
        (["compare", "--only", "everything"], "Error: The value 'everything' is invalid for '--only <part>'"),
        (["feed", "--limit", "feed-items=5", "Regions/Blekinge/Sources/Snapshot/nyheter.xml"],
         "Error: Regions/Blekinge/Sources/Snapshot/nyheter.xml: the number of feed items is 9, over the limit of 5 (raise it with --limit feed-items=N or ParseLimits.feedItems)"),
        (["extract", "--limit", "depth=300", "x.html"], "Error: --limit depth=300: 256 is the most libxml2 reads safely"),
        (["read", "--region", "kalmar", "--limit", "items=5", "x.html"], "Error: --limit items=5: expected NAME=VALUE with NAME one of input-bytes, depth,"),
    ])
    func errorsAreOneLineAndFail(arguments: [String], message: String) throws {
        let run = try Executables.run("rus", arguments)
        #expect(run.status != 0)
        #expect(run.stderr.contains(message), "stderr: \(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test func compareWritesOneCSVFilePerTableIntoAFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rus-\(UUID().uuidString)/")
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Executables.rus("compare", "--format", "csv", "--codebook", "all", "--output", folder.path + "/")
        #expect(run.status == 0, "\(run.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files == ["alignment.csv", "citation.txt", "coding.csv", "coverage.csv", "diff.csv", "funding.csv", "gaps.csv", "news.csv", "profile.csv", "sources.csv", "table.csv"])
        let coverage = try String(contentsOf: folder.appendingPathComponent("coverage.csv"), encoding: .utf8)
        #expect(coverage.hasPrefix("codebook,codebook_version,code,parent,depth,label_sv,label_en,region,statements,share,"))
        #expect(coverage.contains("\r\nagenda-2030,1.0.0,sdg3,,0,Hälsa och välbefinnande,Good health and well-being,vasternorrland,0,0.0000,0,0.0000,22,\r\n"))
        let citation = try String(contentsOf: folder.appendingPathComponent("citation.txt"), encoding: .utf8)
        #expect(citation.contains("Codebooks: thematic 1.0.0, national-strategy-2021-2030 1.0.0, eu-cohesion-policy-2021-2027 1.0.0, agenda-2030 1.0.0."))
    }

    @Test func compareOnlyOneSection() throws {
        let run = try Executables.rus("compare", "--only", "gaps", "--codebook", "national-strategy-2021-2030")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("## Gaps (vita fläckar): National strategy"))
        #expect(!run.stdout.contains("## Side by side"))
        #expect(run.stdout.contains("## Citation"))
        let csv = try Executables.rus("compare", "--only", "alignment", "--format", "csv")
        #expect(csv.stdout.hasPrefix("codebook,region_a,statement_a,text_a,region_b,statement_b,text_b,score,"))
    }

    @Test func citeListsEverySource() throws {
        let run = try Executables.rus("cite", "blekinge")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Cite as: swift-regional-strategies "))
        #expect(run.stdout.components(separatedBy: "\n- https://www.regionblekinge.se/").count == 8)  // seven sources
    }

    @Test(arguments: ["compare", "cite", "regions", "show", "read", "feed", "extract"])
    func everyCommandHasHelp(command: String) throws {
        let run = try Executables.rus(command, "--help")
        #expect(run.status == 0)
        #expect(run.stdout.contains("USAGE: rus \(command)"))
    }

    @Test func showPrintsTheModelAsATreeWithSources() throws {
        let run = try Executables.rus("show", "blekinge", "--sources")
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "Blekinge — Region Blekinge (county 10, SE221)")
        #expect(lines.contains { $0.contains("delmål: Ökad öppenhet och stärkt deltagande i samhället  ⟨https://www.regionblekinge.se/") })
        #expect(lines.contains { $0.contains("goal: unknown") || $0.contains("goal: unknown —") })
        #expect(lines.contains { $0.hasPrefix("    status: superseded") })
    }

    @Test func showAsJSONDecodesWithTheModelAlone() throws {
        let run = try Executables.rus("show", "vasternorrland", "--format", "json")
        #expect(run.status == 0, "\(run.stderr)")
        let profile = try StrategyJSON.decoder().decode(RegionProfile.self, from: Data(run.stdout.utf8))
        #expect(profile.region.name == "Västernorrland")
        #expect(profile.strategies.count == 2)
    }

    @Test func readRunsAModuleOverGivenFiles() throws {
        let run = try Executables.rus("read", "--region", "kalmar", "Regions/Kalmar/Tests/Fixtures/variant-semantic.html")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Klimat att växa i"))
        #expect(run.stdout.contains("Hög delaktighet och upplevd trygghet i hela länet"))
    }

    @Test func feedListsItems() throws {
        let run = try Executables.rus("feed", "Regions/Vasternorrland/Sources/Snapshot/nyheter.xml")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("rss-2.0"))
        #expect(run.stdout.contains("2020-02-25T23:00:00Z"))
        #expect(run.stdout.contains("! 4 undefined HTML entities resolved"))
    }

    @Test func extractGivesJSONLines() throws {
        let run = try Executables.rus("extract", "--format", "jsonl",
                                      "Regions/Blekinge/Sources/Snapshot/vaxtplats-blekinge.html",
                                      "Regions/Vasternorrland/Sources/Snapshot/regional-utvecklingsstrategi-2011-2020.html")
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        let first = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: String]
        #expect(first?["file"] == "Regions/Blekinge/Sources/Snapshot/vaxtplats-blekinge.html")
        #expect(first?["title"] == "Växtplats Blekinge - Region Blekinge")
        #expect(first?["text"]?.contains("Hjälpte informationen") == false)
        let second = try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: String]
        #expect(second?["text"]?.contains("Halvtidsuppföljning av Regionala utvecklingsstrategin för Västernorrland") == true)
    }

    @Test func exampleComparesTwoRegions() throws {
        let run = try Executables.run("CompareTwoRegions", [])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Blekinge | Kalmar län"))
        #expect(run.stdout.contains("Växtplats Blekinge"))
    }
}
