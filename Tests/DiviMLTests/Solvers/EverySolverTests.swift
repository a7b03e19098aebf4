import Foundation
import Testing
@testable import DiviML
import DiviMLTestSupport

/// Every solver a user can choose, and every combinator, on one shared table of instances:
/// each schedule passes the validator and is never below the plan's lower bound; on the
/// tiny instances, never below the brute-force optimum either.
@Suite("Every solver on one instance table")
struct EverySolverTests {
    /// Small instances that exercise every rule: a published example, seeded random DAGs with
    /// memory that binds, colocation groups, disallowed devices, zero-cost nodes, release and
    /// device-ready times, and a zoo model with host I/O.
    static let instances: [(name: String, problem: SchedulingProblem, tiny: Bool)] = {
        var list: [(String, SchedulingProblem, Bool)] = []
        list.append(("heft-paper", try! TestInstances.fixture("heft-paper.json"), false))
        for seed in UInt64(1)...3 { list.append(("tiny seed \(seed)", RandomInstances.tiny(nodes: 6, devices: 3, seed: seed), true)) }
        var free = RandomInstances.TinyOptions()
        free.constrained = false
        free.context = false
        list.append(("tiny unconstrained", RandomInstances.tiny(nodes: 7, devices: 2, seed: 9, options: free), true))
        list.append(("squeezenet1.1 on paper-node", try! SchedulingProblem(graph: try! ModelZoo.build("squeezenet1.1"),
                                                                            platform: try! BuiltinPlatforms.named("paper-node")), false))
        return list
    }()

    static let settings = PlanSettings(timeLimit: 2, moduleTimeLimit: 0.2)

    /// Choices that can run here; the exact engines only where their libraries load (under
    /// CI they must: `ExactLibraries.required`).
    static var choices: [SolverChoice] {
        SolverChoice.allCases.filter { !$0.needsExactEngine || ExactLibraries.ortoolsLoads || ExactLibraries.required }
    }

    @Test(arguments: Plan.Objective.allCases)
    func everyChoiceGivesValidPlansAboveTheirBound(objective: Plan.Objective) throws {
        var settings = Self.settings
        settings.objective = objective
        for choice in Self.choices {
            for instance in Self.instances {
                let label = "\(choice.rawValue) on \(instance.name), \(objective.rawValue)"
                let outcome: Planner.Outcome
                do {
                    outcome = try Planner.plan(instance.problem, choice: choice, settings: settings)
                } catch is HeuristicDeadEnd {
                    continue  // a list scheduler may paint itself into a memory corner; that is reported, not wrong
                } catch let error as Planner.NoPlan where choice == .single {
                    #expect(error.status.word == "infeasible", "\(label)")  // no device holds the whole model
                    continue
                }
                #expect(!outcome.passes.isEmpty, "\(label)")
                for pass in outcome.passes {
                    #expect(Validator.violations(of: pass, for: instance.problem).isEmpty, "\(label)")
                }
                let value = try #require(objective == .latency ? outcome.plan.makespanSeconds : outcome.plan.periodSeconds, "\(label)")
                let bound = try #require(outcome.plan.lowerBoundSeconds, "\(label)")
                #expect(bound <= value * (1 + 1e-9), "\(label): bound \(bound) above \(value)")
                #expect(outcome.plan.lowerBoundSource != nil, "\(label)")
                if instance.tiny && objective == .latency, let optimum = BruteForce.latency(instance.problem)?.makespan {
                    #expect(optimum <= value * (1 + 1e-9), "\(label): below the optimum \(optimum)")
                }
            }
        }
    }

    @Test func combinatorsGiveValidSchedules() throws {
        let options = SolveOptions(timeLimit: 2)
        let members: [any LatencySolver] = [HEFTSolver(), GreedySolver(), FastestSingleDeviceSolver()]
        for instance in Self.instances {
            let p = instance.problem
            let solvers: [any LatencySolver] = [
                BestOfSolver(name: "best-of", members: members),
                BestFeasibleSolver(name: "best-feasible", members: members + [WholeOnOneDeviceSolver()]),
                MemoryFillSolver(),
                ContiguousSplitSolver(),
                PEFTSolver(),
                ThroughputFloorSolver(base: HEFTSolver(), minRate: 1e-9, targetText: "a floor every plan meets"),
            ]
            for solver in solvers {
                guard let schedule = try? solver.solve(p, options: options).schedule else { continue }
                #expect(Validator.violations(of: schedule, for: p).isEmpty, "\(solver.name) on \(instance.name)")
            }
        }
    }

    @Test func modulesAreReportedOnlyWhenTheyMadeTheSchedule() throws {
        let small = try TestInstances.fixture("heft-paper.json")
        let heft = try Planner.plan(small, choice: .heft, settings: Self.settings)
        #expect(heft.moduleMarkers.isEmpty)
        let big = try SchedulingProblem(graph: try ModelZoo.build("googlenet"), platform: try BuiltinPlatforms.named("paper-node"))
        var settings = Self.settings
        settings.minModule = 4
        settings.maxModule = 12
        let split = try Planner.plan(big, choice: .split, settings: settings)
        let cuts = split.plan.notes?.first { $0.contains(" modules of ") }
        #expect(cuts != nil)
        #expect(!split.moduleMarkers.isEmpty)
        #expect(split.moduleMarkers.allSatisfy { $0.time <= split.schedule.makespan + 1e-12 })
    }
}
