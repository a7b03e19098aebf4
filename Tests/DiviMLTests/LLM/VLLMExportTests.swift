import Foundation
import Testing
@testable import DiviML

@Suite("LLM plan export")
struct VLLMExportTests {
    @Test(arguments: ["a100x2-v100x8", "l4-a10g-a100", "uniform-a100"])
    func partitionAndDegrees(clusterName: String) throws {
        let cluster = try BuiltinClusters.named(clusterName)
        for modelName in ["llama-2-13b", "llama-3-8b"] {
            let model = try BuiltinLLMs.named(modelName)
            for objective in LLMObjective.allCases {
                let plan = try LLMPlanner(model: model, cluster: cluster, workload: LLMWorkload(), uniformTensorParallel: true).plan(objective)
                let launches = try VLLMExport.launches(for: plan)
                #expect(launches.count == plan.replicas.count)
                for (launch, replica) in zip(launches, plan.replicas) {
                    let partition = launch.environment["VLLM_PP_LAYER_PARTITION"]!.split(separator: ",").map { Int($0)! }
                    #expect(partition.reduce(0, +) == model.layers)
                    #expect(partition.count == launch.pipelineParallelSize)
                    let gpus = replica.stages.reduce(0) { $0 + $1.spec.tensorParallel }
                    #expect(launch.tensorParallelSize * launch.pipelineParallelSize == gpus)
                    #expect(launch.script.contains("--tensor-parallel-size \(launch.tensorParallelSize)"))
                }
            }
        }
    }

    @Test func mixedDegreesAreRefused() throws {
        let model = try BuiltinLLMs.named("llama-2-70b")
        let cluster = try BuiltinClusters.named("a100x2-v100x8")
        let cost = LLMCostModel(model: model, cluster: cluster, workload: LLMWorkload())
        let replica = try cost.evaluate(pipeline: [StageSpec(serverType: 0, server: 0, tensorParallel: 4, layers: 50),
                                                   StageSpec(serverType: 1, server: 0, tensorParallel: 8, layers: 30)])
        let plan = LLMPlan(model: model, clusterName: cluster.name, workload: LLMWorkload(), objective: .latency,
                           replicas: [replica], stats: nil)
        #expect(throws: LLMPlanError.mixedTensorParallel(degrees: [4, 8])) { try VLLMExport.launches(for: plan) }
    }

    @Test func jsonRoundTrip() throws {
        let plan = try LLMPlanner(model: try BuiltinLLMs.named("llama-2-7b"), cluster: try BuiltinClusters.named("l4-a10g-a100"),
                                  workload: LLMWorkload()).plan(.throughput)
        let data = try plan.jsonData()
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"format\" : \"diviml-llm-plan\\/1\"") || text.contains("\"format\" : \"diviml-llm-plan/1\""))
        #expect(try LLMPlan.decode(data, file: "p.json") == plan)
        #expect(throws: InputError.self) { try LLMPlan.decode(Data("{}".utf8), file: "p.json") }
    }
}
