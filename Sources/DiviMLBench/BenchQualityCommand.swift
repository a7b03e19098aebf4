import ArgumentParser
import CommandSupport
import DiviML
import DiviMLTestSupport
import Foundation

struct BenchQualityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quality",
        abstract: "Latency and throughput of every solver over the zoo on paper-node, against the lower bound (docs/benchmarks.md).",
        discussion: """
        Conventional models and RandWire WS/ER/BA (N = 32, --seeds seeds each). Per instance: \
        each solver's makespan (or effective period) with its gap to the best lower bound, and \
        the solve times of splitting and of the monolithic exact engine (under --exact-time-limit). \
        Then the summary against the paper's targets, and the memory-constrained runs.
        """)

    @Option(help: "Time limit of the monolithic exact solve per instance and objective, seconds.")
    var exactTimeLimit: Double = 20

    @Option(help: "Budget of every solver but the monolithic exact engine per instance and objective, seconds (splitting's --time-limit; default: --exact-time-limit).")
    var timeLimit: Double?

    @Option(help: "Time limit per module solve inside splitting, seconds.")
    var moduleTimeLimit: Double = SplittingSolver.defaultModuleTimeLimit

    @Option(help: "RandWire seeds per graph model.")
    var seeds: Int = 3

    @Option(help: "Only these models (comma-separated zoo names).")
    var models: String?

    @Flag(help: "Skip the throughput table.")
    var skipThroughput = false

    @Flag(help: "Skip the memory-constrained runs.")
    var skipMemory = false

    @Flag(help: "Instead: sweep the module size limits of splitting (how the defaults were chosen).")
    var sweep = false

    func validate() throws {
        try asUsageError {
            for (flag, value) in [("--exact-time-limit", exactTimeLimit), ("--time-limit", timeLimit ?? exactTimeLimit)] where !(value > 0 && value.isFinite) {
                throw InputError.invalidValue(what: flag, value: "\(value)", allowed: "a positive number of seconds")
            }
        }
    }

    func run() throws {
        try reportingErrors {
            let instances = try QualityRuns.instances(models: models?.split(separator: ",").map(String.init), seeds: seeds)
            if sweep { print(sweepTable(instances)); return }
            let exact = SolverChoice.exact.isAvailable
            print("exact engine: \(exact ? "exact, \(fixed(exactTimeLimit, 0)) s per instance" : "not available (columns show n/a)")"
                + "; the other solvers \(fixed(timeLimit ?? exactTimeLimit, 0)) s"
                + "; splitting modules by \(exact ? "exact" : "heft+greedy+one-device"), \(fixed(moduleTimeLimit, 1)) s each\n")
            let latency = latencyTable(instances)
            print(latency.table + "\n\n" + QualitySummary.latency(latency.rows, instances: instances) + "\n")
            if !skipThroughput {
                let throughput = throughputTable(instances)
                print(throughput.table + "\n\n" + QualitySummary.throughput(throughput.rows, instances: instances) + "\n")
            }
            if !skipMemory { print(try memoryTable()) }
        }
    }

    /// The settings of every run: `--exact-time-limit` for the monolithic exact engine,
    /// `--time-limit` (or the same) for the others, and the modules' time limits.
    private func planSettings(_ objective: Plan.Objective, for choice: SolverChoice = .split,
                              cut: ModulePartition.CutMethod = ModulePartition.defaultCutMethod,
                              minModule: Int = ModulePartition.defaultMinSize, maxModule: Int = ModulePartition.defaultMaxSize) -> PlanSettings {
        PlanSettings(objective: objective, timeLimit: choice == .exact ? exactTimeLimit : timeLimit ?? exactTimeLimit,
                     minModule: minModule, maxModule: maxModule,
                     moduleTimeLimit: moduleTimeLimit, moduleCut: cut, platform: "paper-node")
    }

    /// Per instance: the bound and each solver's cell. Latency: the largest closed-form bound
    /// or plan bound; throughput: the fluid period bound, valid for replicas too.
    private func latencyTable(_ instances: [QualityInstance]) -> (table: String, rows: [QualityRow]) {
        table(instances, QualityRuns.latencySolvers, .latency) { instance, cells in
            ([LowerBounds.latency(instance.problem)[0].seconds] + cells.values.compactMap(\.provenBound)).max()!
        }
    }

    private func throughputTable(_ instances: [QualityInstance]) -> (table: String, rows: [QualityRow]) {
        let made = table(instances, QualityRuns.throughputSolvers, .throughput) { instance, _ in LowerBounds.fluidPeriod(instance.problem) }
        return ("Throughput (effective period at batch 1; bound: fluid LP with forced link loads; split = data + model parallel)\n"
            + made.table, made.rows)
    }

    /// Every choice on every instance, one row each, with the bound `bound` gives.
    private func table(_ instances: [QualityInstance], _ choices: [SolverChoice], _ objective: Plan.Objective,
                       bound: (QualityInstance, [String: QualityCell]) -> Double) -> (table: String, rows: [QualityRow]) {
        let solvers = choices.map(\.rawValue)
        var table = TextTable(columns: ["instance", "nodes", "bound"] + solvers + ["t split", "t exact"])
        var rows: [QualityRow] = []
        for instance in instances {
            var cells: [String: QualityCell] = [:]
            for choice in choices { cells[choice.rawValue] = QualityRuns.run(instance, choice, planSettings(objective, for: choice)) }
            let b = bound(instance, cells)
            rows.append(QualityRow(instance: instance.name, bound: b, cells: cells))
            table.add(row(instance, bound: b, cells: cells, solvers: solvers))
        }
        return (table.rendered, rows)
    }

    private func row(_ instance: QualityInstance, bound: Double, cells: [String: QualityCell], solvers: [String]) -> [String] {
        let values = solvers.map { name -> String in
            guard let v = cells[name]?.value else { return cells[name]?.status ?? "-" }
            return "\(formatSeconds(v)) (\(percent(Plan.gap(upper: v, lower: bound))))"
        }
        let time = { (name: String) in cells[name].flatMap { $0.value == nil ? nil : formatSeconds($0.seconds) } ?? "-" }
        return [instance.name, "\(instance.problem.nodes.count)", formatSeconds(bound)] + values + [time("split"), time("exact")]
    }

    /// Splitting's mean makespan ratio to the best heuristic and its total time per module-size setting.
    private func sweepTable(_ instances: [QualityInstance]) -> String {
        let reference = instances.map { instance in
            [SolverChoice.heft, .greedy, .single].compactMap { QualityRuns.run(instance, $0, planSettings(.latency)).value }.min() ?? .nan
        }
        var table = TextTable("cut", "min module", "max module", "mean split/best-baseline", "worst", "total split time")
        let sizes = [(4, 12), (8, 20), (8, 30), (8, 40)]
        let settings = sizes.map { (ModulePartition.CutMethod.topological, $0.0, $0.1) } + [(.communities, 8, 20), (.communities, 8, 30)]
        for (cut, lo, hi) in settings {
            let cells = instances.map { QualityRuns.run($0, .split, planSettings(.latency, cut: cut, minModule: lo, maxModule: hi)) }
            let ratios = zip(cells, reference).compactMap { c, r in c.value.map { $0 / r } }
            printError("sweep: \(cut.rawValue) \(lo)-\(hi) done")
            table.add(cut.rawValue, "\(lo)", "\(hi)", fixed(QualitySummary.mean(ratios), 4), fixed(ratios.max() ?? .nan, 4),
                      formatSeconds(cells.reduce(0) { $0 + $1.seconds }))
        }
        return "Module size sweep (latency; modules solved by \(SolverChoice.exact.isAvailable ? "exact" : "heft+greedy+one-device"))\n" + table.rendered
    }

    /// Splitting on the models with the most weights with each GPU holding 100%, 50% and 25%
    /// of the model's weights (the CPU keeps its memory).
    private func memoryTable() throws -> String {
        var table = TextTable("model", "GPU memory", "split latency", "gap", "split throughput", "weights per device")
        for name in ["vgg16", "bert-base"] {
            let base = try QualityRuns.instances(models: [name], seeds: 1)[0].problem
            for fraction in [1.0, 0.5, 0.25] {
                let problem = try QualityRuns.gpuMemory(base, fraction: fraction)
                let latency = try? Planner.plan(problem, choice: .split, settings: planSettings(.latency))
                let period = QualityRuns.run(QualityInstance(name: name, randwire: false, problem: problem), .split, planSettings(.throughput)).value
                let bound = LowerBounds.latency(problem)[0].seconds
                let schedule = latency?.schedule
                let weights = schedule.map { s in
                    Validator.memoryUse(placement: s.device, problem: problem).enumerated().map { "\(problem.devices[$0].name) \(formatBytes($1))" }.joined(separator: ", ")
                } ?? "-"
                table.add(name, "\(Int(fraction * 100))% (\(formatBytes(problem.devices.first { $0.kind == .gpu }!.memoryBytes)))",
                          seconds(schedule?.makespan), schedule.map { percent(Plan.gap(upper: $0.makespan, lower: bound)) } ?? "dead end",
                          period.map { "\(fixed(1 / $0, 1)) samples/s" } ?? "-", weights)
            }
        }
        return "Memory-constrained (each GPU holds the stated share of the model's weights)\n" + table.rendered
    }
}

/// One instance's results, for the summary.
struct QualityRow {
    var instance: String
    var bound: Double
    var cells: [String: QualityCell]
    func value(_ solver: String) -> Double? { cells[solver]?.value }
}
