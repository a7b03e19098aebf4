import Foundation
import Testing
@testable import DiviML

@Suite("Placement constraints files")
struct ConstraintsTests {
    func write(_ text: String) throws -> String {
        let path = CLIRunner.temporaryPath("constraints-\(abs(text.hashValue)).yaml")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func constraintsReachEverySolver() throws {
        let graph = try ModelZoo.build("resnet18", options: ModelOptions())
        let platform = try BuiltinPlatforms.named("paper-node")
        let path = try write("notOn:\n  fc: [v100, gtx1080ti]\ngroups:\n  stem: [conv1, bn1, relu]\n")
        let rules = try NodeConstraints.load(path: path, graph: graph, platform: platform)
        let problem = try SchedulingProblem(graph: graph, platform: platform, constraints: rules)
        let fc = try #require(problem.nodeIndex("fc"))
        #expect(problem.allowedDevices(fc) == [platform.deviceIndex("cpu")!])
        for solver in [HEFTSolver(), GreedySolver(), RandomSolver()] as [any LatencySolver] {
            let schedule = try #require(try solver.solve(problem, options: SolveOptions()).schedule)
            #expect(Validator.violations(of: schedule, for: problem).isEmpty, "\(solver.name)")
            let stem = ["conv1", "bn1", "relu"].map { schedule.device[problem.nodeIndex($0)!] }
            #expect(Set(stem).count == 1, "\(solver.name)")
        }
    }

    @Test func unknownNamesAreNamed() throws {
        let graph = try ModelZoo.build("resnet18", options: ModelOptions())
        let platform = try BuiltinPlatforms.named("paper-node")
        let badNode = try write("notOn:\n  fcc: [cpu]\n")
        let e1 = #expect(throws: InputError.self) { try NodeConstraints.load(path: badNode, graph: graph, platform: platform) }
        #expect(e1?.description.contains("at notOn.fcc: 'fcc' is not defined") == true)
        #expect(e1?.description.contains("(did you mean 'fc'?)") == true)
        let badDevice = try write("notOn:\n  fc: [tpu0]\n")
        let e2 = #expect(throws: InputError.self) { try NodeConstraints.load(path: badDevice, graph: graph, platform: platform) }
        #expect(e2?.description.contains("'tpu0' is not defined; known: cpu, v100, gtx1080ti") == true)
        let twice = try write("groups:\n  a: [conv1]\n  b: [conv1]\n")
        #expect(throws: InputError.self) { try NodeConstraints.load(path: twice, graph: graph, platform: platform) }
    }

    @Test func groupsThatFitNowhereAreReported() throws {
        let graph = try ModelZoo.build("resnet18", options: ModelOptions())
        let platform = try BuiltinPlatforms.named("paper-node")
        // fc may only run on the CPU, conv1 only on GPUs: a group of both fits on no device.
        let path = try write("notOn:\n  fc: [v100, gtx1080ti]\n  conv1: [cpu]\ngroups:\n  g: [conv1, fc]\n")
        let rules = try NodeConstraints.load(path: path, graph: graph, platform: platform)
        let e = #expect(throws: InputError.self) { try SchedulingProblem(graph: graph, platform: platform, constraints: rules) }
        #expect(e?.description.contains("group 'g'") == true)
    }
}
