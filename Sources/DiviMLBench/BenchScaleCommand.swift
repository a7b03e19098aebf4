import ArgumentParser
import CommandSupport
import DiviML
import Foundation

/// `diviml bench scale`: splitting against the list schedulers from 460 to 10,000 nodes and
/// on the public memory-bound inputs (docs/benchmarks.md, "Splitting at scale").
struct BenchScaleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scale",
        abstract: "Splitting against the list schedulers on RandWire up to 10,000 nodes and on the public latency inputs (docs/benchmarks.md).",
        discussion: """
        RandWire WS/ER/BA on paper-node at each --sizes value of --nodes (32, 100, 300, 700: about \
        460, 1.4k, 4.1k, 9.7k nodes), --seeds seeds each; then every device-placement JSON in \
        --public (the 8 public latency inputs). Per instance: HEFT, PEFT, greedy, the \
        memory-aware fill, the contiguous stretches cut by dynamic programming, split (default \
        settings, --time-limit as its total budget), split / the best list scheduler, split / \
        HEFT, the lower bound and split's gap to it, split's time; for the public inputs also auto (default settings), the latency greedy of Tarnawski et al. \
        (NeurIPS 2020, Appendix F; its split evaluated in our model, `PeerLatencyGreedy`) and \
        whole-graph CP-SAT under --exact-time-limit (hinted by HEFT, as \
        `diviml schedule --solver exact` runs it) unless --skip-exact.
        """)

    @Option(help: "RandWire --nodes values (comma-separated).")
    var sizes: String = "32,100,300,700"

    @Option(help: "Seeds per RandWire model and size.")
    var seeds: Int = 3

    @Option(help: "Directory of device-placement JSON files (searched recursively); empty: skip.")
    var `public`: String = "Tests/DiviMLTests/Fixtures/msr-fiddle/latency-inputs"

    @Option(help: "Total budget of each split run, seconds.")
    var timeLimit: Double = 60

    @Option(help: "Time limit of the whole-graph CP-SAT solve on the public inputs, seconds.")
    var exactTimeLimit: Double = 60

    @Flag(help: "Skip the 10,000-node RandWire-style DAG.")
    var skipDAG = false

    @Flag(help: "Skip the whole-graph CP-SAT column.")
    var skipExact = false

    @Option(help: ArgumentHelp("Write the peer greedy's split of each public input here, in msr-fiddle's result JSON (for `schedule FILE --split` or the peer's own -computeLatency).", valueName: "dir"))
    var writePeerSplits: String?

    func validate() throws {
        try asUsageError {
            _ = try parseSizes()
            guard seeds >= 1 else { throw InputError.invalidValue(what: "--seeds", value: "\(seeds)", allowed: "at least 1") }
            for (flag, value) in [("--time-limit", timeLimit), ("--exact-time-limit", exactTimeLimit)] where !(value > 0 && value.isFinite) {
                throw InputError.invalidValue(what: flag, value: "\(value)", allowed: "a positive number of seconds")
            }
            try checkPublicFolder(`public`)
        }
    }

    func run() throws {
        try reportingErrors {
            let platform = try BuiltinPlatforms.named("paper-node")
            var table = TextTable("instance", "nodes", "heft", "peft", "greedy", "memory-fill", "contiguous", "split", "split/best list", "split/heft",
                                  "bound", "gap", "split time", "budget", "auto", "peer greedy", "cp-sat")
            var ratios: [String: [Double]] = [:]
            for size in try parseSizes() {
                for model in ["randwire-ws", "randwire-er", "randwire-ba"] {
                    for seed in 1...UInt64(seeds) {
                        let graph = try ModelZoo.build(model, options: ModelOptions(randwireNodes: size, graphSeed: seed))
                        let problem = try SchedulingProblem(graph: graph, platform: platform)
                        let row = try measure(problem, public: false)
                        table.add(["\(model) N=\(size) s\(seed)"] + row.cells)
                        ratios["N=\(size)", default: []].append(row.splitOverHEFT)
                    }
                }
            }
            if !skipDAG {
                let problem = try RandWireStyleDAG.problem(nodes: 10_000, platform: platform, seed: 1)
                table.add(["randwire-style DAG 10k s1"] + (try measure(problem, public: false)).cells)
            }
            var peerRatios: [Double] = []
            for path in publicLatencyInputs(in: `public`) {
                let problem = try loadDevicePlacementProblem(path: path)
                let name = URL(fileURLWithPath: path).deletingLastPathComponent().lastPathComponent + "/" + problem.name
                if let folder = writePeerSplits {
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                    let json = try devicePlacementSplitJSON(PeerLatencyGreedy.split(problem), input: path)
                    try writeOutput(json, to: folder + "/" + name.replacingOccurrences(of: "/", with: "-") + ".split.json")
                }
                let row = try measure(problem, public: true)
                table.add([name] + row.cells)
                peerRatios.append(row.splitOverPeer)
            }
            print("split: default settings, --time-limit \(fixed(timeLimit, 0)) s as its total budget; CP-SAT \(fixed(exactTimeLimit, 0)) s; "
                + "\(ProcessInfo.processInfo.activeProcessorCount) cores\n")
            print(table.rendered)
            print("")
            for key in ratios.keys.sorted(by: { Int($0.dropFirst(2))! < Int($1.dropFirst(2))! }) {
                let r = ratios[key]!
                print("\(key): split / HEFT mean \(fixed(r.reduce(0, +) / Double(r.count), 3)), worst \(fixed(r.max()!, 3)) over \(r.count) graphs")
            }
            if let worst = peerRatios.max() {
                print("public inputs: split / peer greedy worst \(fixed(worst, 3)) over \(peerRatios.count) inputs")
            }
        }
    }

    private struct Row {
        var cells: [String]
        var splitOverHEFT: Double
        var splitOverPeer = Double.nan
    }

    /// One row; `public` adds auto, the peer greedy and (unless --skip-exact) CP-SAT.
    private func measure(_ problem: SchedulingProblem, public isPublic: Bool) throws -> Row {
        let settings = PlanSettings(timeLimit: timeLimit)
        let value = { (choice: SolverChoice) throws -> Double in
            try Planner.plan(problem, choice: choice, settings: settings).plan.makespanSeconds ?? .nan
        }
        let heft = try value(.heft), greedy = try value(.greedy)
        let peft = (try? PEFTSolver().solve(problem, options: SolveOptions()).schedule?.makespan) ?? .nan
        let fill = try MemoryFillSolver().solve(problem, options: SolveOptions()).schedule?.makespan ?? .nan
        let split = try Planner.plan(problem, choice: .split, settings: settings).plan
        let s = split.makespanSeconds ?? .nan
        let contiguous = (try? ContiguousSplitSolver().solve(problem, options: SolveOptions()).schedule?.makespan) ?? .nan
        let bestList = [heft, peft, greedy, fill, contiguous].filter { !$0.isNaN }.min() ?? .nan
        var cpsat = "-", auto = "-", peer = Double.nan
        if isPublic {
            auto = formatSeconds(try value(.auto))
            peer = try PeerLatencyGreedy().solve(problem, options: SolveOptions()).schedule?.makespan ?? .nan
        }
        if isPublic, !skipExact, SolverChoice.exact.isAvailable {
            let plan = try Planner.plan(problem, choice: .exact, settings: PlanSettings(timeLimit: exactTimeLimit)).plan
            cpsat = plan.makespanSeconds.map(formatSeconds) ?? "none"
        }
        return Row(cells: ["\(problem.nodes.count)", formatSeconds(heft), peft.isNaN ? "-" : formatSeconds(peft), formatSeconds(greedy), formatSeconds(fill), contiguous.isNaN ? "-" : formatSeconds(contiguous), formatSeconds(s),
                           fixed(s / bestList, 3), fixed(s / heft, 3), split.lowerBoundSeconds.map(formatSeconds) ?? "-",
                           split.gap.map { fixed($0 * 100, 1) + "%" } ?? "-", formatSeconds(split.solveSeconds),
                           formatSeconds(timeLimit), auto, peer.isNaN ? "-" : formatSeconds(peer), cpsat],
                   splitOverHEFT: s / heft, splitOverPeer: s / peer)
    }

    private func parseSizes() throws -> [Int] {
        try sizes.split(separator: ",").map {
            guard let n = Int($0.trimmingCharacters(in: .whitespaces)), (2...ModelZoo.maximumRandWireNodes).contains(n) else {
                throw InputError.invalidValue(what: "--sizes", value: String($0),
                                              allowed: "comma-separated integers from 2 to \(ModelZoo.maximumRandWireNodes)")
            }
            return n
        }
    }
}

/// The device-placement JSON files under `folder` (searched recursively), sorted; none when
/// `folder` is empty.
func publicLatencyInputs(in folder: String) -> [String] {
    guard !folder.isEmpty, let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
    return walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".json") }.sorted().map { folder + "/" + $0 }
}

/// Checks a `--public` value: a directory, or empty to skip the public inputs.
func checkPublicFolder(_ folder: String) throws {
    var isDirectory: ObjCBool = false
    guard folder.isEmpty || FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) && isDirectory.boolValue else {
        throw InputError.invalidValue(what: "--public", value: folder, allowed: "a directory of device-placement JSON files, or empty to skip them")
    }
}
