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

    /// Runs the plan off the network queue. Its messages go through `send` as they come, except the last one
    /// (`done`, or an `error` with the plan's id), which is handed to `finished` so the server can mark itself
    /// free before the host hears that the plan is over and sends the next one.
    func run(finished: @escaping (_ last: [String: Any]) -> Void) {
        Task.detached(priority: .userInitiated) { [self] in
            let last = await self.execute()
            finished(last)
        }
    }

    private func failure(_ code: String, _ message: String) -> [String: Any] {
        status.update { $0.activity = "Plan \(self.plan.id): \(message)" }
        return ["type": "error", "id": plan.id, "code": code, "message": message]
    }

    private func done(predictions: Int, warmup: Int, cancelled: Bool) -> [String: Any] {
        status.update { $0.activity = "Plan \(self.plan.id): \(cancelled ? "cancelled" : "done")" }
        return ["type": "done", "id": plan.id, "predictions": predictions, "warmup": warmup, "cancelled": cancelled]
    }

    /// The plan's last message. A cancel is honoured after each step (sha256 check, compile, load, MLComputePlan)
    /// and before each prediction; a cancelled plan ends with `done` and `cancelled: true`, and the message of the
    /// step it interrupted (`compiled`, `loaded`, `compute-plan`) is not sent, as on the virtual iPhone.
    private func execute() async -> [String: Any] {
        let url = plan.fileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            return failure("model-missing", "There is no model at \(plan.modelPath) in the app's container; push it there first.")
        }
        // A .mlmodel is one file and is checked byte for byte; .mlpackage and .mlmodelc are folders, not hashed here.
        if !isDirectory.boolValue {
            let digest: String
            do {
                digest = try Self.sha256Hex(of: url)
            } catch {
                return failure("model-missing", "The model at \(plan.modelPath) cannot be read.")
            }
            guard digest == plan.sha256 else {
                return failure("model-missing", "The file at \(plan.modelPath) is not the model asked for (its sha256 is \(digest)); push it again.")
            }
        }
        if isCancelled { return done(predictions: 0, warmup: 0, cancelled: true) }
        status.update { $0.activity = "Plan \(self.plan.id): compiling" }

        // compileModel(at:) writes a new .mlmodelc into the app's temporary folder for every plan; it is removed
        // when the plan ends, however it ends. An .mlmodelc the host pushed is used in place and kept.
        let compiledHere = url.pathExtension != "mlmodelc"
        let compiledURL: URL
        let compileStart = ProbeClock.nowNs()
        if compiledHere {
            do {
                compiledURL = try await MLModel.compileModel(at: url)
            } catch {
                return failure("compile-failed", "Core ML could not compile the model: \(error.localizedDescription)")
            }
        } else {
            compiledURL = url
        }
        defer {
            if compiledHere { try? FileManager.default.removeItem(at: compiledURL) }
        }
        let compileMs = Double(ProbeClock.nowNs() - compileStart) / 1e6
        if isCancelled { return done(predictions: 0, warmup: 0, cancelled: true) }
        send(["type": "compiled", "id": plan.id, "compileMs": compileMs])

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
            return failure("load-failed", "Core ML could not load the model: \(error.localizedDescription)")
        }
        let loadMs = Double(ProbeClock.nowNs() - loadStart) / 1e6
        if isCancelled { return done(predictions: 0, warmup: 0, cancelled: true) }
        send(["type": "loaded", "id": plan.id, "loadMs": loadMs])

        if plan.computePlan {
            let message = await computePlanMessage(compiledURL: compiledURL, configuration: configuration)
            if isCancelled { return done(predictions: 0, warmup: 0, cancelled: true) }
            send(message)
        }

        let input: MLFeatureProvider
        do {
            input = try DummyInput.make(for: model.modelDescription)
        } catch {
            return failure("predict-failed", "Could not make inputs for this model: \(error.localizedDescription)")
        }
        status.update { $0.activity = "Plan \(self.plan.id): running on \(self.plan.computeUnits.rawValue)" }
        do {
            let warm = try predictions(model: model, input: input, count: plan.warmup, warmup: true)
            var runs = (count: 0, cancelled: true)
            if !warm.cancelled {
                runs = try predictions(model: model, input: input, count: plan.runs, warmup: false, minDurationMs: plan.minDurationMs)
            }
            return done(predictions: runs.count, warmup: warm.count, cancelled: runs.cancelled)
        } catch {
            return failure("predict-failed", "A prediction failed: \(error.localizedDescription)")
        }
    }

    /// SHA-256 of a file, read 4 MiB at a time so a large model is never in memory whole.
    private static func sha256Hex(of url: URL) throws -> String {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hasher = SHA256()
        while true {
            let chunk = try autoreleasepool { try handle.read(upToCount: 4 * 1024 * 1024) }
            guard let chunk, !chunk.isEmpty else { break }
            hasher.update(data: chunk)
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// `count` predictions, then more until `minDurationMs` has passed since the first began (as benchmark_model's
    /// --min_secs), never more than 1,000,000.
    private func predictions(model: MLModel, input: MLFeatureProvider, count: Int, warmup: Bool, minDurationMs: Int? = nil) throws -> (count: Int, cancelled: Bool) {
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
        var index = 0
        var untilNs: UInt64? = nil
        while index < count || (untilNs.map({ ProbeClock.nowNs() < $0 }) ?? false) && index < 1_000_000 {
            if isCancelled {
                flush()
                return (index, true)
            }
            let t0 = mach_continuous_time()
            if index == 0, let ms = minDurationMs { untilNs = ProbeClock.toNs(t0) + UInt64(ms) * 1_000_000 }
            _ = try model.prediction(from: input)
            let t1 = mach_continuous_time()
            let startNs = ProbeClock.toNs(t0)
            starts.append(String(startNs))
            durations.append(ProbeClock.toNs(t1) - startNs)
            if ProbeClock.nowNs() - lastFlush >= Self.batchNs { flush() }
            index += 1
        }
        flush()
        return (index, false)
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
            "preferred": JSONValue.orNull(usage.map { deviceName($0.preferred) }),
            "supported": usage.map { $0.supported.map(deviceName) } ?? [String](),
            "weight": JSONValue.orNull(weight),
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
            // IOSurface-backed, as a camera frame is, so the GPU and the Neural Engine can read it without a copy
            // that would otherwise be timed with every prediction.
            let attributes = [kCVPixelBufferIOSurfacePropertiesKey as String: [String: Any]()] as CFDictionary
            let result = CVPixelBufferCreate(kCFAllocatorDefault, constraint.pixelsWide, constraint.pixelsHigh, format, attributes, &buffer)
            guard result == kCVReturnSuccess, let buffer else { throw Unsupported(name: feature.name) }
            zeroFill(buffer)
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

    /// CVPixelBufferCreate does not promise zeroed memory.
    private static func zeroFill(_ buffer: CVPixelBuffer) {
        guard CVPixelBufferLockBaseAddress(buffer, []) == kCVReturnSuccess else { return }
        defer { CVPixelBufferUnlockBaseAddress(buffer, []) }
        if CVPixelBufferIsPlanar(buffer) {
            for plane in 0..<CVPixelBufferGetPlaneCount(buffer) {
                guard let base = CVPixelBufferGetBaseAddressOfPlane(buffer, plane) else { continue }
                memset(base, 0, CVPixelBufferGetBytesPerRowOfPlane(buffer, plane) * CVPixelBufferGetHeightOfPlane(buffer, plane))
            }
        } else if let base = CVPixelBufferGetBaseAddress(buffer) {
            memset(base, 0, CVPixelBufferGetBytesPerRow(buffer) * CVPixelBufferGetHeight(buffer))
        }
    }
}
