import Foundation
import Testing
@testable import DiviML

/// Messages for malformed JSON (issue 12, "Misleading messages"): an integer field holding a
/// fraction or a number out of range names its path and what was expected; a syntax error
/// says where it is.
@Suite("JSON error messages")
struct JSONMessageTests {
    static let problem = """
    {"format":"diviml-problem/1","devices":[{"name":"cpu","kind":"cpu","memoryBytes":1000}],"host":"cpu",
     "link":{"latency":[[0]],"bandwidth":[[0]]},"nodes":[{"name":"a","op":"Relu","cost":[1.5]},{"name":"b","op":"Relu","cost":[1]}],
     "edges":[{"from":"a","to":"b","bytes":8}]}
    """

    @Test("a fraction or an out-of-range number in an integer field names the path", arguments: [
        ("\"memoryBytes\":1000", "\"memoryBytes\":1.5", "devices[0].memoryBytes", "1.5"),
        ("\"bytes\":8", "\"bytes\":9223372036854775808", "edges[0].bytes", "9223372036854775808"),
        ("\"bytes\":8", "\"bytes\":1.5", "edges[0].bytes", "1.5"),
    ])
    func aMisfitIntegerInAProblemIsNamed(old: String, new: String, path: String, found: String) throws {
        let text = Self.problem.replacingOccurrences(of: old, with: new)
        let error = #expect(throws: InputError.self) { try SchedulingProblem.fromJSON(Data(text.utf8), file: "p.json") }
        #expect(error == .malformed(file: "p.json", path: path, expected: "a whole number from -2^63 to 2^63 - 1, found \(found)"))
        #expect(error?.description.contains("not valid JSON") == false)
    }

    @Test func aFractionalMaxFPGAsIsNamed() throws {
        let path = CLIRunner.temporaryPath("fpgas.json")
        try #"{"maxFPGAs": 2.5, "maxCPUs": 1, "nodes": [{"id": 0, "cpuLatency": 1.5, "fpgaLatency": 1}], "edges": []}"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: InputError.malformed(file: path, path: "maxFPGAs", expected: "a whole number from -2^63 to 2^63 - 1, found 2.5")) {
            try loadDevicePlacementProblem(path: path)
        }
    }

    @Test func numbersAreFoundWithTheirPaths() {
        let numbers = JSONNumberToken.all(in: Data(#"{"a": [1, {"b\"c": -2.5e3}], "d": {"e": 7}}"#.utf8))
        #expect(numbers.map(\.literal) == ["1", "-2.5e3", "7"])
        #expect(numbers.map(\.path) == ["a[0]", "a[1].b\\\"c", "d.e"])
    }

    @Test func aSyntaxErrorInAProblemFileGivesLineAndColumn() throws {
        let path = CLIRunner.temporaryPath("syntax.json")
        try "{\"format\": \"diviml-problem/1\",\n  \"devices\": [}\n".write(toFile: path, atomically: true, encoding: .utf8)
        let run = try CLIRunner.run(["schedule", path, "--solver", "heft"])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("\(path): at line 2, column "), "\(run.stderr)")
        #expect(run.stderr.contains("(devices[0])"), "\(run.stderr)")
        #expect(run.stderr.contains("found '}'"), "\(run.stderr)")
    }
}
