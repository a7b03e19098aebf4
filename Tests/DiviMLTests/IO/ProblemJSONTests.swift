import Foundation
import Testing
@testable import DiviML

@Suite("Problem and plan JSON")
struct ProblemJSONTests {
    @Test func roundTripGivesTheSameProblemAndPlan() throws {
        let problem = try TestInstances.randomDAG(nodes: 40, seed: 21)
        let again = try SchedulingProblem.fromJSON(try problem.jsonData(), file: "mem")
        #expect(again.nodes == problem.nodes && again.edges == problem.edges)
        #expect(again.latency == problem.latency && again.bandwidth == problem.bandwidth)
        let a = try HEFTSolver().solve(problem, options: SolveOptions()).schedule
        let b = try HEFTSolver().solve(again, options: SolveOptions()).schedule
        #expect(a == b)
    }

    @Test func planCarriesTheContractFields() throws {
        let problem = try TestInstances.fixture("heft-paper.json")
        let result = try HEFTSolver().solve(problem, options: SolveOptions())
        let plan = Plan(latency: result.schedule!, problem: problem, result: result, platform: nil,
                        lowerBound: .init(name: "test bound", seconds: 60), reference: (device: "p1", makespan: 120))
        let json = try JSONSerialization.jsonObject(with: try plan.jsonData()) as! [String: Any]
        for key in ["format", "objective", "makespanSeconds", "lowerBoundSeconds", "lowerBoundSource", "gap", "solver", "status",
                    "solveSeconds", "devices", "nodes", "transfers"] {
            #expect(json[key] != nil, "missing \(key)")
        }
        #expect(json["format"] as? String == "diviml-plan/1")
        #expect(plan.gap == (80.0 - 60) / 60)
        #expect(plan.speedupOverFastestSingleDevice == 1.5)
        let node = (json["nodes"] as! [[String: Any]])[0]
        #expect(Set(node.keys) == ["name", "device", "start", "finish"])
        let transfer = (json["transfers"] as! [[String: Any]])[0]
        #expect(Set(transfer.keys) == ["from", "to", "srcDevice", "dstDevice", "start", "finish", "bytes"])
    }

    @Test func badProblemFilesAreNamed() {
        let unknownEdge = """
        {"format":"diviml-problem/1","devices":[{"name":"cpu","kind":"cpu","memoryBytes":10}],"host":"cpu",
         "link":{"latency":[[0]],"bandwidth":[[0]]},"nodes":[{"name":"a","op":"Relu","cost":[1]}],
         "edges":[{"from":"a","to":"b","bytes":1}]}
        """
        let e = #expect(throws: InputError.self) { try SchedulingProblem.fromJSON(Data(unknownEdge.utf8), file: "p.json") }
        #expect(e?.description.contains("p.json: at edges[0].to: 'b' is not defined") == true)
        let noDevice = unknownEdge.replacingOccurrences(of: "\"cost\":[1]", with: "\"cost\":[null]")
            .replacingOccurrences(of: "{\"from\":\"a\",\"to\":\"b\",\"bytes\":1}", with: "")
        let e2 = #expect(throws: InputError.self) { try SchedulingProblem.fromJSON(Data(noDevice.utf8), file: "p.json") }
        #expect(e2 == .noAllowedDevice(node: "a"))
        let tooBig = noDevice.replacingOccurrences(of: "\"cost\":[null]", with: "\"cost\":[1],\"paramBytes\":50")
        let e3 = #expect(throws: InputError.self) { try SchedulingProblem.fromJSON(Data(tooBig.utf8), file: "p.json") }
        #expect(e3?.description.contains("short by 40 B") == true)
        let wrongType = unknownEdge.replacingOccurrences(of: "\"memoryBytes\":10", with: "\"memoryBytes\":\"ten\"")
        let e4 = #expect(throws: InputError.self) { try SchedulingProblem.fromJSON(Data(wrongType.utf8), file: "p.json") }
        #expect(e4?.description.contains("devices[0].memoryBytes") == true)
    }

    @Test func measuredCostsLoadFromCSVAndJSON() throws {
        let csv = try MeasuredCosts.parseCSV("node,device,seconds\nconv1,v100,0.001\nconv1,cpu,0.02\n", file: "c.csv")
        #expect(csv.lookup(node: "conv1", device: "v100") == 0.001 && csv.count == 2)
        let json = try MeasuredCosts.parseJSON(#"[{"node":"conv1","device":"cpu","seconds":0.5}]"#, file: "c.json")
        #expect(json.lookup(node: "conv1", device: "cpu") == 0.5)
        let nested = try MeasuredCosts.parseJSON(#"{"conv1":{"cpu":0.25}}"#, file: "c.json")
        #expect(nested.lookup(node: "conv1", device: "cpu") == 0.25)
        let e = #expect(throws: InputError.self) { try MeasuredCosts.parseCSV("a,cpu,-1\n", file: "c.csv") }
        #expect(e?.description.contains("c.csv: at line 1") == true)
    }
}
