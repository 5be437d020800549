export function WarningsBanner({ warnings }: { warnings: readonly string[] }) {
  if (warnings.length === 0) return null;
  return (
    <div className="warnings" role="status" data-testid="session-warnings">
      <strong>{warnings.length === 1 ? 'Something to know about this session' : 'Some things to know about this session'}</strong>
      <ul>
        {warnings.map((w) => (
          <li key={w}>{w}</li>
        ))}
      </ul>
    </div>
  );
}
