package import Foundation

/// A JSON document as the schema validator sees it: numbers are `Double`, objects unordered.
package enum JSONValue: Decodable, Hashable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// Parses JSON text.
    package init(json: Data) throws {
        self = try JSONDecoder().decode(JSONValue.self, from: json)
    }

    /// The JSON Schema type names this value has ("integer" values are also "number").
    package var typeNames: Set<String> {
        switch self {
        case .null: ["null"]
        case .bool: ["boolean"]
        case .number(let n): n.isFinite && n.rounded() == n ? ["number", "integer"] : ["number"]
        case .string: ["string"]
        case .array: ["array"]
        case .object: ["object"]
        }
    }

    package var description: String {
        switch self {
        case .null: "null"
        case .bool(let b): String(b)
        case .number(let n): n.rounded() == n && abs(n) < 1e15 ? String(Int(n)) : String(n)
        case .string(let s): "\"\(s)\""
        case .array(let a): "[" + a.map(\.description).joined(separator: ", ") + "]"
        case .object(let o): "{" + o.keys.sorted().map { "\"\($0)\": \(o[$0]!)" }.joined(separator: ", ") + "}"
        }
    }

    /// The value at `key` when this is an object.
    package subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { o[key] } else { nil }
    }
}

/// A small JSON Schema (draft 2020-12) validator for the subset our schemas use.
///
/// Keywords understood: `$schema`, `$defs`, `$ref` (to `#` or `#/$defs/<name>`), `$comment`,
/// `title`, `description`, `type` (a name or a list, including `"null"` and `"integer"`),
/// `properties`, `required`, `additionalProperties` (a boolean or a schema), `propertyNames`,
/// `items`, `prefixItems`, `minItems`, `enum`, `const`, `pattern` (unanchored, as
/// `NSRegularExpression` finds it), `minLength`, `minimum`, `maximum`, `anyOf` and `oneOf`;
/// boolean schemas `true` and `false`.
///
/// Any other keyword makes ``init(schema:)`` throw, so a schema can never say more than this
/// validator checks (`format`, say, would otherwise be silently ignored).
package struct JSONSchemaValidator {
    /// Why a schema cannot be used: where in it (a JSON pointer) and what is wrong.
    package struct SchemaError: Error, CustomStringConvertible {
        package var location: String
        package var problem: String
        package var description: String { "schema \(location): \(problem)" }
    }

    /// One rule a document breaks: where in the document, which keyword of which schema, and how.
    package struct Violation: Hashable, CustomStringConvertible {
        /// The path in the document, `$.profiles[0].region.id`.
        package var path: String
        /// The keyword broken: "required", "type", "additionalProperties", "enum", …
        package var rule: String
        /// Where the keyword is in the schema, as a JSON pointer (`#/$defs/Region/required`).
        package var schemaLocation: String
        package var message: String
        package var description: String { "\(path): \(message) [\(rule) at \(schemaLocation)]" }
    }

    package static let draft = "https://json-schema.org/draft/2020-12/schema"

    package static let keywords: Set<String> = [
        "$schema", "$defs", "$ref", "$comment", "title", "description",
        "type", "properties", "required", "additionalProperties", "propertyNames",
        "items", "prefixItems", "minItems", "enum", "const", "pattern", "minLength",
        "minimum", "maximum", "anyOf", "oneOf",
    ]
    package static let typeNames: Set<String> = ["null", "boolean", "number", "integer", "string", "array", "object"]

    package let root: JSONValue
    private let patterns: [String: NSRegularExpression]

    /// Reads and checks a schema; throws on JSON errors, unknown keywords, malformed keyword
    /// values, unresolvable `$ref`s and invalid patterns.
    package init(schema data: Data) throws {
        try self.init(schema: try JSONValue(json: data))
    }

    package init(schema: JSONValue) throws {
        root = schema
        var patterns: [String: NSRegularExpression] = [:]
        if let declared = schema["$schema"], declared != .string(Self.draft) {
            throw SchemaError(location: "#/$schema", problem: "only draft 2020-12 (\(Self.draft)) is supported, not \(declared)")
        }
        try Self.check(schema, at: "#", root: schema, patterns: &patterns)
        self.patterns = patterns
    }

    /// Reads the schema file at `url`.
    package init(contentsOf url: URL) throws {
        try self.init(schema: try Data(contentsOf: url))
    }

    // MARK: Checking the schema

    private static func check(_ schema: JSONValue, at location: String, root: JSONValue, patterns: inout [String: NSRegularExpression]) throws {
        func fail(_ keyword: String, _ problem: String) -> SchemaError {
            SchemaError(location: location + "/" + keyword, problem: problem)
        }
        func subschemas(_ keyword: String, _ value: JSONValue) throws {
            guard case .array(let list) = value, !list.isEmpty else { throw fail(keyword, "must be a non-empty array of schemas") }
            for (index, item) in list.enumerated() {
                try check(item, at: "\(location)/\(keyword)/\(index)", root: root, patterns: &patterns)
            }
        }
        func schemaMap(_ keyword: String, _ value: JSONValue) throws {
            guard case .object(let map) = value else { throw fail(keyword, "must be an object of schemas") }
            for (name, item) in map {
                try check(item, at: "\(location)/\(keyword)/\(escape(name))", root: root, patterns: &patterns)
            }
        }
        func number(_ keyword: String, _ value: JSONValue, integer: Bool = false) throws {
            guard case .number(let n) = value, !integer || (n >= 0 && n.rounded() == n) else {
                throw fail(keyword, integer ? "must be a non-negative integer" : "must be a number")
            }
        }

        switch schema {
        case .bool:
            return
        case .object(let object):
            for (keyword, value) in object {
                switch keyword {
                case "$schema":
                    guard location == "#" else { throw fail(keyword, "is allowed only at the root") }
                case "$comment", "title", "description":
                    guard case .string = value else { throw fail(keyword, "must be a string") }
                case "$defs", "properties":
                    try schemaMap(keyword, value)
                case "$ref":
                    guard case .string(let reference) = value else { throw fail(keyword, "must be a string") }
                    guard (try? resolve(reference, in: root)) != nil else {
                        throw fail(keyword, "\"\(reference)\" does not resolve; only \"#\" and \"#/$defs/<name>\" are supported")
                    }
                case "type":
                    let names: [JSONValue]
                    switch value {
                    case .string: names = [value]
                    case .array(let list) where !list.isEmpty: names = list
                    default: throw fail(keyword, "must be a type name or a non-empty array of them")
                    }
                    for name in names {
                        guard case .string(let text) = name, typeNames.contains(text) else {
                            throw fail(keyword, "\(name) is not one of \(typeNames.sorted().joined(separator: ", "))")
                        }
                    }
                case "required":
                    guard case .array(let list) = value, list.allSatisfy({ if case .string = $0 { true } else { false } }),
                          Set(list).count == list.count
                    else { throw fail(keyword, "must be an array of distinct strings") }
                case "additionalProperties", "propertyNames", "items":
                    try check(value, at: "\(location)/\(keyword)", root: root, patterns: &patterns)
                case "prefixItems", "anyOf", "oneOf":
                    try subschemas(keyword, value)
                case "enum":
                    guard case .array(let list) = value, !list.isEmpty else { throw fail(keyword, "must be a non-empty array") }
                case "const":
                    break
                case "pattern":
                    guard case .string(let pattern) = value else { throw fail(keyword, "must be a string") }
                    do {
                        patterns[pattern] = try NSRegularExpression(pattern: pattern)
                    } catch {
                        throw fail(keyword, "\"\(pattern)\" is not a valid regular expression")
                    }
                case "minimum", "maximum":
                    try number(keyword, value)
                case "minItems", "minLength":
                    try number(keyword, value, integer: true)
                default:
                    throw fail(keyword, "unknown keyword; the test validator supports only \(keywords.sorted().joined(separator: ", "))")
                }
            }
        default:
            throw SchemaError(location: location, problem: "a schema must be an object or a boolean, not \(schema)")
        }
    }

    private static func resolve(_ reference: String, in root: JSONValue) throws -> JSONValue {
        if reference == "#" { return root }
        let prefix = "#/$defs/"
        guard reference.hasPrefix(prefix) else { throw SchemaError(location: reference, problem: "unsupported reference") }
        let name = String(reference.dropFirst(prefix.count)).replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        guard let target = root["$defs"]?[name] else { throw SchemaError(location: reference, problem: "no such definition") }
        return target
    }

    private static func escape(_ name: String) -> String {
        name.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    // MARK: Validating documents

    /// The rules `document` breaks; empty when it is valid.
    package func validate(_ document: Data) throws -> [Violation] {
        validate(try JSONValue(json: document))
    }

    /// The rules `value` breaks; empty when it is valid.
    package func validate(_ value: JSONValue) -> [Violation] {
        var violations: [Violation] = []
        validate(value, path: "$", against: root, at: "#", into: &violations)
        return violations
    }

    private func validate(_ value: JSONValue, path: String, against schema: JSONValue, at location: String, into violations: inout [Violation]) {
        func report(_ rule: String, _ message: String, path where: String? = nil) {
            violations.append(Violation(path: `where` ?? path, rule: rule, schemaLocation: location + "/" + rule, message: message))
        }
        switch schema {
        case .bool(true):
            return
        case .bool(false):
            violations.append(Violation(path: path, rule: "false", schemaLocation: location, message: "no value is allowed here"))
            return
        default:
            break
        }

        if case .string(let reference)? = schema["$ref"], let target = try? Self.resolve(reference, in: root) {
            validate(value, path: path, against: target, at: reference, into: &violations)
        }

        if let type = schema["type"] {
            let allowed: [String]
            switch type {
            case .string(let name): allowed = [name]
            case .array(let names): allowed = names.compactMap { if case .string(let n) = $0 { n } else { nil } }
            default: allowed = []
            }
            if value.typeNames.isDisjoint(with: allowed) {
                report("type", "expected \(allowed.joined(separator: " or ")), found \(value.typeNames.contains("integer") ? "integer" : value.typeNames.first!) \(Self.shortened(value))")
                return  // The other keywords' messages would only repeat this one.
            }
        }

        if case .array(let options)? = schema["enum"], !options.contains(value) {
            report("enum", "\(Self.shortened(value)) is not one of \(options.map(\.description).joined(separator: ", "))")
        }
        if let constant = schema["const"], constant != value {
            report("const", "expected \(constant), found \(Self.shortened(value))")
        }

        switch value {
        case .string(let text):
            if case .string(let pattern)? = schema["pattern"], let regex = patterns[pattern],
               regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil {
                report("pattern", "\(Self.shortened(value)) does not match \(pattern)")
            }
            if case .number(let minimum)? = schema["minLength"], Double(text.count) < minimum {
                report("minLength", "\(Self.shortened(value)) is shorter than \(Int(minimum)) characters")
            }
        case .number(let n):
            if case .number(let minimum)? = schema["minimum"], n < minimum {
                report("minimum", "\(value) is less than \(JSONValue.number(minimum))")
            }
            if case .number(let maximum)? = schema["maximum"], n > maximum {
                report("maximum", "\(value) is greater than \(JSONValue.number(maximum))")
            }
        case .array(let elements):
            if case .number(let minimum)? = schema["minItems"], Double(elements.count) < minimum {
                report("minItems", "has \(elements.count) items, fewer than \(Int(minimum))")
            }
            var start = 0
            if case .array(let prefix)? = schema["prefixItems"] {
                for (index, item) in zip(elements.indices, prefix) {
                    validate(elements[index], path: "\(path)[\(index)]", against: item, at: "\(location)/prefixItems/\(index)", into: &violations)
                }
                start = prefix.count
            }
            if let items = schema["items"], start < elements.count {
                for index in start..<elements.count {
                    validate(elements[index], path: "\(path)[\(index)]", against: items, at: "\(location)/items", into: &violations)
                }
            }
        case .object(let members):
            if case .array(let required)? = schema["required"] {
                for case .string(let name) in required where members[name] == nil {
                    report("required", "required property \"\(name)\" is missing")
                }
            }
            let properties: [String: JSONValue]
            if case .object(let declared)? = schema["properties"] { properties = declared } else { properties = [:] }
            for name in members.keys.sorted() {
                let member = members[name]!
                let memberPath = Self.append(name, to: path)
                if let names = schema["propertyNames"] {
                    var nameViolations: [Violation] = []
                    validate(.string(name), path: memberPath, against: names, at: "\(location)/propertyNames", into: &nameViolations)
                    violations += nameViolations.map { Violation(path: $0.path, rule: "propertyNames", schemaLocation: $0.schemaLocation, message: "property name " + $0.message) }
                }
                if let property = properties[name] {
                    validate(member, path: memberPath, against: property, at: "\(location)/properties/\(Self.escape(name))", into: &violations)
                } else if let additional = schema["additionalProperties"] {
                    if additional == .bool(false) {
                        report("additionalProperties", "unknown property \"\(name)\" (the schema allows only \(properties.keys.sorted().joined(separator: ", ")))", path: memberPath)
                    } else {
                        validate(member, path: memberPath, against: additional, at: "\(location)/additionalProperties", into: &violations)
                    }
                }
            }
        default:
            break
        }

        if case .array(let branches)? = schema["anyOf"] {
            let results = branches.enumerated().map { index, branch in
                var found: [Violation] = []
                validate(value, path: path, against: branch, at: "\(location)/anyOf/\(index)", into: &found)
                return found
            }
            if !results.contains(where: \.isEmpty) {
                report("anyOf", "matches none of the \(branches.count) schemas: " + results.compactMap(\.first?.description).joined(separator: "; "))
            }
        }
        if case .array(let branches)? = schema["oneOf"] {
            let matching = branches.enumerated().filter { index, branch in
                var found: [Violation] = []
                validate(value, path: path, against: branch, at: "\(location)/oneOf/\(index)", into: &found)
                return found.isEmpty
            }.map(\.offset)
            if matching.count != 1 {
                report("oneOf", matching.isEmpty
                    ? "matches none of the \(branches.count) schemas"
                    : "matches \(matching.count) schemas (\(matching.map(String.init).joined(separator: ", "))), not exactly one")
            }
        }
    }

    private static func append(_ name: String, to path: String) -> String {
        let plain = !name.isEmpty && name.unicodeScalars.allSatisfy { ($0.properties.isAlphabetic && $0.isASCII) || ("0"..."9").contains($0) || $0 == "_" || $0 == "$" }
        return plain ? "\(path).\(name)" : "\(path)[\"\(name.replacingOccurrences(of: "\"", with: "\\\""))\"]"
    }

    private static func shortened(_ value: JSONValue) -> String {
        let text = value.description
        return text.count > 80 ? String(text.prefix(79)) + "…" : text
    }
}
