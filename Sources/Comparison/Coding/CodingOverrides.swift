public import Foundation

/// A researcher's corrections to automatic coding, read from a small JSON file
/// (`rus compare --overrides FILE`):
///
/// ```json
/// {"overrides": [
///   {"codebook": "thematic", "statement": "kalmar.klimat-att-vaxa-i-2022.goal.9", "add": "skills",
///    "note": "arbetskraft is about skills supply here"},
///   {"codebook": "thematic", "statement": "…", "remove": "transport", "note": "…"}
/// ]}
/// ```
///
/// An added code is shown as manual; a removed one is kept in ``CodedStatement/overruled``
/// so the report can show it struck out. Entries for other codebooks are ignored; an entry
/// naming a statement or code that does not exist is an error, so a typo is never silently lost.
public struct CodingOverrides: Codable, Sendable, Hashable {
    /// One correction: add or remove one code of one statement.
    public struct Entry: Codable, Sendable, Hashable {
        /// The codebook the entry is for; `nil` for any.
        public var codebook: String?
        /// A ``Statement/id``.
        public var statement: String
        /// The code to add (exactly one of `add` and `remove` is given).
        public var add: String?
        /// The code to remove (exactly one of `add` and `remove` is given).
        public var remove: String?
        /// The researcher's reason, shown in the report.
        public var note: String?

        /// Creates an entry; give exactly one of `add` and `remove`.
        public init(codebook: String? = nil, statement: String, add: String? = nil, remove: String? = nil, note: String? = nil) {
            self.codebook = codebook
            self.statement = statement
            self.add = add
            self.remove = remove
            self.note = note
        }
    }

    /// What is wrong with an overrides file.
    public struct Error: Swift.Error, Sendable, Hashable, CustomStringConvertible {
        /// The file the overrides came from.
        public var origin: String
        /// The entry at fault, counted from 0 (shown from 1); `nil` for the file as a whole.
        public var entry: Int?
        /// What is wrong.
        public var reason: String

        /// `file: entry N: reason`.
        public var description: String {
            origin + (entry.map { ": entry \($0 + 1)" } ?? "") + ": " + reason
        }
    }

    /// The corrections, applied in order.
    public var overrides: [Entry]
    /// Where the overrides came from (a path), for errors and the report.
    public var origin: String

    /// Creates overrides from entries; `origin` names them in errors.
    public init(overrides: [Entry] = [], origin: String = "overrides") {
        self.overrides = overrides
        self.origin = origin
    }

    enum CodingKeys: String, CodingKey { case overrides }

    /// Decodes `{"overrides": [...]}`; ``origin`` is set to `"overrides"`.
    public init(from decoder: any Decoder) throws {
        overrides = try decoder.container(keyedBy: CodingKeys.self).decode([Entry].self, forKey: .overrides)
        origin = "overrides"
    }

    /// Reads an overrides file; `origin` names it in errors and the citation (the path by default).
    public init(contentsOf url: URL, origin: String? = nil) throws(Error) {
        let origin = origin ?? url.path
        do {
            self = try JSONDecoder().decode(CodingOverrides.self, from: Data(contentsOf: url))
        } catch let error as DecodingError {
            throw Error(origin: origin, entry: nil, reason: "not a valid overrides file: " + CodebookError.describe(error))
        } catch {
            throw Error(origin: origin, entry: nil, reason: "cannot read: \(CodebookError.describe(file: error))")
        }
        self.origin = origin
    }

    func apply(to coded: [CodedStatement], codebook: Codebook) throws(Error) -> [CodedStatement] {
        var result = coded
        let index = Dictionary(coded.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let order = Dictionary(codebook.codes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        for (number, entry) in overrides.enumerated() where entry.codebook == nil || entry.codebook == codebook.id {
            func fail(_ reason: String) -> Error { Error(origin: origin, entry: number, reason: reason) }
            guard (entry.add == nil) != (entry.remove == nil) else { throw fail("give exactly one of \"add\" and \"remove\"") }
            guard let position = index[entry.statement] else { throw fail("no statement \"\(entry.statement)\" among those compared") }
            let codeID = entry.add ?? entry.remove!
            guard codebook.code(codeID) != nil else { throw fail("no code \"\(codeID)\" in codebook \(codebook.id)") }
            var statement = result[position]
            if entry.add != nil {
                statement.codes.removeAll { $0.code == codeID }
                statement.codes.append(CodeAssignment(code: codeID, origin: .manual, note: entry.note))
                statement.codes.sort { order[$0.code, default: 0] < order[$1.code, default: 0] }
            } else {
                guard let removed = statement.codes.first(where: { $0.code == codeID }) else {
                    throw fail("statement \"\(entry.statement)\" does not have code \"\(codeID)\" to remove")
                }
                statement.codes.removeAll { $0.code == codeID }
                var overruled = removed
                overruled.note = entry.note
                statement.overruled.append(overruled)
            }
            result[position] = statement
        }
        return result
    }
}
