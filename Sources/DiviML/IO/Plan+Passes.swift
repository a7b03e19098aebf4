extension Plan {
    /// The plan's single-sample passes (one per replica; one for latency plans) as
    /// schedules of `problem`, checked against it: every node entry names a node and a
    /// device of the problem, each replica lists every node once with finite times, each
    /// pass passes the validator, and the simulator, run on the pass's placement and
    /// per-device order, gives back the plan's times. A plan made for another problem, or
    /// with other costs, fails here instead of being explained wrongly.
    /// - Parameter file: the plan's path, for error messages.
    /// - Throws: `InputError` naming the plan file, the entry and what the problem expected.
    /// - Complexity: O(R·(|V| log |V| + |E| + |V|·|K|)) for R replicas.
    public func passes(on problem: SchedulingProblem, file: String) throws -> [Schedule] {
        let names = problem.devices.map(\.name)
        let deviceIndex = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        let nodeIndex = Dictionary(uniqueKeysWithValues: problem.nodes.enumerated().map { ($1.name, $0) })
        let replicaCount = (nodes.compactMap(\.replica).max() ?? 0) + 1
        let n = problem.nodes.count
        // Each replica lists every node, so the entries bound the replica count (and what is allocated).
        if replicaCount > 1, replicaCount > nodes.count / max(1, n) {
            throw InputError.malformed(file: file, path: "nodes", expected: "replicas numbered from 0, each listing all \(n) nodes; "
                + "found replica \(replicaCount - 1) among only \(nodes.count) entries")
        }
        var passes = [Schedule](repeating: Schedule(device: .init(repeating: -1, count: n), start: .init(repeating: 0, count: n),
                                                    finish: .init(repeating: 0, count: n)), count: replicaCount)
        for (i, entry) in nodes.enumerated() {
            let r = entry.replica ?? 0
            guard r >= 0, objective == .throughput || entry.replica == nil else {
                throw InputError.malformed(file: file, path: "nodes[\(i)].replica", expected: objective == .latency
                    ? "no replica in a latency plan, found \(r)" : "a replica index of 0 or more, found \(r)")
            }
            guard let v = nodeIndex[entry.name] else {
                throw InputError.unknownReference(file: file, path: "nodes[\(i)].name", name: entry.name, known: problem.nodes.map(\.name))
            }
            guard let k = deviceIndex[entry.device] else {
                throw InputError.unknownReference(file: file, path: "nodes[\(i)].device", name: entry.device, known: names)
            }
            guard passes[r].device[v] < 0 else {
                throw InputError.duplicateName(file: file, kind: replicaCount > 1 ? "node entry of replica \(r)" : "node entry", name: entry.name)
            }
            guard entry.start.isFinite, entry.finish.isFinite, entry.start >= 0, entry.finish >= entry.start else {
                throw InputError.malformed(file: file, path: "nodes[\(i)]", expected: "finite times with 0 <= start <= finish, found \(entry.start) to \(entry.finish)")
            }
            passes[r].device[v] = k
            passes[r].start[v] = entry.start
            passes[r].finish[v] = entry.finish
        }
        for r in passes.indices { try check(passes[r], replica: r, of: replicaCount, problem: problem, file: file) }
        return passes
    }

    /// Throws unless `pass` covers every node, is valid, and is what the simulator gives.
    private func check(_ pass: Schedule, replica r: Int, of count: Int, problem: SchedulingProblem, file: String) throws {
        let which = count > 1 ? " of replica \(r)" : ""
        if let v = pass.device.firstIndex(of: -1) {
            throw InputError.malformed(file: file, path: "nodes", expected: "an entry\(which) for every node of the problem; '\(problem.nodes[v].name)' has none (was the plan made for this problem?)")
        }
        if let violation = Validator.violations(of: pass, for: problem).first {
            throw InputError.malformed(file: file, path: "nodes", expected: "a valid schedule\(which) for the problem, found: \(violation) (was the plan made for this problem?)")
        }
        let simulated = MoveAnalysis.simulate(problem, pass, moving: [], to: 0, rank: MoveAnalysis.topologicalRank(problem))
        let tolerance = 1e-9 * max(pass.makespan, 1e-12)
        if let v = problem.nodes.indices.first(where: { abs(simulated.finish[$0] - pass.finish[$0]) > tolerance }) {
            throw InputError.malformed(file: file, path: "nodes", expected: "the times the problem's costs give\(which): '\(problem.nodes[v].name)' "
                + "finishes at \(formatSeconds(simulated.finish[v])) when simulated, at \(formatSeconds(pass.finish[v])) in the plan "
                + "(the plan was made with other costs or options; pass the problem file written with it, `--problem-out`)")
        }
    }
}
