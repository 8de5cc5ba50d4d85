import ArgumentParser
import Foundation
import RegionalStrategies

struct FetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Fetch regions' published documents from their live sites into the local cache.",
        discussion: """
        Fetches each region's sources (pages, feeds, slide decks), then pages found through its \
        feeds and sitemaps on the same host within the folders of its strategy pages. Politely: \
        HTTPS only, robots.txt honoured, at most --per-host requests at once per host and
        --delay seconds between them, conditional requests (ETag, Last-Modified) for what is \
        cached already. Every version fetched is kept, named by its SHA-256. Then \
        'rus compare --from-cache' compares what was fetched.
        """
    )

    @Argument(help: "Region ids (all bundled regions by default).")
    var regions: [String] = []

    @OptionGroup var cacheFolder: CacheFolderOption

    @Option(name: .customLong("max-pages"), help: "Most pages per region to add through feeds and sitemaps (0: none).")
    var maxPages = 25

    @Flag(name: .customLong("dry-run"), help: "Show what would be fetched, and how, without sending any request.")
    var dryRun = false

    @Option(name: .long, help: ArgumentHelp("A URL or e-mail address site owners can reach you at; sent in the User-Agent. Default: $RUS_CONTACT.", valueName: "contact"))
    var contact: String?

    @Option(name: .customLong("per-host"), help: "Requests at once to one host.")
    var perHost = 2

    @Option(name: .long, help: "Seconds between requests to one host (a longer robots.txt Crawl-delay wins).")
    var delay = 1.0

    @Option(name: .long, help: "Seconds without progress before a request times out.")
    var timeout = 30.0

    @Option(name: .customLong("max-bytes"), help: "Largest response body accepted, in bytes.")
    var maxBytes = 50 << 20

    func validate() throws {
        if maxPages < 0 { throw ValidationError("--max-pages must be 0 or more.") }
        if perHost < 1 { throw ValidationError("--per-host must be at least 1.") }
        if delay < 0 || timeout <= 0 || maxBytes <= 0 { throw ValidationError("--delay, --timeout and --max-bytes must be positive.") }
    }

    func run() async throws {
        try await reporting {
            let modules = try StrategyLoader().select(regions)
            let cache = cacheFolder.snapshotCache
            if dryRun {
                print(try Self.plan(modules, cache: cache, maxPages: maxPages), terminator: "")
                return
            }
            guard let contact = contact ?? ProcessInfo.processInfo.environment["RUS_CONTACT"], !contact.isEmpty else {
                throw CommandError("say who is fetching: --contact URL-or-email (or set RUS_CONTACT); it goes into the User-Agent so site owners can reach you")
            }
            let hosts = Set(modules.flatMap { $0.sources.compactMap { URL(string: $0.url)?.host } }).sorted()
            let lookups = hosts.map { ($0, HostLookup.problem(resolving: $0)) }
            if let (host, problem) = lookups.first, lookups.allSatisfy({ $0.1 != nil }) {
                throw CommandError(Self.noNetwork("cannot resolve \(host): \(problem ?? "")"))
            }
            let configuration = FetchConfiguration(
                contact: contact, maxConcurrentPerHost: perHost, minDelay: delay, maxBodyBytes: maxBytes, timeout: timeout
            )
            let fetcher = Fetcher(cache: cache, configuration: configuration)
            // Events arrive from many tasks; one consumer draws them in order and is done
            // before the summary is printed.
            let progress = FetchProgress(onTerminal: isatty(STDERR_FILENO) == 1)
            let (events, sink) = AsyncStream.makeStream(of: FetchEvent.self)
            let display = Task {
                for await event in events { await progress.handle(event) }
                await progress.finish()
            }
            let reports = await withTaskGroup(of: (Int, RegionFetchReport).self) { group in
                for (index, module) in modules.enumerated() {
                    group.addTask {
                        let report = await fetcher.fetchRegion(
                            module.region.id, sources: module.sources, discovery: module.discovery, maxPages: maxPages,
                            events: { sink.yield($0) }
                        )
                        return (index, report)
                    }
                }
                var reports: [(Int, RegionFetchReport)] = []
                for await report in group { reports.append(report) }
                return reports.sorted { $0.0 < $1.0 }.map(\.1)
            }
            sink.finish()
            await display.value
            let failures = reports.flatMap(\.failures)
            let all = reports.flatMap(\.results)
            if !all.isEmpty, all.allSatisfy({ $0.outcome.failure?.isNoNetwork == true }) {
                throw CommandError(Self.noNetwork(failures.compactMap { $0.outcome.failure?.description }.first ?? "no host could be reached"))
            }
            print(Self.summary(reports, cache: cache), terminator: "")
            if !failures.isEmpty { throw ExitCode(1) }
        }
    }

    /// The one line printed when no request got through: the machine is offline or has no DNS.
    static func noNetwork(_ reason: String) -> String {
        "no network: \(reason); nothing was fetched, the cache is unchanged, and the bundled snapshots still work (rus compare)"
    }

    /// What a dry run prints: per region, each URL and how it would be asked for.
    static func plan(_ modules: [any RegionModule], cache: SnapshotCache, maxPages: Int) throws -> String {
        var lines = ["cache: \(cache.root.path)"]
        for module in modules {
            let manifest = try cache.manifest(region: module.region.id)
            lines.append("\(module.region.id): \(module.sources.count) sources")
            for source in module.sources {
                let how: String
                if let entry = manifest.entry(for: source.url) {
                    let validators = [entry.etag.map { "If-None-Match \($0)" }, entry.lastModified.map { "If-Modified-Since \($0)" }].compactMap { $0 }
                    how = "cached, last fetched \(entry.lastFetched)" + (validators.isEmpty ? "; full request" : "; conditional: " + validators.joined(separator: ", "))
                } else {
                    how = "not cached"
                }
                lines.append("  \(source.role.rawValue): \(source.url) (\(how))")
            }
            let hints = module.discovery
            let sitemaps = hints.sitemaps.isEmpty ? "the sitemaps robots.txt names" : hints.sitemaps.joined(separator: ", ")
            lines.append("  then up to \(maxPages) pages from its feeds and \(sitemaps)" + (hints.scopes.isEmpty ? ", within the folders of its sources" : " under " + hints.scopes.joined(separator: ", ")))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The closing summary: per region, new / changed / unchanged / failed, each failure with
    /// its reason, and what discovery left out.
    static func summary(_ reports: [RegionFetchReport], cache: SnapshotCache) -> String {
        var lines: [String] = []
        for report in reports {
            lines.append("\(report.region): \(report.count(.new)) new, \(report.count(.changed)) changed, \(report.count(.unchanged)) unchanged, \(report.failures.count) failed")
            for result in report.failures {
                let reason = result.outcome.failure?.description ?? ""
                lines.append("  failed: " + (reason.hasPrefix(result.url) ? reason : "\(result.url): \(reason)"))
            }
            if !report.notFetched.isEmpty { lines.append("  \(report.notFetched.count) more pages found but over --max-pages") }
            for problem in report.discoveryProblems { lines.append("  discovery: \(problem)") }
        }
        lines.append("cache: \(cache.root.path)")
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Progress on standard error: one line rewritten in place on a terminal (per region documents
/// done / total, bytes, the URL being fetched), plain log lines otherwise.
actor FetchProgress {
    struct RegionState { var done = 0; var total = 0; var bytes = 0; var current: String? }

    let onTerminal: Bool
    private var regions: [(String, RegionState)] = []
    private var lastDraw = ContinuousClock.now - .seconds(1)

    init(onTerminal: Bool) { self.onTerminal = onTerminal }

    func handle(_ event: FetchEvent) {
        switch event {
        case let .planned(region, count): update(region) { $0.total = count }
        case let .started(region, url): update(region) { $0.current = url }
        case let .finished(region, result):
            update(region) {
                $0.done += 1
                if case .failed = result.outcome {} else { $0.bytes += result.entry?.size ?? 0 }
            }
            if !onTerminal { log("\(region): \(Self.describe(result))") }
        }
        if onTerminal, ContinuousClock.now - lastDraw > .milliseconds(100) { draw() }
    }

    func finish() {
        if onTerminal { write("\r\u{1B}[K") }
    }

    private func update(_ region: String, _ change: (inout RegionState) -> Void) {
        if let index = regions.firstIndex(where: { $0.0 == region }) {
            change(&regions[index].1)
        } else {
            var state = RegionState()
            change(&state)
            regions.append((region, state))
        }
    }

    private func draw() {
        lastDraw = .now
        let parts = regions.map { "\($0.0) \($0.1.done)/\($0.1.total)" }.joined(separator: "  ")
        let bytes = regions.map(\.1.bytes).reduce(0, +)
        let current = regions.compactMap(\.1.current).last ?? ""
        var line = "\(parts)  \(Self.size(bytes))  \(current)"
        if line.count > 160 { line = String(line.prefix(157)) + "..." }
        write("\r\u{1B}[K" + line)
    }

    static func describe(_ result: FetchResult) -> String {
        switch result.outcome {
        case .new: "new \(result.url) (\(size(result.entry?.size ?? 0)))"
        case .changed: "changed \(result.url) (\(size(result.entry?.size ?? 0)))"
        case .unchanged: "unchanged \(result.url)"
        case let .failed(failure): "failed \(failure)"
        }
    }

    static func size(_ bytes: Int) -> String {
        bytes < 1024 ? "\(bytes) B" : bytes < 1 << 20 ? "\(bytes / 1024) kB" : String(format: "%.1f MB", Double(bytes) / Double(1 << 20))
    }

    private func log(_ line: String) { write(line + "\n") }
    private func write(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
}
