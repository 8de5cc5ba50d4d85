import Foundation
import Testing
import JSONSchemaSupport

/// The test validator checks each keyword it knows and refuses schemas with any other.
@Suite("JSON Schema validator")
struct JSONSchemaValidatorTests {
    static func validator(_ schema: String) throws -> JSONSchemaValidator {
        try JSONSchemaValidator(schema: Data(schema.utf8))
    }

    static func rules(_ schema: String, _ document: String) throws -> [String] {
        try validator(schema).validate(Data(document.utf8)).map { "\($0.path) \($0.rule)" }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var schema: String
        var document: String
        /// "path rule" of each violation expected, in order; empty for a valid document.
        var expected: [String]
        var testDescription: String { "\(document) against \(schema)" }
    }

    static let cases: [Case] = [
        Case(schema: #"{"type": ["string", "null"]}"#, document: "null", expected: []),
        Case(schema: #"{"type": ["string", "null"]}"#, document: "3", expected: ["$ type"]),
        Case(schema: #"{"type": "integer"}"#, document: "3.0", expected: []),
        Case(schema: #"{"type": "integer"}"#, document: "3.5", expected: ["$ type"]),
        Case(schema: #"{"type": "number"}"#, document: "true", expected: ["$ type"]),
        Case(schema: #"{"type": "boolean"}"#, document: "1", expected: ["$ type"]),
        Case(schema: #"{"minimum": 0, "maximum": 1}"#, document: "-0.5", expected: ["$ minimum"]),
        Case(schema: #"{"minimum": 0, "maximum": 1}"#, document: "\"2\"", expected: []),
        Case(schema: #"{"pattern": "^[0-9]{4}$"}"#, document: "\"2030\"", expected: []),
        Case(schema: #"{"pattern": "[0-9]{4}"}"#, document: "\"till 2030\"", expected: []),
        Case(schema: #"{"pattern": "^[0-9]{4}$"}"#, document: "\"203\"", expected: ["$ pattern"]),
        Case(schema: #"{"minLength": 2}"#, document: "\"å\"", expected: ["$ minLength"]),
        Case(schema: #"{"enum": ["a", 1, null]}"#, document: "1", expected: []),
        Case(schema: #"{"enum": ["a", 1, null]}"#, document: "\"b\"", expected: ["$ enum"]),
        Case(schema: #"{"const": {"a": [1]}}"#, document: #"{"a": [1]}"#, expected: []),
        Case(schema: #"{"const": {"a": [1]}}"#, document: #"{"a": [2]}"#, expected: ["$ const"]),
        Case(schema: #"{"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a", "b"], "additionalProperties": false}"#,
             document: #"{"a": 1, "c": 2}"#, expected: ["$ required", "$.a type", "$.c additionalProperties"]),
        Case(schema: #"{"type": "object", "additionalProperties": {"type": "integer"}, "propertyNames": {"enum": ["x", "y"]}}"#,
             document: #"{"x": 1, "z": 2, "y": "3"}"#, expected: ["$.y type", "$.z propertyNames"]),
        Case(schema: #"{"type": "object", "properties": {"a b": false}}"#, document: #"{"a b": 1}"#, expected: [#"$["a b"] false"#]),
        Case(schema: #"{"type": "array", "items": {"type": "integer"}, "minItems": 3}"#, document: #"[1, "2"]"#, expected: ["$ minItems", "$[1] type"]),
        Case(schema: #"{"prefixItems": [{"type": "string"}, {"type": "integer"}], "items": false}"#, document: #"["a", 1]"#, expected: []),
        Case(schema: #"{"prefixItems": [{"type": "string"}, {"type": "integer"}], "items": false}"#, document: #"[1, 1, 1]"#, expected: ["$[0] type", "$[2] false"]),
        Case(schema: #"{"anyOf": [{"type": "string"}, {"minimum": 5}]}"#, document: "7", expected: []),
        Case(schema: #"{"anyOf": [{"type": "string"}, {"minimum": 5}]}"#, document: "3", expected: ["$ anyOf"]),
        Case(schema: #"{"oneOf": [{"type": "integer"}, {"minimum": 5}]}"#, document: "3", expected: []),
        Case(schema: #"{"oneOf": [{"type": "integer"}, {"minimum": 5}]}"#, document: "7", expected: ["$ oneOf"]),
        Case(schema: #"{"oneOf": [{"type": "integer"}, {"minimum": 5}]}"#, document: "2.5", expected: ["$ oneOf"]),
        Case(schema: ##"{"$defs": {"node": {"type": "object", "properties": {"next": {"$ref": "#/$defs/node"}}, "additionalProperties": false}}, "$ref": "#/$defs/node"}"##,
             document: #"{"next": {"next": {"nxt": {}}}}"#, expected: ["$.next.next.nxt additionalProperties"]),
        Case(schema: ##"{"type": "array", "items": {"$ref": "#"}}"##, document: "[[[]], [1]]", expected: ["$[1][0] type"]),
    ]

    @Test(arguments: cases)
    func checks(_ test: Case) throws {
        #expect(try Self.rules(test.schema, test.document) == test.expected)
    }

    @Test(arguments: [
        (#"{"type": "string", "format": "date-time"}"#, "#/format"),
        (#"{"properties": {"a": {"maxLength": 3}}}"#, "#/properties/a/maxLength"),
        (#"{"$defs": {"unused": {"if": {}}}}"#, "#/$defs/unused/if"),
        (##"{"$ref": "#/$defs/missing"}"##, "#/$ref"),
        (##"{"$ref": "other.json#/$defs/a"}"##, "#/$ref"),
        (#"{"type": "text"}"#, "#/type"),
        (#"{"required": "a"}"#, "#/required"),
        (#"{"pattern": "("}"#, "#/pattern"),
        (#"{"minItems": -1}"#, "#/minItems"),
        (#"{"items": 3}"#, "#/items"),
        (##"{"$schema": "http://json-schema.org/draft-07/schema#"}"##, "#/$schema"),
    ])
    func refusesSchemasItCannotCheck(_ schema: String, _ location: String) throws {
        let error = #expect(throws: JSONSchemaValidator.SchemaError.self) { try Self.validator(schema) }
        #expect(error?.location == location)
    }

    @Test func readsBooleansAsBooleansAndNumbersAsNumbers() throws {
        #expect(try JSONValue(json: Data("[true, 1, 1.5, null, \"1\"]".utf8)) == .array([.bool(true), .number(1), .number(1.5), .null, .string("1")]))
    }
}
