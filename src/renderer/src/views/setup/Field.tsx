import type { ReactNode } from 'react';

/** A labelled control with its help and its error, both tied to it for screen readers. */
export function Field({ id, label, error, help, children }: { id: string; label: ReactNode; error?: string | undefined; help?: ReactNode; children: ReactNode }) {
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {help && (
        <span id={`${id}-help`} className="muted field-help">
          {help}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="error field-error">
          {error}
        </span>
      )}
    </div>
  );
}

/** aria attributes for a control inside a Field. */
export const described = (id: string, error: string | undefined, help = false): { 'aria-invalid': boolean; 'aria-describedby'?: string } => {
  const ids = [help ? `${id}-help` : null, error ? `${id}-error` : null].filter((x): x is string => x !== null);
  return ids.length ? { 'aria-invalid': Boolean(error), 'aria-describedby': ids.join(' ') } : { 'aria-invalid': false };
};
