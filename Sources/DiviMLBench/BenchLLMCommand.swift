import ArgumentParser
import CommandSupport
import DiviML
import DiviMLTestSupport
import Foundation

/// `diviml bench llm`: the LLM planner against its baselines on every built-in model and
/// cluster, and against the search with symmetry off on small instances. Prints Markdown.
struct BenchLLMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "llm",
        abstract: "Benchmark the LLM planner: every built-in model x cluster, three objectives, vs baselines and brute force.")

    @OptionGroup var workloadOptions: LLMWorkloadArguments

    @Option(name: .customLong("brute-force-limit"), help: "Largest full space the symmetry-off search may enumerate.")
    var bruteForceLimit: Double = 3e6

    func run() throws {
        let workload = workloadOptions.workload
        try workload.validate()
        print("## Every built-in model x cluster (batch \(workload.batch), prompt \(workload.promptLength), generate \(workload.generateTokens))\n")
        print(try mainTable(workload).markdown + "\n")
        print("## Symmetry off (brute force over every labelled plan) vs on, small instances\n")
        print(try symmetryTable(workload).markdown)
    }

    /// The objective's figure with its unit.
    static func figure(_ plan: LLMPlan) -> String {
        switch plan.objective {
        case .latency: return llmSeconds(plan.perTokenSeconds)
        case .prefill: return llmSeconds(plan.prefillSeconds)
        case .throughput: return String(format: "%.0f tok/s", plan.tokensPerSecond)
        }
    }

    /// The replicas' stage degrees, identical replicas counted: `2 x (4+4) + 1 x (8)`.
    static func shape(_ plan: LLMPlan) -> String {
        var order: [String] = []
        var counts: [String: Int] = [:]
        for replica in plan.replicas {
            let key = "(" + replica.stages.map { "\($0.spec.tensorParallel)" }.joined(separator: "+") + ")"
            if counts[key] == nil { order.append(key) }
            counts[key, default: 0] += 1
        }
        return order.map { "\(counts[$0]!) x \($0)" }.joined(separator: " + ")
    }

    /// How much better `plan` is than `other` on the objective, as a factor (>1 is better).
    static func gain(_ plan: LLMPlan, over other: LLMPlan) -> String {
        let ratio = plan.objective == .throughput ? plan.tokensPerSecond / other.tokensPerSecond : other.objectiveCost / plan.objectiveCost
        return String(format: "%.2fx", ratio)
    }

    func mainTable(_ workload: LLMWorkload) throws -> LLMTable {
        var table = LLMTable(header: ["model", "cluster", "objective", "optimum", "replicas x (TP per stage)", "uniform split", "gain",
                                      "best single type", "gain", "full space", "scored", "solve"])
        for (modelName, _) in BuiltinLLMs.all {
            let model = try BuiltinLLMs.named(modelName)
            for (clusterName, _) in BuiltinClusters.all {
                let cluster = try BuiltinClusters.named(clusterName)
                for objective in LLMObjective.allCases {
                    guard let plan = try? LLMPlanner(model: model, cluster: cluster, workload: workload).plan(objective) else {
                        table.rows.append(["`\(modelName)`", clusterName, objective.rawValue, "does not fit", "", "", "", "", "", "", "", ""])
                        break
                    }
                    table.rows.append(row(plan, model, cluster, workload))
                }
            }
        }
        return table
    }

    private func row(_ plan: LLMPlan, _ model: TransformerConfig, _ cluster: Cluster, _ workload: LLMWorkload) -> [String] {
        var cells = ["`\(model.name)`", cluster.name, plan.objective.rawValue, Self.figure(plan), Self.shape(plan)]
        do {
            let uniform = try LLMBaselines.uniformSplit(model: model, cluster: cluster, workload: workload, objective: plan.objective)
            cells += [Self.figure(uniform), Self.gain(plan, over: uniform)]
        } catch let error as LLMPlanError {
            if case let .stageOutOfMemory(stage, _, _, _, _, needed, capacity) = error {
                cells += ["OOM stage \(stage) (-\(llmGiB(needed - capacity)))", "-"]
            } else {
                cells += ["\(error)", "-"]
            }
        } catch {
            cells += ["\(error)", "-"]
        }
        if let homogeneous = LLMBaselines.bestHomogeneous(model: model, cluster: cluster, workload: workload, objective: plan.objective) {
            cells += [Self.figure(homogeneous.plan) + " (\(homogeneous.serverType))", Self.gain(plan, over: homogeneous.plan)]
        } else {
            cells += ["no single type fits", "-"]
        }
        let stats = plan.stats!
        return cells + [llmCount(stats.fullSpace), llmCount(stats.reducedSpace), llmSeconds(stats.solveSeconds)]
    }

    func symmetryTable(_ workload: LLMWorkload) throws -> LLMTable {
        var table = LLMTable(header: ["instance", "objective", "full space", "brute force", "time", "reduced scored", "reduced", "time", "same optimum"])
        let base = try BuiltinLLMs.named("llama-2-7b")
        let instances: [(String, Int, Cluster)] = [
            ("l4-a10g-a100", 4, try BuiltinClusters.named("l4-a10g-a100")),
            ("l4-a10g-a100", 6, try BuiltinClusters.named("l4-a10g-a100")),
            ("a10g + a100 servers", 8, try BuiltinClusters.named("l4-a10g-a100").restricted(to: [1, 2])),
        ]
        for (name, layers, cluster) in instances {
            var model = base
            model.layers = layers
            model.name = "llama-2-7b/\(layers) layers"
            for objective in LLMObjective.allCases {
                let brute = BruteForceSearch(model: model, cluster: cluster, workload: workload, limit: bruteForceLimit)
                let reduced = try LLMPlanner(model: model, cluster: cluster, workload: workload).plan(objective)
                let instance = "\(model.name) on \(name)"
                guard let (full, enumerated) = try? brute.plan(objective) else {
                    table.rows.append([instance, objective.rawValue, llmCount(reduced.stats!.fullSpace), "over limit", "-",
                                       llmCount(reduced.stats!.reducedSpace), Self.figure(reduced), llmSeconds(reduced.stats!.solveSeconds), "-"])
                    continue
                }
                let same = abs(full.objectiveCost - reduced.objectiveCost) <= 1e-9 * abs(full.objectiveCost)
                table.rows.append([instance, objective.rawValue, llmCount(full.stats!.fullSpace),
                                   Self.figure(full) + " (\(enumerated) plans)", llmSeconds(full.stats!.solveSeconds),
                                   llmCount(reduced.stats!.reducedSpace), Self.figure(reduced),
                                   llmSeconds(reduced.stats!.solveSeconds), same ? "yes" : "NO"])
            }
        }
        return table
    }
}

extension LLMTable {
    /// The table as GitHub Markdown.
    var markdown: String {
        let lines = [header] + [header.map { _ in "---" }] + rows
        return lines.map { "| " + $0.joined(separator: " | ") + " |" }.joined(separator: "\n")
    }
}
