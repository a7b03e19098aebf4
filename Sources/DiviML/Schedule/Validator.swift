/// Checks a schedule against every rule of docs/design.md §2, independently of the solver that
/// produced it; every solver's output goes through it in the tests.
public enum Validator {
    /// One broken rule, naming the nodes or device involved.
    public enum Violation: Sendable, Hashable, CustomStringConvertible {
        case wrongSize(expected: Int, found: Int)
        case unknownDevice(node: String, device: Int)
        case notAllowed(node: String, device: String)
        case badTimes(node: String, start: Double, finish: Double, cost: Double)
        case precedence(from: String, to: String, earliest: Double, start: Double)
        case overlap(device: String, first: String, second: String)
        case memory(device: String, usedBytes: Int64, capacityBytes: Int64)
        case groupSplit(group: String, nodes: [String])
        case hostIO(node: String, device: String)
        case early(node: String, start: Double, earliest: Double)

        public var description: String {
            switch self {
            case let .wrongSize(e, f): "schedule covers \(f) nodes, the problem has \(e)"
            case let .unknownDevice(n, d): "node '\(n)' is on device #\(d), which does not exist"
            case let .notAllowed(n, d): "node '\(n)' runs on '\(d)', where it is not allowed"
            case let .badTimes(n, s, f, c): "node '\(n)' runs [\(s), \(f)] but costs \(c) s there"
            case let .precedence(a, b, e, s): "'\(b)' starts at \(s) before its input from '\(a)' arrives at \(e)"
            case let .overlap(d, a, b): "'\(a)' and '\(b)' overlap on '\(d)'"
            case let .memory(d, u, c): "'\(d)' holds \(formatBytes(u)) of weights, more than its \(formatBytes(c))"
            case let .groupSplit(g, ns): "group '\(g)' is split across devices: \(ns.joined(separator: ", "))"
            case let .hostIO(n, d): "host I/O node '\(n)' runs on '\(d)', not on the host"
            case let .early(n, s, e): "'\(n)' starts at \(s), before its release or device-ready time \(e)"
            }
        }
    }

    /// All violations of `schedule` for `problem` (empty when it is valid).
    /// - Parameter tolerance: relative slack for floating-point time comparisons.
    /// - Complexity: O(|V| log |V| + |E| + |V|·|K|).
    public static func violations(of schedule: Schedule, for problem: SchedulingProblem, tolerance: Double = 1e-9) -> [Violation] {
        let n = problem.nodes.count
        guard schedule.device.count == n, schedule.start.count == n, schedule.finish.count == n else {
            return [.wrongSize(expected: n, found: schedule.device.count)]
        }
        let eps = tolerance * max(1, schedule.makespan)
        var found: [Violation] = []
        for v in 0..<n {
            let name = problem.nodes[v].name
            let k = schedule.device[v]
            guard problem.devices.indices.contains(k) else { found.append(.unknownDevice(node: name, device: k)); continue }
            guard let c = problem.nodes[v].cost[k] else {
                found.append(.notAllowed(node: name, device: problem.devices[k].name))
                continue
            }
            if schedule.start[v] < -eps || !schedule.start[v].isFinite || abs(schedule.finish[v] - schedule.start[v] - c) > eps {
                found.append(.badTimes(node: name, start: schedule.start[v], finish: schedule.finish[v], cost: c))
            }
            let earliest = max(problem.release[v], c > 0 ? problem.deviceReady[k] : 0)
            if schedule.start[v] + eps < earliest {
                found.append(.early(node: name, start: schedule.start[v], earliest: earliest))
            }
            let op = problem.nodes[v].op
            if problem.io == .host, op == HostIO.inputOp || op == HostIO.outputOp, k != problem.host {
                found.append(.hostIO(node: name, device: problem.devices[k].name))
            }
        }
        guard found.isEmpty else { return found }
        found += precedenceViolations(schedule, problem, eps)
        found += overlapViolations(schedule, problem, eps)
        found += resourceViolations(schedule, problem)
        return found
    }

    /// Whether `schedule` breaks no rule.
    public static func isValid(_ schedule: Schedule, for problem: SchedulingProblem) -> Bool {
        violations(of: schedule, for: problem).isEmpty
    }

    private static func precedenceViolations(_ s: Schedule, _ p: SchedulingProblem, _ eps: Double) -> [Violation] {
        p.edges.indices.compactMap { e in
            let (u, v) = (p.edges[e].from, p.edges[e].to)
            let earliest = s.finish[u] + p.transferTime(edge: e, from: s.device[u], to: s.device[v])
            return s.start[v] + eps < earliest
                ? .precedence(from: p.nodes[u].name, to: p.nodes[v].name, earliest: earliest, start: s.start[v]) : nil
        }
    }

    private static func overlapViolations(_ s: Schedule, _ p: SchedulingProblem, _ eps: Double) -> [Violation] {
        var found: [Violation] = []
        for (k, list) in s.order(deviceCount: p.deviceCount).enumerated() {
            for (a, b) in zip(list, list.dropFirst()) where s.start[b] + eps < s.finish[a] {
                // Zero-length nodes touch but do not occupy the device.
                if s.finish[a] > s.start[a] && s.finish[b] > s.start[b] {
                    found.append(.overlap(device: p.devices[k].name, first: p.nodes[a].name, second: p.nodes[b].name))
                }
            }
        }
        return found
    }

    private static func resourceViolations(_ s: Schedule, _ p: SchedulingProblem) -> [Violation] {
        var found: [Violation] = []
        let used = memoryUse(placement: s.device, problem: p)
        for k in p.devices.indices where used[k] > p.devices[k].memoryBytes {
            found.append(.memory(device: p.devices[k].name, usedBytes: used[k], capacityBytes: p.devices[k].memoryBytes))
        }
        for (g, members) in p.groups.sorted(by: { $0.key < $1.key }) where Set(members.map { s.device[$0] }).count > 1 {
            found.append(.groupSplit(group: g, nodes: members.map { "\(p.nodes[$0].name)@\(p.devices[s.device[$0]].name)" }))
        }
        return found
    }

    /// Weight bytes resident on each device under a placement.
    public static func memoryUse(placement: [Int], problem: SchedulingProblem) -> [Int64] {
        var used = [Int64](repeating: 0, count: problem.deviceCount)
        for v in placement.indices { used[placement[v]] += problem.nodes[v].paramBytes }
        return used
    }
}
