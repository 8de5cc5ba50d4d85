import Foundation
import Markup
import Documents

/// The operations measured. Each takes the bytes of one document and says what it did.
enum Workload: String, CaseIterable {
    /// libxml2's HTML parser through Markup: charset sniffing, the attribute cap, parse, free.
    case htmlRaw = "html-raw"
    /// Our HTML page → outline and main text (`HTMLPageReader`).
    case htmlOutline = "html-outline"
    /// libxml2's XML tree build through Markup: sniffing, entity repair, parse, free.
    case xmlRaw = "xml-raw"
    /// libxml2's push parser through Markup's `StreamingXMLReader`: events only, no items; the
    /// limit for streaming.
    case xmlStream = "xml-stream"
    /// What the feed reader pays before its rules (a floor, not a limit): the HTML-entity
    /// repair, then libxml2's memory parser with our SAX callbacks (sniffing, the same options),
    /// the parser context and the event sink kept between documents, into a receiver that
    /// does nothing with the events.
    case xmlEvents = "xml-events"
    /// Our feed → items on the tree (`FeedReader`).
    case feedTree = "feed-tree"
    /// Our feed → items on the tree, then every item's plain title and summary read
    /// (`FeedItem.title`, `.summary`, made from the details when read since round 16): what
    /// `feed-tree` paid before, when the reader made them for every item. Shown beside the
    /// target's rows, not one of them.
    case feedTreePlain = "feed-tree-plain"
    /// Our feed → items streamed (`FeedStream`), fed in 256 KiB chunks.
    case feedStream = "feed-stream"
    /// Our feed → items streamed straight from the file (`FeedStream.readFile`); children only.
    case feedStreamFile = "feed-stream-file"
    /// The limit for Office files: our ZIP checks, then every XML part of a .pptx or .docx
    /// (`.xml` and `.rels` entries) inflated and parsed by libxml2 through Markup
    /// (`MarkupDocument(xml:)`), and freed. More parts than the reader reads (themes, unused
    /// layouts, settings): an upper bound on the raw work, not a limit to stay under.
    case officeRaw = "office-raw"
    /// Our .pptx/.docx → outline (`OfficeReader().outline`): the package, the parts it needs,
    /// the model (slides, shapes, notes, charts; paragraphs, lists, tables, headers and
    /// footers) and the outline.
    case officeOutline = "office-outline"
    /// Nothing: the floor of a child process's peak memory.
    case idle

    static let chunkSize = 1 << 18

    /// Caps raised so that the generated inputs of hundreds of MB are read.
    static let bigParseOptions: ParseOptions = {
        var options = ParseOptions()
        options.maximumInputBytes = Int(Int32.max)
        return options
    }()

    /// Streams a whole feed, however many items it has: the memory table streams up to 1 GB
    /// (over a million items), beyond the cap of ``/Markup/ParseLimits/feedItems`` that protects
    /// a reader of untrusted feeds by default (the stream would stop at it with an error).
    static let wholeFeedStreamOptions: FeedStream.Options = {
        var options = FeedStream.Options()
        options.markup.limits.feedItems = .max
        return options
    }()

    func run(_ bytes: [UInt8]) -> Work {
        var work = Work(bytes: bytes.count, documents: 1)
        switch self {
        case .htmlRaw:
            do { _ = try MarkupDocument(html: bytes, options: Self.bigParseOptions) } catch { work.failures += 1 }
        case .htmlOutline:
            do {
                let outline = try HTMLPageReader(options: Self.bigParseOptions).read(bytes)
                work.items = outline.mainText.isEmpty ? 0 : 1
            } catch { work.failures += 1 }
        case .xmlRaw:
            do { _ = try MarkupDocument(xml: bytes, options: Self.bigParseOptions) } catch { work.failures += 1 }
        case .xmlStream:
            do {
                let reader = StreamingXMLReader()
                var events: [XMLStreamEvent] = []
                var offset = 0
                while offset < bytes.count {
                    events.removeAll(keepingCapacity: true)
                    try reader.parse(bytes[offset..<min(bytes.count, offset + Self.chunkSize)], into: &events)
                    offset += Self.chunkSize
                }
                try reader.finish(into: &events)
            } catch { work.failures += 1 }
        case .xmlEvents:
            var options = Self.bigParseOptions
            options.repairHTMLEntities = false
            let repaired = bytes.withUnsafeBytes { StreamingEntityRepair.repairWithReport($0) }?.bytes ?? bytes
            do {
                _ = try repaired.withUnsafeBytes { raw throws(MarkupError) in
                    try StreamingXMLReader.readInMemory(raw, options: options, stopAtFatalError: true, contexts: IgnoredEvents.shared.contexts, to: IgnoredEvents.shared)
                }
            } catch { work.failures += 1 }
        case .feedTree:
            do { work.items = try FeedReader(options: Self.bigParseOptions).read(bytes).items.count } catch { work.failures += 1 }
        case .feedTreePlain:
            do {
                let feed = try FeedReader(options: Self.bigParseOptions).read(bytes)
                var plain = 0
                for item in feed.items {
                    plain &+= item.title?.utf8.count ?? 0
                    plain &+= item.summary?.utf8.count ?? 0
                }
                // Used, so that the optimiser keeps the reads.
                work.items = feed.items.count + (plain == -1 ? 1 : 0)
            } catch { work.failures += 1 }
        case .feedStream:
            do {
                var count = 0
                // The chunks made one at a time as the reader asks for them, as a stream's
                // source gives them (a list of them all, made first, cost an allocation per
                // document that is not the reader's).
                let chunks = stride(from: 0, to: bytes.count, by: Self.chunkSize).lazy.map { bytes[$0..<min(bytes.count, $0 + Self.chunkSize)] }
                _ = try FeedStream.read(chunks: chunks) { _ in count += 1 }
                work.items = count
            } catch { work.failures += 1 }
        case .officeRaw:
            do {
                let archive = try ZipArchive(bytes: bytes)
                var budget = archive.limits.zipTotalBytes
                for entry in archive.entries where entry.name.hasSuffix(".xml") || entry.name.hasSuffix(".rels") {
                    let part = try archive.contents(of: entry, budget: &budget)
                    // A part that is not well-formed enough to parse fails the document, as in the reader.
                    do { _ = try MarkupDocument(xml: part) } catch { work.failures = 1 }
                }
            } catch { work.failures = 1 }
        case .officeOutline:
            do { _ = try OfficeReader().outline(bytes) } catch { work.failures += 1 }
        case .feedStreamFile, .idle:
            break
        }
        return work
    }

    /// Runs over files one at a time (read, process, drop), as a child process does.
    func run(files: [String]) -> Work {
        var total = Work()
        for path in files {
            if self == .idle { continue }
            if self == .feedStreamFile {
                var work = Work(bytes: (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0, documents: 1)
                do {
                    _ = try FeedStream.readFile(atPath: path, options: Self.wholeFeedStreamOptions, chunkSize: Self.chunkSize) { _ in work.items += 1 }
                } catch { work.failures += 1 }
                total = total + work
                continue
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                total.failures += 1
                continue
            }
            total = total + run([UInt8](data))
        }
        return total
    }
}

/// A receiver that ignores every event (``Workload/xmlEvents``), with the parser context kept
/// between documents as the feed reader keeps it. One thread only (the benchmark's).
final class IgnoredEvents: XMLEventReceiver {
    nonisolated(unsafe) static let shared = IgnoredEvents()
    let names = XMLNameTable()
    let contexts = XMLParserContextCache()
    func startElement(_ tag: XMLStartTag, afterMalformation: Bool) {}
    func endElement() {}
    var wantsText: Bool { true }
    func text(_ utf8: UnsafeBufferPointer<UInt8>) {}
}

/// The child-process side: `rus-bench --child <workload> <paths…>`.
func childMain(_ arguments: [String]) -> Never {
    guard let name = arguments.first, let workload = Workload(rawValue: name) else {
        FileHandle.standardError.write(Data("rus-bench: unknown child workload\n".utf8))
        exit(2)
    }
    let files = files(at: arguments.dropFirst())
    let start = now()
    let work = workload.run(files: files)
    let result = ChildResult(
        workload: name, peakKB: procStatusKB("VmHWM") ?? -1, seconds: now() - start,
        bytes: work.bytes, documents: work.documents, items: work.items, failures: work.failures
    )
    let json = (try? JSONEncoder().encode(result)) ?? Data()
    FileHandle.standardOutput.write(json + Data("\n".utf8))
    exit(0)
}

/// The throughput side: `rus-bench --steady <workload> <rounds> <file or folder>…`. Loads the
/// files, runs one untimed round, times `rounds` more, and answers with one line of JSON
/// (`SteadyResult`: what one round did, and the time of each).
func steadyMain(_ arguments: [String]) -> Never {
    guard arguments.count >= 3, let workload = Workload(rawValue: arguments[0]), let rounds = Int(arguments[1]) else {
        FileHandle.standardError.write(Data("rus-bench: usage: --steady <workload> <rounds> <file or folder>…\n".utf8))
        exit(2)
    }
    let documents = load(files(at: arguments.dropFirst(2)))
    // A round reads the documents as many times as it takes to read 10 MB: the 391 feedparser
    // feeds (105 KB) once would be a round of 2 ms, whose time says more about the scheduler.
    let passes = max(1, 10_000_000 / max(1, documents.reduce(0) { $0 + $1.count }))
    func round() -> Work {
        var work = Work()
        for _ in 0..<passes { work = documents.reduce(work) { $0 + workload.run($1) } }
        return work
    }
    var work = round()
    var times: [Double] = []
    for _ in 0..<max(1, rounds) {
        let start = now()
        work = round()
        times.append(now() - start)
    }
    let result = SteadyResult(times: times, work: work)
    FileHandle.standardOutput.write(((try? JSONEncoder().encode(result)) ?? Data()) + Data("\n".utf8))
    exit(0)
}

/// The profiling side: `rus-bench --profile <workload> <file> <rounds>`.
func profileMain(_ arguments: [String]) -> Never {
    var isDirectory: ObjCBool = false
    guard arguments.count == 3, let workload = Workload(rawValue: arguments[0]), let rounds = Int(arguments[2]),
          FileManager.default.fileExists(atPath: arguments[1], isDirectory: &isDirectory) else {
        FileHandle.standardError.write(Data("rus-bench: usage: --profile <workload> <file or folder> <rounds>\n".utf8))
        exit(2)
    }
    let documents = load(isDirectory.boolValue ? listFiles(in: arguments[1]) : [arguments[1]])
    let bytes = documents.reduce(0) { $0 + $1.count }
    let start = now()
    var items = 0
    for _ in 0..<max(1, rounds) {
        for document in documents { items += workload.run(document).items }
    }
    let seconds = now() - start
    print("\(workload.rawValue): \(documents.count) documents, \(rounds) rounds, \(items) items, \(String(format: "%.1f", Double(bytes * rounds) / 1e6 / seconds)) MB/s")
    exit(0)
}

/// The files of `paths`: a folder stands for ``listFiles(in:)``, anything else for itself.
func files(at paths: ArraySlice<String>) -> [String] {
    paths.flatMap { path in
        var isDirectory: ObjCBool = false
        let isFolder = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
        return isFolder ? listFiles(in: path) : [path]
    }
}

/// Regular files below `directory` with the extensions of the test material, sorted.
func listFiles(in directory: String, extensions: Set<String> = ["html", "htm", "xml", "rss", "atom", "pptx", "docx"]) -> [String] {
    guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
    return enumerator.compactMap { $0 as? String }
        .filter { extensions.contains(($0 as NSString).pathExtension.lowercased()) }
        .sorted()
        .map { directory + "/" + $0 }
}

/// The bytes of every file, in order.
func load(_ files: [String]) -> [[UInt8]] {
    files.compactMap { FileManager.default.contents(atPath: $0).map { [UInt8]($0) } }
}
