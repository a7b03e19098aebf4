import ArgumentParser
import CommandSupport
import DiviML
import Foundation

/// The `--objective` values.
enum LLMObjectiveOption: String, ExpressibleByArgument, CaseIterable {
    case latency, throughput, prefill

    var objective: LLMObjective { LLMObjective(rawValue: rawValue)! }
}

/// `diviml llm MODEL --cluster C`: how to serve a large language model on these servers,
/// and how fast it will be.
struct LLMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "llm",
        abstract: "Plan serving a large language model on several heterogeneous servers (tensor + pipeline parallel, replicas).",
        discussion: """
        MODEL and --cluster take a built-in name (see --list-models, --list-clusters) or a YAML/JSON file.
        The search is exact over every stage layout, exploiting identical GPUs, servers and layers.
        """)

    @Argument(help: "Built-in model name or a YAML/JSON model file (Hugging Face config.json works).")
    var model: String?

    @Option(help: "Built-in cluster name or a YAML/JSON cluster file.")
    var cluster: String?

    @Option(help: "What to optimise: latency (per-token decode), throughput (tokens/s), prefill.")
    var objective: LLMObjectiveOption = .latency

    @OptionGroup var workloadOptions: LLMWorkloadArguments

    @Flag(name: .customLong("uniform-tp"), help: "One tensor-parallel degree for every stage (what vLLM can launch).")
    var uniformTP = false

    @Flag(help: "Also show the baselines: uniform split over all GPUs, best single server type.")
    var baselines = false

    @Option(help: "Write the plan as JSON (diviml-llm-plan/1) to this file.")
    var out: String?

    @Option(name: .customLong("vllm-env"), help: "Write the vLLM launch script (VLLM_PP_LAYER_PARTITION and flags) to this file instead of printing it.")
    var vllmEnv: String?

    @Flag(name: .customLong("list-models"), help: "List the built-in models.")
    var listModels = false

    @Flag(name: .customLong("list-clusters"), help: "List the built-in clusters.")
    var listClusters = false

    func validate() throws {
        if listModels || listClusters { return }
        guard model != nil else { throw ValidationError("give a MODEL (a built-in name or a file), or --list-models") }
        guard cluster != nil else { throw ValidationError("give --cluster (a built-in name or a file), or --list-clusters") }
    }

    func run() throws {
        try reportingErrors {
            if listModels { print(Self.modelList()) }
            if listClusters { print(try Self.clusterList()) }
            guard let modelName = model, let clusterName = cluster else { return }
            let config = try BuiltinLLMs.resolve(modelName)
            let machines = try BuiltinClusters.resolve(clusterName)
            let workload = workloadOptions.workload
            try workload.validate()
            let planner = LLMPlanner(model: config, cluster: machines, workload: workload, uniformTensorParallel: uniformTP)
            let plan = try planner.plan(objective.objective)
            print("\(config.name) on \(machines.name)\n")
            print(LLMReport.stages(plan) + "\n")
            print(LLMReport.summary(plan))
            if baselines { print("\n" + Self.baselineLines(config, machines, workload, objective.objective)) }
            if let out {
                try writeOutput(try plan.jsonData(), to: out)
                print("\nplan written to \(out)")
            }
            try exportVLLM(plan)
        }
    }

    private func exportVLLM(_ plan: LLMPlan) throws {
        do {
            let script = try VLLMExport.script(for: plan)
            if let vllmEnv {
                try writeOutput(Data(script.utf8), to: vllmEnv)
                print("vLLM launch script written to \(vllmEnv)")
            } else {
                print("\nvLLM:\n" + script, terminator: "")
            }
        } catch let error as LLMPlanError {
            if vllmEnv != nil { throw error }
            print("\nvLLM: \(error)")
        }
    }

    static func baselineLines(_ model: TransformerConfig, _ cluster: Cluster, _ workload: LLMWorkload, _ objective: LLMObjective) -> String {
        var table = LLMTable(header: ["plan", "prefill", "per-token", "tokens/s", "note"])
        func row(_ name: String, _ plan: LLMPlan, _ note: String) {
            table.rows.append([name, llmSeconds(plan.prefillSeconds), llmSeconds(plan.perTokenSeconds),
                               String(format: "%.1f", plan.tokensPerSecond), note])
        }
        do {
            row("uniform split, all GPUs", try LLMBaselines.uniformSplit(model: model, cluster: cluster, workload: workload, objective: objective), "")
        } catch {
            table.rows.append(["uniform split, all GPUs", "-", "-", "-", "does not fit: \(error)"])
        }
        if let best = LLMBaselines.bestHomogeneous(model: model, cluster: cluster, workload: workload, objective: objective) {
            row("best single server type", best.plan, best.serverType)
        } else {
            table.rows.append(["best single server type", "-", "-", "-", "no server type holds the model alone"])
        }
        return table.text
    }

    static func modelList() -> String {
        var table = LLMTable(header: ["model", "layers", "hidden", "heads", "kv heads", "ffn", "vocab", "dtype", "params"])
        for (name, _) in BuiltinLLMs.all {
            guard let m = try? BuiltinLLMs.named(name) else { continue }
            table.rows.append([name, "\(m.layers)", "\(m.hiddenSize)", "\(m.attentionHeads)", "\(m.kvHeads)", "\(m.ffnSize)",
                               "\(m.vocabSize)", m.dtype, String(format: "%.1fB", m.totalParameters / 1e9)])
        }
        return table.text
    }

    static func clusterList() throws -> String {
        var table = LLMTable(header: ["cluster", "GPUs", "servers", "summary"])
        for (name, _) in BuiltinClusters.all {
            let c = try BuiltinClusters.named(name)
            let servers = c.serverTypes.map { "\($0.count)x(\($0.gpusPerServer)x \($0.gpu.name))" }.joined(separator: " + ")
            table.rows.append([name, "\(c.gpuCount)", servers, c.summary])
        }
        return table.text
    }
}
