import { useState } from 'react';
import { useT } from '../../i18n/i18n';
import { useToast } from '../../state/toast-store';
import type { Session } from '../../sync/session';
import { useUnits } from '../units/use-units';
import { type AdminUser, adminFailureMessage, listUsers } from './admin-api';
import { UserActions } from './UserActions';
import { UserCreateForm, UserEditForm } from './UserForm';
import { useLocalVillages } from './use-local-villages';
import { useServerData } from './use-server-data';

type Mode = { kind: 'list' } | { kind: 'new' } | { kind: 'edit'; id: string };

const byUsername = (a: AdminUser, b: AdminUser) => a.username.localeCompare(b.username);

/**
 * Accounts live on the server only, so this part needs a connection. The server lists and accepts
 * only the accounts the person may manage (a lead: the members of its villages).
 */
export function UserAdmin({ session }: { session: Session }) {
  const t = useT();
  const showToast = useToast((s) => s.show);
  const villages = useLocalVillages();
  const units = useUnits();
  const [mode, setMode] = useState<Mode>({ kind: 'list' });
  const { token, user: actor } = session;
  const { data: users, setData: setUsers, failure, load } = useServerData(token, listUsers);

  const replace = (changed: AdminUser) =>
    setUsers((list) => list?.map((u) => (u.id === changed.id ? changed : u)));
  const backToList = () => setMode({ kind: 'list' });

  const villageNames = new Map(villages?.map((v) => [v.id, v.name]));
  const unitNames = new Map(units?.map((u) => [u.id, u.name]));
  const villagesOf = (user: AdminUser) =>
    user.role === 'unit'
      ? t('admin.unitLine', {
          name: unitNames.get(user.villageIds[0] ?? '') ?? t('admin.unknownUnit'),
        })
      : user.villageIds.length === 0
        ? t('admin.noVillage')
        : t('admin.villagesLine', {
            names: user.villageIds.map((id) => villageNames.get(id) ?? t('admin.unknownVillage')).join(', '),
          });

  const editing = mode.kind === 'edit' ? users?.find((u) => u.id === mode.id) : undefined;

  return (
    <section aria-labelledby="admin-users">
      <h2 id="admin-users">{t('admin.users')}</h2>
      {failure !== undefined && (
        <div className="notice">
          <p className="error" role="alert">
            {adminFailureMessage(t, failure)}
          </p>
          <button type="button" className="button small" onClick={() => void load()}>
            {t('admin.retry')}
          </button>
        </div>
      )}
      {mode.kind === 'new' && (
        <UserCreateForm
          actor={actor}
          token={token}
          villages={villages ?? []}
          units={units ?? []}
          onCancel={backToList}
          onCreated={(created) => {
            setUsers((list) => [...(list ?? []), created].sort(byUsername));
            showToast({ message: t('admin.userCreated', { username: created.username }) });
            backToList();
          }}
        />
      )}
      {editing && (
        <div className="admin-panel">
          <h3>{t('admin.editUserTitle', { name: editing.displayName })}</h3>
          <p className="item-meta">@{editing.username}</p>
          <UserEditForm
            actor={actor}
            token={token}
            user={editing}
            villages={villages ?? []}
            units={units ?? []}
            onCancel={backToList}
            onSaved={(saved) => {
              replace(saved);
              showToast({ message: t('admin.saved') });
              backToList();
            }}
          />
          <UserActions token={token} user={editing} isSelf={editing.id === actor.id} onChanged={replace} />
        </div>
      )}
      {(mode.kind === 'list' || (mode.kind === 'edit' && !editing)) && users !== undefined && (
        <>
          <button type="button" className="button wide" onClick={() => setMode({ kind: 'new' })}>
            + {t('admin.addUser')}
          </button>
          {users.length === 0 ? (
            <p className="empty">{t('admin.noUsers')}</p>
          ) : (
            <ul className="list" data-testid="admin-user-list">
              {users.map((user) => (
                <li key={user.id} className="admin-item">
                  <div className="admin-item-text">
                    <span className="item-title">
                      {user.displayName}
                      {user.disabled && <span className="badge warn">{t('admin.disabled')}</span>}
                    </span>
                    <span className="item-meta">
                      @{user.username} · {t(`role.${user.role}`)}
                    </span>
                    <span className="item-meta">{villagesOf(user)}</span>
                  </div>
                  <button
                    type="button"
                    className="button small"
                    aria-label={t('admin.editUser', { name: user.displayName })}
                    onClick={() => setMode({ kind: 'edit', id: user.id })}
                  >
                    {t('app.edit')}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {users === undefined && failure === undefined && <p>{t('app.loading')}</p>}
    </section>
  );
}
