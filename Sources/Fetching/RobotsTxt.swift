import Foundation

/// The rules of a `robots.txt` (RFC 9309) that apply to one crawler.
///
/// The group whose `user-agent` names the crawler's product token (case-insensitive) applies,
/// else the `*` group; within it the longest matching `allow`/`disallow` pattern decides, `allow`
/// winning a tie; `*` matches any run of characters and a final `$` anchors the end. `/robots.txt`
/// itself is always allowed. `Sitemap:` lines are collected whatever group they stand in, and a
/// `crawl-delay` in the applying group is kept (not in the RFC, but widely used).
public struct RobotsTxt: Sendable, Hashable {
    /// One `allow` or `disallow` line.
    public struct Rule: Sendable, Hashable {
        /// `true` for `allow`.
        public var allow: Bool
        /// The path pattern (`*` any run of characters, a final `$` the end).
        public var pattern: String
    }

    /// The rules that apply to the crawler.
    public var rules: [Rule]
    /// Sitemap URLs named anywhere in the file.
    public var sitemaps: [String]
    /// Seconds between requests asked for by the applying group, if any.
    public var crawlDelay: Double?

    /// No rules: everything allowed (a missing `robots.txt`, or one answered with a 4xx).
    public static let allowAll = RobotsTxt(rules: [], sitemaps: [], crawlDelay: nil)
    /// Everything disallowed (a `robots.txt` that answered with a 5xx: RFC 9309 §2.3.1.4).
    public static let disallowAll = RobotsTxt(rules: [Rule(allow: false, pattern: "/")], sitemaps: [], crawlDelay: nil)

    /// Rules given directly.
    public init(rules: [Rule], sitemaps: [String], crawlDelay: Double?) {
        self.rules = rules
        self.sitemaps = sitemaps
        self.crawlDelay = crawlDelay
    }

    /// Parses `text` for the crawler whose product token is `agent` (`rus-fetch`).
    public init(parsing text: String, agent: String) {
        struct Group { var agents: [String] = []; var rules: [Rule] = []; var crawlDelay: Double? }
        var groups: [Group] = []
        var sitemaps: [String] = []
        var current = Group()
        var lastWasAgent = false
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "user-agent":
                if !lastWasAgent, !current.agents.isEmpty { groups.append(current); current = Group() }
                current.agents.append(value.lowercased())
                lastWasAgent = true
            case "allow", "disallow":
                lastWasAgent = false
                guard !current.agents.isEmpty, !value.isEmpty else { continue }
                current.rules.append(Rule(allow: key == "allow", pattern: value))
            case "crawl-delay":
                lastWasAgent = false
                if !current.agents.isEmpty, let seconds = Double(value), seconds >= 0 { current.crawlDelay = seconds }
            case "sitemap":
                if !value.isEmpty { sitemaps.append(value) }
            default:
                continue
            }
        }
        if !current.agents.isEmpty { groups.append(current) }
        let token = agent.lowercased()
        var applying = groups.filter { $0.agents.contains(token) }
        if applying.isEmpty { applying = groups.filter { $0.agents.contains("*") } }
        self.rules = applying.flatMap(\.rules)
        self.sitemaps = sitemaps
        self.crawlDelay = applying.compactMap(\.crawlDelay).max()
    }

    /// Whether the crawler may fetch `path` (path and query, starting with `/`).
    public func allows(_ path: String) -> Bool {
        let path = path.isEmpty ? "/" : path
        if path == "/robots.txt" { return true }
        var best: (length: Int, allow: Bool)?
        for rule in rules where Self.matches(rule.pattern, path) {
            let length = rule.pattern.count
            if let current = best, current.length > length || (current.length == length && current.allow) { continue }
            best = (length, rule.allow)
        }
        return best?.allow ?? true
    }

    static func matches(_ pattern: String, _ path: String) -> Bool {
        var pattern = Substring(pattern)
        let anchored = pattern.hasSuffix("$")
        if anchored { pattern = pattern.dropLast() }
        let pieces = pattern.split(separator: "*", omittingEmptySubsequences: false)
        var rest = Substring(path)
        for (index, piece) in pieces.enumerated() {
            if index == 0 {
                guard rest.hasPrefix(piece) else { return false }
                rest = rest.dropFirst(piece.count)
            } else if index == pieces.count - 1, anchored {
                return rest.hasSuffix(piece)
            } else {
                guard let range = rest.range(of: piece) else { return false }
                rest = rest[range.upperBound...]
            }
        }
        return !anchored || rest.isEmpty
    }
}
