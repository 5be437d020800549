export function VirtualBadge() {
  return (
    <span className="badge virtual" title="A simulated phone: its numbers are a model, never a measurement.">
      virtual
    </span>
  );
}
