export type Role = 'admin' | 'member';

/** The two built-in roles, with what each gives in the words of PRODUCT.md §1. */
export function RoleField({
  id,
  value,
  onChange,
}: {
  id: string;
  value: Role;
  onChange: (role: Role) => void;
}) {
  return (
    <div class="people-field">
      <label for={id}>Role</label>
      <select
        id={id}
        value={value}
        aria-describedby={`${id}-hint`}
        onChange={(e) => onChange(e.currentTarget.value as Role)}
      >
        <option value="member">member</option>
        <option value="admin">admin</option>
      </select>
      <p id={`${id}-hint`} class="people-hint">
        A member reads the organization and manages its own keys; an admin can do everything in it.
      </p>
    </div>
  );
}
