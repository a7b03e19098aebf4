import Foundation
import Testing
@testable import DiviML

/// Strict JSON (issue 12, "Accepted silently: trailing commas in JSON"): what Foundation's
/// readers accept without a word is an error with its line, column and path; every valid
/// document is still read, and the top level's keys tell a file's format.
@Suite("Strict JSON syntax")
struct JSONSyntaxTests {
    func violation(_ text: String) -> JSONSyntax.Violation? {
        do {
            _ = try JSONSyntax.check(Data(text.utf8))
            return nil
        } catch {
            return error as? JSONSyntax.Violation
        }
    }

    @Test("valid documents are accepted, as Foundation accepts them", arguments: [
        "{}", "[]", "0", "-0.5e-3", "\"x\"", "true", "null", " [1, 2.5, -3E+2, \"a\\\"b\\u00e9\", {}, [[]], false] ",
        "{\"a\": {\"b\": [1, {\"c\": null}]}, \"d\": \"\\\\\"}", "{\"a\": 1, \"A\": 2}",
    ])
    func validDocumentsAreAccepted(text: String) throws {
        #expect(violation(text) == nil)
        _ = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }

    @Test("Foundation's silent leniencies are errors", arguments: [
        ("{\"a\": [1, 2,]}", "line 1, column 13 (a[1])", "another value after the comma, found ']' (a trailing comma)"),
        ("{\"a\": 1,\n }", "line 2, column 2 (a)", "another value after the comma, found '}' (a trailing comma)"),
        ("{\"a\": 1, \"a\": 2}", "line 1, column 10 (a)", "each key at most once in an object, found 'a' a second time"),
        ("{\"a\": 1, \"\\u0061\": 2}", "line 1, column 10 (\\u0061)", "each key at most once in an object, found 'a' a second time"),
    ])
    func lenienciesAreErrors(text: String, place: String, expected: String) throws {
        // Foundation takes these without a word; this is why the check exists.
        _ = try JSONSerialization.jsonObject(with: Data(text.utf8))
        let found = try #require(violation(text))
        #expect(found.place == place)
        #expect(found.expected == expected)
    }

    @Test("syntax errors say what was expected and what was found", arguments: [
        ("{\"a\": [1 2]}", "',' or ']', found '2'"),
        ("{\"a\": 01}", "no leading zero in a number, found '1'"),
        ("{\"a\": .5}", "a value (an object, array, string, number, true, false or null), found '.'"),
        ("{\"a\": 1} x", "the end of the document, found 'x'"),
        ("{\"a\": \"x", "'\"' closing the string, found the end of the file (it is truncated)"),
        ("{\"a\": tru}", "a value (an object, array, string, number, true, false or null), found 't'"),
        ("{a: 1}", "a key in double quotes, found 'a'"),
        ("{\"a\" 1}", "':' after the key, found '1'"),
        ("{\"a\": \"\\q\"}", "an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX), found '\\q'"),
        ("[1,,2]", "a value (an object, array, string, number, true, false or null), found ','"),
        ("[NaN]", "a value (an object, array, string, number, true, false or null), found 'N'"),
        ("[1e]", "a digit in the exponent, found ']'"),
        ("[\"a\tb\"]", "a control character escaped inside a string, found byte 0x09"),
        ("", "a value, found the end of the file (it is truncated)"),
    ])
    func syntaxErrorsAreWorded(text: String, expected: String) throws {
        let found = try #require(violation(text))
        #expect(found.expected == expected)
        #expect((try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) == nil)
    }

    @Test func deepNestingIsRefusedWithoutRecursion() throws {
        let depth = 100_000
        let found = try #require(violation(String(repeating: "[", count: depth) + String(repeating: "]", count: depth)))
        #expect(found.expected == "at most 512 nested arrays and objects, found deeper nesting")
        #expect(violation(String(repeating: "[", count: 512) + String(repeating: "]", count: 512)) == nil)
    }

    @Test func manyKeysInOneObjectAreCheckedByHash() throws {
        let keys = (0..<1000).map { "\"k\($0)\": \($0)" }
        #expect(violation("{" + keys.joined(separator: ", ") + "}") == nil)
        let found = try #require(violation("{" + (keys + ["\"k500\": 0"]).joined(separator: ", ") + "}"))
        #expect(found.expected == "each key at most once in an object, found 'k500' a second time")
    }

    @Test func theTopLevelKeysTellTheFormat() throws {
        let report = try JSONSyntax.check(Data(#"{"format": "diviml-problem/1", "nodes": [{"format": "x"}], "n": 3, "e": "a\"b"}"#.utf8))
        #expect(report.topLevel == ["format": .string("diviml-problem/1"), "nodes": .array, "n": .other, "e": .string("a\"b")])
        // JSONSerialization writes "/" as "\/": the format is still told.
        let escaped = try JSONSyntax.check(Data(#"{"format": "diviml-problem\/1"}"#.utf8))
        #expect(escaped.topLevel == ["format": .string("diviml-problem/1")])
    }

    @Test("every reader refuses a trailing comma, naming the file and the line")
    func everyReaderRefusesATrailingComma() throws {
        let problem = JSONMessageTests.problem.replacingOccurrences(of: "\"bytes\":8}]", with: "\"bytes\":8},]")
        let path = CLIRunner.temporaryPath("trailing.json")
        try problem.write(toFile: path, atomically: true, encoding: .utf8)
        let run = try CLIRunner.run(["schedule", path, "--solver", "heft"])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("\(path): at line 3, column "), "\(run.stderr)")
        #expect(run.stderr.contains("(a trailing comma)"), "\(run.stderr)")

        let costs = CLIRunner.temporaryPath("costs.json")
        try #"{"conv1": {"cpu": 0.001,}}"#.write(toFile: costs, atomically: true, encoding: .utf8)
        let costRun = try CLIRunner.run(["schedule", "resnet18", "--platform", "paper-node", "--costs", costs])
        #expect(costRun.status == 2, "\(costRun.stderr)")
        #expect(costRun.stderr.contains("(a trailing comma)"), "\(costRun.stderr)")

        let platform = CLIRunner.temporaryPath("platform.json")
        try #"{"name": "p", "devices": [{"name": "cpu", "kind": "cpu"},], "host": "cpu"}"#.write(toFile: platform, atomically: true, encoding: .utf8)
        let platformRun = try CLIRunner.run(["schedule", "resnet18", "--platform", platform])
        #expect(platformRun.status == 2, "\(platformRun.stderr)")
        #expect(platformRun.stderr.contains("(a trailing comma)"), "\(platformRun.stderr)")
    }

    @Test func aRepeatedYAMLKeyIsAnError() throws {
        let path = CLIRunner.temporaryPath("repeated.yaml")
        try "name: p\nhost: cpu\nhost: gpu\ndevices:\n  - name: cpu\n    kind: cpu\n".write(toFile: path, atomically: true, encoding: .utf8)
        let error = #expect(throws: InputError.self) {
            try Platform.load(path: path)
        }
        guard case let .malformed(file, place, expected)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(file == path)
        #expect(place.hasPrefix("line "), "\(place)")
        #expect(expected == "each key at most once in a mapping, found 'host' more than once")
    }
}
