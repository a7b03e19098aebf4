import Foundation

/// What the tool reads of one NVIDIA GPU of the machine it runs on (`nvidia-smi`), for the
/// GPU devices of `local-cpu:N`: the CUDA device number ONNX Runtime's CUDA provider takes,
/// the model, the memory and the PCIe link.
public struct GPUFacts: Sendable, Hashable {
    /// The CUDA device number: the GPU's position among the visible ones
    /// (`CUDA_VISIBLE_DEVICES`), what `CUDAExecutionProvider:N` names.
    public var ordinal: Int
    public var name: String
    public var memoryBytes: Int64
    /// PCIe generation and lanes of the link to the host (`pcie.link.gen.max`,
    /// `pcie.link.width.max`); nil where nvidia-smi reports none.
    public var pcieGeneration: Int?
    public var pcieLanes: Int?

    public init(ordinal: Int, name: String, memoryBytes: Int64, pcieGeneration: Int? = nil, pcieLanes: Int? = nil) {
        self.ordinal = ordinal
        self.name = name
        self.memoryBytes = memoryBytes
        self.pcieGeneration = pcieGeneration
        self.pcieLanes = pcieLanes
    }

    /// The fields `parse` reads, in order: `nvidia-smi --query-gpu=… --format=csv,noheader,nounits`.
    public static let query = "index,uuid,name,memory.total,pcie.link.gen.max,pcie.link.width.max"

    /// The GPUs of `nvidiaSMI` (the output of `nvidia-smi --query-gpu=\(query)
    /// --format=csv,noheader,nounits`: memory in MiB) that CUDA shows to this process.
    ///
    /// `visible` is `CUDA_VISIBLE_DEVICES` as CUDA reads it: nil shows every GPU in index
    /// order; otherwise a comma-separated list of indices or UUIDs (`GPU-…`, a prefix will do),
    /// the list ending at the first entry that names no GPU, as CUDA ends it (so "" and "-1"
    /// show none). Lines that are not six fields, or whose index or memory is not a number,
    /// are skipped: a GPU the tool cannot read is a GPU it does not plan for.
    /// - Complexity: O(text length + GPUs · entries).
    public static func parse(nvidiaSMI text: String, visible: String?) -> [GPUFacts] {
        struct Row { var index: Int; var uuid: String; var name: String; var mib: Int64; var gen: Int?; var lanes: Int? }
        var rows: [Row] = []
        for line in text.split(whereSeparator: \.isNewline) {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count == 6, let index = Int(fields[0]), index >= 0, let mib = Int64(fields[3]), mib > 0, mib < (1 << 40),
                  !rows.contains(where: { $0.index == index }) else { continue }
            // The model name goes into YAML and messages: letters, digits, spaces and -_.() only.
            let name = fields[2].filter { $0.isASCII && ($0.isLetter || $0.isNumber || " -_.()".contains($0)) }
                .trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { continue }
            rows.append(Row(index: index, uuid: fields[1], name: name, mib: mib, gen: Int(fields[4]), lanes: Int(fields[5])))
        }
        var shown: [Row] = []
        if let visible {
            for entry in visible.split(separator: ",", omittingEmptySubsequences: false).map({ $0.trimmingCharacters(in: .whitespaces) }) {
                let match = Int(entry).flatMap { n in rows.first { $0.index == n } }
                    ?? (entry.hasPrefix("GPU-") ? rows.first { $0.uuid.hasPrefix(entry) } : nil)
                guard let row = match, !shown.contains(where: { $0.index == row.index }) else { break }
                shown.append(row)
            }
        } else {
            shown = rows.sorted { $0.index < $1.index }
        }
        return shown.enumerated().map { ordinal, row in
            GPUFacts(ordinal: ordinal, name: row.name, memoryBytes: row.mib << 20,
                     pcieGeneration: row.gen.flatMap { (1...6).contains($0) ? $0 : nil },
                     pcieLanes: row.lanes.flatMap { [1, 2, 4, 8, 16, 32].contains($0) ? $0 : nil })
        }
    }

    /// The GPUs of this machine: none where `nvidia-smi` is not on the PATH, fails, or has
    /// not answered in 20 seconds.
    /// - Complexity: one `nvidia-smi` run.
    public static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> [GPUFacts] {
        let path = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map { "\($0)/nvidia-smi" }
        guard let smi = path.first(where: { FileManager.default.isExecutableFile(atPath: $0) }),
              let result = try? ChildCommand.run(smi, ["--query-gpu=\(query)", "--format=csv,noheader,nounits"], timeout: 20),
              result.status == 0 else { return [] }
        return parse(nvidiaSMI: result.stdout, visible: environment["CUDA_VISIBLE_DEVICES"])
    }

    /// Bytes per second per direction of the PCIe link, theoretical (lanes × the
    /// generation's rate after line coding); PCIe 3.0 ×16 where nvidia-smi reports no link.
    public var pcieBandwidth: Double {
        let perLane: [Int: Double] = [1: 0.25e9, 2: 0.5e9, 3: 0.985e9, 4: 1.969e9, 5: 3.938e9, 6: 7.563e9]
        return (perLane[pcieGeneration ?? 3] ?? 0.985e9) * Double(pcieLanes ?? 16)
    }

    /// Peak figures of the model from its data sheet; nil for a model the table does not hold.
    public var dataSheet: GPUDataSheet? { GPUDataSheet.matching(name: name, memoryBytes: memoryBytes) }
}

/// Data-sheet peak figures of common NVIDIA data-centre GPUs: the roofline fallback of a
/// `local-cpu:N` GPU (costs measured by `diviml profile` replace it).
public struct GPUDataSheet: Sendable, Hashable {
    /// Dense fp32 (CUDA cores) and fp16 (Tensor Cores, no sparsity) FLOP/s.
    public var fp32: Double
    public var fp16: Double
    /// Memory bandwidth, bytes/s.
    public var bandwidth: Double
    public var source: String

    /// The entry whose model names `name` (most specific first: "H100 PCIe" before "H100");
    /// A100s with 60 GiB or more are the 80 GB model.
    /// - Complexity: O(table).
    public static func matching(name: String, memoryBytes: Int64) -> GPUDataSheet? {
        let text = name.uppercased()
        if text.contains("H200") { return .init(fp32: 67e12, fp16: 989e12, bandwidth: 4.8e12, source: "NVIDIA H200 Tensor Core GPU data sheet (SXM)") }
        if text.contains("H100") && text.contains("PCIE") {
            return .init(fp32: 51e12, fp16: 756e12, bandwidth: 2.0e12, source: "NVIDIA H100 Tensor Core GPU data sheet (PCIe)")
        }
        if text.contains("H100") { return .init(fp32: 67e12, fp16: 989e12, bandwidth: 3.35e12, source: "NVIDIA H100 Tensor Core GPU data sheet (SXM)") }
        if text.contains("A100") {
            return .init(fp32: 19.5e12, fp16: 312e12, bandwidth: memoryBytes >= 60 << 30 ? 2.039e12 : 1.555e12,
                         source: "NVIDIA A100 Tensor Core GPU data sheet (80 GB: 2,039 GB/s; 40 GB: 1,555 GB/s)")
        }
        if text.contains("L4") && !text.contains("L40") { return .init(fp32: 30.3e12, fp16: 121e12, bandwidth: 300e9, source: "NVIDIA L4 data sheet") }
        if text.contains("T4") { return .init(fp32: 8.1e12, fp16: 65e12, bandwidth: 320e9, source: "NVIDIA T4 data sheet") }
        return nil
    }
}
