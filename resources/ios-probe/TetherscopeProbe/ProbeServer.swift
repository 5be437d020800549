import Foundation
import Network

/// Listens on 127.0.0.1:PROBE_PORT (usbmuxd's Connect reaches the phone's loopback) and serves each connection.
final class ProbeServer {
    static let port: UInt16 = 47800
    static let protocolVersion = 1
    static let maxLineBytes = 4 * 1024 * 1024

    let status: ProbeStatus
    let queue = DispatchQueue(label: "dev.tetherscope.probe.network")
    private var listener: NWListener?
    private var connections: [ObjectIdentifier: ProbeConnection] = [:]
    /// The app runs one plan at a time, whichever connection asked for it.
    private(set) var running: PlanRunner?
    private var thermalObserver: NSObjectProtocol?

    init(status: ProbeStatus) {
        self.status = status
    }

    func start() {
        let parameters = NWParameters.tcp
        parameters.requiredInterfaceType = .loopback
        parameters.allowLocalEndpointReuse = true
        do {
            let listener = try NWListener(using: parameters, on: NWEndpoint.Port(rawValue: Self.port)!)
            listener.newConnectionHandler = { [weak self] connection in self?.accept(connection) }
            listener.stateUpdateHandler = { [weak self] state in
                switch state {
                case .ready: self?.status.update { $0.listening = "Listening on port \(Self.port)" }
                case .failed(let error): self?.status.update { $0.listening = "Cannot listen: \(error)" }
                default: break
                }
            }
            listener.start(queue: queue)
            self.listener = listener
        } catch {
            status.update { $0.listening = "Cannot listen: \(error)" }
        }
        thermalObserver = NotificationCenter.default.addObserver(
            forName: ProcessInfo.thermalStateDidChangeNotification, object: nil, queue: nil
        ) { [weak self] _ in
            let name = ProbeClock.thermalStateName(ProcessInfo.processInfo.thermalState)
            let tNs = ProbeClock.nowNs()
            self?.queue.async { self?.broadcast(["type": "thermal", "state": name, "tNs": String(tNs)]) }
            self?.status.update { $0.thermal = name }
        }
    }

    private func accept(_ nw: NWConnection) {
        let connection = ProbeConnection(nw, server: self)
        connections[ObjectIdentifier(connection)] = connection
        status.update { $0.connections += 1 }
        connection.start()
    }

    func closed(_ connection: ProbeConnection) {
        guard connections.removeValue(forKey: ObjectIdentifier(connection)) != nil else { return }
        status.update { $0.connections -= 1 }
        if let running, running.owner === connection { running.cancel() }
    }

    func broadcast(_ message: [String: Any]) {
        for connection in connections.values { connection.send(message) }
    }

    /// Starts a plan unless one is running; called on `queue`.
    func startPlan(_ plan: ProbePlan, for connection: ProbeConnection) {
        if let running {
            connection.sendError(id: plan.id, code: "busy", "Plan \(running.plan.id) is still running; wait for its done message or cancel it.")
            return
        }
        let runner = PlanRunner(plan: plan, owner: connection, send: { [weak connection] message in
            connection?.send(message)
        }, status: status)
        running = runner
        runner.run { [weak self] in
            self?.queue.async { if self?.running === runner { self?.running = nil } }
        }
    }

    func cancelPlan(id: String) {
        if let running, running.plan.id == id { running.cancel() }
    }
}

/// One host connection: JSON lines in, JSON lines out.
final class ProbeConnection {
    private let nw: NWConnection
    private unowned let server: ProbeServer
    private var buffer = Data()
    private var skippingLongLine = false

    init(_ nw: NWConnection, server: ProbeServer) {
        self.nw = nw
        self.server = server
    }

    func start() {
        nw.stateUpdateHandler = { [weak self] state in
            switch state {
            case .failed, .cancelled: if let self { self.server.closed(self) }
            default: break
            }
        }
        nw.start(queue: server.queue)
        receive()
    }

    private func receive() {
        nw.receive(minimumIncompleteLength: 1, maximumLength: 64 * 1024) { [weak self] data, _, isComplete, error in
            guard let self else { return }
            if let data, !data.isEmpty { self.consume(data) }
            if isComplete || error != nil {
                self.nw.cancel()
                self.server.closed(self)
                return
            }
            self.receive()
        }
    }

    private func consume(_ data: Data) {
        buffer.append(data)
        while let newline = buffer.firstIndex(of: 0x0A) {
            let line = buffer[buffer.startIndex..<newline]
            buffer.removeSubrange(buffer.startIndex...newline)
            if skippingLongLine {
                skippingLongLine = false
            } else if line.count > ProbeServer.maxLineBytes {
                tooLong(line.count)
            } else {
                handle(line: Data(line))
            }
        }
        if buffer.count > ProbeServer.maxLineBytes {
            if !skippingLongLine { tooLong(buffer.count) }
            skippingLongLine = true
            buffer.removeAll()
        }
    }

    private func tooLong(_ bytes: Int) {
        sendError(id: nil, code: "bad-message", "A line of \(bytes) bytes is longer than the \(ProbeServer.maxLineBytes) allowed; it was skipped.")
    }

    private func handle(line: Data) {
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { return }
        guard let object = try? JSONSerialization.jsonObject(with: line), let message = object as? [String: Any] else {
            sendError(id: nil, code: "bad-message", "A line is not JSON; each line must be one JSON object.")
            return
        }
        if let version = message["v"] as? Int, version != ProbeServer.protocolVersion {
            sendError(id: nil, code: "unsupported-version", "This app speaks protocol version \(ProbeServer.protocolVersion); the host sent version \(version).")
            return
        }
        do {
            switch try ProbeHostMessage.parse(message) {
            case .hello:
                send(helloMessage())
            case .clock(let hostMs):
                send(["type": "clock", "hostMs": hostMs, "tNs": String(ProbeClock.nowNs())])
            case .plan(let plan):
                server.startPlan(plan, for: self)
            case .cancel(let id):
                server.cancelPlan(id: id)
            }
        } catch let error as ProbeMessageError {
            sendError(id: nil, code: "bad-message", "The message does not follow the probe protocol: \(error.reason).")
        } catch {
            sendError(id: nil, code: "bad-message", "The message does not follow the probe protocol.")
        }
    }

    private func helloMessage() -> [String: Any] {
        var info = utsname()
        uname(&info)
        let productType = withUnsafeBytes(of: &info.machine) { raw in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        var computePlan = false
        if #available(iOS 17.4, *) { computePlan = true }
        return [
            "type": "hello",
            "app": "Tetherscope Probe",
            "appVersion": Bundle.main.infoDictionary?["CFBundleShortVersionString"] as? String ?? "1.0",
            "protocol": ProbeServer.protocolVersion,
            "osVersion": UIDeviceInfo.systemVersion,
            "productType": productType,
            "computePlan": computePlan,
            "thermalState": ProbeClock.thermalStateName(ProcessInfo.processInfo.thermalState),
            "virtual": false,
        ]
    }

    func sendError(id: String?, code: String, _ message: String) {
        send(["type": "error", "id": id ?? NSNull(), "code": code, "message": message])
    }

    /// Sends one message (any queue); every message carries the protocol version.
    func send(_ message: [String: Any]) {
        var message = message
        message["v"] = ProbeServer.protocolVersion
        guard var data = try? JSONSerialization.data(withJSONObject: message) else { return }
        data.append(0x0A)
        nw.send(content: data, completion: .contentProcessed { _ in })
    }
}
