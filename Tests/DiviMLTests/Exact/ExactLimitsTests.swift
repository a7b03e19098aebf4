import Foundation
import Testing
@testable import DiviML
import DiviMLTestSupport

@Suite("Exact engines under a time limit", .enabled(if: ExactLibraries.ortools || ExactLibraries.highs, ExactLibraries.missing))
struct ExactLimitsTests {
    /// A 40-node layered DAG cannot be proven optimal in 0.3 s: whatever the status, the
    /// schedule is valid, no worse than HEFT, and the bound is not above it.
    @Test("a short limit returns the best schedule so far with a valid bound", arguments: availableExactEngines.indices)
    func shortLimit(engine: Int) throws {
        let solver = availableExactEngines[engine]
        let p = try RandomInstances.layered(nodes: 40, platform: BuiltinPlatforms.named("paper-node"), seed: 3)
        let heft = try #require(HEFTSolver().solve(p, options: SolveOptions()).schedule)
        let r = try solver.solve(p, options: SolveOptions(timeLimit: 0.3, seed: 1, workers: 2))
        #expect([SolveStatus.optimal, .feasible, .timeout].contains(r.status), "\(solver.name): \(r.status)")
        let s = try #require(checkLatency(r, p, seed: 3))
        #expect(s.makespan <= heft.makespan * (1 + 1e-9), "\(solver.name): \(s.makespan) worse than HEFT \(heft.makespan)")
        let t = try solver.solveThroughput(p, options: SolveOptions(timeLimit: 0.3, seed: 1, workers: 2))
        let placement = try #require(t.placement)
        let period = PipelineLoad(problem: p, placement: placement).period
        if let lb = t.lowerBound { #expect(lb <= period) }
    }
}

@Suite("MILP model export", .enabled(if: ExactLibraries.highs, ExactLibraries.missing))
struct MILPExportTests {
    @Test("--write-mps and --write-lp write the model with named columns")
    func export() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("diviml-export-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let (mps, lp) = (dir.appendingPathComponent("m.mps").path, dir.appendingPathComponent("m.lp").path)
        let p = try HandBuilt.group(true)
        let r = try MILPSolver(writeMPS: mps, writeLP: lp).solve(p, options: testOptions)
        #expect(r.status == .optimal)
        let mpsText = try String(contentsOfFile: mps, encoding: .utf8)
        #expect(mpsText.contains("ROWS") && mpsText.contains("COLUMNS") && mpsText.contains("makespan"))
        #expect(mpsText.contains("x_0_1") && mpsText.contains("s_1"))
        let lpText = try String(contentsOfFile: lp, encoding: .utf8).lowercased()
        #expect(lpText.contains("min") && lpText.contains("makespan") && lpText.contains("bin"))
        #expect(throws: MILPExportError.self) {
            try MILPSolver(writeMPS: "/nonexistent-dir/m.mps").solve(p, options: testOptions)
        }
    }
}

@Suite("Exact engines with a relative gap", .enabled(if: ExactLibraries.ortools || ExactLibraries.highs, ExactLibraries.missing))
struct ExactGapTests {
    /// Stopping at a 20% gap (both engines measure it as (incumbent − bound) / incumbent):
    /// `optimal` only when the bound meets the makespan; otherwise `feasible` (gap reached,
    /// at most 20%) or `timeout`.
    @Test("a gap limit is reported as feasible with the gap it reached")
    func gapLimit() throws {
        let p = try RandomInstances.layered(nodes: 30, platform: BuiltinPlatforms.named("paper-node"), seed: 2)
        let engines: [any LatencySolver] = (ExactLibraries.ortools ? [CPSATSolver(relativeGap: 0.2)] : [])
            + (ExactLibraries.highs ? [MILPSolver(relativeGap: 0.2)] : [])
        for solver in engines {
            let r = try solver.solve(p, options: SolveOptions(timeLimit: 10, seed: 1, workers: 2))
            let s = try #require(checkLatency(r, p, seed: 2))
            let lb = try #require(r.lowerBound, "\(solver.name): \(r.status)")
            let gap = (s.makespan - lb) / s.makespan
            switch r.status {
            case .optimal: #expect(gap <= 1e-5, "\(solver.name): optimal with gap \(gap)")
            case .feasible: #expect(gap <= 0.2 + 1e-6, "\(solver.name): gap \(gap)")
            case .timeout: break
            default: Issue.record("\(solver.name): \(r.status)")
            }
        }
    }
}
