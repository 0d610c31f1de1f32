/** Pieces the administration pages share: what the last post did, and a labelled choice. */
export function Outcome({ answer }: { answer: { error?: string | null; done?: string | null } | undefined }) {
  return (
    <>
      {answer?.error && (
        <p className="banner error-banner" role="alert">
          {answer.error}
        </p>
      )}
      {answer?.done && (
        <p className="banner ok-banner" role="status">
          {answer.done}
        </p>
      )}
    </>
  );
}

export function Choice({
  name,
  options,
  defaultValue,
  label,
}: {
  name: string;
  options: { value: string; label: string }[];
  defaultValue?: string;
  /** For a choice with no visible label beside it. */
  label?: string;
}) {
  return (
    <select name={name} defaultValue={defaultValue ?? options[0]?.value} aria-label={label}>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
