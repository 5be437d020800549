import Foundation

/// A host → app message, checked the way the host's zod schemas describe it.
enum ProbeHostMessage {
    case hello
    case clock(hostMs: Double)
    case plan(ProbePlan)
    case cancel(id: String)

    static func parse(_ m: [String: Any]) throws -> ProbeHostMessage {
        guard JSONValue.integer(m["v"]) == ProbeServer.protocolVersion else { throw ProbeMessageError("v must be \(ProbeServer.protocolVersion)") }
        switch m["type"] as? String {
        case "hello":
            // zod's max(200) counts UTF-16 code units.
            guard let host = m["host"] as? String, host.utf16.count <= 200 else { throw ProbeMessageError("hello needs a host of at most 200 characters") }
            return .hello
        case "clock":
            // Echoed back unchanged as a Double; the host matches the next clock reply, not this value.
            guard let hostMs = JSONValue.number(m["hostMs"]) else { throw ProbeMessageError("clock needs hostMs, a number") }
            return .clock(hostMs: hostMs)
        case "plan":
            return .plan(try ProbePlan(m))
        case "cancel":
            return .cancel(id: try planId(m["id"]))
        default:
            throw ProbeMessageError("unknown message type")
        }
    }
}

struct ProbeMessageError: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}

enum ProbeComputeUnits: String {
    case cpuOnly, cpuAndGPU, cpuAndNeuralEngine, all
}

struct ProbePlan {
    let id: String
    /// Inside the app's container, e.g. /Documents/models/<sha256>.mlmodel.
    let modelPath: String
    let sha256: String
    let computeUnits: ProbeComputeUnits
    let warmup: Int
    let runs: Int
    /// Keep predicting after `runs` until this many ms have passed since the first timed prediction (nil: exactly `runs`).
    let minDurationMs: Int?
    let computePlan: Bool

    init(_ m: [String: Any]) throws {
        id = try planId(m["id"])
        guard let path = m["modelPath"] as? String,
              path.range(of: #"^/Documents/models/[0-9a-f]{64}\.(mlmodel|mlpackage|mlmodelc)$"#, options: .regularExpression) != nil
        else { throw ProbeMessageError("modelPath must be /Documents/models/<sha256>.mlmodel|mlpackage|mlmodelc") }
        modelPath = path
        guard let sha = m["sha256"] as? String, sha.range(of: #"^[0-9a-f]{64}$"#, options: .regularExpression) != nil
        else { throw ProbeMessageError("sha256 must be 64 lowercase hex digits") }
        sha256 = sha
        guard let units = (m["computeUnits"] as? String).flatMap(ProbeComputeUnits.init(rawValue:))
        else { throw ProbeMessageError("computeUnits must be cpuOnly, cpuAndGPU, cpuAndNeuralEngine or all") }
        computeUnits = units
        guard let warmup = JSONValue.integer(m["warmup"]), (0...100_000).contains(warmup) else { throw ProbeMessageError("warmup must be an integer 0…100000") }
        guard let runs = JSONValue.integer(m["runs"]), (1...1_000_000).contains(runs) else { throw ProbeMessageError("runs must be an integer 1…1000000") }
        guard let computePlan = JSONValue.boolean(m["computePlan"]) else { throw ProbeMessageError("computePlan must be true or false") }
        if m["minDurationMs"] == nil {
            minDurationMs = nil
        } else {
            guard let ms = JSONValue.integer(m["minDurationMs"]), (1...86_400_000).contains(ms) else { throw ProbeMessageError("minDurationMs must be an integer 1…86400000") }
            minDurationMs = ms
        }
        self.warmup = warmup
        self.runs = runs
        self.computePlan = computePlan
    }

    /// The file inside this app's container.
    var fileURL: URL {
        URL(fileURLWithPath: NSHomeDirectory()).appendingPathComponent(String(modelPath.dropFirst()))
    }
}

/// Strict reads of JSONSerialization's values. Foundation hands JSON numbers and booleans back as NSNumber
/// alike, so `as? Int` takes `true` and `as? Bool` takes `1`; the protocol's schemas do not.
enum JSONValue {
    /// A JSON number (not `true`/`false`) that is finite.
    static func number(_ value: Any?) -> Double? {
        guard let n = value as? NSNumber, CFGetTypeID(n) != CFBooleanGetTypeID() else { return nil }
        let d = n.doubleValue
        return d.isFinite ? d : nil
    }

    /// A JSON number with no fractional part (zod's int() takes 3.0 as well as 3), within Int's range.
    static func integer(_ value: Any?) -> Int? {
        guard let n = value as? NSNumber, CFGetTypeID(n) != CFBooleanGetTypeID() else { return nil }
        let d = n.doubleValue
        guard d.isFinite, d.rounded(.towardZero) == d, abs(d) <= 9_007_199_254_740_991 else { return nil }
        return Int(exactly: d)
    }

    /// JSON `true` or `false` only (a CFBoolean), not 0 or 1.
    static func boolean(_ value: Any?) -> Bool? {
        guard let n = value as? NSNumber, CFGetTypeID(n) == CFBooleanGetTypeID() else { return nil }
        return n.boolValue
    }

    /// `value`, or JSON null when it is nil.
    static func orNull(_ value: Any?) -> Any {
        value ?? NSNull()
    }
}

private func planId(_ value: Any?) throws -> String {
    guard let id = value as? String, id.range(of: #"^[A-Za-z0-9_-]{1,64}$"#, options: .regularExpression) != nil
    else { throw ProbeMessageError("id must be 1–64 letters, digits, _ or -") }
    return id
}

enum UIDeviceInfo {
    /// "18.1", "17.3.1": what Settings › General › About shows.
    static let systemVersion: String = {
        let v = ProcessInfo.processInfo.operatingSystemVersion
        return v.patchVersion > 0 ? "\(v.majorVersion).\(v.minorVersion).\(v.patchVersion)" : "\(v.majorVersion).\(v.minorVersion)"
    }()
}
