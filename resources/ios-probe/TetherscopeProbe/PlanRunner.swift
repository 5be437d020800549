import CoreML
import CoreVideo
import CryptoKit
import Foundation

/// Runs one plan: check the model's sha256, compile, load for the compute units, report MLComputePlan's
/// placement (iOS 17.4+), time the warm-up and the runs, and send prediction batches about every 50 ms.
final class PlanRunner {
    let plan: ProbePlan
    weak var owner: ProbeConnection?
    private let send: ([String: Any]) -> Void
    private let status: ProbeStatus
    private let lock = NSLock()
    private var cancelled = false

    private static let batchNs: UInt64 = 50_000_000

    init(plan: ProbePlan, owner: ProbeConnection, send: @escaping ([String: Any]) -> Void, status: ProbeStatus) {
        self.plan = plan
        self.owner = owner
        self.send = send
        self.status = status
    }

    func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
    }

    private var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    func run(finished: @escaping () -> Void) {
        Task.detached(priority: .userInitiated) { [self] in
            await self.execute()
            finished()
        }
    }

    private func fail(_ code: String, _ message: String) {
        send(["type": "error", "id": plan.id, "code": code, "message": message])
        status.update { $0.activity = "Plan \(self.plan.id): \(message)" }
    }

    private func execute() async {
        let url = plan.fileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            return fail("model-missing", "There is no model at \(plan.modelPath) in the app's container; push it there first.")
        }
        // A .mlmodel is one file and is checked byte for byte; .mlpackage and .mlmodelc are folders, not hashed here.
        if !isDirectory.boolValue {
            guard let bytes = try? Data(contentsOf: url) else {
                return fail("model-missing", "The model at \(plan.modelPath) cannot be read.")
            }
            let digest = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
            guard digest == plan.sha256 else {
                return fail("model-missing", "The file at \(plan.modelPath) is not the model asked for (its sha256 is \(digest)); push it again.")
            }
        }
        status.update { $0.activity = "Plan \(self.plan.id): compiling" }

        let compiledURL: URL
        let compileStart = ProbeClock.nowNs()
        if url.pathExtension == "mlmodelc" {
            compiledURL = url
        } else {
            do {
                compiledURL = try await MLModel.compileModel(at: url)
            } catch {
                return fail("compile-failed", "Core ML could not compile the model: \(error.localizedDescription)")
            }
        }
        send(["type": "compiled", "id": plan.id, "compileMs": Double(ProbeClock.nowNs() - compileStart) / 1e6])

        let configuration = MLModelConfiguration()
        switch plan.computeUnits {
        case .cpuOnly: configuration.computeUnits = .cpuOnly
        case .cpuAndGPU: configuration.computeUnits = .cpuAndGPU
        case .cpuAndNeuralEngine: configuration.computeUnits = .cpuAndNeuralEngine
        case .all: configuration.computeUnits = .all
        }
        let model: MLModel
        let loadStart = ProbeClock.nowNs()
        do {
            model = try MLModel(contentsOf: compiledURL, configuration: configuration)
        } catch {
            return fail("load-failed", "Core ML could not load the model: \(error.localizedDescription)")
        }
        send(["type": "loaded", "id": plan.id, "loadMs": Double(ProbeClock.nowNs() - loadStart) / 1e6])

        if plan.computePlan {
            send(await computePlanMessage(compiledURL: compiledURL, configuration: configuration))
        }

        let input: MLFeatureProvider
        do {
            input = try DummyInput.make(for: model.modelDescription)
        } catch {
            return fail("predict-failed", "Could not make inputs for this model: \(error.localizedDescription)")
        }
        status.update { $0.activity = "Plan \(self.plan.id): running on \(self.plan.computeUnits.rawValue)" }
        do {
            let warm = try predictions(model: model, input: input, count: plan.warmup, warmup: true)
            var runs = (count: 0, cancelled: true)
            if !warm.cancelled {
                runs = try predictions(model: model, input: input, count: plan.runs, warmup: false)
            }
            send(["type": "done", "id": plan.id, "predictions": runs.count, "warmup": warm.count, "cancelled": runs.cancelled])
            status.update { $0.activity = "Plan \(self.plan.id): done" }
        } catch {
            fail("predict-failed", "A prediction failed: \(error.localizedDescription)")
        }
    }

    private func predictions(model: MLModel, input: MLFeatureProvider, count: Int, warmup: Bool) throws -> (count: Int, cancelled: Bool) {
        var first = 0
        var starts: [String] = []
        var durations: [UInt64] = []
        var lastFlush = ProbeClock.nowNs()
        func flush() {
            guard !starts.isEmpty else { return }
            send(["type": "predictions", "id": plan.id, "first": first, "warmup": warmup, "startNs": starts, "durNs": durations])
            first += starts.count
            starts.removeAll(keepingCapacity: true)
            durations.removeAll(keepingCapacity: true)
            lastFlush = ProbeClock.nowNs()
        }
        for index in 0..<count {
            if isCancelled {
                flush()
                return (index, true)
            }
            let t0 = mach_continuous_time()
            _ = try model.prediction(from: input)
            let t1 = mach_continuous_time()
            let startNs = ProbeClock.toNs(t0)
            starts.append(String(startNs))
            durations.append(ProbeClock.toNs(t1) - startNs)
            if ProbeClock.nowNs() - lastFlush >= Self.batchNs { flush() }
        }
        flush()
        return (count, false)
    }

    private func computePlanMessage(compiledURL: URL, configuration: MLModelConfiguration) async -> [String: Any] {
        var message: [String: Any] = ["type": "compute-plan", "id": plan.id, "ops": NSNull(), "unavailable": NSNull()]
        guard #available(iOS 17.4, *) else {
            message["unavailable"] = "MLComputePlan needs iOS 17.4 or later; this iPhone runs iOS \(UIDeviceInfo.systemVersion)."
            return message
        }
        do {
            let computePlan = try await MLComputePlan.load(contentsOf: compiledURL, configuration: configuration)
            switch computePlan.modelStructure {
            case .neuralNetwork(let network):
                message["ops"] = network.layers.map { layer -> [String: Any] in
                    Self.op(name: layer.name, opType: layer.type, usage: computePlan.deviceUsage(for: layer), weight: nil)
                }
            case .program(let program):
                guard let main = program.functions["main"] else {
                    message["unavailable"] = "The ML Program has no main function."
                    return message
                }
                message["ops"] = main.block.operations.map { operation -> [String: Any] in
                    let name = operation.outputs.first?.name ?? operation.operatorName
                    return Self.op(name: name, opType: operation.operatorName, usage: computePlan.deviceUsage(for: operation),
                                   weight: computePlan.estimatedCost(of: operation)?.weight)
                }
            case .pipeline:
                message["unavailable"] = "Per-op placement of pipeline models is not read yet."
            case .unsupported:
                message["unavailable"] = "MLComputePlan does not describe this kind of model."
            @unknown default:
                message["unavailable"] = "MLComputePlan returned a model structure this app does not know."
            }
        } catch {
            message["unavailable"] = "MLComputePlan could not load the model: \(error.localizedDescription)"
        }
        return message
    }

    @available(iOS 17.4, *)
    private static func op(name: String, opType: String, usage: MLComputePlan.DeviceUsage?, weight: Double?) -> [String: Any] {
        [
            "name": name,
            "opType": opType,
            "preferred": usage.map { deviceName($0.preferred) } ?? NSNull(),
            "supported": usage.map { $0.supported.map(deviceName) } ?? [],
            "weight": weight ?? NSNull(),
        ]
    }

    @available(iOS 17.0, *)
    private static func deviceName(_ device: MLComputeDevice) -> String {
        switch device {
        case .cpu: return "cpu"
        case .gpu: return "gpu"
        case .neuralEngine: return "neuralEngine"
        @unknown default: return "cpu"
        }
    }
}

/// Inputs of the right shape and type, filled with zeros: the probe times the model, it does not evaluate it.
enum DummyInput {
    struct Unsupported: LocalizedError {
        let name: String
        var errorDescription: String? { "input \(name) is of a type the probe cannot fill" }
    }

    static func make(for description: MLModelDescription) throws -> MLFeatureProvider {
        var values: [String: MLFeatureValue] = [:]
        for (name, feature) in description.inputDescriptionsByName {
            values[name] = try value(for: feature)
        }
        return try MLDictionaryFeatureProvider(dictionary: values)
    }

    private static func value(for feature: MLFeatureDescription) throws -> MLFeatureValue {
        switch feature.type {
        case .multiArray:
            guard let constraint = feature.multiArrayConstraint else { throw Unsupported(name: feature.name) }
            let array = try MLMultiArray(shape: constraint.shape, dataType: constraint.dataType)
            array.withUnsafeMutableBytes { bytes, _ in
                bytes.initializeMemory(as: UInt8.self, repeating: 0)
            }
            return MLFeatureValue(multiArray: array)
        case .image:
            guard let constraint = feature.imageConstraint else { throw Unsupported(name: feature.name) }
            var buffer: CVPixelBuffer?
            let format = constraint.pixelFormatType == 0 ? kCVPixelFormatType_32BGRA : constraint.pixelFormatType
            CVPixelBufferCreate(kCFAllocatorDefault, constraint.pixelsWide, constraint.pixelsHigh, format, nil, &buffer)
            guard let buffer else { throw Unsupported(name: feature.name) }
            return MLFeatureValue(pixelBuffer: buffer)
        case .int64:
            return MLFeatureValue(int64: 0)
        case .double:
            return MLFeatureValue(double: 0)
        case .string:
            return MLFeatureValue(string: "")
        default:
            throw Unsupported(name: feature.name)
        }
    }
}
