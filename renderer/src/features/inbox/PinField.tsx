/** Longest PIN the contract accepts (4 to 12 digits). */
const PIN_MAX_DIGITS = 12;

export interface PinFieldProps {
  label: string;
  value: string;
  onChange(pin: string): void;
  testId: string;
  /** 'current-password' when entering a PIN, 'new-password' when choosing one. */
  autoComplete?: 'current-password' | 'new-password';
  autoFocus?: boolean;
}

/** The one PIN entry: a labelled numeric password field that takes digits only. */
export function PinField({ label, value, onChange, testId, autoComplete = 'new-password', autoFocus }: PinFieldProps) {
  return (
    <label className="field">
      {label}
      <input
        className="input"
        type="password"
        inputMode="numeric"
        autoComplete={autoComplete}
        autoFocus={autoFocus}
        maxLength={PIN_MAX_DIGITS}
        data-testid={testId}
        value={value}
        onChange={(e) => onChange(e.target.value.replace(/\D/g, ''))}
      />
    </label>
  );
}
