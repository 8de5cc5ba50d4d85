public import Foundation

/// A coding scheme: codes with Swedish and English labels, an optional parent each, and the
/// Swedish terms that code a statement.
///
/// Four ship with the library (``Codebook/shipped``): the national strategy for sustainable
/// regional development 2021–2030, EU cohesion policy 2021–2027 (PO1–PO5), Agenda 2030's 17 goals
/// and a thematic scheme of 15 themes regional strategies share. Load your own with
/// ``Codebook/init(contentsOf:origin:)`` or ``Codebook/init(json:origin:)``; the file format is described
/// in the "Codebooks" article. Codes are never merged: a child code keeps its own counts, and
/// coverage reports the parent's own matches and its children's separately.
public struct Codebook: Codable, Sendable, Hashable, Identifiable {
    /// A text in Swedish and English.
    public struct Label: Codable, Sendable, Hashable {
        /// The Swedish text.
        public var sv: String
        /// The English text.
        public var en: String

        /// A label with its Swedish and English text.
        public init(sv: String, en: String) {
            self.sv = sv
            self.en = en
        }
    }

    /// One code of the scheme.
    public struct Code: Codable, Sendable, Hashable, Identifiable {
        /// Unique within the codebook: lowercase ASCII letters, digits, `-` and `.`.
        public var id: String
        /// The code's name in Swedish and English.
        public var label: Label
        /// The id of the broader code, if any.
        public var parent: String?
        /// What the code covers, if the codebook says.
        public var description: Label?
        /// Swedish terms that give a statement this code (see ``CodebookTerm`` for the syntax).
        public var terms: [String]
        /// Terms that cancel a match of ``terms`` where they overlap it.
        public var exclude: [String]

        /// Creates a code; the ``Codebook`` initialisers check it (id, label, parent, term syntax).
        public init(id: String, label: Label, parent: String? = nil, description: Label? = nil, terms: [String], exclude: [String] = []) {
            self.id = id
            self.label = label
            self.parent = parent
            self.description = description
            self.terms = terms
            self.exclude = exclude
        }

        /// Decodes a code from JSON; `parent`, `description` and `exclude` may be left out.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decode(String.self, forKey: .id)
            label = try c.decode(Label.self, forKey: .label)
            parent = try c.decodeIfPresent(String.self, forKey: .parent)
            description = try c.decodeIfPresent(Label.self, forKey: .description)
            terms = try c.decode([String].self, forKey: .terms)
            exclude = try c.decodeIfPresent([String].self, forKey: .exclude) ?? []
        }
    }

    /// Short id ("thematic"), used on the command line and in outputs.
    public var id: String
    /// The scheme's version ("1.0.0"), cited with every comparison.
    public var version: String
    /// The scheme's title in Swedish and English.
    public var title: Label
    /// What the scheme is, if it says.
    public var description: Label?
    /// What the scheme follows, citable.
    public var source: String?
    /// Codes in reading order; parents before their children.
    public var codes: [Code]

    /// Decodes and checks a codebook. `origin` (a file name or path) names it in errors.
    public init(json: Data, origin: String) throws(CodebookError) {
        let decoded: Codebook
        do {
            decoded = try JSONDecoder().decode(Codebook.self, from: json)
        } catch let error as DecodingError {
            throw CodebookError(origin: origin, codeID: nil, problem: .invalidJSON(CodebookError.describe(error)))
        } catch {
            throw CodebookError(origin: origin, codeID: nil, problem: .invalidJSON(String(describing: error)))
        }
        self = decoded
        try validate(origin: origin)
    }

    /// Reads a codebook file; `origin` names it in errors (the path by default).
    public init(contentsOf url: URL, origin: String? = nil) throws(CodebookError) {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw CodebookError(origin: origin ?? url.path, codeID: nil, problem: .unreadable(CodebookError.describe(file: error)))
        }
        try self.init(json: data, origin: origin ?? url.path)
    }

    /// Creates and checks a codebook from its parts; the error names `id` as the origin.
    public init(id: String, version: String, title: Label, description: Label? = nil, source: String? = nil, codes: [Code]) throws(CodebookError) {
        self.id = id
        self.version = version
        self.title = title
        self.description = description
        self.source = source
        self.codes = codes
        try validate(origin: id)
    }

    /// The code with `id`.
    public func code(_ id: String) -> Code? {
        codes.first { $0.id == id }
    }

    /// The codes directly under `id` (top-level codes for `nil`), in reading order.
    public func children(of id: String?) -> [Code] {
        codes.filter { $0.parent == id }
    }

    /// How deep `id` sits: 0 for a top-level code.
    public func depth(of id: String) -> Int {
        var depth = 0
        var current = code(id)?.parent
        while let parent = current {
            depth += 1
            current = code(parent)?.parent
        }
        return depth
    }

    /// `id` and the codes above it, nearest first.
    public func lineage(of id: String) -> [String] {
        var result = [id]
        var current = code(id)?.parent
        while let parent = current {
            result.append(parent)
            current = code(parent)?.parent
        }
        return result
    }

    func validate(origin: String) throws(CodebookError) {
        func fail(_ code: String?, _ problem: CodebookError.Problem) -> CodebookError {
            CodebookError(origin: origin, codeID: code, problem: problem)
        }
        guard CodebookError.isValidID(id) else { throw fail(nil, .invalidID(id)) }
        guard !version.trimmingCharacters(in: .whitespaces).isEmpty else { throw fail(nil, .missing("version")) }
        guard !codes.isEmpty else { throw fail(nil, .missing("codes")) }
        var seen = Set<String>()
        for code in codes {
            guard CodebookError.isValidID(code.id) else { throw fail(code.id, .invalidID(code.id)) }
            guard seen.insert(code.id).inserted else { throw fail(code.id, .duplicateID) }
            guard !code.label.sv.isEmpty, !code.label.en.isEmpty else { throw fail(code.id, .missing("label")) }
        }
        for code in codes {
            if let parent = code.parent {
                guard seen.contains(parent) else { throw fail(code.id, .unknownParent(parent)) }
                var visited: Set<String> = [code.id]
                var current: String? = parent
                while let next = current {
                    guard visited.insert(next).inserted else { throw fail(code.id, .cycle(visited.sorted())) }
                    current = self.code(next)?.parent
                }
            }
            guard !code.terms.isEmpty else { throw fail(code.id, .missing("terms")) }
            for term in code.terms + code.exclude {
                do {
                    _ = try CodebookTerm(term)
                } catch {
                    throw fail(code.id, .invalidTerm(term, error.reason))
                }
            }
        }
    }
}

/// Why a codebook could not be used: which file, which code, what is wrong.
public struct CodebookError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public enum Problem: Sendable, Hashable {
        /// The file cannot be read; the string says why ("no such file").
        case unreadable(String)
        /// The file is not a valid codebook; the string names the key or position at fault.
        case invalidJSON(String)
        /// A required field (named) is missing or empty.
        case missing(String)
        /// An id (given) is not lowercase ASCII letters, digits, `-` and `.`.
        case invalidID(String)
        /// Two codes have the same id.
        case duplicateID
        /// A code's parent (given) is not a code in the codebook.
        case unknownParent(String)
        /// Parents form a cycle through the codes given.
        case cycle([String])
        /// A term (first string) cannot be used; the second string says why.
        case invalidTerm(String, String)
        /// No shipped codebook has this id, and it is not a path to a .json file.
        case unknownCodebook(String, available: [String])
    }

    /// The file (or codebook id) the problem is in.
    public var origin: String
    /// The code the problem is in, if it is in one.
    public var codeID: String?
    /// What is wrong.
    public var problem: Problem

    /// The file, the code and what is wrong, in one line.
    public var description: String {
        let place = origin + (codeID.map { ": code \"\($0)\"" } ?? "")
        switch problem {
        case .unreadable(let reason): return "\(place): cannot read the codebook (\(reason))"
        case .invalidJSON(let reason): return "\(place): not a valid codebook: \(reason)"
        case .missing(let field): return "\(place): \(field) is missing or empty"
        case .invalidID(let id): return "\(place): id \"\(id)\" must be lowercase ASCII letters, digits, '-' or '.'"
        case .duplicateID: return "\(place): the id is used twice; each code needs its own id"
        case .unknownParent(let parent): return "\(place): parent \"\(parent)\" is not a code in this codebook"
        case .cycle(let ids): return "\(place): parents form a cycle through \(ids.joined(separator: ", "))"
        case .invalidTerm(let term, let reason): return "\(place): term \"\(term)\" \(reason)"
        case .unknownCodebook(let id, let available): return "no codebook \"\(id)\" (shipped: \(available.joined(separator: ", ")); or give a path to a .json file)"
        }
    }

    static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "." }
    }

    /// "no such file" rather than Foundation's sentence.
    static func describe(file error: any Error) -> String {
        if let error = error as? CocoaError, error.code == .fileReadNoSuchFile { return "no such file" }
        return error.localizedDescription
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let steps = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return steps.isEmpty ? "at the top level" : "at \(steps.hasPrefix(".") ? String(steps.dropFirst()) : steps)"
        }
        switch error {
        case .keyNotFound(let key, let context): return "\"\(key.stringValue)\" is missing \(path(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "\(context.debugDescription) \(path(context))"
        case .dataCorrupted(let context): return "\(context.underlyingError.map { String(describing: $0) } ?? context.debugDescription) \(path(context))"
        @unknown default: return String(describing: error)
        }
    }
}

extension Codebook {
    /// The ids of the shipped codebooks, in the order reports list them.
    public static let shippedIDs = ["thematic", "national-strategy-2021-2030", "eu-cohesion-policy-2021-2027", "agenda-2030"]

    /// The four codebooks that ship with the library.
    public static var shipped: [Codebook] {
        get throws(CodebookError) {
            var result: [Codebook] = []
            for id in shippedIDs { result.append(try shipped(id)) }
            return result
        }
    }

    /// The shipped codebook with `id`.
    public static func shipped(_ id: String) throws(CodebookError) -> Codebook {
        guard shippedIDs.contains(id),
              let url = Bundle.module.url(forResource: id, withExtension: "json", subdirectory: "Codebooks")
        else { throw CodebookError(origin: id, codeID: nil, problem: .unknownCodebook(id, available: shippedIDs)) }
        return try Codebook(contentsOf: url)
    }

    /// A shipped codebook by id, or else a codebook file by path.
    public static func named(_ idOrPath: String) throws(CodebookError) -> Codebook {
        if shippedIDs.contains(idOrPath) { return try shipped(idOrPath) }
        guard idOrPath.hasSuffix(".json") || idOrPath.contains("/") || FileManager.default.fileExists(atPath: idOrPath) else {
            throw CodebookError(origin: idOrPath, codeID: nil, problem: .unknownCodebook(idOrPath, available: shippedIDs))
        }
        return try Codebook(contentsOf: URL(fileURLWithPath: idOrPath), origin: idOrPath)
    }
}
