import { useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { FrameBudget } from '../../../../shared/api.js';
import { formatMs } from '../../format/units.js';
import type { ChosenBudget } from '../../session/budget.js';
import { useAppStore } from '../../store/store.js';

type Option = 'device' | '60' | '90' | '120' | 'ms';

const optionOf = (b: FrameBudget): Option => (b.kind === 'device' ? 'device' : b.kind === 'ms' ? 'ms' : b.hz === 60 || b.hz === 90 || b.hz === 120 ? (String(b.hz) as Option) : 'ms');

export function BudgetSelector({ refreshHz, chosen }: { refreshHz: number | null; chosen: ChosenBudget | null }) {
  const { budget, overhead, setBudget, setOverhead } = useAppStore(
    useShallow((s) => ({ budget: s.budgetChoice, overhead: s.appOverheadMs, setBudget: s.setBudgetChoice, setOverhead: s.setAppOverheadMs })),
  );
  const [customMs, setCustomMs] = useState(budget.kind === 'ms' ? String(budget.ms) : '16.7');
  const [overheadText, setOverheadText] = useState(String(overhead));
  const ids = { select: useId(), custom: useId(), overhead: useId(), overheadHelp: useId() };
  const option = optionOf(budget);

  const choose = (o: Option): void => {
    if (o === 'device') setBudget({ kind: 'device' });
    else if (o === 'ms') {
      const ms = Number(customMs);
      setBudget({ kind: 'ms', ms: ms > 0 ? ms : 16.7 });
    } else setBudget({ kind: 'hz', hz: Number(o) });
  };
  const customValid = Number(customMs) > 0 && Number(customMs) <= 10_000;
  const overheadValid = overheadText.trim() === '' || (Number(overheadText) >= 0 && Number.isFinite(Number(overheadText)));

  return (
    <fieldset className="budget-selector">
      <legend>Frame budget</legend>
      <label htmlFor={ids.select}>Measure against</label>
      <select id={ids.select} value={option} onChange={(e) => choose(e.target.value as Option)}>
        <option value="device">{refreshHz ? `the phone’s rate (${Math.round(refreshHz)} Hz)` : 'the phone’s rate (not recorded)'}</option>
        <option value="60">60 Hz (16.67 ms)</option>
        <option value="90">90 Hz (11.11 ms)</option>
        <option value="120">120 Hz (8.33 ms)</option>
        <option value="ms">a budget in ms</option>
      </select>
      {option === 'ms' && (
        <span className="inline-field">
          <input
            id={ids.custom}
            type="number"
            inputMode="decimal"
            min="0.1"
            step="0.1"
            value={customMs}
            aria-label="Budget in milliseconds"
            aria-invalid={!customValid}
            onChange={(e) => {
              setCustomMs(e.target.value);
              const ms = Number(e.target.value);
              if (ms > 0 && ms <= 10_000) setBudget({ kind: 'ms', ms });
            }}
          />
          <span className="unit">ms</span>
        </span>
      )}
      <label htmlFor={ids.overhead}>App work per frame</label>
      <span className="inline-field">
        <input
          id={ids.overhead}
          type="number"
          inputMode="decimal"
          min="0"
          step="0.1"
          value={overheadText}
          aria-describedby={ids.overheadHelp}
          aria-invalid={!overheadValid}
          onChange={(e) => {
            setOverheadText(e.target.value);
            const ms = e.target.value.trim() === '' ? 0 : Number(e.target.value);
            if (Number.isFinite(ms) && ms >= 0) setOverhead(ms);
          }}
        />
        <span className="unit">ms</span>
      </span>
      <span id={ids.overheadHelp} className="muted field-help">
        {chosen
          ? `Your pre- and post-processing; the model gets ${formatMs(chosen.modelBudgetMs)} of the ${formatMs(chosen.budgetMs)} frame.`
          : 'The phone’s refresh rate was not recorded: pick 60, 90 or 120 Hz or a budget in ms.'}
      </span>
      {chosen && chosen.modelBudgetMs <= 0 && (
        <p className="error" role="alert">
          The app&apos;s own work takes the whole frame, so no inference can fit. Lower the app work per frame.
        </p>
      )}
    </fieldset>
  );
}
