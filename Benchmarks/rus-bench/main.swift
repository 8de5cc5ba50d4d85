// rus-bench: how fast our readers are against libxml2 itself, and how much memory they need.
// See BENCHMARKS.md for the method and the figures. Build in release mode:
//
//     swift build -c release --product rus-bench && .build/release/rus-bench
//
// Options (all optional):
//   --testdata PATH       the shared test material (default: ../shared/testdata, looked for
//                         from the current directory upwards)
//   --work PATH           where generated inputs are written (default: a new temporary folder,
//                         removed at the end unless --keep)
//   --repeat N            timed rounds per throughput measurement (default 5)
//   --feed-mb N           size of the generated feed timed in process (default 20)
//   --html-mb N           size of the generated page (default 10)
//   --stream-sizes LIST   generated feed sizes in MB for streaming memory (default 10,50,100,250,500)
//   --tree-sizes LIST     the same for the tree reader (default 10,20,50; it is quadratic);
//                         `none` for none
//   --no-trafilatura      skip the trafilatura comparison
//   --in-process          time every workload's rounds in this one process, interleaved (the
//                         method before 22 Nov 2026, 23:00 UTC: the workloads share the heap,
//                         and one pays for what another freed); by default each workload runs
//                         in child processes of its own (`timeIsolated`)
//   --quick               small sizes and two rounds, to try the benchmark out
//   --only LIST           only these parts: html, feeds, office, memory, consistency (default: all)
//   --json PATH           also write every figure as JSON
//   --dump-outlines FILE  instead of measuring, write the complete outline of every trafilatura
//                         page and of the generated page (--html-mb) to FILE, to check that a
//                         faster reader gives the same result (dump before and after, then cmp)
//   --child WORKLOAD FILE…  (internal) one sub-measurement in its own process
//   --steady WORKLOAD ROUNDS PATH…  (internal) one workload's throughput in its own process:
//                         an untimed round, then ROUNDS timed ones
//   hostile [--json PATH]  instead: the hostile corpus, each case in its own process, with
//                         outcome, time and peak memory against the targets (1 s, 256 MB)
//   --profile WORKLOAD PATH N  run one workload N times on a file or a folder's files (loaded
//                         first), for
//                         `perf record` or `valgrind --tool=callgrind`
import Foundation

var arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "--child" { childMain(Array(arguments.dropFirst())) }
if arguments.first == "--profile" { profileMain(Array(arguments.dropFirst())) }
if arguments.first == "--steady" { steadyMain(Array(arguments.dropFirst())) }
if arguments.first == "hostile" { hostileMain(Array(arguments.dropFirst())) }
if arguments.first == "--hostile-child" { hostileChild(Array(arguments.dropFirst())) }

struct Settings {
    var testdata: String?
    var work: String?
    var keep = false
    var repeats = 5
    var feedMB = 20
    var htmlMB = 10
    var streamSizes = [10, 50, 100, 250, 500]
    var treeSizes = [10, 20, 50]
    var trafilatura = true
    var json: String?
    var parts: Set<String> = ["html", "feeds", "office", "memory", "consistency"]
    var dumpOutlines: String?
    /// Whether throughput is timed in this process (`timeInterleaved`) instead of in child
    /// processes of each workload's own (`timeIsolated`).
    var inProcess = false
}

func parseSettings(_ arguments: [String]) throws -> Settings {
    var settings = Settings()
    var i = 0
    func value() throws -> String {
        i += 1
        guard i < arguments.count else { throw BenchError("\(arguments[i - 1]) needs a value") }
        return arguments[i]
    }
    func sizes(_ text: String) throws -> [Int] {
        if text == "none" { return [] }
        let list = text.split(separator: ",").compactMap { Int($0) }
        guard !list.isEmpty else { throw BenchError("expected sizes like 10,50,100, got '\(text)'") }
        return list
    }
    while i < arguments.count {
        switch arguments[i] {
        case "--testdata": settings.testdata = try value()
        case "--work": settings.work = try value()
        case "--keep": settings.keep = true
        case "--repeat": settings.repeats = max(1, Int(try value()) ?? 5)
        case "--feed-mb": settings.feedMB = max(1, Int(try value()) ?? 20)
        case "--html-mb": settings.htmlMB = max(1, Int(try value()) ?? 10)
        case "--stream-sizes": settings.streamSizes = try sizes(try value())
        case "--tree-sizes": settings.treeSizes = try sizes(try value())
        case "--no-trafilatura": settings.trafilatura = false
        case "--in-process": settings.inProcess = true
        case "--json": settings.json = try value()
        case "--dump-outlines": settings.dumpOutlines = try value()
        case "--only": settings.parts = Set(try value().split(separator: ",").map(String.init))
        case "--quick":
            settings.repeats = 2
            settings.feedMB = 10
            settings.htmlMB = 2
            settings.streamSizes = [10, 20]
            settings.treeSizes = [10]
        case "-h", "--help":
            print("usage: rus-bench [--testdata PATH] [--work PATH] [--keep] [--repeat N] [--feed-mb N] [--html-mb N] [--stream-sizes 10,50,…] [--tree-sizes 10,…] [--no-trafilatura] [--in-process] [--quick] [--only html,feeds,memory,consistency] [--json PATH] [--dump-outlines FILE]")
            exit(0)
        default:
            throw BenchError("unknown option \(arguments[i]) (try --help)")
        }
        i += 1
    }
    return settings
}

/// `../shared/testdata` from the current directory or one of its parents.
func findTestData() -> String? {
    var directory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    for _ in 0..<5 {
        let candidate = directory.appendingPathComponent("../shared/testdata").standardized.path
        if FileManager.default.fileExists(atPath: candidate) { return candidate }
        directory = directory.deletingLastPathComponent()
    }
    return nil
}

func log(_ text: String) {
    FileHandle.standardError.write(Data("rus-bench: \(text)\n".utf8))
}

// MARK: The run

/// Every figure of one run, for --json and the report.
struct Report: Codable {
    struct Row: Codable {
        var input: String
        var operation: String
        var bytes: Int
        var documents: Int
        var items: Int
        var failures: Int
        var bestSeconds: Double
        var medianSeconds: Double
        var megabytesPerSecond: Double
        var documentsPerSecond: Double
        var itemsPerSecond: Double
        var peakKB: Int?
    }
    struct Flatness: Codable {
        var megabytes: Int
        var bytes: Int
        var items: Int
        var streamPeakKB: Int
        var streamSeconds: Double
        var treePeakKB: Int?
        var treeSeconds: Double?
    }
    var machine: [String: String] = [:]
    var rows: [Row] = []
    var flatness: [Flatness] = []
    var idlePeakKB: Int?
    var trafilatura: TrafilaturaComparison.Result?
    var consistency: Consistency?
}

func row(_ input: String, _ timing: Timing, peak: ChildResult?) -> Report.Row {
    Report.Row(
        input: input, operation: timing.name, bytes: timing.work.bytes, documents: timing.work.documents,
        items: timing.work.items, failures: timing.work.failures, bestSeconds: timing.best, medianSeconds: timing.median,
        megabytesPerSecond: timing.megabytesPerSecond, documentsPerSecond: timing.documentsPerSecond,
        itemsPerSecond: timing.itemsPerSecond, peakKB: peak?.peakKB
    )
}

func machineInfo() -> [String: String] {
    var info: [String: String] = [:]
    info["cores"] = String(ProcessInfo.processInfo.activeProcessorCount)
    if let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
       let model = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("model name") }) {
        info["cpu"] = model.split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces)
    }
    info["memory"] = megabytes(kB: Int(ProcessInfo.processInfo.physicalMemory / 1024)) + " MB"
    info["swift"] = shell(["swift", "--version"])?.split(separator: "\n").first.map(String.init)
    info["libxml2"] = shell(["pkg-config", "--modversion", "libxml-2.0"])?.trimmingCharacters(in: .whitespacesAndNewlines)
    info["kernel"] = shell(["uname", "-sr"])?.trimmingCharacters(in: .whitespacesAndNewlines)
    if let load = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) {
        info["load average at start"] = load.split(separator: " ").prefix(3).joined(separator: " ")
    }
    #if DEBUG
    info["build"] = "debug (figures are not meaningful: build with -c release)"
    #else
    info["build"] = "release"
    #endif
    return info
}

func benchmark(_ settings: Settings) throws -> Report {
    var report = Report()
    report.machine = machineInfo()
    let testdata = settings.testdata ?? findTestData()
    let work = settings.work ?? (NSTemporaryDirectory() + "rus-bench-\(ProcessInfo.processInfo.processIdentifier)")
    try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
    defer { if !settings.keep, settings.work == nil { try? FileManager.default.removeItem(atPath: work) } }

    report.idlePeakKB = try runChild(Workload.idle.rawValue, []).peakKB

    // HTML: the 495 pages of the trafilatura evaluation set, and a generated large page.
    let pagesDirectory = testdata.map { $0 + "/trafilatura/pages" }
    let pages = pagesDirectory.map { listFiles(in: $0) } ?? []
    if settings.parts.contains("html"), let pagesDirectory, !pages.isEmpty {
        log("HTML: \(pages.count) pages")
        let bytes = load(pages)
        let timings = settings.inProcess ? timeInterleaved([
            (Workload.htmlRaw.rawValue, { bytes.reduce(Work()) { $0 + Workload.htmlRaw.run($1) } }),
            (Workload.htmlOutline.rawValue, { bytes.reduce(Work()) { $0 + Workload.htmlOutline.run($1) } }),
        ], repeats: settings.repeats) : try timeIsolated([Workload.htmlRaw.rawValue, Workload.htmlOutline.rawValue], paths: [pagesDirectory], repeats: settings.repeats)
        for timing in timings {
            report.rows.append(row("trafilatura pages (\(pages.count))", timing, peak: try runChild(timing.name, [pagesDirectory])))
        }
        if settings.trafilatura {
            log("trafilatura on the same pages (a minute or so)")
            report.trafilatura = TrafilaturaComparison.run(files: pages, workDirectory: work)
        }
    } else {
        log("no ../shared/testdata/trafilatura/pages: HTML corpus skipped")
    }
    if settings.parts.contains("html") {
        let page = PageGenerator.make(megabytes: settings.htmlMB)
        let path = work + "/page-\(settings.htmlMB)MB.html"
        guard FileManager.default.createFile(atPath: path, contents: Data(page)) else { throw BenchError("cannot write \(path)") }
        log("HTML: generated page of \(page.count) bytes")
        let timings = settings.inProcess ? timeInterleaved([
            (Workload.htmlRaw.rawValue, { Workload.htmlRaw.run(page) }),
            (Workload.htmlOutline.rawValue, { Workload.htmlOutline.run(page) }),
        ], repeats: settings.repeats) : try timeIsolated([Workload.htmlRaw.rawValue, Workload.htmlOutline.rawValue], paths: [path], repeats: settings.repeats)
        for timing in timings {
            report.rows.append(row("generated page (\(settings.htmlMB) MB)", timing, peak: try runChild(timing.name, [path])))
        }
    }

    // Feeds: the feedparser corpus, and a generated large Swedish feed.
    let feedsDirectory = testdata.map { $0 + "/feedparser/feeds" }
    let feeds = feedsDirectory.map { listFiles(in: $0) } ?? []
    if settings.parts.contains("feeds"), let feedsDirectory, !feeds.isEmpty {
        log("feeds: \(feeds.count) files")
        let bytes = load(feeds)
        let workloads = [Workload.xmlRaw, .xmlStream, .xmlEvents, .feedTree, .feedTreePlain, .feedStream]
        let timings = settings.inProcess ? timeInterleaved(workloads.map { w in
            (w.rawValue, { bytes.reduce(Work()) { $0 + w.run($1) } })
        }, repeats: settings.repeats) : try timeIsolated(workloads.map(\.rawValue), paths: [feedsDirectory], repeats: settings.repeats)
        for timing in timings {
            report.rows.append(row("feedparser feeds (\(feeds.count))", timing, peak: try runChild(timing.name, [feedsDirectory])))
        }
    } else {
        log("no ../shared/testdata/feedparser/feeds: feed corpus skipped")
    }
    if settings.parts.contains("consistency"), let feedsDirectory, !feeds.isEmpty {
        log("consistency: stream against tree on \(feeds.count) feeds")
        report.consistency = Consistency.check(feeds, root: feedsDirectory)
    }
    if settings.parts.contains("feeds") {
        let path = work + "/feed-\(settings.feedMB)MB.xml"
        let generated = try FeedGenerator.write(megabytes: settings.feedMB, to: path)
        log("feeds: generated feed of \(generated.bytes) bytes, \(generated.items) items")
        let bytes = load([path])[0]
        let workloads = [Workload.xmlRaw, .xmlStream, .xmlEvents, .feedTree, .feedTreePlain, .feedStream]
        let timings = settings.inProcess ? timeInterleaved(workloads.map { w in
            (w.rawValue, { w.run(bytes) })
        }, repeats: max(1, min(settings.repeats, 3))) : try timeIsolated(workloads.map(\.rawValue), paths: [path], repeats: max(1, min(settings.repeats, 3)))
        for timing in timings {
            report.rows.append(row("generated feed (\(settings.feedMB) MB)", timing, peak: try runChild(timing.name, [path])))
        }
        if !settings.keep { try? FileManager.default.removeItem(atPath: path) }
    }

    // Office files: the .pptx and .docx of the OOXML test material.
    let officeDirectory = testdata.map { $0 + "/ooxml" }
    let officeFiles = officeDirectory.map { listFiles(in: $0, extensions: ["pptx", "docx"]) } ?? []
    if settings.parts.contains("office"), let officeDirectory, !officeFiles.isEmpty {
        log("Office: \(officeFiles.count) files")
        let bytes = load(officeFiles)
        let workloads = [Workload.officeRaw, .officeOutline]
        let timings = settings.inProcess ? timeInterleaved(workloads.map { w in
            (w.rawValue, { bytes.reduce(Work()) { $0 + w.run($1) } })
        }, repeats: settings.repeats) : try timeIsolated(workloads.map(\.rawValue), paths: [officeDirectory], repeats: settings.repeats)
        for timing in timings {
            report.rows.append(row("ooxml files (\(officeFiles.count))", timing, peak: try runChild(timing.name, [officeDirectory])))
        }
    } else if settings.parts.contains("office") {
        log("no ../shared/testdata/ooxml: Office rows skipped")
    }

    // Streaming memory: one child per size, each with its own peak.
    for size in settings.parts.contains("memory") ? Set(settings.streamSizes + settings.treeSizes).sorted() : [] {
        let path = work + "/flat-\(size)MB.xml"
        let generated = try FeedGenerator.write(megabytes: size, to: path)
        log("memory: feed of \(size) MB")
        let stream = try runChild(Workload.feedStreamFile.rawValue, [path])
        let tree = settings.treeSizes.contains(size) ? try runChild(Workload.feedTree.rawValue, [path]) : nil
        // A read that stopped early would measure the memory of part of the feed.
        for child in [stream, tree].compactMap({ $0 }) where child.failures > 0 {
            throw BenchError("memory: \(child.workload) failed on the \(size) MB feed after \(child.items) items")
        }
        if settings.streamSizes.contains(size) {
            report.flatness.append(Report.Flatness(
                megabytes: size, bytes: generated.bytes, items: stream.items, streamPeakKB: stream.peakKB,
                streamSeconds: stream.seconds, treePeakKB: tree?.peakKB, treeSeconds: tree?.seconds
            ))
        } else if let tree {
            report.flatness.append(Report.Flatness(megabytes: size, bytes: generated.bytes, items: tree.items, streamPeakKB: -1, streamSeconds: .nan, treePeakKB: tree.peakKB, treeSeconds: tree.seconds))
        }
        if !settings.keep { try? FileManager.default.removeItem(atPath: path) }
    }
    if let load = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) {
        report.machine["load average at end"] = load.split(separator: " ").prefix(3).joined(separator: " ")
    }
    return report
}

// MARK: The report

func markdown(_ report: Report, repeats: Int, inProcess: Bool) -> String {
    var out = "## Machine\n\n"
    for key in ["cpu", "cores", "memory", "kernel", "swift", "libxml2", "build", "load average at start", "load average at end"] {
        if let value = report.machine[key] { out += "- \(key): \(value)\n" }
    }
    out += "\n## Throughput (same inputs in memory; \(inProcess ? "best of \(repeats) rounds interleaved in one process, median in brackets" : "\(repeats) child processes per operation, interleaved, each timing 6 rounds after an untimed one; MB/s at the median round, the best round's in brackets"))\n\n"
    out += "| Input | Operation | MB/s | documents/s | items/s | × limit | failed | peak memory MB (own process) |\n|---|---|---:|---:|---:|---:|---:|---:|\n"
    var limits: [String: Double] = [:]
    for r in report.rows where [Workload.htmlRaw, .xmlRaw, .officeRaw].map(\.rawValue).contains(r.operation) {
        limits[r.input] = r.megabytesPerSecond
    }
    for r in report.rows {
        let ratio = limits[r.input].map { r.megabytesPerSecond / $0 }
        let other = Double(r.bytes) / 1e6 / (inProcess ? r.medianSeconds : r.bestSeconds)
        out += "| \(r.input) | \(r.operation) | \(fmt(r.megabytesPerSecond)) (\(fmt(other))) | \(fmt(r.documentsPerSecond, 0)) | \(r.items > 0 ? fmt(r.itemsPerSecond, 0) : "") | \(ratio.map { fmt($0, 2) } ?? "") | \(failed(r)) | \(r.peakKB.map { megabytes(kB: $0) } ?? "") |\n"
    }
    out += "\n(failed: the share of documents the operation threw on; they count in documents/s as read.)\n"
    if let idle = report.idlePeakKB { out += "\nA child process that reads nothing peaks at \(megabytes(kB: idle)) MB.\n" }
    if let t = report.trafilatura {
        out += "\n### trafilatura on the same pages\n\n| Operation | MB/s | documents/s | ms/page | peak memory MB |\n|---|---:|---:|---:|---:|\n"
        out += "| lxml \(t.lxmlLibxml2) HTML parse (`lxml.html.document_fromstring`) | \(fmt(Double(t.bytes) / 1e6 / t.rawSeconds)) | \(fmt(Double(t.pages) / t.rawSeconds, 0)) | \(fmt(t.rawSeconds * 1000 / Double(t.pages), 2)) | |\n"
        out += "| trafilatura \(t.version) `extract` | \(fmt(Double(t.bytes) / 1e6 / t.extractSeconds)) | \(fmt(Double(t.pages) / t.extractSeconds, 0)) | \(fmt(t.extractSeconds * 1000 / Double(t.pages), 2)) | \(megabytes(kB: t.peakKB)) |\n"
        if let ours = report.rows.first(where: { $0.operation == Workload.htmlOutline.rawValue && $0.input.hasPrefix("trafilatura") }) {
            out += "| ours: html-outline (above) | \(fmt(ours.megabytesPerSecond)) | \(fmt(ours.documentsPerSecond, 0)) | \(fmt(ours.bestSeconds * 1000 / Double(ours.documents), 2)) | \(ours.peakKB.map { megabytes(kB: $0) } ?? "") |\n"
        }
    }
    if !report.flatness.isEmpty {
        out += "\n## Memory as the feed grows (each figure from its own child process)\n\n"
        out += "| Feed MB | items | streaming peak MB | streaming s | streaming MB/s | tree peak MB | tree s |\n|---:|---:|---:|---:|---:|---:|---:|\n"
        for f in report.flatness {
            let streamed = f.streamPeakKB >= 0
            out += "| \(fmt(Double(f.bytes) / 1e6)) | \(f.items) | \(streamed ? megabytes(kB: f.streamPeakKB) : "") | \(streamed ? fmt(f.streamSeconds, 2) : "") | \(streamed ? fmt(Double(f.bytes) / 1e6 / f.streamSeconds) : "") | \(f.treePeakKB.map { megabytes(kB: $0) } ?? "") | \(f.treeSeconds.map { fmt($0, 2) } ?? "") |\n"
        }
    }
    if let c = report.consistency {
        out += "\n## Stream against tree (feedparser feeds)\n\n"
        out += "Of \(c.feeds) feeds, \(c.same) give the same items and feed fields from `FeedStream` as from `FeedReader`, \(c.bothFail) neither reads, \(c.differences.count) differ:\n\n"
        for (file, difference) in c.differences.sorted(by: { $0.key < $1.key }) {
            out += "- `\(file)`: \(difference.count > 300 ? String(difference.prefix(300)) + "…" : difference)\n"
        }
    }
    out += "\n## Targets\n\n"
    // Both figures, and a verdict that needs both: on a loaded host the median rounds and the
    // best rounds can disagree by more than the margin (BENCHMARKS.md, session 19).
    for (input, ours, limit) in targetPairs(report) {
        let byMedians = (Double(ours.bytes) / ours.medianSeconds) / (Double(limit.bytes) / limit.medianSeconds)
        let byBest = (Double(ours.bytes) / ours.bestSeconds) / (Double(limit.bytes) / limit.bestSeconds)
        let met = [byMedians, byBest].filter { $0 >= 0.8 }.count
        let verdict = met == 2 ? "met" : met == 1 ? "at the line" : "missed"
        out += "- \(input): \(ours.operation) at \(fmt(byMedians, 2))× \(limit.operation) by the medians, \(fmt(byBest, 2))× by the best rounds (target ≥ 0.80): **\(verdict)**\n"
    }
    let streamed = report.flatness.filter { $0.streamPeakKB >= 0 }
    if let first = streamed.first, let last = streamed.last, streamed.count > 1 {
        let growth = Double(last.streamPeakKB - first.streamPeakKB) * 1024 / 1e6
        let flat = growth <= 5 && Double(last.streamPeakKB) <= Double(first.streamPeakKB) * 1.10
        out += "- streaming peak memory from \(fmt(Double(first.bytes) / 1e6, 0)) MB to \(fmt(Double(last.bytes) / 1e6, 0)) MB of feed: \(megabytes(kB: first.streamPeakKB)) → \(megabytes(kB: last.streamPeakKB)) MB (\(growth >= 0 ? "+" : "")\(fmt(growth)) MB; flat means at most +5 MB and +10 %): **\(flat ? "met" : "missed")**\n"
    }
    return out
}

/// The share of a row's documents the operation threw on, as a percentage ("" for none).
func failed(_ row: Report.Row) -> String {
    row.failures == 0 ? "" : fmt(100 * Double(row.failures) / Double(max(1, row.documents)), 1) + " %"
}

/// (input, our operation, the limit it is held against) for each throughput target.
func targetPairs(_ report: Report) -> [(String, Report.Row, Report.Row)] {
    var pairs: [(String, Report.Row, Report.Row)] = []
    for input in Set(report.rows.map(\.input)).sorted() {
        let rows = report.rows.filter { $0.input == input }
        if let limit = rows.first(where: { $0.operation == Workload.htmlRaw.rawValue }),
           let ours = rows.first(where: { $0.operation == Workload.htmlOutline.rawValue }) {
            pairs.append((input, ours, limit))
        }
        if let limit = rows.first(where: { $0.operation == Workload.xmlRaw.rawValue }) {
            for ours in rows where ours.operation == Workload.feedTree.rawValue || ours.operation == Workload.feedStream.rawValue {
                pairs.append((input, ours, limit))
            }
        }
    }
    return pairs
}

do {
    let settings = try parseSettings(arguments)
    if let path = settings.dumpOutlines {
        let pages = (settings.testdata ?? findTestData()).map { listFiles(in: $0 + "/trafilatura/pages") } ?? []
        try OutlineDumpCheck.write(to: path, pages: pages, generatedPage: PageGenerator.make(megabytes: settings.htmlMB))
        log("wrote the outlines of \(pages.count) pages and the generated page to \(path)")
        exit(0)
    }
    let report = try benchmark(settings)
    print(markdown(report, repeats: settings.repeats, inProcess: settings.inProcess))
    if let json = settings.json {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        try encoder.encode(report).write(to: URL(fileURLWithPath: json))
    }
} catch {
    log("\(error)")
    exit(1)
}
