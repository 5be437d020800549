import Foundation
import Network

/// Listens on 127.0.0.1:PROBE_PORT (usbmuxd's Connect reaches the phone's loopback) and serves each connection.
final class ProbeServer {
    static let port: UInt16 = 47800
    static let protocolVersion = 1
    static let maxLineBytes = 4 * 1024 * 1024

    let status: ProbeStatus
    let queue = DispatchQueue(label: "dev.tetherscope.probe.network")
    /// The current listener; only touched on `queue`. Replaced (never restarted: a failed or cancelled
    /// NWListener cannot start again) when it fails, when iOS cancels it, and when the app comes back from the
    /// background, since iOS may reclaim a suspended app's listening socket.
    private var listener: NWListener?
    /// Bumped for every new listener, so a restart scheduled for an older one does nothing.
    private var listenerGeneration = 0
    /// Restarts in a row that have not reached `.ready`, for the back-off.
    private var listenerFailures = 0
    /// Set when the app went to the background; the next return to the foreground re-creates the listener.
    private var wasInBackground = false
    private var connections: [ObjectIdentifier: ProbeConnection] = [:]
    /// The app runs one plan at a time, whichever connection asked for it.
    private(set) var running: PlanRunner?
    private var thermalObserver: NSObjectProtocol?

    init(status: ProbeStatus) {
        self.status = status
    }

    func start() {
        queue.async { self.startListener() }
        guard thermalObserver == nil else { return }
        thermalObserver = NotificationCenter.default.addObserver(
            forName: ProcessInfo.thermalStateDidChangeNotification, object: nil, queue: nil
        ) { [weak self] _ in
            let name = ProbeClock.thermalStateName(ProcessInfo.processInfo.thermalState)
            let tNs = ProbeClock.nowNs()
            self?.queue.async { self?.broadcast(["type": "thermal", "state": name, "tNs": String(tNs)]) }
            self?.status.update { $0.thermal = name }
        }
    }

    /// The app went to the background (scene phase `.background`): iOS may take the listening socket while
    /// the app is suspended.
    func appDidEnterBackground() {
        queue.async { self.wasInBackground = true }
    }

    /// The app is active again: re-create the listener if the app was in the background or the listener is gone,
    /// failed or cancelled (a pending delayed restart is then superseded). Open connections are left alone; a
    /// dead one ends through its own state handler.
    func appDidBecomeActive() {
        queue.async {
            var usable = false
            if let listener = self.listener {
                switch listener.state {
                case .failed, .cancelled: usable = false
                default: usable = true
                }
            }
            if self.wasInBackground || !usable {
                self.wasInBackground = false
                self.listenerFailures = 0
                self.startListener()
            }
        }
    }

    /// Cancels the current listener, if any, and starts a new one; on `queue`.
    private func startListener() {
        listenerGeneration += 1
        let generation = listenerGeneration
        if let old = listener {
            // Clear it first so its `.cancelled` is known to be ours and does not schedule a restart.
            listener = nil
            old.cancel()
        }
        let parameters = NWParameters.tcp
        parameters.requiredInterfaceType = .loopback
        parameters.allowLocalEndpointReuse = true
        let newListener: NWListener
        do {
            newListener = try NWListener(using: parameters, on: NWEndpoint.Port(rawValue: Self.port)!)
        } catch {
            status.update { $0.listening = "Cannot listen: \(error)" }
            scheduleListenerRestart(after: generation)
            return
        }
        newListener.newConnectionHandler = { [weak self] connection in self?.accept(connection) }
        newListener.stateUpdateHandler = { [weak self, weak newListener] state in
            // Updates from a listener we have replaced (and cancelled) are ignored.
            guard let self, let listener = newListener, self.listener === listener else { return }
            switch state {
            case .ready:
                self.listenerFailures = 0
                self.status.update { $0.listening = "Listening on port \(Self.port)" }
            case .waiting(let error):
                self.status.update { $0.listening = "Waiting to listen: \(error)" }
            case .failed(let error):
                self.status.update { $0.listening = "Cannot listen: \(error); trying again" }
                listener.cancel()
                self.scheduleListenerRestart(after: generation)
            case .cancelled:
                // Still the current listener and no restart pending (as after `.failed`): iOS cancelled it, not us.
                guard generation == self.listenerGeneration else { return }
                self.status.update { $0.listening = "Listener stopped; starting it again" }
                self.scheduleListenerRestart(after: generation)
            default:
                break
            }
        }
        listener = newListener
        status.update { $0.listening = "Starting…" }
        newListener.start(queue: queue)
    }

    /// Starts a new listener after a short delay (1 s, doubling up to 10 s), unless a newer one exists by then.
    private func scheduleListenerRestart(after generation: Int) {
        guard generation == listenerGeneration else { return }
        let delay = min(10.0, pow(2.0, Double(listenerFailures)))
        listenerFailures += 1
        // A later generation number marks this restart as taken, so `.failed` then `.cancelled` restart once.
        listenerGeneration += 1
        let pending = listenerGeneration
        queue.asyncAfter(deadline: .now() + delay) { [weak self] in
            guard let self, self.listenerGeneration == pending else { return }
            self.startListener()
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
        runner.run { [weak self, weak connection] last in
            guard let self else { return }
            // Free the server first, then say the plan is over: a host that sends its next plan as soon as it
            // reads `done` must not get `busy`.
            self.queue.async {
                if self.running === runner { self.running = nil }
                connection?.send(last)
            }
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
        if let version = JSONValue.integer(message["v"]), version != ProbeServer.protocolVersion {
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
        send(["type": "error", "id": JSONValue.orNull(id), "code": code, "message": message])
    }

    /// Sends one message (any queue); every message carries the protocol version.
    func send(_ message: [String: Any]) {
        var message = message
        message["v"] = ProbeServer.protocolVersion
        // data(withJSONObject:) raises an Objective-C exception (a crash) on what it cannot write, NaN for one.
        guard JSONSerialization.isValidJSONObject(message),
              var data = try? JSONSerialization.data(withJSONObject: message) else { return }
        data.append(0x0A)
        nw.send(content: data, completion: .contentProcessed { _ in })
    }
}
