// Tetherscope Probe: benchmarks Core ML models for the Tetherscope desktop profiler. The host (over USB,
// through usbmuxd) pushes a model into this app's container and connects to PROBE_PORT; the app compiles,
// loads and times the model and streams JSON lines back. Protocol: src/shared/ios-probe/probe-protocol.ts.
import SwiftUI
import UIKit

@main
struct ProbeApp: App {
    @StateObject private var status = ProbeStatus()
    @State private var server: ProbeServer?
    @Environment(\.scenePhase) private var scenePhase

    var body: some Scene {
        WindowGroup {
            StatusView(status: status)
                .onAppear {
                    // Keep the screen on: iOS suspends a backgrounded app and its sockets.
                    UIApplication.shared.isIdleTimerDisabled = true
                    if server == nil {
                        let newServer = ProbeServer(status: status)
                        newServer.start()
                        server = newServer
                    }
                }
        }
        .onChange(of: scenePhase) { phase in
            // iOS may reclaim a suspended app's listening socket: the server re-creates its listener on return.
            switch phase {
            case .background: server?.appDidEnterBackground()
            case .active: server?.appDidBecomeActive()
            default: break
            }
        }
    }
}

/// What the screen shows; updated on the main queue.
final class ProbeStatus: ObservableObject {
    @Published var listening = "Starting…"
    @Published var connections = 0
    @Published var activity = "Waiting for Tetherscope"
    @Published var thermal = ProbeClock.thermalStateName(ProcessInfo.processInfo.thermalState)

    func update(_ change: @escaping (ProbeStatus) -> Void) {
        DispatchQueue.main.async { change(self) }
    }
}

struct StatusView: View {
    @ObservedObject var status: ProbeStatus

    var body: some View {
        VStack(alignment: .leading, spacing: 12) {
            Text("Tetherscope Probe").font(.largeTitle).bold()
            Text(status.listening)
            Text("Connections: \(status.connections)")
            Text("Thermal state: \(status.thermal)")
            Text(status.activity).font(.headline)
            Spacer()
            Text("Keep this app in the foreground while Tetherscope runs a plan.")
                .font(.footnote)
                .foregroundColor(.secondary)
        }
        .padding()
    }
}
