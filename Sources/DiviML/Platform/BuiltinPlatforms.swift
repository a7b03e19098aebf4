/// Platforms that ship with the tool, as the same YAML a user would write, so that
/// `diviml platforms --show NAME` prints a file to start from. Every number names its
/// source: the vendor's data sheet, or a measurement reported in the literature.
public enum BuiltinPlatforms {
    /// Names and YAML text, in the order `diviml platforms` lists them.
    public static let all: [(name: String, yaml: String)] = [
        ("paper-node", paperNode), ("cpu-gpu", cpuGPU), ("quad-gpu", quadGPU),
    ]

    /// The built-in platform called `name`.
    /// - Throws: `InputError.unknownName` listing the built-ins.
    public static func named(_ name: String) throws -> Platform {
        if LocalCPUPlatform.matches(name) { return try LocalCPUPlatform.platform(named: name) }
        guard let entry = all.first(where: { $0.name == name }) else {
            throw InputError.unknownName(kind: "platform", name: name, known: all.map(\.name) + ["local-cpu:N"])
        }
        return try Platform.parse(entry.yaml, file: "built-in platform '\(name)'")
    }

    /// A built-in name, or else a path to a YAML/JSON platform file.
    public static func resolve(_ nameOrPath: String) throws -> Platform {
        if all.contains(where: { $0.name == nameOrPath }) || LocalCPUPlatform.matches(nameOrPath) { return try named(nameOrPath) }
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".yaml") || nameOrPath.hasSuffix(".yml")
            || nameOrPath.hasSuffix(".json") {
            return try Platform.load(path: nameOrPath)
        }
        return try named(nameOrPath)
    }

    /// One server CPU and two GPUs of different generations on PCIe 3.0, like the
    /// DiviML paper's testbed (a CPU and two distinct GPUs in one node).
    static let paperNode = """
    name: paper-node
    summary: "Xeon Gold 6248 CPU + Tesla V100 (Volta) + GTX 1080 Ti (Pascal), PCIe 3.0 x16, no peer access"
    host: cpu
    devices:
      - name: cpu
        kind: cpu
        memory: 192 GiB            # 6 x 32 GiB DDR4 DIMMs (one per channel)
        # 20 cores x 2 AVX-512 FMA units x 16 fp32 lanes x 2 FLOP x 1.6 GHz AVX-512 all-core clock
        peakFlops: {fp32: 2.048 TFLOPS}
        memoryBandwidth: 140.8 GB/s  # 6 channels DDR4-2933 x 8 bytes (Intel ARK, Xeon Gold 6248)
        launchOverhead: 10 us      # framework op dispatch on CPU (ONNX Runtime per-node overhead, order of 10 us)
        computeEfficiency: 0.4     # oneDNN conv kernels reach 30-50% of AVX-512 peak on small batches
        memoryEfficiency: 0.7      # STREAM triad reaches about 70% of theoretical DDR4 bandwidth
        source: "Intel ARK: Xeon Gold 6248, 20 cores, AVX-512 with 2 FMA units, 6 channels DDR4-2933"
      - name: v100
        kind: gpu
        memory: 16 GiB             # HBM2 (NVIDIA Tesla V100 PCIe data sheet)
        peakFlops: {fp32: 14 TFLOPS, fp16: 112 TFLOPS}  # data sheet, V100 PCIe (fp16 = Tensor Cores)
        memoryBandwidth: 900 GB/s  # data sheet, V100 PCIe
        launchOverhead: 5 us       # CUDA kernel launch, about 5 us (NVIDIA CUDA C++ Best Practices Guide)
        computeEfficiency: 0.6
        memoryEfficiency: 0.8
        source: "NVIDIA Tesla V100 PCIe data sheet (2017)"
      - name: gtx1080ti
        kind: gpu
        memory: 11 GiB             # GDDR5X (NVIDIA GeForce GTX 1080 Ti specifications)
        peakFlops: {fp32: 11.3 TFLOPS, fp16: 0.177 TFLOPS}  # Pascal GP102: fp16 at 1/64 rate
        memoryBandwidth: 484 GB/s  # 352-bit GDDR5X at 11 Gbps
        launchOverhead: 5 us       # CUDA kernel launch, about 5 us (NVIDIA CUDA C++ Best Practices Guide)
        computeEfficiency: 0.6
        memoryEfficiency: 0.8
        source: "NVIDIA GeForce GTX 1080 Ti specifications; GP102 whitepaper for the fp16 rate"
    links:
      # PCIe 3.0 x16: 15.75 GB/s theoretical per direction; pinned cudaMemcpy reaches about 12 GB/s
      # (NVIDIA bandwidthTest sample on PCIe 3.0 hosts). Latency about 10 us per cudaMemcpy call.
      - {between: [cpu, v100], latency: 10 us, bandwidth: 12 GB/s, source: "PCIe 3.0 x16, bandwidthTest"}
      - {between: [cpu, gtx1080ti], latency: 10 us, bandwidth: 12 GB/s, source: "PCIe 3.0 x16, bandwidthTest"}
      # v100 <-> gtx1080ti: different GPU generations, no peer access: staged through host memory
      # (two PCIe hops, latency 20 us, bandwidth 12 GB/s), derived from the two links above.
    """

    /// A desktop: one CPU and one GPU on PCIe 4.0.
    static let cpuGPU = """
    name: cpu-gpu
    summary: "Ryzen 9 5950X CPU + GeForce RTX 3090, PCIe 4.0 x16"
    host: cpu
    devices:
      - name: cpu
        kind: cpu
        memory: 64 GiB
        # 16 cores x 2 AVX2 FMA units x 8 fp32 lanes x 2 FLOP x 3.4 GHz base clock
        peakFlops: {fp32: 1.741 TFLOPS}
        memoryBandwidth: 51.2 GB/s  # dual-channel DDR4-3200 (AMD product page, Ryzen 9 5950X)
        launchOverhead: 10 us
        computeEfficiency: 0.4
        memoryEfficiency: 0.7
        source: "AMD Ryzen 9 5950X product page: 16 cores, 3.4 GHz base, DDR4-3200 dual channel"
      - name: rtx3090
        kind: gpu
        memory: 24 GiB             # GDDR6X
        peakFlops: {fp32: 35.6 TFLOPS, fp16: 71 TFLOPS}  # GA102 whitepaper: 35.6 fp32, 71 dense fp16 tensor (fp32 accumulate)
        memoryBandwidth: 936 GB/s  # 384-bit GDDR6X at 19.5 Gbps
        launchOverhead: 5 us
        computeEfficiency: 0.5     # Ampere's doubled fp32 rate is reached less often than Volta's
        memoryEfficiency: 0.8
        source: "NVIDIA Ampere GA102 GPU architecture whitepaper (RTX 3090)"
    links:
      # PCIe 4.0 x16: 31.5 GB/s theoretical per direction; pinned copies reach about 24 GB/s.
      - {between: [cpu, rtx3090], latency: 10 us, bandwidth: 24 GB/s, source: "PCIe 4.0 x16, bandwidthTest"}
    """

    /// Four GPUs of two kinds: two A100 joined by an NVLink bridge and two T4, on PCIe 4.0/3.0.
    static let quadGPU = """
    name: quad-gpu
    summary: "EPYC 7742 CPU + 2x A100 40GB PCIe (NVLink bridge) + 2x T4, PCIe"
    host: cpu
    devices:
      - name: cpu
        kind: cpu
        memory: 512 GiB
        # 64 cores x 2 AVX2 FMA units x 8 fp32 lanes x 2 FLOP x 2.25 GHz base clock
        peakFlops: {fp32: 4.608 TFLOPS}
        memoryBandwidth: 204.8 GB/s  # 8 channels DDR4-3200 (AMD EPYC 7742 product page)
        launchOverhead: 10 us
        computeEfficiency: 0.4
        memoryEfficiency: 0.7
        source: "AMD EPYC 7742 product page: 64 cores, 2.25 GHz base, 8 channels DDR4-3200"
      - name: a100-0
        kind: gpu
        memory: 40 GiB
        peakFlops: {fp32: 19.5 TFLOPS, fp16: 312 TFLOPS}  # A100 data sheet (fp16 = dense Tensor Cores)
        memoryBandwidth: 1555 GB/s
        launchOverhead: 5 us
        source: "NVIDIA A100 Tensor Core GPU data sheet, A100 40GB PCIe"
      - name: a100-1
        kind: gpu
        memory: 40 GiB
        peakFlops: {fp32: 19.5 TFLOPS, fp16: 312 TFLOPS}
        memoryBandwidth: 1555 GB/s
        launchOverhead: 5 us
        source: "NVIDIA A100 Tensor Core GPU data sheet, A100 40GB PCIe"
      - name: t4-0
        kind: gpu
        memory: 16 GiB
        peakFlops: {fp32: 8.1 TFLOPS, fp16: 65 TFLOPS}  # T4 data sheet (fp16 = mixed-precision Tensor Cores)
        memoryBandwidth: 320 GB/s
        launchOverhead: 5 us
        source: "NVIDIA T4 Tensor Core GPU data sheet"
      - name: t4-1
        kind: gpu
        memory: 16 GiB
        peakFlops: {fp32: 8.1 TFLOPS, fp16: 65 TFLOPS}
        memoryBandwidth: 320 GB/s
        launchOverhead: 5 us
        source: "NVIDIA T4 Tensor Core GPU data sheet"
    links:
      - {between: [cpu, a100-0], latency: 10 us, bandwidth: 24 GB/s, source: "PCIe 4.0 x16, about 24 GB/s pinned"}
      - {between: [cpu, a100-1], latency: 10 us, bandwidth: 24 GB/s, source: "PCIe 4.0 x16, about 24 GB/s pinned"}
      - {between: [cpu, t4-0], latency: 10 us, bandwidth: 12 GB/s, source: "T4 is PCIe 3.0 x16, about 12 GB/s pinned"}
      - {between: [cpu, t4-1], latency: 10 us, bandwidth: 12 GB/s, source: "T4 is PCIe 3.0 x16, about 12 GB/s pinned"}
      # NVLink bridge between the two A100 PCIe cards: 600 GB/s total, 300 GB/s per direction
      # (A100 data sheet); about 250 GB/s reached by p2pBandwidthLatencyTest.
      - {between: [a100-0, a100-1], latency: 3 us, bandwidth: 250 GB/s, source: "A100 data sheet, NVLink bridge"}
      # Other GPU pairs: peer-to-peer over the PCIe switch, bounded by the T4's PCIe 3.0 link.
      - {between: [a100-0, t4-0], latency: 8 us, bandwidth: 11 GB/s, source: "PCIe peer-to-peer, T4 PCIe 3.0 bound"}
      - {between: [a100-0, t4-1], latency: 8 us, bandwidth: 11 GB/s, source: "PCIe peer-to-peer, T4 PCIe 3.0 bound"}
      - {between: [a100-1, t4-0], latency: 8 us, bandwidth: 11 GB/s, source: "PCIe peer-to-peer, T4 PCIe 3.0 bound"}
      - {between: [a100-1, t4-1], latency: 8 us, bandwidth: 11 GB/s, source: "PCIe peer-to-peer, T4 PCIe 3.0 bound"}
      - {between: [t4-0, t4-1], latency: 8 us, bandwidth: 11 GB/s, source: "PCIe peer-to-peer, PCIe 3.0 bound"}
    """
}
