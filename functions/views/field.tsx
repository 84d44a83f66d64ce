import type { Child, FC, JSX } from 'hono/jsx';

/** What every labelled field says besides its control. */
interface FieldText {
  id: string;
  label: string;
  /** Said under the label and tied to the control; none when the label says it all. */
  hint?: string;
  /** Shown under the control, announced and tied to it; marks the control invalid. */
  error?: string;
}

type FieldInputProps = JSX.IntrinsicElements['input'] & FieldText;
type FieldSelectProps = JSX.IntrinsicElements['select'] & FieldText & { children: Child };
type FieldTextareaProps = JSX.IntrinsicElements['textarea'] & FieldText & { value: string };

/** A control's aria attributes: the hint and error that describe it (in that order), and whether it is invalid. */
function ariaOf({ id, hint, error }: Omit<FieldText, 'label'>) {
  const describedBy = [hint !== undefined && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return { 'aria-describedby': describedBy || undefined, 'aria-invalid': error ? ('true' as const) : undefined };
}

/**
 * A field's label and hint above its control and its error below, the way
 * every Worker-rendered form writes them: hint and error are tied to the
 * control for screen readers, and the site's .field-hint / .field-error
 * classes style them like the guide pages' forms.
 */
const Field: FC<FieldText & { children: Child }> = ({ id, label, hint, error, children }) => (
  <>
    <label for={id}>{label}</label>
    {hint !== undefined && (
      <p class="field-hint" id={`${id}-hint`}>
        {hint}
      </p>
    )}
    {children}
    <FieldErrorText id={id} error={error} />
  </>
);

/** A field's error, announced; `id` is its control's (or fieldset's), which names it `<id>-error`. */
export const FieldErrorText: FC<{ id: string; error: string | undefined }> = ({ id, error }) =>
  error ? (
    <p class="field-error" id={`${id}-error`} role="alert">
      {error}
    </p>
  ) : null;

/** A labelled input with its hint and error. */
export const FieldInput: FC<FieldInputProps> = ({ id, label, hint, error, ...input }) => (
  <Field id={id} label={label} hint={hint} error={error}>
    <input id={id} {...input} {...ariaOf({ id, hint, error })} />
  </Field>
);

/** A labelled select (its options as children) with its hint and error. */
export const FieldSelect: FC<FieldSelectProps> = ({ id, label, hint, error, children, ...select }) => (
  <Field id={id} label={label} hint={hint} error={error}>
    <select id={id} {...select} {...ariaOf({ id, hint, error })}>
      {children}
    </select>
  </Field>
);

/** A labelled text area with its hint and error. */
export const FieldTextarea: FC<FieldTextareaProps> = ({ id, label, hint, error, value, ...textarea }) => (
  <Field id={id} label={label} hint={hint} error={error}>
    <textarea id={id} {...textarea} {...ariaOf({ id, hint, error })}>
      {value}
    </textarea>
  </Field>
);
