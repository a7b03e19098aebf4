/// Counts of module solves, for the notes.
struct ModuleLog {
    var solves = 0
    var exactSolves = 0
    var exactWins = 0
    var optimal = 0
    var mayVary = 0
    var failures: [String] = []

    func notes(partition: ModulePartition, sweeps: Int, moduleSolver: String?) -> [String] {
        let sizes = partition.modules.map(\.nodes.count)
        var notes = ["\(sizes.count) modules of \(sizes.min() ?? 0)-\(sizes.max() ?? 0) nodes "
            + "(min \(partition.minSize), max \(partition.maxSize)), \(partition.modules.filter { $0.splitPoint != nil }.count) DP boundaries, "
            + "\(sweeps) sweep\(sweeps == 1 ? "" : "s"), \(solves) module solves by local search"]
        if let moduleSolver {
            notes.append("\(exactSolves) module solves by \(moduleSolver)" + (optimal > 0 ? ", \(optimal) proven optimal" : "")
                + ", \(exactWins) better than the local search")
        } else if let why = ExactAvailability.cpsatProblem {
            notes.append("CP-SAT unavailable (\(why)): modules solved by local search only; see `diviml doctor`")
        }
        if let f = failures.first { notes.append("\(failures.count) exact module solves failed (the local search's kept): \(f)") }
        if mayVary > 0 {
            notes.append("\(mayVary) exact module solves were stopped by the wall clock before their work budget: the plan may vary between runs")
        }
        return notes
    }

    /// Counts one step's jobs.
    mutating func record(_ tries: [ExactModuleTry]) {
        solves += tries.count
        for t in tries {
            switch t {
            case .notRun: break
            case let .worse(optimal, vary), let .better(optimal, vary):
                exactSolves += 1
                if optimal { self.optimal += 1 }
                if vary { mayVary += 1 }
                if case .better = t { exactWins += 1 }
            case let .failed(why):
                exactSolves += 1
                failures.append(why)
            }
        }
    }
}

/// How the exact solve of one module job went.
enum ExactModuleTry: Sendable {
    case notRun
    case worse(optimal: Bool, mayVary: Bool)
    case better(optimal: Bool, mayVary: Bool)
    case failed(String)
}
