import Foundation
import Testing
@testable import DiviML

@Suite("Solver library discovery")
struct SolverLibrariesTests {
    @Test("an explicit variable is the only place looked at, file or folder")
    func explicitVariable() {
        let folder = SolverLibraries.candidates(for: .ortools, environment: ["DIVIML_ORTOOLS_LIB": "/tmp"])
        #expect(folder.count == 1 && folder[0].target == "/tmp/\(SolverLibrary.ortools.fileName)" && !folder[0].optional)
        let file = SolverLibraries.candidates(for: .highs, environment: ["DIVIML_HIGHS_LIB": "/x/libhighs.so.1", "DIVIML_SOLVER_LIBS": "/y"])
        #expect(file.map(\.target) == ["/x/libhighs.so.1"])
        let shared = SolverLibraries.candidates(for: .highs, environment: ["DIVIML_SOLVER_LIBS": "/y"])
        #expect(shared.map(\.label) == ["DIVIML_SOLVER_LIBS=/y"])
        let searched = SolverLibraries.candidates(for: .ortools, environment: [:])
        #expect(searched.first?.target == SolverLibrary.ortools.fileName && searched.allSatisfy(\.optional))
    }

    @Test("doctor reports versions and paths, and an explicit folder finds the same files",
          .enabled(if: ExactLibraries.ortools && ExactLibraries.highs, ExactLibraries.missing))
    func doctor() throws {
        let found = SolverLibraries.status()
        #expect(found.allSatisfy { $0.usable })
        let ortools = try #require(found.first { $0.library == .ortools })
        #expect(ortools.version == "OR-Tools \(SolverLibraries.ortoolsPin)")
        #expect(found.first { $0.library == .highs }?.version?.hasPrefix("HiGHS 1.") == true)
        let folder = try #require(ortools.path.map { ($0 as NSString).deletingLastPathComponent })
        let again = SolverLibraries.status(environment: ["DIVIML_SOLVER_LIBS": folder])
        #expect(again.allSatisfy { $0.usable }, "\(again.map(\.problem))")
    }

    @Test("under CI both solver libraries load", .enabled(if: ExactLibraries.required, "CI is not set: a missing library skips the exact-engine tests"))
    func requiredUnderCI() {
        let problems = SolverLibraries.status().compactMap { $0.usable ? nil : $0.problem }
        #expect(ExactLibraries.ortoolsLoads && ExactLibraries.highsLoads, "\(problems)")
    }

    @Test("CP-SAT search log lines give incumbent and bound")
    func logLines() {
        let parsed = CPSATSolver.parseLogLine("#13      1.14s best:37112781 next:[30019771,37112780] scheduling_intervals_lns")
        #expect(parsed?.0 == 37_112_781 && parsed?.1 == 30_019_771)
        let first = CPSATSolver.parseLogLine("#Bound   0.02s best:inf   next:[30019771,536870953] initial_domain")
        #expect(first?.0 == nil && first?.1 == 30_019_771)
        #expect(CPSATSolver.parseLogLine("#Model   0.02s var:143/143 constraints:496/496") == nil)
    }

    @Test("ticks round up, and a tick bound converts to seconds below the true value")
    func ticks() {
        let scale = TickScale(horizonSeconds: 2, roundedTerms: 5)
        #expect(scale.ticks(1e-9) == 1 && scale.ticks(0) == 0)
        #expect(Double(scale.ticks(0.3)) >= 0.3 * scale.ticksPerSecond)
        let proven = Double(scale.ticks(0.3))
        #expect(scale.seconds(bound: proven) < 0.3)
        #expect(scale.seconds(bound: proven) > 0.3 - 6 / scale.ticksPerSecond)
    }

    @Test("a horizon of denormal seconds gives a finite scale: each positive term is one tick")
    func denormalHorizon() {
        let scale = TickScale(horizonSeconds: .leastNonzeroMagnitude * 8, roundedTerms: 8)
        #expect(scale.ticksPerSecond == TickScale.maximumTicksPerSecond)
        #expect(scale.ticks(.leastNonzeroMagnitude) == 1 && scale.ticks(0) == 0)
        #expect(scale.ticks(1) == 1 << 62)
    }
}
