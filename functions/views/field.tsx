import type { FC, JSX } from 'hono/jsx';

type FieldInputProps = JSX.IntrinsicElements['input'] & {
  id: string;
  label: string;
  /** Said under the label and tied to the input; none when the label says it all. */
  hint?: string;
  /** Shown under the input and announced; marks the input invalid. */
  error?: string;
};

/**
 * A labelled input with its hint (and error), the way every Worker-rendered
 * form writes one: the hint is tied to the input for screen readers, and the
 * site's .field-hint / .field-error classes style it like the guide pages' forms.
 */
export const FieldInput: FC<FieldInputProps> = ({ id, label, hint, error, ...input }) => (
  <>
    <label for={id}>{label}</label>
    {hint !== undefined && (
      <p class="field-hint" id={`${id}-hint`}>
        {hint}
      </p>
    )}
    <input id={id} {...input} aria-describedby={hint !== undefined ? `${id}-hint` : undefined} aria-invalid={error ? 'true' : undefined} />
    {error && (
      <p class="field-error" role="alert">
        {error}
      </p>
    )}
  </>
);
