import Foundation

extension Plan {
    /// A latency plan for `schedule` on `problem`.
    /// - Parameters:
    ///   - lowerBound: the best proven lower bound on the optimal makespan and its name, if any.
    ///   - reference: the fastest single device's makespan and name, for the speedup.
    init(latency schedule: Schedule, problem: SchedulingProblem, result: SolverResult, platform: String?,
         lowerBound: LowerBounds.Value?, reference: (device: String, makespan: Double)?) {
        let names = problem.devices.map(\.name)
        self.init(
            model: problem.name, platform: platform, objective: .latency, solver: result.solver,
            status: result.status.word, solveSeconds: result.solveSeconds, makespanSeconds: schedule.makespan,
            lowerBoundSeconds: lowerBound?.seconds, lowerBoundSource: lowerBound?.name,
            gap: lowerBound.map { Plan.gap(upper: schedule.makespan, lower: $0.seconds) },
            fastestSingleDevice: reference?.device,
            speedupOverFastestSingleDevice: reference.map { $0.makespan / schedule.makespan },
            devices: names,
            nodes: problem.nodes.indices.map {
                NodeEntry(name: problem.nodes[$0].name, device: names[schedule.device[$0]],
                          start: schedule.start[$0], finish: schedule.finish[$0])
            },
            transfers: Plan.transferEntries(problem.transfers(of: schedule), problem: problem, replica: nil),
            notes: result.notes.isEmpty ? nil : result.notes)
    }

    /// A throughput plan for one pipeline per replica: each replica's placement, its
    /// period, and one sample's pass through it (`passes`, simulated) as node times.
    /// - Parameter batch: samples per pass, so throughput = Σ batch / period.
    init(throughput passes: [Schedule], problem: SchedulingProblem, result: ThroughputResult, platform: String?,
         batch: Int, lowerBound: LowerBounds.Value?, reference: (device: String, period: Double)?) {
        let names = problem.devices.map(\.name)
        var nodes: [NodeEntry] = []
        var transfers: [TransferEntry] = []
        var entries: [ReplicaEntry] = []
        for (r, pass) in passes.enumerated() {
            let placement = pass.device
            let load = PipelineLoad(problem: problem, placement: placement)
            nodes += problem.nodes.indices.map {
                NodeEntry(name: problem.nodes[$0].name, device: names[placement[$0]], start: pass.start[$0],
                          finish: pass.finish[$0], replica: r)
            }
            transfers += Plan.transferEntries(problem.transfers(of: pass), problem: problem, replica: r)
            // A replica's devices are those that compute; the host carries only its zero-cost I/O otherwise.
            let computing = Set(placement.indices.filter { problem.cost($0, on: placement[$0]) > 0 }.map { placement[$0] })
            let used = (computing.isEmpty ? Set(placement) : computing).sorted().map { names[$0] }
            entries.append(ReplicaEntry(devices: used, periodSeconds: load.period, bottleneck: load.bottleneck.describe(names)))
        }
        let rate = entries.reduce(0) { $0 + Double(batch) / $1.periodSeconds }
        let period = Double(batch) / rate
        self.init(
            model: problem.name, platform: platform, objective: .throughput, solver: result.solver,
            status: result.status.word, solveSeconds: result.solveSeconds, periodSeconds: period,
            throughputPerSecond: rate, batch: batch, lowerBoundSeconds: lowerBound?.seconds,
            lowerBoundSource: lowerBound?.name, gap: lowerBound.map { Plan.gap(upper: period, lower: $0.seconds) }, fastestSingleDevice: reference?.device,
            speedupOverFastestSingleDevice: reference.map { $0.period / period }, devices: names, nodes: nodes,
            transfers: transfers, replicas: entries, notes: result.notes.isEmpty ? nil : result.notes)
    }

    /// `(upper - lower) / lower`, 0 when both are 0.
    public static func gap(upper: Double, lower: Double) -> Double {
        lower > 0 ? max(0, upper - lower) / lower : (upper > 0 ? .infinity : 0)
    }

    static func transferEntries(_ transfers: [Transfer], problem: SchedulingProblem, replica: Int?) -> [TransferEntry] {
        transfers.map { t in
            let e = problem.edges[t.edge]
            return TransferEntry(from: problem.nodes[e.from].name, to: problem.nodes[e.to].name,
                                 srcDevice: problem.devices[t.sourceDevice].name,
                                 dstDevice: problem.devices[t.destinationDevice].name,
                                 start: t.start, finish: t.finish, bytes: e.bytes, replica: replica)
        }
    }

    /// The plan as JSON.
    public func jsonData() throws -> Data {
        var data = try JSONCoding.encoder.encode(self)
        data.append(0x0A)
        return data
    }

    /// Reads a plan file.
    public static func load(path: String) throws -> Plan {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError.unreadableFile(file: path, reason: "no such file or not readable")
        }
        let plan = try decodeJSON(Plan.self, from: data, file: path)
        guard plan.format == "diviml-plan/1" else {
            throw InputError.malformed(file: path, path: "format", expected: "'diviml-plan/1', found '\(plan.format)'")
        }
        return plan
    }
}

extension PipelineLoad.Bottleneck {
    /// `cpu` or `link cpu->gpu0`.
    public func describe(_ names: [String]) -> String {
        switch self {
        case let .device(k): names[k]
        case let .link(a, b): "link \(names[a])->\(names[b])"
        }
    }
}
