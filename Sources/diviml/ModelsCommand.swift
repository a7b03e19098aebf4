import ArgumentParser
import CommandSupport
import DiviML

struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models", abstract: "List the built-in models with their size and work.")

    @Option(help: "Batch size the figures are computed at.")
    var batch: Int = 1

    func run() throws {
        try reportingErrors {
            var table = TextTable("model", "nodes", "edges", "GFLOPs", "params", "description")
            for entry in ModelZoo.catalog {
                let summary = ModelSummary(try ModelZoo.build(entry.name, options: ModelOptions(batch: batch)))
                table.add(entry.name, "\(summary.nodes)", "\(summary.edges)", fixed(summary.flops / 1e9),
                          formatBytes(summary.paramBytes), entry.summary)
            }
            print(table.rendered)
            print("GFLOPs count a multiply-add as 2, at batch \(batch); RandWire at N=32, seed 1 (--nodes, --graph-seed).")
        }
    }
}

struct PlatformsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "platforms", abstract: "List the built-in platforms, or print one as YAML to start a file from.")

    @Option(help: "Print a platform: a built-in one's YAML (with the source of every number), or a YAML/JSON platform file as written, once it loads.")
    var show: String?

    func run() throws {
        try reportingErrors {
            if let name = show {
                // local-cpu:N is read from the machine (and nvidia-smi) once, for its YAML.
                if LocalCPUPlatform.matches(name) {
                    print(try LocalCPUPlatform.yaml(named: name), terminator: "")
                    return
                }
                _ = try BuiltinPlatforms.resolve(name)
                if let entry = BuiltinPlatforms.all.first(where: { $0.name == name }) {
                    print(entry.yaml)
                } else {
                    let text = try readTextFile(name)
                    print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
                }
                return
            }
            var table = TextTable("platform", "devices", "summary")
            for entry in BuiltinPlatforms.all {
                let p = try BuiltinPlatforms.named(entry.name)
                table.add(entry.name, p.devices.map(\.name).joined(separator: ", "), p.summary)
            }
            let machine = MachineFacts.current
            let gpus = machine.gpus.map { "cuda\($0.ordinal)" }
            table.add("local-cpu:N", (["w0 … w(N-1)"] + gpus).joined(separator: ", "),
                      "N = 1…\(machine.cores) workers on this machine's CPU, one ONNX Runtime session each (diviml run)"
                        + (gpus.isEmpty ? "" : ", and its GPU(s) on CUDAExecutionProvider"))
            print(table.rendered)
        }
    }
}
