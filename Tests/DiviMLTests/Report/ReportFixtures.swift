import Foundation
@testable import DiviML

/// Small problems for the report and explanation tests.
enum ReportFixtures {
    /// Two devices, a -> b -> c; b is heavy on the cpu; c may not run on the gpu.
    /// Transfers take 1 + 20/10 = 3 s each way.
    static func chain() throws -> SchedulingProblem {
        try SchedulingProblem(
            name: "chain",
            devices: [.init(name: "cpu", kind: .cpu, memoryBytes: 100), .init(name: "gpu", kind: .gpu, memoryBytes: 10)],
            host: 0, latency: [[0, 1], [1, 0]], bandwidth: [[.infinity, 10], [10, .infinity]],
            nodes: [.init(name: "a", op: "Conv", cost: [2, 1], paramBytes: 8),
                    .init(name: "b", op: "Conv", cost: [10, 1], paramBytes: 8),
                    .init(name: "c", op: "Relu", cost: [1, nil])],
            edges: [.init(from: 0, to: 1, bytes: 20), .init(from: 1, to: 2, bytes: 20)], io: .free)
    }

    /// Two roots x and y on one device and their join z: the path goes through the device.
    static func fork() throws -> SchedulingProblem {
        try SchedulingProblem(
            name: "fork",
            devices: [.init(name: "d0", kind: .cpu, memoryBytes: 100), .init(name: "d1", kind: .gpu, memoryBytes: 100)],
            host: 0, latency: [[0, 1], [1, 0]], bandwidth: [[.infinity, 1], [1, .infinity]],
            nodes: [.init(name: "x", op: "MatMul", cost: [3, 30]), .init(name: "y", op: "MatMul", cost: [4, 40]),
                    .init(name: "z", op: "Add", cost: [1, 10])],
            edges: [.init(from: 0, to: 2, bytes: 1), .init(from: 1, to: 2, bytes: 1)], io: .free)
    }

    /// Names a page must not let out of its text: markup, a script end tag, quotes.
    static let hostileNames = ["</script><script>document.body.dataset.status='pwned'</script>", "<img src=x onerror=alert(1)>",
                               "a\"b'c&d", "line\u{2028}separator", "plain"]

    /// A chain of nodes with hostile names over two devices, planned by HEFT.
    static func hostile() throws -> (SchedulingProblem, Planner.Outcome) {
        let names = hostileNames
        let nodes = names.enumerated().map { i, name in
            SchedulingProblem.Node(name: name, op: i % 2 == 0 ? "</script>Conv" : "Relu", cost: [Double(i + 1) * 1e-3, Double(i + 1) * 4e-4])
        }
        let problem = try SchedulingProblem(
            name: "hostile </script> model",
            devices: [.init(name: "cpu", kind: .cpu, memoryBytes: 1 << 30), .init(name: "gpu<b>", kind: .gpu, memoryBytes: 1 << 30)],
            host: 0, latency: [[0, 1e-5], [1e-5, 0]], bandwidth: [[.infinity, 1e9], [1e9, .infinity]],
            nodes: nodes, edges: (1..<names.count).map { DataEdge(from: $0 - 1, to: $0, bytes: 1 << 20) }, io: .free)
        return (problem, try Planner.plan(problem, choice: .heft, settings: PlanSettings()))
    }

    /// ResNet-18 on the paper's node, planned by HEFT: a realistic page.
    static func resnet18() throws -> (SchedulingProblem, Planner.Outcome) {
        let problem = try SchedulingProblem(graph: try ModelZoo.build("resnet18"), platform: try BuiltinPlatforms.named("paper-node"))
        return (problem, try Planner.plan(problem, choice: .heft, settings: PlanSettings()))
    }
}
