import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams } from 'react-router'
import { workspaceApi } from '../api/endpoints.ts'
import { errorMessage } from '../api/errorMessage.ts'
import { type Member, ROLES, type Role } from '../api/types.ts'
import { useResource } from '../api/useResource.ts'
import { ImportedCoders } from '../coding/ImportedCoders.tsx'
import { colourForUser } from '../identity/identity.ts'
import { useSession, useUser } from '../session/SessionContext.tsx'
import { FormAlert } from '../ui/FormAlert.tsx'
import { formatDate } from '../ui/formatDate.ts'
import { useSubmit } from '../ui/useSubmit.ts'
import { InviteLinks } from './InviteLinks.tsx'
import { canManageMembers, useWorkspace } from './useWorkspace.ts'

/** /w/:workspaceId/members — who is in the workspace; owners invite, change roles, remove. */
export function MembersPage() {
  const { workspaceId = '' } = useParams()
  const { t } = useTranslation()
  const workspace = useWorkspace(workspaceId)
  const members = useResource(() => workspaceApi.members(workspaceId), [workspaceId])
  const titleId = useId()
  const listTitleId = useId()
  const manage = canManageMembers(workspace.data?.role)
  const me = useUser()
  const name = workspace.data?.name

  useEffect(() => {
    document.title = name ? t('members.documentTitle', { name }) : t('app.name')
  }, [t, name])

  const loadError = workspace.error ?? members.error
  return (
    <section className="narrow-page wide" aria-labelledby={titleId}>
      <nav className="breadcrumb" aria-label={t('common.breadcrumb')}>
        <Link to={`/w/${encodeURIComponent(workspaceId)}`}>{name ?? '…'}</Link>
      </nav>
      <h1 id={titleId}>{t('members.title')}</h1>
      {loadError && (
        <p className="banner banner-denied" role="alert">
          {errorMessage(t, loadError)}
        </p>
      )}
      {manage && <InviteLinks workspaceId={workspaceId} />}
      <section aria-labelledby={listTitleId}>
        <h2 id={listTitleId} className="section-title">
          {t('members.listTitle')}
        </h2>
        {members.data && (
          <MemberTable
            workspaceId={workspaceId}
            members={members.data.members}
            manage={manage}
            onChanged={members.reload}
          />
        )}
      </section>
      {members.data && (
        <ImportedCoders workspaceId={workspaceId} members={members.data.members} manage={manage} />
      )}
      {workspace.data &&
        members.data &&
        // The last owner cannot leave (409 last_owner): not offered, said why.
        (isLastOwner(members.data.members, me.id) ? (
          <p className="card hint">{t('members.lastOwnerHint')}</p>
        ) : (
          <LeaveWorkspace workspaceId={workspaceId} />
        ))}
    </section>
  )
}

/** The workspace's only owner: they may neither leave nor lose the role (the server refuses both). */
function isLastOwner(members: Member[], userId: string): boolean {
  const owners = members.filter((m) => m.role === 'owner')
  return owners.length === 1 && owners[0]?.userId === userId
}

function MemberTable({
  workspaceId,
  members,
  manage,
  onChanged,
}: {
  workspaceId: string
  members: Member[]
  manage: boolean
  onChanged: () => void
}) {
  const { t, i18n } = useTranslation()
  const me = useUser()
  const action = useSubmit()
  return (
    <>
      <FormAlert message={action.formError} />
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('members.name')}</th>
            <th scope="col">{t('account.email')}</th>
            <th scope="col">{t('members.role')}</th>
            <th scope="col">{t('members.joined')}</th>
            {manage && (
              <th scope="col">
                <span className="visually-hidden">{t('common.actions')}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <tr key={member.userId}>
              <th scope="row">
                <span className="identity-name">
                  <span
                    className="identity-swatch"
                    style={{ backgroundColor: colourForUser(member.userId) }}
                    aria-hidden="true"
                  />
                  {member.name}
                  {member.userId === me.id && <span className="hint-inline">{t('members.you')}</span>}
                </span>
              </th>
              <td>{member.email}</td>
              <td>
                {manage && !isLastOwner(members, member.userId) ? (
                  <RoleEditor
                    member={member}
                    onSave={(role) =>
                      action.run(async () => {
                        await workspaceApi.changeRole(workspaceId, member.userId, role)
                        onChanged()
                      })
                    }
                  />
                ) : (
                  t(`roles.${member.role}`)
                )}
              </td>
              <td>{formatDate(member.joinedAt, i18n.language)}</td>
              {manage && (
                <td className="row-actions">
                  {member.userId !== me.id && (
                    <button
                      type="button"
                      className="button-danger"
                      aria-label={t('members.removeNamed', { name: member.name })}
                      onClick={() => {
                        if (!window.confirm(t('members.confirmRemove', { name: member.name }))) return
                        void action.run(async () => {
                          await workspaceApi.removeMember(workspaceId, member.userId)
                          onChanged()
                        })
                      }}
                    >
                      {t('members.remove')}
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}

/** A select and an explicit "apply": moving through options with the keyboard changes nothing. */
function RoleEditor({ member, onSave }: { member: Member; onSave: (role: Role) => Promise<void> }) {
  const { t } = useTranslation()
  const [role, setRole] = useState<Role>(member.role)
  useEffect(() => setRole(member.role), [member.role])
  return (
    <span className="role-editor">
      <select
        aria-label={t('members.roleOf', { name: member.name })}
        value={role}
        onChange={(event) => setRole(event.target.value as Role)}
      >
        {ROLES.map((value) => (
          <option key={value} value={value}>
            {t(`roles.${value}`)}
          </option>
        ))}
      </select>
      {role !== member.role && (
        <button
          type="button"
          aria-label={t('members.applyRoleNamed', { name: member.name })}
          onClick={() => void onSave(role)}
        >
          {t('members.applyRole')}
        </button>
      )}
    </span>
  )
}

function LeaveWorkspace({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation()
  const { reloadWorkspaces, setCurrentWorkspaceId } = useSession()
  const navigate = useNavigate()
  const leaving = useSubmit()
  return (
    <section className="card leave">
      <FormAlert message={leaving.formError} />
      <p>{t('members.leaveHelp')}</p>
      <button
        type="button"
        className="button-danger"
        disabled={leaving.pending}
        onClick={() => {
          if (!window.confirm(t('members.confirmLeave'))) return
          void leaving.run(async () => {
            await workspaceApi.leave(workspaceId)
            setCurrentWorkspaceId(null)
            await reloadWorkspaces()
            void navigate('/', { replace: true })
          })
        }}
      >
        {t('members.leave')}
      </button>
    </section>
  )
}
