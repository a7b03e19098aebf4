/// Clusters that ship with the tool, as YAML a user would write. Each GPU figure is the
/// vendor's data sheet value for dense (not 2:4-sparse) fp16 Tensor Core math; links name
/// their standard or data sheet. Efficiencies are left at the defaults (60% of peak FLOP/s,
/// 80% of peak bandwidth), the same defaults the roofline cost model uses.
public enum BuiltinClusters {
    /// Names and YAML text, in the order `diviml llm --list-clusters` lists them.
    public static let all: [(name: String, yaml: String)] = [
        ("a100x2-v100x8", a100V100), ("l4-a10g-a100", cloudMix), ("uniform-a100", uniformA100),
    ]

    /// The built-in cluster called `name`.
    /// - Throws: `InputError.unknownName` listing the built-ins (with a "did you mean").
    public static func named(_ name: String) throws -> Cluster {
        guard let entry = all.first(where: { $0.name == name }) else {
            throw InputError.unknownName(kind: "cluster", name: name, known: all.map(\.name))
        }
        return try Cluster.parse(entry.yaml, file: "built-in cluster '\(name)'")
    }

    /// A built-in name, or else a path to a YAML/JSON cluster file.
    public static func resolve(_ nameOrPath: String) throws -> Cluster {
        if all.contains(where: { $0.name == nameOrPath }) { return try named(nameOrPath) }
        if looksLikePath(nameOrPath) { return try Cluster.load(path: nameOrPath) }
        return try named(nameOrPath)
    }

    static let a100GPU = """
      - name: a100-80gb
        memory: 80 GiB               # HBM2e
        peakFlops: {fp16: 312 TFLOPS, bf16: 312 TFLOPS, fp32: 19.5 TFLOPS}  # dense (624 with sparsity)
        memoryBandwidth: 2039 GB/s
        source: "NVIDIA A100 Tensor Core GPU data sheet, A100 80GB SXM"
    """

    /// Two servers of 4x A100-80GB and one DGX-1-like server of 8x V100-32GB.
    static let a100V100 = """
    name: a100x2-v100x8
    summary: "2 servers of 4x A100-80GB SXM (NVLink 3) + 1 server of 8x V100-32GB SXM2 (NVLink 2), 100 Gb/s network"
    gpus:
    \(a100GPU)
      - name: v100-32gb
        memory: 32 GiB               # HBM2
        peakFlops: {fp16: 125 TFLOPS, fp32: 15.7 TFLOPS}  # fp16 = Tensor Cores; no bf16 on Volta
        memoryBandwidth: 900 GB/s
        source: "NVIDIA Tesla V100 data sheet, V100 SXM2 32GB (125 Tensor TFLOPS)"
    servers:
      - name: a100-node
        gpu: a100-80gb
        gpusPerServer: 4
        count: 2
        # NVLink 3: 600 GB/s per GPU both directions together, 300 GB/s each way (A100 data sheet);
        # about 5 us per NCCL collective step for small messages.
        intraLink: {bandwidth: 300 GB/s, latency: 5 us, source: "A100 data sheet, third-generation NVLink"}
      - name: v100-node
        gpu: v100-32gb
        gpusPerServer: 8
        count: 1
        # NVLink 2: 300 GB/s per GPU both directions together, 150 GB/s each way (V100 data sheet).
        intraLink: {bandwidth: 150 GB/s, latency: 5 us, source: "V100 data sheet, second-generation NVLink"}
    # 100 Gb/s InfiniBand EDR or 100 GbE: 12.5 GB/s line rate per server, about 10 us per message.
    network: {bandwidth: 12.5 GB/s, latency: 10 us, source: "100 Gb/s (InfiniBand EDR / 100GbE) line rate"}
    memoryReserve: 0.1
    """

    /// Cloud-style mix: a 4x L4 server, a 2x A10G server and a single A100-80GB.
    static let cloudMix = """
    name: l4-a10g-a100
    summary: "1 server of 4x L4 + 1 server of 2x A10G + 1 server of 1x A100-80GB, PCIe inside servers, 25 Gb/s Ethernet"
    gpus:
    \(a100GPU)
      - name: l4
        memory: 24 GiB               # GDDR6
        peakFlops: {fp16: 121 TFLOPS, bf16: 121 TFLOPS, fp32: 30.3 TFLOPS}  # data sheet lists 242 fp16 with sparsity
        memoryBandwidth: 300 GB/s
        source: "NVIDIA L4 Tensor Core GPU data sheet (242 TFLOPS fp16 with sparsity = 121 dense)"
      - name: a10g
        memory: 24 GiB               # GDDR6, 384-bit
        peakFlops: {fp16: 70 TFLOPS, bf16: 70 TFLOPS, fp32: 31.2 TFLOPS}  # A10G dense Tensor Core fp16
        memoryBandwidth: 600 GB/s
        source: "AWS G5 (A10G): 24 GB GDDR6 at 600 GB/s (Baseten, 'NVIDIA A10 vs A10G'); 70 TFLOPS dense fp16 Tensor Core as AWS reports it"
    servers:
      - name: l4-node
        gpu: l4
        gpusPerServer: 4
        count: 1
        # PCIe 4.0 x16: 31.5 GB/s per direction theoretical, about 24 GB/s for pinned peer copies.
        intraLink: {bandwidth: 24 GB/s, latency: 10 us, source: "PCIe 4.0 x16, no NVLink on L4"}
      - name: a10g-node
        gpu: a10g
        gpusPerServer: 2
        count: 1
        intraLink: {bandwidth: 24 GB/s, latency: 10 us, source: "PCIe 4.0 x16, no NVLink on A10G"}
      - name: a100-single
        gpu: a100-80gb
        gpusPerServer: 1
        count: 1
        intraLink: {bandwidth: 24 GB/s, latency: 10 us, source: "PCIe 4.0 x16 (unused with one GPU)"}
    # 25 GbE: 3.125 GB/s line rate; NCCL over TCP sockets adds tens of microseconds per message.
    network: {bandwidth: 3.125 GB/s, latency: 25 us, source: "25 Gb/s Ethernet line rate (IEEE 802.3by)"}
    memoryReserve: 0.1
    """

    /// Two identical 4x A100-80GB servers: the check that symmetric hardware gets a uniform plan.
    static let uniformA100 = """
    name: uniform-a100
    summary: "2 identical servers of 4x A100-80GB SXM (NVLink 3), 200 Gb/s InfiniBand HDR"
    gpus:
    \(a100GPU)
    servers:
      - name: a100-node
        gpu: a100-80gb
        gpusPerServer: 4
        count: 2
        intraLink: {bandwidth: 300 GB/s, latency: 5 us, source: "A100 data sheet, third-generation NVLink"}
    network: {bandwidth: 25 GB/s, latency: 5 us, source: "200 Gb/s InfiniBand HDR line rate"}
    memoryReserve: 0.1
    """
}
