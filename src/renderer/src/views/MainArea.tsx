import { useAppStore } from '../store/store.js';

export function MainArea() {
  const selected = useAppStore((s) => s.devices.find((d) => d.id === s.selectedDeviceId) ?? null);
  return (
    <main className="main-area">
      {selected ? (
        <section>
          <h2>{selected.facts?.model ?? selected.id}</h2>
          <p className="muted">Run setup for this phone appears here.</p>
        </section>
      ) : (
        <section className="welcome">
          <h2>Profile a model on a phone</h2>
          <p>
            Tetherscope runs your model on the phone&apos;s NPU, GPU and CPU paths, records every inference&apos;s
            latency, the ops that fell back to the CPU, the power drawn and the temperature, and draws the paths side by
            side.
          </p>
          <p className="muted">Connect a phone or add a virtual phone on the left to begin.</p>
        </section>
      )}
    </main>
  );
}
