import Foundation
import Testing
@testable import DiviML

/// The GPUs of `local-cpu:N`: read from nvidia-smi's CSV as CUDA shows them, written as
/// devices run by the CUDA provider, and that provider carried to `diviml run`.
@Suite("local-cpu:N with GPUs")
struct LocalGPUTests {
    /// `nvidia-smi --query-gpu=index,uuid,name,memory.total,pcie.link.gen.max,pcie.link.width.max
    /// --format=csv,noheader,nounits` on a two-GPU machine.
    static let smi = """
    0, GPU-1111aaaa-0000-0000-0000-000000000000, NVIDIA H100 80GB HBM3, 81559, 5, 16
    1, GPU-2222bbbb-0000-0000-0000-000000000000, Tesla T4, 15360, [N/A], [N/A]
    """

    @Test("every GPU in index order when CUDA_VISIBLE_DEVICES is unset; memory in MiB; PCIe link when reported")
    func all() {
        let gpus = GPUFacts.parse(nvidiaSMI: Self.smi, visible: nil)
        #expect(gpus.map(\.ordinal) == [0, 1])
        #expect(gpus.map(\.name) == ["NVIDIA H100 80GB HBM3", "Tesla T4"])
        #expect(gpus[0].memoryBytes == 81559 << 20)
        #expect(gpus[0].pcieGeneration == 5 && gpus[0].pcieLanes == 16)
        #expect(gpus[0].pcieBandwidth == 3.938e9 * 16)
        #expect(gpus[1].pcieGeneration == nil && gpus[1].pcieBandwidth == 0.985e9 * 16, "PCIe 3.0 x16 when nvidia-smi reports no link")
    }

    @Test("CUDA_VISIBLE_DEVICES picks and renumbers GPUs by index or UUID prefix, and ends at the first entry naming none",
          arguments: [("1", ["Tesla T4"]), ("1,0", ["Tesla T4", "NVIDIA H100 80GB HBM3"]), ("GPU-2222", ["Tesla T4"]),
                      ("0,7,1", ["NVIDIA H100 80GB HBM3"]), ("", []), ("-1", []), ("0,0", ["NVIDIA H100 80GB HBM3"])])
    func visible(entry: String, names: [String]) {
        let gpus = GPUFacts.parse(nvidiaSMI: Self.smi, visible: entry)
        #expect(gpus.map(\.name) == names)
        #expect(gpus.map(\.ordinal) == Array(names.indices))
    }

    @Test("lines that are not six fields with a numeric index and memory are skipped; names keep only plain characters")
    func hostile() {
        let text = """
        garbage
        x, GPU-1, Bad, 100, 4, 16
        2, GPU-3, "Quoted: #GPU" \\, 2048, 4, 16
        3, GPU-4, Broken, many, 4, 16
        4, GPU-5, Zero, 0, 4, 16
        5, GPU-6, Odd link, 1024, 9, 3
        """
        let gpus = GPUFacts.parse(nvidiaSMI: text, visible: nil)
        #expect(gpus.map(\.name) == ["Quoted GPU", "Odd link"])
        #expect(gpus[1].pcieGeneration == nil && gpus[1].pcieLanes == nil)
    }

    @Test("data sheets: H100 PCIe before H100, A100 by memory, L40S is not an L4, unknown models have none")
    func dataSheets() {
        #expect(GPUDataSheet.matching(name: "NVIDIA H100 PCIe", memoryBytes: 80 << 30)?.fp32 == 51e12)
        #expect(GPUDataSheet.matching(name: "NVIDIA H100 80GB HBM3", memoryBytes: 80 << 30)?.bandwidth == 3.35e12)
        #expect(GPUDataSheet.matching(name: "NVIDIA A100-SXM4-40GB", memoryBytes: 40 << 30)?.bandwidth == 1.555e12)
        #expect(GPUDataSheet.matching(name: "NVIDIA A100-SXM4-80GB", memoryBytes: 80 << 30)?.bandwidth == 2.039e12)
        #expect(GPUDataSheet.matching(name: "NVIDIA L40S", memoryBytes: 48 << 30) == nil)
        #expect(GPUDataSheet.matching(name: "NVIDIA GeForce RTX 4090", memoryBytes: 24 << 30) == nil)
    }

    @Test("a GPU is device cudaK of kind gpu, run by CUDAExecutionProvider:K, linked to every worker; two GPUs meet through the host")
    func platform() throws {
        var facts = LocalCPUPlatformTests.facts
        facts.gpus = GPUFacts.parse(nvidiaSMI: Self.smi, visible: nil)
        let p = try LocalCPUPlatform.platform(named: "local-cpu:2", facts: facts)
        #expect(p.devices.map(\.name) == ["w0", "w1", "cuda0", "cuda1"])
        #expect(p.devices.map(\.kind) == [.cpu, .cpu, .gpu, .gpu])
        #expect(p.providers == ["cuda0": "CUDAExecutionProvider:0", "cuda1": "CUDAExecutionProvider:1"])
        #expect(p.devices[2].memoryBytes == 81559 << 20 && p.devices[2].peakFlops["fp32"] == 67e12)
        #expect(p.devices[3].peakFlops["fp32"] == 8.1e12)
        #expect(abs(p.latency[0][2] - 10e-6) < 1e-12 && p.bandwidth[1][2] == (3.938e9 * 16).rounded(.down))
        #expect(abs(p.latency[2][3] - 20e-6) < 1e-12, "GPU to GPU: through the host w0, two PCIe hops")
        #expect(p.summary.contains("cuda0 (NVIDIA H100 80GB HBM3)"))
        let cpuOnly = try LocalCPUPlatform.platform(named: "local-cpu:2", facts: LocalCPUPlatformTests.facts)
        #expect(cpuOnly.providers.isEmpty && cpuOnly.devices.count == 2)
    }

    @Test("the CLI reads nvidia-smi from the PATH: platforms, schedule's plan and doctor show the GPU; CUDA_VISIBLE_DEVICES= hides it")
    func fromTheMachine() throws {
        let bin = try RunProfileCLITests.folder("fake-nvidia-smi")
        defer { try? FileManager.default.removeItem(at: bin) }
        let smi = bin.appendingPathComponent("nvidia-smi")
        try "#!/bin/sh\necho '0, GPU-1111aaaa, NVIDIA H100 80GB HBM3, 81559, 5, 16'\n".write(to: smi, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: smi.path)
        let path = bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let shown = try RunProfileCLITests.diviml(["platforms", "--show", "local-cpu:1"], environment: ["PATH": path])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("name: cuda0") && shown.stdout.contains("provider: CUDAExecutionProvider:0"), "\(shown.stdout)")
        let plan = bin.appendingPathComponent("plan.json").path
        let scheduled = try RunProfileCLITests.diviml(["schedule", "resnet18", "--platform", "local-cpu:1", "--solver", "heft", "--out", plan],
                                                      environment: ["PATH": path])
        #expect(scheduled.status == 0, "\(scheduled.stderr)")
        let written = try JSONDecoder().decode(Plan.self, from: Data(contentsOf: URL(fileURLWithPath: plan)))
        #expect(written.devices == ["w0", "cuda0"] && written.providers == ["cuda0": "CUDAExecutionProvider:0"])
        let doctor = try RunProfileCLITests.diviml(["doctor"], environment: ["PATH": path])
        #expect(doctor.stdout.contains("GPU cuda0: NVIDIA H100 80GB HBM3"), "\(doctor.stdout)")
        let hidden = try RunProfileCLITests.diviml(["platforms", "--show", "local-cpu:1"], environment: ["PATH": path, "CUDA_VISIBLE_DEVICES": ""])
        #expect(hidden.status == 0 && !hidden.stdout.contains("cuda0"), "\(hidden.stdout)")
    }

    @Test("a child that outlives its timeout is terminated, so a hung nvidia-smi cannot hang the planner")
    func childTimeout() throws {
        let result = try ChildCommand.run("/bin/sleep", ["30"], timeout: 0.2)
        #expect(result.status != 0, "sleep 30 ran to its end")
        #expect(try ChildCommand.run("/bin/sh", ["-c", "echo ok"], timeout: 30).stdout == "ok\n")
    }

    @Test("a GPU the data-sheet table lacks gets assumed figures and says so")
    func unknownModel() throws {
        var facts = LocalCPUPlatformTests.facts
        facts.gpus = [GPUFacts(ordinal: 0, name: "NVIDIA Future 9", memoryBytes: 1 << 34)]
        let yaml = try LocalCPUPlatform.yaml(named: "local-cpu:1", facts: facts)
        #expect(yaml.contains("NVIDIA Future 9: not in the data-sheet table, peak figures assumed"))
        let p = try Platform.parse(yaml, file: "t")
        #expect(p.devices[1].peakFlops == ["fp32": 10e12] && p.devices[1].memoryBytes == 1 << 34)
    }
}

@Suite("a device's execution provider")
struct DeviceProviderTests {
    static func platform(provider: String) -> String {
        """
        name: t
        host: cpu
        devices:
          - {name: cpu, kind: cpu, memory: 1 GiB, peakFlops: {fp32: 1 TFLOPS}, memoryBandwidth: 10 GB/s, launchOverhead: 1 us}
          - {name: gpu, kind: gpu, memory: 1 GiB, peakFlops: {fp32: 1 TFLOPS}, memoryBandwidth: 10 GB/s, launchOverhead: 1 us, provider: "\(provider)"}
        links:
          - {between: [cpu, gpu], latency: 1 us, bandwidth: 1 GB/s}
        """
    }

    @Test("a platform file may name a device's provider", arguments: ["CUDAExecutionProvider", "CUDAExecutionProvider:1", "ROCMExecutionProvider:0"])
    func valid(provider: String) throws {
        let p = try Platform.parse(Self.platform(provider: provider), file: "p.yaml")
        #expect(p.providers == ["gpu": provider])
        #expect(p.devices[0].provider == nil)
    }

    @Test("a provider that is not EP[:id] is an input error naming the device's path",
          arguments: ["CUDA", "CUDAExecutionProvider:", "CUDAExecutionProvider:x", "CUDAExecutionProvider:1:2", "Bad Name ExecutionProvider", "-1"])
    func invalid(provider: String) {
        let error = #expect(throws: InputError.self) { try Platform.parse(Self.platform(provider: provider), file: "p.yaml") }
        #expect(error.map { "\($0)" }?.contains("devices[1].provider") == true, "\(String(describing: error))")
    }

    @Test("--provider overrides the platform's provider; the platform's serves the devices no option names")
    func defaults() throws {
        let devices = ["w0", "cuda0"]
        let platform = ["cuda0": "CUDAExecutionProvider:0"]
        let m = try ProviderMapping(options: [], devices: devices, planFile: "plan.json", defaults: platform)
        #expect(m.providers == ["w0": "CPUExecutionProvider", "cuda0": "CUDAExecutionProvider:0"])
        let overridden = try ProviderMapping(options: ["cuda0=CPUExecutionProvider"], devices: devices, planFile: "plan.json", defaults: platform)
        #expect(overridden.providers["cuda0"] == "CPUExecutionProvider")
    }

    @Test("a plan's providers that name no device or are not EP[:id] are input errors naming the plan file",
          arguments: [["tpu": "CPUExecutionProvider"], ["cuda0": "CUDA"], ["cuda0": "CUDAExecutionProvider:-1"]])
    func badDefaults(defaults: [String: String]) {
        let error = #expect(throws: InputError.self) {
            try ProviderMapping(options: [], devices: ["w0", "cuda0"], planFile: "plan.json", defaults: defaults)
        }
        #expect(error.map { "\($0)" }?.contains("plan.json") == true, "\(String(describing: error))")
    }
}
