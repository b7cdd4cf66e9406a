import { useId, useState } from 'react';
import type { ReportingUnitRow, VillageRow } from '../../db/database';
import { useT } from '../../i18n/i18n';
import type { SessionUser } from '../../sync/session';
import {
  type AdminUser,
  adminFailureMessage,
  createUser,
  type Role,
  type UserChanges,
  updateUser,
} from './admin-api';
import { AccountTextField, RoleSelect, UnitChoice, VillageChecks } from './admin-fields';
import {
  type AccountErrors,
  assignableVillages,
  defaultVillageIds,
  displayNameError,
  normalizeUsername,
  passwordError,
  rolesFor,
  usernameError,
  villageIdsForRole,
  villagesError,
  withoutEmpty,
} from './user-form-values';

interface AccountValues {
  displayName: string;
  role: Role;
  villageIds: string[];
}

interface AccountFieldsProps {
  actor: SessionUser;
  villages: readonly VillageRow[];
  /** The commune's reporting units on this phone: a unit's account is given one of them. */
  units: readonly ReportingUnitRow[];
  values: AccountValues;
  onChange: (values: AccountValues) => void;
  errors: AccountErrors;
  /** The server refuses a change of one's own role, so it is not offered. */
  roleLocked?: boolean;
}

/** Name, role and villages (or a unit's account's unit): what both account forms ask for. */
function AccountFields({ actor, villages, units, values, onChange, errors, roleLocked }: AccountFieldsProps) {
  const t = useT();
  const roles = rolesFor(actor);
  const toggle = (id: string, checked: boolean) =>
    onChange({
      ...values,
      // Ids of villages not on this phone stay as they were: unticking is only possible for shown ones.
      villageIds: checked ? [...values.villageIds, id] : values.villageIds.filter((v) => v !== id),
    });
  return (
    <>
      <AccountTextField
        name="displayName"
        label={t('admin.displayName')}
        value={values.displayName}
        onChange={(displayName) => onChange({ ...values, displayName })}
        error={errors.displayName}
      />
      <RoleSelect
        value={values.role}
        // An account outside the actor's roles (never listed for a lead) still shows its own role.
        options={roles.includes(values.role) ? roles : [values.role, ...roles]}
        onChange={(role) =>
          onChange({
            ...values,
            role,
            villageIds: villageIdsForRole(values.role, role, values.villageIds, {
              unitIds: units.map((u) => u.id),
              defaultVillageIds: defaultVillageIds(actor, villages),
            }),
          })
        }
        hint={
          roleLocked ? t('admin.ownAccount') : actor.role === 'lead' ? t('admin.leadOnlyMembers') : undefined
        }
        disabled={roleLocked}
      />
      {values.role === 'unit' ? (
        <UnitChoice
          units={units}
          selected={values.villageIds[0]}
          onChoose={(unitId) => onChange({ ...values, villageIds: [unitId] })}
          error={errors.villageIds}
        />
      ) : (
        <VillageChecks
          villages={assignableVillages(actor, villages)}
          selected={values.villageIds}
          onToggle={toggle}
          hint={values.role === 'commune' ? t('admin.communeVillagesHint') : undefined}
          error={errors.villageIds}
        />
      )}
    </>
  );
}

function FormFooter({
  failure,
  saving,
  onCancel,
}: {
  failure: unknown;
  saving: boolean;
  onCancel: () => void;
}) {
  const t = useT();
  return (
    <>
      {failure !== undefined && (
        <p className="error" role="alert">
          {adminFailureMessage(t, failure)}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button" onClick={onCancel}>
          {t('app.cancel')}
        </button>
        <button type="submit" className="button primary" disabled={saving}>
          {saving ? t('app.saving') : t('admin.save')}
        </button>
      </div>
    </>
  );
}

interface CreateProps {
  actor: SessionUser;
  token: string;
  villages: readonly VillageRow[];
  units: readonly ReportingUnitRow[];
  onCreated: (user: AdminUser) => void;
  onCancel: () => void;
}

export function UserCreateForm({ actor, token, villages, units, onCreated, onCancel }: CreateProps) {
  const t = useT();
  const titleId = useId();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [account, setAccount] = useState<AccountValues>(() => ({
    displayName: '',
    role: 'member',
    villageIds: defaultVillageIds(actor, villages),
  }));
  const [errors, setErrors] = useState<AccountErrors>({});
  const [failure, setFailure] = useState<unknown>();
  const [saving, setSaving] = useState(false);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    const found = withoutEmpty({
      username: usernameError(username),
      displayName: displayNameError(account.displayName),
      password: passwordError(password),
      villageIds: villagesError(account.role, account.villageIds),
    });
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    try {
      const created = await createUser(token, {
        username: normalizeUsername(username),
        displayName: account.displayName.trim(),
        password,
        role: account.role,
        villageIds: account.villageIds,
      });
      onCreated(created);
    } catch (error) {
      setFailure(error);
      setSaving(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby={titleId}>
      <h3 id={titleId}>{t('admin.newUserTitle')}</h3>
      <AccountTextField
        name="username"
        kind="username"
        label={t('admin.username')}
        hint={t('admin.usernameHint')}
        value={username}
        onChange={setUsername}
        error={errors.username}
        autoFocus
      />
      <AccountTextField
        name="password"
        kind="new-password"
        label={t('admin.password')}
        value={password}
        onChange={setPassword}
        error={errors.password}
      />
      <AccountFields
        actor={actor}
        villages={villages}
        units={units}
        values={account}
        onChange={setAccount}
        errors={errors}
      />
      <FormFooter failure={failure} saving={saving} onCancel={onCancel} />
    </form>
  );
}

interface EditProps {
  actor: SessionUser;
  token: string;
  user: AdminUser;
  villages: readonly VillageRow[];
  units: readonly ReportingUnitRow[];
  onSaved: (user: AdminUser) => void;
  onCancel: () => void;
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id));
}

export function UserEditForm({ actor, token, user, villages, units, onSaved, onCancel }: EditProps) {
  const [account, setAccount] = useState<AccountValues>({
    displayName: user.displayName,
    role: user.role,
    villageIds: user.villageIds,
  });
  const [errors, setErrors] = useState<AccountErrors>({});
  const [failure, setFailure] = useState<unknown>();
  const [saving, setSaving] = useState(false);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    const found = withoutEmpty({
      displayName: displayNameError(account.displayName),
      villageIds: villagesError(account.role, account.villageIds),
    });
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    // Only what changed is sent: the audit log then records what the person actually edited.
    const changes: UserChanges = {};
    const displayName = account.displayName.trim();
    if (displayName !== user.displayName) changes.displayName = displayName;
    if (account.role !== user.role) changes.role = account.role;
    if (!sameIds(account.villageIds, user.villageIds)) changes.villageIds = account.villageIds;
    if (Object.keys(changes).length === 0) {
      onCancel();
      return;
    }
    setSaving(true);
    try {
      onSaved(await updateUser(token, user.id, changes));
    } catch (error) {
      setFailure(error);
      setSaving(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <AccountFields
        actor={actor}
        villages={villages}
        units={units}
        values={account}
        onChange={setAccount}
        errors={errors}
        roleLocked={user.id === actor.id}
      />
      <FormFooter failure={failure} saving={saving} onCancel={onCancel} />
    </form>
  );
}
