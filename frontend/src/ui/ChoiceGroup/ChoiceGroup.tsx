// One choice among a few, as chips a thumb can hit: native radio buttons in a named fieldset,
// so keyboards and screen readers work as they do with any form. An error shows beneath.
import styles from './ChoiceGroup.module.css';

export interface Choice<V extends string> {
  value: V;
  label: string;
}

export interface ChoiceGroupProps<V extends string> {
  name: string;
  legend: string;
  choices: readonly Choice<V>[];
  value: V | null;
  onChange: (value: V) => void;
  error?: string | undefined;
}

export function ChoiceGroup<V extends string>({
  name,
  legend,
  choices,
  value,
  onChange,
  error,
}: ChoiceGroupProps<V>) {
  const errorId = `${name}-error`;
  return (
    <fieldset className={styles.group} aria-describedby={error ? errorId : undefined}>
      <legend>{legend}</legend>
      <div className={styles.chips}>
        {choices.map((choice) => (
          <label key={choice.value} className={value === choice.value ? styles.chosen : styles.chip}>
            <input
              type="radio"
              name={name}
              value={choice.value}
              checked={value === choice.value}
              onChange={() => {
                onChange(choice.value);
              }}
            />
            {choice.label}
          </label>
        ))}
      </div>
      {error && (
        <p id={errorId} className={styles.error}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
