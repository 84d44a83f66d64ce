// An official's new recovery codes, shown once: after two-step set-up and
// after "new recovery codes" (functions/routes/admin/two-factor.tsx, security.tsx).
export function RecoveryCodeList({ codes }: { codes: string[] }) {
  return (
    <ul class="recovery-codes">
      {codes.map((code) => (
        <li>
          <code>{code}</code>
        </li>
      ))}
    </ul>
  );
}
