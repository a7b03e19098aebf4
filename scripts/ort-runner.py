#!/usr/bin/env python3
"""The ONNX Runtime side of `diviml run` and `diviml profile` (docs/deploy.md).

diviml writes a job (JSON), starts this script with the project-local .venv's python and
reads back one result (JSON); users type `diviml run` / `diviml profile`, not this script.

    python scripts/ort-runner.py run JOB.json RESULT.json
    python scripts/ort-runner.py profile JOB.json RESULT.json

`run` executes the sub-models of an export (manifest.json) with one worker thread per
device: a worker runs its device's sub-models in manifest order, each as soon as all its
inputs have arrived (ONNX Runtime releases the GIL inside Run, so the workers are
concurrent). Tensors pass between workers by reference. Weights in external-data files are
read in place from the original model's folder
(session.model_external_initializers_file_folder_path), never copied.

`profile` writes ONNX Runtime's optimised graph at the chosen level, then profiles that
graph (optimisations off, so every traced kernel is one node of the written file) once per
device, and reports each node's median kernel time; with two or more devices, it also
measures what a sub-model boundary costs between them (`boundary_costs`), with the workers
`run` uses.

A failure the user can fix (unknown provider, bad inputs file) is written as
{"error": {"kind": ..., "message": ...}} with exit status 3.
"""
import json
import os
import queue
import sys
import tempfile
import threading
import time

import numpy as np
import onnxruntime as ort

LEVELS = {
    "disabled": ort.GraphOptimizationLevel.ORT_DISABLE_ALL,
    "basic": ort.GraphOptimizationLevel.ORT_ENABLE_BASIC,
    "extended": ort.GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
    "all": ort.GraphOptimizationLevel.ORT_ENABLE_ALL,
}


class UserError(Exception):
    def __init__(self, kind, message):
        super().__init__(message)
        self.kind = kind


def providers_for(spec):
    """`CUDAExecutionProvider:1` -> ONNX Runtime's providers argument, checked against this build."""
    name, _, device_id = spec.partition(":")
    available = ort.get_available_providers()
    if name not in available:
        hint = ("; onnxruntime-gpu has it: bash scripts/setup-python.sh --gpu, then DIVIML_PYTHON=.venv-gpu/bin/python"
                if name == "CUDAExecutionProvider" else "")
        raise UserError("provider", f"execution provider '{name}' is not in this onnxruntime build; available: {', '.join(available)}{hint}")
    if device_id and not device_id.isdigit():
        raise UserError("provider", f"'{spec}': the device id after ':' must be a number")
    if name == "CUDAExecutionProvider" and hasattr(ort, "preload_dlls"):
        # onnxruntime-gpu finds CUDA and cuDNN of the nvidia-* wheels (or PyTorch's) this way.
        try:
            ort.preload_dlls()
        except Exception:
            pass
    chosen = [(name, {"device_id": device_id})] if device_id else [name]
    return chosen if name == "CPUExecutionProvider" else chosen + ["CPUExecutionProvider"]


def device_memory(spec):
    """Where a worker of provider `spec` keeps its outputs: ("cuda", id) for the CUDA provider
    (IOBinding to device memory: a tensor passed between two sub-models of one GPU never
    crosses PCIe), else None (host memory)."""
    name, _, device_id = spec.partition(":")
    return ("cuda", int(device_id or 0)) if name == "CUDAExecutionProvider" else None


def host_outputs(manifest, specs):
    """Sub-model file -> its outputs that must be in host memory: the graph's outputs and
    every tensor a sub-model of another provider spec reads (a CPU session cannot read
    device memory; another GPU's session is not trusted to)."""
    readers = {}
    for s in manifest["submodels"]:
        for n in s["inputs"]:
            readers.setdefault(n, set()).add(specs[s["device"]])
    graph_outputs = set(manifest["graphOutputs"])
    return {s["file"]: {n for n in s["outputs"] if n in graph_outputs or readers.get(n, set()) - {specs[s["device"]]}}
            for s in manifest["submodels"]}


def session_options(job, level=None, profile=False):
    options = ort.SessionOptions()
    options.intra_op_num_threads = job.get("intraOpThreads", 1)
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = LEVELS[level or job.get("optLevel", "all")]
    options.log_severity_level = 3
    options.enable_profiling = profile
    if profile:  # the trace goes to the temporary folder, not the user's working directory
        options.profile_file_prefix = os.path.join(tempfile.gettempdir(), f"diviml-ort-profile-{os.getpid()}")
    if job.get("weightsFolder"):
        options.add_session_config_entry("session.model_external_initializers_file_folder_path", job["weightsFolder"])
    return options


NUMPY_TYPES = {
    "tensor(float)": np.float32, "tensor(double)": np.float64, "tensor(float16)": np.float16,
    "tensor(int64)": np.int64, "tensor(int32)": np.int32, "tensor(int16)": np.int16, "tensor(int8)": np.int8,
    "tensor(uint8)": np.uint8, "tensor(bool)": np.bool_,
}


def make_feeds(session, job):
    """Graph inputs: from the inputs file (.npz) when given, else seeded random values of the
    right dtype and shape; integer inputs (token ids, masks, segment ids) take 0 or 1, valid
    for every vocabulary."""
    shapes = job.get("shapes", {})
    batch = job.get("batch", 1)
    given = None
    if job.get("inputsFile"):
        try:
            given = dict(np.load(job["inputsFile"]))
        except Exception as error:
            raise UserError("inputs", f"{job['inputsFile']}: cannot be read as a NumPy .npz file ({error})")
    rng = np.random.default_rng(job.get("seed", 0))
    feeds = {}
    for i in session.get_inputs():
        dtype = NUMPY_TYPES.get(i.type)
        shape = shapes.get(i.name) or [d if isinstance(d, int) else batch for d in i.shape]
        if given is not None:
            if i.name not in given:
                raise UserError("inputs", f"{job['inputsFile']}: no array named '{i.name}'; it has: {', '.join(sorted(given)) or 'none'}")
            feeds[i.name] = given[i.name].astype(dtype) if dtype else given[i.name]
            continue
        if dtype is None:
            raise UserError("inputs", f"graph input '{i.name}' has type {i.type}; generated inputs cover {', '.join(NUMPY_TYPES)}: pass --inputs FILE.npz")
        if np.issubdtype(dtype, np.floating):
            feeds[i.name] = rng.standard_normal(shape).astype(dtype)
        else:
            feeds[i.name] = rng.integers(0, 2, size=shape).astype(dtype)
    return feeds


def relaxed(path, shapes=None):
    """The sub-model at `path`, serialised, with the shapes of its graph inputs and outputs
    removed (rank included), and then its inputs' shapes set to those in `shapes` (tensor name
    -> dims, as the runtime produced them): ONNX Runtime takes the shapes of the tensors it is
    handed, and plans its memory statically where it knows them. The exporter's shapes come
    from diviml's own inference, which cannot know every layout of an optimised graph (NCHWc
    tensors have their channels padded to the block size; ConvNeXt's optimised graph has a
    rank-4 tensor where the importer infers rank 3)."""
    import onnx
    model = onnx.load(path, load_external_data=False)
    for value in list(model.graph.input) + list(model.graph.output):
        if value.type.HasField("tensor_type") and value.type.tensor_type.HasField("shape"):
            value.type.tensor_type.ClearField("shape")
    for value in model.graph.input:
        if shapes and value.name in shapes and value.type.HasField("tensor_type"):
            shape = value.type.tensor_type.shape
            for d in shapes[value.name]:
                shape.dim.add().dim_value = d
    return model.SerializeToString()


def tensor_shapes(manifest, folder, job, providers, feeds):
    """Tensor name -> the dims the runtime gave it, from one run of every sub-model (loaded
    without shapes) in the manifest's order on this thread."""
    tensors = dict(feeds)
    for s in manifest["submodels"]:
        session = ort.InferenceSession(relaxed(os.path.join(folder, s["file"])), session_options(job), providers=providers[s["device"]])
        tensors.update(zip(s["outputs"], session.run(s["outputs"], {n: tensors[n] for n in s["inputs"]})))
    return {n: list(v.shape) for n, v in tensors.items() if hasattr(v, "shape")}


def sessions_with_shapes(manifest, folder, job, providers, feeds):
    """One session per sub-model, loaded with the shapes of its inputs that one run of every
    sub-model gave (`tensor_shapes`)."""
    shapes = tensor_shapes(manifest, folder, job, providers, feeds)
    return {s["file"]: ort.InferenceSession(relaxed(os.path.join(folder, s["file"]), shapes), session_options(job),
                                            providers=providers[s["device"]]) for s in manifest["submodels"]}


def median(values):
    ordered = sorted(values)
    n = len(ordered)
    return ordered[n // 2] if n % 2 else (ordered[n // 2 - 1] + ordered[n // 2]) / 2


class Worker(threading.Thread):
    """One device: runs its sub-models in order, each once its inputs are in `state.tensors`."""

    def __init__(self, device, submodels, sessions, state, cpu=None, memory=None, host=None):
        super().__init__(daemon=True)
        self.device, self.submodels, self.sessions, self.state, self.cpu = device, submodels, sessions, state, cpu
        self.memory, self.host = memory, host or {}
        self.go = queue.Queue()
        self.buffers = {}
        self.bindings = {}
        # This worker sleeps on its own condition (of the state's one lock), woken only when a
        # tensor it reads arrives: with one condition for all, every output woke every worker.
        self.wakeup = threading.Condition(state.lock)
        for sub in submodels:
            for n in sub["inputs"]:
                state.readers.setdefault(n, set()).add(self.wakeup)
        state.conditions.append(self.wakeup)

    def call(self, sub, feeds):
        """Runs one sub-model on OrtValues: a tensor handed from one worker to another stays
        where the runtime put it (no NumPy conversion). The first call allocates the outputs
        (on a GPU worker in device memory, but for those `self.host` names); later calls bind
        those same buffers (IOBinding), so that no run allocates, faults in or frees its
        output tensors again (every run has the same inputs and shapes). The binding is kept
        and run again while the inputs are the same OrtValues (the producers' buffers, the
        graph inputs of every run): a call is then one `run_with_iobinding`."""
        session = self.sessions[sub["file"]]
        outputs = self.buffers.get(sub["file"])
        if outputs is None:
            if self.memory is None:
                outputs = session.run_with_ort_values(sub["outputs"], feeds)
            else:
                binding = self.bound_inputs(session, feeds)
                for name in sub["outputs"]:
                    if name in self.host.get(sub["file"], ()):
                        binding.bind_output(name, "cpu")
                    else:
                        binding.bind_output(name, *self.memory)
                session.run_with_iobinding(binding)
                outputs = binding.get_outputs()
            self.buffers[sub["file"]] = outputs
            return outputs
        kept = self.bindings.get(sub["file"])
        if kept is not None and len(kept[1]) == len(feeds) and all(kept[1].get(n) is v for n, v in feeds.items()):
            session.run_with_iobinding(kept[0])
            return outputs
        binding = self.bound_inputs(session, feeds)
        for name, value in zip(sub["outputs"], outputs):
            binding.bind_ortvalue_output(name, value)
        self.bindings[sub["file"]] = (binding, dict(feeds))
        session.run_with_iobinding(binding)
        return outputs

    @staticmethod
    def bound_inputs(session, feeds):
        """A new IOBinding of `session` with `feeds` bound as its inputs."""
        binding = session.io_binding()
        for name, value in feeds.items():
            binding.bind_ortvalue_input(name, value)
        return binding

    def run(self):
        state = self.state
        if self.cpu is not None:
            # This thread (and ORT's one intra-op thread, the caller) on its own core: unpinned,
            # the two workers of local-cpu:2 ran on one vCPU of the development machine in
            # about one run in five (two NumPy matmul loops at once: 1.9x the time of one).
            os.sched_setaffinity(0, {self.cpu})
        while self.go.get():
            try:
                for sub in self.submodels:
                    with state.lock:
                        self.wakeup.wait_for(lambda: state.failed or all(n in state.tensors for n in sub["inputs"]))
                        if state.failed:
                            break
                        feeds = {n: state.tensors[n] for n in sub["inputs"]}
                    start = time.perf_counter()
                    results = self.call(sub, feeds)
                    finish = time.perf_counter()
                    with state.lock:
                        state.tensors.update(zip(sub["outputs"], results))
                        state.times[sub["file"]] = (start, finish)
                        for c in set().union(*(state.readers.get(n, ()) for n in sub["outputs"])) - {self.wakeup}:
                            c.notify()
            except Exception as error:
                with state.lock:
                    state.failed = f"{sub['file']} on {self.device}: {error}"
                    for c in state.conditions:
                        c.notify()
            state.done.put(self.device)


class RunState:
    def __init__(self):
        self.lock = threading.Lock()
        self.tensors, self.times, self.failed = {}, {}, None
        # Tensor name -> the set of conditions of the workers that read it; every worker's condition.
        self.readers, self.conditions = {}, []
        self.done = queue.Queue()


def drive(workers, state, values):
    """One run of the plan: hands the graph inputs to the workers, starts every worker and
    waits for all of them. Returns when every sub-model has run."""
    with state.lock:
        state.tensors, state.times = dict(values), {}
    for w in workers:
        w.go.put(True)
    for _ in workers:
        state.done.get()
    if state.failed:
        raise RuntimeError(state.failed)


def chain_model(elements):
    """A one-node model (Relu over `elements` floats), serialised: the smallest sub-model."""
    import onnx
    from onnx import TensorProto, helper
    graph = helper.make_graph([helper.make_node("Relu", ["x"], ["y"])], "boundary",
                              [helper.make_tensor_value_info("x", TensorProto.FLOAT, [elements])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [elements])])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    return model.SerializeToString()


BOUNDARY_CHAIN = 16          # one-node sub-models per chain
BOUNDARY_SIZES = (16, 1 << 18)  # floats handed on: 64 B and 1 MiB
BOUNDARY_RUNS = 400          # measured runs of each chain


def chain_workers(devices, specs, elements, job, pins):
    """Started workers for a chain of BOUNDARY_CHAIN one-node sub-models, the i-th on
    devices[i % len(devices)], with the same workers, state and IOBinding as `run`."""
    blob = chain_model(elements)
    submodels = [{"file": f"s{i}", "device": devices[i % len(devices)], "inputs": [f"t{i}"], "outputs": [f"t{i + 1}"]}
                 for i in range(BOUNDARY_CHAIN)]
    sessions = {}
    for sub in submodels:
        session = ort.InferenceSession(blob, session_options(job, level="all"), providers=providers_for(specs[sub["device"]]))
        sessions[sub["file"]] = RenamedSession(session, sub["inputs"][0], sub["outputs"][0])
    by_device = {}
    for sub in submodels:
        by_device.setdefault(sub["device"], []).append(sub)
    state = RunState()
    host = host_outputs({"submodels": submodels, "graphOutputs": [f"t{BOUNDARY_CHAIN}"]}, specs)
    workers = [Worker(d, subs, sessions, state, pins.get(d), device_memory(specs[d]), host) for d, subs in by_device.items()]
    for w in workers:
        w.start()
    return workers, state


def chain_seconds(a, b, specs, elements, job, pins):
    """Medians over runs of one chain run on device a alone and of the chain alternating
    between a and b, the two chains run in turn so that both see the same machine."""
    chains = [chain_workers(devices, specs, elements, job, pins) for devices in ([a], [a, b])]
    values = {"t0": ort.OrtValue.ortvalue_from_numpy(np.ones(elements, dtype=np.float32))}
    times = ([], [])
    try:
        for r in range(job["warmup"] + BOUNDARY_RUNS):
            for i, (workers, state) in enumerate(chains):
                t0 = time.perf_counter()
                drive(workers, state, values)
                if r >= job["warmup"]:
                    times[i].append(time.perf_counter() - t0)
    finally:
        for workers, _ in chains:
            for w in workers:
                w.go.put(False)
    return median(times[0]), median(times[1])


class RenamedSession:
    """A session whose one input and one output are known by other names (the chain's
    tensors t_i), so that one serialised model serves every link of the chain."""

    def __init__(self, session, input_name, output_name):
        self.session, self.names = session, {input_name: "x", output_name: "y"}

    def run_with_ort_values(self, outputs, feeds):
        return self.session.run_with_ort_values([self.names[o] for o in outputs], {self.names[n]: v for n, v in feeds.items()})

    def io_binding(self):
        return RenamedBinding(self.session.io_binding(), self.names)

    def run_with_iobinding(self, binding):
        self.session.run_with_iobinding(binding.binding)


class RenamedBinding:
    def __init__(self, binding, names):
        self.binding, self.names = binding, names

    def bind_ortvalue_input(self, name, value):
        self.binding.bind_ortvalue_input(self.names[name], value)

    def bind_ortvalue_output(self, name, value):
        self.binding.bind_ortvalue_output(self.names[name], value)

    def bind_output(self, name, *where):
        self.binding.bind_output(self.names[name], *where)

    def get_outputs(self):
        return self.binding.get_outputs()


def boundary_costs(job):
    """What a sub-model boundary costs, measured with the runner's own workers: for each pair
    of devices (one pair per pair of provider specs), a chain of one-node sub-models run on one
    device and alternating between the two, at 64 B and at 1 MiB handed on.
    `callSeconds`: one sub-model call on one worker (the chain on one device / its length);
    `handoffSeconds`: what each hand-off to the other worker adds, 64 B; `handoffLargeSeconds`:
    the same at 1 MiB (`largeBytes`)."""
    specs = job.get("boundaryDevices") or {}
    devices = sorted(specs)
    if len(devices) < 2:
        return []
    pins = dict(zip(devices, cpu_pins({d: None for d in devices}, {"providers": specs})))
    chosen, seen = [], set()
    for i, a in enumerate(devices):
        for b in devices[i + 1:]:
            key = tuple(sorted((specs[a], specs[b])))
            if key not in seen:
                seen.add(key)
                chosen.append((a, b))
    results = []
    for a, b in chosen:
        figures = {}
        for elements in BOUNDARY_SIZES:
            same, alternate = chain_seconds(a, b, specs, elements, job, pins)
            figures[elements] = (same / BOUNDARY_CHAIN, max(0.0, alternate - same) / (BOUNDARY_CHAIN - 1))
        small, large = BOUNDARY_SIZES
        results.append({"between": [a, b], "callSeconds": figures[small][0], "handoffSeconds": figures[small][1],
                        "handoffLargeSeconds": figures[large][1], "largeBytes": 4 * large})
    return results


def cpu_pins(by_device, job):
    """The core each device's worker thread is pinned to: CPU-provider workers get distinct
    cores of this process's affinity set, in device order, when there are enough of them;
    other workers (and every worker where threads cannot be pinned) None."""
    cpu_devices = sorted(d for d in by_device if job.get("providers", {}).get(d, "CPUExecutionProvider") == "CPUExecutionProvider")
    cores = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    if not hasattr(os, "sched_setaffinity") or len(cpu_devices) > len(cores):
        return [None] * len(by_device)
    pin = dict(zip(cpu_devices, cores))
    return [pin.get(d) for d in by_device]


def run_plan(job):
    job = dict(job, weightsFolder=weights_folder(job["model"], job["weightsFolder"]))
    manifest_path = job["manifest"]
    folder = os.path.dirname(manifest_path)
    with open(manifest_path) as f:
        manifest = json.load(f)
    providers = {d: providers_for(job.get("providers", {}).get(d, "CPUExecutionProvider")) for d in manifest["devices"]}
    whole = ort.InferenceSession(job["model"], session_options(job), providers=["CPUExecutionProvider"])
    feeds = make_feeds(whole, job)
    sessions = sessions_with_shapes(manifest, folder, job, providers, feeds)
    values = {n: ort.OrtValue.ortvalue_from_numpy(v) for n, v in feeds.items()}
    state = RunState()
    by_device = {}
    for s in manifest["submodels"]:
        by_device.setdefault(s["device"], []).append(s)
    specs = {d: job.get("providers", {}).get(d, "CPUExecutionProvider") for d in manifest["devices"]}
    host = host_outputs(manifest, specs)
    workers = [Worker(d, subs, sessions, state, cpu, device_memory(specs[d]), host)
               for (d, subs), cpu in zip(by_device.items(), cpu_pins(by_device, job))]
    for w in workers:
        w.start()
    names = [o.name for o in whole.get_outputs()]
    runs, whole_times = [], []
    # The plan and the whole model take turns, so that both see the same machine conditions.
    for r in range(job["warmup"] + job["runs"]):
        t0 = time.perf_counter()
        drive(workers, state, values)
        t1 = time.perf_counter()
        reference = dict(zip(names, whole.run(None, feeds)))
        t2 = time.perf_counter()
        if r >= job["warmup"]:
            subs = [{"file": f, "start": a - t0, "finish": b - t0} for f, (a, b) in state.times.items()]
            runs.append({"seconds": max(s["finish"] for s in subs), "submodels": subs})
            whole_times.append(t2 - t1)
    outputs = {name: state.tensors[name].numpy() for name in manifest["graphOutputs"]}
    for w in workers:
        w.go.put(False)
    worst = max_difference(outputs, reference)
    return {"ortVersion": ort.__version__, "providers": {d: job.get("providers", {}).get(d, "CPUExecutionProvider") for d in manifest["devices"]},
            "runs": runs, "wholeModelSeconds": whole_times, "maxAbsDifference": worst,
            "inputs": {k: {"shape": list(v.shape), "dtype": str(v.dtype)} for k, v in feeds.items()}}


def ray_resource(device):
    """The custom resource that places a device's actor: a Ray node started with
    `ray start --resources='{"diviml_DEVICE": 1}'` holds DEVICE."""
    return "diviml_" + "".join(c if c.isalnum() or c in "-_" else "_" for c in device)


def start_ray(job, devices):
    """Connects to the cluster at job["rayAddress"], or, for `local-cluster`, starts one Ray
    node per device on this machine (each with its device's resource), standing for servers."""
    import ray
    address = job.get("rayAddress") or "local-cluster"
    if address != "local-cluster":
        ray.init(address=address, logging_level="ERROR", log_to_driver=False)
        return None
    from ray.cluster_utils import Cluster
    node = {"num_cpus": 1, "object_store_memory": 80 * 1024 * 1024}
    cluster = Cluster(initialize_head=True, head_node_args=dict(node, resources={ray_resource(devices[0]): 1}))
    for d in devices[1:]:
        cluster.add_node(**dict(node, resources={ray_resource(d): 1}))
    ray.init(address=cluster.address, logging_level="ERROR", log_to_driver=False)
    return cluster


def ray_worker_class():
    import ray

    @ray.remote(num_cpus=0)
    class DeviceWorker:
        """One device: one session per sub-model (sent as bytes, so the actor may live on
        another server; external weights must be at the same path there)."""

        def __init__(self, models, options_job, providers):
            import onnxruntime
            self.sessions = {f: onnxruntime.InferenceSession(b, session_options(options_job), providers=providers)
                             for f, b in models.items()}
            self.node = ray.get_runtime_context().get_node_id()

        def run(self, file, outputs, names, *inputs):
            start = time.time()
            results = self.sessions[file].run(outputs, dict(zip(names, inputs)))
            return [(start, time.time(), self.node)] + list(results)

    return DeviceWorker


def run_plan_ray(job):
    """`run` with job["engine"] == "ray": each device's worker is a Ray actor placed by its
    device's custom resource; tensors travel through Ray's object store as ObjectRefs, and an
    actor runs its sub-models in manifest order, each once its inputs are resolved."""
    import ray
    job = dict(job, weightsFolder=weights_folder(job["model"], job["weightsFolder"]))
    folder = os.path.dirname(job["manifest"])
    with open(job["manifest"]) as f:
        manifest = json.load(f)
    devices = manifest["devices"]
    whole = ort.InferenceSession(job["model"], session_options(job), providers=["CPUExecutionProvider"])
    feeds = make_feeds(whole, job)
    specs = {d: job.get("providers", {}).get(d, "CPUExecutionProvider") for d in devices}
    providers = {d: providers_for(specs[d]) for d in devices}
    # Shapes from one run here, on the CPU: the actors' sessions are loaded with them, as `run`'s are.
    shapes = tensor_shapes(manifest, folder, job, {d: ["CPUExecutionProvider"] for d in devices}, feeds)
    cluster = start_ray(job, devices)
    try:
        Worker = ray_worker_class()
        actors = {}
        for d in devices:
            models = {}
            for s in manifest["submodels"]:
                if s["device"] == d:
                    models[s["file"]] = relaxed(os.path.join(folder, s["file"]), shapes)
            if models:
                actors[d] = Worker.options(resources={ray_resource(d): 1}).remote(models, job, providers[d])
        names = [o.name for o in whole.get_outputs()]
        runs, whole_times, nodes = [], [], {}
        for r in range(job["warmup"] + job["runs"]):
            t0 = time.time()
            refs = {n: ray.put(v) for n, v in feeds.items()}
            timing = {}
            for s in manifest["submodels"]:
                out = actors[s["device"]].run.options(num_returns=len(s["outputs"]) + 1).remote(
                    s["file"], s["outputs"], s["inputs"], *[refs[n] for n in s["inputs"]])
                timing[s["file"]] = out[0]
                refs.update(zip(s["outputs"], out[1:]))
            times = dict(zip(timing, ray.get(list(timing.values()))))
            outputs = dict(zip(manifest["graphOutputs"], ray.get([refs[n] for n in manifest["graphOutputs"]])))
            t1 = time.perf_counter()
            reference = dict(zip(names, whole.run(None, feeds)))
            t2 = time.perf_counter()
            if r >= job["warmup"]:
                subs = [{"file": f, "start": a - t0, "finish": b - t0} for f, (a, b, _) in times.items()]
                runs.append({"seconds": max(x["finish"] for x in subs), "submodels": subs})
                whole_times.append(t2 - t1)
                nodes = {f: n for f, (_, _, n) in times.items()}
    finally:
        ray.shutdown()
        if cluster is not None:
            cluster.shutdown()
    worst = max_difference(outputs, reference)
    return {"ortVersion": ort.__version__, "providers": specs, "runs": runs, "wholeModelSeconds": whole_times,
            "maxAbsDifference": worst, "rayNodes": nodes,
            "inputs": {k: {"shape": list(v.shape), "dtype": str(v.dtype)} for k, v in feeds.items()}}


def max_difference(outputs, reference):
    """The largest |difference| of any element of the plan's outputs from the whole model's."""
    worst = 0.0
    for name, value in reference.items():
        got = outputs[name]
        if got.shape != value.shape:
            raise RuntimeError(f"output '{name}' has shape {list(got.shape)}, the whole model's {list(value.shape)}")
        if value.size:
            worst = max(worst, float(np.max(np.abs(got.astype(np.float64) - value.astype(np.float64)))))
    return worst


WEIGHTS_KEY = "diviml.external_data_folder"


def weights_folder(model_path, default):
    """Where the external-data files of `model_path` are: the folder recorded in its metadata
    by `profile` (an optimised graph keeps referring to the original's weight files), else `default`."""
    import onnx
    model = onnx.load(model_path, load_external_data=False)
    for prop in model.metadata_props:
        if prop.key == WEIGHTS_KEY:
            return prop.value
    return default


def name_nodes(path, weights):
    """Gives every unnamed node of the model at `path` a unique name (the profiler reports
    kernels by node name) and records `weights`, the folder of the external-data files it
    still refers to; the weights stay where they are. Returns the node count."""
    import onnx
    model = onnx.load(path, load_external_data=False)
    used = {n.name for n in model.graph.node if n.name}
    for i, node in enumerate(model.graph.node):
        if not node.name:
            candidate = f"{node.op_type}_{i}"
            while candidate in used:
                candidate += "_"
            node.name = candidate
            used.add(candidate)
    kept = [p for p in model.metadata_props if p.key != WEIGHTS_KEY]
    del model.metadata_props[:]
    model.metadata_props.extend(kept)
    model.metadata_props.add(key=WEIGHTS_KEY, value=weights)
    onnx.save(model, path)
    return len(model.graph.node)


def traced_shapes(kernel_events):
    """Node name -> (dtype name, dims) of each of its outputs as ONNX Runtime ran them (the
    trace's `output_type_shape`: one {dtype: dims} per output), from a trace's kernel events."""
    shapes = {}
    for e in kernel_events:
        outputs = e.get("args", {}).get("output_type_shape")
        if isinstance(outputs, list):
            shapes[e["name"][: -len("_kernel_time")]] = [next(iter(o.items()), None) if isinstance(o, dict) else None
                                                        for o in outputs]
    return shapes


# The trace's dtype names -> ONNX TensorProto element types.
TRACE_TYPES = {"float": 1, "uint8": 2, "int8": 3, "uint16": 4, "int16": 5, "int32": 6, "int64": 7, "string": 8, "bool": 9,
               "float16": 10, "double": 11, "uint32": 12, "uint64": 13, "bfloat16": 16}


def record_shapes(path, shapes):
    """Writes the shapes ONNX Runtime produced (`traced_shapes`) as the `value_info` of every
    node output of the model at `path`, so that `diviml` imports the tensors as ORT runs them:
    its own inference does not know ORT's fused and re-laid-out nodes (in ConvNeXt's optimised
    graph it got the rank of 69 of 265 tensors wrong). Returns how many were recorded."""
    import onnx
    from onnx import helper
    model = onnx.load(path, load_external_data=False)
    graph = model.graph
    types = {v.name: v.type.tensor_type.elem_type for v in list(graph.value_info) + list(graph.output)
             if v.type.HasField("tensor_type") and v.type.tensor_type.elem_type}
    outputs = {o.name for o in graph.output}
    infos, recorded = {v.name: v for v in graph.value_info}, 0
    for node in graph.node:
        for name, traced in zip(node.output, shapes.get(node.name, [])):
            dtype, dims = traced if traced else (None, None)
            if not name or name in outputs or not isinstance(dims, list) or not all(isinstance(d, int) and d >= 0 for d in dims):
                continue
            elem = types.get(name) or TRACE_TYPES.get(dtype, onnx.TensorProto.FLOAT)
            infos[name] = helper.make_tensor_value_info(name, elem, dims)
            recorded += 1
    del graph.value_info[:]
    graph.value_info.extend(infos[k] for k in sorted(infos))
    onnx.save(model, path)
    return recorded


def kernel_events(events):
    """The kernel events of a trace (one per node per run), in time order."""
    return sorted((e for e in events if e.get("cat") == "Node" and e.get("name", "").endswith("_kernel_time")),
                  key=lambda e: e["ts"])


def trace_figures(events, kernel_list, runs):
    """Median kernel time per node, and the median per run of (whole run - its kernels): the
    session's time between kernels, over the last `runs` runs of a trace. `kernel_list` is
    `kernel_events(events)`; each run's kernels are found by bisection on it."""
    import bisect
    run_events = [e for e in events if e.get("cat") == "Session" and e.get("name") == "model_run"][-runs:]
    starts = [e["ts"] for e in kernel_list]
    kernels, op_types, gaps, totals = {}, {}, [], []
    for r in run_events:
        start, end = r["ts"], r["ts"] + r["dur"]
        inside = kernel_list[bisect.bisect_left(starts, start):bisect.bisect_right(starts, end)]
        for e in inside:
            node = e["name"][: -len("_kernel_time")]
            kernels.setdefault(node, []).append(e["dur"] * 1e-6)
            op_types[node] = e.get("args", {}).get("op_name", "")
        gaps.append((r["dur"] - sum(e["dur"] for e in inside)) * 1e-6)
        totals.append(r["dur"] * 1e-6)
    return kernels, op_types, median(gaps) if gaps else None, median(totals) if totals else None


def profile_model(job):
    optimized = job["optimizedModel"]
    options = session_options(job, level=job["optLevel"])
    options.optimized_model_filepath = optimized
    devices = job["devices"]
    # The optimised graph is written once, by the CPU provider when one is measured (else the
    # first spec in sorted order), so that the same job writes the same file.
    writer = "CPUExecutionProvider" if "CPUExecutionProvider" in devices else sorted(devices)[0]
    ort.InferenceSession(job["model"], options, providers=providers_for(devices[writer]))
    node_count = name_nodes(optimized, weights_folder(job["model"], job["weightsFolder"]))
    result = {"ortVersion": ort.__version__, "optLevel": job["optLevel"], "nodeCount": node_count, "devices": {}}
    for device, spec in devices.items():
        job = dict(job, weightsFolder=weights_folder(optimized, job["weightsFolder"]))
        session = ort.InferenceSession(optimized, session_options(job, level="disabled", profile=True), providers=providers_for(spec))
        feeds = make_feeds(session, job)
        for _ in range(job["warmup"] + job["runs"]):
            session.run(None, feeds)
        trace = session.end_profiling()
        with open(trace) as f:
            events = json.load(f)
        os.remove(trace)
        # A GPU session adds copy nodes of its own (MemcpyFromHost/MemcpyToHost) around the
        # graph: not nodes of the file, and what the plan's links charge, so they are dropped.
        kernel_list = [e for e in kernel_events(events) if e.get("args", {}).get("op_name") not in ("MemcpyFromHost", "MemcpyToHost")]
        kernels, op_types, gap, total = trace_figures(events, kernel_list, job["runs"])
        if "shapesRecorded" not in result:
            result["shapesRecorded"] = record_shapes(optimized, traced_shapes(kernel_list))
        # The same graph without the profiler, timed from Python as `diviml run` calls it: the
        # profiler's own cost per node would otherwise count as the nodes' (docs/deploy.md).
        plain = ort.InferenceSession(optimized, session_options(job, level="disabled"), providers=providers_for(spec))
        plain_times = []
        values = {n: ort.OrtValue.ortvalue_from_numpy(v) for n, v in feeds.items()}
        outputs = [o.name for o in plain.get_outputs()]
        for r in range(job["warmup"] + job["runs"]):
            t0 = time.perf_counter()
            plain.run_with_ort_values(outputs, values)
            if r >= job["warmup"]:
                plain_times.append(time.perf_counter() - t0)
        result["devices"][device] = {
            "provider": spec,
            "nodes": {n: median(v) for n, v in kernels.items()},
            "opTypes": op_types,
            "modelRunSeconds": total,
            "betweenKernelsSeconds": gap,
            "unprofiledRunSeconds": median(plain_times),
            "calls": {n: len(v) for n, v in kernels.items()},
        }
    result["boundaries"] = boundary_costs(job)
    return result


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("run", "profile"):
        sys.exit("usage: ort-runner.py run|profile JOB.json RESULT.json")
    with open(sys.argv[2]) as f:
        job = json.load(f)
    try:
        if sys.argv[1] == "profile":
            result = profile_model(job)
        elif job.get("engine") == "ray":
            try:
                import ray  # noqa: F401
            except ImportError:
                raise UserError("engine", "the ray engine needs Ray in the project's .venv: bash scripts/setup-python.sh --ray")
            result = run_plan_ray(job)
        else:
            result = run_plan(job)
        status = 0
    except UserError as error:
        result, status = {"error": {"kind": error.kind, "message": str(error)}}, 3
    except Exception as error:
        result, status = {"error": {"kind": "runtime", "message": f"{type(error).__name__}: {error}"}}, 4
    with open(sys.argv[3], "w") as f:
        json.dump(result, f)
    sys.exit(status)


if __name__ == "__main__":
    main()
