import Testing
@testable import DiviML

@Suite("Platforms")
struct PlatformTests {
    @Test(arguments: BuiltinPlatforms.all.map(\.name))
    func builtinsLoad(name: String) throws {
        let p = try BuiltinPlatforms.named(name)
        #expect(p.devices.count >= 2)
        #expect(p.devices[p.host].kind == .cpu)
        for a in p.devices.indices { for b in p.devices.indices where a != b {
            #expect(p.bandwidth[a][b] > 0 && p.latency[a][b] >= 0)
        } }
    }

    @Test func everyBuiltinNumberNamesItsSource() {
        for (_, yaml) in BuiltinPlatforms.all {
            let devices = yaml.components(separatedBy: "- name:").dropFirst()
            for d in devices { #expect(d.contains("source:")) }
            for line in yaml.split(separator: "\n") where line.contains("between:") { #expect(line.contains("source:")) }
        }
    }

    @Test func paperNodeRoutesGPUToGPUThroughTheHost() throws {
        let p = try BuiltinPlatforms.named("paper-node")
        let (v100, gtx) = (p.deviceIndex("v100")!, p.deviceIndex("gtx1080ti")!)
        #expect(abs(p.latency[v100][gtx] - 20e-6) < 1e-12)
        #expect(p.bandwidth[v100][gtx] == 12e9)
    }

    @Test func quantitiesParseUnits() {
        #expect(Quantity(parsing: "16 GiB")?.value == 16 * 0x1p30)
        #expect(Quantity(parsing: "900 GB/s")?.value == 900e9)
        #expect(Quantity(parsing: "14 TFLOPS")?.value == 14e12)
        #expect(Quantity(parsing: "10 us")?.value == 10e-6)
        #expect(Quantity(parsing: "2.5e3")?.value == 2500)
        #expect(Quantity(parsing: "12 parsecs") == nil)
    }

    @Test func unknownPlatformSuggestsTheClosest() {
        let error = #expect(throws: InputError.self) { try BuiltinPlatforms.named("papernode") }
        #expect(error?.description.contains("did you mean 'paper-node'?") == true)
        #expect(error?.description.contains("cpu-gpu") == true)
    }

    @Test func malformedFilesNameThePathAndWhatWasExpected() {
        let missingKey = """
        name: x
        host: cpu
        devices:
          - {name: cpu, kind: cpu, peakFlops: {fp32: 1 TFLOPS}, memoryBandwidth: 1 GB/s, launchOverhead: 1 us}
        links: []
        """
        let e1 = #expect(throws: InputError.self) { try Platform.parse(missingKey, file: "p.yaml") }
        #expect(e1?.description == "p.yaml: at devices[0].memory: a value for required key 'memory'")
        let badUnit = missingKey.replacingOccurrences(of: "kind: cpu,", with: "kind: cpu, memory: 12 parsecs,")
        let e2 = #expect(throws: InputError.self) { try Platform.parse(badUnit, file: "p.yaml") }
        #expect(e2?.description.contains("devices[0].memory") == true)
        let badKind = missingKey.replacingOccurrences(of: "kind: cpu,", with: "kind: tpu, memory: 1 GiB,")
        #expect(throws: InputError.self) { try Platform.parse(badKind, file: "p.yaml") }
        let unknownHost = missingKey.replacingOccurrences(of: "host: cpu", with: "host: gpu")
            .replacingOccurrences(of: "kind: cpu,", with: "kind: cpu, memory: 1 GiB,")
        let e3 = #expect(throws: InputError.self) { try Platform.parse(unknownHost, file: "p.yaml") }
        #expect(e3?.description.contains("at host: 'gpu' is not defined") == true)
        #expect(throws: InputError.self) { try Platform.parse("{ not yaml: [", file: "p.yaml") }
    }

    @Test func missingLinkWithoutHostRouteIsAnError() {
        let yaml = """
        name: x
        host: cpu
        devices:
          - {name: cpu, kind: cpu, memory: 1 GiB, peakFlops: {fp32: 1 TFLOPS}, memoryBandwidth: 1 GB/s, launchOverhead: 1 us}
          - {name: gpu, kind: gpu, memory: 1 GiB, peakFlops: {fp32: 1 TFLOPS}, memoryBandwidth: 1 GB/s, launchOverhead: 1 us}
        links: []
        """
        let e = #expect(throws: InputError.self) { try Platform.parse(yaml, file: "p.yaml") }
        #expect(e?.description.contains("a link from 'cpu' to 'gpu'") == true)
    }
}

/// Platform and constraints files are strict: a misspelt key or a unit of the wrong kind
/// is an error naming the file and the field, never silently ignored.
@Suite("Strict platform and constraints files")
struct StrictFileTests {
    static let device = "{name: cpu, kind: cpu, memory: 64 GiB, peakFlops: {fp32: 1.7 TFLOPS}, memoryBandwidth: 51.2 GB/s, launchOverhead: 2 us"

    static func platform(device: String = device + "}", link: String = "") -> String {
        "name: p\nhost: cpu\ndevices:\n  - \(device)\nlinks: [\(link)]\n"
    }

    @Test func aValidFileStillLoads() throws {
        let p = try Platform.parse(Self.platform(), file: "p.yaml")
        #expect(p.devices[0].memoryBytes == 64 << 30)
    }

    @Test func aMisspeltKeyIsNamedWithASuggestion() {
        let text = Self.platform(device: Self.device + ", computeEfficency: 0.5}")
        #expect(throws: InputError.unknownKey(file: "p.yaml", path: "devices[0]", key: "computeEfficency",
                                              known: ["computeEfficiency", "kind", "launchOverhead", "memory", "memoryBandwidth",
                                                      "memoryEfficiency", "name", "peakFlops", "provider", "source"])) {
            try Platform.parse(text, file: "p.yaml")
        }
        let error = InputError.unknownKey(file: "p.yaml", path: "devices[0]", key: "computeEfficency", known: ["computeEfficiency"])
        #expect(error.description.contains("(did you mean 'computeEfficiency'?)"))
    }

    @Test(arguments: [("memory: 16 ms", "memory", "a size"), ("memoryBandwidth: 10 us", "memoryBandwidth", "a bandwidth"),
                      ("launchOverhead: 12 GB/s", "launchOverhead", "a time"), ("memory: 16 GiBx", "memory", "a size")])
    func aUnitOfTheWrongKindIsAnError(field: String, key: String, expected: String) throws {
        var device = Self.device.replacingOccurrences(of: "\(key): ", with: "old\(key): ")
        device = device.replacingOccurrences(of: "old\(key): [^,}]*", with: field, options: .regularExpression) + "}"
        do {
            _ = try Platform.parse(Self.platform(device: device), file: "p.yaml")
            Issue.record("\(field) was accepted")
        } catch let error as InputError {
            #expect(error.description.contains(key) && error.description.contains(expected), "\(error)")
        }
    }

    @Test(arguments: ["1e30 B", ".inf", ".nan", "9223372036854775808", "-5 B", "0 B"])
    func aHugeMemoryIsAnErrorNotATrap(memory: String) {
        let device = Self.device.replacingOccurrences(of: "memory: 64 GiB", with: "memory: \(memory)") + "}"
        #expect {
            try Platform.parse(Self.platform(device: device), file: "p.yaml")
        } throws: { error in
            guard case let InputError.malformed(file, path, expected) = error else { return false }
            return file == "p.yaml" && path == "devices[0].memory" && expected.hasPrefix("a positive size below 8 EiB")
        }
    }

    /// A negative launch overhead would make every node's cost negative: the error names
    /// the platform's field, not the first node costed on the device.
    @Test func aNegativeLaunchOverheadNamesThePlatformField() {
        let device = Self.device.replacingOccurrences(of: "launchOverhead: 2 us", with: "launchOverhead: -2 us") + "}"
        #expect {
            try Platform.parse(Self.platform(device: device), file: "p.yaml")
        } throws: { error in
            (error as? InputError)?.description
                == "p.yaml: at devices[0].launchOverhead: a finite non-negative time such as 5 us, found -2e-06 s"
        }
    }

    @Test func aMisspeltConstraintsKeyIsAnError() throws {
        let path = CLIRunner.temporaryPath("constraints.yaml")
        try "notOnn:\n  conv1: [cpu]\n".write(toFile: path, atomically: true, encoding: .utf8)
        let run = try CLIRunner.run(["schedule", "resnet18", "--platform", "paper-node", "--constraints", path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("unknown key 'notOnn'") && run.stderr.contains("did you mean 'notOn'?"), "\(run.stderr)")
    }
}

extension StrictFileTests {
    @Test func aMisspeltClusterKeyIsNamed() throws {
        let text = "name: c\ngpus: []\nservers: []\nnetwork: {bandwidth: 10 GB/s, latency: 5 us, sorce: x}\n"
        do {
            _ = try Cluster.parse(text, file: "c.yaml")
            Issue.record("accepted")
        } catch let error as InputError {
            #expect(error == .unknownKey(file: "c.yaml", path: "network", key: "sorce", known: ["bandwidth", "latency", "source"]), "\(error)")
        }
    }
}

extension StrictFileTests {
    @Test func aHexNumberIsNotAMemorySize() throws {
        let device = Self.device.replacingOccurrences(of: "memory: 64 GiB", with: "memory: 0x10") + "}"
        let error = try #require(#expect(throws: InputError.self) { try Platform.parse(Self.platform(device: device), file: "p.yaml") })
        #expect(error.description.contains("devices[0].memory") && error.description.contains("a size such as 16 GiB")
                && error.description.contains("'0x10'"), "\(error)")
    }

    @Test("a cluster link with a unit of the wrong kind names the field, the kind and the value", arguments: [
        ("bandwidth: 10 us", "network.bandwidth", "a bandwidth such as 900 GB/s", "'10 us'"),
        ("latency: 12 GB/s", "network.latency", "a time such as 10 us", "'12 GB/s'"),
    ])
    func aClusterUnitOfTheWrongKindIsAnError(field: String, path: String, kind: String, found: String) throws {
        let key = field.prefix { $0 != ":" }
        let network = key == "bandwidth" ? "{\(field), latency: 5 us}" : "{bandwidth: 10 GB/s, \(field)}"
        let text = "name: c\ngpus: []\nservers: []\nnetwork: \(network)\n"
        let error = try #require(#expect(throws: InputError.self) { try Cluster.parse(text, file: "c.yaml") })
        #expect(error.description.contains(path) && error.description.contains(kind) && error.description.contains(found), "\(error)")
    }

    @Test func aMisspeltGroupsKeyIsAnError() throws {
        let path = CLIRunner.temporaryPath("constraints-group.yaml")
        try "group:\n  g: [conv1]\n".write(toFile: path, atomically: true, encoding: .utf8)
        let run = try CLIRunner.run(["schedule", "resnet18", "--platform", "paper-node", "--constraints", path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("unknown key 'group'") && run.stderr.contains("did you mean 'groups'?"), "\(run.stderr)")
    }
}
