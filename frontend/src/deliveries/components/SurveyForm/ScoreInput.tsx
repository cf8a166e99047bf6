// A 1-5 score as five radio buttons drawn as stars: a fieldset a screen reader names.
import styles from './SurveyForm.module.css';

export interface ScoreInputProps {
  name: string;
  legend: string;
  value: number | null;
  scoreLabel: (score: number) => string;
  error?: string;
  onChange?: (score: number) => void;
}

export function ScoreInput({ name, legend, value, scoreLabel, error, onChange }: ScoreInputProps) {
  const errorId = `${name}-error`;
  return (
    <fieldset className={styles.score} aria-describedby={error ? errorId : undefined}>
      <legend>{legend}</legend>
      <div className={styles.stars}>
        {[1, 2, 3, 4, 5].map((score) => (
          <label key={score} className={value !== null && score <= value ? styles.on : styles.off}>
            <input
              type="radio"
              name={name}
              value={score}
              checked={value === score}
              disabled={!onChange}
              onChange={() => onChange?.(score)}
              aria-label={scoreLabel(score)}
            />
            <span aria-hidden="true">★</span>
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
