import Foundation

/// `local-cpu:N`: N workers on the CPU cores of the machine the tool runs on, each one ONNX
/// Runtime session with one intra-op thread (what `diviml run` executes), so that profile,
/// schedule and run close the loop on a laptop; and every NVIDIA GPU the machine shows
/// (`nvidia-smi`, `CUDA_VISIBLE_DEVICES`) as device `cudaK`, run by ONNX Runtime's
/// `CUDAExecutionProvider:K` (the device's `provider`).
///
/// Every figure is read from the machine (`MachineFacts`): memory is the machine's total
/// split evenly over the workers (they share it); the peak FLOP/s of one worker is one core's
/// vector units at the reported clock; a GPU's memory and PCIe link come from nvidia-smi,
/// its peak figures from its data sheet (`GPUDataSheet`). The roofline figures are a
/// fallback only: schedule with costs measured by `diviml profile` on this platform.
public enum LocalCPUPlatform {
    /// The name prefix: `local-cpu:2`.
    public static let prefix = "local-cpu:"

    /// Whether `name` asks for this platform (valid or not).
    public static func matches(_ name: String) -> Bool { name.hasPrefix(prefix) }

    /// The worker count of `name`.
    /// - Throws: `InputError.invalidValue` unless N is an integer from 1 to the machine's cores.
    public static func workers(in name: String, cores: Int) throws -> Int {
        let text = name.dropFirst(prefix.count)
        guard let n = Int(text), n >= 1, n <= cores else {
            throw InputError.invalidValue(
                what: "the worker count of platform '\(name)'", value: "'\(text)'",
                allowed: "an integer from 1 to \(cores) (this machine's CPU cores), as in local-cpu:\(min(2, cores))")
        }
        return n
    }

    /// The platform `name` on the machine described by `facts`.
    /// - Throws: `InputError.invalidValue` for a bad worker count.
    public static func platform(named name: String, facts: MachineFacts = .current) throws -> Platform {
        try Platform.parse(yaml(named: name, facts: facts), file: "built-in platform '\(name)'")
    }

    /// The YAML of `name` (what `diviml platforms --show local-cpu:N` prints), every number
    /// with where it came from.
    /// - Complexity: O(N).
    public static func yaml(named name: String, facts: MachineFacts = .current) throws -> String {
        let n = try workers(in: name, cores: facts.cores)
        let memory = facts.memoryBytes / Int64(n)
        let flops = facts.coreFlops
        let gpus = facts.gpus.isEmpty ? "" : " + " + facts.gpus.map { "cuda\($0.ordinal) (\($0.name))" }.joined(separator: ", ")
        var text = """
        name: \(name)
        summary: "\(n) worker(s) on this machine's CPU (\(facts.cpuModel), \(facts.cores) cores): one ONNX Runtime session each, one intra-op thread\(gpus)"
        host: w0
        devices:

        """
        for w in 0..<n {
            text += """
              - name: w\(w)
                kind: cpu
                memory: \(memory) B          # MemTotal of /proc/meminfo (\(facts.memoryBytes) B) / \(n) worker(s)
                # one core: \(facts.fmaUnits) FMA unit(s) x \(facts.simdLanes) fp32 lanes (/proc/cpuinfo flags) x 2 FLOP x \(facts.gigahertz) GHz (cpu MHz)
                peakFlops: {fp32: \(flops) FLOPS}
                memoryBandwidth: \(Self.coreBandwidth) B/s  # assumed: one core streams about 10 GB/s; measure with diviml profile
                launchOverhead: 10 us      # ONNX Runtime per-node dispatch on CPU, order of 10 us
                computeEfficiency: 0.4
                memoryEfficiency: 0.7
                source: "read from this machine by diviml (local-cpu); the roofline is a fallback for diviml profile's measurements"

            """
        }
        for gpu in facts.gpus { text += Self.gpuDevice(gpu) }
        var links: [String] = []
        for a in 0..<n { for b in (a + 1)..<max(a + 1, n) {
            links.append("  - {between: [w\(a), w\(b)], latency: \(Self.handoffMicroseconds) us, bandwidth: \(Self.coreBandwidth) B/s, "
                + "source: \"one process: a tensor is handed between worker threads by reference (a thread wake-up), at worst copied by one core\"}\n")
        } }
        for w in 0..<n { for gpu in facts.gpus { links.append(Self.pcieLink(worker: w, gpu)) } }
        // Two GPUs have no link of their own: the platform routes them through the host w0.
        text += links.isEmpty ? "links: []\n" : "links:\n" + links.joined()
        return text
    }

    /// The YAML line of the link between worker `w` and `gpu`: its PCIe link.
    private static func pcieLink(worker w: Int, _ gpu: GPUFacts) -> String {
        let lanes = gpu.pcieLanes ?? 16
        let pcie = gpu.pcieGeneration.map { "PCIe \($0).0 x\(lanes) (nvidia-smi)" } ?? "PCIe 3.0 x16 assumed (nvidia-smi reports no link)"
        let bandwidth = Int64(gpu.pcieBandwidth)
        return "  - {between: [w\(w), cuda\(gpu.ordinal)], latency: \(Self.pcieMicroseconds) us, bandwidth: \(bandwidth) B/s, "
            + "source: \"\(pcie), theoretical per direction; latency about one cudaMemcpy call; diviml profile measures the boundary\"}\n"
    }

    /// The YAML entry of one GPU: run by `CUDAExecutionProvider:ordinal`.
    private static func gpuDevice(_ gpu: GPUFacts) -> String {
        let sheet = gpu.dataSheet
        let flops = sheet.map { "{fp32: \(Int64($0.fp32)) FLOPS, fp16: \(Int64($0.fp16)) FLOPS}" } ?? "{fp32: \(Int64(Self.unknownGPUFlops)) FLOPS}"
        let source = sheet.map { "\($0.source); memory and link read by nvidia-smi" }
            ?? "\(gpu.name): not in the data-sheet table, peak figures assumed; memory and link read by nvidia-smi; measure with diviml profile"
        return """
          - name: cuda\(gpu.ordinal)
            kind: gpu
            memory: \(gpu.memoryBytes) B          # memory.total of nvidia-smi (\(gpu.name))
            peakFlops: \(flops)
            memoryBandwidth: \(Int64(sheet?.bandwidth ?? Self.unknownGPUBandwidth)) B/s
            launchOverhead: 5 us       # CUDA kernel launch, about 5 us
            computeEfficiency: 0.6
            memoryEfficiency: 0.8
            provider: CUDAExecutionProvider:\(gpu.ordinal)
            source: "\(source)"

        """
    }

    /// Roofline figures of a GPU the data-sheet table does not hold (a modest recent GPU).
    static let unknownGPUFlops = 10e12
    static let unknownGPUBandwidth = 500e9
    /// Microseconds of one host-device copy call, assumed (cudaMemcpy, order of 10 us).
    static let pcieMicroseconds = 10

    /// Bytes per second one core copies, assumed (order of one core's memcpy bandwidth).
    static let coreBandwidth: Int64 = 10_000_000_000
    /// Microseconds for one worker thread to wake another (a condition variable), assumed.
    static let handoffMicroseconds = 20
}

/// What the tool reads of the machine it runs on: cores, memory, CPU model, clock and
/// vector width (Linux /proc files; `sysctl`-free fallbacks elsewhere).
public struct MachineFacts: Sendable, Hashable {
    public var cores: Int
    public var memoryBytes: Int64
    public var cpuModel: String
    /// Clock, GHz, rounded to 0.1 GHz so that plans do not change with frequency jitter.
    public var gigahertz: Double
    /// fp32 lanes of the widest vector unit: 16 (AVX-512), 8 (AVX/AVX2, NEON pairs), else 4.
    public var simdLanes: Int
    /// Fused multiply-add units per core assumed: 2 with FMA, else 1.
    public var fmaUnits: Int
    /// The NVIDIA GPUs this process can use, in CUDA device order.
    public var gpus: [GPUFacts]

    public init(cores: Int, memoryBytes: Int64, cpuModel: String, gigahertz: Double, simdLanes: Int, fmaUnits: Int, gpus: [GPUFacts] = []) {
        self.gpus = gpus
        self.cores = cores
        self.memoryBytes = memoryBytes
        self.cpuModel = cpuModel
        self.gigahertz = gigahertz
        self.simdLanes = simdLanes
        self.fmaUnits = fmaUnits
    }

    /// Peak fp32 FLOP/s of one core.
    public var coreFlops: Int64 { Int64(Double(fmaUnits * simdLanes * 2) * gigahertz * 1e9) }

    /// The machine the process runs on.
    public static var current: MachineFacts {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let meminfo = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8)) ?? ""
        var facts = parse(cpuinfo: cpuinfo, meminfo: meminfo, cores: ProcessInfo.processInfo.activeProcessorCount,
                          fallbackMemory: Int64(ProcessInfo.processInfo.physicalMemory))
        facts.gpus = GPUFacts.current()
        return facts
    }

    /// The facts in the text of /proc/cpuinfo and /proc/meminfo; missing fields fall back to
    /// `fallbackMemory`, 2.0 GHz and 4 lanes without FMA (the weakest common x86/ARM core).
    /// - Complexity: O(text length).
    public static func parse(cpuinfo: String, meminfo: String, cores: Int, fallbackMemory: Int64) -> MachineFacts {
        func field(_ text: String, _ key: String) -> String? {
            for line in text.split(separator: "\n") where line.hasPrefix(key) {
                if let colon = line.firstIndex(of: ":") { return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces) }
            }
            return nil
        }
        let flags = Set((field(cpuinfo, "flags") ?? field(cpuinfo, "Features") ?? "").split(separator: " ").map(String.init))
        let lanes = flags.contains("avx512f") ? 16 : (flags.contains("avx2") || flags.contains("avx") || flags.contains("asimd")) ? 8 : 4
        let fma = flags.contains("fma") || flags.contains("asimd") ? 2 : 1
        let mhz = field(cpuinfo, "cpu MHz").flatMap(Double.init) ?? 2000
        let kib = field(meminfo, "MemTotal").flatMap { Int64($0.split(separator: " ").first ?? "") }
        return MachineFacts(cores: max(1, cores), memoryBytes: kib.map { $0 * 1024 } ?? fallbackMemory,
                            cpuModel: field(cpuinfo, "model name") ?? "unknown CPU",
                            gigahertz: (mhz / 100).rounded() / 10, simdLanes: lanes, fmaUnits: fma)
    }
}
