import Foundation
import Testing
@testable import DiviML

/// The fast problem reader (issue 12, "Scale of the readers") reads every well-formed
/// document exactly as `JSONDecoder` does, and leaves every other to it.
@Suite("Problem JSON, fast reading")
struct ProblemFastReadingTests {
    /// Both readers' documents, re-encoded with sorted keys, so they compare field by field.
    func bothReadings(_ text: String) throws -> (fast: String?, decoded: String?) {
        let data = Data(text.utf8)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let fast = try ProblemDocument.readFast(data).map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        let decoded = (try? JSONDecoder().decode(ProblemDocument.self, from: data)).map { String(decoding: try! encoder.encode($0), as: UTF8.self) }
        return (fast, decoded)
    }

    @Test("the zoo's problems read the same both ways", arguments: ["resnet18", "googlenet", "bert-base", "randwire-ws"])
    func zooProblemsReadTheSame(model: String) throws {
        let graph = try ModelZoo.build(model, options: ModelOptions())
        let problem = try SchedulingProblem(graph: graph, platform: try BuiltinPlatforms.named("paper-node"))
        let text = String(decoding: try problem.jsonData(), as: UTF8.self)
        let (fast, decoded) = try bothReadings(text)
        #expect(fast != nil)
        #expect(fast == decoded)
    }

    @Test("unusual but valid documents read the same both ways", arguments: [
        // escapes (JSONEncoder writes "/" as "\/"), unknown keys, nulls, io, release, negative and exponent numbers
        #"{"format":"diviml-problem/1","name":null,"extra":{"a":[1,{"b":null}],"c":true},"devices":[{"name":"c\/p\u00fcu","kind":"cpu","memoryBytes":-5,"x":false}],"host":"c\/p\u00fcu","link":{"latency":[[0]],"bandwidth":[[0]]},"nodes":[{"name":"a\"b","op":"Relu","cost":[1.5e-3],"paramBytes":null,"group":"g"},{"name":"b","op":"Add","cost":[null],"paramBytes":9223372036854775807}],"edges":[{"from":"a\"b","to":"b","bytes":-9223372036854775808}],"io":"free","release":[0,-2E+2],"deviceReady":null}"#,
        #"{"edges": [], "nodes": [], "link": {"bandwidth": [], "latency": []}, "host": "x", "devices": [], "format": "x"}"#,
    ])
    func unusualDocumentsReadTheSame(text: String) throws {
        _ = try JSONSyntax.check(Data(text.utf8))
        let (fast, decoded) = try bothReadings(text)
        #expect(fast != nil)
        #expect(fast == decoded)
    }

    @Test("documents the decoder words an error for are left to it", arguments: [
        #"{"format":"diviml-problem/1","devices":[],"host":"c","link":{"latency":[],"bandwidth":[]},"nodes":[{"name":"a","op":"R","cost":[1]}],"edges":[{"from":"a","to":"a","bytes":1.5}]}"#,
        #"{"format":"diviml-problem/1","devices":[],"host":"c","link":{"latency":[],"bandwidth":[]},"nodes":[{"name":"a","op":"R","cost":[1]}],"edges":[{"from":"a","to":"a","bytes":9223372036854775808}]}"#,
        #"{"format":"diviml-problem/1","devices":[{"name":"c","kind":"tpu","memoryBytes":1}],"host":"c","link":{"latency":[],"bandwidth":[]},"nodes":[],"edges":[]}"#,
        #"{"format":"diviml-problem/1","devices":[],"host":"c","link":{"latency":[],"bandwidth":[]},"nodes":[{"name":"a","cost":[1]}],"edges":[]}"#,
        #"{"format":"diviml-problem/1","devices":[],"host":"c","link":{"latency":[],"bandwidth":[]},"nodes":[{"name":"a","op":"R","cost":[1e400]}],"edges":[]}"#,
        #"{"format":"diviml-problem/1","devices":[],"host":3,"link":{"latency":[],"bandwidth":[]},"nodes":[],"edges":[]}"#,
        #"[1, 2]"#,
    ])
    func malformedDocumentsAreLeftToTheDecoder(text: String) throws {
        #expect(ProblemDocument.readFast(Data(text.utf8)) == nil)
    }

    @Test func malformedUTF8IsLeftToTheDecoder() throws {
        var data = Data(#"{"format":"diviml-problem/1","devices":[],"host":"c"#.utf8)
        data.append(contentsOf: [0xC3, 0x28])
        data.append(Data(#"","link":{"latency":[],"bandwidth":[]},"nodes":[],"edges":[]}"#.utf8))
        #expect(ProblemDocument.readFast(data) == nil)
    }
}
