import Foundation
import Testing
import Documents
import Markup

/// Scores ``FeedReader`` against feedparser's test suite (`../shared/testdata/feedparser`).
///
/// Each feed file's `Expect:` line is a Python expression over feedparser's result. The
/// translation: ``FeedparserView`` shows our ``Feed`` under feedparser's key vocabulary (with
/// feedparser's aliases: `guid` → `id`, `tagline`/`description` → `subtitle`/`summary`, `url` →
/// `href`, `modified` → `updated`, `issued` → `published`, `category` → the first tag's term),
/// and a small evaluator runs the expression on it: `bozo` is "``Feed/problems`` is not empty",
/// or the reader threw. Equality follows what the value is:
///
/// - plain strings compare exactly;
/// - markup (a text construct whose type is HTML or XHTML) compares exactly, or as the same HTML
///   (same elements, attributes and text once both are parsed; serialisation details such as
///   attribute order, `<br/>` versus `<br />` or namespace declarations do not count);
/// - a date string (`'Thu, 01 Jan 2004 19:48:21 GMT'`) compares as the instant it names, a
///   `*_parsed` tuple as the UTC time it lists.
///
/// All 391 expectations count, the compound ones too (`bozo and encoding == …`, chained `==`,
/// `len(…)`, dictionaries); none is excluded. Files are read as feedparser's own harness serves
/// them: from `http://127.0.0.1:8097/tests/<path>`, the document address relative links resolve
/// against.
@Suite("feedparser conformance")
struct FeedparserConformanceTests {
    struct Expectation: Decodable, Sendable {
        var path: String
        var folder: String
        var expect: String
        var simple: Bool
    }

    static let folder = ProjectFiles.sharedTestData.appendingPathComponent("feedparser")

    static let expectations: [Expectation] = {
        let url = folder.appendingPathComponent("expectations.json")
        guard let data = try? Data(contentsOf: url) else { return [] }
        return (try? JSONDecoder().decode([Expectation].self, from: data)) ?? []
    }()

    /// Expectations left out of the denominator, with the reason. Empty: every expectation is
    /// about something in scope (titles, links, ids, dates, text, authors, categories, encoding,
    /// bozo), so every one counts, failures included.
    static let excluded: [String: String] = [:]

    struct Outcome {
        var expectation: Expectation
        var passed: Bool
        /// Passed with markup compared as exact strings only.
        var passedExactly: Bool
        var detail: String
    }

    static func run(_ e: Expectation) -> Outcome {
        let file = folder.appendingPathComponent("feeds").appendingPathComponent(e.path)
        guard let data = try? Data(contentsOf: file) else { return Outcome(expectation: e, passed: false, passedExactly: false, detail: "file missing") }
        let view: PyValue
        var summary = ""
        do {
            let feed = try FeedReader().read([UInt8](data), url: "http://127.0.0.1:8097/tests/" + e.path)
            view = FeedparserView.result(feed)
            summary = "problems: \(feed.problems)"
        } catch {
            view = FeedparserView.failure
            summary = "threw: \(error)"
        }
        do {
            var parser = try PyParser(e.expect)
            let expression = try parser.parse()
            let value = try expression.evaluate(in: view)
            let exact = (try? expression.evaluate(in: view, sameHTML: false))?.truthy ?? false
            return Outcome(expectation: e, passed: value.truthy, passedExactly: exact, detail: summary)
        } catch {
            return Outcome(expectation: e, passed: false, passedExactly: false, detail: "\(error); \(summary)")
        }
    }

    @Test func passRateIsAtLeast95Percent() throws {
        let all = Self.expectations
        guard !all.isEmpty else {
            print("skipped: ../shared/testdata/feedparser/expectations.json is absent")
            return
        }
        #expect(all.count == 391)
        let counted = all.filter { Self.excluded[$0.path] == nil }
        let outcomes = counted.map(Self.run)
        var byFolder: [String: (passed: Int, total: Int)] = [:]
        for o in outcomes {
            byFolder[o.expectation.folder, default: (0, 0)].total += 1
            if o.passed { byFolder[o.expectation.folder, default: (0, 0)].passed += 1 }
        }
        func percent(_ p: Int, _ t: Int) -> String { String(format: "%5.1f %%", 100 * Double(p) / Double(max(t, 1))) }
        var lines = ["feedparser conformance (Expect: lines of ../shared/testdata/feedparser):"]
        for (folder, tally) in byFolder.sorted(by: { $0.key < $1.key }) {
            lines.append("  " + folder.padding(toLength: 28, withPad: " ", startingAt: 0) + "\(tally.passed)/\(tally.total)".padding(toLength: 9, withPad: " ", startingAt: 0) + percent(tally.passed, tally.total))
        }
        let passed = outcomes.filter(\.passed).count
        let simple = outcomes.filter(\.expectation.simple)
        let simplePassed = simple.filter(\.passed).count
        lines.append("  single-equality expectations: \(simplePassed)/\(simple.count) \(percent(simplePassed, simple.count))")
        let exact = outcomes.filter(\.passedExactly).count
        lines.append("  overall: \(passed)/\(outcomes.count) \(percent(passed, outcomes.count)) (excluded: \(Self.excluded.count)); "
            + "\(exact) with markup equal as strings, \(passed - exact) more as the same HTML")
        for o in outcomes where o.passed && !o.passedExactly {
            lines.append("  same HTML, other serialisation: \(o.expectation.path)")
        }
        for o in outcomes where !o.passed {
            lines.append("  FAIL \(o.expectation.path): \(o.expectation.expect) — \(o.detail)")
        }
        print(lines.joined(separator: "\n"))
        let rate = Double(passed) / Double(outcomes.count)
        #expect(rate >= 0.95, "overall pass rate \(rate)")
    }

    @Test func expressionTranslationIsFaithful() throws {
        // The evaluator itself: a false expectation must come out false.
        let feed = Feed(format: .rss20, title: "x", link: nil, subtitle: nil, language: nil, updated: nil, items: [], problems: [],
                        titleDetail: FeedText(value: "Example <b>Atom</b>", type: "text/html"))
        let view = FeedparserView.result(feed)
        func eval(_ s: String) throws -> Bool {
            var p = try PyParser(s)
            return try p.parse().evaluate(in: view).truthy
        }
        #expect(try eval("not bozo and feed['title'] == 'Example <b>Atom</b>'"))
        #expect(try eval("feed['title'] == '<b>Atom</b> Example'") == false)
        #expect(try eval("feed['title'] == 'Example <i>Atom</i>'") == false)
        #expect(try eval("bozo") == false)
        #expect(try eval("version == 'rss20'"))
        #expect((try? eval("entries[0]['title'] == 'x'")) != true)
    }
}

// MARK: feedparser's result, seen through our Feed

/// A Python value: what an `Expect:` expression works on.
indirect enum PyValue: CustomStringConvertible {
    case none
    case bool(Bool)
    case int(Int)
    case string(String)
    /// Markup: equal to a string that is the same HTML.
    case html(String)
    /// A date: equal to a date string naming the same instant, or a `time.struct_time` tuple.
    case date(Date)
    case tuple([PyValue])
    case list([PyValue])
    case dict([String: PyValue])

    var truthy: Bool {
        switch self {
        case .none: false
        case let .bool(b): b
        case let .int(i): i != 0
        case let .string(s), let .html(s): !s.isEmpty
        case .date: true
        case let .tuple(v), let .list(v): !v.isEmpty
        case let .dict(d): !d.isEmpty
        }
    }

    var description: String {
        switch self {
        case .none: "None"
        case let .bool(b): b ? "True" : "False"
        case let .int(i): "\(i)"
        case let .string(s): "'\(s)'"
        case let .html(s): "html'\(s)'"
        case let .date(d): "date(\(d))"
        case let .tuple(v): "(" + v.map(\.description).joined(separator: ", ") + ")"
        case let .list(v): "[" + v.map(\.description).joined(separator: ", ") + "]"
        case let .dict(d): "{" + d.sorted { $0.key < $1.key }.map { "'\($0.key)': \($0.value)" }.joined(separator: ", ") + "}"
        }
    }

    static func pyEquals(_ a: PyValue, _ b: PyValue, sameHTML: Bool = true) -> Bool {
        switch (a, b) {
        case (.none, .none): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.int(x), .int(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.html(x), .string(y)), let (.string(y), .html(x)), let (.html(x), .html(y)):
            return x == y || (sameHTML && CanonicalHTML.form(x) == CanonicalHTML.form(y))
        case let (.date(d), .string(s)), let (.string(s), .date(d)):
            return FeedDate.parse(s) == d
        case let (.date(d), .tuple(t)), let (.tuple(t), .date(d)):
            let ints = t.compactMap { if case let .int(i) = $0 { i } else { nil } }
            guard ints.count >= 6 else { return false }
            return FeedDateTests.utc(Array(ints.prefix(6))) == d
        case let (.date(x), .date(y)): return x == y
        case let (.tuple(x), .tuple(y)), let (.list(x), .list(y)):
            return x.count == y.count && zip(x, y).allSatisfy { pyEquals($0, $1, sameHTML: sameHTML) }
        case let (.dict(x), .dict(y)):
            return Set(x.keys) == Set(y.keys) && x.allSatisfy { k, v in pyEquals(v, y[k]!, sameHTML: sameHTML) }
        default: return false
        }
    }
}

/// Our ``Feed`` under feedparser's keys.
enum FeedparserView {
    static let failure = PyValue.dict(["bozo": .bool(true), "feed": .dict([:]), "entries": .list([]), "version": .string("")])

    static func result(_ feed: Feed) -> PyValue {
        var root: [String: PyValue] = [
            "bozo": .bool(!feed.problems.isEmpty),
            "version": .string(version(feed.format)),
            "feed": self.feed(feed),
            "entries": .list(feed.items.map(entry)),
        ]
        if let encoding = feed.encoding { root["encoding"] = .string(encoding) }
        return .dict(root)
    }

    static func version(_ format: Feed.Format) -> String {
        switch format {
        case .rss090: "rss090"
        case .rss091: "rss091u"
        case .rss091Netscape: "rss091n"
        case .rss092: "rss092"
        case .rss093: "rss093"
        case .rss094: "rss094"
        case .rss10: "rss10"
        case .rss20: "rss20"
        case .rss: "rss"
        case .atom03: "atom03"
        case .atom10: "atom10"
        }
    }

    static func text(_ t: FeedText) -> PyValue { t.isMarkup ? .html(t.value) : .string(t.value) }

    static func feed(_ f: Feed) -> PyValue {
        var d: [String: PyValue] = [:]
        if let t = f.titleDetail { d["title"] = text(t) }
        if let l = f.link { d["link"] = .string(l) }
        d["links"] = .list(f.links.map(link))
        if let s = f.subtitleDetail { d["subtitle"] = text(s) }
        if let id = f.id { d["id"] = .string(id) }
        if let u = f.updated { d["updated"] = .date(u); d["updated_parsed"] = .date(u) }
        if let l = f.language { d["language"] = .string(l) }
        if let a = f.authors.first?.display { d["author"] = .string(a) }
        d["tags"] = .list(f.categories.map(tag))
        return .dict(d)
    }

    static func entry(_ item: FeedItem) -> PyValue {
        var d: [String: PyValue] = [:]
        if let t = item.titleDetail { d["title"] = text(t) }
        if let l = item.link { d["link"] = .string(l) }
        d["links"] = .list(item.links.map(link))
        if let id = item.id { d["id"] = .string(id) }
        if let p = item.published { d["published"] = .date(p); d["published_parsed"] = .date(p) }
        if let u = item.updated { d["updated"] = .date(u); d["updated_parsed"] = .date(u) }
        if let s = item.summaryDetail { d["summary"] = text(s) }
        if !item.content.isEmpty {
            d["content"] = .list(item.content.map { c in
                var cd: [String: PyValue] = ["value": text(c), "type": .string(c.type)]
                cd["base"] = c.base.map(PyValue.string) ?? PyValue.none
                cd["language"] = c.language.map(PyValue.string) ?? PyValue.none
                return .dict(cd)
            })
        }
        d["tags"] = .list(item.tags.map(tag))
        if let a = item.authorDetails.first?.display { d["author"] = .string(a) }
        d["enclosures"] = .list(item.enclosures.map { e in
            var ed: [String: PyValue] = ["href": .string(e.url)]
            if let t = e.type { ed["type"] = .string(t) }
            if let l = e.length { ed["length"] = .string(String(l)) }
            return .dict(ed)
        })
        return .dict(d)
    }

    static func link(_ l: FeedLink) -> PyValue {
        var d: [String: PyValue] = ["href": .string(l.href), "rel": .string(l.rel)]
        if let t = l.type { d["type"] = .string(t) }
        if let t = l.title { d["title"] = .string(t) }
        if let h = l.hreflang { d["hreflang"] = .string(h) }
        if let n = l.length { d["length"] = .string(String(n)) }
        return .dict(d)
    }

    static func tag(_ c: FeedCategory) -> PyValue {
        .dict(["term": .string(c.term), "scheme": c.scheme.map(PyValue.string) ?? .none, "label": c.label.map(PyValue.string) ?? .none])
    }

    /// feedparser's key aliases (its `FeedParserDict.keymap`).
    static func lookup(_ d: [String: PyValue], _ key: String) -> PyValue? {
        if let v = d[key] { return v }
        switch key {
        case "guid": return d["id"]
        case "description": return d["summary"] ?? d["subtitle"]
        case "tagline": return d["subtitle"]
        case "url": return d["href"]
        case "modified", "date": return d["updated"]
        case "modified_parsed", "date_parsed": return d["updated_parsed"]
        case "issued": return d["published"]
        case "issued_parsed": return d["published_parsed"]
        case "category":
            if case let .list(tags)? = d["tags"], case let .dict(first)? = tags.first { return first["term"] }
            return nil
        case "channel": return d["feed"]
        case "items": return d["entries"]
        default: return nil
        }
    }
}

/// HTML reduced to its elements, sorted attributes (namespace declarations left out) and
/// whitespace-normalised text.
enum CanonicalHTML {
    static func form(_ html: String) -> String? {
        let wrapped = "<html><head><meta charset=\"utf-8\"></head><body>" + html + "</body></html>"
        guard let document = try? MarkupDocument(html: Array(wrapped.utf8)),
              let body = (try? document.select("/html/body"))?.first else { return nil }
        var out = ""
        func visit(_ node: MarkupNode) {
            for child in node.children {
                switch child.kind {
                case .text:
                    let t = TextNormalizer.normalize(child.textContent)
                    if !t.isEmpty { out += "\"" + t + "\"" }
                case .element:
                    let attributes = child.attributes.filter { !$0.name.lowercased().hasPrefix("xmlns") }
                        .map { "\($0.name.lowercased())=\($0.value)" }.sorted()
                    out += "<" + child.name + (attributes.isEmpty ? "" : " " + attributes.joined(separator: " ")) + ">"
                    visit(child)
                    out += "</" + child.name + ">"
                default:
                    continue
                }
            }
        }
        visit(body)
        return out
    }
}

// MARK: A small evaluator for the Expect: lines

struct PyError: Error, CustomStringConvertible {
    var description: String
}

indirect enum PyExpression {
    case name(String)
    case literal(PyValue)
    case tuple([PyExpression])
    case list([PyExpression])
    case dict([(String, PyExpression)])
    case index(PyExpression, PyExpression)
    case attribute(PyExpression, String)
    case call(String, [PyExpression])
    case not(PyExpression)
    case and([PyExpression])
    case or([PyExpression])
    case equal([PyExpression])

    func evaluate(in root: PyValue, sameHTML: Bool = true) throws -> PyValue {
        switch self {
        case let .name(n):
            switch n {
            case "True": return .bool(true)
            case "False": return .bool(false)
            case "None": return .none
            default:
                guard case let .dict(d) = root, let v = FeedparserView.lookup(d, n) else { throw PyError(description: "NameError: \(n)") }
                return v
            }
        case let .literal(v): return v
        case let .tuple(items): return .tuple(try items.map { try $0.evaluate(in: root, sameHTML: sameHTML) })
        case let .list(items): return .list(try items.map { try $0.evaluate(in: root, sameHTML: sameHTML) })
        case let .dict(pairs):
            var d: [String: PyValue] = [:]
            for (k, v) in pairs { d[k] = try v.evaluate(in: root, sameHTML: sameHTML) }
            return .dict(d)
        case let .index(base, index):
            let container = try base.evaluate(in: root, sameHTML: sameHTML)
            let key = try index.evaluate(in: root, sameHTML: sameHTML)
            switch (container, key) {
            case let (.dict(d), .string(k)):
                guard let v = FeedparserView.lookup(d, k) else { throw PyError(description: "KeyError: \(k)") }
                return v
            case let (.list(a), .int(i)), let (.tuple(a), .int(i)):
                guard a.indices.contains(i) else { throw PyError(description: "IndexError: \(i)") }
                return a[i]
            default:
                throw PyError(description: "TypeError: \(container)[\(key)]")
            }
        case let .attribute(base, name):
            guard case let .dict(d) = try base.evaluate(in: root, sameHTML: sameHTML), let v = FeedparserView.lookup(d, name) else {
                throw PyError(description: "AttributeError: \(name)")
            }
            return v
        case let .call(function, arguments):
            guard function == "len", arguments.count == 1 else { throw PyError(description: "unsupported call \(function)") }
            switch try arguments[0].evaluate(in: root, sameHTML: sameHTML) {
            case let .list(a), let .tuple(a): return .int(a.count)
            case let .dict(d): return .int(d.count)
            case let .string(s), let .html(s): return .int(s.count)
            default: throw PyError(description: "TypeError: len()")
            }
        case let .not(e): return .bool(!(try e.evaluate(in: root, sameHTML: sameHTML).truthy))
        case let .and(items):
            var last = PyValue.bool(true)
            for item in items {
                last = try item.evaluate(in: root, sameHTML: sameHTML)
                if !last.truthy { return last }
            }
            return last
        case let .or(items):
            var last = PyValue.bool(false)
            for item in items {
                last = try item.evaluate(in: root, sameHTML: sameHTML)
                if last.truthy { return last }
            }
            return last
        case let .equal(items):
            let values = try items.map { try $0.evaluate(in: root, sameHTML: sameHTML) }
            for k in 1..<values.count where !PyValue.pyEquals(values[k - 1], values[k], sameHTML: sameHTML) { return .bool(false) }
            return .bool(true)
        }
    }
}

/// Parses the Python subset the `Expect:` lines use.
struct PyParser {
    enum Token: Equatable {
        case name(String), string(String), int(Int), punct(String), end
    }

    var tokens: [Token]
    var position = 0

    init(_ source: String) throws {
        tokens = try Self.tokenize(source)
    }

    mutating func parse() throws -> PyExpression {
        let e = try orExpression()
        guard tokens[position] == .end else { throw PyError(description: "trailing tokens at \(tokens[position])") }
        return e
    }

    private var current: Token { tokens[position] }

    private mutating func eat(_ p: String) -> Bool {
        if current == .punct(p) || current == .name(p) { position += 1; return true }
        return false
    }

    private mutating func expect(_ p: String) throws {
        guard eat(p) else { throw PyError(description: "expected \(p) at \(current)") }
    }

    private mutating func orExpression() throws -> PyExpression {
        var items = [try andExpression()]
        while eat("or") { items.append(try andExpression()) }
        return items.count == 1 ? items[0] : .or(items)
    }

    private mutating func andExpression() throws -> PyExpression {
        var items = [try notExpression()]
        while eat("and") { items.append(try notExpression()) }
        return items.count == 1 ? items[0] : .and(items)
    }

    private mutating func notExpression() throws -> PyExpression {
        if eat("not") { return .not(try notExpression()) }
        return try comparison()
    }

    private mutating func comparison() throws -> PyExpression {
        var items = [try postfix()]
        while eat("==") { items.append(try postfix()) }
        return items.count == 1 ? items[0] : .equal(items)
    }

    private mutating func postfix() throws -> PyExpression {
        var e = try primary()
        while true {
            if eat("[") {
                let index = try orExpression()
                try expect("]")
                e = .index(e, index)
            } else if eat(".") {
                guard case let .name(n) = current else { throw PyError(description: "expected a name after .") }
                position += 1
                e = .attribute(e, n)
            } else if eat("(") {
                guard case let .name(function) = e else { throw PyError(description: "only named calls") }
                var arguments: [PyExpression] = []
                if !eat(")") {
                    repeat { arguments.append(try orExpression()) } while eat(",")
                    try expect(")")
                }
                e = .call(function, arguments)
            } else {
                return e
            }
        }
    }

    private mutating func primary() throws -> PyExpression {
        switch current {
        case let .name(n):
            position += 1
            return .name(n)
        case let .string(s):
            position += 1
            var value = s
            while case let .string(more) = current { value += more; position += 1 }
            return .literal(.string(value))
        case let .int(i):
            position += 1
            return .literal(.int(i))
        case .punct("-"):
            position += 1
            guard case let .int(i) = current else { throw PyError(description: "expected a number after -") }
            position += 1
            return .literal(.int(-i))
        case .punct("("):
            position += 1
            var items: [PyExpression] = []
            var sawComma = false
            while !eat(")") {
                items.append(try orExpression())
                if eat(",") { sawComma = true } else { try expect(")"); break }
            }
            return items.count == 1 && !sawComma ? items[0] : .tuple(items)
        case .punct("["):
            position += 1
            var items: [PyExpression] = []
            while !eat("]") {
                items.append(try orExpression())
                if !eat(",") { try expect("]"); break }
            }
            return .list(items)
        case .punct("{"):
            position += 1
            var pairs: [(String, PyExpression)] = []
            while !eat("}") {
                guard case let .string(key) = current else { throw PyError(description: "dict keys must be strings") }
                position += 1
                try expect(":")
                pairs.append((key, try orExpression()))
                if !eat(",") { try expect("}"); break }
            }
            return .dict(pairs)
        default:
            throw PyError(description: "unexpected \(current)")
        }
    }

    static func tokenize(_ source: String) throws -> [Token] {
        let s = Array(source.unicodeScalars)
        var i = 0
        var tokens: [Token] = []
        while i < s.count {
            let c = s[i]
            if c == " " || c == "\t" || c == "\n" || c == "\r" { i += 1; continue }
            if c.properties.isAlphabetic || c == "_" {
                var j = i
                while j < s.count, s[j].properties.isAlphabetic || s[j] == "_" || ("0"..."9").contains(s[j]) { j += 1 }
                tokens.append(.name(String(String.UnicodeScalarView(s[i..<j]))))
                i = j
                continue
            }
            if ("0"..."9").contains(c) {
                var j = i
                while j < s.count, ("0"..."9").contains(s[j]) { j += 1 }
                tokens.append(.int(Int(String(String.UnicodeScalarView(s[i..<j])))!))
                i = j
                continue
            }
            if c == "'" || c == "\"" {
                let triple = i + 2 < s.count && s[i + 1] == c && s[i + 2] == c
                let quoteLength = triple ? 3 : 1
                var j = i + quoteLength
                var value = String.UnicodeScalarView()
                func atClose(_ k: Int) -> Bool {
                    triple ? (k + 2 < s.count && s[k] == c && s[k + 1] == c && s[k + 2] == c) : s[k] == c
                }
                while j < s.count, !atClose(j) {
                    if s[j] == "\\", j + 1 < s.count {
                        let e = s[j + 1]
                        switch e {
                        case "n": value.append("\n"); j += 2
                        case "t": value.append("\t"); j += 2
                        case "r": value.append("\r"); j += 2
                        case "\\", "'", "\"": value.append(e); j += 2
                        case "x", "u", "U":
                            let length = e == "x" ? 2 : e == "u" ? 4 : 8
                            guard j + 2 + length <= s.count,
                                  let v = UInt32(String(String.UnicodeScalarView(s[(j + 2)..<(j + 2 + length)])), radix: 16),
                                  let scalar = Unicode.Scalar(v) else { throw PyError(description: "bad escape") }
                            value.append(scalar)
                            j += 2 + length
                        default:
                            value.append("\\"); value.append(e); j += 2
                        }
                    } else {
                        value.append(s[j])
                        j += 1
                    }
                }
                guard j < s.count else { throw PyError(description: "unterminated string") }
                tokens.append(.string(String(value)))
                i = j + quoteLength
                continue
            }
            if c == "=", i + 1 < s.count, s[i + 1] == "=" { tokens.append(.punct("==")); i += 2; continue }
            if "[](){},:.-".unicodeScalars.contains(c) { tokens.append(.punct(String(c))); i += 1; continue }
            throw PyError(description: "unexpected character \(c)")
        }
        tokens.append(.end)
        return tokens
    }
}
